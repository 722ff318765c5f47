export { runbooksApiRef } from './RunbooksApi';
export type { RunbooksApi } from './RunbooksApi';
export { RunbooksClient } from './RunbooksClient';
export type {
  AlertDefinition,
  AlertLookup,
  AlertMatch,
  RecordReviewResult,
  RunbookReviewRecord,
  RunbooksReport,
  RunbooksReportEntity,
  RunbooksReportOwner,
  RunbooksReportPage,
  RunbooksReportQuery,
  RunbooksReportTotals,
} from './types';
