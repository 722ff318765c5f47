export { RunbookSearchResultListItem } from './extension';
export type { RunbookSearchResultListItemProps } from './RunbookSearchResultListItem';
