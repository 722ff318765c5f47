import {
  buildEntitySnapshot,
  decideReview,
  DEFAULT_REVIEW_POLICY,
  EntitySnapshot,
  isRunbookIndexFile,
  parseAlertsAnnotation,
  parseLocationAnnotation,
  parseMarkdownFile,
  parseOnCallAnnotation,
  parseRunbookIndex,
  parseYamlValue,
  RunbookFile,
  RunbookProblem,
  RUNBOOKS_ALERT_RULES_ANNOTATION,
  RUNBOOKS_ALERTS_ANNOTATION,
  RUNBOOKS_LOCATION_ANNOTATION,
  RUNBOOKS_ON_CALL_ANNOTATION,
  StoredRunbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CatalogDocument } from './catalogFile';
import {
  DEFAULT_LIMITS,
  findLine,
  isMarkdownPath,
  isYamlPath,
  listFiles,
  resolveInsideEntityFolder,
} from './files';
import { Finding, FindingLevel } from './findings';
import { lintStandards } from './lintStandards';

/** What the entity linter needs to know about where it runs. */
export type LintContext = {
  cwd: string;
  now: Date;
  /** Missing required sections are errors rather than warnings. */
  strictStandards?: boolean;
};

/** The entity being linted and where it is written. */
type EntityScope = {
  ref: string;
  annotations: Record<string, string>;
  /** Absolute path of its catalog-info.yaml. */
  catalogFile: string;
  document: CatalogDocument;
  context: LintContext;
  findings: Finding[];
};

/** A file read from disk, as the snapshot builder takes it, with where it lives. */
type LocalFile = RunbookFile & { absolute: string };

/** What the `dir:` locations and rule files of an entity hold. */
type EntityFiles = {
  /** The files of each `dir:` location that could be read, in order. */
  locations: LocalFile[][];
  ruleFiles: LocalFile[];
  /** Whether any `dir:` runbooks location was read. */
  read: boolean;
  /** Whether a `url:` location holds runbooks this run cannot see. */
  unseen: boolean;
};

function display(scope: EntityScope, absolute: string): string {
  return path.relative(scope.context.cwd, absolute).split(path.sep).join('/');
}

