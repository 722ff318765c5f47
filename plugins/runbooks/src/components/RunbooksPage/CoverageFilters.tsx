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
