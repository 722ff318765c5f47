import { parseMarkdownFile, ParsedMarkdownFile } from '../frontMatter';
import { MarkdownDocument, readMarkdownDocument } from '../markdown';
import { parseReviewDate } from '../review';
import { StatedReviewDates } from '../reviewDates';
import {
  isRunbookIndexFile,
  parseRunbookIndex,
  RunbookIndex,
  RunbookIndexAlert,
  RunbookIndexLink,
} from '../runbookIndex';
import { readDeclaredStandard } from '../standards/declaredStandard';
import { RunbookStandard } from '../standards/types';
import { RunbookProblem, Severity } from '../types';
import { RunbookFile } from './types';

/** What the index files of one location say, merged. */
export type LocationIndexes = {
  links: Map<string, RunbookIndexLink>;
  alerts: RunbookIndexAlert[];
  severities: Severity[];
  /** The structure the shallowest index that declares one asks of runbooks. */
  standard?: RunbookStandard;
  /** Dates and titles of each folder's index, by folder ('' for the root). */
  folders: Map<string, { dates: StatedReviewDates; title?: string }>;
  /** The index files, read, each a runbook when it holds content or an alert leads into it. */
  pages: Array<ReadFile & { holdsContent: boolean }>;
};

/** A markdown file with its front matter split off and its body read. */
export type ReadFile = {
  file: RunbookFile;
  parsed: ParsedMarkdownFile;
  document: MarkdownDocument;
};

export function readFile(
  file: RunbookFile,
  problems: RunbookProblem[],
): ReadFile {
  const parsed = parseMarkdownFile(file.content, file.path);
  problems.push(...parsed.problems);
  const document = readMarkdownDocument(parsed.body);
  if (document.tree.truncated) {
    problems.push({
      level: 'warning',
      subject: file.path,
      message: `${file.path} has more inline markup than is read for one file; its links and emphasis past that point are read as plain text`,
    });
  }
  return { file, parsed, document };
}

export function readIndexes(
  files: RunbookFile[],
  problems: RunbookProblem[],
): LocationIndexes {
  const result: LocationIndexes = {
    links: new Map(),
    alerts: [],
    severities: [],
    folders: new Map(),
    pages: [],
  };
  const indexFiles = files
    .filter(f => isRunbookIndexFile(f.path))
    .sort((a, b) => depth(a.path) - depth(b.path));
  for (const file of indexFiles) {
    const read = readFile(file, problems);
    const { parsed, document } = read;
    const index: RunbookIndex = parseRunbookIndex(document, file.path);
    problems.push(...index.problems);
    result.pages.push({ ...read, holdsContent: index.holdsContent });
    for (const link of index.links) {
      if (!result.links.has(link.path)) result.links.set(link.path, link);
    }
    result.alerts.push(...index.alerts);
    if (!result.severities.length) result.severities = index.severities;
    result.standard ??= readDeclaredStandard(document, file.path);
    const folder = folderOf(file.path);
    result.folders.set(folder, {
      dates: {
        lastReviewed:
          isoDate(parsed.frontMatter['last-reviewed']) ??
          index.dates.lastReviewed,
        nextReview:
          isoDate(parsed.frontMatter['next-review']) ?? index.dates.nextReview,
        reviewer: index.dates.reviewer,
      },
      title: parsed.frontMatter.title ?? document.title,
    });
  }
  return result;
}

export function nearestIndexDates(
  folder: string,
  indexes: LocationIndexes,
): StatedReviewDates | undefined {
  for (let current = folder; ; current = folderOf(current)) {
    const dates = indexes.folders.get(current)?.dates;
    if (dates?.lastReviewed || dates?.nextReview) return dates;
    if (!current) return undefined;
  }
}

export function isoDate(text: string | undefined): string | undefined {
  return text === undefined ? undefined : parseReviewDate(text)?.toISOString();
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function depth(path: string): number {
  return path.split('/').length;
}
