import {
  alertMatchesPattern,
  AlertRule,
  computeReviewStatus,
  extractHeadings,
  extractStatedReviewDates,
  isRunbookIndexFile,
  matchRunbookUrl,
  parseAlertsAnnotation,
  parseDuration,
  parseLocationAnnotation,
  parseMarkdownFile,
  parseOnCallAnnotation,
  parsePrometheusRules,
  parseReviewDate,
  parseRunbookIndex,
  RunbookProblem,
  RUNBOOKS_ALERT_RULES_ANNOTATION,
  RUNBOOKS_ALERTS_ANNOTATION,
  RUNBOOKS_LOCATION_ANNOTATION,
  RUNBOOKS_ON_CALL_ANNOTATION,
  RUNBOOKS_REVIEW_INTERVAL_ANNOTATION,
  StatedReviewDates,
  validateRunbooksAnnotations,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { CatalogDocument } from './catalogFile';
import {
  DEFAULT_LIMITS,
  findLine,
  isMarkdownPath,
  isYamlPath,
  listFiles,
  LocalFile,
  resolveInsideEntityFolder,
} from './files';
import { Finding, FindingLevel } from './findings';

/** The portal's defaults (`runbooks.reviewInterval`, `runbooks.dueSoonWindow`). */
const DEFAULT_REVIEW_INTERVAL = '90d';
const DUE_SOON_WINDOW = parseDuration('14d')!;

/** What the entity linter needs to know about where it runs. */
export type LintContext = {
  cwd: string;
  now: Date;
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

/** A markdown file of a runbooks location, read. */
type RunbookFileContent = LocalFile & { content: string };

/** An alert rule with the absolute path and line of its rule file. */
type LocatedRule = AlertRule & { line?: number };

/** What the `dir:` locations of an entity hold. */
type RunbookSet = {
  /** Present runbooks (not index files), by lower-case path. */
  runbooks: Map<string, RunbookFileContent & { alerts: string[] }>;
  /** Alert mappings of index tables and mapping blocks to present runbooks. */
  indexAlerts: string[];
  /** Whether any `dir:` location was read. */
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
 * Lints one entity's runbooks setup: its annotations with the shared
 * validator, then what they point at on disk.
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
  const { annotations } = scope;

  for (const problem of validateRunbooksAnnotations(annotations)) {
    report(scope, problem.level, problem.message, {
      line: annotationLine(scope, problem.subject),
      subject: problem.subject,
    });
  }

  const entityFolder = path.dirname(scope.catalogFile);
  const runbooks = await lintRunbookLocations(scope, entityFolder);
  lintAlertsAnnotation(scope, runbooks);
  const rules = await lintAlertRules(scope, entityFolder);
  lintAlertsWithoutRunbook(scope, runbooks, rules);
  await lintOnCallSchedule(scope, entityFolder);
  return scope.findings;
}

async function lintRunbookLocations(
  scope: EntityScope,
  entityFolder: string,
): Promise<RunbookSet> {
  const set: RunbookSet = {
    runbooks: new Map(),
    indexAlerts: [],
    read: false,
    unseen: false,
  };
  const key = RUNBOOKS_LOCATION_ANNOTATION;
  if (scope.annotations[key] === undefined) return set;
  const line = annotationLine(scope, key);
  const neverReviewed: string[] = [];
  for (const location of parseLocationAnnotation(scope.annotations[key])
    .value) {
    if (location.type === 'url') {
      set.unseen = true;
      report(
        scope,
        'info',
        `${key} url:${location.target} is not checked offline; the portal reads it when it refreshes the entity`,
        { line, subject: key },
      );
      continue;
    }
    const resolved = await resolveInsideEntityFolder(
      entityFolder,
      location.target,
    );
    if ('refused' in resolved) {
      report(
        scope,
        'error',
        `${key} dir:${location.target} ${resolved.refused} (${display(
          scope,
          path.resolve(entityFolder, location.target),
        )}); the portal cannot read these runbooks`,
        { line, subject: key },
      );
      continue;
    }
    set.read = true;
    const files = await listFiles(
      resolved.root,
      resolved.isFile,
      isMarkdownPath,
    );
    if (!files.length) {
      report(
        scope,
        'warning',
        `${key} dir:${location.target} holds no markdown files`,
        { line, subject: key },
      );
      continue;
    }
    if (files.length > DEFAULT_LIMITS.maxFilesPerEntity) {
      report(
        scope,
        'warning',
        `${key} dir:${location.target} holds ${files.length} markdown files; the portal reads the first ${DEFAULT_LIMITS.maxFilesPerEntity} by default (runbooks.limits.maxFilesPerEntity)`,
        { line, subject: key },
      );
    }
    const contents: RunbookFileContent[] = [];
    for (const file of files) {
      if (file.size > DEFAULT_LIMITS.maxFileBytes) {
        report(
          scope,
          'warning',
          `${file.path} is ${file.size} bytes; the portal skips files over ${DEFAULT_LIMITS.maxFileBytes} bytes by default (runbooks.limits.maxFileBytes)`,
          { file: file.absolute, subject: file.path },
        );
        continue;
      }
      contents.push({
        ...file,
        content: await fs.readFile(file.absolute, 'utf8'),
      });
    }
    const folderDates = lintIndexes(scope, contents, set);
    for (const file of contents) {
      if (isRunbookIndexFile(file.path)) continue;
      const status = lintRunbook(scope, file, folderDates, set);
      if (status === 'never-reviewed') neverReviewed.push(file.path);
    }
  }
  if (neverReviewed.length) {
    const shown = neverReviewed.slice(0, 5).join(', ');
    const more =
      neverReviewed.length > 5 ? ` and ${neverReviewed.length - 5} more` : '';
    report(
      scope,
      'info',
      `${neverReviewed.length} runbook(s) state no review date (front matter last-reviewed, a "Last Updated:" line, or their index's), so the portal shows them as never reviewed: ${shown}${more}`,
      { line, subject: key },
    );
  }
  return set;
}

/** Reports a problem of a common parser against the file it is about. */
function reportFileProblem(
  scope: EntityScope,
  file: RunbookFileContent,
  problem: RunbookProblem,
) {
  const prefix = `${file.path}: `;
  const message = problem.message.startsWith(prefix)
    ? problem.message.slice(prefix.length)
    : problem.message;
  const key = /front matter "([^"]+)"/.exec(message)?.[1];
  report(scope, problem.level, message, {
    file: file.absolute,
    line: key ? frontMatterLine(file.content, key) : undefined,
    subject: file.path,
  });
}

