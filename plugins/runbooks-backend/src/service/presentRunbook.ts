import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  decideReview,
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
  const decision = decideReview({
    runbook,
    entityReviewInterval: entity.reviewInterval,
    portalReview: review,
    policy: config,
    now,
  });
  const counted = decision.portalReview;
  const changed = decision.changedSinceReview;
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
    lastReviewed: decision.lastReviewed,
    reviewedBy: counted?.reviewer,
    nextReview: decision.nextReview,
    reviewInterval: decision.reviewInterval,
    status: decision.status,
    missing: runbook.missing,
    ...(runbook.standards
      ? {
          // The review check counts a portal review as the review does.
          standards: counted
            ? withReview(runbook.standards, {
                lastReviewed: counted.reviewedAt,
                reviewer: counted.reviewer,
              })
            : runbook.standards,
        }
      : {}),
    ...(changed
      ? {
          changedSinceReview: true,
          changedReview: {
            reviewer: changed.reviewer,
            reviewedAt: changed.reviewedAt,
          },
        }
      : {}),
  };
}
