import {
  EntitySnapshot,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbooksConfig } from '../config';

/**
 * Caps what one entity's snapshot holds, so that its answer stays small
 * whatever its sources say: index links to missing files (as many as the
 * files it may have), alert mappings, rules and unanswered alerts, and
 * problems (the last one telling how many more there were).
 */
export function boundSnapshot(
  snapshot: EntitySnapshot,
  limits: RunbooksConfig['limits'],
): EntitySnapshot {
  const { maxFilesPerEntity, maxAlertsPerEntity, maxProblemsPerEntity } =
    limits;
  const notes: string[] = [];
  let runbooks = snapshot.runbooks;
  const missing = runbooks.filter(runbook => runbook.missing);
  if (missing.length > maxFilesPerEntity) {
    const kept = new Set(missing.slice(0, maxFilesPerEntity));
    runbooks = runbooks.filter(
      runbook => !runbook.missing || kept.has(runbook),
    );
    notes.push(
      `The runbook index links to ${missing.length} files that do not exist; only the first ${maxFilesPerEntity} are listed (runbooks.limits.maxFilesPerEntity)`,
    );
  }
  const ids = new Set(runbooks.map(runbook => runbook.id));
  const cap = <T>(items: T[], what: string): T[] => {
    if (items.length <= maxAlertsPerEntity) return items;
    notes.push(
      `${items.length} ${what}; only the first ${maxAlertsPerEntity} are kept (runbooks.limits.maxAlertsPerEntity)`,
    );
    return items.slice(0, maxAlertsPerEntity);
  };
  const alerts = cap(
    snapshot.alerts.filter(alert => ids.has(alert.runbookId)),
    'alert mappings',
  );
  const alertRules = cap(snapshot.alertRules, 'alert rules');
  const alertsWithoutRunbook = cap(
    snapshot.alertsWithoutRunbook,
    'alerts without runbook',
  );
  let problems = snapshot.problems;
  const room = Math.max(0, maxProblemsPerEntity - notes.length);
  if (problems.length > room) {
    const more = problems.length - room + 1;
    problems = [
      ...problems.slice(0, Math.max(0, room - 1)),
      {
        level: 'warning',
        subject: RUNBOOKS_LOCATION_ANNOTATION,
        message: `${more} more problems not shown (runbooks.limits.maxProblemsPerEntity)`,
      },
    ];
  }
  if (
    runbooks === snapshot.runbooks &&
    alerts.length === snapshot.alerts.length &&
    !notes.length &&
    problems === snapshot.problems
  ) {
    return snapshot;
  }
  if (alerts.length < snapshot.alerts.length) {
    const kept = new Set(alerts.map(a => `${a.runbookId}|${a.alert}`));
    runbooks = runbooks.map(runbook => ({
      ...runbook,
      alerts: runbook.alerts.filter(alert =>
        kept.has(`${runbook.id}|${alert}`),
      ),
    }));
  }
  return {
    ...snapshot,
    runbooks,
    alerts,
    alertRules,
    alertsWithoutRunbook,
    problems: [
      ...notes.map(message => ({
        level: 'warning' as const,
        subject: RUNBOOKS_LOCATION_ANNOTATION,
        message,
      })),
      ...problems,
    ],
  };
}
