import Chip from '@material-ui/core/Chip';
import { StandardsResult } from '@runbooks-for-backstage/plugin-runbooks-common';
import { formatScore } from './standards';

/** "Standards 5/7": green when every check passes, amber otherwise. */
export function StandardsChip(props: {
  result?: Pick<StandardsResult, 'passed' | 'total'>;
  size?: 'small' | 'medium';
}) {
  const score = formatScore(props.result);
  if (!score) return null;
  const met = props.result!.passed === props.result!.total;
  return (
    <Chip
      size={props.size ?? 'small'}
      label={`Standards ${score}`}
      color={met ? 'primary' : 'default'}
      variant={met ? 'default' : 'outlined'}
      data-testid="runbook-standards-score"
    />
  );
}
