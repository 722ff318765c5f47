import { InputError, NotFoundError } from '@backstage/errors';
import {
  outsider,
  startActionsBackend,
} from './__testUtils__/startActionsBackend';

jest.setTimeout(60_000);

describe('get-runbook', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    backend = await startActionsBackend();
  });

  it('answers the runbook with markdown, headings, status and link', async () => {
    const runbook = await backend.invoke('get-runbook', {
      entityRef: 'component:default/payments',
      runbookId: 'old-cert',
    });
    expect(runbook).toMatchObject({
      entityRef: 'component:default/payments',
      id: 'old-cert',
      title: 'Renew the certificate',
      status: 'stale',
      lastReviewed: expect.stringMatching(/^2020-01-01/),
      url: 'http://portal.example.com/catalog/default/component/payments/runbooks/old-cert',
      markdown: expect.stringContaining('# Renew the certificate'),
      headings: [
        {
          depth: 1,
          text: 'Renew the certificate',
          anchor: 'renew-the-certificate',
        },
      ],
    });
    expect(runbook.section).toBeUndefined();
  });

  it('answers the section under an anchor, down to the next heading of its level', async () => {
    const runbook = await backend.invoke('get-runbook', {
      entityRef: 'payments',
      runbookId: 'db-failover',
      anchor: 'promote-the-replica',
    });
    expect(runbook.section).toBe(
      [
        '## Promote the replica',
        '',
        'Run `pg_ctl promote` on the replica.',
        '',
        '### Check replication lag',
        '',
        'Lag must be under 1 s.',
      ].join('\n'),
    );
  });

  it('fails with NotFoundError for an unknown runbook or an entity the caller may not read', async () => {
    await expect(
      backend.invoke('get-runbook', {
        entityRef: 'payments',
        runbookId: 'nope',
      }),
    ).rejects.toThrow(
      'component:default/payments has no runbook with id "nope"',
    );
    await expect(
      backend.invoke(
        'get-runbook',
        { entityRef: 'component:default/ledger', runbookId: 'ledger-db' },
        outsider,
      ),
    ).rejects.toThrow(NotFoundError);
    await expect(
      backend.invoke(
        'get-runbook',
        { entityRef: 'component:default/ledger', runbookId: 'ledger-db' },
        outsider,
      ),
    ).rejects.toThrow(
      'No entity component:default/ledger in the catalog, or you may not read it',
    );
  });

  it('refuses input without a runbook id', async () => {
    await expect(
      backend.invoke('get-runbook', { entityRef: 'payments' }),
    ).rejects.toThrow(InputError);
  });
});
