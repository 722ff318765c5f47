import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { DatabaseRunbooksStore } from '../database/DatabaseRunbooksStore';
import { RunbooksRefresher } from './RunbooksRefresher';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'runbooks/location': 'url:https://git.example/runbooks' },
  },
  spec: { owner: 'group:default/team' },
});

describe('RunbooksRefresher', () => {
  async function setup(entities: Entity[]) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseRunbooksStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const reads: string[] = [];
    const source = { down: false, content: '# A' };
    const sources = {
      read: async (entity: Entity) => {
        reads.push(entity.metadata.name);
        if (source.down) {
          return {
            files: [],
            problems: [{ level: 'error', message: 'could not read' }],
            unreachable: 'https://git.example/runbooks: ECONNREFUSED',
          };
        }
        return {
          files: [{ path: 'a.md', content: source.content }],
          problems: [],
        };
      },
    } as unknown as RunbookSourceReader;
    const catalog = catalogServiceMock({ entities });
    let now = new Date('2026-11-23T10:00:00.000Z');
    const createRefresher = (version = '1.0.0') =>
      new RunbooksRefresher({
        store,
        sources,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        now: () => now,
        version,
      });
    const later = () => {
      now = new Date(now.getTime() + 60_000);
      return now.toISOString();
    };
    return {
      store,
      refresher: createRefresher(),
      createRefresher,
      reads,
      source,
      later,
    };
  }

  it('reads new entities only when looking for new ones, everything on a full refresh', async () => {
    const { store, refresher, reads } = await setup([
      component('a'),
      component('b'),
    ]);
    await refresher.refreshEntity(component('a'));
    reads.length = 0;
    expect(await refresher.refreshNew()).toMatchObject({
      entities: 1,
      failed: 0,
    });
    expect(reads).toEqual(['b']);
    expect(await refresher.refreshNew()).toMatchObject({
      entities: 0,
      failed: 0,
    });
    reads.length = 0;
    expect(await refresher.refreshAll()).toMatchObject({
      entities: 2,
      failed: 0,
    });
    expect(reads.sort()).toEqual(['a', 'b']);
    expect((await store.listEntityRefs()).sort()).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
  });

  it('forgets entities that left the catalog on a full refresh', async () => {
    const { store, refresher } = await setup([component('a')]);
    await refresher.refreshEntity(component('gone'));
    await refresher.refreshAll();
    expect(await store.listEntityRefs()).toEqual(['component:default/a']);
  });

  it('keeps the last good copy, flagged with since when, while a source is unreachable', async () => {
    const { store, refresher, source } = await setup([component('a')]);
    await refresher.refreshEntity(component('a'));
    source.down = true;
    await refresher.refreshEntity(component('a'));
    const first = await store.getEntity('component:default/a');
    expect(first?.runbooks.map(r => r.id)).toEqual(['a']);
    expect(first?.sourceUnreachable?.message).toContain('ECONNREFUSED');
    const since = first!.sourceUnreachable!.since;
    await refresher.refreshEntity(component('a'));
    expect(
      (await store.getEntity('component:default/a'))?.sourceUnreachable?.since,
    ).toBe(since);
    expect(await store.getRunbook('component:default/a', 'a')).toMatchObject({
      markdown: '# A',
    });
    source.down = false;
    await refresher.refreshEntity(component('a'));
    expect(
      (await store.getEntity('component:default/a'))?.sourceUnreachable,
    ).toBeUndefined();
  });

  it('re-reads unchanged entities without rewriting them, and picks up what changed', async () => {
    const { store, refresher, source, later } = await setup([
      component('a'),
      component('b'),
    ]);
    await refresher.refreshAll();
    const versionOf = async (ref: string) =>
      (await store.getEntityVersion(ref))?.entity;
    const before = await versionOf('component:default/a');

    const second = later();
    expect(await refresher.refreshAll()).toEqual({
      entities: 2,
      failed: 0,
      unchanged: 2,
      deferred: 0,
    });
    const entity = await store.getEntity('component:default/a');
    expect(entity?.refreshedAt).toBe(second);
    expect(entity?.runbooks.map(r => r.title)).toEqual(['A']);
    // Only the refresh time moved: the rows were not rewritten.
    expect(await versionOf('component:default/a')).toBe(
      before?.replace(/^[^|]*/, second),
    );

    source.content = '# A, rewritten';
    later();
    await refresher.refreshAll();
    expect(
      (await store.getEntity('component:default/a'))?.runbooks[0].title,
    ).toBe('A, rewritten');
  });

  it('parses nothing unchanged after a restart, everything after an upgrade', async () => {
    const { store, refresher, createRefresher, later } = await setup([
      component('a'),
    ]);
    await refresher.refreshAll();
    const stampOf = async () =>
      (await store.getEntityVersion('component:default/a'))?.entity.split(
        '|',
      )[1];
    const before = await stampOf();
    later();
    expect(await createRefresher().refreshAll()).toMatchObject({
      unchanged: 1,
    });
    expect(await stampOf()).toBe(before);
    later();
    expect(await createRefresher('1.1.0').refreshAll()).toMatchObject({
      unchanged: 0,
    });
    expect(await stampOf()).not.toBe(before);
  });

  it('clears the unreachable flag when the source answers again with the same files', async () => {
    const { store, refresher, source, later } = await setup([component('a')]);
    await refresher.refreshAll();
    source.down = true;
    later();
    await refresher.refreshAll();
    expect(
      (await store.getEntity('component:default/a'))?.sourceUnreachable,
    ).toBeDefined();
    source.down = false;
    later();
    await refresher.refreshAll();
    expect(
      (await store.getEntity('component:default/a'))?.sourceUnreachable,
    ).toBeUndefined();
  });
});
