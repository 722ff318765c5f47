import {
  checkEntityStandards,
  DEFAULT_RUNBOOK_STANDARD,
  EntityStandards,
  parseOnCallAnnotation,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksConfig } from '../config';
import { EntitySummary } from './types';

/** Checks passed and made over runbooks: the score the coverage page sorts by. */
export function sumStandards(runbooks: Runbook[]): {
  passed: number;
  total: number;
} {
  let passed = 0;
  let total = 0;
  for (const runbook of runbooks) {
    passed += runbook.standards?.passed ?? 0;
    total += runbook.standards?.total ?? 0;
  }
  return { passed, total };
}

/**
 * An entity's standard and its entity-level checks, for `now`'s review
 * statuses (the presented runbooks).
 */
export function presentEntityStandards(options: {
  config: Pick<RunbooksConfig, 'standard' | 'severitiesConfigured'>;
  summary: Pick<
    EntitySummary,
    'standard' | 'alerts' | 'alertsWithoutRunbook' | 'escalation' | 'severities'
  >;
  runbooks: Runbook[];
  annotations: Record<string, string>;
}): EntityStandards {
  const { config, summary, runbooks } = options;
  const standard =
    summary.standard ?? config.standard ?? DEFAULT_RUNBOOK_STANDARD;
  const alertsWithoutRunbook = (summary.alertsWithoutRunbook ?? []).map(
    a => a.alert,
  );
  return {
    standard,
    entity: checkEntityStandards({
      standard,
      alerts: summary.alerts.length + alertsWithoutRunbook.length,
      alertsWithoutRunbook,
      runbooks,
      escalationLevels: summary.escalation.length,
      onCallDefined: Boolean(parseOnCallAnnotation(options.annotations).value),
      severityLadderDefined: Boolean(
        summary.severities?.length || config.severitiesConfigured,
      ),
    }),
    runbooks: sumStandards(runbooks),
  };
}
