import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { RUNBOOK_SEARCH_TYPE } from '@runbooks-for-backstage/plugin-runbooks-common';
import { runbooksPlugin } from '../../plugin';

/**
 * Search result list item for runbooks (document type `runbook`): put it in
 * the app's `SearchResult` and in `SidebarSearchModal`'s result items.
 *
 * @public
 */
export const RunbookSearchResultListItem = runbooksPlugin.provide(
  createSearchResultListItemExtension({
    name: 'RunbookSearchResultListItem',
    component: () =>
      import('./RunbookSearchResultListItem').then(
        m => m.RunbookSearchResultListItem,
      ),
    predicate: result => result.type === RUNBOOK_SEARCH_TYPE,
  }),
);
