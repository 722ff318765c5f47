import {
  LocalFolderFile,
  resolveInsideEntityFolder,
  walkLocalFolder,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import fs from 'fs/promises';
import { SourceBudget } from './budget';
import { FileFilter, isMarkdownPath, SourceReadResult } from './types';

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
  const accept = options.accept ?? isMarkdownPath;
  const refuse = (message: string): SourceReadResult => ({
    files: [],
    problems: [{ level: 'error', subject: annotation, message }],
  });
  const resolved = await resolveInsideEntityFolder(entityFolder, relativeDir);
  if ('refused' in resolved) {
    return refuse(
      `${annotation}: dir:${relativeDir} ${resolved.refused}${
        resolved.missing ? '' : ' and was not read'
      }`,
    );
  }
  if (resolved.isFile && !accept(resolved.root)) {
    return refuse(
      `${annotation}: ${relativeDir} is a file of a kind this annotation does not read`,
    );
  }
  const result: SourceReadResult = { files: [], problems: [] };
  const files = walkLocalFolder(resolved.root, {
    isFile: resolved.isFile,
    accept,
    descend: () => !budget.exhausted(),
  });
  for await (const file of files) {
    await readFile(file, result, budget);
  }
  return result;
}

async function readFile(
  file: LocalFolderFile,
  result: SourceReadResult,
  budget: SourceBudget,
): Promise<void> {
  const { path: relative, size } = file;
  if (size > budget.limits.maxFileBytes) {
    result.problems.push({
      level: 'warning',
      subject: relative,
      message: `${relative} is ${size} bytes, over the ${budget.limits.maxFileBytes} byte limit (runbooks.limits.maxFileBytes); not read`,
    });
    return;
  }
  if (!budget.take(size)) return;
  const content = await fs.readFile(file.absolute, 'utf8');
  result.files.push({ path: relative, content });
}
