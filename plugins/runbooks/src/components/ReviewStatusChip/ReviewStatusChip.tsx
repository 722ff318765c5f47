import Chip from '@material-ui/core/Chip';
import { Theme, useTheme } from '@material-ui/core/styles';
import { ReviewStatus } from '@runbooks-for-backstage/plugin-runbooks-common';
import { REVIEW_STATUS_LABELS } from '../../utils/reviewStatus';

function statusColors(theme: Theme, status: ReviewStatus) {
  switch (status) {
    case 'fresh':
      return {
        backgroundColor: theme.palette.success.main,
        color: theme.palette.success.contrastText,
      };
    case 'due-soon':
      return {
        backgroundColor: theme.palette.warning.main,
        color: theme.palette.warning.contrastText,
      };
    case 'stale':
      return {
        backgroundColor: theme.palette.error.main,
        color: theme.palette.error.contrastText,
      };
    default:
      return {
        backgroundColor: theme.palette.grey[500],
        color: theme.palette.common.white,
      };
  }
}

/** Props of {@link ReviewStatusChip}. */
export type ReviewStatusChipProps = {
  status: ReviewStatus;
  /** A runbook listed in an index whose file does not exist. */
  missing?: boolean;
  size?: 'small' | 'medium';
};

/**
 * A runbook's review status as a coloured chip with a text label. Colours are
 * inline styles: they must follow the status when a review changes it in place.
 */
export function ReviewStatusChip(props: ReviewStatusChipProps) {
  const { status, missing, size = 'small' } = props;
  const theme = useTheme();
  if (missing) {
    return (
      <Chip
        label="Missing"
        size={size}
        variant="outlined"
        style={{ color: theme.palette.text.secondary }}
      />
    );
  }
  return (
    <Chip
      label={REVIEW_STATUS_LABELS[status]}
      size={size}
      style={statusColors(theme, status)}
      data-status={status}
    />
  );
}
