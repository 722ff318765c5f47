import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  outsider,
  startActionsBackend,
} from './__testUtils__/startActionsBackend';

jest.setTimeout(60_000);

describe('get-entity-runbooks', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    backend = await startActionsBackend();
  });

  it("answers the entity's runbooks with status and links, its alerts and escalation, without markdown", async () => {
    const answer = await backend.invoke('get-entity-runbooks', {
      entityRef: 'component:default/payments',
    });
    expect(answer.entityRef).toBe('component:default/payments');
    expect(answer.runbooks.map((r: any) => [r.id, r.status]).sort()).toEqual([
      ['db-failover', 'fresh'],
      ['old-cert', 'stale'],
      ['queue-stuck', 'never-reviewed'],
    ]);
    expect(answer.runbooks[0].url).toMatch(
      /^http:\/\/portal\.example\.com\/catalog\/default\/component\/payments\/runbooks\//,
    );
    expect(answer.runbooks[0].markdown).toBeUndefined();
    expect(answer.runbooks[0].viewUrl).toBeUndefined();
    expect(answer.alerts).toContainEqual({
      alert: 'PaymentsQueueStuck',
      runbookId: 'queue-stuck',
      anchor: 'drain-the-queue',
      source: 'annotation',
    });
    expect(answer.escalation).toEqual([
      {
        level: 1,
        contacts: [
          {
            ref: 'user:default/jane.doe',
            name: 'Jane Doe',
            email: 'jane.doe@example.com',
          },
        ],
      },
      {
        level: 2,
        contacts: [
          { uri: 'mailto:leads@example.com', name: 'leads@example.com' },
        ],
      },
    ]);
    expect(answer.severities.map((s: any) => s.name)).toEqual([
      'P0',
      'P1',
      'P2',
      'P3',
    ]);
  });

  it('gives a user nothing of an entity they may not read', async () => {
    await expect(
      backend.invoke('get-entity-runbooks', { entityRef: 'ledger' }, outsider),
    ).rejects.toThrow(NotFoundError);
    const readable = await backend.invoke('get-entity-runbooks', {
      entityRef: 'ledger',
    });
    expect(readable.runbooks.map((r: any) => r.id)).toEqual(['ledger-db']);
  });

  it('answers services (an MCP client with a static token) as the HTTP API does', async () => {
    const answer = await backend.invoke(
      'get-entity-runbooks',
      { entityRef: 'ledger' },
      mockCredentials.service('plugin:mcp-actions'),
    );
    expect(answer.entityRef).toBe('component:default/ledger');
  });

  it('refuses a malformed entity reference', async () => {
    await expect(
      backend.invoke('get-entity-runbooks', { entityRef: 'a:b:c/d/e' }),
    ).rejects.toThrow(InputError);
    await expect(
      backend.invoke('get-entity-runbooks', { entityRef: '' }),
    ).rejects.toThrow(InputError);
  });
});
