import { InputError, NotFoundError } from '@backstage/errors';
import {
  outsider,
  startActionsBackend,
} from './__testUtils__/startActionsBackend';

jest.setTimeout(60_000);

describe('find-runbooks-for-alert', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    backend = await startActionsBackend();
  });

  it('is registered read-only, with a description and schemas an assistant can read', async () => {
    const { actions } = await backend.registry.list();
    const action = actions.find(a => a.name === 'find-runbooks-for-alert');
    expect(action).toMatchObject({
      title: 'Find the runbook for an alert',
      attributes: { readOnly: true, destructive: false, idempotent: true },
      schema: {
        input: {
          type: 'object',
          required: ['alertName'],
          properties: {
            alertName: expect.objectContaining({ type: 'string' }),
            labels: expect.objectContaining({ type: 'object' }),
            entityRef: expect.objectContaining({ type: 'string' }),
          },
        },
      },
    });
    expect(action!.description).toContain('stale');
  });

  it('answers every readable runbook for the alert with markdown, status and portal links', async () => {
    const answer = await backend.invoke('find-runbooks-for-alert', {
      alertName: 'PaymentsDbDown',
    });
    expect(answer.alert).toBe('PaymentsDbDown');
    const byEntity = Object.fromEntries(
      answer.matches.map((m: any) => [m.entityRef, m]),
    );
    expect(Object.keys(byEntity).sort()).toEqual([
      'component:default/ledger',
      'component:default/payments',
    ]);
    expect(byEntity['component:default/payments']).toMatchObject({
      owner: 'group:default/payments',
      url: 'http://portal.example.com/catalog/default/component/payments/runbooks/db-failover',
      runbook: {
        id: 'db-failover',
        title: 'Database failover',
        status: 'fresh',
        url: 'http://portal.example.com/catalog/default/component/payments/runbooks/db-failover',
      },
    });
    expect(byEntity['component:default/payments'].markdown).toContain(
      'Run `pg_ctl promote` on the replica.',
    );
    expect(byEntity['component:default/ledger'].runbook.status).toBe(
      'never-reviewed',
    );
  });

  it('answers the section the alert mapping points at', async () => {
    const answer = await backend.invoke('find-runbooks-for-alert', {
      alertName: 'PaymentsQueueStuck',
    });
    expect(answer.matches).toHaveLength(1);
    expect(answer.matches[0]).toMatchObject({
      anchor: 'drain-the-queue',
      url: 'http://portal.example.com/catalog/default/component/payments/runbooks/queue-stuck#drain-the-queue',
      section: '## Drain the queue\n\n```sh\n# not a heading\nqueue drain\n```',
    });
  });

  it('narrows by entity, and leaves markdown out when asked to', async () => {
    const answer = await backend.invoke('find-runbooks-for-alert', {
      alertName: 'PaymentsDbDown',
      entityRef: 'ledger',
      includeMarkdown: false,
    });
    expect(answer.matches).toEqual([
      expect.objectContaining({ entityRef: 'component:default/ledger' }),
    ]);
    expect(answer.matches[0].markdown).toBeUndefined();
  });

  it('narrows by the alert labels that name the service', async () => {
    const answer = await backend.invoke('find-runbooks-for-alert', {
      alertName: 'PaymentsDbDown',
      labels: { service: 'payments', severity: 'critical' },
    });
    expect(answer.matches.map((m: any) => m.entityRef)).toEqual([
      'component:default/payments',
    ]);
  });

  it('gives a user nothing of an entity they may not read', async () => {
    const answer = await backend.invoke(
      'find-runbooks-for-alert',
      { alertName: 'PaymentsDbDown' },
      outsider,
    );
    expect(answer.matches.map((m: any) => m.entityRef)).toEqual([
      'component:default/payments',
    ]);
    expect(JSON.stringify(answer)).not.toContain('ledger');
    await expect(
      backend.invoke(
        'find-runbooks-for-alert',
        { alertName: 'PaymentsDbDown', entityRef: 'component:default/ledger' },
        outsider,
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('fails with NotFoundError for an alert no runbook answers', async () => {
    await expect(
      backend.invoke('find-runbooks-for-alert', { alertName: 'NobodyKnows' }),
    ).rejects.toThrow('No runbook answers alert "NobodyKnows"');
  });

  it('refuses invalid input before looking anything up', async () => {
    await expect(
      backend.invoke('find-runbooks-for-alert', { labels: { a: 'b' } }),
    ).rejects.toThrow(InputError);
    await expect(
      backend.invoke('find-runbooks-for-alert', { alertName: 'x'.repeat(300) }),
    ).rejects.toThrow(InputError);
    await expect(
      backend.invoke('find-runbooks-for-alert', {
        alertName: 'PaymentsDbDown',
        entityRef: 'component:default/',
      }),
    ).rejects.toThrow(InputError);
  });
});
