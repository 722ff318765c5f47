import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  RunbooksReportEntity,
  RunbooksReportOwner,
  RunbooksReportPage,
  RunbooksReportQuery,
  RunbooksReportTotals,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { ReportEntityRow, ReportStore } from '../database/RunbooksStore';
import { CatalogAccess, CoverageScope } from './CatalogAccess';
import { EntityReadModel } from './EntityReadModel';
import { sumStandards } from './presentStandards';
import { ReportRowsCache } from './reportRowsCache';
import { EntitySummary, RunbookReview } from './types';

/** The default and largest page of `GET /report`. */
export const REPORT_PAGE = { default: 50, max: 200 };

type Row = ReportEntityRow & { hasRunbooks: boolean };

/**
 * One page of the coverage report: counts come from the store's SQL
 * aggregates (one row per entity), filtering, sorting and paging run over
 * those rows, and only the page's entities are read and presented in full.
 */
export async function buildCoverageReportPage(
  deps: {
    store: Pick<ReportStore, 'reportDetails'>;
    rows: ReportRowsCache;
    catalog: Pick<CatalogAccess, 'coverageScope'>;
    readModel: Pick<EntityReadModel, 'present'>;
    now: Date;
  },
  query: RunbooksReportQuery,
  credentials: BackstageCredentials,
): Promise<RunbooksReportPage> {
  const [stored, scope] = await Promise.all([
    deps.rows.rows(deps.now),
    deps.catalog.coverageScope(credentials),
  ]);
  const view = viewOf(stored, scope, query);
  const matching = view.matching;
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? REPORT_PAGE.default, REPORT_PAGE.max);
  const page = matching.slice(offset, offset + limit);
  const details = new Map(
    (
      await deps.store.reportDetails(
        page.filter(row => row.hasRunbooks).map(row => row.entityRef),
      )
    ).map(detail => [detail.summary.entityRef, detail]),
  );
  return {
    totals: view.totals,
    entities: page.map(row =>
      presentRow(deps.readModel, row, details.get(row.entityRef)),
    ),
    page: { offset, limit, total: matching.length },
    owners: view.owners,
  };
}

type View = {
  matching: Row[];
  totals: RunbooksReportTotals;
  owners: RunbooksReportOwner[];
};

// Per set of stored counts and caller scope (both reused objects while
// nothing changed), the filtered and sorted rows of each query: paging
// through 10,000 entities then costs a slice, not a sort.
const views = new WeakMap<
  ReportEntityRow[],
  WeakMap<CoverageScope, Map<string, View>>
>();
const MAX_VIEWS_PER_SCOPE = 50;

function viewOf(
  stored: ReportEntityRow[],
  scope: CoverageScope,
  query: RunbooksReportQuery,
): View {
  const key = JSON.stringify({ ...query, offset: undefined, limit: undefined });
  let byScope = views.get(stored);
  if (!byScope) {
    byScope = new WeakMap();
    views.set(stored, byScope);
  }
  let byQuery = byScope.get(scope);
  if (!byQuery) {
    byQuery = new Map();
    byScope.set(scope, byQuery);
  }
  const cached = byQuery.get(key);
  if (cached) return cached;
  const storedRefs = new Set(stored.map(row => row.entityRef));
  const rows: Row[] = stored
    .filter(row => scope.withRunbooks.has(row.entityRef))
    .map(row => ({ ...row, hasRunbooks: true }));
  for (const component of scope.components) {
    if (storedRefs.has(component.entityRef)) continue;
    rows.push({
      ...emptyRow(component.entityRef),
      title: component.title,
      owner: component.owner,
      hasRunbooks: false,
    });
  }
  const view = {
    matching: sortRows(rows.filter(matches(query)), query),
    totals: totalsOf(rows),
    owners: ownersOf(rows),
  };
  if (byQuery.size >= MAX_VIEWS_PER_SCOPE) byQuery.clear();
  byQuery.set(key, view);
  return view;
}

function emptyRow(entityRef: string): ReportEntityRow {
  return {
    entityRef,
    runbooks: 0,
    fresh: 0,
    dueSoon: 0,
    stale: 0,
    neverReviewed: 0,
    missing: 0,
    alerts: 0,
    alertsWithoutRunbook: 0,
  };
}