function frontMatterLine(content: string, key: string): number | undefined {
  const escaped = escapeRegExp(key);
  const pattern = new RegExp(`^\\s*["']?${escaped}["']?\\s*:`);
  return findLine(content, line => pattern.test(line));
}

/**
 * Checks the index files of one location: front matter, alert tables and
 * links to runbooks that do not exist. Answers the index dates per folder.
 */
function lintIndexes(
  scope: EntityScope,
  files: RunbookFileContent[],
  set: RunbookSet,
): Map<string, StatedReviewDates> {
  const folderDates = new Map<string, StatedReviewDates>();
  const present = new Set(files.map(file => file.path));
  const reported = new Set<string>();
  for (const file of files.filter(f => isRunbookIndexFile(f.path))) {
    const parsed = parseMarkdownFile(file.content, file.path);
    parsed.problems.forEach(p => reportFileProblem(scope, file, p));
    const index = parseRunbookIndex(parsed.body, file.path);
    index.problems.forEach(p => reportFileProblem(scope, file, p));
    for (const link of index.links) {
      if (present.has(link.path) || reported.has(link.path)) continue;
      reported.add(link.path);
      const name = link.path.split('/').pop()!;
      report(
        scope,
        'warning',
        `The index links to ${link.path} ("${link.title}"), which does not exist; the portal lists it as a missing runbook`,
        {
          file: file.absolute,
          line: findLine(
            file.content,
            text =>
              text.includes('](') &&
              (text.includes(name) || text.includes(encodeURI(name))),
          ),
          subject: link.path,
        },
      );
    }
    for (const alert of index.alerts) {
      if (present.has(alert.path)) {
        set.indexAlerts.push(alert.alert);
      } else if (!reported.has(alert.path)) {
        reported.add(alert.path);
        report(
          scope,
          'warning',
          `The index maps alert ${alert.alert} to ${alert.path}, which does not exist`,
          {
            file: file.absolute,
            line: findLine(file.content, text => text.includes(alert.alert)),
            subject: alert.alert,
          },
        );
      }
    }
    const folder = folderOf(file.path);
    folderDates.set(folder, {
      lastReviewed:
        validDate(parsed.frontMatter['last-reviewed']) ??
        index.dates.lastReviewed,
      nextReview:
        validDate(parsed.frontMatter['next-review']) ?? index.dates.nextReview,
    });
  }
  return folderDates;
}

