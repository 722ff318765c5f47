import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { ReviewStatus } from '@runbooks-for-backstage/plugin-runbooks-common';
import { REVIEW_STATUS_LABELS } from '../../utils/reviewStatus';

const useStyles = makeStyles(theme => ({
  fresh: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  'due-soon': {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  stale: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  'never-reviewed': {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.common.white,
  },
  missing: {
    color: theme.palette.text.secondary,
  },
}));

/** Props of {@link ReviewStatusChip}. */
export type ReviewStatusChipProps = {
  status: ReviewStatus;
  /** A runbook listed in an index whose file does not exist. */
  missing?: boolean;
  size?: 'small' | 'medium';
};

/** A runbook's review status as a coloured chip with a text label. */
export function ReviewStatusChip(props: ReviewStatusChipProps) {
  const { status, missing, size = 'small' } = props;
  const classes = useStyles();
  if (missing) {
    return (
      <Chip
        label="Missing"
        size={size}
        variant="outlined"
        className={classes.missing}
      />
    );
  }
  return (
    <Chip
      label={REVIEW_STATUS_LABELS[status]}
      size={size}
      className={classes[status]}
    />
  );
}
