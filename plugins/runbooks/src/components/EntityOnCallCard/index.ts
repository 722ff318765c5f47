export { EntityOnCallCard } from './EntityOnCallCard';
export type { EntityOnCallCardProps } from './EntityOnCallCard';
