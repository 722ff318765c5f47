import { parseEntityRef } from '@backstage/catalog-model';
import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  RunbooksReportEntity,
  RunbooksReportTotals,
  runbooksApiRef,
} from '../../api';
import { formatDate, relativeTime } from '../../utils/relativeTime';
import { ReviewStatusChip } from '../ReviewStatusChip';
import {
  FilterName,
  sortedByStandards,
  standardsColumn,
  StandardsFilterField,
} from './standardsColumn';
import {
  COVERAGE_STATUS_LABELS,
  COVERAGE_STATUSES,
  CoverageStatus,
  displayRef,
  entityTitleOf,
  isCoverageStatus,
  isStandardsFilter,
  matchesStandardsFilter,
  OwnerRow,
  ownerRows,
  RunbookRow,
  runbookRows,
  StandardsFilter,
  whyNoRunbooks,
} from './coverage';

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(2),
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  value: { fontSize: '2rem', fontWeight: 600, lineHeight: 1.2 },
  bad: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.main },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 200 },
}));

/** An entity ref as a link, or the text when it is not one. */
function RefLink(props: {
  entityRef?: string;
  title?: string;
  defaultKind?: string;
}) {
  const { entityRef, title, defaultKind } = props;
  if (!entityRef) return <>—</>;
  try {
    return (
      <EntityRefLink
        entityRef={parseEntityRef(entityRef, { defaultKind })}
        defaultKind={defaultKind}
      >
        {title || undefined}
      </EntityRefLink>
    );
  } catch {
    return <>{title || entityRef}</>;
  }
}

function DateCell(props: { iso?: string; empty: string }) {
  if (!props.iso) return <>{props.empty}</>;
  return (
    <span title={relativeTime(props.iso)}>
      {formatDate(props.iso)}
      <Typography variant="caption" color="textSecondary" display="block">
        {relativeTime(props.iso)}
      </Typography>
    </span>
  );
}

function Tile(props: {
  label: string;
  value: number;
  of?: number;
  tone?: 'bad' | 'warning';
  hint?: string;
}) {
  const { label, value, of, tone, hint } = props;
  const classes = useStyles();
  return (
    <Paper
      variant="outlined"
      className={classes.tile}
      role="group"
      aria-label={label}
    >
      <Typography variant="body2" color="textSecondary">
        {label}
      </Typography>
      <Typography
        component="span"
        className={`${classes.value} ${value && tone ? classes[tone] : ''}`}
      >
        {value}
        {of !== undefined && (
          <Typography component="span" variant="body1" color="textSecondary">
            {' '}
            of {of}
          </Typography>
        )}
      </Typography>
      {hint && (
        <Typography variant="caption" color="textSecondary">
          {hint}
        </Typography>
      )}
    </Paper>
  );
}

function Totals(props: { totals: RunbooksReportTotals }) {
  const { totals } = props;
  const tiles = [
    {
      label: 'Services with runbooks',
      value: totals.withRunbooks,
      of: totals.entities,
    },
    { label: 'Runbooks', value: totals.runbooks },
    { label: 'Fresh', value: totals.fresh },
    { label: 'Due soon', value: totals.dueSoon, tone: 'warning' as const },
    { label: 'Stale', value: totals.stale, tone: 'bad' as const },
    {
      label: 'Never reviewed',
      value: totals.neverReviewed,
      tone: 'warning' as const,
    },
    {
      label: 'Missing',
      value: totals.missing,
      tone: 'bad' as const,
      hint: 'linked from an index, file not found',
    },
    {
      label: 'Alerts without a runbook',
      value: totals.alertsWithoutRunbook,
      of: totals.alerts,
      tone: 'bad' as const,
    },
  ];
  return (
    <Box component="section" aria-label="Totals" mb={3}>
      <Grid container spacing={2}>
        {tiles.map(tile => (
          <Grid item key={tile.label} xs={6} sm={4} md={3} lg={3} xl>
            <Tile {...tile} />
          </Grid>
        ))}
      </Grid>
    </Box>
  );
}

const STATUS_RANK = Object.fromEntries(
  COVERAGE_STATUSES.map((status, index) => [status, index]),
) as Record<CoverageStatus, number>;

