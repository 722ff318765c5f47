import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useEntityFiring } from '../../hooks/useFiring';
import { FiringAlertList, FiringProblems } from './FiringAlertList';
import { firingHeadline } from './firingText';

/** Props of {@link EntityFiringAlertsCard}. */
export type EntityFiringAlertsCardProps = { variant?: InfoCardVariants };

/**
 * Overview card: what fires in Alertmanager for the entity now, each alert
 * with its runbook one click away; live. Renders nothing when the backend
 * has no Alertmanager configured.
 */
export function EntityFiringAlertsCard(props: EntityFiringAlertsCardProps) {
  const { entity } = useEntity();
  const { value, error } = useEntityFiring(getCompoundEntityRef(entity));
  if (value && !value.configured) return null;
  const title = value?.alerts.length
    ? `Firing now: ${firingHeadline(value.alerts)}`
    : 'Firing now';
  return (
    <InfoCard title={title} variant={props.variant}>
      {!value && !error && <Progress />}
      {error && !value && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <FiringProblems problems={value.problems} />
          {value.alerts.length ? (
            <FiringAlertList alerts={value.alerts} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              Nothing is firing for this entity.
            </Typography>
          )}
        </>
      )}
    </InfoCard>
  );
}
