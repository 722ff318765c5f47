import { addDuration, CalendarDuration } from './duration';
import { ReviewStatus } from './types';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Reads a review date as runbook folders write them: `2024-12-01`, an ISO
 * timestamp, `2024-12`, `December 2024` or `Dec 2024`. A date given only to
 * the month means the first day of that month, so that a runbook is never
 * trusted for longer than its authors said. Returns undefined when the text
 * holds no date.
 *
 * @public
 */
export function parseReviewDate(text: unknown): Date | undefined {
  if (text instanceof Date) return isNaN(text.getTime()) ? undefined : text;
  if (typeof text !== 'string') return undefined;
  const value = text.trim();
  const full =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      value,
    );
  if (full) {
    if (value.length > 10) {
      const parsed = new Date(value);
      return isNaN(parsed.getTime()) ? undefined : parsed;
    }
    return utcDate(Number(full[1]), Number(full[2]), Number(full[3]));
  }
  const yearMonth = /^(\d{4})-(\d{1,2})$/.exec(value);
  if (yearMonth) return utcDate(Number(yearMonth[1]), Number(yearMonth[2]), 1);
  const monthYear = /^([a-z]+)\.?,?\s+(\d{4})$/i.exec(value);
  if (monthYear) {
    const name = monthYear[1].toLowerCase();
    const index = MONTHS.findIndex(
      month => month === name || (name.length >= 3 && month.startsWith(name)),
    );
    if (index >= 0) return utcDate(Number(monthYear[2]), index + 1, 1);
  }
  return undefined;
}

function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date
    : undefined;
}

/**
 * What decides a runbook's review status.
 *
 * @public
 */
export type ReviewInput = {
  lastReviewed?: Date;
  nextReview?: Date;
  interval: CalendarDuration;
  dueSoonWindow: CalendarDuration;
  now: Date;
};

/**
 * Review status and due date: the stated next review wins, else last review
 * plus the interval; `due-soon` within the window before the due date.
 *
 * @public
 */
export function computeReviewStatus(input: ReviewInput): {
  status: ReviewStatus;
  due?: Date;
} {
  const { lastReviewed, nextReview, interval, dueSoonWindow, now } = input;
  const due =
    nextReview ??
    (lastReviewed ? addDuration(lastReviewed, interval) : undefined);
  if (!due) return { status: 'never-reviewed' };
  if (due.getTime() <= now.getTime()) return { status: 'stale', due };
  if (addDuration(now, dueSoonWindow).getTime() >= due.getTime()) {
    return { status: 'due-soon', due };
  }
  return { status: 'fresh', due };
}
