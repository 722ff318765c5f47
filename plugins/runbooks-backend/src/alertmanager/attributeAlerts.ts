import {
  AlertLookup,
  AlertSelector,
  FiringAlert,
  FiringAlertState,
  FiringRunbook,
  MAX_ALERT_NAME_LENGTH,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { AlertmanagerAlert } from './fetchAlerts';

/** What the read model knows of an entity that may claim alerts. */
export type ClaimingEntity = {
  entityRef: string;
  entityTitle?: string;
  owner?: string;
  /** Undefined: no selector, every alert the entity knows by name is its own. */
  selector?: AlertSelector;
  problems: RunbookProblem[];
};

/** Firing alerts by entity, and those no entity claims. */
export type Attribution = {
  byEntity: Map<string, FiringAlert[]>;
  unattributed: FiringAlert[];
};

function stateOf(alert: AlertmanagerAlert): FiringAlertState {
  const { status } = alert;
  if (status.state !== 'suppressed') return 'active';
  return status.silencedBy?.length ? 'silenced' : 'inhibited';
}

/** An Alertmanager alert in the answer's shape, with the runbooks given. */
export function presentAlert(
  alertmanager: string,
  alert: AlertmanagerAlert,
  runbooks: FiringRunbook[],
): FiringAlert {
  const { labels, annotations } = alert;
  return {
    fingerprint: alert.fingerprint,
    alertname: labels.alertname,
    alertmanager,
    state: stateOf(alert),
    silencedBy: alert.status.silencedBy ?? [],
    inhibitedBy: alert.status.inhibitedBy ?? [],
    labels,
    severity: labels.severity,
    startsAt: alert.startsAt,
    summary: annotations.summary ?? annotations.message,
    description: annotations.description,
    generatorURL: alert.generatorURL || undefined,
    runbooks,
  };
}

/**
 * The labels passed to the alert lookup: `entity` is the lookup's own
 * parameter, never an alert label.
 */
export function lookupLabels(
  labels: Record<string, string>,
): Record<string, string> {
  const { entity: _entity, alertname: _alertname, ...rest } = labels;
  return rest;
}

/** Whether the lookup can be asked about this name at all. */
export function isLookupName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_ALERT_NAME_LENGTH;
}

/**
 * Which entities an alert belongs to: those the alert lookup (the plugin's
 * one alert → runbook resolution, with its label narrowing) names for it,
 * kept where the entity's `runbooks/alert-selector` holds for the alert's
 * labels. An entity whose selector is invalid keeps the alert: an on-call
 * engineer would rather see one alert too many than miss one.
 */
export function attributeAlert(
  alertmanager: string,
  alert: AlertmanagerAlert,
  lookup: AlertLookup | undefined,
  entities: Map<string, ClaimingEntity>,
  into: Attribution,
) {
  const runbooksOf = new Map<string, FiringRunbook[]>();
  for (const match of lookup?.matches ?? []) {
    const list = runbooksOf.get(match.entityRef) ?? [];
    list.push({
      entityRef: match.entityRef,
      id: match.runbook.id,
      title: match.runbook.title,
      status: match.runbook.status,
      missing: match.runbook.missing,
      anchor: match.anchor,
      viewUrl: match.url,
    });
    runbooksOf.set(match.entityRef, list);
  }
  for (const defined of lookup?.definedBy ?? []) {
    if (!runbooksOf.has(defined.entityRef)) {
      runbooksOf.set(defined.entityRef, []);
    }
  }
  let claimed = false;
  for (const [entityRef, runbooks] of runbooksOf) {
    const entity = entities.get(entityRef);
    if (!entity) continue;
    if (entity.selector && !entity.selector.matches(alert.labels)) continue;
    claimed = true;
    const list = into.byEntity.get(entityRef) ?? [];
    list.push(presentAlert(alertmanager, alert, runbooks));
    into.byEntity.set(entityRef, list);
  }
  if (!claimed) into.unattributed.push(presentAlert(alertmanager, alert, []));
}

const SEVERITY_ORDER = ['critical', 'error', 'high', 'warning', 'info', 'none'];

function severityRank(severity: string | undefined): number {
  const index = SEVERITY_ORDER.indexOf((severity ?? '').toLowerCase());
  return index === -1 ? SEVERITY_ORDER.length : index;
}

/** Active before held back, critical first, oldest first. */
export function compareFiring(a: FiringAlert, b: FiringAlert): number {
  return (
    Number(a.state !== 'active') - Number(b.state !== 'active') ||
    severityRank(a.severity) - severityRank(b.severity) ||
    a.startsAt.localeCompare(b.startsAt) ||
    a.alertname.localeCompare(b.alertname) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

/** What changes an entity's firing view: alerts, their states and runbooks. */
export function firingSignature(alerts: FiringAlert[]): string {
  return alerts
    .map(
      a =>
        `${a.alertmanager}/${a.fingerprint}/${a.state}/${a.runbooks
          .map(r => `${r.id}:${r.status}`)
          .join(',')}`,
    )
    .sort()
    .join('|');
}
