import { findColumn, MarkdownSource, toMarkdownDocument } from './markdown';
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
  /** Who reviewed it: `Reviewed by: Jane`, or `Last reviewed: 2025-06-30 (by Jane)`. */
  reviewer?: string;
};

const LAST_REVIEWED =
  /^(?:last[ -]?(?:updated|reviewed|review(?:ed)? on)|reviewed(?: on)?|updated(?: on)?)$/i;
const REVIEWER = /^(?:reviewed by|reviewer|approved by|last reviewed by)$/i;
const NEXT_REVIEW =
  /^(?:next[ -]?review(?: (?:date|due))?|review due|due for review)$/i;
/** Labels are a few words; a date, with a note after it, is short too. */
const MAX_LABEL = 32;
const MAX_VALUE = 80;

/** `Label: value` of one line of text, when the label is a few words. */
function labelledLine(
  line: string,
): { label: string; value: string } | undefined {
  const colon = line.indexOf(':');
  if (colon < 3 || colon > MAX_LABEL + 4) return undefined;
  const label = line
    .slice(0, colon)
    .replace(/^\s*[-*•]?\s*/, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (!/^[A-Za-z][A-Za-z -]{2,31}$/.test(label)) return undefined;
  const value = line.slice(colon + 1).trim();
  if (!value || value.length > MAX_VALUE) return undefined;
  return { label, value };
}

/** `2025-06-30 (by Jane)` and `2025-06-30, Jane` state the date first. */
function dateOf(value: string): Date | undefined {
  const date = parseReviewDate(value);
  if (date) return date;
  const cut = value.search(/\s\(|,\s| by /);
  return cut > 0 ? parseReviewDate(value.slice(0, cut)) : undefined;
}

/**
 * Reads the conventions real runbook folders use for review dates:
 * `**Last Updated**: 2024-12-01`, `Last Updated: December 2024`,
 * `Last reviewed: …`, `**Next Review**: …`, and the newest date of a
 * version-history table (a table with a Date column). A stated line wins over
 * the history table.
 *
 * @public
 */
export function extractStatedReviewDates(
  source: MarkdownSource,
): StatedReviewDates {
  const document = toMarkdownDocument(source);
  const dates: StatedReviewDates = {};
  for (const line of document.paragraphLines) {
    const labelled = labelledLine(line);
    if (!labelled) continue;
    if (!dates.reviewer && REVIEWER.test(labelled.label)) {
      dates.reviewer = labelled.value;
      continue;
    }
    const date = dateOf(labelled.value);
    if (!date) continue;
    if (!dates.lastReviewed && LAST_REVIEWED.test(labelled.label)) {
      dates.lastReviewed = date.toISOString();
      const by = /(?:^|[\s(,])by\s+([^)]+)\)?\s*$/i.exec(labelled.value);
      if (by && !dates.reviewer) dates.reviewer = by[1].trim();
    } else if (!dates.nextReview && NEXT_REVIEW.test(labelled.label)) {
      dates.nextReview = date.toISOString();
    }
  }
  if (!dates.lastReviewed) {
    const newest = newestHistoryDate(document.tables);
    if (newest) dates.lastReviewed = newest.toISOString();
  }
  return dates;
}

function newestHistoryDate(
  tables: ReturnType<typeof toMarkdownDocument>['tables'],
): Date | undefined {
  let newest: Date | undefined;
  for (const table of tables) {
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
      const text = row[dateColumn]?.text ?? '';
      const date = text.length <= MAX_VALUE ? parseReviewDate(text) : undefined;
      if (date && (!newest || date > newest)) newest = date;
    }
  }
  return newest;
}