/** Checks one runbook's front matter and dates; answers its review status. */
function lintRunbook(
  scope: EntityScope,
  file: RunbookFileContent,
  folderDates: Map<string, StatedReviewDates>,
  set: RunbookSet,
) {
  const parsed = parseMarkdownFile(file.content, file.path);
  parsed.problems.forEach(p => reportFileProblem(scope, file, p));
  const fm = parsed.frontMatter;
  set.runbooks.set(file.path.toLowerCase(), {
    ...file,
    alerts: fm.alerts ?? [],
  });

  const frontMatterDate = (key: 'last-reviewed' | 'next-review') => {
    const text = fm[key];
    if (text === undefined) return undefined;
    const date = validDate(text);
    if (!date) {
      report(
        scope,
        'warning',
        `front matter "${key}" is "${text}", which is not a date (use 2024-12-01)`,
        {
          file: file.absolute,
          line: frontMatterLine(file.content, key),
          subject: file.path,
        },
      );
    }
    return date;
  };
  // The portal's order: front matter, then the runbook's text, then its index.
  const stated = extractStatedReviewDates(parsed.body);
  const ownLast = frontMatterDate('last-reviewed') ?? stated.lastReviewed;
  const ownNext = frontMatterDate('next-review') ?? stated.nextReview;
  const dates =
    ownLast || ownNext
      ? { lastReviewed: ownLast, nextReview: ownNext }
      : nearestIndexDates(folderOf(file.path), folderDates) ?? {};

  const intervalText =
    (parseDuration(scope.annotations[RUNBOOKS_REVIEW_INTERVAL_ANNOTATION]) &&
      scope.annotations[RUNBOOKS_REVIEW_INTERVAL_ANNOTATION]) ||
    fm['review-interval'] ||
    DEFAULT_REVIEW_INTERVAL;
  const review = computeReviewStatus({
    lastReviewed: dates.lastReviewed ? new Date(dates.lastReviewed) : undefined,
    nextReview: dates.nextReview ? new Date(dates.nextReview) : undefined,
    interval: parseDuration(intervalText)!,
    dueSoonWindow: DUE_SOON_WINDOW,
    now: scope.context.now,
  });
  if (review.status === 'stale') {
    report(
      scope,
      'warning',
      `this runbook is stale: its review was due on ${review
        .due!.toISOString()
        .slice(
          0,
          10,
        )} (review interval ${intervalText}); re-read it and update last-reviewed`,
      { file: file.absolute, subject: file.path },
    );
  }
  return review.status;
}

function lintAlertsAnnotation(scope: EntityScope, set: RunbookSet) {
  const key = RUNBOOKS_ALERTS_ANNOTATION;
  if (scope.annotations[key] === undefined || !set.read) return;
  const line = annotationLine(scope, key);
  for (const entry of parseAlertsAnnotation(scope.annotations[key]).value) {
    const runbook = set.runbooks.get(entry.path.toLowerCase());
    if (!runbook) {
      report(
        scope,
        'error',
        `${key} maps ${entry.alert} to ${entry.path}, which is not a runbook of this entity`,
        { line, subject: key },
      );
      continue;
    }
    if (entry.anchor) {
      const body = parseMarkdownFile(runbook.content, runbook.path).body;
      const anchors = extractHeadings(body).map(h => h.anchor);
      if (!anchors.includes(entry.anchor)) {
        report(
          scope,
          'warning',
          `${key} maps ${entry.alert} to ${entry.path}#${entry.anchor}, but ${entry.path} has no heading with that anchor`,
          { line, subject: key },
        );
      }
    }
  }
}

