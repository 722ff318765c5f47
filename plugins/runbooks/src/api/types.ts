/** The API's answer types, defined once in the common package. */
export type {
  AlertDefinition,
  AlertLookup,
  AlertMatch,
  RecordReviewResult,
  RunbookReview as RunbookReviewRecord,
  RunbooksReport,
  RunbooksReportEntity,
  RunbooksReportOwner,
  RunbooksReportPage,
  RunbooksReportQuery,
  RunbooksReportTotals,
} from '@runbooks-for-backstage/plugin-runbooks-common';
