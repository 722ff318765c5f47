import { AlertRule, matchRunbookUrl } from '../alertRules';
import { alertPatternProblem, compileAlertPattern } from '../alertPattern';
import { AlertsAnnotationEntry } from '../alertsAnnotation';
import { RUNBOOKS_ALERTS_ANNOTATION } from '../annotations';
import { isRunbookIndexFile, RunbookIndexAlert } from '../runbookIndex';
import {
  AlertMapping,
  AlertMappingSource,
  AlertWithoutRunbook,
  RunbookProblem,
} from '../types';
import { StoredRunbook } from './types';

/**
 * Sources in the order they win a conflict: what an owner wrote beats what is inferred.
 *
 * @public
 */
export const ALERT_SOURCE_PRECEDENCE: AlertMappingSource[] = [
  'annotation',
  'front-matter',
  'index',
  'file-name',
  'alert-rule',
  'section',
];

const PROMETHEUS_ALERT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Candidate = AlertMapping & { origin: string };

/**
 * Merges the alert mappings of every source into one list: for each alert
 * name, the mapping of the highest-precedence source wins, and a different
 * runbook claimed by another source is reported as a conflict.
 *
 * @public
 */
export function collectAlertMappings(input: {
  runbooks: StoredRunbook[];
  annotation: AlertsAnnotationEntry[];
  index: RunbookIndexAlert[];
  rules: AlertRule[];
  problems: RunbookProblem[];
}): { alerts: AlertMapping[]; alertsWithoutRunbook: AlertWithoutRunbook[] } {
  const { runbooks, problems } = input;
  const present = runbooks.filter(r => !r.missing);
  const byPath = new Map(runbooks.map(r => [r.path.toLowerCase(), r]));
  const candidates: Candidate[] = [];

  for (const entry of input.annotation) {
    const runbook = byPath.get(entry.path.toLowerCase());
    if (!runbook) {
      problems.push({
        level: 'error',
        subject: RUNBOOKS_ALERTS_ANNOTATION,
        message: `Annotation ${RUNBOOKS_ALERTS_ANNOTATION} maps ${entry.alert} to ${entry.path}, which is not a runbook of this entity`,
      });
      continue;
    }
    candidates.push({
      alert: entry.alert,
      runbookId: runbook.id,
      anchor: entry.anchor,
      source: 'annotation',
      origin: RUNBOOKS_ALERTS_ANNOTATION,
    });
  }
  for (const runbook of present) {
    for (const alert of runbook.alerts) {
      candidates.push({
        alert,
        runbookId: runbook.id,
        source: 'front-matter',
        origin: runbook.path,
      });
    }
  }
  for (const entry of input.index) {
    const runbook = byPath.get(entry.path.toLowerCase());
    if (!runbook) continue;
    const wrong = alertPatternProblem(entry.alert);
    if (wrong) {
      problems.push({
        level: 'warning',
        subject: entry.path,
        message: `The runbook index maps an alert to ${entry.path} that is ignored: ${wrong}`,
      });
      continue;
    }
    candidates.push({
      alert: entry.alert,
      runbookId: runbook.id,
      anchor: entry.anchor,
      source: 'index',
      origin: 'the runbook index',
    });
  }
  const ruleNames = new Map(
    input.rules.map(rule => [rule.alert.toLowerCase(), rule.alert]),
  );
  for (const runbook of present) {
    if (isRunbookIndexFile(runbook.path)) continue;
    const base = (runbook.path.split('/').pop() ?? '').replace(
      /\.(md|markdown)$/i,
      '',
    );
    const known = ruleNames.get(base.toLowerCase());
    // Without a rule naming it, only a name shaped like an alert counts (KubePodCrashLooping, not backend-down).
    if (known || (PROMETHEUS_ALERT_NAME.test(base) && /[A-Z]/.test(base))) {
      candidates.push({
        alert: known ?? base,
        runbookId: runbook.id,
        source: 'file-name',
        origin: runbook.path,
      });
    }
  }
  const targets = present.map(r => ({
    path: r.path,
    anchors: r.headings.map(h => h.anchor),
  }));
  for (const rule of input.rules) {
    if (!rule.runbookUrl) continue;
    const match = matchRunbookUrl(rule.runbookUrl, targets);
    const runbook = match && byPath.get(match.path.toLowerCase());
    if (!runbook) continue;
    candidates.push({
      alert: rule.alert,
      runbookId: runbook.id,
      anchor: match.anchor,
      source: 'alert-rule',
      origin: rule.file,
    });
  }

  candidates.push(...sectionCandidates(present, ruleNames));

  const alerts = resolveConflicts(candidates, problems);
  const alertsWithoutRunbook = unansweredRules(input.rules, alerts);
  for (const runbook of runbooks) {
    runbook.alerts = [
      ...new Set(
        alerts.filter(a => a.runbookId === runbook.id).map(a => a.alert),
      ),
    ];
  }
  return { alerts, alertsWithoutRunbook };
}

