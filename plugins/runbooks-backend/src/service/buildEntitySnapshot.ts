import {
  AlertMapping,
  extractHeadings,
  extractTitle,
  isRunbookIndexFile,
  parseDuration,
  parseEscalationAnnotation,
  parseMarkdownFile,
  parseReviewDate,
  parseRunbookIndex,
  RunbookIndexLink,
  RunbookProblem,
  runbookIdFromPath,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RUNBOOKS_REVIEW_INTERVAL_ANNOTATION,
  titleFromFileName,
  validateRunbooksAnnotations,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbookFile } from '../sources/types';
import { EntitySnapshot, StoredRunbook } from './types';

/** The files of one runbooks location of an entity. */
export type LocationFiles = { files: RunbookFile[] };

/**
 * Turns what was read from an entity's locations into the snapshot the plugin
 * stores: runbooks with titles, categories and dates, index links to missing
 * files, alert mappings and escalation, and every problem met on the way.
 */
export function buildEntitySnapshot(options: {
  entityRef: string;
  entityTitle: string;
  owner?: string;
  annotations: Record<string, string>;
  locations: LocationFiles[];
  problems: RunbookProblem[];
  now: Date;
}): EntitySnapshot {
  const { entityRef, annotations, locations, now } = options;
  const problems = [
    ...validateRunbooksAnnotations(annotations),
    ...options.problems,
  ];
  const runbooks: StoredRunbook[] = [];
  const ids = new Set<string>();
  const uniqueId = (path: string) => {
    const base = runbookIdFromPath(path);
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };

  for (const { files } of locations) {
    const indexLinks = readIndexes(files, problems);
    const folderTitles = readFolderTitles(files);
    const present = new Set(files.map(file => file.path));
    for (const file of files) {
      if (isRunbookIndexFile(file.path)) continue;
      runbooks.push(
        readRunbook(
          file,
          uniqueId(file.path),
          indexLinks.get(file.path),
          folderTitles,
          problems,
        ),
      );
    }
    for (const link of indexLinks.values()) {
      if (present.has(link.path)) continue;
      runbooks.push({
        id: uniqueId(link.path),
        title: link.title,
        category: link.category,
        path: link.path,
        alerts: [],
        missing: true,
        markdown: '',
        headings: [],
      });
      problems.push({
        level: 'warning',
        subject: link.path,
        message: `The runbook index links to ${link.path}, which does not exist`,
      });
    }
  }

  const reviewIntervalText = annotations[RUNBOOKS_REVIEW_INTERVAL_ANNOTATION];
  const reviewInterval = parseDuration(reviewIntervalText)
    ? reviewIntervalText!.trim()
    : undefined;
  const escalation = parseEscalationAnnotation(
    annotations[RUNBOOKS_ESCALATION_ANNOTATION],
  );

  const alerts: AlertMapping[] = runbooks.flatMap(runbook =>
    runbook.alerts.map(alert => ({
      alert,
      runbookId: runbook.id,
      source: 'front-matter' as const,
    })),
  );

  return {
    entityRef,
    entityTitle: options.entityTitle,
    owner: options.owner,
    refreshedAt: now.toISOString(),
    reviewInterval,
    problems,
    alerts,
    escalation: escalation.value,
    runbooks,
  };
}

function readIndexes(files: RunbookFile[], problems: RunbookProblem[]) {
  const links = new Map<string, RunbookIndexLink>();
  for (const file of files.filter(f => isRunbookIndexFile(f.path))) {
    const parsed = parseMarkdownFile(file.content, file.path);
    problems.push(...parsed.problems);
    for (const link of parseRunbookIndex(parsed.body, file.path).links) {
      if (!links.has(link.path)) links.set(link.path, link);
    }
  }
  return links;
}

/** Titles of sub-folders from their own index files, for runbooks no index lists. */
function readFolderTitles(files: RunbookFile[]) {
  const titles = new Map<string, string>();
  for (const file of files) {
    const slash = file.path.lastIndexOf('/');
    if (slash < 0 || !isRunbookIndexFile(file.path)) continue;
    const parsed = parseMarkdownFile(file.content, file.path);
    const title = parsed.frontMatter.title ?? extractTitle(parsed.body);
    if (title) titles.set(file.path.slice(0, slash), title);
  }
  return titles;
}

function readRunbook(
  file: RunbookFile,
  id: string,
  link: RunbookIndexLink | undefined,
  folderTitles: Map<string, string>,
  problems: RunbookProblem[],
): StoredRunbook {
  const parsed = parseMarkdownFile(file.content, file.path);
  problems.push(...parsed.problems);
  const fm = parsed.frontMatter;
  const folder = file.path.includes('/')
    ? file.path.slice(0, file.path.lastIndexOf('/'))
    : undefined;
  const date = (key: 'last-reviewed' | 'next-review') => {
    const text = fm[key];
    if (text === undefined) return undefined;
    const parsedDate = parseReviewDate(text);
    if (!parsedDate) {
      problems.push({
        level: 'warning',
        subject: file.path,
        message: `${file.path}: front matter "${key}" is "${text}", which is not a date (use 2024-12-01)`,
      });
      return undefined;
    }
    return parsedDate.toISOString();
  };
  return {
    id,
    title:
      fm.title ??
      extractTitle(parsed.body) ??
      link?.title ??
      titleFromFileName(file.path),
    category:
      fm.category ??
      link?.category ??
      (folder ? folderTitles.get(folder) ?? folder : undefined),
    path: file.path,
    sourceUrl: file.sourceUrl,
    alerts: fm.alerts ?? [],
    severity: fm.severity,
    owner: fm.owner,
    tags: fm.tags,
    lastReviewed: date('last-reviewed'),
    nextReview: date('next-review'),
    reviewInterval: fm['review-interval'],
    missing: false,
    markdown: parsed.body,
    headings: extractHeadings(parsed.body),
  };
}