async function lintAlertRules(
  scope: EntityScope,
  entityFolder: string,
): Promise<LocatedRule[]> {
  const key = RUNBOOKS_ALERT_RULES_ANNOTATION;
  const rules: LocatedRule[] = [];
  if (scope.annotations[key] === undefined) return rules;
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
    const resolved = await resolveInsideEntityFolder(
      entityFolder,
      location.target,
    );
    if ('refused' in resolved) {
      report(
        scope,
        'error',
        `${key} dir:${location.target} ${resolved.refused}; the portal cannot read these alert rules`,
        { line, subject: key },
      );
      continue;
    }
    const files = await listFiles(resolved.root, resolved.isFile, isYamlPath);
    if (!files.length) {
      report(
        scope,
        'warning',
        `${key} dir:${location.target} holds no YAML rule files`,
        { line, subject: key },
      );
    }
    for (const file of files) {
      const content = await fs.readFile(file.absolute, 'utf8');
      const parsed = parsePrometheusRules(content, file.path);
      parsed.problems.forEach(problem =>
        reportFileProblem(scope, { ...file, content }, problem),
      );
      rules.push(
        ...parsed.rules.map(rule => ({
          ...rule,
          file: file.absolute,
          line: findLine(content, text =>
            new RegExp(
              `alert:\\s*["']?${escapeRegExp(rule.alert)}["']?\\s*$`,
            ).test(text),
          ),
        })),
      );
    }
  }
  return rules;
}

/**
 * Alerts of the rule files that no runbook answers by any of the portal's
 * ways: the alerts annotation, front matter, the index, a runbook named like
 * the alert, or the rule's runbook_url.
 */
function lintAlertsWithoutRunbook(
  scope: EntityScope,
  set: RunbookSet,
  rules: LocatedRule[],
) {
  // Runbooks at a URL may answer any alert: say nothing rather than guess.
  if (!rules.length || set.unseen) return;
  const patterns = [
    ...parseAlertsAnnotation(scope.annotations[RUNBOOKS_ALERTS_ANNOTATION])
      .value.filter(entry => set.runbooks.has(entry.path.toLowerCase()))
      .map(entry => entry.alert),
    ...[...set.runbooks.values()].flatMap(runbook => runbook.alerts),
    ...set.indexAlerts,
  ];
  const names = new Set(
    [...set.runbooks.values()].map(runbook =>
      (runbook.path.split('/').pop() ?? '')
        .replace(/\.(md|markdown)$/i, '')
        .toLowerCase(),
    ),
  );
  const paths = [...set.runbooks.values()].map(runbook => runbook.path);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.alert)) continue;
    seen.add(rule.alert);
    const answered =
      patterns.some(pattern => alertMatchesPattern(rule.alert, pattern)) ||
      names.has(rule.alert.toLowerCase()) ||
      (rule.runbookUrl !== undefined &&
        matchRunbookUrl(rule.runbookUrl, paths) !== undefined);
    if (answered) continue;
    report(
      scope,
      'warning',
      `Alert ${rule.alert}${
        rule.severity ? ` (severity ${rule.severity})` : ''
      } has no runbook: name a runbook ${
        rule.alert
      }.md, list it in a runbook's front matter alerts, or map it in ${RUNBOOKS_ALERTS_ANNOTATION}`,
      { file: rule.file, line: rule.line, subject: rule.alert },
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
  const document = parseDocument(await fs.readFile(resolved.root, 'utf8'));
  if (document.errors.length) {
    report(
      scope,
      'error',
      `the on-call schedule is not valid YAML (${
        document.errors[0].message.split('\n')[0]
      })`,
      { file: resolved.root, subject: key },
    );
    return;
  }
  const data = document.toJS();
  if (!data || typeof data !== 'object' || !('rotation' in data)) {
    report(
      scope,
      'warning',
      'the on-call schedule has no rotation: (start, every, members)',
      { file: resolved.root, subject: key },
    );
  }
}

function validDate(text: string | undefined): string | undefined {
  return text === undefined ? undefined : parseReviewDate(text)?.toISOString();
}

function folderOf(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash < 0 ? '' : filePath.slice(0, slash);
}

function nearestIndexDates(
  folder: string,
  folderDates: Map<string, StatedReviewDates>,
): StatedReviewDates | undefined {
  for (let current = folder; ; current = folderOf(current)) {
    const dates = folderDates.get(current);
    if (dates?.lastReviewed || dates?.nextReview) return dates;
    if (!current) return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
