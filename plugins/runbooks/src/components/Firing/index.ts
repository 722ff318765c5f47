export { EntityFiringAlertsCard } from './EntityFiringAlertsCard';
export type { EntityFiringAlertsCardProps } from './EntityFiringAlertsCard';
export { EntityFiringBanner } from './EntityFiringBanner';
export { FiringPage } from './FiringPage';
export { AlertFiringInstances } from './AlertFiringInstances';
