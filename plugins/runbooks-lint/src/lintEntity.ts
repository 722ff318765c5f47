import {
  buildEntitySnapshot,
  RUNBOOKS_LOCATION_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import path from 'node:path';
import { CatalogDocument } from './catalogFile';
import {
  annotationLine,
  EntityFiles,
  EntityScope,
  fileOf,
  LintContext,
  report,
} from './entityScope';
import { Finding } from './findings';
import {
  lintAlertAnchors,
  lintAlertsWithoutRunbook,
  lintIndexAlerts,
} from './lintAlerts';
import { lintOnCallSchedule } from './lintOnCall';
import { lintReviewStatus } from './lintReviews';
import { lintStandards } from './lintStandards';
import { reportSnapshotProblems } from './locateProblems';
import { readAlertRules, readRunbookLocations } from './readEntityFiles';

export type { LintContext } from './entityScope';

/**
 * Lints one entity's runbooks setup. The files its annotations point at are
 * read from disk, then judged by the portal's own snapshot builder
 * (`buildEntitySnapshot` of runbooks-common): every problem the portal would
 * show is a finding, with the portal's message. What the portal does not
 * report as a problem but a repository's CI should know (stale runbooks,
 * alerts without a runbook, unknown anchors, reading limits, the on-call
 * schedule file) is added around it.
 */
export async function lintEntity(
  entity: {
    ref: string;
    annotations: Record<string, string>;
    catalogFile: string;
    document: CatalogDocument;
  },
  context: LintContext,
): Promise<Finding[]> {
  const scope: EntityScope = { ...entity, context, findings: [] };
  const entityFolder = path.dirname(scope.catalogFile);

  const files: EntityFiles = {
    locations: [],
    ruleFiles: [],
    read: false,
    unseen: false,
  };
  await readRunbookLocations(scope, entityFolder, files);
  await readAlertRules(scope, entityFolder, files);
  const snapshot = buildEntitySnapshot({
    entityRef: entity.ref,
    entityTitle: entity.ref,
    annotations: scope.annotations,
    locations: files.locations.map(location => ({ files: location })),
    ruleFiles: files.ruleFiles,
    problems: [],
    now: context.now,
  });

  reportSnapshotProblems(scope, snapshot, files);
  lintReviewStatus(scope, snapshot, files);
  lintAlertAnchors(scope, snapshot);
  lintIndexAlerts(scope, snapshot, files);
  lintAlertsWithoutRunbook(scope, snapshot, files);
  lintStandards(
    snapshot,
    (level, message, runbook) =>
      runbook
        ? report(scope, level, message, {
            file: fileOf(files, runbook)?.absolute,
            subject: runbook.path,
          })
        : report(scope, level, message, {
            line: annotationLine(scope, RUNBOOKS_LOCATION_ANNOTATION),
            subject: RUNBOOKS_LOCATION_ANNOTATION,
          }),
    Boolean(context.strictStandards),
  );
  await lintOnCallSchedule(scope, entityFolder);
  return scope.findings;
}
