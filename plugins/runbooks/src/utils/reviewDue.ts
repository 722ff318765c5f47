import {
  addDuration,
  parseDuration,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/**
 * When a runbook is (or was) due for review: its stated next review, else its
 * last review plus its interval; undefined when nothing dates it.
 */
export function reviewDueDate(
  runbook: Pick<Runbook, 'nextReview' | 'lastReviewed' | 'reviewInterval'>,
): string | undefined {
  if (runbook.nextReview) return runbook.nextReview;
  if (!runbook.lastReviewed) return undefined;
  const last = new Date(runbook.lastReviewed);
  const interval = parseDuration(runbook.reviewInterval);
  if (isNaN(last.getTime()) || !interval) return undefined;
  return addDuration(last, interval).toISOString();
}
