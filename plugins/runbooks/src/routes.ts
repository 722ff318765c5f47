import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Where the Runbooks entity tab is mounted.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'runbooks' });

/**
 * Where the Runbooks page is mounted (the app chooses the path, `/runbooks`
 * by convention): catalog-wide coverage, and the alert landing page at
 * `alerts/:alertName` below it.
 *
 * @public
 */
export const runbooksPageRouteRef = createRouteRef({ id: 'runbooks-page' });
