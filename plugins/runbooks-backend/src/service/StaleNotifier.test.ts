import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DatabaseRunbooksStore } from '../database/DatabaseRunbooksStore';
import { StaleNotifier } from './StaleNotifier';
import { EntitySnapshot, StoredRunbook } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const config = {
  reviewInterval: { days: 90 },
  reviewIntervalText: '90d',
  dueSoonWindow: { days: 14 },
};

// Reviewed on 2026-01-01 with a 90-day interval: due 2026-04-01.
function runbook(
  id: string,
  title: string,
  lastReviewed = '2026-01-01T00:00:00.000Z',
): StoredRunbook {
  return {
    id,
    title,
    path: `${id}.md`,
    alerts: [],
    missing: false,
    lastReviewed,
    markdown: `# ${title}`,
    headings: [],
  };
}

function entity(
  name: string,
  title: string,
  owner: string | undefined,
  runbooks: StoredRunbook[],
): EntitySnapshot {
  return {
    entityRef: `component:default/${name}`,
    entityTitle: title,
    owner,
    refreshedAt: '2026-01-01T00:00:00.000Z',
    problems: [],
    alerts: [],
    alertRules: [],
    alertsWithoutRunbook: [],
    escalation: [],
    runbooks,
  };
}

const PAYMENTS_TEAM = 'group:default/payments-team';
const SEARCH_TEAM = 'group:default/search-team';

/** payments-team owns 3 runbooks on two entities, search-team 1. */
const catalog = [
  entity('payments', 'Payments', PAYMENTS_TEAM, [
    runbook('failover', 'DB failover'),
    runbook('deploy', 'Deploy', '2025-12-15T00:00:00.000Z'),
  ]),
  entity('orders', 'Orders', PAYMENTS_TEAM, [runbook('backlog', 'Backlog')]),
  entity('search', 'Search', SEARCH_TEAM, [runbook('reindex', 'Reindex')]),
  entity('unowned', 'Unowned', undefined, [runbook('orphan', 'Orphan')]),
];

type Send = jest.Mock<
  ReturnType<NotificationService['send']>,
  Parameters<NotificationService['send']>
>;

function sentTo(send: Send, owner: string) {
  return send.mock.calls
    .map(([options]) => options)
    .filter(
      options =>
        options.recipients.type === 'entity' &&
        options.recipients.entityRef === owner,
    );
}

