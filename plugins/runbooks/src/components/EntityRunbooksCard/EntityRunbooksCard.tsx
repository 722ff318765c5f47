import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCardVariants, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntityRunbooks,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { EntityAnswerCard, MissingAnnotationCard } from '../EntityCard';
import { useEntityRunbooks } from '../../hooks/useEntityRunbooks';
import { isRunbooksAvailable } from '../../isRunbooksAvailable';
import {
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES_WORST_FIRST,
  worstReviewStatus,
} from '../../utils/reviewStatus';
import { ReviewStatusChip } from '../ReviewStatusChip';
import { countRunbooks } from './countRunbooks';

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(2, 0),
  },
  count: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  worstRow: { fontWeight: 700 },
}));

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function RunbookSummary(props: { data: EntityRunbooks; tabPath: string }) {
  const { data, tabPath } = props;
  const classes = useStyles();
  const counts = countRunbooks(data.runbooks);
  const worst = worstReviewStatus(data.runbooks);
  const rows = [
    ...REVIEW_STATUSES_WORST_FIRST.map(status => ({
      key: status,
      label: REVIEW_STATUS_LABELS[status],
      count: counts.byStatus[status],
      worst: status === worst,
    })),
    { key: 'missing', label: 'Missing', count: counts.missing, worst: false },
  ];
  return (
    <>
      <Typography variant="h4" component="p">
        {plural(counts.total, 'runbook')}
      </Typography>
      {worst && (
        <Box display="flex" alignItems="center" gridGap={8} mt={1}>
          <Typography variant="body2">Worst status:</Typography>
          <ReviewStatusChip status={worst} size="medium" />
        </Box>
      )}
      <dl className={classes.counts} aria-label="Runbooks by review status">
        {rows.map(row => (
          <Box key={row.key} display="contents">
            <Typography
              component="dt"
              variant="body2"
              className={row.worst ? classes.worstRow : undefined}
            >
              {row.label}
            </Typography>
            <Typography
              component="dd"
              variant="body2"
              className={`${classes.count} ${
                row.worst ? classes.worstRow : ''
              }`}
              style={{ margin: 0 }}
            >
              {row.count}
            </Typography>
          </Box>
        ))}
      </dl>
      {data.problems.length > 0 && (
        <Typography variant="body2" color="error">
          <Link to={tabPath}>{plural(data.problems.length, 'problem')}</Link>{' '}
          with this entity's runbooks
        </Typography>
      )}
    </>
  );
}

/**
 * Props of {@link EntityRunbooksCard}.
 *
 * @public
 */
export type EntityRunbooksCardProps = {
  /** `gridItem` makes the card as tall as its grid row. */
  variant?: InfoCardVariants;
};

function LoadedRunbooksCard(props: EntityRunbooksCardProps) {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const tabPath = `${entityRoute(
    entityRouteParams(entity, { encodeParams: true }),
  )}/runbooks`;
  const answer = useEntityRunbooks(getCompoundEntityRef(entity));
  return (
    <EntityAnswerCard
      title="Runbooks"
      variant={props.variant}
      deepLink={{ title: 'Open runbooks', link: tabPath }}
      answer={answer}
    >
      {data => <RunbookSummary data={data} tabPath={tabPath} />}
    </EntityAnswerCard>
  );
}

/**
 * Overview card: how many runbooks the entity has, how many need review, the
 * worst status and a link to the Runbooks tab.
 */
export function EntityRunbooksCard(props: EntityRunbooksCardProps) {
  const { entity } = useEntity();
  if (!isRunbooksAvailable(entity)) {
    return (
      <MissingAnnotationCard
        title="Runbooks"
        variant={props.variant}
        annotation={RUNBOOKS_LOCATION_ANNOTATION}
      />
    );
  }
  return <LoadedRunbooksCard {...props} />;
}
