import {
  RunbookFile,
  StoredRunbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import path from 'node:path';
import { CatalogDocument } from './catalogFile';
import { Finding, FindingLevel } from './findings';

/** What the entity linter needs to know about where it runs. */
export type LintContext = {
  cwd: string;
  now: Date;
  /** Missing required sections are errors rather than warnings. */
  strictStandards?: boolean;
};

/** The entity being linted and where it is written. */
export type EntityScope = {
  ref: string;
  annotations: Record<string, string>;
  /** Absolute path of its catalog-info.yaml. */
  catalogFile: string;
  document: CatalogDocument;
  context: LintContext;
  findings: Finding[];
};

/** A file read from disk, as the snapshot builder takes it, with where it lives. */
export type LocalFile = RunbookFile & { absolute: string };

/** What the `dir:` locations and rule files of an entity hold. */
export type EntityFiles = {
  /** The files of each `dir:` location that could be read, in order. */
  locations: LocalFile[][];
  ruleFiles: LocalFile[];
  /** Whether any `dir:` runbooks location was read. */
  read: boolean;
  /** Whether a `url:` location holds runbooks this run cannot see. */
  unseen: boolean;
};

export function display(scope: EntityScope, absolute: string): string {
  return path.relative(scope.context.cwd, absolute).split(path.sep).join('/');
}

export function report(
  scope: EntityScope,
  level: FindingLevel,
  message: string,
  where: { file?: string; line?: number; subject?: string } = {},
) {
  const file = where.file ?? scope.catalogFile;
  scope.findings.push({
    level,
    file: display(scope, file),
    ...(where.line ? { line: where.line } : {}),
    message,
    ...(where.subject ? { subject: where.subject } : {}),
    entity: scope.ref,
  });
}

/** The line of an annotation in catalog-info.yaml, else the entity's first line. */
export function annotationLine(scope: EntityScope, key: string | undefined) {
  return (key && scope.document.annotationLine(key)) || scope.document.line;
}

/** The file a runbook of the snapshot was read from. */
export function fileOf(files: EntityFiles, runbook: StoredRunbook) {
  return files.locations.flat().find(file => file.path === runbook.path);
}
