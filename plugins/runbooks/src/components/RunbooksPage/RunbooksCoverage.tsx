import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  RunbooksReportEntity,
  RunbooksReportTotals,
  runbooksApiRef,
} from '../../api';
import { displayRef } from '../../utils/entityRefs';
import {
  isCoverageStatus,
  isStandardsFilter,
  matchesStandardsFilter,
  runbookRows,
} from './coverage';
import { CoverageByOwner } from './CoverageByOwner';
import { CoverageFilters } from './CoverageFilters';
import { CoverageTotals } from './CoverageTotals';
import { RunbooksTable } from './RunbooksTable';
import {
  AlertsWithoutRunbookByService,
  ServicesWithoutRunbooks,
} from './ServiceTables';
import { FilterName } from './standardsColumn';

function Coverage(props: {
  totals: RunbooksReportTotals;
  entities: RunbooksReportEntity[];
}) {
  const { totals, entities } = props;
  // Filters live in the URL, so a filtered view can be shared.
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isCoverageStatus(statusParam) ? statusParam : undefined;
  const owner = params.get('owner') || undefined;
  const standardsParam = params.get('standards');
  const standards = isStandardsFilter(standardsParam)
    ? standardsParam
    : undefined;

  const owners = useMemo(() => {
    const refs = [
      ...new Set(entities.flatMap(e => (e.owner ? [e.owner] : []))),
    ];
    return refs
      .map(ref => ({ ref, name: displayRef(ref) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [entities]);

  const ownedEntities = useMemo(
    () => (owner ? entities.filter(e => e.owner === owner) : entities),
    [entities, owner],
  );
  const rows = useMemo(
    () =>
      runbookRows(ownedEntities)
        .filter(r => !status || r.status === status)
        .filter(r => matchesStandardsFilter(r.runbook, standards)),
    [ownedEntities, status, standards],
  );

  const onChange = (name: FilterName, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <CoverageTotals totals={totals} />
      <CoverageFilters
        owners={owners}
        status={status}
        owner={owner}
        standards={standards}
        onChange={onChange}
      />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <RunbooksTable rows={rows} byStandards={Boolean(standards)} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <ServicesWithoutRunbooks entities={ownedEntities} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <AlertsWithoutRunbookByService entities={ownedEntities} />
        </Grid>
        <Grid item xs={12}>
          <CoverageByOwner entities={ownedEntities} />
        </Grid>
      </Grid>
    </>
  );
}

/**
 * Runbook coverage across the catalog: totals, every runbook with its review
 * status, services without runbooks and alerts without a runbook, by owner.
 */
export function RunbooksCoverage() {
  const api = useApi(runbooksApiRef);
  const { value, loading, error } = useAsync(() => api.getReport(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return <Coverage totals={value.totals} entities={value.entities} />;
}
