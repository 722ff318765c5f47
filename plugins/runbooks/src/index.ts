/**
 * Runbooks for Backstage: the entity Runbooks tab and overview card.
 *
 * @packageDocumentation
 */

/** The plugin, its extensions and the entity filter that turns them on. */
export {
  runbooksPlugin,
  EntityRunbooksContent,
  EntityRunbooksCard,
  isRunbooksAvailable,
} from './plugin';
/** The route the Runbooks tab is mounted on. */
export { rootRouteRef } from './routes';
/** The API the plugin reads runbooks through, and its HTTP client. */
export { runbooksApiRef, RunbooksClient } from './api';
/** The shape of the runbooks API, for alternative implementations. */
export type { RunbooksApi } from './api';
/** Props of the overview card. */
export type { EntityRunbooksCardProps } from './components/EntityRunbooksCard';
