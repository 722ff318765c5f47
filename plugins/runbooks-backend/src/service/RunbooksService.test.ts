import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RUNBOOKS_LOCATION_ANNOTATION } from '@runbooks-for-backstage/plugin-runbooks-common';
import { DEFAULT_SEVERITIES, RunbooksConfig } from '../config';
import { DatabaseRunbooksStore } from '../database/DatabaseRunbooksStore';
import { RunbooksRefresher } from './RunbooksRefresher';
import { DefaultRunbooksService } from './DefaultRunbooksService';
import { EntitySnapshot } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ref = { kind: 'component', namespace: 'default', name: 'payments' };
const entityRef = 'component:default/payments';

const config = {
  reviewInterval: { days: 90 },
  reviewIntervalText: '90d',
  dueSoonWindow: { days: 14 },
  severities: DEFAULT_SEVERITIES,
} as RunbooksConfig;

const runbook = (id: string, lastReviewed?: string) => ({
  id,
  title: id,
  path: `${id}.md`,
  alerts: [],
  missing: false,
  ...(lastReviewed ? { lastReviewed } : {}),
  markdown: `# ${id}`,
  headings: [],
});

const snapshot = (runbooks: EntitySnapshot['runbooks']): EntitySnapshot => ({
  entityRef,
  entityTitle: 'Payments',
  owner: 'group:default/payments-team',
  refreshedAt: '2026-03-01T00:00:00.000Z',
  problems: [],
  alerts: [
    { alert: 'PaymentsDown', runbookId: 'failover', source: 'annotation' },
  ],
  alertRules: [],
  alertsWithoutRunbook: [],
  escalation: [],
  runbooks,
});

describe.each(databases.eachSupportedId())(
  'RunbooksService replicas on %p',
  databaseId => {
    async function twoReplicas() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseRunbooksStore.create({ database });
      const catalog = catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'payments',
              annotations: { [RUNBOOKS_LOCATION_ANNOTATION]: 'dir:./runbooks' },
            },
            spec: { owner: 'group:default/payments-team' },
          },
        ],
      });
      let now = new Date('2026-11-23T00:00:00Z');
      /** Moves the clock past the time a replica reuses answers unchecked. */
      const later = () => {
        now = new Date(now.getTime() + 1_000);
      };
      const replica = () =>
        new DefaultRunbooksService({
          store,
          refresher: {
            refreshEntity: () => {
              throw new Error('not expected to refresh in this test');
            },
          } as unknown as RunbooksRefresher,
          catalog,
          auth: mockServices.auth(),
          permissions: mockServices.permissions(),
          config,
          now: () => now,
        });
      return { store, a: replica(), b: replica(), later };
    }

    const user = mockCredentials.user('user:default/jo');

    it('shows a review at once on the replica that recorded it, and within a second on the other', async () => {
      const { store, a, b, later } = await twoReplicas();
      await store.saveSnapshot(snapshot([runbook('failover', '2026-01-01')]));
      for (const replica of [a, b]) {
        expect(
          (await replica.getEntityRunbooks(ref, user)).runbooks[0].status,
        ).toBe('stale');
        expect(
          (await replica.lookupAlert('PaymentsDown', {}, user)).matches[0]
            .runbook.status,
        ).toBe('stale');
      }

      await a.recordReview(ref, 'failover', 'checked', user);
      const fresh = {
        status: 'fresh',
        reviewedBy: 'user:default/jo',
      };
      expect((await a.getEntityRunbooks(ref, user)).runbooks[0]).toMatchObject(
        fresh,
      );
      expect(
        (await a.lookupAlert('PaymentsDown', {}, user)).matches[0].runbook,
      ).toMatchObject(fresh);

      later();
      expect((await b.getEntityRunbooks(ref, user)).runbooks[0]).toMatchObject(
        fresh,
      );
      expect(
        (await b.lookupAlert('PaymentsDown', {}, user)).matches[0].runbook,
      ).toMatchObject(fresh);
    });

    it('shows within a second what another replica refreshed or flagged unreachable', async () => {
      const { store, b, later } = await twoReplicas();
      await store.saveSnapshot(snapshot([runbook('failover')]));
      expect(
        (await b.getEntityRunbooks(ref, user)).runbooks.map(r => r.id),
      ).toEqual(['failover']);
      expect(
        (await b.lookupAlert('PaymentsDown', {}, user)).matches,
      ).toHaveLength(1);

      // Another replica's refresh: same refreshedAt, new content.
      await store.saveSnapshot({
        ...snapshot([runbook('failover'), runbook('rollback')]),
        alerts: [],
      });
      later();
      expect(
        (await b.getEntityRunbooks(ref, user)).runbooks.map(r => r.id),
      ).toEqual(['failover', 'rollback']);
      await expect(b.lookupAlert('PaymentsDown', {}, user)).rejects.toThrow(
        'No runbook answers alert "PaymentsDown"',
      );

      await store.markSourceUnreachable(entityRef, {
        since: '2026-11-22T00:00:00.000Z',
        message: 'connection refused',
      });
      later();
      const flagged = await b.getEntityRunbooks(ref, user);
      expect(flagged.problems.map(p => p.message)).toEqual([
        expect.stringContaining(
          'Runbook source unreachable since 2026-11-22T00:00:00.000Z',
        ),
      ]);
    });
  },
);
