import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import {
  AlertWithoutRunbook,
  WriteRunbookLink,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { WriteRunbookButton } from '../RunbookStandards';

const useStyles = makeStyles(theme => ({
  warning: { color: theme.palette.warning.main },
  alert: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

function WriteLink(props: { link?: WriteRunbookLink }) {
  return props.link ? <WriteRunbookButton link={props.link} /> : null;
}

/**
 * The alerts of an entity's rule files that no runbook answers, flagged, with
 * how to give them one.
 */
export function AlertsWithoutRunbook(props: {
  alerts: AlertWithoutRunbook[];
  /** "Write this runbook" for an alert: a prefilled new-file page or a skeleton. */
  writeLink?: (alert: string) => WriteRunbookLink | undefined;
}) {
  const { alerts, writeLink } = props;
  const classes = useStyles();
  if (!alerts.length) return null;
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="runbooks-alerts-without-runbook"
    >
      <Box p={2}>
        <Box display="flex" alignItems="center" gridGap={8}>
          <WarningIcon className={classes.warning} />
          <Typography
            variant="h6"
            component="h3"
            id="runbooks-alerts-without-runbook"
          >
            Alerts without a runbook ({alerts.length})
          </Typography>
        </Box>
        <Typography variant="body2" color="textSecondary" paragraph>
          This service's alert rules define these alerts, and no runbook answers
          them. Give each one a runbook: list the alert under{' '}
          <code>alerts:</code> in a runbook's front matter, map it in the{' '}
          <code>runbooks/alerts</code> annotation, or point the rule's{' '}
          <code>runbook_url</code> at a runbook.
        </Typography>
        <Table size="small" aria-labelledby="runbooks-alerts-without-runbook">
          <TableHead>
            <TableRow>
              <TableCell>Alert</TableCell>
              <TableCell>Severity</TableCell>
              <TableCell>Rule file</TableCell>
              <TableCell>runbook_url</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {alerts.map(alert => (
              <TableRow key={`${alert.alert}|${alert.file ?? ''}`}>
                <TableCell>
                  <span className={classes.alert}>
                    <WarningIcon
                      fontSize="small"
                      className={classes.warning}
                      titleAccess="No runbook"
                    />
                    {alert.alert}
                  </span>
                  {alert.summary && (
                    <Typography variant="caption" color="textSecondary">
                      {alert.summary}
                    </Typography>
                  )}
                  <WriteLink link={writeLink?.(alert.alert)} />
                </TableCell>
                <TableCell>{alert.severity ?? '—'}</TableCell>
                <TableCell>
                  {alert.file ? <code>{alert.file}</code> : '—'}
                </TableCell>
                <TableCell>
                  {alert.runbookUrl ? (
                    <>
                      <code>{alert.runbookUrl}</code>, which is not a runbook of
                      this service
                    </>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Paper>
  );
}
