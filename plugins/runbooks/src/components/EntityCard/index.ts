export { EntityAnswerCard, MissingAnnotationCard } from './EntityCard';
export type { EntityCardFrame } from './EntityCard';
