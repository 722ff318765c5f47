import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  computeReviewStatus,
  parseDuration,
  Runbook,
  runbookViewPath,
  withReview,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksConfig } from '../config';
import { EntitySummary, RunbookReview, StoredRunbook } from './types';

/**
 * A stored runbook as the API answers it, with its review status computed
 * for `now` (time moves, so status is never stored).
 */
export function presentRunbook(options: {
  config: Pick<
    RunbooksConfig,
    'reviewInterval' | 'reviewIntervalText' | 'dueSoonWindow'
  >;
  ref: CompoundEntityRef;
  entity: Pick<EntitySummary, 'reviewInterval'>;
  runbook: Omit<StoredRunbook, 'markdown' | 'headings'>;
  review?: RunbookReview;
  now: Date;
}): Runbook {
  const { config, ref, entity, runbook, review, now } = options;
  // A portal review counts for the text it was made on only.
  const changed = Boolean(
    review?.contentHash &&
      runbook.contentHash &&
      review.contentHash !== runbook.contentHash,
  );
  // A review made in the portal wins when it is newer than every date the runbook states.
  const reviewed =
    review &&
    !changed &&
    !runbook.missing &&
    [runbook.lastReviewed, runbook.nextReview].every(
      date => !date || date < review.reviewedAt,
    );
  const lastReviewed = reviewed ? review!.reviewedAt : runbook.lastReviewed;
  const nextReview = reviewed ? undefined : runbook.nextReview;
  const intervalText =
    entity.reviewInterval ??
    runbook.reviewInterval ??
    config.reviewIntervalText;
  const interval = parseDuration(intervalText) ?? config.reviewInterval;
  const status = runbook.missing
    ? { status: 'never-reviewed' as const, due: undefined }
    : computeReviewStatus({
        lastReviewed: lastReviewed ? new Date(lastReviewed) : undefined,
        nextReview: nextReview ? new Date(nextReview) : undefined,
        interval,
        dueSoonWindow: config.dueSoonWindow,
        now,
      });
  return {
    id: runbook.id,
    title: runbook.title,
    category: runbook.category,
    path: runbook.path,
    sourceUrl: runbook.sourceUrl,
    viewUrl: runbookViewPath(ref, runbook.id),
    alerts: runbook.alerts,
    severity: runbook.severity,
    owner: runbook.owner,
    tags: runbook.tags,
    lastReviewed,
    reviewedBy: reviewed ? review!.reviewer : undefined,
    nextReview: nextReview ?? status.due?.toISOString(),
    reviewInterval: intervalText,
    status: status.status,
    missing: runbook.missing,
    ...(runbook.standards
      ? {
          // The review check counts a portal review as the review does.
          standards: reviewed
            ? withReview(runbook.standards, {
                lastReviewed,
                reviewer: review!.reviewer,
              })
            : runbook.standards,
        }
      : {}),
    ...(changed && review
      ? {
          changedSinceReview: true,
          changedReview: {
            reviewer: review.reviewer,
            reviewedAt: review.reviewedAt,
          },
        }
      : {}),
  };
}
