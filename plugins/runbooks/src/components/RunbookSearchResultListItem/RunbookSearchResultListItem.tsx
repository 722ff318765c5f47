import { Link } from '@backstage/core-components';
import { ResultHighlight } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import {
  ReviewStatus,
  RunbookSearchDocument,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { ReactNode } from 'react';
import { REVIEW_STATUS_LABELS } from '../../utils/reviewStatus';
import { ReviewStatusChip } from '../ReviewStatusChip';

const MAX_ALERTS = 5;

const useStyles = makeStyles(theme => ({
  item: { display: 'flex', alignItems: 'flex-start', width: '100%' },
  text: { flex: 1, wordBreak: 'break-word', margin: 0 },
  snippet: {
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  },
}));

/**
 * Props of {@link RunbookSearchResultListItem}.
 *
 * @public
 */
export type RunbookSearchResultListItemProps = {
  /** The search document; given by `SearchResult`. */
  result?: Partial<RunbookSearchDocument> & {
    title: string;
    text: string;
    location: string;
  };
  /** The engine's highlighted title and text; given by `SearchResult`. */
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
  /** Lines of the text snippet shown at most. Default 3. */
  lineClamp?: number;
};

function isReviewStatus(value: unknown): value is ReviewStatus {
  return typeof value === 'string' && value in REVIEW_STATUS_LABELS;
}

function Highlighted(props: {
  field: 'title' | 'text';
  highlight?: ResultHighlight;
  fallback: string;
}) {
  const { field, highlight, fallback } = props;
  const text = highlight?.fields?.[field];
  if (!text) return <>{fallback}</>;
  return (
    <HighlightedSearchResultText
      text={text}
      preTag={highlight!.preTag}
      postTag={highlight!.postTag}
    />
  );
}

/**
 * A runbook in the portal's search results: its title linking to the
 * runbook, the service it belongs to, its review status, the alerts it
 * answers and the matching words of its text.
 *
 * @public
 */
export function RunbookSearchResultListItem(
  props: RunbookSearchResultListItemProps,
) {
  const { result, highlight, icon, lineClamp = 3 } = props;
  const classes = useStyles();
  if (!result) return null;
  const alerts = Array.isArray(result.alerts) ? result.alerts : [];
  const service = result.entityTitle || result.entityRef;
  return (
    <div className={classes.item}>
      {icon && <ListItemIcon>{icon as JSX.Element}</ListItemIcon>}
      <ListItemText
        className={classes.text}
        primaryTypographyProps={{ variant: 'h6' }}
        primary={
          <Link noTrack to={result.location}>
            <Highlighted
              field="title"
              highlight={highlight}
              fallback={result.title}
            />
          </Link>
        }
        secondary={
          <>
            <span
              className={classes.snippet}
              style={{ WebkitLineClamp: lineClamp }}
            >
              <Highlighted
                field="text"
                highlight={highlight}
                fallback={result.text}
              />
            </span>
            <Box component="span" className={classes.chips}>
              {service && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={`Service: ${service}`}
                />
              )}
              {isReviewStatus(result.status) && (
                <ReviewStatusChip status={result.status} />
              )}
              {result.category && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={`Category: ${result.category}`}
                />
              )}
              {alerts.slice(0, MAX_ALERTS).map(alert => (
                <Chip key={alert} size="small" label={`Alert: ${alert}`} />
              ))}
              {alerts.length > MAX_ALERTS && (
                <Chip
                  size="small"
                  label={`+${alerts.length - MAX_ALERTS} more alerts`}
                />
              )}
            </Box>
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
      />
    </div>
  );
}
