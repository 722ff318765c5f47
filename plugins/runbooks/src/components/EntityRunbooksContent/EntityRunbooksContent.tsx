import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  AlertMapping,
  EntityRunbooks,
  Runbook,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { Route, Routes, useParams } from 'react-router-dom';
import { useEntityRunbooks } from '../../hooks/useEntityRunbooks';
import { isRunbooksAvailable } from '../../isRunbooksAvailable';
import { relativeTime } from '../../utils/relativeTime';
import { RunbookProblems } from '../RunbookProblems';
import { RunbookView } from '../RunbookView';
import { RunbookList } from './RunbookList';

function RefreshedLine(props: { refreshedAt?: string }) {
  const when = relativeTime(props.refreshedAt);
  if (!when) return null;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      title={props.refreshedAt}
      paragraph
    >
      Last refreshed {when}
    </Typography>
  );
}

type BrowserProps = {
  entityRef: CompoundEntityRef;
  runbooks: Runbook[];
  alerts: AlertMapping[];
};

function SelectedRunbook(props: BrowserProps) {
  const { runbookId } = useParams();
  const runbook = props.runbooks.find(r => r.id === runbookId);
  if (!runbook) {
    return (
      <Alert severity="warning">
        There is no runbook "{runbookId}" for this entity; it may have been
        renamed or removed. Pick one from the list.
      </Alert>
    );
  }
  return (
    <RunbookView
      key={runbook.id}
      entityRef={props.entityRef}
      runbook={runbook}
      runbooks={props.runbooks}
      alerts={props.alerts}
    />
  );
}

function RunbooksBrowser(props: BrowserProps) {
  const { entityRef, runbooks, alerts } = props;
  // The tab is mounted at `runbooks/*`; the rest of the path is the runbook id.
  const selectedId = useParams()['*']?.split('/')[0] || runbooks[0]?.id;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4} lg={3}>
        <RunbookList runbooks={runbooks} selectedId={selectedId} />
      </Grid>
      <Grid item xs={12} md={8} lg={9}>
        <Routes>
          <Route
            path="/"
            element={
              <RunbookView
                key={runbooks[0].id}
                entityRef={entityRef}
                runbook={runbooks[0]}
                runbooks={runbooks}
                alerts={alerts}
              />
            }
          />
          <Route
            path=":runbookId"
            element={
              <SelectedRunbook
                entityRef={entityRef}
                runbooks={runbooks}
                alerts={alerts}
              />
            }
          />
        </Routes>
      </Grid>
    </Grid>
  );
}

function NoRunbooks(props: { location?: string }) {
  return (
    <EmptyState
      missing="content"
      title="This service has no runbooks yet"
      description={`Add markdown files where the ${RUNBOOKS_LOCATION_ANNOTATION} annotation points${
        props.location ? ` (${props.location})` : ''
      }, or fix the problems listed above.`}
    />
  );
}

function RunbooksOverview(props: {
  entityRef: CompoundEntityRef;
  data: EntityRunbooks;
  location?: string;
}) {
  const { entityRef, data, location } = props;
  return (
    <>
      <RefreshedLine refreshedAt={data.refreshedAt} />
      <RunbookProblems problems={data.problems} />
      {data.runbooks.length ? (
        <RunbooksBrowser
          entityRef={entityRef}
          runbooks={data.runbooks}
          alerts={data.alerts}
        />
      ) : (
        <NoRunbooks location={location} />
      )}
    </>
  );
}

function LoadedEntityRunbooks(props: {
  entityRef: CompoundEntityRef;
  location?: string;
}) {
  const { value, loading, error } = useEntityRunbooks(props.entityRef);
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return loading ? <Progress /> : null;
  return (
    <RunbooksOverview
      entityRef={props.entityRef}
      data={value}
      location={props.location}
    />
  );
}

/**
 * The Runbooks entity tab: runbooks by category on the left, the selected one
 * (from the URL) on the right, the entity's runbook problems above.
 */
export function EntityRunbooksContent() {
  const { entity } = useEntity();
  if (!isRunbooksAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={RUNBOOKS_LOCATION_ANNOTATION} />
    );
  }
  return (
    <LoadedEntityRunbooks
      entityRef={getCompoundEntityRef(entity)}
      location={entity.metadata.annotations?.[RUNBOOKS_LOCATION_ANNOTATION]}
    />
  );
}
