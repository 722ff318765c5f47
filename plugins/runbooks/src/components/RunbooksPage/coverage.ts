import { parseEntityRef } from '@backstage/catalog-model';
import {
  ReviewStatus,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksReportEntity, RunbooksReportOwner } from '../../api';
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

/** The server's per-owner counts as rows, by owner name. */
export function ownerRows(owners: RunbooksReportOwner[]): OwnerRow[] {
  return owners
    .map(owner => ({
      id: owner.owner || '(no owner)',
      owner: owner.owner || undefined,
      ownerName: displayRef(owner.owner || undefined) || 'No owner',
      services: owner.entities,
      withRunbooks: owner.withRunbooks,
      runbooks: owner.runbooks,
      stale: owner.stale,
      neverReviewed: owner.neverReviewed,
      dueSoon: owner.dueSoon,
      missing: owner.missing,
      alertsWithoutRunbook: owner.alertsWithoutRunbook,
    }))
    .sort((a, b) => a.ownerName.localeCompare(b.ownerName));
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
