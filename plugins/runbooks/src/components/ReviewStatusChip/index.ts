export { ReviewStatusChip } from './ReviewStatusChip';
export type { ReviewStatusChipProps } from './ReviewStatusChip';