function matches(query: RunbooksReportQuery) {
  const text = query.q?.trim().toLowerCase();
  const kind = query.kind?.toLowerCase();
  return (row: Row): boolean => {
    if (query.owner && row.owner !== query.owner) return false;
    if (kind && !row.entityRef.startsWith(`${kind}:`)) return false;
    if (
      text &&
      ![row.entityRef, row.title ?? '', row.owner ?? ''].some(value =>
        value.toLowerCase().includes(text),
      )
    ) {
      return false;
    }
    switch (query.status) {
      case undefined:
        return true;
      case 'fresh':
        return row.fresh > 0;
      case 'due-soon':
        return row.dueSoon > 0;
      case 'stale':
        return row.stale > 0;
      case 'never-reviewed':
        return row.neverReviewed > 0;
      case 'missing':
        return row.missing > 0;
      case 'without-runbooks':
        return row.runbooks === 0;
      case 'alerts-without-runbook':
        return row.alertsWithoutRunbook > 0;
      default:
        return false;
    }
  };
}

function sortRows(rows: Row[], query: RunbooksReportQuery): Row[] {
  const sign = query.order === 'desc' ? -1 : 1;
  const byRef = (a: Row, b: Row) => byCodePoint(a.entityRef, b.entityRef);
  const compare: Record<string, (a: Row, b: Row) => number> = {
    name: byRef,
    owner: (a, b) => byCodePoint(a.owner ?? '', b.owner ?? ''),
    // Most stale first when ascending: the list to work through.
    stale: (a, b) => b.stale - a.stale || b.neverReviewed - a.neverReviewed,
    due: (a, b) => (a.nextDue ?? '\uffff').localeCompare(b.nextDue ?? '\uffff'),
  };
  const by = compare[query.sort ?? 'name'] ?? byRef;
  return rows.sort((a, b) => sign * by(a, b) || byRef(a, b));
}

/** Code-point order: refs and ISO dates sort right, 10,000 of them fast. */
function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function totalsOf(rows: Row[]): RunbooksReportTotals {
  const sum = (pick: (row: Row) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);
  return {
    entities: rows.length,
    withRunbooks: rows.filter(row => row.runbooks > 0).length,
    runbooks: sum(row => row.runbooks),
    fresh: sum(row => row.fresh),
    dueSoon: sum(row => row.dueSoon),
    stale: sum(row => row.stale),
    neverReviewed: sum(row => row.neverReviewed),
    missing: sum(row => row.missing),
    alerts: sum(row => row.alerts),
    alertsWithoutRunbook: sum(row => row.alertsWithoutRunbook),
  };
}

function ownersOf(rows: Row[]): RunbooksReportOwner[] {
  const owners = new Map<string, RunbooksReportOwner>();
  for (const row of rows) {
    const owner = row.owner ?? '';
    const entry = owners.get(owner) ?? {
      owner,
      entities: 0,
      withRunbooks: 0,
      runbooks: 0,
      stale: 0,
      neverReviewed: 0,
      dueSoon: 0,
      missing: 0,
      alertsWithoutRunbook: 0,
    };
    entry.entities++;
    if (row.runbooks > 0) entry.withRunbooks++;
    entry.runbooks += row.runbooks;
    entry.stale += row.stale;
    entry.neverReviewed += row.neverReviewed;
    entry.dueSoon += row.dueSoon;
    entry.missing += row.missing;
    entry.alertsWithoutRunbook += row.alertsWithoutRunbook;
    owners.set(owner, entry);
  }
  return [...owners.values()].sort((a, b) => a.owner.localeCompare(b.owner));
}

function presentRow(
  readModel: Pick<EntityReadModel, 'present'>,
  row: Row,
  detail?: { summary: EntitySummary; reviews: Map<string, RunbookReview> },
): RunbooksReportEntity {
  const base = {
    entityRef: row.entityRef,
    entityTitle: row.title ?? parseEntityRef(row.entityRef).name,
    owner: row.owner,
  };
  const entity = detail?.summary;
  const reviews = detail?.reviews;
  if (!entity) {
    return {
      ...base,
      hasRunbooks: row.hasRunbooks,
      runbooks: [],
      alerts: 0,
      alertsWithoutRunbook: [],
    };
  }
  const ref = parseEntityRef(row.entityRef);
  const runbooks = entity.runbooks.map(runbook =>
    readModel.present(ref, entity, runbook, reviews?.get(runbook.id)),
  );
  return {
    ...base,
    entityTitle: entity.entityTitle,
    owner: entity.owner,
    hasRunbooks: true,
    runbooks,
    standards: sumStandards(runbooks),
    alerts: entity.alerts.length,
    alertsWithoutRunbook: (entity.alertsWithoutRunbook ?? []).map(a => a.alert),
  };
}
