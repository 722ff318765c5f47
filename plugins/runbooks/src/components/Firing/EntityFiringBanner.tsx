import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useEntityFiring } from '../../hooks/useFiring';
import {
  alertWithRunbook,
  firingHeadline,
  RUNBOOK_GAP_TEXT,
  runbookGap,
} from './firingText';

/**
 * A warning at the top of the entity page (and the Runbooks tab) while
 * something fires for the entity: "2 alerts firing: KubePodCrashLooping →
 * Pod crash looping, …", each linked to its runbook. Nothing otherwise.
 */
export function EntityFiringBanner() {
  const { entity } = useEntity();
  const { value } = useEntityFiring(getCompoundEntityRef(entity));
  const active = value?.alerts.filter(a => a.state === 'active') ?? [];
  if (!value?.configured || !active.length) return null;
  const gaps = active.filter(a => runbookGap(a) !== 'ok');
  return (
    <Box mb={2} role="region" aria-label="Firing alerts">
      <Alert severity="error">
        <AlertTitle>
          {firingHeadline(active)}:{' '}
          {active.map((alert, i) => {
            const [runbook] = alert.runbooks;
            return (
              <span key={`${alert.alertmanager}/${alert.fingerprint}`}>
                {i > 0 && ', '}
                {runbook && !runbook.missing ? (
                  <Link to={runbook.viewUrl}>{alertWithRunbook(alert)}</Link>
                ) : (
                  alertWithRunbook(alert)
                )}
              </span>
            );
          })}
        </AlertTitle>
        {gaps.length > 0 &&
          gaps.map(alert => (
            <div key={`gap/${alert.alertmanager}/${alert.fingerprint}`}>
              <strong>{alert.alertname}</strong>:{' '}
              {RUNBOOK_GAP_TEXT[runbookGap(alert) as 'none']}
            </div>
          ))}
      </Alert>
    </Box>
  );
}
