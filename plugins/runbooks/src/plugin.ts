import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { runbooksApiRef, RunbooksClient } from './api';
import { rootRouteRef, runbooksPageRouteRef } from './routes';

export { isRunbooksAvailable } from './isRunbooksAvailable';
export { isOnCallAvailable } from './isOnCallAvailable';
export { isFiring } from './components/Firing/isFiring';

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
    runbooksPage: runbooksPageRouteRef,
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

/**
 * Overview card: how the entity's runbooks meet their standard, worst first,
 * the service's own checks, and "Write this runbook" links.
 *
 * @public
 */
export const EntityRunbookStandardsCard = runbooksPlugin.provide(
  createComponentExtension({
    name: 'EntityRunbookStandardsCard',
    component: {
      lazy: () =>
        import('./components/EntityRunbookStandardsCard').then(
          m => m.EntityRunbookStandardsCard,
        ),
    },
  }),
);

/**
 * Overview card: who is on call now and until when, the escalation levels
 * with contacts, and the severity ladder with response times.
 *
 * @public
 */
export const EntityOnCallCard = runbooksPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallCard',
    component: {
      lazy: () =>
        import('./components/EntityOnCallCard').then(m => m.EntityOnCallCard),
    },
  }),
);

/**
 * The Runbooks page: runbook coverage across the catalog (services without
 * runbooks, stale runbooks, alerts without a runbook, per owner) at its root,
 * and the alert landing page at `alerts/:alertName`. Mount it at `/runbooks`.
 *
 * @public
 */
export const RunbooksPage = runbooksPlugin.provide(
  createRoutableExtension({
    name: 'RunbooksPage',
    component: () =>
      import('./components/RunbooksPage').then(m => m.RunbooksPage),
    mountPoint: runbooksPageRouteRef,
  }),
);

/**
 * Overview card: what fires in Alertmanager for the entity now, each alert
 * with its runbook one click away, live. Renders nothing when the backend
 * has no Alertmanager configured.
 *
 * @public
 */
export const EntityFiringAlertsCard = runbooksPlugin.provide(
  createComponentExtension({
    name: 'EntityFiringAlertsCard',
    component: {
      lazy: () =>
        import('./components/Firing/EntityFiringAlertsCard').then(
          m => m.EntityFiringAlertsCard,
        ),
    },
  }),
);

/**
 * A warning banner for the top of the entity page while something fires
 * ("2 alerts firing: KubePodCrashLooping → Pod crash looping"); nothing
 * otherwise. The Runbooks tab shows it too.
 *
 * @public
 */
export const EntityFiringBanner = runbooksPlugin.provide(
  createComponentExtension({
    name: 'EntityFiringBanner',
    component: {
      lazy: () =>
        import('./components/Firing/EntityFiringBanner').then(
          m => m.EntityFiringBanner,
        ),
    },
  }),
);
