import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCardVariants } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  EntityOnCall,
  EscalationContact,
  OnCallShift,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RUNBOOKS_ON_CALL_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { Fragment } from 'react';
import { isOnCallAvailable } from '../../isOnCallAvailable';
import { relativeTime } from '../../utils/relativeTime';
import { RunbookProblems } from '../RunbookProblems';
import { ContactLink } from './ContactLink';
import { EntityAnswerCard, MissingAnnotationCard } from '../EntityCard';
import { useEntityOnCall } from './useEntityOnCall';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  levels: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: theme.spacing(1, 0, 0),
  },
  level: {
    fontVariantNumeric: 'tabular-nums',
    color: theme.palette.text.secondary,
  },
  contacts: {
    display: 'flex',
    flexDirection: 'column',
    gridGap: theme.spacing(0.5),
  },
}));

/**
 * Props of {@link EntityOnCallCard}.
 *
 * @public
 */
export type EntityOnCallCardProps = {
  /** `gridItem` makes the card as tall as its grid row. */
  variant?: InfoCardVariants;
};

const PROVIDER_NAMES: Record<string, string> = {
  schedule: 'on-call schedule',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
};

function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

function Instant(props: { iso: string }) {
  const relative = relativeTime(props.iso);
  return (
    <time dateTime={props.iso} title={props.iso}>
      {formatInstant(props.iso)}
      {relative ? ` (${relative})` : ''}
    </time>
  );
}

function Contacts(props: { contacts: EscalationContact[] }) {
  const classes = useStyles();
  return (
    <div className={classes.contacts}>
      {props.contacts.map((contact, index) => (
        <ContactLink key={index} contact={contact} />
      ))}
    </div>
  );
}

function OnCallNow(props: { data: EntityOnCall }) {
  const { data } = props;
  const classes = useStyles();
  if (!data.provider) {
    return (
      <Typography variant="body2" color="textSecondary">
        No on-call source: add a <code>{RUNBOOKS_ON_CALL_ANNOTATION}</code>{' '}
        annotation (a schedule file, PagerDuty or Opsgenie) to show who is on
        call.
      </Typography>
    );
  }
  if (!data.onCallNow.length) {
    return data.unreachableSince ? null : (
      <Typography variant="body2">Nobody is on call right now.</Typography>
    );
  }
  return (
    <dl className={classes.levels} aria-label="On call now">
      {data.onCallNow.map((shift: OnCallShift) => (
        <Fragment key={shift.level}>
          <Typography component="dt" variant="body2" className={classes.level}>
            Level {shift.level}
          </Typography>
          <Box component="dd" m={0}>
            <Contacts contacts={shift.contacts} />
            {shift.until && (
              <Typography variant="body2" color="textSecondary">
                until <Instant iso={shift.until} />
              </Typography>
            )}
            {shift.next && shift.next.length > 0 && (
              <Typography variant="body2" color="textSecondary" component="div">
                then{' '}
                {shift.next.map((contact, index) => (
                  <Fragment key={index}>
                    {index > 0 && ', '}
                    <ContactLink contact={contact} compact />
                  </Fragment>
                ))}
              </Typography>
            )}
          </Box>
        </Fragment>
      ))}
    </dl>
  );
}

function Escalation(props: { data: EntityOnCall }) {
  const classes = useStyles();
  const { escalation } = props.data;
  if (!escalation.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No escalation declared: list who is called, level by level, in the{' '}
        <code>{RUNBOOKS_ESCALATION_ANNOTATION}</code> annotation.
      </Typography>
    );
  }
  return (
    <dl className={classes.levels} aria-label="Escalation levels">
      {escalation.map(level => (
        <Fragment key={level.level}>
          <Typography component="dt" variant="body2" className={classes.level}>
            {level.level}
          </Typography>
          <Box component="dd" m={0}>
            <Contacts contacts={level.contacts} />
          </Box>
        </Fragment>
      ))}
    </dl>
  );
}

function Severities(props: { data: EntityOnCall }) {
  const { severities } = props.data;
  if (!severities.length) return null;
  return (
    <Table size="small" aria-label="Severities and response times">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Respond within</TableCell>
          <TableCell>Meaning</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {severities.map(severity => (
          <TableRow key={severity.name}>
            <TableCell>{severity.name}</TableCell>
            <TableCell>{severity.respondWithin}</TableCell>
            <TableCell>{severity.description ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function OnCallDetails(props: { data: EntityOnCall }) {
  const { data } = props;
  const classes = useStyles();
  const providerName = data.provider
    ? PROVIDER_NAMES[data.provider] ?? data.provider
    : undefined;
  return (
    <>
      {data.unreachableSince && (
        <Alert severity="warning">
          On-call provider unreachable since{' '}
          <Instant iso={data.unreachableSince} />
          {providerName ? ` (${providerName})` : ''}. The escalation below still
          applies.
        </Alert>
      )}
      <Box className={classes.section}>
        <Typography variant="h6" component="h3">
          On call now
          {providerName && (
            <Typography component="span" variant="body2" color="textSecondary">
              {' '}
              from {providerName}
            </Typography>
          )}
        </Typography>
        <OnCallNow data={data} />
      </Box>
      <Box className={classes.section}>
        <Typography variant="h6" component="h3">
          Escalation
        </Typography>
        <Escalation data={data} />
      </Box>
      {data.severities.length > 0 && (
        <Box className={classes.section}>
          <Typography variant="h6" component="h3">
            Severities
          </Typography>
          <Severities data={data} />
        </Box>
      )}
      {data.problems.length > 0 && (
        <Box className={classes.section}>
          <RunbookProblems problems={data.problems} />
        </Box>
      )}
    </>
  );
}

function LoadedOnCallCard(props: EntityOnCallCardProps) {
  const { entity } = useEntity();
  const answer = useEntityOnCall(getCompoundEntityRef(entity));
  return (
    <EntityAnswerCard
      title="On call and escalation"
      variant={props.variant}
      answer={answer}
    >
      {data => <OnCallDetails data={data} />}
    </EntityAnswerCard>
  );
}

/**
 * Overview card: who is on call now and until when, the escalation levels
 * with their contacts, and the severity ladder with response times. Works
 * with an escalation alone, without any on-call provider.
 */
export function EntityOnCallCard(props: EntityOnCallCardProps) {
  const { entity } = useEntity();
  if (!isOnCallAvailable(entity)) {
    return (
      <MissingAnnotationCard
        title="On call and escalation"
        variant={props.variant}
        annotation={[
          RUNBOOKS_ESCALATION_ANNOTATION,
          RUNBOOKS_ON_CALL_ANNOTATION,
        ]}
      />
    );
  }
  return <LoadedOnCallCard {...props} />;
}
