import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  Runbook,
  RunbooksReport,
  RunbooksReportEntity,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { DateTime } from 'luxon';

/** The parts of an entity of `GET /report` its facts are computed from. */
type ReportEntity = Pick<
  RunbooksReportEntity,
  'entityRef' | 'hasRunbooks' | 'runbooks' | 'alertsWithoutRunbook'
>;

const isSectionCheck = (id: string) => id.startsWith('section:');

const DAY_MS = 86_400_000;

/**
 * Runbook facts for Tech Insights (and Soundcheck) checks, read from the
 * runbooks backend's coverage report: whether an entity has runbooks, how
 * many are in each review status, and how old its oldest review is.
 *
 * @public
 */
export const runbooksFactRetriever: FactRetriever = {
  id: 'runbooksFactRetriever',
  version: '0.2.0',
  title: 'Runbooks',
  description:
    'Whether a service has runbooks, how many are fresh, due soon, stale, never reviewed or missing, the age of its oldest review, and how its runbooks meet their standard',
  entityFilter: [{ kind: ['component', 'system', 'resource', 'api'] }],
  schema: {
    hasRunbooks: {
      type: 'boolean',
      description: 'The entity has at least one runbook',
    },
    runbookCount: { type: 'integer', description: 'Runbooks that exist' },
    freshCount: {
      type: 'integer',
      description: 'Runbooks reviewed within their interval',
    },
    dueSoonCount: {
      type: 'integer',
      description: 'Runbooks due for review soon',
    },
    staleCount: { type: 'integer', description: 'Runbooks overdue for review' },
    neverReviewedCount: {
      type: 'integer',
      description: 'Runbooks with no review date anywhere',
    },
    missingCount: {
      type: 'integer',
      description: 'Runbooks the index links to that do not exist',
    },
    alertsWithoutRunbookCount: {
      type: 'integer',
      description: 'Alerts of the rule files that no runbook answers',
    },
    oldestReviewAgeDays: {
      type: 'integer',
      description:
        'Days since the least recently reviewed runbook was reviewed; -1 when no runbook has a review date',
    },
    standardsPassed: {
      type: 'integer',
      description: "Standards checks passed, over all the entity's runbooks",
    },
    standardsTotal: {
      type: 'integer',
      description: "Standards checks made, over all the entity's runbooks",
    },
    standardsScorePercent: {
      type: 'integer',
      description:
        'Standards checks passed in percent, rounded down; -1 when no check was made',
    },
    runbooksMeetingStandardCount: {
      type: 'integer',
      description: 'Runbooks that pass every check of their standard',
    },
    runbooksMissingSectionsCount: {
      type: 'integer',
      description:
        'Runbooks (existing or linked but missing) that lack a section their standard requires',
    },
  },
  async handler({ discovery, auth }): Promise<TechInsightFact[]> {
    const baseUrl = await discovery.getBaseUrl('runbooks');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'runbooks',
    });
    const response = await fetch(`${baseUrl}/report`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const report: RunbooksReport = await response.json();
    const now = Date.now();
    return report.entities.map(entity => runbookFacts(entity, now));
  },
};

/** The facts of one entity of the coverage report. */
export function runbookFacts(
  entity: ReportEntity,
  now: number,
): TechInsightFact {
  const { kind, namespace, name } = parseEntityRef(entity.entityRef);
  const present = entity.runbooks.filter(r => !r.missing);
  const count = (status: Runbook['status']) =>
    present.filter(r => r.status === status).length;
  const reviewed = present
    .map(r => (r.lastReviewed ? Date.parse(r.lastReviewed) : NaN))
    .filter(time => !isNaN(time));
  let passed = 0;
  let total = 0;
  for (const runbook of entity.runbooks) {
    passed += runbook.standards?.passed ?? 0;
    total += runbook.standards?.total ?? 0;
  }
  return {
    entity: { kind, namespace, name },
    timestamp: DateTime.fromMillis(now),
    facts: {
      hasRunbooks: present.length > 0,
      runbookCount: present.length,
      freshCount: count('fresh'),
      dueSoonCount: count('due-soon'),
      staleCount: count('stale'),
      neverReviewedCount: count('never-reviewed'),
      missingCount: entity.runbooks.length - present.length,
      alertsWithoutRunbookCount: entity.alertsWithoutRunbook.length,
      oldestReviewAgeDays: reviewed.length
        ? Math.floor((now - Math.min(...reviewed)) / DAY_MS)
        : -1,
      standardsPassed: passed,
      standardsTotal: total,
      standardsScorePercent: total ? Math.floor((passed * 100) / total) : -1,
      runbooksMeetingStandardCount: present.filter(
        r => r.standards && r.standards.passed === r.standards.total,
      ).length,
      runbooksMissingSectionsCount: entity.runbooks.filter(r =>
        r.standards?.checks.some(c => !c.passed && isSectionCheck(c.id)),
      ).length,
    },
  };
}
