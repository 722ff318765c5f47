import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import { Runbook } from '@runbooks-for-backstage/plugin-runbooks-common';
import { Link as RouterLink } from 'react-router-dom';
import { ReviewStatusChip } from '../ReviewStatusChip';
import { groupRunbooks, OTHER_CATEGORY } from './groupRunbooks';

const useStyles = makeStyles(theme => ({
  subheader: { backgroundColor: theme.palette.background.paper },
  item: { gap: theme.spacing(1) },
  // Long titles wrap instead of disappearing under the status chip.
  title: { overflowWrap: 'anywhere' },
  chip: { flexShrink: 0 },
  missing: {
    textDecoration: 'line-through',
    color: theme.palette.text.disabled,
  },
}));

function RunbookListItem(props: { runbook: Runbook; selected: boolean }) {
  const { runbook, selected } = props;
  const classes = useStyles();
  return (
    <ListItem
      button
      component={RouterLink}
      // Relative to the Runbooks tab, so the URL becomes …/runbooks/<id>.
      to={encodeURIComponent(runbook.id)}
      // ButtonBase calls anything but a plain <a> a button; this navigates.
      role="link"
      selected={selected}
      aria-current={selected ? 'page' : undefined}
      className={classes.item}
    >
      <ListItemText
        className={classes.title}
        primary={runbook.title}
        primaryTypographyProps={{
          className: runbook.missing ? classes.missing : undefined,
        }}
      />
      <span className={classes.chip}>
        <ReviewStatusChip status={runbook.status} missing={runbook.missing} />
      </span>
    </ListItem>
  );
}

/** The entity's runbooks grouped by category, each a link to its page. */
export function RunbookList(props: {
  runbooks: Runbook[];
  selectedId?: string;
}) {
  const { runbooks, selectedId } = props;
  const classes = useStyles();
  const groups = groupRunbooks(runbooks);
  const showHeadings =
    groups.length > 1 || groups[0]?.category !== OTHER_CATEGORY;
  return (
    <Paper component="nav" aria-label="Runbooks">
      {groups.map(group => (
        <List
          key={group.category}
          dense
          aria-label={group.category}
          subheader={
            showHeadings ? (
              <ListSubheader className={classes.subheader}>
                {group.category}
              </ListSubheader>
            ) : undefined
          }
        >
          {group.runbooks.map(runbook => (
            <RunbookListItem
              key={runbook.id}
              runbook={runbook}
              selected={runbook.id === selectedId}
            />
          ))}
        </List>
      ))}
    </Paper>
  );
}