describe.each(databases.eachSupportedId())(
  'StaleNotifier on %p',
  databaseId => {
    async function setup(snapshots: EntitySnapshot[] = catalog) {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      for (const snapshot of snapshots) await store.saveSnapshot(snapshot);
      const notifications = {
        send: jest.fn().mockResolvedValue(undefined) as Send,
      };
      let now = new Date('2026-03-01T00:00:00Z');
      const notifier = (n: { send: Send } = notifications) =>
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

    it('sends one notification per owning group, listing its newly stale runbooks', async () => {
      const { notifications, notifier, setNow } = await setup();
      // Nothing is overdue yet.
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 0,
        failed: 0,
        runbooks: 0,
        failedRunbooks: 0,
      });
      expect(notifications.send).not.toHaveBeenCalled();

      setNow('2026-04-02T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 2,
        failed: 0,
        runbooks: 4,
        failedRunbooks: 0,
      });
      expect(notifications.send).toHaveBeenCalledTimes(2);

      const [payments] = sentTo(notifications.send, PAYMENTS_TEAM);
      expect(payments.payload).toEqual({
        title: '3 runbooks overdue for review',
        // Most overdue first.
        description:
          'Deploy (Payments, due 2026-03-15); Backlog (Orders, due 2026-04-01); ' +
          'DB failover (Payments, due 2026-04-01). Re-read them, fix what is out ' +
          'of date, then use "Mark as reviewed".',
        link: '/runbooks?status=stale&owner=group%3Adefault%2Fpayments-team',
        severity: 'normal',
        topic: 'runbooks-review',
        scope: expect.stringMatching(
          /^runbooks-stale:group:default\/payments-team:[0-9a-f]{16}$/,
        ),
      });

      const [search] = sentTo(notifications.send, SEARCH_TEAM);
      expect(search.payload).toEqual({
        title: 'Runbook overdue for review: Reindex (Search)',
        description:
          'It was due on 2026-04-01. Re-read it, fix what is out of date, then use "Mark as reviewed".',
        link: '/catalog/default/component/search/runbooks/reindex',
        severity: 'normal',
        topic: 'runbooks-review',
        scope:
          'runbooks:component:default/search:reindex:2026-04-01T00:00:00.000Z',
      });

      // The same runbooks, still stale: nothing new to say.
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 0,
        failed: 0,
        runbooks: 0,
        failedRunbooks: 0,
      });
      setNow('2026-05-01T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toMatchObject({
        sent: 0,
      });
      expect(notifications.send).toHaveBeenCalledTimes(2);
    });

    it('retries a group whose notification failed, without notifying the others again', async () => {
      const { notifications, notifier, setNow } = await setup();
      setNow('2026-04-02T00:00:00Z');
      const failing = {
        send: jest.fn(async options => {
          if (
            options.recipients.type === 'entity' &&
            options.recipients.entityRef === PAYMENTS_TEAM
          ) {
            throw new Error('notifications down');
          }
        }) as Send,
      };
      expect(await notifier(failing).notifyStaleRunbooks()).toEqual({
        sent: 1,
        failed: 1,
        runbooks: 1,
        failedRunbooks: 3,
      });
      expect(sentTo(failing.send, SEARCH_TEAM)).toHaveLength(1);

      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 1,
        failed: 0,
        runbooks: 3,
        failedRunbooks: 0,
      });
      expect(notifications.send).toHaveBeenCalledTimes(1);
      const [payments] = sentTo(notifications.send, PAYMENTS_TEAM);
      expect(payments.payload.title).toBe('3 runbooks overdue for review');

      expect(await notifier().notifyStaleRunbooks()).toMatchObject({
        sent: 0,
        failed: 0,
      });
    });

    it('notifies a runbook again when it turns stale after a new due date', async () => {
      const { store, notifications, notifier, setNow } = await setup();
      setNow('2026-04-02T00:00:00Z');
      await notifier().notifyStaleRunbooks();
      notifications.send.mockClear();

      // Reviewed in the portal, then overdue again 90 days later.
      await store.addReview('component:default/payments', 'failover', {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-04-03T00:00:00.000Z',
      });
      setNow('2026-07-03T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toEqual({
        sent: 1,
        failed: 0,
        runbooks: 1,
        failedRunbooks: 0,
      });
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: PAYMENTS_TEAM },
        payload: expect.objectContaining({
          title: 'Runbook overdue for review: DB failover (Payments)',
          description: expect.stringContaining('It was due on 2026-07-02.'),
          link: '/catalog/default/component/payments/runbooks/failover',
        }),
      });
    });

    it('lists ten runbooks and counts the rest, with a scope per set of runbooks', async () => {
      const many = Array.from({ length: 12 }, (_, i) =>
        runbook(`rb-${i}`, `Runbook ${String(i).padStart(2, '0')}`),
      );
      const { store, notifications, notifier, setNow } = await setup([
        entity('big', 'Big', PAYMENTS_TEAM, many),
      ]);
      setNow('2026-04-02T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toMatchObject({
        sent: 1,
        runbooks: 12,
      });
      const first = notifications.send.mock.calls[0][0].payload;
      expect(first.title).toBe('12 runbooks overdue for review');
      expect(first.description).toMatch(
        /Runbook 09 \(Big, due 2026-04-01\) and 2 more\. /,
      );
      expect(first.description).not.toContain('Runbook 10');
      expect(first.description!.split('; ')).toHaveLength(10);

      // Two runbooks reviewed, overdue again later: another notification,
      // which must not replace the first one in the users' inboxes.
      for (const id of ['rb-0', 'rb-1']) {
        await store.addReview('component:default/big', id, {
          reviewer: 'user:default/jane',
          reviewedAt: '2026-04-03T00:00:00.000Z',
        });
      }
      setNow('2026-07-03T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toMatchObject({
        sent: 1,
        runbooks: 2,
      });
      const second = notifications.send.mock.calls[1][0].payload;
      expect(second.title).toBe('2 runbooks overdue for review');
      expect(second.scope).not.toBe(first.scope);
    });

    it('reads a short owner as a group in the entity namespace', async () => {
      const { notifications, notifier, setNow } = await setup([
        entity('payments', 'Payments', 'payments-team', [
          runbook('failover', 'DB failover'),
        ]),
        entity('orders', 'Orders', PAYMENTS_TEAM, [
          runbook('backlog', 'Backlog'),
        ]),
      ]);
      setNow('2026-04-02T00:00:00Z');
      expect(await notifier().notifyStaleRunbooks()).toMatchObject({
        sent: 1,
        runbooks: 2,
      });
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: PAYMENTS_TEAM },
        payload: expect.objectContaining({
          title: '2 runbooks overdue for review',
          // The coverage page filters on the owner as written, which differs here.
          link: '/runbooks?status=stale',
        }),
      });
    });
  },
);