function byDate(a?: string, b?: string): number {
  return (a ? Date.parse(a) : 0) - (b ? Date.parse(b) : 0);
}

const runbookColumns: TableColumn<RunbookRow>[] = [
  {
    title: 'Service',
    field: 'entityTitle',
    highlight: true,
    render: row => (
      <RefLink entityRef={row.entityRef} title={row.entityTitle} />
    ),
    customFilterAndSearch: (query: string, row) =>
      `${row.entityTitle} ${row.entityRef}`
        .toLocaleLowerCase('en-US')
        .includes(String(query).toLocaleLowerCase('en-US')),
  },
  {
    title: 'Owner',
    field: 'ownerName',
    render: row => <RefLink entityRef={row.owner} defaultKind="group" />,
  },
  {
    title: 'Runbook',
    field: 'title',
    render: row =>
      row.runbook.missing ? (
        <>
          {row.title}{' '}
          <Typography variant="caption" color="textSecondary">
            ({row.runbook.path})
          </Typography>
        </>
      ) : (
        <Link to={row.runbook.viewUrl}>{row.title}</Link>
      ),
  },
  {
    title: 'Status',
    field: 'statusLabel',
    defaultSort: 'asc',
    customSort: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status],
    render: row => (
      <ReviewStatusChip
        status={row.runbook.status}
        missing={row.runbook.missing}
      />
    ),
  },
  {
    title: 'Last reviewed',
    field: 'lastReviewed',
    customSort: (a, b) => byDate(a.lastReviewed, b.lastReviewed),
    render: row => <DateCell iso={row.lastReviewed} empty="Never" />,
  },
  {
    title: 'Next review',
    field: 'due',
    customSort: (a, b) => byDate(a.due, b.due),
    render: row => <DateCell iso={row.due} empty="—" />,
  },
  standardsColumn,
];

