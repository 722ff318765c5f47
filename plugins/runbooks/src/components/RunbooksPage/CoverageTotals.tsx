import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { RunbooksReportTotals } from '../../api';

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
}));

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

/** The coverage page's headline figures, one tile each. */
export function CoverageTotals(props: { totals: RunbooksReportTotals }) {
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