/**
 * A heading that names one of the entity's alerts answers it at that section
 * (the file-name convention one level down); the title answers it at the top.
 */
function sectionCandidates(
  runbooks: StoredRunbook[],
  ruleNames: Map<string, string>,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const runbook of runbooks) {
    const title = runbook.headings.find(h => h.depth === 1);
    for (const heading of runbook.headings) {
      const alert = ruleNames.get(heading.text.toLowerCase());
      if (!alert) continue;
      candidates.push({
        alert,
        runbookId: runbook.id,
        anchor: heading === title ? undefined : heading.anchor,
        source: 'section',
        origin: runbook.path,
      });
    }
  }
  return candidates;
}

function resolveConflicts(
  candidates: Candidate[],
  problems: RunbookProblem[],
): AlertMapping[] {
  const rank = (source: AlertMappingSource) =>
    ALERT_SOURCE_PRECEDENCE.indexOf(source);
  const sorted = [...candidates].sort(
    (a, b) => rank(a.source) - rank(b.source),
  );
  const winners = new Map<string, Candidate>();
  const reported = new Set<string>();
  for (const candidate of sorted) {
    const winner = winners.get(candidate.alert);
    if (!winner) {
      winners.set(candidate.alert, candidate);
      continue;
    }
    const same =
      winner.runbookId === candidate.runbookId &&
      (candidate.anchor === undefined || winner.anchor === candidate.anchor);
    const key = `${candidate.alert}|${candidate.runbookId}|${candidate.anchor}`;
    if (!same && !reported.has(key)) {
      reported.add(key);
      problems.push({
        level: 'warning',
        subject: candidate.origin,
        message: `Alert ${candidate.alert} is mapped to ${describe(
          winner,
        )} by ${winner.source} (${winner.origin}) and to ${describe(
          candidate,
        )} by ${candidate.source} (${candidate.origin}); ${winner.source} wins`,
      });
    }
  }
  return [...winners.values()].map(({ origin, ...mapping }) => mapping);
}

function describe(mapping: AlertMapping): string {
  return mapping.anchor
    ? `${mapping.runbookId}#${mapping.anchor}`
    : mapping.runbookId;
}

function unansweredRules(
  rules: AlertRule[],
  alerts: AlertMapping[],
): AlertWithoutRunbook[] {
  const exact = new Set<string>();
  const patterns = [];
  for (const mapping of alerts) {
    const pattern = compileAlertPattern(mapping.alert);
    if (pattern.isWildcard) patterns.push(pattern);
    else exact.add(mapping.alert);
  }
  const seen = new Set<string>();
  const result: AlertWithoutRunbook[] = [];
  for (const rule of rules) {
    if (seen.has(rule.alert)) continue;
    seen.add(rule.alert);
    if (
      exact.has(rule.alert) ||
      patterns.some(pattern => pattern.matches(rule.alert))
    ) {
      continue;
    }
    result.push({
      alert: rule.alert,
      severity: rule.severity,
      file: rule.file,
      summary: rule.summary,
      runbookUrl: rule.runbookUrl,
    });
  }
  return result;
}
