import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { FiringAlert } from '@runbooks-for-backstage/plugin-runbooks-common';
import { useState } from 'react';
import { ReviewStatusChip } from '../ReviewStatusChip';
import { firingFor, RUNBOOK_GAP_TEXT, runbookGap } from './firingText';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  name: { fontWeight: 700 },
  labels: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  },
}));

function severityColor(severity?: string): 'primary' | 'secondary' | 'default' {
  const s = (severity ?? '').toLowerCase();
  if (s === 'critical' || s === 'error' || s === 'high') return 'secondary';
  if (s === 'warning') return 'primary';
  return 'default';
}

function isHttpUrl(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/** Only paths inside the portal are followed. */
function isPortalPath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.includes('\\');
}

function FiringAlertItem(props: { alert: FiringAlert }) {
  const { alert } = props;
  const classes = useStyles();
  const [showLabels, setShowLabels] = useState(false);
  const gap = runbookGap(alert);
  const [runbook] = alert.runbooks;
  return (
    <li className={classes.item} aria-label={`Firing alert ${alert.alertname}`}>
      <div className={classes.head}>
        {alert.severity && (
          <Chip
            size="small"
            label={alert.severity}
            color={severityColor(alert.severity)}
          />
        )}
        <Typography component="span" className={classes.name}>
          {alert.alertname}
        </Typography>
        {alert.state !== 'active' && (
          <Chip size="small" variant="outlined" label={alert.state} />
        )}
        <Typography
          component="span"
          variant="body2"
          color="textSecondary"
          title={`Since ${alert.startsAt}`}
        >
          {firingFor(alert.startsAt)}
        </Typography>
      </div>
      {(alert.summary || alert.description) && (
        <Typography variant="body2">
          {alert.summary ?? alert.description}
        </Typography>
      )}
      {gap !== 'ok' && (
        <Box mt={1}>
          <Alert
            severity={gap === 'never-reviewed' ? 'warning' : 'error'}
            variant="filled"
          >
            {RUNBOOK_GAP_TEXT[gap]}
            {runbook && `: ${runbook.title}`}
          </Alert>
        </Box>
      )}
      <div className={classes.head}>
        {runbook && !runbook.missing && isPortalPath(runbook.viewUrl) && (
          <>
            <Link to={runbook.viewUrl}>Runbook: {runbook.title}</Link>
            <ReviewStatusChip status={runbook.status} />
          </>
        )}
        {isHttpUrl(alert.generatorURL) && (
          <Link to={alert.generatorURL}>Source graph</Link>
        )}
        <Button size="small" onClick={() => setShowLabels(!showLabels)}>
          {showLabels ? 'Hide labels' : 'Labels'}
        </Button>
      </div>
      {showLabels && (
        <div className={classes.labels} aria-label="Labels">
          {Object.entries(alert.labels).map(([key, value]) => (
            <Chip
              key={key}
              size="small"
              variant="outlined"
              label={`${key}=${value}`}
            />
          ))}
          {alert.silencedBy.length > 0 && (
            <Chip
              size="small"
              label={`silenced by ${alert.silencedBy.join(', ')}`}
            />
          )}
        </div>
      )}
    </li>
  );
}

/** Firing alerts, each with how long, severity, runbook, source and labels. */
export function FiringAlertList(props: { alerts: FiringAlert[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list}>
      {props.alerts.map(alert => (
        <FiringAlertItem
          key={`${alert.alertmanager}/${alert.fingerprint}`}
          alert={alert}
        />
      ))}
    </ul>
  );
}

/** Problems of the firing answer (unreachable Alertmanager, bad selector). */
export function FiringProblems(props: {
  problems: Array<{ message: string; level: string }>;
}) {
  return (
    <>
      {props.problems.map(problem => (
        <Box mb={1} key={problem.message}>
          <Alert severity={problem.level === 'error' ? 'error' : 'warning'}>
            {problem.message}
          </Alert>
        </Box>
      ))}
    </>
  );
}
