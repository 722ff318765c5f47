import { Link, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import { RunbooksReportEntity } from '../../api';
import { displayRef } from '../../utils/entityRefs';
import { RefLink } from '../RefLink';
import { entityTitleOf, whyNoRunbooks } from './coverage';

const useStyles = makeStyles(theme => ({
  warning: { color: theme.palette.warning.main },
}));

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

const tableOptions = (rows: unknown[]) => ({
  search: true,
  paging: rows.length > 20,
  pageSize: 20,
  padding: 'dense' as const,
});

/** Services with no runbook at all, and why: the first of `total`. */
export function ServicesWithoutRunbooks(props: {
  entities: RunbooksReportEntity[];
  total?: number;
}) {
  const rows = props.entities.flatMap(entity => {
    const why = whyNoRunbooks(entity);
    return why ? [serviceRow(entity, why)] : [];
  });
  const total = props.total ?? rows.length;
  return (
    <Table<ServiceRow>
      title={`Services without runbooks (${total})`}
      subtitle={
        total > rows.length
          ? `The first ${rows.length}; narrow the filters to see others`
          : undefined
      }
      columns={serviceColumns}
      data={rows}
      options={tableOptions(rows)}
      emptyContent={
        <Box p={2}>
          <Typography>Every service here has runbooks.</Typography>
        </Box>
      }
    />
  );
}

/** Per service, the alerts its rule files define and no runbook answers: the first of `services`. */
export function AlertsWithoutRunbookByService(props: {
  entities: RunbooksReportEntity[];
  services?: number;
}) {
  const rows = props.entities
    .filter(entity => entity.alertsWithoutRunbook.length > 0)
    .map(entity => serviceRow(entity, whyNoRunbooks(entity) ?? ''));
  const columns = serviceColumns.filter(c => c.field !== 'why');
  const services = props.services ?? rows.length;
  return (
    <Table<ServiceRow>
      title={`Alerts without a runbook (${rows.reduce(
        (n, r) => n + r.alerts.length,
        0,
      )}${
        services > rows.length
          ? ` in the first ${rows.length} of ${services} services`
          : ''
      })`}
      subtitle="Alerts that the services' rule files define and no runbook answers"
      columns={columns}
      data={rows}
      options={tableOptions(rows)}
      emptyContent={
        <Box p={2}>
          <Typography>Every alert here has a runbook.</Typography>
        </Box>
      }
    />
  );
}