function report(
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
function annotationLine(scope: EntityScope, key: string | undefined) {
  return (key && scope.document.annotationLine(key)) || scope.document.line;
}

/**
 * Lints one entity's runbooks setup. The files its annotations point at are
 * read from disk, then judged by the portal's own snapshot builder
 * (`buildEntitySnapshot` of runbooks-common): every problem the portal would
 * show is a finding, with the portal's message. What the portal does not
 * report as a problem but a repository's CI should know (stale runbooks,
 * alerts without a runbook, unknown anchors, reading limits, the on-call
 * schedule file) is added around it.
 */
export async function lintEntity(
  entity: {
    ref: string;
    annotations: Record<string, string>;
    catalogFile: string;
    document: CatalogDocument;
  },
  context: LintContext,
): Promise<Finding[]> {
  const scope: EntityScope = { ...entity, context, findings: [] };
  const entityFolder = path.dirname(scope.catalogFile);

  const files: EntityFiles = {
    locations: [],
    ruleFiles: [],
    read: false,
    unseen: false,
  };
  await readRunbookLocations(scope, entityFolder, files);
  await readAlertRules(scope, entityFolder, files);
  const snapshot = buildEntitySnapshot({
    entityRef: entity.ref,
    entityTitle: entity.ref,
    annotations: scope.annotations,
    locations: files.locations.map(location => ({ files: location })),
    ruleFiles: files.ruleFiles,
    problems: [],
    now: context.now,
  });

  reportSnapshotProblems(scope, snapshot, files);
  lintReviewStatus(scope, snapshot, files);
  lintAlertAnchors(scope, snapshot);
  lintIndexAlerts(scope, snapshot, files);
  lintAlertsWithoutRunbook(scope, snapshot, files);
  lintStandards(
    snapshot,
    (level, message, runbook) =>
      runbook
        ? report(scope, level, message, {
            file: fileOf(files, runbook)?.absolute,
            subject: runbook.path,
          })
        : report(scope, level, message, {
            line: annotationLine(scope, RUNBOOKS_LOCATION_ANNOTATION),
            subject: RUNBOOKS_LOCATION_ANNOTATION,
          }),
    Boolean(context.strictStandards),
  );
  await lintOnCallSchedule(scope, entityFolder);
  return scope.findings;
}

/**
 * Reads the markdown files of the entity's `dir:` locations the way the
 * portal's local reader does: inside the entity's folder, skipping files over
 * the size limit and files past the count limit.
 */
async function readRunbookLocations(
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

async function readAlertRules(
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
  const listed = await listFiles(
    resolved.root,
    resolved.isFile,
    options.accept,
  );
  if (!listed.length) {
    report(scope, 'warning', `${key} dir:${target} holds no ${options.kind}`, {
      line,
      subject: key,
    });
    return [];
  }
  const max = DEFAULT_LIMITS.maxFilesPerEntity;
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
    if (file.size > DEFAULT_LIMITS.maxFileBytes) {
      report(
        scope,
        'warning',
        `${file.path} is ${file.size} bytes; the portal skips files over ${DEFAULT_LIMITS.maxFileBytes} bytes by default (runbooks.limits.maxFileBytes)`,
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

/**
 * Every problem of the snapshot, with the portal's message, placed at the
 * file and line it is about where that can be told.
 */
function reportSnapshotProblems(
  scope: EntityScope,
  snapshot: EntitySnapshot,
  files: EntityFiles,
) {
  for (const problem of snapshot.problems) {
    // Runbooks behind a url: are not read here, so a mapping to one would look wrong.
    if (
      !files.read &&
      files.unseen &&
      problem.subject === RUNBOOKS_ALERTS_ANNOTATION &&
      problem.message.endsWith('which is not a runbook of this entity')
    ) {
      continue;
    }
    report(scope, problem.level, problem.message, {
      ...locateProblem(scope, problem, files),
      subject: problem.subject,
    });
  }
}

function locateProblem(
  scope: EntityScope,
  problem: RunbookProblem,
  files: EntityFiles,
): { file?: string; line?: number } {
  const subject = problem.subject;
  const indexes = (location: LocalFile[]) =>
    location.filter(f => isRunbookIndexFile(f.path));
  if (subject && /^The runbook index links to /.test(problem.message)) {
    // The index that links to it, in a location where the file is absent.
    const name = subject.split('/').pop()!;
    const lacking = files.locations.filter(
      location => !location.some(f => f.path === subject),
    );
    for (const index of lacking.flatMap(indexes)) {
      const line = findLine(
        index.content,
        text =>
          text.includes('](') &&
          (text.includes(name) || text.includes(encodeURI(name))),
      );
      if (line) return { file: index.absolute, line };
    }
  }
  const alert = /^Alert (\S+) is mapped/.exec(problem.message)?.[1];
  if (alert && subject === 'the runbook index') {
    for (const index of files.locations.flatMap(indexes)) {
      const line = findLine(index.content, text => text.includes(alert));
      if (line) return { file: index.absolute, line };
    }
  }
  const file =
    subject !== undefined
      ? [...files.locations.flat(), ...files.ruleFiles].find(
          f => f.path === subject,
        )
      : undefined;
  if (file) {
    const key = /front matter "([^"]+)"/.exec(problem.message)?.[1];
    return {
      file: file.absolute,
      line: key ? frontMatterLine(file.content, key) : undefined,
    };
  }
  return { line: annotationLine(scope, subject) };
}

function frontMatterLine(content: string, key: string): number | undefined {
  const escaped = escapeRegExp(key);
  const pattern = new RegExp(`^\\s*["']?${escaped}["']?\\s*:`);
  return findLine(content, line => pattern.test(line));
}

/** `2025-03-01` for a date; the text itself when it is not one. */
function isoDay(text: string): string {
  const date = new Date(text);
  return isNaN(date.getTime()) ? text : date.toISOString().slice(0, 10);
}

/** The file a runbook of the snapshot was read from. */
function fileOf(files: EntityFiles, runbook: StoredRunbook) {
  return files.locations.flat().find(file => file.path === runbook.path);
}

/**
 * Review status as the portal computes it (without the reviews recorded in
 * the portal, which are not known offline): a warning for each stale
 * runbook, one note for those stating no review date.
 */
function lintReviewStatus(
  scope: EntityScope,
  snapshot: EntitySnapshot,
  files: EntityFiles,
) {
  const neverReviewed: string[] = [];
  for (const runbook of snapshot.runbooks) {
    if (runbook.missing) continue;
    const review = decideReview({
      runbook,
      entityReviewInterval: snapshot.reviewInterval,
      policy: DEFAULT_REVIEW_POLICY,
      now: scope.context.now,
    });
    if (review.status === 'never-reviewed') neverReviewed.push(runbook.path);
    if (review.status === 'stale') {
      report(
        scope,
        'warning',
        `this runbook is stale: its review was due on ${isoDay(
          review.nextReview!,
        )} (review interval ${
          review.reviewInterval
        }); re-read it and update last-reviewed`,
        { file: fileOf(files, runbook)?.absolute, subject: runbook.path },
      );
    }
  }
  if (neverReviewed.length) {
    const shown = neverReviewed.slice(0, 5).join(', ');
    const more =
      neverReviewed.length > 5 ? ` and ${neverReviewed.length - 5} more` : '';
    const key = RUNBOOKS_LOCATION_ANNOTATION;
    report(
      scope,
      'info',
      `${neverReviewed.length} runbook(s) state no review date (front matter last-reviewed, a "Last Updated:" line, or their index's), so the portal shows them as never reviewed: ${shown}${more}`,
      { line: annotationLine(scope, key), subject: key },
    );
  }
}

/** `runbooks/alerts` anchors that no heading of the runbook has (the portal opens the page at its top). */
function lintAlertAnchors(scope: EntityScope, snapshot: EntitySnapshot) {
  const key = RUNBOOKS_ALERTS_ANNOTATION;
  if (scope.annotations[key] === undefined) return;
  const byPath = new Map(
    snapshot.runbooks
      .filter(runbook => !runbook.missing)
      .map(runbook => [runbook.path.toLowerCase(), runbook]),
  );
  for (const entry of parseAlertsAnnotation(scope.annotations[key]).value) {
    const runbook = byPath.get(entry.path.toLowerCase());
    if (!runbook || !entry.anchor) continue;
    if (!runbook.headings.some(heading => heading.anchor === entry.anchor)) {
      report(
        scope,
        'warning',
        `${key} maps ${entry.alert} to ${entry.path}#${entry.anchor}, but ${entry.path} has no heading with that anchor`,
        { line: annotationLine(scope, key), subject: key },
      );
    }
  }
}

/**
 * Alert tables of the index files that point at files that are neither
 * runbooks nor linked from the index: the portal drops those mappings without
 * a word.
 */
function lintIndexAlerts(
  scope: EntityScope,
  snapshot: EntitySnapshot,
  files: EntityFiles,
) {
  const known = new Set(
    snapshot.runbooks.map(runbook => runbook.path.toLowerCase()),
  );
  const reported = new Set<string>();
  for (const file of files.locations.flat()) {
    if (!isRunbookIndexFile(file.path)) continue;
    const body = parseMarkdownFile(file.content, file.path).body;
    for (const alert of parseRunbookIndex(body, file.path).alerts) {
      const target = alert.path.toLowerCase();
      if (known.has(target) || reported.has(target)) continue;
      reported.add(target);
      report(
        scope,
        'warning',
        `The index maps alert ${alert.alert} to ${alert.path}, which does not exist; the portal ignores this mapping`,
        {
          file: file.absolute,
          line: findLine(file.content, text => text.includes(alert.alert)),
          subject: alert.alert,
        },
      );
    }
  }
}

/**
 * Alerts of the rule files that no runbook answers, as the portal lists them
 * (`alertsWithoutRunbook` of the snapshot), at the rule's line.
 */
function lintAlertsWithoutRunbook(
  scope: EntityScope,
  snapshot: EntitySnapshot,
  files: EntityFiles,
) {
  // Runbooks at a URL may answer any alert: say nothing rather than guess.
  if (files.unseen) return;
  for (const alert of snapshot.alertsWithoutRunbook) {
    const file = files.ruleFiles.find(f => f.path === alert.file);
    report(
      scope,
      'warning',
      `Alert ${alert.alert}${
        alert.severity ? ` (severity ${alert.severity})` : ''
      } has no runbook: name a runbook ${
        alert.alert
      }.md, list it in a runbook's front matter alerts, or map it in ${RUNBOOKS_ALERTS_ANNOTATION}`,
      {
        file: file?.absolute,
        line: file
          ? findLine(file.content, text =>
              new RegExp(
                `alert:\\s*["']?${escapeRegExp(alert.alert)}["']?\\s*$`,
              ).test(text),
            )
          : undefined,
        subject: alert.alert,
      },
    );
  }
}

async function lintOnCallSchedule(scope: EntityScope, entityFolder: string) {
  const key = RUNBOOKS_ON_CALL_ANNOTATION;
  const source = parseOnCallAnnotation(scope.annotations).value;
  if (source?.provider !== 'schedule') return;
  const line = annotationLine(scope, key);
  const resolved = await resolveInsideEntityFolder(entityFolder, source.target);
  if ('refused' in resolved || !resolved.isFile) {
    report(
      scope,
      'error',
      `${key} schedule:${source.target} ${
        'refused' in resolved ? resolved.refused : 'is not a file'
      }`,
      { line, subject: key },
    );
    return;
  }
  const yaml = parseYamlValue(await fs.readFile(resolved.root, 'utf8'));
  if ('error' in yaml) {
    report(
      scope,
      'error',
      `the on-call schedule is not valid YAML (${yaml.error})`,
      { file: resolved.root, subject: key },
    );
    return;
  }
  const data = yaml.value;
  if (!data || typeof data !== 'object' || !('rotation' in data)) {
    report(
      scope,
      'warning',
      'the on-call schedule has no rotation: (start, every, members)',
      { file: resolved.root, subject: key },
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
