import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { runbooksApiRef, RunbooksClient } from './api';
import { rootRouteRef } from './routes';

export { isRunbooksAvailable } from './isRunbooksAvailable';

/**
 * The Runbooks frontend plugin.
 *
 * @public
 */
export const runbooksPlugin = createPlugin({
  id: 'runbooks',
  apis: [
    createApiFactory({
      api: runbooksApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RunbooksClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The Runbooks entity tab: runbooks by category, the selected one rendered.
 *
 * @public
 */
export const EntityRunbooksContent = runbooksPlugin.provide(
  createRoutableExtension({
    name: 'EntityRunbooksContent',
    component: () =>
      import('./components/EntityRunbooksContent').then(
        m => m.EntityRunbooksContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Overview card with the entity's runbook counts, worst status and a link to the tab.
 *
 * @public
 */
export const EntityRunbooksCard = runbooksPlugin.provide(
  createComponentExtension({
    name: 'EntityRunbooksCard',
    component: {
      lazy: () =>
        import('./components/EntityRunbooksCard').then(
          m => m.EntityRunbooksCard,
        ),
    },
  }),
);
