/**
 * Backend plugin of Runbooks for Backstage.
 *
 * @packageDocumentation
 */
export { runbooksPlugin as default } from './plugin';
