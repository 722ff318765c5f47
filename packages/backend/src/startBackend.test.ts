import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

// Starts the real backend the way the README says, with an extra config that
// adds a `file` catalog location, and waits for the runbooks API to answer.
jest.setTimeout(240_000);

const repoRoot = path.resolve(__dirname, '../../..');
const token = 'e2e-static-token-0123456789abcdefghij';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function writeFixture(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-e2e-'));
  fs.mkdirSync(path.join(dir, 'checkout', 'runbooks'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'checkout', 'catalog-info.yaml'),
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: e2e-checkout',
      '  annotations:',
      '    runbooks/location: dir:./runbooks',
      'spec: { type: service, lifecycle: production, owner: group:default/e2e }',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'checkout', 'runbooks', 'payment-timeouts.md'),
    '---\ntitle: Payment timeouts\nalerts: [CheckoutPaymentTimeouts]\n---\n# Payment timeouts\n\n## Check the provider\n',
  );
  const extra = path.join(dir, 'extra.yaml');
  fs.writeFileSync(
    extra,
    JSON.stringify({
      app: { baseUrl: `http://localhost:${port}` },
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(dir, 'db') },
        },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'e2e-tests' } },
          ],
        },
      },
      catalog: {
        locations: [
          {
            type: 'file',
            target: path.join(dir, 'checkout', 'catalog-info.yaml'),
          },
        ],
      },
    }),
  );
  return { dir, extra };
}

async function poll<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  deadline: number,
): Promise<T> {
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`Timed out waiting for ${what}: ${last}`);
}

describe('the backend started alone with an extra config', () => {
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });

  it('answers the runbooks API for an entity of a file location within two minutes', async () => {
    const port = await freePort();
    const { extra } = writeFixture(port);
    const started = Date.now();
    child = spawn(
      'npm',
      [
        'run',
        'start:backend',
        '--',
        '--config',
        path.join(repoRoot, 'app-config.yaml'),
        '--config',
        extra,
      ],
      { cwd: repoRoot, detached: true, env: { ...process.env, CI: '' } },
    );
    child.stdout?.on('data', d => (output += d));
    child.stderr?.on('data', d => (output += d));
    const base = `http://localhost:${port}/api/runbooks`;
    const auth = { Authorization: `Bearer ${token}` };
    const deadline = started + 120_000;

    try {
      const health = await poll(
        'health',
        async () => {
          const res = await fetch(`${base}/health`);
          return res.ok ? res.json() : undefined;
        },
        deadline,
      );
      expect(health).toEqual({ status: 'ok' });

      const entity = await poll(
        'the entity runbooks',
        async () => {
          const res = await fetch(
            `${base}/entities/default/component/e2e-checkout`,
            { headers: auth },
          );
          return res.ok ? res.json() : undefined;
        },
        deadline,
      );
      expect(entity.runbooks).toEqual([
        expect.objectContaining({
          id: 'payment-timeouts',
          title: 'Payment timeouts',
          alerts: ['CheckoutPaymentTimeouts'],
          viewUrl:
            '/catalog/default/component/e2e-checkout/runbooks/payment-timeouts',
        }),
      ]);

      const runbook = await (
        await fetch(
          `${base}/entities/default/component/e2e-checkout/runbooks/payment-timeouts`,
          { headers: auth },
        )
      ).json();
      expect(runbook.headings).toContainEqual({
        depth: 2,
        text: 'Check the provider',
        anchor: 'check-the-provider',
      });

      const anonymous = await fetch(
        `${base}/entities/default/component/e2e-checkout`,
      );
      expect(anonymous.status).toBe(401);
      const wrongToken = await fetch(
        `${base}/entities/default/component/e2e-checkout`,
        { headers: { Authorization: 'Bearer not-the-token' } },
      );
      expect(wrongToken.status).toBe(401);
    } catch (error) {
      throw new Error(
        `${error}\n--- backend output ---\n${output.slice(-4000)}`,
      );
    }
  });
});
