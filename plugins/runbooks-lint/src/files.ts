import fs from 'node:fs/promises';
import path from 'node:path';

/** Folders never read as runbooks, as in the runbooks backend. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** What the portal reads by default (`runbooks.limits`). */
export const DEFAULT_LIMITS = { maxFilesPerEntity: 500, maxFileBytes: 1048576 };

/** True when `candidate` is `folder` or inside it. */
export function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

/** A file found under a `dir:` location. */
export type LocalFile = {
  /** Path relative to the location's root, slash-separated. */
  path: string;
  /** Absolute path on disk. */
  absolute: string;
  size: number;
};

/**
 * Resolves a `dir:` target against the entity's folder the way the runbooks
 * backend does: it may not leave that folder, symlinks included. Answers the
 * real path, or why it cannot be read.
 */
export async function resolveInsideEntityFolder(
  entityFolder: string,
  target: string,
): Promise<{ root: string; isFile: boolean } | { refused: string }> {
  const requested = path.resolve(entityFolder, target);
  if (!isInside(entityFolder, requested)) {
    return { refused: "leaves the entity's own folder" };
  }
  let root: string;
  let realFolder: string;
  try {
    root = await fs.realpath(requested);
    realFolder = await fs.realpath(entityFolder);
  } catch {
    return { refused: 'does not exist' };
  }
  if (!isInside(realFolder, root)) {
    return {
      refused: "leads outside the entity's own folder through a symlink",
    };
  }
  const stat = await fs.stat(root);
  return { root, isFile: stat.isFile() };
}

/** The files under `root` (a folder or one file) that `accept` keeps. */
export async function listFiles(
  root: string,
  isFile: boolean,
  accept: (name: string) => boolean,
): Promise<LocalFile[]> {
  if (isFile) {
    const stat = await fs.stat(root);
    return accept(root)
      ? [{ path: path.basename(root), absolute: root, size: stat.size }]
      : [];
  }
  const files: LocalFile[] = [];
  const walk = async (folder: string) => {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) {
        continue;
      }
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.isFile() && accept(entry.name)) {
        const stat = await fs.stat(full);
        files.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          absolute: full,
          size: stat.size,
        });
      }
    }
  };
  await walk(root);
  return files;
}

/** True for the markdown files a runbooks folder may hold. */
export function isMarkdownPath(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

/** True for YAML files, such as Prometheus rule files. */
export function isYamlPath(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** 1-based line of the first line that `test` accepts, if any. */
export function findLine(
  content: string,
  test: (line: string) => boolean,
): number | undefined {
  const lines = content.split(/\r?\n/);
  const index = lines.findIndex(test);
  return index < 0 ? undefined : index + 1;
}
