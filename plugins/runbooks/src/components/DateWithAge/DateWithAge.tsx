import Typography from '@material-ui/core/Typography';
import { formatDate, relativeTime } from '../../utils/relativeTime';

/** `2 Jan 2024` over `3 months ago`; `empty` when there is no date. */
export function DateWithAge(props: { iso?: string; empty: string }) {
  if (!props.iso) return <>{props.empty}</>;
  return (
    <span title={relativeTime(props.iso)}>
      {formatDate(props.iso)}
      <Typography variant="caption" color="textSecondary" display="block">
        {relativeTime(props.iso)}
      </Typography>
    </span>
  );
}
