import { Link, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { DateWithAge } from '../DateWithAge';
import { RefLink } from '../RefLink';
import { ReviewStatusChip } from '../ReviewStatusChip';
import { COVERAGE_STATUSES, CoverageStatus, RunbookRow } from './coverage';
import { sortedByStandards, standardsColumn } from './standardsColumn';

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
    render: row => <DateWithAge iso={row.lastReviewed} empty="Never" />,
  },
  {
    title: 'Next review',
    field: 'due',
    customSort: (a, b) => byDate(a.due, b.due),
    render: row => <DateWithAge iso={row.due} empty="—" />,
  },
  standardsColumn,
];

/** Every runbook with its review status, worst first. */
export function RunbooksTable(props: {
  rows: RunbookRow[];
  byStandards: boolean;
}) {
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
