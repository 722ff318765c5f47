import {
  ReviewStatus,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/** How many runbooks an entity has, by review status; missing ones apart. */
export type RunbookCounts = {
  total: number;
  missing: number;
  byStatus: Record<ReviewStatus, number>;
};

/** Counts runbooks by review status; a missing runbook counts only as missing. */
export function countRunbooks(runbooks: Runbook[]): RunbookCounts {
  const byStatus: Record<ReviewStatus, number> = {
    fresh: 0,
    'due-soon': 0,
    stale: 0,
    'never-reviewed': 0,
  };
  let missing = 0;
  for (const runbook of runbooks) {
    if (runbook.missing) missing++;
    else byStatus[runbook.status]++;
  }
  return { total: runbooks.length, missing, byStatus };
}
