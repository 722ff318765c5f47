import { MarkdownDocument } from '../markdown/markdownDocument';
import { checkRunbookStandards } from '../standards/checkRunbook';
import { missingRunbookStandards } from '../standards/entityChecks';
import { RunbookStandard } from '../standards/types';
import { AlertMapping } from '../types';
import { StoredRunbook } from './types';

/**
 * Checks every runbook of a snapshot against the entity's standard, in
 * place: `standards` on each runbook.
 */
export function applyStandards(options: {
  runbooks: StoredRunbook[];
  documents: WeakMap<StoredRunbook, MarkdownDocument>;
  standard: RunbookStandard;
  alerts: AlertMapping[];
  alertRules: number;
  escalationLevels: number;
}) {
  const answered = new Map<string, number>();
  for (const alert of options.alerts) {
    answered.set(alert.runbookId, (answered.get(alert.runbookId) ?? 0) + 1);
  }
  for (const runbook of options.runbooks) {
    const document = options.documents.get(runbook);
    runbook.standards =
      runbook.missing || !document
        ? missingRunbookStandards(options.standard)
        : checkRunbookStandards({
            document,
            standard: options.standard,
            lastReviewed: runbook.lastReviewed,
            reviewer: runbook.reviewer,
            escalationLevels: options.escalationLevels,
            alertRules: options.alertRules,
            alertsAnswered: answered.get(runbook.id) ?? 0,
          });
  }
}
