import { extractMarkdownBlocks, findColumn } from './markdownBlocks';
import { markdownInlineToText } from './markdown';
import { parseReviewDate } from './review';

/**
 * Review dates a runbook or index states in its text.
 *
 * @public
 */
export type StatedReviewDates = {
  /** When it was last updated or reviewed (ISO 8601). */
  lastReviewed?: string;
  /** When it is due for review (ISO 8601). */
  nextReview?: string;
};

const LAST_REVIEWED =
  /^(?:last[ -]?(?:updated|reviewed|review(?:ed)?\s+on)|reviewed(?:\s+on)?|updated(?:\s+on)?)$/i;
const NEXT_REVIEW =
  /^(?:next[ -]?review(?:\s+(?:date|due))?|review\s+due|due\s+for\s+review)$/i;
const LABELLED_LINE =
  /^\s*(?:[-*]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z -]{2,30}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.+?)\s*$/;

/**
 * Reads the conventions real runbook folders use for review dates:
 * `**Last Updated**: 2024-12-01`, `Last Updated: December 2024`,
 * `Last reviewed: …`, `**Next Review**: …`, and the newest date of a
 * version-history table (a table with a Date column). A stated line wins over
 * the history table.
 *
 * @public
 */
export function extractStatedReviewDates(markdown: string): StatedReviewDates {
  const dates: StatedReviewDates = {};
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const labelled = LABELLED_LINE.exec(line);
    if (!labelled) continue;
    const label = labelled[1].trim().replace(/\s+/g, ' ');
    const value = markdownInlineToText(labelled[2]).replace(/\s+\(.*\)$/, '');
    const date = parseReviewDate(value);
    if (!date) continue;
    if (!dates.lastReviewed && LAST_REVIEWED.test(label)) {
      dates.lastReviewed = date.toISOString();
    } else if (!dates.nextReview && NEXT_REVIEW.test(label)) {
      dates.nextReview = date.toISOString();
    }
  }
  if (!dates.lastReviewed) {
    const newest = newestHistoryDate(markdown);
    if (newest) dates.lastReviewed = newest.toISOString();
  }
  return dates;
}

function newestHistoryDate(markdown: string): Date | undefined {
  let newest: Date | undefined;
  for (const table of extractMarkdownBlocks(markdown).tables) {
    const dateColumn = findColumn(
      table,
      /^date$/,
      /^(last )?updated$/,
      /^reviewed( on)?$/,
    );
    const isHistory =
      findColumn(table, /version|change|revision|author|reviewer/) >= 0;
    if (dateColumn < 0 || !isHistory) continue;
    for (const row of table.rows) {
      const date = parseReviewDate(markdownInlineToText(row[dateColumn] ?? ''));
      if (date && (!newest || date > newest)) newest = date;
    }
  }
  return newest;
}
