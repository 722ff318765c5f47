export { EntityRunbookStandardsCard } from './EntityRunbookStandardsCard';
export type { EntityRunbookStandardsCardProps } from './EntityRunbookStandardsCard';
