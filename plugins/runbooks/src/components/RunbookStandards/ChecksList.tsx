import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import { StandardsCheck } from '@runbooks-for-backstage/plugin-runbooks-common';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start' },
  pass: { color: theme.palette.success.main },
  fail: { color: theme.palette.error.main },
}));

/** Checks with a pass or fail mark and their reason. */
export function ChecksList(props: { checks: StandardsCheck[]; label: string }) {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label={props.label}>
      {props.checks.map(check => (
        <li key={check.id} className={classes.item}>
          {check.passed ? (
            <CheckCircleIcon
              fontSize="small"
              className={classes.pass}
              titleAccess="Passes"
            />
          ) : (
            <CancelIcon
              fontSize="small"
              className={classes.fail}
              titleAccess="Fails"
            />
          )}
          <Box>
            <Typography variant="body2" component="span">
              {check.label}
            </Typography>
            <Typography variant="caption" color="textSecondary" display="block">
              {check.reason}
            </Typography>
          </Box>
        </li>
      ))}
    </ul>
  );
}
