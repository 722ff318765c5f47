export { RunbookView } from './RunbookView';
export type { RunbookViewProps } from './RunbookView';
