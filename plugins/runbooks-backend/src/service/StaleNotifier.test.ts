import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseRunbooksStore } from './DatabaseRunbooksStore';
import { StaleNotifier } from './StaleNotifier';
import { EntitySnapshot } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const config = {
  reviewInterval: { days: 90 },
  reviewIntervalText: '90d',
  dueSoonWindow: { days: 14 },
};

const snapshot: EntitySnapshot = {
  entityRef: 'component:default/payments',
  entityTitle: 'Payments',
  owner: 'group:default/payments-team',
  refreshedAt: '2026-01-01T00:00:00.000Z',
  problems: [],
  alerts: [],
  alertRules: [],
  alertsWithoutRunbook: [],
  escalation: [],
  runbooks: [
    {
      id: 'failover',
      title: 'DB failover',
      path: 'failover.md',
      alerts: [],
      missing: false,
      lastReviewed: '2026-01-01T00:00:00.000Z',
      markdown: '# DB failover',
      headings: [],
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'StaleNotifier on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.saveSnapshot(snapshot);
      const notifications = { send: jest.fn().mockResolvedValue(undefined) };
      let now = new Date('2026-03-01T00:00:00Z');
      const notifier = (n = notifications) =>
        new StaleNotifier({
          store,
          notifications: n,
          logger: mockServices.logger.mock(),
          config,
          now: () => now,
        });
      return {
        store,
        notifications,
        notifier,
        setNow: (d: string) => (now = new Date(d)),
      };
    }

    it('notifies the owning group once per due date when a runbook turns stale', async () => {
      const { store, notifications, notifier, setNow } = await setup();
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 0,
        failed: 0,
      });
      setNow('2026-04-02T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 1,
        failed: 0,
      });
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 0,
        failed: 0,
      });
      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/payments-team',
        },
        payload: expect.objectContaining({
          title: 'Runbook overdue for review: DB failover (Payments)',
          link: '/catalog/default/component/payments/runbooks/failover',
        }),
      });
      // Reviewed, then overdue again later: a new due date, a new notification.
      await store.addReview('component:default/payments', 'failover', {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-04-03T00:00:00.000Z',
      });
      setNow('2026-07-03T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 1,
        failed: 0,
      });
    });

    it('retries later when sending fails', async () => {
      const { notifier, setNow } = await setup();
      setNow('2026-04-02T00:00:00Z');
      const failing = {
        send: jest.fn().mockRejectedValue(new Error('notifications down')),
      };
      expect(await notifier(failing).notifyStaleRunbooks()).toEqual({
        sent: 0,
        failed: 1,
      });
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 1,
        failed: 0,
      });
    });
  },
);
