import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useCatalogFiring } from '../../hooks/useFiring';
import { FiringAlertList, FiringProblems } from './FiringAlertList';

/** The instances of one alert that fire now, by entity; nothing when none. */
export function AlertFiringInstances(props: { alertname: string }) {
  const { value } = useCatalogFiring(props.alertname);
  if (!value?.configured) return null;
  const count =
    value.entities.reduce((n, e) => n + e.alerts.length, 0) +
    value.unattributed.length;
  if (!count && !value.problems.length) return null;
  return (
    <Box
      mb={3}
      component="section"
      aria-label={`${props.alertname} firing now`}
    >
      <Typography variant="h6" component="h3" gutterBottom>
        Firing now: {count} instance{count === 1 ? '' : 's'}
      </Typography>
      <FiringProblems problems={value.problems} />
      {value.entities.map(entity => (
        <Box key={entity.entityRef} mb={1}>
          <EntityRefLink entityRef={parseEntityRef(entity.entityRef)}>
            {entity.entityTitle || undefined}
          </EntityRefLink>
          <FiringAlertList alerts={entity.alerts} />
        </Box>
      ))}
      {value.unattributed.length > 0 && (
        <>
          <Typography variant="subtitle2">No service claims</Typography>
          <FiringAlertList alerts={value.unattributed} />
        </>
      )}
    </Box>
  );
}
