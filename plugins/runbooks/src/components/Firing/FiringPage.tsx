import {
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CatalogFiring,
  FiringAlert,
  FiringEntity,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { useMemo, useState } from 'react';
import { useCatalogFiring } from '../../hooks/useFiring';
import { FiringAlertList, FiringProblems } from './FiringAlertList';
import { firingHeadline } from './firingText';

function RefLink(props: { entityRef?: string; title?: string; kind: string }) {
  if (!props.entityRef) return <>no owner</>;
  try {
    return (
      <EntityRefLink
        entityRef={parseEntityRef(props.entityRef, { defaultKind: props.kind })}
        defaultKind={props.kind}
      >
        {props.title || undefined}
      </EntityRefLink>
    );
  } catch {
    return <>{props.title ?? props.entityRef}</>;
  }
}

function matchesFilter(
  alert: FiringAlert,
  entity: FiringEntity | undefined,
  text: string,
) {
  if (!text) return true;
  const needle = text.toLocaleLowerCase('en-US');
  const haystack = [
    alert.alertname,
    alert.severity,
    alert.summary,
    alert.state,
    entity?.entityRef,
    entity?.entityTitle,
    entity?.owner,
    ...Object.entries(alert.labels).map(([k, v]) => `${k}=${v}`),
  ];
  return haystack.some(v => v?.toLocaleLowerCase('en-US').includes(needle));
}

type Filtered = {
  owners: Array<[string, FiringEntity[]]>;
  unattributed: FiringAlert[];
};

function filterFiring(
  data: CatalogFiring,
  text: string,
  state: string,
): Filtered {
  const keep = (a: FiringAlert, e?: FiringEntity) =>
    (state === 'all' || a.state === state) && matchesFilter(a, e, text);
  const byOwner = new Map<string, FiringEntity[]>();
  for (const entity of data.entities) {
    const alerts = entity.alerts.filter(a => keep(a, entity));
    if (!alerts.length) continue;
    const owner = entity.owner ?? '';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), { ...entity, alerts }]);
  }
  return {
    owners: [...byOwner.entries()].sort(([a], [b]) => a.localeCompare(b)),
    unattributed: data.unattributed.filter(a => keep(a)),
  };
}

/**
 * `/runbooks/firing`: everything firing across the catalog, grouped by owner
 * and service, each alert with its runbook; filterable; live.
 */
export function FiringPage() {
  const { value, error } = useCatalogFiring();
  const [text, setText] = useState('');
  const [state, setState] = useState('all');
  const filtered = useMemo(
    () => (value ? filterFiring(value, text, state) : undefined),
    [value, text, state],
  );
  if (error && !value) return <ResponseErrorPanel error={error} />;
  if (!value || !filtered) return <Progress />;
  if (!value.configured) {
    return (
      <EmptyState
        missing="info"
        title="No Alertmanager configured"
        description="Configure runbooks.alertmanager in the backend's app-config to see what is firing beside its runbooks."
      />
    );
  }
  const all = [...value.entities.flatMap(e => e.alerts), ...value.unattributed];
  return (
    <>
      <ContentHeader title={`Firing now: ${firingHeadline(all)}`} />
      <FiringProblems problems={value.problems} />
      <Box display="flex" gridGap={16} mb={2}>
        <TextField
          id="runbooks-firing-filter"
          label="Filter"
          placeholder="alert, service, owner, label=value"
          value={text}
          onChange={e => setText(e.target.value)}
        />
        <TextField
          id="runbooks-firing-state"
          select
          label="State"
          value={state}
          onChange={e => setState(e.target.value)}
        >
          <MenuItem value="all">All</MenuItem>
          <MenuItem value="active">Active</MenuItem>
          <MenuItem value="silenced">Silenced</MenuItem>
          <MenuItem value="inhibited">Inhibited</MenuItem>
        </TextField>
      </Box>
      {!filtered.owners.length && !filtered.unattributed.length && (
        <Typography color="textSecondary">
          {all.length
            ? 'No firing alert matches the filter.'
            : 'Nothing is firing.'}
        </Typography>
      )}
      {filtered.owners.map(([owner, entities]) => (
        <Box
          key={owner}
          mb={3}
          component="section"
          aria-label={`Owner ${owner || 'none'}`}
        >
          <Typography variant="h6" component="h2">
            <RefLink entityRef={owner || undefined} kind="group" />
          </Typography>
          {entities.map(entity => (
            <Box key={entity.entityRef} mt={1}>
              <Paper variant="outlined">
                <Box p={2}>
                  <Typography variant="subtitle1" component="h3">
                    <RefLink
                      entityRef={entity.entityRef}
                      title={entity.entityTitle}
                      kind="component"
                    />{' '}
                    ({firingHeadline(entity.alerts)})
                  </Typography>
                  <FiringAlertList alerts={entity.alerts} />
                </Box>
              </Paper>
            </Box>
          ))}
        </Box>
      ))}
      {filtered.unattributed.length > 0 && (
        <Box mb={3} component="section" aria-label="Firing, no service claims">
          <Typography variant="h6" component="h2">
            Firing, no service knows these alerts (no runbook anywhere)
          </Typography>
          <Paper variant="outlined">
            <Box p={2}>
              <FiringAlertList alerts={filtered.unattributed} />
            </Box>
          </Paper>
        </Box>
      )}
    </>
  );
}
