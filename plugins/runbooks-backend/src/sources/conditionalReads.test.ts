import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseRunbooksStore } from '../database/DatabaseRunbooksStore';
import { RunbooksRefresher } from '../service/RunbooksRefresher';
import { SourceBudget } from './budget';
import { FakeRepo, startFakeGithubApi } from './__testUtils__/fakeGithubApi';
import { githubRateLimitReset } from './githubRateLimit';
import { HostBackoff } from './hostBackoff';
import { RunbookSourceReader } from './readEntityRunbooks';
import { readUrlRunbooks } from './readUrlRunbooks';

const limits = {
  maxFilesPerEntity: 100,
  maxFileBytes: 100_000,
  maxBytesPerEntity: 1_000_000,
};

const runbook = (title: string) => `# ${title}\n\nWhat to do.\n`;

describe('remote sources read conditionally (GitHub REST API on loopback)', () => {
  const repos = new Map<string, FakeRepo>();
  let github: Awaited<ReturnType<typeof startFakeGithubApi>>;
  let config: ConfigReader;

  beforeAll(async () => {
    github = await startFakeGithubApi(repos);
    config = new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: github.apiBaseUrl,
            rawBaseUrl: `${github.baseUrl}/raw`,
            token: 'test-token',
          },
        ],
      },
    });
  });
  afterAll(() => github.close());
  beforeEach(() => {
    repos.clear();
    github.resetCounts();
    github.state.limitedUntil = undefined;
  });

  const reader = () =>
    UrlReaders.default({ config, logger: mockServices.logger.mock() });

  it('downloads a folder once, then asks only for its commit while it is unchanged', async () => {
    repos.set('acme/svc', {
      files: { 'runbooks/a.md': runbook('A'), 'README.md': '# svc' },
    });
    const url = 'https://github.com/acme/svc/tree/main/runbooks';
    const read = (etag?: string) =>
      readUrlRunbooks({
        url,
        reader: reader(),
        annotation: 'runbooks/location',
        budget: new SourceBudget(limits),
        etag,
      });
    const first = await read();
    expect(first.files.map(f => f.path)).toEqual(['a.md']);
    expect(first.etag).toMatch(/^[0-9a-f]{40}$/);
    expect(github.counts.tarball).toBe(1);

    github.resetCounts();
    const second = await read(first.etag);
    expect(second).toMatchObject({ files: [], notModified: true });
    expect(github.counts).toMatchObject({ tarball: 0, status: 1 });

    repos.get('acme/svc')!.files['runbooks/b.md'] = runbook('B');
    const third = await read(first.etag);
    expect(third.files.map(f => f.path)).toEqual(['a.md', 'b.md']);
    expect(third.etag).not.toBe(first.etag);
  });

  it('reads a single file again with its ETag and gets 304 Not Modified', async () => {
    repos.set('acme/svc', { files: { 'docs/oncall.md': runbook('On call') } });
    const url = 'https://github.com/acme/svc/blob/main/docs/oncall.md';
    const read = (etag?: string) =>
      readUrlRunbooks({
        url,
        reader: reader(),
        annotation: 'runbooks/location',
        budget: new SourceBudget(limits),
        etag,
      });
    const first = await read();
    expect(first.files[0].content).toContain('# On call');
    expect(first.etag).toBeDefined();
    const second = await read(first.etag);
    expect(second).toMatchObject({ files: [], notModified: true });
    expect(github.counts.notModified).toBe(1);
  });

  it('defers reads of a rate-limited host until GitHub says its limit resets, without asking it meanwhile', async () => {
    repos.set('acme/svc', { files: { 'runbooks/a.md': runbook('A') } });
    let now = Date.now();
    const backoff = new HostBackoff({
      initialMs: 60_000,
      maxMs: 3_600_000,
      resetAt: githubRateLimitReset(ScmIntegrations.fromConfig(config)),
      now: () => now,
    });
    const read = () =>
      readUrlRunbooks({
        url: 'https://github.com/acme/svc/tree/main/runbooks',
        reader: reader(),
        annotation: 'runbooks/location',
        budget: new SourceBudget(limits),
        backoff,
      });
    const resetAt = new Date(now + 20 * 60_000);
    github.state.limitedUntil = resetAt;
    const limited = await read();
    expect(limited.unreachable).toBeUndefined();
    expect(limited.problems).toEqual([]);
    expect(limited.deferred).toContain(
      new Date(Math.ceil(resetAt.getTime() / 1000) * 1000 + 1000).toISOString(),
    );
    expect(github.counts.rateLimitLookups).toBe(1);

    const before = github.counts.requests;
    expect((await read()).deferred).toBeDefined();
    expect(github.counts.requests).toBe(before);

    github.state.limitedUntil = undefined;
    now = resetAt.getTime() + 2000;
    expect((await read()).files.map(f => f.path)).toEqual(['a.md']);
  });

  describe('a full refresh of url: entities', () => {
    const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
    const entity = (name: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `url:https://github.com/acme/${name}/blob/main/catalog-info.yaml`,
          'runbooks/location': `url:https://github.com/acme/${name}/tree/main/runbooks`,
        },
      },
      spec: { owner: 'group:default/team' },
    });

    async function setup(names: string[]) {
      for (const name of names) {
        repos.set(`acme/${name}`, {
          files: {
            'runbooks/a.md': runbook(`${name} A`),
            'runbooks/b.md': runbook(`${name} B`),
          },
        });
      }
      const knex = await databases.init('SQLITE_3');
      const store = await DatabaseRunbooksStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const sleeps: number[] = [];
      const refresher = (options: { version?: string; spread?: number } = {}) =>
        new RunbooksRefresher({
          store,
          sources: new RunbookSourceReader({
            reader: reader(),
            integrations: ScmIntegrations.fromConfig(config),
            limits,
          }),
          catalog: catalogServiceMock({ entities: names.map(entity) }),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          version: options.version ?? '1',
          spreadReadsOverMs: options.spread ?? 0,
          sleep: async ms => {
            sleeps.push(ms);
          },
        });
      return { store, refresher, sleeps };
    }

    it('downloads no tree and rewrites nothing the second time, even after a restart; reads what changed', async () => {
      const names = ['svc-a', 'svc-b', 'svc-c'];
      const { store, refresher } = await setup(names);
      expect(await refresher().refreshAll()).toMatchObject({
        entities: 3,
        failed: 0,
      });
      expect(github.counts.tarball).toBe(3);
      const stampOf = async (name: string) =>
        (
          await store.getEntityVersion(`component:default/${name}`)
        )?.entity.split('|')[1];
      const stamps = await Promise.all(names.map(stampOf));

      github.resetCounts();
      // A new process of the same version: a restarted or second replica.
      expect(await refresher().refreshAll()).toEqual({
        entities: 3,
        failed: 0,
        unchanged: 3,
        deferred: 0,
      });
      expect(github.counts).toMatchObject({ tarball: 0, status: 3 });
      expect(await Promise.all(names.map(stampOf))).toEqual(stamps);

      repos.get('acme/svc-b')!.files['runbooks/c.md'] = runbook('svc-b C');
      github.resetCounts();
      expect(await refresher().refreshAll()).toMatchObject({ unchanged: 2 });
      expect(github.counts.tarball).toBe(1);
      const b = await store.getEntity('component:default/svc-b');
      expect(b?.runbooks.map(r => r.title)).toEqual([
        'svc-b A',
        'svc-b B',
        'svc-b C',
      ]);
    });

    it('reads everything again once after an upgrade of the plugin', async () => {
      const { refresher } = await setup(['svc-a', 'svc-b']);
      await refresher({ version: '1' }).refreshAll();
      github.resetCounts();
      expect(await refresher({ version: '2' }).refreshAll()).toMatchObject({
        unchanged: 0,
      });
      expect(github.counts.tarball).toBe(2);
    });

    it('spreads remote reads over runbooks.sources.spreadReadsOver', async () => {
      const names = ['svc-a', 'svc-b', 'svc-c', 'svc-d'];
      const { refresher, sleeps } = await setup(names);
      await refresher().refreshAll();
      // Four stored entities over 8 s: reads start about 2 s apart.
      await refresher({ spread: 8000 }).refreshAll();
      expect(sleeps).toHaveLength(3);
      expect(Math.max(...sleeps)).toBeGreaterThan(5000);
      expect(Math.max(...sleeps)).toBeLessThanOrEqual(6000);
    });
  });
});
