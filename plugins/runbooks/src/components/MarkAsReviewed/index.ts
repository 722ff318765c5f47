export { MarkAsReviewed, ownerDisplayName } from './MarkAsReviewed';
export type { MarkAsReviewedProps } from './MarkAsReviewed';
