import fs from 'node:fs/promises';
import path from 'node:path';

/** Folders never read as runbooks. Hidden entries are skipped as well. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
]);

/** True when `candidate` is `folder` or inside it. */
export function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

/** A location resolved inside the entity's folder, or why it is refused. */
export type ResolvedLocalLocation =
  | { root: string; isFile: boolean }
  | {
      /** `leaves the entity's own folder`, `does not exist`, … */
      refused: string;
      /** True when the path does not exist (rather than being forbidden). */
      missing?: boolean;
    };

/**
 * Resolves a `dir:` target against the folder of the entity's
 * catalog-info.yaml: it may not leave that folder, symlinks included.
 */
export async function resolveInsideEntityFolder(
  entityFolder: string,
  target: string,
): Promise<ResolvedLocalLocation> {
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
    return { refused: 'does not exist', missing: true };
  }
  if (!isInside(realFolder, root)) {
    return {
      refused: "leads outside the entity's own folder through a symlink",
    };
  }
  const stat = await fs.stat(root);
  return { root, isFile: stat.isFile() };
}

/** A file found under a local location. */
export type LocalFolderFile = {
  /** Path relative to the location's root, slash-separated. */
  path: string;
  /** Absolute path on disk. */
  absolute: string;
  size: number;
};

/**
 * The files under `root` (a folder, or one file) whose names `accept` keeps,
 * in name order, depth first. Lazy: a caller that stops early reads no more
 * of the tree, and `descend` is asked before each subfolder is entered.
 */
export async function* walkLocalFolder(
  root: string,
  options: {
    isFile: boolean;
    accept: (name: string) => boolean;
    descend?: () => boolean;
  },
): AsyncGenerator<LocalFolderFile> {
  const { isFile, accept, descend = () => true } = options;
  if (isFile) {
    if (accept(root)) {
      const stat = await fs.stat(root);
      yield { path: path.basename(root), absolute: root, size: stat.size };
    }
    return;
  }
  yield* walk(root, root, accept, descend);
}

async function* walk(
  root: string,
  folder: string,
  accept: (name: string) => boolean,
  descend: () => boolean,
): AsyncGenerator<LocalFolderFile> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) {
      continue;
    }
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (descend()) yield* walk(root, full, accept, descend);
    } else if (entry.isFile() && accept(entry.name)) {
      const stat = await fs.stat(full);
      yield {
        path: path.relative(root, full).split(path.sep).join('/'),
        absolute: full,
        size: stat.size,
      };
    }
  }
}
