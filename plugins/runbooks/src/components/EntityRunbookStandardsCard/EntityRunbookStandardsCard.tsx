import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCardVariants, Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  EntityRunbooks,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { EntityAnswerCard, MissingAnnotationCard } from '../EntityCard';
import { useEntityRunbooks } from '../../hooks/useEntityRunbooks';
import { isRunbooksAvailable } from '../../isRunbooksAvailable';
import {
  ChecksList,
  compareScores,
  formatScore,
  StandardsChip,
  standardSourceLabel,
  WriteRunbookButton,
  writeAlertRunbook,
  writeMissingSections,
} from '../RunbookStandards';

/**
 * Props of {@link EntityRunbookStandardsCard}.
 *
 * @public
 */
export type EntityRunbookStandardsCardProps = {
  /** `gridItem` makes the card as tall as its grid row. */
  variant?: InfoCardVariants;
};

function RunbookScores(props: { data: EntityRunbooks }) {
  const { data } = props;
  const runbooks = [...data.runbooks]
    .filter(r => r.standards)
    .sort((a, b) => compareScores(a.standards, b.standards));
  if (!runbooks.length) return null;
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {runbooks.map(runbook => {
        const failing = runbook.standards!.checks.filter(c => !c.passed);
        const write = writeMissingSections(data, runbook);
        return (
          <Box
            component="li"
            key={runbook.id}
            mb={1}
            data-testid={`runbook-standards-${runbook.id}`}
          >
            <Box display="flex" alignItems="center" gridGap={8}>
              {runbook.missing ? (
                <Typography variant="body2">{runbook.title}</Typography>
              ) : (
                <Link to={runbook.viewUrl}>{runbook.title}</Link>
              )}
              <StandardsChip result={runbook.standards} />
            </Box>
            {failing.length > 0 && (
              <Typography variant="caption" color="textSecondary">
                Failing: {failing.map(c => c.label).join(', ')}
              </Typography>
            )}
            {write && (
              <WriteRunbookButton
                link={write}
                label={
                  runbook.missing
                    ? 'Write this runbook'
                    : 'Add the missing sections'
                }
              />
            )}
          </Box>
        );
      })}
    </Box>
  );
}

function AlertsToWrite(props: { data: EntityRunbooks }) {
  const { data } = props;
  if (!data.alertsWithoutRunbook.length) return null;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        Alerts without a runbook
      </Typography>
      {data.alertsWithoutRunbook.map(alert => {
        const write = writeAlertRunbook(data, alert.alert);
        return (
          <Box
            key={alert.alert}
            display="flex"
            alignItems="baseline"
            gridGap={8}
          >
            <code>{alert.alert}</code>
            {write && <WriteRunbookButton link={write} />}
          </Box>
        );
      })}
    </Box>
  );
}

function StandardsSummary(props: { data: EntityRunbooks }) {
  const { data } = props;
  const standards = data.standards;
  if (!standards) {
    return (
      <Typography variant="body2">
        The runbooks backend does not score runbooks against a standard yet.
      </Typography>
    );
  }
  const score = formatScore(standards.runbooks);
  return (
    <>
      <Typography variant="h5" component="p">
        {score ? `Runbooks pass ${score} checks` : 'No runbook to check'}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {standardSourceLabel(standards.standard)}
        {standards.standard.sections.length > 0 &&
          `: ${standards.standard.sections.map(s => s.name).join(', ')}`}
      </Typography>
      <RunbookScores data={data} />
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Service checks {formatScore(standards.entity)}
        </Typography>
        <ChecksList checks={standards.entity.checks} label="Service checks" />
      </Box>
      <AlertsToWrite data={data} />
    </>
  );
}

function LoadedStandardsCard(props: EntityRunbookStandardsCardProps) {
  const { entity } = useEntity();
  const answer = useEntityRunbooks(getCompoundEntityRef(entity));
  return (
    <EntityAnswerCard
      title="Runbook standards"
      variant={props.variant}
      answer={answer}
    >
      {data => <StandardsSummary data={data} />}
    </EntityAnswerCard>
  );
}

/**
 * Overview card: how the entity's runbooks meet their standard (the runbook
 * index's declared structure, `runbooks.standards`, or the default), worst
 * first, the service's own checks, and "Write this runbook" for what is missing.
 */
export function EntityRunbookStandardsCard(
  props: EntityRunbookStandardsCardProps,
) {
  const { entity } = useEntity();
  if (!isRunbooksAvailable(entity)) {
    return (
      <MissingAnnotationCard
        title="Runbook standards"
        variant={props.variant}
        annotation={RUNBOOKS_LOCATION_ANNOTATION}
      />
    );
  }
  return <LoadedStandardsCard {...props} />;
}
