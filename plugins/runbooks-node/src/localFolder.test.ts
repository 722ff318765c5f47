import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveInsideEntityFolder, walkLocalFolder } from './localFolder';

async function collect(iterable: AsyncIterable<{ path: string }>) {
  const paths: string[] = [];
  for await (const file of iterable) paths.push(file.path);
  return paths;
}

describe('local runbook folders', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'runbooks-node-'));
    const write = async (relative: string, text = '# x') => {
      await fs.mkdir(path.dirname(path.join(root, relative)), {
        recursive: true,
      });
      await fs.writeFile(path.join(root, relative), text);
    };
    await write('service/runbooks/b.md');
    await write('service/runbooks/a.md');
    await write('service/runbooks/deep/c.md');
    await write('service/runbooks/notes.txt');
    await write('service/runbooks/node_modules/pkg/readme.md');
    await write('service/runbooks/.drafts/d.md');
    await write('outside/secret.md');
    await fs.symlink(
      path.join(root, 'outside'),
      path.join(root, 'service/escape'),
    );
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('lists the accepted files in name order, skipping hidden and package folders', async () => {
    const resolved = await resolveInsideEntityFolder(
      path.join(root, 'service'),
      './runbooks',
    );
    if ('refused' in resolved) throw new Error(resolved.refused);
    const files = walkLocalFolder(resolved.root, {
      isFile: resolved.isFile,
      accept: name => name.endsWith('.md'),
    });
    expect(await collect(files)).toEqual(['a.md', 'b.md', 'deep/c.md']);
  });

  it('enters no subfolder once the caller says stop', async () => {
    const files = walkLocalFolder(path.join(root, 'service/runbooks'), {
      isFile: false,
      accept: name => name.endsWith('.md'),
      descend: () => false,
    });
    expect(await collect(files)).toEqual(['a.md', 'b.md']);
  });

  it('refuses targets outside the entity folder, symlinks included', async () => {
    const folder = path.join(root, 'service');
    await expect(
      resolveInsideEntityFolder(folder, '../outside'),
    ).resolves.toEqual({ refused: "leaves the entity's own folder" });
    await expect(resolveInsideEntityFolder(folder, 'escape')).resolves.toEqual({
      refused: "leads outside the entity's own folder through a symlink",
    });
    await expect(resolveInsideEntityFolder(folder, 'nope')).resolves.toEqual({
      refused: 'does not exist',
      missing: true,
    });
  });
});
