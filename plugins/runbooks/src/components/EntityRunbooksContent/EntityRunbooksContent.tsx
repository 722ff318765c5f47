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
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  AlertMapping,
  EntityRunbooks,
  Runbook,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { useCallback, useMemo, useState } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import { useEntityRunbooks } from '../../hooks/useEntityRunbooks';
import { EntityFiringBanner } from '../Firing/EntityFiringBanner';
import { isRunbooksAvailable } from '../../isRunbooksAvailable';
import { relativeTime } from '../../utils/relativeTime';
import { AlertsWithoutRunbook } from '../AlertsWithoutRunbook';
import { RunbookProblems } from '../RunbookProblems';
import { writeAlertRunbook } from '../RunbookStandards';
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
  /** The entity's owner: who may mark its runbooks as reviewed. */
  entityOwner?: string;
  /** Called with a runbook's new state after "Mark as reviewed". */
  onReviewed?: (runbook: Runbook) => void;
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
      entityOwner={props.entityOwner}
      onReviewed={props.onReviewed}
    />
  );
}

function RunbooksBrowser(props: BrowserProps) {
  const { entityRef, runbooks, alerts, entityOwner, onReviewed } = props;
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
                entityOwner={entityOwner}
                onReviewed={onReviewed}
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
                entityOwner={entityOwner}
                onReviewed={onReviewed}
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
  entityOwner?: string;
}) {
  const { entityRef, data, location, entityOwner } = props;
  // Runbooks marked as reviewed here, as the backend answered: the list and
  // the open runbook show their new status without reading everything again.
  const [reviewed, setReviewed] = useState<Record<string, Runbook>>({});
  const onReviewed = useCallback(
    (runbook: Runbook) => setReviewed(r => ({ ...r, [runbook.id]: runbook })),
    [],
  );
  const runbooks = useMemo(
    () =>
      data.runbooks.map(r =>
        reviewed[r.id] ? { ...r, ...reviewed[r.id] } : r,
      ),
    [data.runbooks, reviewed],
  );
  return (
    <>
      <RefreshedLine refreshedAt={data.refreshedAt} />
      <RunbookProblems problems={data.problems} />
      {runbooks.length ? (
        <RunbooksBrowser
          entityRef={entityRef}
          runbooks={runbooks}
          alerts={data.alerts}
          entityOwner={entityOwner}
          onReviewed={onReviewed}
        />
      ) : (
        <NoRunbooks location={location} />
      )}
      {data.alertsWithoutRunbook?.length > 0 && (
        <Box mt={3}>
          <AlertsWithoutRunbook
            alerts={data.alertsWithoutRunbook}
            writeLink={alert => writeAlertRunbook(data, alert)}
          />
        </Box>
      )}
    </>
  );
}

function LoadedEntityRunbooks(props: {
  entityRef: CompoundEntityRef;
  location?: string;
  entityOwner?: string;
}) {
  const { value, loading, error } = useEntityRunbooks(props.entityRef);
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return loading ? <Progress /> : null;
  return (
    <RunbooksOverview
      entityRef={props.entityRef}
      data={value}
      location={props.location}
      entityOwner={props.entityOwner}
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
    <>
      <EntityFiringBanner />
      <LoadedEntityRunbooks
        entityRef={getCompoundEntityRef(entity)}
        location={entity.metadata.annotations?.[RUNBOOKS_LOCATION_ANNOTATION]}
        entityOwner={
          typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined
        }
      />
    </>
  );
}
