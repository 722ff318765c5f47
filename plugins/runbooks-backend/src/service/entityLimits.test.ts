import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Readable } from 'stream';
import { readRunbooksConfig } from '../config';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { DatabaseRunbooksStore } from '../database/DatabaseRunbooksStore';
import { RunbooksRefresher } from './RunbooksRefresher';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function folderWith(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-limits-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

async function setup(limits: Record<string, number>) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseRunbooksStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const config = readRunbooksConfig(
    mockServices.rootConfig({ data: { runbooks: { limits } } }),
  );
  const reader = mockServices.urlReader.mock();
  const sources = new RunbookSourceReader({
    reader,
    integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
    limits: config.limits,
  });
  const refresher = new RunbooksRefresher({
    store,
    sources,
    catalog: catalogServiceMock({ entities: [] }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    limits: config.limits,
  });
  return { refresher, reader };
}

function entityAt(location: string, runbooks: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'runbooks/location': runbooks,
      },
    },
  };
}

describe('limits per entity', () => {
  it('reads a location named 200 times once, within the entity file limit', async () => {
    const files: Record<string, string> = { 'catalog-info.yaml': '' };
    for (let i = 0; i < 30; i++) files[`runbooks/r${i}.md`] = `# R${i}`;
    const root = folderWith(files);
    const { refresher } = await setup({ maxFilesPerEntity: 10 });
    const spellings = ['dir:./runbooks', 'dir:runbooks', 'dir:runbooks/'];
    const snapshot = await refresher.refreshEntity(
      entityAt(
        `file:${root}/catalog-info.yaml`,
        Array.from({ length: 200 }, (_, i) => spellings[i % 3]).join(','),
      ),
    );
    expect(snapshot.runbooks).toHaveLength(10);
    const messages = snapshot.problems.map(p => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Annotation runbooks/location names dir:runbooks more than once; it is read once',
        "More than 10 files across this entity's locations; the rest were not read (runbooks.limits.maxFilesPerEntity)",
      ]),
    );
  });

  it('keeps the files of several locations within one byte budget', async () => {
    const root = folderWith({
      'catalog-info.yaml': '',
      'a/one.md': `# One\n${'x'.repeat(600)}`,
      'b/two.md': `# Two\n${'x'.repeat(600)}`,
    });
    const { refresher } = await setup({ maxBytesPerEntity: 1000 });
    const snapshot = await refresher.refreshEntity(
      entityAt(`file:${root}/catalog-info.yaml`, 'dir:./a, dir:./b'),
    );
    expect(snapshot.runbooks.map(r => r.path)).toEqual(['one.md']);
    expect(snapshot.problems.map(p => p.message)).toContain(
      "This entity's files add up to more than 1000 bytes; the rest were not read (runbooks.limits.maxBytesPerEntity)",
    );
  });

  it('lists as many missing runbooks as the entity may have files, and caps problems', async () => {
    const links = Array.from(
      { length: 5000 },
      (_, i) => `- [Gone ${i}](./gone-${i}.md)`,
    ).join('\n');
    const root = folderWith({
      'catalog-info.yaml': '',
      'runbooks/README.md': `# Index\n${links}\n`,
    });
    const { refresher } = await setup({
      maxFilesPerEntity: 50,
      maxProblemsPerEntity: 20,
    });
    const snapshot = await refresher.refreshEntity(
      entityAt(`file:${root}/catalog-info.yaml`, 'dir:./runbooks'),
    );
    expect(snapshot.runbooks).toHaveLength(50);
    expect(snapshot.problems).toHaveLength(20);
    expect(snapshot.problems[0].message).toBe(
      'The runbook index links to 5000 files that do not exist; only the first 50 are listed (runbooks.limits.maxFilesPerEntity)',
    );
    expect(snapshot.problems[19].message).toBe(
      '4982 more problems not shown (runbooks.limits.maxProblemsPerEntity)',
    );
    expect(JSON.stringify(snapshot).length).toBeLessThan(50_000);
  });

  it('stops reading a URL body at the byte limit instead of buffering it', async () => {
    const { refresher, reader } = await setup({ maxFileBytes: 10_000 });
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 1024;
        this.push(Buffer.alloc(1024, 'x'));
      },
    });
    reader.readUrl.mockResolvedValue({
      buffer: async () => {
        throw new Error('buffered the whole body');
      },
      stream: () => endless,
    } as any);
    const snapshot = await refresher.refreshEntity(
      entityAt(
        'url:https://github.com/acme/ops/blob/main/catalog-info.yaml',
        'url:https://github.com/acme/ops/blob/main/RUNBOOK.md',
      ),
    );
    expect(snapshot.runbooks).toEqual([]);
    expect(snapshot.problems.map(p => p.message)).toContain(
      'RUNBOOK.md is over the 10000 byte limit (runbooks.limits.maxFileBytes); not read',
    );
    expect(sent).toBeLessThan(100_000);
  });
});

describe('runbook ids', () => {
  it('stay with their file when a file with a colliding name is added', async () => {
    const root = folderWith({
      'catalog-info.yaml': '',
      'runbooks/a-b.md': '# Flat',
    });
    const { refresher } = await setup({});
    const entity = entityAt(`file:${root}/catalog-info.yaml`, 'dir:./runbooks');
    const first = await refresher.refreshEntity(entity);
    expect(first.runbooks.map(r => [r.path, r.id])).toEqual([
      ['a-b.md', 'a-b'],
    ]);
    // The folder a/ is read before a-b.md: without the stored ids a/b.md would take a-b, and its reviews.
    fs.mkdirSync(path.join(root, 'runbooks/a'));
    fs.writeFileSync(path.join(root, 'runbooks/a/b.md'), '# Nested');
    const second = await refresher.refreshEntity(entity);
    expect(
      Object.fromEntries(second.runbooks.map(r => [r.path, r.id])),
    ).toEqual({ 'a-b.md': 'a-b', 'a/b.md': 'a-b-2' });
  });
});
