import { InputError } from '@backstage/errors';
import {
  outsider,
  startActionsBackend,
} from './__testUtils__/startActionsBackend';

jest.setTimeout(60_000);

describe('list-runbooks-needing-review', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    backend = await startActionsBackend();
  });

  it("lists an owner's stale and never-reviewed runbooks by entity, whichever way spec.owner names the group", async () => {
    const answer = await backend.invoke('list-runbooks-needing-review', {
      owner: 'payments',
    });
    expect(answer.owner).toBe('group:default/payments');
    const byEntity = Object.fromEntries(
      answer.entities.map((e: any) => [
        e.entityRef,
        e.runbooks.map((r: any) => [r.id, r.status]).sort(),
      ]),
    );
    // payments names its owner group:default/payments, ledger just "payments".
    expect(byEntity).toEqual({
      'component:default/payments': [
        ['old-cert', 'stale'],
        ['queue-stuck', 'never-reviewed'],
      ],
      'component:default/ledger': [['ledger-db', 'never-reviewed']],
    });
    expect(answer.totals).toEqual({ stale: 1, neverReviewed: 2, dueSoon: 0 });
    expect(answer.entities[0].runbooks[0].url).toMatch(
      /^http:\/\/portal\.example\.com\/catalog\//,
    );
  });

  it('lists only the statuses asked for', async () => {
    const answer = await backend.invoke('list-runbooks-needing-review', {
      owner: 'group:default/payments',
      statuses: ['stale'],
    });
    expect(
      answer.entities.flatMap((e: any) => e.runbooks.map((r: any) => r.id)),
    ).toEqual(['old-cert']);
  });

  it('counts only the entities the caller may read', async () => {
    const answer = await backend.invoke(
      'list-runbooks-needing-review',
      { owner: 'group:default/payments' },
      outsider,
    );
    expect(answer.entities.map((e: any) => e.entityRef)).toEqual([
      'component:default/payments',
    ]);
    expect(answer.totals.neverReviewed).toBe(1);
  });

  it('answers an empty list for an owner with nothing to review', async () => {
    const answer = await backend.invoke('list-runbooks-needing-review', {
      owner: 'group:default/nobody',
    });
    expect(answer).toEqual({
      owner: 'group:default/nobody',
      entities: [],
      totals: { stale: 0, neverReviewed: 0, dueSoon: 0 },
    });
  });

  it('refuses unknown statuses and a missing owner', async () => {
    await expect(
      backend.invoke('list-runbooks-needing-review', {
        owner: 'payments',
        statuses: ['rotten'],
      }),
    ).rejects.toThrow(InputError);
    await expect(
      backend.invoke('list-runbooks-needing-review', {}),
    ).rejects.toThrow(InputError);
  });
});
