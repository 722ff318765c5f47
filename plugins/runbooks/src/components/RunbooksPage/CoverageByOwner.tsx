import { Table, TableColumn } from '@backstage/core-components';
import { RunbooksReportOwner } from '../../api';
import { RefLink } from '../RefLink';
import { OwnerRow, ownerRows } from './coverage';

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

/** Coverage figures per owning group. */
export function CoverageByOwner(props: { owners: RunbooksReportOwner[] }) {
  const rows = ownerRows(props.owners);
  return (
    <Table<OwnerRow>
      title="By owner"
      columns={ownerColumns}
      data={rows}
      options={{
        search: false,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
    />
  );
}
