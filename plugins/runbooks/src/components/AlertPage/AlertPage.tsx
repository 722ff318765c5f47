import {
  ContentHeader,
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Navigate, useLocation, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  AlertDefinition,
  AlertLookup,
  AlertMatch,
  runbooksApiRef,
} from '../../api';
import { RefLink } from '../RefLink';
import { ReviewStatusChip } from '../ReviewStatusChip';

/** Only paths inside the portal are followed; anything else is listed. */
function isPortalPath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.includes('\\');
}

function isNotFound(error: Error): boolean {
  const e = error as Error & {
    statusCode?: number;
    body?: { error?: { name?: string } };
  };
  return (
    e.statusCode === 404 ||
    e.name === 'NotFoundError' ||
    e.body?.error?.name === 'NotFoundError'
  );
}

function HowToAddRunbook(props: { alert: string }) {
  const { alert } = props;
  return (
    <Box mt={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        How to give {alert} a runbook
      </Typography>
      <Typography variant="body2" component="div">
        Do one of these in the service that fires the alert:
        <ul>
          <li>
            list it in the front matter of the runbook that answers it:{' '}
            <code>alerts: [{alert}]</code>;
          </li>
          <li>
            map it in the service's <code>catalog-info.yaml</code> with the{' '}
            <code>runbooks/alerts</code> annotation, one line per alert:{' '}
            <code>{alert}: runbook.md#section</code>;
          </li>
          <li>
            name the runbook file after the alert (<code>{alert}.md</code>), or
            point the alert rule's <code>runbook_url</code> at the runbook.
          </li>
        </ul>
        The portal reads runbooks again on its next refresh.
      </Typography>
    </Box>
  );
}

function DefinedBy(props: { definitions: AlertDefinition[] }) {
  return (
    <Paper variant="outlined">
      <Table size="small" aria-label="Services that define the alert">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Severity</TableCell>
            <TableCell>Rule file</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.definitions.map(d => (
            <TableRow key={`${d.entityRef}|${d.file ?? ''}`}>
              <TableCell>
                <RefLink entityRef={d.entityRef} title={d.entityTitle} />
              </TableCell>
              <TableCell>
                <RefLink entityRef={d.owner} defaultKind="group" />
              </TableCell>
              <TableCell>{d.severity ?? '—'}</TableCell>
              <TableCell>{d.file ? <code>{d.file}</code> : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

function NoRunbook(props: { lookup: AlertLookup }) {
  const { alert, definedBy = [] } = props.lookup;
  return (
    <>
      <Alert severity="warning">
        <AlertTitle>No runbook answers {alert}</AlertTitle>
        {definedBy.length
          ? 'The alert rules of the services below define this alert, and none of their runbooks is mapped to it. Ask the owner, or add one.'
          : 'No runbook the portal knows is mapped to this alert.'}
      </Alert>
      {definedBy.length > 0 && (
        <Box mt={3}>
          <Typography variant="h6" component="h3" gutterBottom>
            Defined by
          </Typography>
          <DefinedBy definitions={definedBy} />
        </Box>
      )}
      <HowToAddRunbook alert={alert} />
    </>
  );
}

function ChooseRunbook(props: { lookup: AlertLookup }) {
  const { alert, matches } = props.lookup;
  return (
    <>
      <Typography paragraph>
        {matches.length === 1
          ? `One runbook answers ${alert}.`
          : `${matches.length} runbooks answer ${alert}. Pick the one for the service that fired it.`}{' '}
        (Adding the alert's labels, or <code>entity=&lt;entity ref&gt;</code>,
        to the link's query narrows this down.)
      </Typography>
      <Paper variant="outlined">
        <Table size="small" aria-label={`Runbooks that answer ${alert}`}>
          <TableHead>
            <TableRow>
              <TableCell>Service</TableCell>
              <TableCell>Runbook</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Owner</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {matches.map((match: AlertMatch) => (
              <TableRow key={`${match.entityRef}|${match.url}`}>
                <TableCell>
                  <RefLink
                    entityRef={match.entityRef}
                    title={match.entityTitle}
                  />
                </TableCell>
                <TableCell>
                  {isPortalPath(match.url) ? (
                    <Link to={match.url}>{match.runbook.title}</Link>
                  ) : (
                    match.runbook.title
                  )}
                  {match.anchor && (
                    <Typography variant="caption" color="textSecondary">
                      {' '}
                      #{match.anchor}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <ReviewStatusChip
                    status={match.runbook.status}
                    missing={match.runbook.missing}
                  />
                </TableCell>
                <TableCell>
                  <RefLink
                    entityRef={match.owner ?? match.runbook.owner}
                    defaultKind="group"
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </>
  );
}

function UnknownAlert(props: { alert: string }) {
  return (
    <>
      <EmptyState
        missing="data"
        title={`The portal knows no alert named “${props.alert}”`}
        description="No runbook is mapped to it and no alert rule of a service you may see defines it. Check the spelling (alert names are case-sensitive), or give the alert a runbook."
      />
      <HowToAddRunbook alert={props.alert} />
    </>
  );
}

/** The alert named in the URL: `alerts/:alertName` or `alerts/*`. */
function useAlertName(): string {
  const params = useParams();
  return (params.alertName ?? params['*'] ?? '').replace(/\/+$/, '');
}

/**
 * The alert landing page, `/runbooks/alerts/:alertName`: goes straight to the
 * runbook when one answers the alert, lets the user choose among several, and
 * says who defines it when none does. The page's query (alert labels, or
 * `entity=<ref>`) narrows the matches.
 */
export function AlertPage() {
  const alertName = useAlertName();
  const { search } = useLocation();
  const api = useApi(runbooksApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.lookupAlert(
        alertName,
        Object.fromEntries(new URLSearchParams(search)),
      ),
    [api, alertName, search],
  );

  if (loading) return <Progress />;
  if (error) {
    return isNotFound(error) ? (
      <UnknownAlert alert={alertName} />
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  if (!value) return null;
  if (value.matches.length === 1 && isPortalPath(value.matches[0].url)) {
    return <Navigate to={value.matches[0].url} replace />;
  }
  return (
    <>
      <ContentHeader title={`Alert ${value.alert || alertName}`} />
      {value.matches.length ? (
        <ChooseRunbook lookup={value} />
      ) : (
        <NoRunbook lookup={value} />
      )}
    </>
  );
}
