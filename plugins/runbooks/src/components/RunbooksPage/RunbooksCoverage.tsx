import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { memo, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { runbooksApiRef } from '../../api';
import {
  isCoverageStatus,
  isStandardsFilter,
  matchesStandardsFilter,
  runbookRows,
} from './coverage';
import { CoverageByOwner as OwnersTable } from './CoverageByOwner';
import { CoverageFilters } from './CoverageFilters';
import { CoveragePager } from './CoveragePager';
import { CoverageTotals } from './CoverageTotals';
import { RunbooksTable as PageTable } from './RunbooksTable';
import {
  AlertsWithoutRunbookByService as UnansweredTable,
  ServicesWithoutRunbooks as WithoutRunbooksTable,
} from './ServiceTables';
import { FilterName } from './standardsColumn';
import { displayRef } from '../../utils/entityRefs';

/** Services per page of the runbooks table; the server filters, sorts and pages. */
export const SERVICES_PER_PAGE = 25;
const SIDE_TABLE_SIZE = 20;

// The tables render again only when their own rows change: not while the
// next page loads, and the side tables not when the page changes.
const RunbooksTable = memo(PageTable);
const ServicesWithoutRunbooks = memo(WithoutRunbooksTable);
const AlertsWithoutRunbookByService = memo(UnansweredTable);
const CoverageByOwner = memo(OwnersTable);

/**
 * Runbook coverage across the catalog: totals, the runbooks of one page of
 * services with their review status, services without runbooks, alerts
 * without a runbook, and counts by owner. Filters live in the URL, so a
 * filtered view can be shared; the server filters and pages, so the page
 * stays quick with thousands of services.
 */
export function RunbooksCoverage() {
  const api = useApi(runbooksApiRef);
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isCoverageStatus(statusParam) ? statusParam : undefined;
  const owner = params.get('owner') || undefined;
  const q = params.get('q') || undefined;
  const standardsParam = params.get('standards');
  const standards = isStandardsFilter(standardsParam)
    ? standardsParam
    : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  // The side tables do not change with the page or the status filter: a
  // click on "Next" asks for one page only.
  const mainPage = useAsync(
    () =>
      api.getReportPage({
        owner,
        q,
        status,
        // Services with the most stale runbooks first: the list to work through.
        sort: 'stale',
        offset: (page - 1) * SERVICES_PER_PAGE,
        limit: SERVICES_PER_PAGE,
      }),
    [api, status, owner, q, page],
  );
  const sidePages = useAsync(async () => {
    const [withoutRunbooks, unanswered] = await Promise.all([
      api.getReportPage({
        owner,
        q,
        status: 'without-runbooks',
        limit: SIDE_TABLE_SIZE,
      }),
      api.getReportPage({
        owner,
        q,
        status: 'alerts-without-runbook',
        limit: SIDE_TABLE_SIZE,
      }),
    ]);
    return { withoutRunbooks, unanswered };
  }, [api, owner, q]);
  const main = mainPage.value;
  const loading = mainPage.loading || sidePages.loading;
  const error = mainPage.error ?? sidePages.error;

  const rows = useMemo(
    () =>
      runbookRows(main?.entities ?? [])
        .filter(r => !status || r.status === status)
        .filter(r => matchesStandardsFilter(r.runbook, standards)),
    [main, status, standards],
  );
  const owners = useMemo(
    () =>
      (main?.owners ?? [])
        .filter(o => o.owner)
        .map(o => ({ ref: o.owner, name: displayRef(o.owner) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [main],
  );

  const onChange = (name: FilterName, next: string) => {
    const updated = new URLSearchParams(params);
    if (next) updated.set(name, next);
    else updated.delete(name);
    // Any other filter starts again at the first page.
    if (name !== 'page') updated.delete('page');
    setParams(updated, { replace: true });
  };

  if (error) return <ResponseErrorPanel error={error} />;
  if (!main || !sidePages.value) return loading ? <Progress /> : null;
  const { withoutRunbooks, unanswered } = sidePages.value;
  return (
    <>
      {loading && <Progress />}
      <CoverageTotals totals={main.totals} />
      <CoverageFilters
        owners={owners}
        status={status}
        owner={owner}
        q={q}
        standards={standards}
        onChange={onChange}
      />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <RunbooksTable rows={rows} byStandards={Boolean(standards)} />
          <CoveragePager
            page={main.page}
            onPage={next => onChange('page', next > 1 ? String(next) : '')}
          />
        </Grid>
        <Grid item xs={12} lg={6}>
          <ServicesWithoutRunbooks
            entities={withoutRunbooks.entities}
            total={withoutRunbooks.page.total}
          />
        </Grid>
        <Grid item xs={12} lg={6}>
          <AlertsWithoutRunbookByService
            entities={unanswered.entities}
            services={unanswered.page.total}
          />
        </Grid>
        <Grid item xs={12}>
          <CoverageByOwner owners={main.owners} />
        </Grid>
      </Grid>
    </>
  );
}
