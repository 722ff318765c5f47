import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { RunbookReviewRecord, runbooksApiRef } from '../../api';
import { formatDate, relativeTime } from '../../utils/relativeTime';
import { RefLink } from '../RefLink';

/** Props of {@link ReviewHistory}. */
export type ReviewHistoryProps = {
  entityRef: CompoundEntityRef;
  runbookId: string;
  /** Change it to read the history again, e.g. after a new review. */
  refreshKey?: number;
  /** Open the history at first. */
  defaultExpanded?: boolean;
};

function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

function ReviewItem(props: { review: RunbookReviewRecord }) {
  const { reviewer, reviewedAt, note } = props.review;
  return (
    <ListItem divider alignItems="flex-start" disableGutters>
      <ListItemText
        primary={
          <>
            <RefLink entityRef={reviewer} defaultKind="user" /> reviewed it{' '}
            <time dateTime={reviewedAt} title={formatDateTime(reviewedAt)}>
              {relativeTime(reviewedAt) ?? reviewedAt}
            </time>{' '}
            ({formatDate(reviewedAt)})
          </>
        }
        secondary={note}
      />
    </ListItem>
  );
}

/** Newest first, whatever order the backend answered in. */
function newestFirst(reviews: RunbookReviewRecord[]): RunbookReviewRecord[] {
  return [...reviews].sort(
    (a, b) => (Date.parse(b.reviewedAt) || 0) - (Date.parse(a.reviewedAt) || 0),
  );
}

/**
 * The reviews of a runbook recorded in the portal, newest first, in a
 * collapsible panel. Renders nothing until there is a review.
 */
export function ReviewHistory(props: ReviewHistoryProps) {
  const { entityRef, runbookId, refreshKey, defaultExpanded } = props;
  const api = useApi(runbooksApiRef);
  const { kind, namespace, name } = entityRef;
  const { value, error } = useAsync(
    () => api.getReviews({ kind, namespace, name }, runbookId),
    [api, kind, namespace, name, runbookId, refreshKey],
  );
  if (error) {
    return (
      <Alert severity="info">
        Could not read the review history: {error.message}
      </Alert>
    );
  }
  if (!value?.length) return null;
  const reviews = newestFirst(value);
  return (
    <Accordion
      variant="outlined"
      defaultExpanded={defaultExpanded}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="runbooks-review-history"
        id="runbooks-review-history-header"
      >
        <Typography variant="subtitle2">
          Review history ({reviews.length})
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="runbooks-review-history">
        <List dense aria-label="Review history" style={{ width: '100%' }}>
          {reviews.map(review => (
            <ReviewItem
              key={`${review.reviewedAt}-${review.reviewer}`}
              review={review}
            />
          ))}
        </List>
      </AccordionDetails>
    </Accordion>
  );
}
