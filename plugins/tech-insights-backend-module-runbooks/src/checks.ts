/**
 * A check for the Tech Insights JSON rules engine
 * (`@backstage-community/plugin-tech-insights-backend-module-jsonfc`), in
 * the shape its `checks` option and `techInsights.factChecker.checks` config take.
 *
 * @public
 */
export type RunbooksJsonRuleCheck = {
  id: string;
  type: 'json-rules-engine';
  name: string;
  description: string;
  factIds: string[];
  rule: {
    conditions: {
      all: Array<{ fact: string; operator: string; value: number | boolean }>;
    };
  };
};

const check = (
  id: string,
  name: string,
  description: string,
  fact: string,
  operator: string,
  value: number | boolean,
): RunbooksJsonRuleCheck => ({
  id,
  type: 'json-rules-engine',
  name,
  description,
  factIds: ['runbooksFactRetriever'],
  rule: { conditions: { all: [{ fact, operator, value }] } },
});

/**
 * Ready-made checks on the runbook facts: the service has runbooks, none is
 * stale, every alert has a runbook, every runbook has its standard's
 * sections, and at least 80% of the standards checks pass.
 *
 * @public
 */
export const runbooksChecks: RunbooksJsonRuleCheck[] = [
  check(
    'runbooks-exist',
    'Has runbooks',
    'The service has at least one runbook',
    'hasRunbooks',
    'equal',
    true,
  ),
  check(
    'runbooks-none-stale',
    'No stale runbook',
    'No runbook is past its review date',
    'staleCount',
    'equal',
    0,
  ),
  check(
    'runbooks-alerts-covered',
    'Every alert has a runbook',
    'No alert of the rule files is left without a runbook',
    'alertsWithoutRunbookCount',
    'equal',
    0,
  ),
  check(
    'runbooks-standard-sections',
    'Runbooks follow their standard',
    "Every runbook has the sections its standard requires (the runbook index's structure, runbooks.standards, or the default)",
    'runbooksMissingSectionsCount',
    'equal',
    0,
  ),
  check(
    'runbooks-standards-score',
    'Runbook standards score at least 80%',
    'At least 80% of the standards checks of the runbooks pass',
    'standardsScorePercent',
    'greaterThanInclusive',
    80,
  ),
];