function RunbooksTable(props: { rows: RunbookRow[]; byStandards: boolean }) {
  const { rows, byStandards } = props;
  return (
    <Table<RunbookRow>
      // Sorted by status, or by standards (worst first) under the standards filter.
      key={byStandards ? 'by-standards' : 'by-status'}
      title={`Runbooks (${rows.length})`}
      columns={byStandards ? sortedByStandards(runbookColumns) : runbookColumns}
      data={rows}
      options={{
        search: true,
        paging: rows.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography>No runbook matches these filters.</Typography>
        </Box>
      }
    />
  );
}

type ServiceRow = {
  id: string;
  entityRef: string;
  entityTitle: string;
  owner?: string;
  ownerName: string;
  why: string;
  alerts: string[];
};

function AlertChips(props: { alerts: string[] }) {
  const classes = useStyles();
  return (
    <Box display="flex" flexWrap="wrap" gridGap={4}>
      {props.alerts.map(alert => (
        <Link
          key={alert}
          to={`alerts/${encodeURIComponent(alert)}`}
          underline="none"
        >
          <Chip
            size="small"
            variant="outlined"
            icon={<WarningIcon className={classes.warning} />}
            label={alert}
          />
        </Link>
      ))}
    </Box>
  );
}

const serviceColumns: TableColumn<ServiceRow>[] = [
  {
    title: 'Service',
    field: 'entityTitle',
    highlight: true,
    render: row => (
      <RefLink entityRef={row.entityRef} title={row.entityTitle} />
    ),
  },
  {
    title: 'Owner',
    field: 'ownerName',
    render: row => <RefLink entityRef={row.owner} defaultKind="group" />,
  },
  { title: 'Why', field: 'why' },
  {
    title: 'Alerts without a runbook',
    field: 'alerts',
    customSort: (a, b) => a.alerts.length - b.alerts.length,
    customFilterAndSearch: (query: string, row) =>
      row.alerts.some(a =>
        a
          .toLocaleLowerCase('en-US')
          .includes(String(query).toLocaleLowerCase('en-US')),
      ),
    render: row =>
      row.alerts.length ? <AlertChips alerts={row.alerts} /> : '—',
  },
];

function serviceRow(entity: RunbooksReportEntity, why: string): ServiceRow {
  return {
    id: entity.entityRef,
    entityRef: entity.entityRef,
    entityTitle: entityTitleOf(entity),
    owner: entity.owner,
    ownerName: displayRef(entity.owner),
    why,
    alerts: entity.alertsWithoutRunbook,
  };
}

function ServicesWithoutRunbooks(props: { entities: RunbooksReportEntity[] }) {
  const rows = props.entities.flatMap(entity => {
    const why = whyNoRunbooks(entity);
    return why ? [serviceRow(entity, why)] : [];
  });
  return (
    <Table<ServiceRow>
      title={`Services without runbooks (${rows.length})`}
      columns={serviceColumns}
      data={rows}
      options={{
        search: true,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography>Every service here has runbooks.</Typography>
        </Box>
      }
    />
  );
}

function AlertsWithoutRunbookByService(props: {
  entities: RunbooksReportEntity[];
}) {
  const rows = props.entities
    .filter(entity => entity.alertsWithoutRunbook.length > 0)
    .map(entity => serviceRow(entity, whyNoRunbooks(entity) ?? ''));
  const columns = serviceColumns.filter(c => c.field !== 'why');
  return (
    <Table<ServiceRow>
      title={`Alerts without a runbook (${rows.reduce(
        (n, r) => n + r.alerts.length,
        0,
      )})`}
      subtitle="Alerts that the services' rule files define and no runbook answers"
      columns={columns}
      data={rows}
      options={{
        search: true,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography>Every alert here has a runbook.</Typography>
        </Box>
      }
    />
  );
}

const ownerColumns: TableColumn<OwnerRow>[] = [
  {
    title: 'Owner',
    field: 'ownerName',
    highlight: true,
    render: row =>
      row.owner ? (
        <RefLink entityRef={row.owner} defaultKind="group" />
      ) : (
        row.ownerName
      ),
  },
  { title: 'Services', field: 'services', type: 'numeric' },
  { title: 'With runbooks', field: 'withRunbooks', type: 'numeric' },
  { title: 'Runbooks', field: 'runbooks', type: 'numeric' },
  { title: 'Stale', field: 'stale', type: 'numeric' },
  { title: 'Never reviewed', field: 'neverReviewed', type: 'numeric' },
  { title: 'Due soon', field: 'dueSoon', type: 'numeric' },
  { title: 'Missing', field: 'missing', type: 'numeric' },
  {
    title: 'Alerts without a runbook',
    field: 'alertsWithoutRunbook',
    type: 'numeric',
  },
];

function CoverageByOwner(props: { entities: RunbooksReportEntity[] }) {
  const rows = ownerRows(props.entities);
  return (
    <Table<OwnerRow>
      title="By owner"
      columns={ownerColumns}
      data={rows}
      options={{ search: false, paging: false, padding: 'dense' }}
    />
  );
}

function Filters(props: {
  owners: Array<{ ref: string; name: string }>;
  status?: CoverageStatus;
  owner?: string;
  standards?: StandardsFilter;
  onChange: (name: FilterName, value: string) => void;
}) {
  const { owners, status, owner, standards, onChange } = props;
  const classes = useStyles();
  return (
    <Box className={classes.filters}>
      <TextField
        id="runbooks-filter-status"
        select
        label="Status"
        variant="outlined"
        size="small"
        className={classes.filter}
        value={status ?? ''}
        onChange={e => onChange('status', e.target.value)}
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
      >
        <MenuItem value="">All statuses</MenuItem>
        {COVERAGE_STATUSES.map(s => (
          <MenuItem key={s} value={s}>
            {COVERAGE_STATUS_LABELS[s]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="runbooks-filter-owner"
        select
        label="Owner"
        variant="outlined"
        size="small"
        className={classes.filter}
        value={owner ?? ''}
        onChange={e => onChange('owner', e.target.value)}
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
      >
        <MenuItem value="">All owners</MenuItem>
        {owners.map(o => (
          <MenuItem key={o.ref} value={o.ref}>
            {o.name}
          </MenuItem>
        ))}
      </TextField>
      <StandardsFilterField
        className={classes.filter}
        value={standards}
        onChange={value => onChange('standards', value)}
      />
    </Box>
  );
}

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
      <Totals totals={totals} />
      <Filters
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
