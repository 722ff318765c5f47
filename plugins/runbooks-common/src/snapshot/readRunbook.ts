import { titleFromFileName } from '../markdown';
import { extractStatedReviewDates } from '../reviewDates';
import { RunbookProblem } from '../types';
import {
  folderOf,
  isoDate,
  LocationIndexes,
  nearestIndexDates,
  ReadFile,
} from './locationIndexes';
import { StoredRunbook } from './types';

/**
 * One runbook of the snapshot from its file: title, category and review
 * dates from its front matter, then its own text, then its index.
 */
export function readRunbook(
  { file, parsed, document }: ReadFile,
  id: string,
  indexes: LocationIndexes,
  problems: RunbookProblem[],
): StoredRunbook {
  const fm = parsed.frontMatter;
  const link = indexes.links.get(file.path);
  const folder = folderOf(file.path);
  const stated = extractStatedReviewDates(document);
  const indexDates = nearestIndexDates(folder, indexes);
  const frontMatterDate = (key: 'last-reviewed' | 'next-review') => {
    const text = fm[key];
    if (text === undefined) return undefined;
    const date = isoDate(text);
    if (!date) {
      problems.push({
        level: 'warning',
        subject: file.path,
        message: `${file.path}: front matter "${key}" is "${text}", which is not a date (use 2024-12-01)`,
      });
    }
    return date;
  };
  // Front matter, then the runbook's own text, then its index: the first that states a date wins.
  const ownLast = frontMatterDate('last-reviewed') ?? stated.lastReviewed;
  const ownNext = frontMatterDate('next-review') ?? stated.nextReview;
  const fromIndex = !ownLast && !ownNext;
  return {
    id,
    title:
      fm.title ?? document.title ?? link?.title ?? titleFromFileName(file.path),
    category:
      fm.category ??
      link?.category ??
      (folder ? indexes.folders.get(folder)?.title ?? folder : undefined),
    path: file.path,
    sourceUrl: file.sourceUrl,
    alerts: fm.alerts ?? [],
    severity: fm.severity,
    owner: fm.owner,
    tags: fm.tags,
    lastReviewed: fromIndex ? indexDates?.lastReviewed : ownLast,
    nextReview: fromIndex ? indexDates?.nextReview : ownNext,
    reviewer:
      frontMatterText(fm.reviewer ?? fm['reviewed-by']) ??
      (fromIndex ? indexDates?.reviewer : stated.reviewer),
    reviewInterval: fm['review-interval'],
    missing: false,
    markdown: parsed.body,
    headings: document.headings,
  };
}

function frontMatterText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
