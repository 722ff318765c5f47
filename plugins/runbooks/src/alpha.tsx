/**
 * Runbooks for Backstage in the new frontend system: the API, the entity
 * Runbooks tab, the overview cards, the Runbooks page and the search result
 * item.
 *
 * @packageDocumentation
 */

import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultItemExtensionComponent,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import { RUNBOOK_SEARCH_TYPE } from '@runbooks-for-backstage/plugin-runbooks-common';
import { runbooksApiRef, RunbooksClient } from './api';
import { isOnCallAvailable } from './isOnCallAvailable';
import { isRunbooksAvailable } from './isRunbooksAvailable';
import { rootRouteRef, runbooksPageRouteRef } from './routes';

/**
 * The runbooks API, talking to the runbooks backend.
 *
 * @alpha
 */
export const runbooksApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: runbooksApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RunbooksClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The entity page's Runbooks tab, on entities with `runbooks/location`.
 *
 * @alpha
 */
export const runbooksEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'runbooks',
    title: 'Runbooks',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    filter: isRunbooksAvailable,
    loader: () =>
      import('./components/EntityRunbooksContent').then(m => (
        <m.EntityRunbooksContent />
      )),
  },
});

/**
 * The overview card with the entity's runbook counts and worst status.
 *
 * @alpha
 */
export const runbooksEntityCard = EntityCardBlueprint.make({
  name: 'runbooks',
  params: {
    filter: isRunbooksAvailable,
    loader: () =>
      import('./components/EntityRunbooksCard').then(m => (
        <m.EntityRunbooksCard />
      )),
  },
});

/**
 * The overview card with how the entity's runbooks meet their standard.
 *
 * @alpha
 */
export const runbookStandardsEntityCard = EntityCardBlueprint.make({
  name: 'runbook-standards',
  params: {
    filter: isRunbooksAvailable,
    loader: () =>
      import('./components/EntityRunbookStandardsCard').then(m => (
        <m.EntityRunbookStandardsCard />
      )),
  },
});

/**
 * The overview card with who is on call now and the escalation levels.
 *
 * @alpha
 */
export const onCallEntityCard = EntityCardBlueprint.make({
  name: 'on-call',
  params: {
    filter: isOnCallAvailable,
    loader: () =>
      import('./components/EntityOnCallCard').then(m => <m.EntityOnCallCard />),
  },
});

/**
 * The overview card with what fires in Alertmanager for the entity, live.
 *
 * @alpha
 */
export const firingAlertsEntityCard = EntityCardBlueprint.make({
  name: 'firing-alerts',
  params: {
    filter: isRunbooksAvailable,
    loader: () =>
      import('./components/Firing/EntityFiringAlertsCard').then(m => (
        <m.EntityFiringAlertsCard />
      )),
  },
});

/**
 * The "N alerts firing" banner, as a full-width card at the top of the
 * overview (nothing while nothing fires).
 *
 * @alpha
 */
export const firingBannerEntityCard = EntityCardBlueprint.make({
  name: 'firing-banner',
  params: {
    type: 'info',
    filter: isRunbooksAvailable,
    loader: () =>
      import('./components/Firing/EntityFiringBanner').then(m => (
        <m.EntityFiringBanner />
      )),
  },
});

/**
 * The Runbooks page at `/runbooks`: coverage across the catalog, and the
 * alert landing page at `/runbooks/alerts/:alertName`.
 *
 * @alpha
 */
export const runbooksPage = PageBlueprint.make({
  params: {
    path: '/runbooks',
    title: 'Runbooks',
    icon: <MenuBookIcon />,
    routeRef: convertLegacyRouteRef(runbooksPageRouteRef),
    // The page draws its own header.
    noHeader: true,
    loader: () =>
      import('./components/RunbooksPage').then(m => <m.RunbooksPage />),
  },
});

/**
 * Runbook hits in the search page and modal (document type `runbook`).
 *
 * @alpha
 */
export const runbookSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    predicate: result => result.type === RUNBOOK_SEARCH_TYPE,
    icon: <MenuBookIcon />,
    component: () =>
      import(
        './components/RunbookSearchResultListItem/RunbookSearchResultListItem'
      ).then(
        m =>
          m.RunbookSearchResultListItem as unknown as SearchResultItemExtensionComponent,
      ),
  },
});

/**
 * `Runbooks` in the search page's result type filter.
 *
 * @alpha
 */
export const runbookSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: RUNBOOK_SEARCH_TYPE,
  params: {
    value: RUNBOOK_SEARCH_TYPE,
    name: 'Runbooks',
    icon: <MenuBookIcon />,
  },
});

/**
 * The Runbooks plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'runbooks',
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    runbooksPage: convertLegacyRouteRef(runbooksPageRouteRef),
  },
  extensions: [
    runbooksApi,
    runbooksEntityContent,
    runbooksEntityCard,
    runbookStandardsEntityCard,
    onCallEntityCard,
    firingAlertsEntityCard,
    firingBannerEntityCard,
    runbooksPage,
    runbookSearchResultListItem,
    runbookSearchResultType,
  ],
});
