import { Runbook } from '@runbooks-for-backstage/plugin-runbooks-common';

/** Runbooks of one category, in the order the backend listed them. */
export type RunbookGroup = { category: string; runbooks: Runbook[] };

/** The name of the group of runbooks that have no category. */
export const OTHER_CATEGORY = 'Other';

/**
 * Groups runbooks by category, categories in order of first appearance and
 * uncategorised runbooks last, under "Other".
 */
export function groupRunbooks(runbooks: Runbook[]): RunbookGroup[] {
  const groups = new Map<string, Runbook[]>();
  const other: Runbook[] = [];
  for (const runbook of runbooks) {
    const category = runbook.category?.trim();
    if (!category) {
      other.push(runbook);
      continue;
    }
    const group = groups.get(category) ?? [];
    group.push(runbook);
    groups.set(category, group);
  }
  const named = groups.get(OTHER_CATEGORY) ?? [];
  groups.delete(OTHER_CATEGORY);
  const result = [...groups].map(([category, items]) => ({
    category,
    runbooks: items,
  }));
  if (named.length || other.length) {
    result.push({ category: OTHER_CATEGORY, runbooks: [...named, ...other] });
  }
  return result;
}
