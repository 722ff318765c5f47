import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseRunbooksStore } from './DatabaseRunbooksStore';
import { EntitySnapshot, StoredRunbook } from '../service/types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const runbook = (id: string, extra: Partial<StoredRunbook> = {}) => ({
  id,
  title: id,
  path: `${id}.md`,
  alerts: [],
  missing: false,
  markdown: `# ${id}`,
  headings: [],
  ...extra,
});

const snapshot = (
  name: string,
  runbooks: StoredRunbook[],
  extra: Partial<EntitySnapshot> = {},
): EntitySnapshot => ({
  entityRef: `component:default/${name}`,
  entityTitle: `Service ${name}`,
  owner: 'group:default/team',
  refreshedAt: '2026-11-23T10:00:00.000Z',
  problems: [],
  alerts: [],
  alertRules: [],
  alertsWithoutRunbook: [],
  escalation: [],
  reviewInterval: '30d',
  runbooks,
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'coverage counts in SQL on %p',
  databaseId => {
    it('counts runbooks by status for now, portal reviews included, and alerts per entity', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.saveSnapshots([
        snapshot('a', [
          // 30-day interval from the entity: due 2026-12-01.
          runbook('fresh', { lastReviewed: '2026-11-01' }),
          runbook('soon', { lastReviewed: '2026-10-27' }),
          runbook('stale', { lastReviewed: '2026-09-01' }),
          runbook('never'),
          runbook('gone', { missing: true }),
        ]),
        snapshot('b', [runbook('stated', { nextReview: '2027-06-01' })], {
          owner: undefined,
          alerts: [{ alert: 'B', runbookId: 'stated', source: 'front-matter' }],
          alertsWithoutRunbook: [{ alert: 'Lonely' }],
        }),
      ]);
      const count = () =>
        store.reportEntities({
          now: '2026-11-23T12:00:00.000Z',
          dueSoonBefore: '2026-11-30T12:00:00.000Z',
        });
      expect(await count()).toEqual([
        {
          entityRef: 'component:default/a',
          title: 'Service a',
          owner: 'group:default/team',
          runbooks: 4,
          fresh: 1,
          dueSoon: 1,
          stale: 1,
          neverReviewed: 1,
          missing: 1,
          nextDue: '2026-10-01T00:00:00.000Z',
          alerts: 0,
          alertsWithoutRunbook: 0,
        },
        expect.objectContaining({
          entityRef: 'component:default/b',
          owner: undefined,
          runbooks: 1,
          fresh: 1,
          alerts: 2,
          alertsWithoutRunbook: 1,
        }),
      ]);

      await store.addReview('component:default/a', 'stale', {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-11-23T11:00:00.000Z',
      });
      await store.addReview('component:default/a', 'never', {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-11-23T11:00:00.000Z',
      });
      expect((await count())[0]).toMatchObject({
        fresh: 3,
        stale: 0,
        neverReviewed: 0,
      });

      // A refresh keeps what the reviews decided.
      await store.saveSnapshots([
        snapshot('a', [
          runbook('stale', { lastReviewed: '2026-09-01' }),
          runbook('never'),
        ]),
      ]);
      expect((await count())[0]).toMatchObject({
        runbooks: 2,
        fresh: 2,
        stale: 0,
        neverReviewed: 0,
      });
    });

    it('moves the report version with every write that changes the counts, on any store over the same database', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      // A second replica's store: it must see the first one's writes.
      const replica = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      const seen = [await replica.reportVersion()];
      const moved = async () => {
        const version = await replica.reportVersion();
        const isNew = !seen.includes(version);
        seen.push(version);
        return isNew;
      };
      await store.saveSnapshots([snapshot('a', [runbook('one')])]);
      expect(await moved()).toBe(true);
      await store.addReview('component:default/a', 'one', {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-11-23T11:00:00.000Z',
      });
      expect(await moved()).toBe(true);
      // Only the refresh time moves: the counts cannot change.
      await store.markRefreshed(
        ['component:default/a'],
        '2026-11-23T12:00:00.000Z',
      );
      expect(await moved()).toBe(false);
      await store.deleteEntities(['component:default/a']);
      expect(await moved()).toBe(true);
      expect(
        await replica.reportEntities({
          now: '2026-11-23T12:00:00.000Z',
          dueSoonBefore: '2026-11-30T12:00:00.000Z',
        }),
      ).toEqual([]);
    });
  },
);
