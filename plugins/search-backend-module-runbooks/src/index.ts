/**
 * Search backend module for Runbooks for Backstage: indexes runbooks as
 * documents of type `runbook`, filtered by catalog entity read permission.
 *
 * @packageDocumentation
 */

export { searchModuleRunbooksCollator as default } from './module';
export { RunbooksCollatorFactory } from './collator/RunbooksCollatorFactory';
export type {
  RunbookIndexableDocument,
  RunbooksCollatorFactoryOptions,
} from './collator/RunbooksCollatorFactory';
