import {
  EntitySnapshot,
  isRunbookIndexFile,
  parseAlertsAnnotation,
  parseMarkdownFile,
  parseRunbookIndex,
  RUNBOOKS_ALERTS_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { findLine } from './findLine';
import {
  annotationLine,
  EntityFiles,
  EntityScope,
  report,
} from './entityScope';
import { escapeRegExp } from './locateProblems';

/** `runbooks/alerts` anchors that no heading of the runbook has (the portal opens the page at its top). */
export function lintAlertAnchors(scope: EntityScope, snapshot: EntitySnapshot) {
  const key = RUNBOOKS_ALERTS_ANNOTATION;
  if (scope.annotations[key] === undefined) return;
  const byPath = new Map(
    snapshot.runbooks
      .filter(runbook => !runbook.missing)
      .map(runbook => [runbook.path.toLowerCase(), runbook]),
  );
  for (const entry of parseAlertsAnnotation(scope.annotations[key]).value) {
    const runbook = byPath.get(entry.path.toLowerCase());
    if (!runbook || !entry.anchor) continue;
    if (!runbook.headings.some(heading => heading.anchor === entry.anchor)) {
      report(
        scope,
        'warning',
        `${key} maps ${entry.alert} to ${entry.path}#${entry.anchor}, but ${entry.path} has no heading with that anchor`,
        { line: annotationLine(scope, key), subject: key },
      );
    }
  }
}

/**
 * Alert tables of the index files that point at files that are neither
 * runbooks nor linked from the index: the portal drops those mappings without
 * a word.
 */
export function lintIndexAlerts(
  scope: EntityScope,
  snapshot: EntitySnapshot,
  files: EntityFiles,
) {
  const known = new Set(
    snapshot.runbooks.map(runbook => runbook.path.toLowerCase()),
  );
  const reported = new Set<string>();
  for (const file of files.locations.flat()) {
    if (!isRunbookIndexFile(file.path)) continue;
    const body = parseMarkdownFile(file.content, file.path).body;
    for (const alert of parseRunbookIndex(body, file.path).alerts) {
      const target = alert.path.toLowerCase();
      if (known.has(target) || reported.has(target)) continue;
      reported.add(target);
      report(
        scope,
        'warning',
        `The index maps alert ${alert.alert} to ${alert.path}, which does not exist; the portal ignores this mapping`,
        {
          file: file.absolute,
          line: findLine(file.content, text => text.includes(alert.alert)),
          subject: alert.alert,
        },
      );
    }
  }
}

/**
 * Alerts of the rule files that no runbook answers, as the portal lists them
 * (`alertsWithoutRunbook` of the snapshot), at the rule's line.
 */
export function lintAlertsWithoutRunbook(
  scope: EntityScope,
  snapshot: EntitySnapshot,
  files: EntityFiles,
) {
  // Runbooks at a URL may answer any alert: say nothing rather than guess.
  if (files.unseen) return;
  for (const alert of snapshot.alertsWithoutRunbook) {
    const file = files.ruleFiles.find(f => f.path === alert.file);
    report(
      scope,
      'warning',
      `Alert ${alert.alert}${
        alert.severity ? ` (severity ${alert.severity})` : ''
      } has no runbook: name a runbook ${
        alert.alert
      }.md, list it in a runbook's front matter alerts, or map it in ${RUNBOOKS_ALERTS_ANNOTATION}`,
      {
        file: file?.absolute,
        line: file
          ? findLine(file.content, text =>
              new RegExp(
                `alert:\\s*["']?${escapeRegExp(alert.alert)}["']?\\s*$`,
              ).test(text),
            )
          : undefined,
        subject: alert.alert,
      },
    );
  }
}
