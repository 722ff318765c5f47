import fs from 'fs/promises';
import path from 'path';
import { SourceBudget } from './budget';
import { FileFilter, isMarkdownPath, SourceReadResult } from './types';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

type ReadContext = {
  result: SourceReadResult;
  budget: SourceBudget;
  accept: FileFilter;
};

/**
 * Reads the files under `relativeDir` (a folder, or one file), which must stay
 * inside `entityFolder` (the folder of the entity's catalog-info.yaml),
 * symlinks included. Markdown files unless `accept` says otherwise.
 */
export async function readLocalRunbooks(options: {
  entityFolder: string;
  relativeDir: string;
  annotation: string;
  budget: SourceBudget;
  accept?: FileFilter;
}): Promise<SourceReadResult> {
  const { entityFolder, relativeDir, annotation, budget } = options;
  const refuse = (message: string): SourceReadResult => ({
    files: [],
    problems: [{ level: 'error', subject: annotation, message }],
  });
  const requested = path.resolve(entityFolder, relativeDir);
  if (!isInside(entityFolder, requested)) {
    return refuse(
      `${annotation}: dir:${relativeDir} leaves the entity's own folder and was not read`,
    );
  }
  let root: string;
  let realEntityFolder: string;
  try {
    root = await fs.realpath(requested);
    realEntityFolder = await fs.realpath(entityFolder);
  } catch {
    return refuse(`${annotation}: dir:${relativeDir} does not exist`);
  }
  if (!isInside(realEntityFolder, root)) {
    return refuse(
      `${annotation}: dir:${relativeDir} leads outside the entity's own folder through a symlink and was not read`,
    );
  }
  const context: ReadContext = {
    result: { files: [], problems: [] },
    budget,
    accept: options.accept ?? isMarkdownPath,
  };
  const stat = await fs.stat(root);
  if (stat.isFile()) {
    if (!context.accept(root)) {
      return refuse(
        `${annotation}: ${relativeDir} is a file of a kind this annotation does not read`,
      );
    }
    await readFile(root, path.basename(root), context);
    return context.result;
  }
  await walk(root, root, context);
  return context.result;
}

async function walk(
  root: string,
  folder: string,
  context: ReadContext,
): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) {
      continue;
    }
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!context.budget.exhausted()) await walk(root, full, context);
    } else if (entry.isFile() && context.accept(entry.name)) {
      const relative = path.relative(root, full).split(path.sep).join('/');
      await readFile(full, relative, context);
    }
  }
}

async function readFile(
  full: string,
  relative: string,
  { result, budget }: ReadContext,
): Promise<void> {
  const stat = await fs.stat(full);
  if (stat.size > budget.limits.maxFileBytes) {
    result.problems.push({
      level: 'warning',
      subject: relative,
      message: `${relative} is ${stat.size} bytes, over the ${budget.limits.maxFileBytes} byte limit (runbooks.limits.maxFileBytes); not read`,
    });
    return;
  }
  if (!budget.take(stat.size)) return;
  const content = await fs.readFile(full, 'utf8');
  result.files.push({ path: relative, content });
}

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}
