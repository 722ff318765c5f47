import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseRunbooksStore } from './DatabaseRunbooksStore';
import { EntitySnapshot, StoredRunbook } from '../service/types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const runbook = (
  id: string,
  extra: Partial<StoredRunbook> = {},
): StoredRunbook => ({
  id,
  title: `Runbook ${id}`,
  path: `${id}.md`,
  alerts: [],
  missing: false,
  markdown: `# Runbook ${id}\n\n| a | b |\n|---|---|\n| 1 | 2 |`,
  headings: [{ depth: 1, text: `Runbook ${id}`, anchor: `runbook-${id}` }],
  ...extra,
});

const snapshot = (
  entityRef: string,
  runbooks: StoredRunbook[],
): EntitySnapshot => ({
  entityRef,
  entityTitle: entityRef.split('/')[1],
  refreshedAt: '2026-11-23T10:00:00.000Z',
  problems: [{ level: 'warning', message: 'index links to gone.md' }],
  alerts: [
    { alert: 'A', runbookId: runbooks[0]?.id ?? 'x', source: 'front-matter' },
  ],
  alertRules: [],
  alertsWithoutRunbook: [],
  escalation: [],
  reviewInterval: '30d',
  runbooks,
});

describe.each(databases.eachSupportedId())(
  'DatabaseRunbooksStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { store, knex };
    }

    it('keeps an entity with its runbooks in order, markdown only on the single runbook', async () => {
      const { store } = await createStore();
      await store.saveSnapshot(
        snapshot('component:default/a', [
          runbook('zeta', { category: 'Ops', alerts: ['X'] }),
          runbook('alpha'),
        ]),
      );
      const entity = await store.getEntity('component:default/a');
      expect(entity).toMatchObject({
        entityRef: 'component:default/a',
        refreshedAt: '2026-11-23T10:00:00.000Z',
        reviewInterval: '30d',
        problems: [{ level: 'warning', message: 'index links to gone.md' }],
      });
      expect(entity!.runbooks.map(r => r.id)).toEqual(['zeta', 'alpha']);
      expect(entity!.runbooks[0]).not.toHaveProperty('markdown');
      expect(entity!.runbooks[0]).toMatchObject({
        category: 'Ops',
        alerts: ['X'],
      });
      const detail = await store.getRunbook('component:default/a', 'zeta');
      expect(detail?.markdown).toContain('| 1 | 2 |');
      expect(detail?.headings[0].anchor).toBe('runbook-zeta');
      expect(
        await store.getRunbook('component:default/a', 'nope'),
      ).toBeUndefined();
      expect(await store.getEntity('component:default/other')).toBeUndefined();
    });

    it('replaces the whole snapshot on refresh, so deleted runbooks disappear', async () => {
      const { store } = await createStore();
      await store.saveSnapshot(
        snapshot('component:default/a', [runbook('one'), runbook('two')]),
      );
      await store.saveSnapshot(
        snapshot('component:default/a', [runbook('two')]),
      );
      const entity = await store.getEntity('component:default/a');
      expect(entity!.runbooks.map(r => r.id)).toEqual(['two']);
      expect(
        await store.getRunbook('component:default/a', 'one'),
      ).toBeUndefined();
    });

    it('writes many entities at once, replacing each one whole, the last snapshot of an entity winning', async () => {
      const { store } = await createStore();
      await store.saveSnapshots([
        snapshot('component:default/a', [runbook('old'), runbook('gone')]),
        snapshot('component:default/b', [runbook('b1')]),
      ]);
      await store.saveSnapshots([
        snapshot('component:default/a', [runbook('first')]),
        snapshot('component:default/c', [runbook('c1')]),
        snapshot('component:default/a', [runbook('new')]),
      ]);
      const ids = async (ref: string) =>
        (await store.getEntity(ref))?.runbooks.map(r => r.id);
      expect(await ids('component:default/a')).toEqual(['new']);
      expect(await ids('component:default/b')).toEqual(['b1']);
      expect(await ids('component:default/c')).toEqual(['c1']);
      expect(
        (await store.findAlert('A'))
          .map(row => `${row.entityRef} ${row.runbookId}`)
          .sort(),
      ).toEqual([
        'component:default/a new',
        'component:default/b b1',
        'component:default/c c1',
      ]);
      await store.saveSnapshots([]);
      expect((await store.listEntityRefs()).sort()).toEqual([
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]);
    });

    it('stores hundreds of runbooks for one entity', async () => {
      const { store } = await createStore();
      const many = Array.from({ length: 450 }, (_, i) => runbook(`rb-${i}`));
      await store.saveSnapshot(snapshot('component:default/big', many));
      expect(
        (await store.getEntity('component:default/big'))!.runbooks,
      ).toHaveLength(450);
    });

    it('pages through the runbooks of all entities in a stable order', async () => {
      const { store } = await createStore();
      await store.saveSnapshot(
        snapshot('component:default/b', [runbook('one'), runbook('two')]),
      );
      await store.saveSnapshot(
        snapshot('component:default/a', [runbook('zz'), runbook('aa')]),
      );
      const first = await store.listRunbooks({ limit: 3 });
      expect(first.map(r => `${r.entityRef} ${r.runbook.id}`)).toEqual([
        'component:default/a aa',
        'component:default/a zz',
        'component:default/b one',
      ]);
      expect(first[0].runbook.markdown).toContain('# Runbook aa');
      const last = first[2];
      const second = await store.listRunbooks({
        limit: 3,
        after: { entityRef: last.entityRef, runbookId: last.runbook.id },
      });
      expect(second.map(r => r.runbook.id)).toEqual(['two']);
    });

    it('finds alerts by name in any case, patterns, and alerts no runbook answers', async () => {
      const { store } = await createStore();
      await store.saveSnapshot({
        ...snapshot('component:default/a', [runbook('pods'), runbook('node')]),
        alerts: [
          {
            alert: 'NodeDown',
            runbookId: 'node',
            anchor: 'restart',
            source: 'file-name',
          },
          { alert: 'KubePod*', runbookId: 'pods', source: 'annotation' },
        ],
        alertRules: [
          {
            alert: 'NodeDown',
            file: 'r.yaml',
            severity: 'critical',
            labels: { severity: 'critical' },
          },
          { alert: 'DiskFull', file: 'r.yaml', labels: {} },
        ],
        alertsWithoutRunbook: [{ alert: 'DiskFull', file: 'r.yaml' }],
      });
      expect(await store.findAlert('nodedown')).toEqual([
        {
          entityRef: 'component:default/a',
          entityVersion: (await store.getEntityVersion('component:default/a'))
            ?.entity,
          reviewsVersion: 0,
          alert: 'NodeDown',
          runbookId: 'node',
          anchor: 'restart',
          source: 'file-name',
          rule: {
            severity: 'critical',
            labels: { severity: 'critical' },
            file: 'r.yaml',
          },
          pattern: undefined,
        },
        expect.objectContaining({ pattern: 'KubePod*', runbookId: 'pods' }),
      ]);
      expect(await store.findAlert('DiskFull')).toEqual([
        expect.objectContaining({ pattern: 'KubePod*' }),
        expect.objectContaining({ alert: 'DiskFull', runbookId: undefined }),
      ]);
      await store.deleteEntities(['component:default/a']);
      expect(await store.findAlert('NodeDown')).toEqual([]);
    });

    it('changes the entity version on every write and review, and only then', async () => {
      const { store } = await createStore();
      const ref = 'component:default/a';
      expect(await store.getEntityVersion(ref)).toBeUndefined();
      await store.saveSnapshot(snapshot(ref, [runbook('pods')]));
      const first = await store.getEntityVersion(ref);
      expect(first).toEqual({ entity: expect.any(String), reviews: 0 });
      expect(await store.getEntityVersion(ref)).toEqual(first);

      await store.saveSnapshot(snapshot(ref, [runbook('pods')]));
      const refreshed = await store.getEntityVersion(ref);
      expect(refreshed?.entity).not.toBe(first?.entity);

      await store.markSourceUnreachable(ref, { since: 'x', message: 'down' });
      const flagged = await store.getEntityVersion(ref);
      expect(flagged?.entity).not.toBe(refreshed?.entity);

      await store.addReview(ref, 'pods', {
        reviewer: 'user:default/jo',
        reviewedAt: '2026-01-01T00:00:00.000Z',
      });
      const reviewed = await store.getEntityVersion(ref);
      expect(reviewed?.entity).toBe(flagged?.entity);
      expect(reviewed?.reviews).toBeGreaterThan(0);
      // Reviews of another entity leave this one's version alone.
      await store.saveSnapshot(snapshot('component:default/b', []));
      await store.addReview('component:default/b', 'x', {
        reviewer: 'user:default/jo',
        reviewedAt: '2026-01-01T00:00:00.000Z',
      });
      expect(await store.getEntityVersion(ref)).toEqual(reviewed);
    });

    it('keeps reviews, newest first, across refreshes', async () => {
      const { store } = await createStore();
      await store.saveSnapshot(
        snapshot('component:default/a', [runbook('one')]),
      );
      await store.addReview('component:default/a', 'one', {
        reviewer: 'user:default/jane',
        reviewedAt: '2026-11-01T10:00:00.000Z',
      });
      await store.addReview('component:default/a', 'one', {
        reviewer: 'user:default/raj',
        reviewedAt: '2026-11-20T10:00:00.000Z',
        note: 'Updated the failover steps',
      });
      await store.saveSnapshot(
        snapshot('component:default/a', [runbook('one')]),
      );
      expect(await store.listReviews('component:default/a', 'one')).toEqual([
        {
          reviewer: 'user:default/raj',
          reviewedAt: '2026-11-20T10:00:00.000Z',
          note: 'Updated the failover steps',
        },
        {
          reviewer: 'user:default/jane',
          reviewedAt: '2026-11-01T10:00:00.000Z',
        },
      ]);
      const latest = await store.latestReviews('component:default/a');
      expect(latest.get('one')?.reviewer).toBe('user:default/raj');
    });

    it('lists and forgets entities', async () => {
      const { store } = await createStore();
      await store.saveSnapshot(
        snapshot('component:default/a', [runbook('one')]),
      );
      await store.saveSnapshot(
        snapshot('component:default/b', [runbook('one')]),
      );
      expect((await store.listEntityRefs()).sort()).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      await store.deleteEntities(['component:default/a']);
      expect(await store.listEntityRefs()).toEqual(['component:default/b']);
      expect(
        await store.getRunbook('component:default/a', 'one'),
      ).toBeUndefined();
    });

    it('migrates down cleanly', async () => {
      const { knex } = await createStore();
      await knex.migrate.rollback(
        { directory: require('path').resolve(__dirname, '../../migrations') },
        true,
      );
      expect(await knex.schema.hasTable('runbooks_documents')).toBe(false);
      expect(await knex.schema.hasTable('runbooks_entities')).toBe(false);
      expect(await knex.schema.hasTable('runbooks_alerts')).toBe(false);
      expect(await knex.schema.hasTable('runbooks_reviews')).toBe(false);
    });
  },
);
