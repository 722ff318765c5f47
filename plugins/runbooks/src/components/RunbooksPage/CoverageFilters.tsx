import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import {
  COVERAGE_STATUS_LABELS,
  COVERAGE_STATUSES,
  CoverageStatus,
  StandardsFilter,
} from './coverage';
import { FilterName, StandardsFilterField } from './standardsColumn';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: { minWidth: 200 },
}));

/** A select whose empty choice means "all". */
function SelectFilter(props: {
  id: string;
  label: string;
  all: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      variant="outlined"
      size="small"
      className={classes.filter}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      <MenuItem value="">{props.all}</MenuItem>
      {props.options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The status, owner and standards filters over the coverage tables. */
export function CoverageFilters(props: {
  owners: Array<{ ref: string; name: string }>;
  status?: CoverageStatus;
  owner?: string;
  q?: string;
  standards?: StandardsFilter;
  onChange: (name: FilterName, value: string) => void;
}) {
  const { owners, status, owner, q, standards, onChange } = props;
  const classes = useStyles();
  return (
    <Box className={classes.filters}>
      <TextField
        id="runbooks-filter-q"
        label="Service"
        placeholder="Name, title or owner"
        variant="outlined"
        size="small"
        className={classes.filter}
        defaultValue={q ?? ''}
        onChange={e => onChange('q', e.target.value.trim())}
        InputLabelProps={{ shrink: true }}
        inputProps={{ maxLength: 256 }}
      />
      <SelectFilter
        id="runbooks-filter-status"
        label="Status"
        all="All statuses"
        value={status}
        options={COVERAGE_STATUSES.map(s => ({
          value: s,
          label: COVERAGE_STATUS_LABELS[s],
        }))}
        onChange={value => onChange('status', value)}
      />
      <SelectFilter
        id="runbooks-filter-owner"
        label="Owner"
        all="All owners"
        value={owner}
        options={owners.map(o => ({ value: o.ref, label: o.name }))}
        onChange={value => onChange('owner', value)}
      />
      <StandardsFilterField
        className={classes.filter}
        value={standards}
        onChange={value => onChange('standards', value)}
      />
    </Box>
  );
}
