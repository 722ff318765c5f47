import {
  ReviewStatus,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/** What each review status is called on screen. */
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  fresh: 'Fresh',
  'due-soon': 'Due soon',
  stale: 'Stale',
  'never-reviewed': 'Never reviewed',
};

/** Review statuses from worst to best. */
export const REVIEW_STATUSES_WORST_FIRST: ReviewStatus[] = [
  'stale',
  'never-reviewed',
  'due-soon',
  'fresh',
];

/** The worst status among runbooks that exist, if any exist. */
export function worstReviewStatus(
  runbooks: Runbook[],
): ReviewStatus | undefined {
  const present = new Set(runbooks.filter(r => !r.missing).map(r => r.status));
  return REVIEW_STATUSES_WORST_FIRST.find(status => present.has(status));
}
