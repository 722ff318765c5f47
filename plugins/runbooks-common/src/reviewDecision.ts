import { CalendarDuration, parseDuration } from './duration';
import { computeReviewStatus } from './review';
import { RunbookReview } from './apiTypes';
import { ReviewStatus } from './types';

/**
 * The portal's defaults for `runbooks.reviewInterval` and
 * `runbooks.dueSoonWindow`.
 *
 * @public
 */
export const DEFAULT_REVIEW_INTERVAL = '90d';
/** @public */
export const DEFAULT_DUE_SOON_WINDOW = '14d';

/**
 * How long a review holds, and how early it is flagged as due.
 *
 * @public
 */
export type ReviewPolicy = {
  reviewInterval: CalendarDuration;
  /** The interval as configured, shown beside the status. */
  reviewIntervalText: string;
  dueSoonWindow: CalendarDuration;
};

/** @public */
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  reviewInterval: parseDuration(DEFAULT_REVIEW_INTERVAL)!,
  reviewIntervalText: DEFAULT_REVIEW_INTERVAL,
  dueSoonWindow: parseDuration(DEFAULT_DUE_SOON_WINDOW)!,
};

/**
 * What a runbook states about its own review.
 *
 * @public
 */
export type RunbookReviewFacts = {
  lastReviewed?: string;
  nextReview?: string;
  reviewInterval?: string;
  missing?: boolean;
  contentHash?: string;
};

/**
 * A runbook's review status, and the dates and review it rests on.
 *
 * @public
 */
export type ReviewDecision = {
  status: ReviewStatus;
  /** When the next review is (or was) due, ISO 8601 or as the runbook wrote it. */
  nextReview?: string;
  lastReviewed?: string;
  /** The interval that applies, as written. */
  reviewInterval: string;
  /** The portal review that counts, when one does. */
  portalReview?: RunbookReview;
  /** The latest portal review, when it was made on other text than the runbook has now. */
  changedSinceReview?: RunbookReview;
};

/**
 * The one place that decides review status. Precedence: the entity's
 * `runbooks/review-interval`, else the runbook's own, else the policy's; a
 * review made in the portal counts when it was made on the runbook's current
 * text and is newer than every date the runbook states; the stated next
 * review wins over last review plus interval. A missing runbook is never
 * reviewed.
 *
 * @public
 */
export function decideReview(options: {
  runbook: RunbookReviewFacts;
  entityReviewInterval?: string;
  portalReview?: RunbookReview;
  policy: ReviewPolicy;
  now: Date;
}): ReviewDecision {
  const { runbook, entityReviewInterval, portalReview, policy, now } = options;
  const changed = Boolean(
    portalReview?.contentHash &&
      runbook.contentHash &&
      portalReview.contentHash !== runbook.contentHash,
  );
  const counted =
    portalReview &&
    !changed &&
    !runbook.missing &&
    [runbook.lastReviewed, runbook.nextReview].every(
      date => !date || date < portalReview.reviewedAt,
    )
      ? portalReview
      : undefined;
  const lastReviewed = counted ? counted.reviewedAt : runbook.lastReviewed;
  const statedNext = counted ? undefined : runbook.nextReview;
  const reviewInterval =
    entityReviewInterval ?? runbook.reviewInterval ?? policy.reviewIntervalText;
  const interval = parseDuration(reviewInterval) ?? policy.reviewInterval;
  const { status, due } = runbook.missing
    ? { status: 'never-reviewed' as const, due: undefined }
    : computeReviewStatus({
        lastReviewed: lastReviewed ? new Date(lastReviewed) : undefined,
        nextReview: statedNext ? new Date(statedNext) : undefined,
        interval,
        dueSoonWindow: policy.dueSoonWindow,
        now,
      });
  return {
    status,
    nextReview: statedNext ?? due?.toISOString(),
    lastReviewed,
    reviewInterval,
    ...(counted ? { portalReview: counted } : {}),
    ...(changed && portalReview ? { changedSinceReview: portalReview } : {}),
  };
}
