import { ReviewStatus } from '../types';
import { score } from './checkRunbook';
import { RunbookStandard, StandardsCheck, StandardsResult } from './types';

/**
 * What the entity-level checks look at.
 *
 * @public
 */
export type EntityStandardsInput = {
  standard: RunbookStandard;
  /** Alerts of the entity's rules and annotation, answered or not. */
  alerts: number;
  alertsWithoutRunbook: string[];
  runbooks: Array<{ title: string; status: ReviewStatus; missing: boolean }>;
  escalationLevels: number;
  /** True when the entity names an on-call source (`runbooks/on-call`, PagerDuty, Opsgenie). */
  onCallDefined: boolean;
  /** True when the entity's index or config gives a severity ladder. */
  severityLadderDefined: boolean;
};

/**
 * The entity's own checks: every alert has a runbook, no runbook is stale,
 * escalation, on-call and a severity ladder are defined.
 *
 * @public
 */
export function checkEntityStandards(
  input: EntityStandardsInput,
): StandardsResult {
  const stale = input.runbooks.filter(r => !r.missing && r.status === 'stale');
  const missingAlerts = input.alertsWithoutRunbook;
  const checks: StandardsCheck[] = [
    {
      id: 'alerts-covered',
      label: 'Every alert has a runbook',
      passed: missingAlerts.length === 0,
      reason: alertsReason(missingAlerts, input.alerts),
    },
    {
      id: 'none-stale',
      label: 'No stale runbook',
      passed: stale.length === 0,
      reason: stale.length
        ? `Stale: ${listed(stale.map(r => r.title))}`
        : 'No runbook is past its review date',
    },
    {
      id: 'escalation-defined',
      label: 'Escalation defined',
      passed: input.escalationLevels > 0,
      reason: input.escalationLevels
        ? `${input.escalationLevels} escalation level(s)`
        : 'No runbooks/escalation annotation',
    },
    {
      id: 'on-call-defined',
      label: 'On-call defined',
      passed: input.onCallDefined,
      reason: input.onCallDefined
        ? 'The entity names its on-call'
        : 'No runbooks/on-call (or PagerDuty / Opsgenie) annotation',
    },
    {
      id: 'severities-defined',
      label: 'Severity ladder defined',
      passed: input.severityLadderDefined,
      reason: input.severityLadderDefined
        ? 'Severities with response times are defined'
        : 'Neither the runbook index nor runbooks.severities gives a severity ladder',
    },
  ];
  return score(input.standard, checks);
}

function alertsReason(missing: string[], alerts: number): string {
  if (missing.length) return `No runbook for ${listed(missing)}`;
  return alerts
    ? `All ${alerts} alert(s) have a runbook`
    : 'The entity has no alerts';
}

function listed(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/**
 * The result of a runbook an index links to but that does not exist: every
 * check fails.
 *
 * @public
 */
export function missingRunbookStandards(
  standard: RunbookStandard,
): StandardsResult {
  const checks: StandardsCheck[] = [
    ...standard.sections.map(s => ({
      id: `section:${s.name}`,
      label: `Section "${s.name}"`,
    })),
    ...standard.requirements.map(r => ({ id: r, label: r })),
  ].map(check => ({
    ...check,
    passed: false,
    reason: 'The runbook file does not exist',
  }));
  return score(standard, checks);
}
