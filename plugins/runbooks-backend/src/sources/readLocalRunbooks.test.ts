import fs from 'fs';
import os from 'os';
import path from 'path';
import { SourceBudget } from './budget';
import { readLocalRunbooks } from './readLocalRunbooks';

const limits = {
  maxFilesPerEntity: 100,
  maxFileBytes: 10_000,
  maxBytesPerEntity: 1_000_000,
};
const annotation = 'runbooks/location';

function tree(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-local-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('readLocalRunbooks', () => {
  it('reads markdown files of the folder and its sub-folders, nothing else', async () => {
    const root = tree({
      'service/catalog-info.yaml': 'kind: Component',
      'service/runbooks/README.md': '# Index',
      'service/runbooks/db/failover.md': '# Failover',
      'service/runbooks/diagram.png': 'png',
      'service/runbooks/node_modules/x.md': '# vendored',
      'service/runbooks/.hidden/y.md': '# hidden',
    });
    const result = await readLocalRunbooks({
      entityFolder: path.join(root, 'service'),
      relativeDir: './runbooks',
      annotation,
      budget: new SourceBudget(limits),
    });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([
      { path: 'db/failover.md', content: '# Failover' },
      { path: 'README.md', content: '# Index' },
    ]);
  });

  it('refuses a dir: that leaves the entity folder, without reading it', async () => {
    const root = tree({
      'secret.md': 'TOP SECRET',
      'service/catalog-info.yaml': '',
    });
    const result = await readLocalRunbooks({
      entityFolder: path.join(root, 'service'),
      relativeDir: '../',
      annotation,
      budget: new SourceBudget(limits),
    });
    expect(result.files).toEqual([]);
    expect(result.problems[0].message).toBe(
      "runbooks/location: dir:../ leaves the entity's own folder and was not read",
    );
  });

  it('refuses a symlink that points outside the entity folder', async () => {
    const root = tree({
      'outside/secret.md': 'TOP SECRET',
      'service/catalog-info.yaml': '',
    });
    fs.symlinkSync(
      path.join(root, 'outside'),
      path.join(root, 'service', 'runbooks'),
    );
    const result = await readLocalRunbooks({
      entityFolder: path.join(root, 'service'),
      relativeDir: 'runbooks',
      annotation,
      budget: new SourceBudget(limits),
    });
    expect(result.files).toEqual([]);
    expect(result.problems[0].message).toContain('through a symlink');
  });

  it('says so when the folder does not exist, without the server path', async () => {
    const root = tree({ 'catalog-info.yaml': '' });
    const result = await readLocalRunbooks({
      entityFolder: root,
      relativeDir: 'docs/runbooks',
      annotation,
      budget: new SourceBudget(limits),
    });
    expect(result.problems[0].message).toBe(
      'runbooks/location: dir:docs/runbooks does not exist',
    );
    expect(JSON.stringify(result)).not.toContain(root);
  });

  it('skips files over the size limit and stops at the file limit, saying why', async () => {
    const root = tree({
      'runbooks/a.md': 'a',
      'runbooks/b-huge.md': 'x'.repeat(200),
      'runbooks/c.md': 'c',
      'runbooks/d.md': 'd',
    });
    const budget = new SourceBudget({
      maxFilesPerEntity: 2,
      maxFileBytes: 100,
      maxBytesPerEntity: 1000,
    });
    const result = await readLocalRunbooks({
      entityFolder: root,
      relativeDir: 'runbooks',
      annotation,
      budget,
    });
    expect(result.files.map(f => f.path)).toEqual(['a.md', 'c.md']);
    expect(result.problems.map(p => p.message)).toEqual([
      expect.stringContaining(
        'b-huge.md is 200 bytes, over the 100 byte limit',
      ),
    ]);
    expect(budget.problems(annotation).map(p => p.message)).toEqual([
      expect.stringContaining('More than 2 files'),
    ]);
  });
});
