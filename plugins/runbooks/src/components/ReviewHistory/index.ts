export { ReviewHistory } from './ReviewHistory';
export type { ReviewHistoryProps } from './ReviewHistory';
