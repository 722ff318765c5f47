import { TableColumn } from '@backstage/core-components';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { compareScores, StandardsChip } from '../RunbookStandards';
import {
  RunbookRow,
  StandardsFilter,
  STANDARDS_FILTER_LABELS,
} from './coverage';

/** The filters of the coverage page, each a URL parameter. */
export type FilterName = 'status' | 'owner' | 'standards' | 'q' | 'page';

/** The Standards column: "Standards 5/7", worst first when sorted ascending. */
export const standardsColumn: TableColumn<RunbookRow> = {
  title: 'Standards',
  field: 'standardsLabel',
  customSort: (a, b) => compareScores(a.runbook.standards, b.runbook.standards),
  render: row => (
    <span
      title={row.runbook.standards?.checks
        .filter(c => !c.passed)
        .map(c => `${c.label}: ${c.reason}`)
        .join('\n')}
    >
      <StandardsChip result={row.runbook.standards} />
    </span>
  ),
};

/** The columns sorted by the Standards column, worst first, instead of by status. */
export function sortedByStandards(
  columns: TableColumn<RunbookRow>[],
): TableColumn<RunbookRow>[] {
  return columns.map(column => ({
    ...column,
    defaultSort: column.field === 'standardsLabel' ? 'asc' : undefined,
  }));
}

/** Which runbooks to show by how they meet their standard. */
export function StandardsFilterField(props: {
  className?: string;
  value?: StandardsFilter;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id="runbooks-filter-standards"
      select
      label="Standards"
      variant="outlined"
      size="small"
      className={props.className}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      <MenuItem value="">All runbooks</MenuItem>
      {(Object.keys(STANDARDS_FILTER_LABELS) as StandardsFilter[]).map(key => (
        <MenuItem key={key} value={key}>
          {STANDARDS_FILTER_LABELS[key]}
        </MenuItem>
      ))}
    </TextField>
  );
}
