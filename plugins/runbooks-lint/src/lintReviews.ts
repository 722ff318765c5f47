import {
  decideReview,
  DEFAULT_REVIEW_POLICY,
  EntitySnapshot,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  annotationLine,
  EntityFiles,
  EntityScope,
  fileOf,
  report,
} from './entityScope';

/** `2025-03-01` for a date; the text itself when it is not one. */
function isoDay(text: string): string {
  const date = new Date(text);
  return isNaN(date.getTime()) ? text : date.toISOString().slice(0, 10);
}

/**
 * Review status as the portal computes it (without the reviews recorded in
 * the portal, which are not known offline): a warning for each stale
 * runbook, one note for those stating no review date.
 */
export function lintReviewStatus(
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
