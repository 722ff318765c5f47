import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  AlertMapping,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { ReactNode } from 'react';
import { formatDate } from '../../utils/relativeTime';
import { ReviewStatusChip } from '../ReviewStatusChip';
import {
  editUrlOf,
  StandardsChip,
  standardSourceLabel,
} from '../RunbookStandards';
import { useAnchorNavigation } from './useAnchorNavigation';

function ReviewLine(props: { runbook: Runbook }) {
  const { lastReviewed, reviewedBy, nextReview, reviewInterval } =
    props.runbook;
  const { changedReview } = props.runbook;
  const parts = [
    changedReview
      ? `Changed since review by ${changedReview.reviewer} on ${formatDate(
          changedReview.reviewedAt,
        )}`
      : undefined,
    lastReviewed
      ? `Last reviewed ${formatDate(lastReviewed)}${
          reviewedBy ? ` by ${reviewedBy}` : ''
        }`
      : 'Never reviewed',
    nextReview ? `Next review ${formatDate(nextReview)}` : undefined,
    `Review every ${reviewInterval}`,
  ].filter(Boolean);
  return (
    <Typography variant="body2" color="textSecondary">
      {parts.join(' · ')}
    </Typography>
  );
}

function SourceLinks(props: { runbook: Runbook }) {
  const { sourceUrl, path } = props.runbook;
  if (!sourceUrl) {
    return (
      <Typography variant="body2" color="textSecondary">
        Source: <code>{path}</code>
      </Typography>
    );
  }
  const editUrl = editUrlOf(sourceUrl);
  return (
    <Box display="flex" gridGap={16}>
      <Link to={sourceUrl}>View source</Link>
      {editUrl && <Link to={editUrl}>Edit</Link>}
    </Box>
  );
}

function AlertChips(props: { runbook: Runbook; mappings: AlertMapping[] }) {
  const { runbook, mappings } = props;
  const goToAnchor = useAnchorNavigation();
  const names = [
    ...new Set([...runbook.alerts, ...mappings.map(m => m.alert)]),
  ];
  if (!names.length) return null;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={4}>
      <Typography variant="body2">Alerts:</Typography>
      {names.map(alert => {
        const anchor = mappings.find(
          m => m.alert === alert && m.anchor,
        )?.anchor;
        return (
          <Chip
            key={alert}
            label={alert}
            size="small"
            color="secondary"
            title={anchor ? `Go to the section for ${alert}` : undefined}
            clickable={Boolean(anchor)}
            onClick={anchor ? () => goToAnchor(anchor) : undefined}
          />
        );
      })}
    </Box>
  );
}

/** The checks a runbook fails against its entity's standard. */
function FailingChecks(props: { runbook: Runbook }) {
  const { standards } = props.runbook;
  const failing = standards?.checks.filter(check => !check.passed) ?? [];
  if (!standards || !failing.length) return null;
  return (
    <Box>
      <Typography variant="caption" color="textSecondary">
        Failing standards checks · {standardSourceLabel(standards)}
      </Typography>
      <Box component="ul" m={0} pl={3} aria-label="Failing standards checks">
        {failing.map(check => (
          <Typography key={check.id} component="li" variant="body2">
            {check.label}: {check.reason}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

/** Title, status and facts about a runbook, shown above its text. */
export function RunbookHeader(props: {
  runbook: Runbook;
  /** How alerts map to this runbook, with the section each one opens. */
  alertMappings?: AlertMapping[];
  /** Buttons shown at the end of the title line, such as "Mark as reviewed". */
  actions?: ReactNode;
}) {
  const { runbook, alertMappings = [], actions } = props;
  return (
    <Box mb={2} display="flex" flexDirection="column" gridGap={8}>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <Typography variant="h4" component="h2">
          {runbook.title}
        </Typography>
        <ReviewStatusChip
          status={runbook.status}
          missing={runbook.missing}
          size="medium"
        />
        <StandardsChip result={runbook.standards} size="medium" />
        {actions && <Box ml="auto">{actions}</Box>}
      </Box>
      {(runbook.severity || runbook.owner) && (
        <Typography variant="body2">
          {runbook.severity && <>Severity: {runbook.severity}</>}
          {runbook.severity && runbook.owner && ' · '}
          {runbook.owner && <>Owner: {runbook.owner}</>}
        </Typography>
      )}
      <AlertChips runbook={runbook} mappings={alertMappings} />
      {runbook.tags && runbook.tags.length > 0 && (
        <Box display="flex" flexWrap="wrap" gridGap={4}>
          {runbook.tags.map(tag => (
            <Chip key={tag} label={tag} size="small" variant="outlined" />
          ))}
        </Box>
      )}
      <FailingChecks runbook={runbook} />
      <ReviewLine runbook={runbook} />
      <SourceLinks runbook={runbook} />
    </Box>
  );
}
