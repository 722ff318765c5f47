/**
 * Tech Insights module of Runbooks for Backstage: runbook facts for checks.
 *
 * @packageDocumentation
 */
export { techInsightsModuleRunbooksFacts as default } from './module';
export { runbooksFactRetriever, runbookFacts } from './runbooksFactRetriever';
