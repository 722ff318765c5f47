import {
  decideReview,
  DEFAULT_REVIEW_POLICY,
  ReviewPolicy,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { EntitySummary, RunbookReview, StoredRunbook } from '../service/types';

/**
 * When a runbook is due for review (ISO time), portal review included; null
 * when it was never reviewed or is missing. Stored beside the runbook so the
 * coverage report can count statuses in SQL: status then only depends on
 * how `now` compares with it.
 */
export type DueOf = (
  entity: Pick<EntitySummary, 'reviewInterval'>,
  runbook: Omit<StoredRunbook, 'markdown' | 'headings'>,
  review?: RunbookReview,
) => string | null;

/** The due date as the API's review decision computes it, for `policy`. */
export function dueOfPolicy(
  policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
): DueOf {
  return (entity, runbook, review) => {
    if (runbook.missing) return null;
    const { nextReview } = decideReview({
      runbook,
      entityReviewInterval: entity.reviewInterval,
      portalReview: review,
      policy,
      // The due date does not depend on now; only the status does.
      now: new Date(0),
    });
    if (!nextReview) return null;
    const due = new Date(nextReview);
    // An unreadable stated date never turns due, as the decision has it.
    return Number.isNaN(due.getTime())
      ? '9999-12-31T23:59:59.999Z'
      : due.toISOString();
  };
}
