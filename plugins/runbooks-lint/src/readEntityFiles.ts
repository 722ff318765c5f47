import {
  parseLocationAnnotation,
  RUNBOOKS_ALERT_RULES_ANNOTATION,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  DEFAULT_SOURCE_LIMITS,
  isMarkdownPath,
  isYamlPath,
  LocalFolderFile,
  resolveInsideEntityFolder,
  walkLocalFolder,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  annotationLine,
  display,
  EntityFiles,
  EntityScope,
  LocalFile,
  report,
} from './entityScope';

/**
 * Reads the markdown files of the entity's `dir:` locations the way the
 * portal's local reader does: inside the entity's folder, skipping files over
 * the size limit and files past the count limit.
 */
export async function readRunbookLocations(
  scope: EntityScope,
  entityFolder: string,
  result: EntityFiles,
) {
  const key = RUNBOOKS_LOCATION_ANNOTATION;
  if (scope.annotations[key] === undefined) return;
  const line = annotationLine(scope, key);
  for (const location of parseLocationAnnotation(scope.annotations[key])
    .value) {
    if (location.type === 'url') {
      result.unseen = true;
      report(
        scope,
        'info',
        `${key} url:${location.target} is not checked offline; the portal reads it when it refreshes the entity`,
        { line, subject: key },
      );
      continue;
    }
    const files = await readDir(scope, entityFolder, {
      key,
      target: location.target,
      accept: isMarkdownPath,
      what: 'runbooks',
      kind: 'markdown files',
    });
    if (!files) continue;
    result.read = true;
    result.locations.push(files);
  }
}

export async function readAlertRules(
  scope: EntityScope,
  entityFolder: string,
  result: EntityFiles,
) {
  const key = RUNBOOKS_ALERT_RULES_ANNOTATION;
  if (scope.annotations[key] === undefined) return;
  const line = annotationLine(scope, key);
  for (const location of parseLocationAnnotation(scope.annotations[key], key)
    .value) {
    if (location.type === 'url') {
      report(
        scope,
        'info',
        `${key} url:${location.target} is not checked offline`,
        { line, subject: key },
      );
      continue;
    }
    const files = await readDir(scope, entityFolder, {
      key,
      target: location.target,
      accept: isYamlPath,
      what: 'alert rules',
      kind: 'YAML rule files',
    });
    result.ruleFiles.push(...(files ?? []));
  }
}

/** Reads one `dir:` target; undefined when the portal could not read it. */
async function readDir(
  scope: EntityScope,
  entityFolder: string,
  options: {
    key: string;
    target: string;
    accept: (name: string) => boolean;
    what: string;
    kind: string;
  },
): Promise<LocalFile[] | undefined> {
  const { key, target } = options;
  const line = annotationLine(scope, key);
  const resolved = await resolveInsideEntityFolder(entityFolder, target);
  if ('refused' in resolved) {
    report(
      scope,
      'error',
      `${key} dir:${target} ${resolved.refused} (${display(
        scope,
        path.resolve(entityFolder, target),
      )}); the portal cannot read these ${options.what}`,
      { line, subject: key },
    );
    return undefined;
  }
  const listed: LocalFolderFile[] = [];
  const walk = walkLocalFolder(resolved.root, {
    isFile: resolved.isFile,
    accept: options.accept,
  });
  for await (const file of walk) listed.push(file);
  if (!listed.length) {
    report(scope, 'warning', `${key} dir:${target} holds no ${options.kind}`, {
      line,
      subject: key,
    });
    return [];
  }
  const max = DEFAULT_SOURCE_LIMITS.maxFilesPerEntity;
  if (listed.length > max) {
    report(
      scope,
      'warning',
      `${key} dir:${target} holds ${listed.length} ${options.kind}; the portal reads the first ${max} by default (runbooks.limits.maxFilesPerEntity), and so does this check`,
      { line, subject: key },
    );
  }
  const files: LocalFile[] = [];
  for (const file of listed) {
    if (files.length >= max) break;
    if (file.size > DEFAULT_SOURCE_LIMITS.maxFileBytes) {
      report(
        scope,
        'warning',
        `${file.path} is ${file.size} bytes; the portal skips files over ${DEFAULT_SOURCE_LIMITS.maxFileBytes} bytes by default (runbooks.limits.maxFileBytes)`,
        { file: file.absolute, subject: file.path },
      );
      continue;
    }
    files.push({
      path: file.path,
      absolute: file.absolute,
      content: await fs.readFile(file.absolute, 'utf8'),
    });
  }
  return files;
}
