import { AlertRule, parsePrometheusRules } from '../alertRules';
import { parseAlertsAnnotation } from '../alertsAnnotation';
import {
  RUNBOOKS_ALERTS_ANNOTATION,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RUNBOOKS_REVIEW_INTERVAL_ANNOTATION,
} from '../annotations';
import { parseDuration } from '../duration';
import { parseEscalationAnnotation } from '../escalation';
import { MarkdownDocument } from '../markdown';
import { runbookIdFromPath } from '../runbookId';
import { isRunbookIndexFile, RunbookIndexAlert } from '../runbookIndex';
import { RunbookProblem, Severity } from '../types';
import { validateRunbooksAnnotations } from '../validateAnnotations';
import { DEFAULT_RUNBOOK_STANDARD } from '../standards/defaultStandard';
import { RunbookStandard } from '../standards/types';
import { collectAlertMappings } from './alertMappings';
import { applyStandards } from './applyStandards';
import { readFile, readIndexes } from './locationIndexes';
import { readRunbook } from './readRunbook';
import { EntitySnapshot, RunbookFile, StoredRunbook } from './types';

/**
 * The files of one runbooks location of an entity.
 *
 * @public
 */
export type LocationFiles = { files: RunbookFile[] };

/**
 * Turns what was read from an entity's sources into the snapshot the plugin
 * stores: runbooks with titles, categories and review dates, index links to
 * missing files, alert mappings from every source, the severity ladder and
 * escalation, and every problem met on the way. Pure: the caller reads the
 * files (the runbooks backend from its sources, runbooks-lint from disk).
 *
 * @public
 */
export function buildEntitySnapshot(options: {
  entityRef: string;
  entityTitle: string;
  owner?: string;
  annotations: Record<string, string>;
  locations: LocationFiles[];
  /** Prometheus rule files of `runbooks/alert-rules`. */
  ruleFiles?: RunbookFile[];
  problems: RunbookProblem[];
  now: Date;
  /** Path to id of the entity's previous snapshot: a runbook keeps its id, and no new file takes one. */
  previousIds?: ReadonlyMap<string, string>;
  /** `runbooks.standards` of config: the standard when the entity's index declares none. */
  standard?: RunbookStandard;
}): EntitySnapshot {
  const { entityRef, annotations, locations, now } = options;
  const problems = [
    ...validateRunbooksAnnotations(annotations),
    ...options.problems,
  ];
  const runbooks: StoredRunbook[] = [];
  const indexAlerts: RunbookIndexAlert[] = [];
  let severities: Severity[] | undefined;
  const uniqueId = idAllocator(options.previousIds);
  const documents = new WeakMap<StoredRunbook, MarkdownDocument>();
  let declared: RunbookStandard | undefined;

  const indexPages: Array<{ runbook: StoredRunbook; holdsContent: boolean }> =
    [];
  for (const { files } of locations) {
    const indexes = readIndexes(files, problems);
    severities ??= indexes.severities;
    declared ??= indexes.standard;
    indexAlerts.push(...indexes.alerts);
    const present = new Set(files.map(file => file.path));
    for (const file of files) {
      if (isRunbookIndexFile(file.path)) continue;
      const read = readFile(file, problems);
      const runbook = readRunbook(read, uniqueId(file.path), indexes, problems);
      documents.set(runbook, read.document);
      runbooks.push(runbook);
    }
    for (const page of indexes.pages) {
      const runbook = readRunbook(page, '', indexes, problems);
      documents.set(runbook, page.document);
      indexPages.push({ runbook, holdsContent: page.holdsContent });
    }
    for (const link of indexes.links.values()) {
      if (present.has(link.path)) continue;
      runbooks.push({
        id: uniqueId(link.path),
        title: link.title,
        category: link.category,
        path: link.path,
        alerts: [],
        missing: true,
        markdown: '',
        headings: [],
      });
      problems.push({
        level: 'warning',
        subject: link.path,
        message: `The runbook index links to ${link.path}, which does not exist`,
      });
    }
  }

  const rules: AlertRule[] = [];
  for (const file of options.ruleFiles ?? []) {
    const parsed = parsePrometheusRules(file.content, file.path);
    rules.push(...parsed.rules);
    problems.push(...parsed.problems);
  }
  // An index page is a runbook too when it lists nothing but holds text, or
  // when an alert leads into it (a page with a section per alert).
  // Their ids come after the other runbooks', which they never displace.
  for (const page of indexPages) page.runbook.id = uniqueId(page.runbook.path);
  const candidates = [...runbooks, ...indexPages.map(page => page.runbook)];
  const { alerts, alertsWithoutRunbook } = collectAlertMappings({
    runbooks: candidates,
    annotation: parseAlertsAnnotation(annotations[RUNBOOKS_ALERTS_ANNOTATION])
      .value,
    index: indexAlerts,
    rules,
    problems,
  });

  for (const page of indexPages) {
    if (page.holdsContent || page.runbook.alerts.length) {
      runbooks.push(page.runbook);
    }
  }
  const escalation = parseEscalationAnnotation(
    annotations[RUNBOOKS_ESCALATION_ANNOTATION],
  ).value;
  const standard = declared ?? options.standard ?? DEFAULT_RUNBOOK_STANDARD;
  applyStandards({
    runbooks,
    documents,
    standard,
    alerts,
    alertRules: rules.length,
    escalationLevels: escalation.length,
  });
  const reviewIntervalText = annotations[RUNBOOKS_REVIEW_INTERVAL_ANNOTATION];
  return {
    entityRef,
    entityTitle: options.entityTitle,
    owner: options.owner,
    refreshedAt: now.toISOString(),
    reviewInterval: parseDuration(reviewIntervalText)
      ? reviewIntervalText!.trim()
      : undefined,
    problems,
    alerts,
    alertRules: rules,
    alertsWithoutRunbook,
    escalation,
    severities: severities?.length ? severities : undefined,
    standard,
    runbooks,
  };
}

function idAllocator(previous: ReadonlyMap<string, string> = new Map()) {
  const ids = new Set<string>();
  // Ids of the previous snapshot belong to their paths, so `a/b.md` added next to `a-b.md` cannot take `a-b`.
  const reserved = new Set(previous.values());
  return (path: string) => {
    const kept = previous.get(path);
    if (kept !== undefined && !ids.has(kept)) {
      ids.add(kept);
      return kept;
    }
    const base = runbookIdFromPath(path);
    let id = base;
    for (let n = 2; ids.has(id) || reserved.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
}
