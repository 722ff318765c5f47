import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  BackendProcess,
  guestToken,
  startBackend,
  waitFor,
} from './backendProcess';

// A real MCP client against the demo backend's MCP endpoint, connecting the
// way the README tells an assistant to: the portal URL and a token.
jest.setTimeout(240_000);

// The README's token for assistants: it may call the MCP endpoint, and the
// runbooks plugin that the MCP plugin calls on its behalf, nothing else.
const assistantToken = 'e2e-assistant-token-0123456789abcdef';
const mcpOnlyToken = 'e2e-mcp-only-token-0123456789abcdef';
const externalAccess = [
  {
    type: 'static',
    options: { token: assistantToken, subject: 'ai-assistants' },
    accessRestrictions: [{ plugin: 'mcp-actions' }, { plugin: 'runbooks' }],
  },
  {
    type: 'static',
    options: { token: mcpOnlyToken, subject: 'mcp-only' },
    accessRestrictions: [{ plugin: 'mcp-actions' }],
  },
];

const RUNBOOKS_TOOLS = [
  'runbooks.find-runbooks-for-alert',
  'runbooks.get-entity-runbooks',
  'runbooks.get-on-call',
  'runbooks.get-runbook',
  'runbooks.list-runbooks-needing-review',
];

async function connect(baseUrl: string, token?: string) {
  const client = new Client({ name: 'runbooks-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${baseUrl}/api/mcp-actions/v1`),
      {
        requestInit: token
          ? { headers: { Authorization: `Bearer ${token}` } }
          : undefined,
      },
    ),
  );
  return client;
}

describe('the runbooks actions over MCP', () => {
  let backend: BackendProcess | undefined;
  const clients: Client[] = [];

  beforeAll(async () => {
    const started = Date.now();
    backend = await startBackend({ backend: { auth: { externalAccess } } });
    // Reading the entity once fills its alert index, as the scheduled refresh would.
    await waitFor(
      'the runbooks of kubernetes-control-plane',
      async () => {
        const res = await backend!.api(
          '/api/runbooks/entities/default/component/kubernetes-control-plane',
        );
        return res.ok ? true : undefined;
      },
      120_000 - (Date.now() - started),
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await backend?.stop();
  });

  it('lists the runbooks actions and finds the runbook of a firing alert, with its markdown and status', async () => {
    const client = await connect(backend!.baseUrl, assistantToken);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name).sort()).toEqual(RUNBOOKS_TOOLS);
    const find = tools.find(t => t.name === 'runbooks.find-runbooks-for-alert');
    expect(find?.annotations).toMatchObject({ readOnlyHint: true });
    expect(find?.inputSchema.required).toEqual(['alertName']);

    const result = await client.callTool({
      name: 'runbooks.find-runbooks-for-alert',
      arguments: {
        alertName: 'KubePodCrashLooping',
        labels: { namespace: 'payments', severity: 'warning' },
      },
    });
    expect(result.isError).toBeFalsy();
    const answer = result.structuredContent as any;
    expect(answer.alert).toBe('KubePodCrashLooping');
    expect(answer.matches).toHaveLength(1);
    expect(answer.matches[0]).toMatchObject({
      entityRef: 'component:default/kubernetes-control-plane',
      owner: 'group:default/observability',
      url: `${
        backend!.baseUrl
      }/catalog/default/component/kubernetes-control-plane/runbooks/kubepodcrashlooping`,
      runbook: {
        title: 'Kube Pod Crash Looping',
        // None of the upstream runbooks carries a review date.
        status: 'never-reviewed',
      },
    });
    expect(answer.matches[0].markdown).toContain('# KubePodCrashLooping');
    expect(answer.matches[0].markdown).toContain('## Diagnosis');
    // The text content is what assistants without structured output read.
    const [text] = result.content as Array<{ type: string; text: string }>;
    expect(JSON.parse(text.text)).toEqual(answer);
  });

  it("answers a signed-in user's token too, and a tool error for an alert no runbook answers", async () => {
    const client = await connect(
      backend!.baseUrl,
      await guestToken(backend!.baseUrl),
    );
    clients.push(client);
    const onCall = await client.callTool({
      name: 'runbooks.get-on-call',
      arguments: { entityRef: 'component:default/prometheus' },
    });
    expect(onCall.isError).toBeFalsy();
    expect(onCall.structuredContent).toMatchObject({
      provider: 'schedule',
      onCallNow: [
        {
          level: 1,
          contacts: [{ ref: expect.stringMatching(/^user:default\//) }],
        },
      ],
      escalation: [{ level: 1 }, { level: 2 }, { level: 3 }],
    });
    const result = await client.callTool({
      name: 'runbooks.find-runbooks-for-alert',
      arguments: { alertName: 'NobodyDefinesThisAlert' },
    });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: 'text',
        text: 'NotFoundError: No runbook answers alert "NobodyDefinesThisAlert"',
      },
    ]);
  });

  it('offers no runbooks tools to a token restricted to the MCP plugin alone', async () => {
    const client = await connect(backend!.baseUrl, mcpOnlyToken);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools).toEqual([]);
  });

  it('refuses a client without a token', async () => {
    await expect(connect(backend!.baseUrl)).rejects.toThrow(/401/);
  });
});
