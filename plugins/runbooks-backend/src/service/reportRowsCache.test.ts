import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseRunbooksStore } from '../database/DatabaseRunbooksStore';
import { ReportRowsCache, REPORT_ROWS_MAX_CHANGED } from './reportRowsCache';
import { EntitySnapshot } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const snapshot = (name: string, lastReviewed?: string): EntitySnapshot => ({
  entityRef: `component:default/${name}`,
  entityTitle: name,
  owner: 'group:default/team',
  refreshedAt: '2026-11-23T10:00:00.000Z',
  problems: [],
  alerts: [],
  alertRules: [],
  alertsWithoutRunbook: [],
  escalation: [],
  reviewInterval: '30d',
  runbooks: [
    {
      id: 'main',
      title: 'Main',
      path: 'main.md',
      alerts: [],
      missing: false,
      markdown: '# Main',
      headings: [],
      lastReviewed,
    },
  ],
});

describe.each(databases.eachSupportedId())(
  'report rows kept per replica on %p',
  databaseId => {
    async function replicas() {
      const knex = await databases.init(databaseId);
      const writer = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const reader = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      const counted = jest.spyOn(reader, 'reportEntities');
      const cache = new ReportRowsCache({
        store: reader,
        dueSoonWindow: { days: 7 },
      });
      return { writer, counted, cache };
    }
    const now = new Date('2026-11-23T12:00:00.000Z');
    const stale = (rows: Array<{ entityRef: string; stale: number }>) =>
      Object.fromEntries(rows.map(row => [row.entityRef, row.stale]));

    it("shows another replica's writes at once, counting only the entities they changed", async () => {
      const { writer, counted, cache } = await replicas();
      await writer.saveSnapshots(
        ['a', 'b', 'c'].map(name => snapshot(name, '2026-09-01')),
      );
      expect(stale(await cache.rows(now))).toEqual({
        'component:default/a': 1,
        'component:default/b': 1,
        'component:default/c': 1,
      });
      expect(counted).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ entityRefs: expect.anything() }),
      );

      await writer.addReview('component:default/b', 'main', {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-11-23T11:00:00.000Z',
      });
      await writer.deleteEntities(['component:default/c']);
      await writer.saveSnapshots([snapshot('d')]);
      const rows = await cache.rows(now);
      expect(stale(rows)).toEqual({
        'component:default/a': 1,
        'component:default/b': 0,
        'component:default/d': 0,
      });
      expect(
        rows.find(r => r.entityRef === 'component:default/d'),
      ).toMatchObject({ neverReviewed: 1 });
      expect(counted).toHaveBeenCalledTimes(2);
      expect(counted.mock.calls[1][0].entityRefs?.sort()).toEqual([
        'component:default/b',
        'component:default/c',
        'component:default/d',
      ]);

      // Nothing written: the kept rows, no count at all.
      await cache.rows(now);
      expect(counted).toHaveBeenCalledTimes(2);
    });

    it('counts everything again when more entities changed than is worth picking out', async () => {
      const { writer, counted, cache } = await replicas();
      await writer.saveSnapshots([snapshot('a')]);
      await cache.rows(now);
      const many = Array.from({ length: REPORT_ROWS_MAX_CHANGED + 1 }, (_, i) =>
        snapshot(`svc-${i}`),
      );
      for (let i = 0; i < many.length; i += 100) {
        await writer.saveSnapshots(many.slice(i, i + 100));
      }
      expect(await cache.rows(now)).toHaveLength(REPORT_ROWS_MAX_CHANGED + 2);
      expect(counted).toHaveBeenCalledTimes(2);
      expect(counted.mock.calls[1][0].entityRefs).toBeUndefined();
    });
  },
);
