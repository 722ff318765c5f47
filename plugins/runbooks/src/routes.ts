import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Where the Runbooks entity tab is mounted.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'runbooks' });
