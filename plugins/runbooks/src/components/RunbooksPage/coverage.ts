import { parseEntityRef } from '@backstage/catalog-model';
import {
  ReviewStatus,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksReportEntity } from '../../api';
import { formatScore } from '../RunbookStandards';
import { REVIEW_STATUS_LABELS } from '../../utils/reviewStatus';
import { displayRef } from '../../utils/entityRefs';

/** A review status, or `missing` for a runbook an index links to that does not exist. */
export type CoverageStatus = ReviewStatus | 'missing';

/** Statuses from worst to best, as the filter offers them. */
export const COVERAGE_STATUSES: CoverageStatus[] = [
  'stale',
  'never-reviewed',
  'missing',
  'due-soon',
  'fresh',
];

export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, string> = {
  ...REVIEW_STATUS_LABELS,
  missing: 'Missing',
};

export function isCoverageStatus(value: unknown): value is CoverageStatus {
  return COVERAGE_STATUSES.includes(value as CoverageStatus);
}

export function coverageStatusOf(runbook: Runbook): CoverageStatus {
  return runbook.missing ? 'missing' : runbook.status;
}

/** The entity's own name when it has no title. */
export function entityTitleOf(entity: RunbooksReportEntity): string {
  if (entity.entityTitle) return entity.entityTitle;
  try {
    return parseEntityRef(entity.entityRef).name;
  } catch {
    return entity.entityRef;
  }
}

/** One runbook of the coverage table. */
export type RunbookRow = {
  id: string;
  entityRef: string;
  entityTitle: string;
  owner?: string;
  ownerName: string;
  runbook: Runbook;
  title: string;
  status: CoverageStatus;
  statusLabel: string;
  lastReviewed?: string;
  /** When it is (or was) due for review. */
  due?: string;
  /** `5/7`, empty when the runbook was not scored. */
  standardsLabel: string;
};

export function runbookRows(entities: RunbooksReportEntity[]): RunbookRow[] {
  return entities.flatMap(entity =>
    entity.runbooks.map(runbook => {
      const status = coverageStatusOf(runbook);
      return {
        id: `${entity.entityRef}|${runbook.id}`,
        entityRef: entity.entityRef,
        entityTitle: entityTitleOf(entity),
        owner: entity.owner,
        ownerName: displayRef(entity.owner),
        runbook,
        title: runbook.title,
        status,
        statusLabel: COVERAGE_STATUS_LABELS[status],
        lastReviewed: runbook.lastReviewed,
        due: runbook.missing ? undefined : runbook.nextReview,
        standardsLabel: formatScore(runbook.standards) ?? '',
      };
    }),
  );
}

/** Why a service counts as without runbooks, or undefined when it has some. */
export function whyNoRunbooks(entity: RunbooksReportEntity) {
  if (!entity.hasRunbooks) return 'No runbooks/location annotation';
  if (!entity.runbooks.length) return 'Annotated, but no runbooks were found';
  if (entity.runbooks.every(r => r.missing)) {
    return 'Its index links only to runbooks that do not exist';
  }
  return undefined;
}

/** Coverage of the services of one owner. */
export type OwnerRow = {
  id: string;
  owner?: string;
  ownerName: string;
  services: number;
  withRunbooks: number;
  runbooks: number;
  stale: number;
  neverReviewed: number;
  dueSoon: number;
  missing: number;
  alertsWithoutRunbook: number;
};

export function ownerRows(entities: RunbooksReportEntity[]): OwnerRow[] {
  const rows = new Map<string, OwnerRow>();
  for (const entity of entities) {
    const key = entity.owner ?? '';
    let row = rows.get(key);
    if (!row) {
      row = {
        id: key || '(no owner)',
        owner: entity.owner,
        ownerName: displayRef(entity.owner) || 'No owner',
        services: 0,
        withRunbooks: 0,
        runbooks: 0,
        stale: 0,
        neverReviewed: 0,
        dueSoon: 0,
        missing: 0,
        alertsWithoutRunbook: 0,
      };
      rows.set(key, row);
    }
    row.services += 1;
    if (!whyNoRunbooks(entity)) row.withRunbooks += 1;
    for (const runbook of entity.runbooks) {
      const status = coverageStatusOf(runbook);
      if (status === 'missing') row.missing += 1;
      else row.runbooks += 1;
      if (status === 'stale') row.stale += 1;
      if (status === 'never-reviewed') row.neverReviewed += 1;
      if (status === 'due-soon') row.dueSoon += 1;
    }
    row.alertsWithoutRunbook += entity.alertsWithoutRunbook.length;
  }
  return [...rows.values()].sort((a, b) =>
    a.ownerName.localeCompare(b.ownerName),
  );
}

/** What the standards filter of the coverage page offers. */
export type StandardsFilter = 'failing' | 'missing-section' | 'meets';

export const STANDARDS_FILTER_LABELS: Record<StandardsFilter, string> = {
  failing: 'Failing a check',
  'missing-section': 'Missing a required section',
  meets: 'Meeting the standard',
};

export function isStandardsFilter(value: unknown): value is StandardsFilter {
  return Object.keys(STANDARDS_FILTER_LABELS).includes(value as string);
}

/** True when the runbook shows under the standards filter. */
export function matchesStandardsFilter(
  runbook: Runbook,
  filter: StandardsFilter | undefined,
): boolean {
  if (!filter) return true;
  const checks = runbook.standards?.checks ?? [];
  if (!runbook.standards) return false;
  if (filter === 'meets') return checks.every(c => c.passed);
  if (filter === 'failing') return checks.some(c => !c.passed);
  return checks.some(c => !c.passed && c.id.startsWith('section:'));
}
