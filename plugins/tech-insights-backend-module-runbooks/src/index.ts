/**
 * Tech Insights module of Runbooks for Backstage: runbook facts for checks.
 *
 * @packageDocumentation
 */
export { techInsightsModuleRunbooksFacts as default } from './module';
export { runbooksFactRetriever, runbookFacts } from './runbooksFactRetriever';
export { runbooksChecks } from './checks';
export type { RunbooksJsonRuleCheck } from './checks';
