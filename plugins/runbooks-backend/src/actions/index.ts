import { registerFindRunbooksForAlertAction } from './findRunbooksForAlert';
import { registerGetEntityRunbooksAction } from './getEntityRunbooks';
import { registerGetOnCallAction } from './getOnCall';
import { registerGetRunbookAction } from './getRunbook';
import { registerListRunbooksNeedingReviewAction } from './listRunbooksNeedingReview';
import { RunbooksActionsOptions } from './types';

export type { RunbooksActionsOptions } from './types';

/**
 * Registers the runbooks actions in the actions registry, which serves them
 * to AI assistants (through `@backstage/plugin-mcp-actions-backend`). Each
 * runs with the caller's credentials through the services behind the HTTP API.
 */
export function registerRunbooksActions(options: RunbooksActionsOptions) {
  registerFindRunbooksForAlertAction(options);
  registerGetRunbookAction(options);
  registerGetEntityRunbooksAction(options);
  registerGetOnCallAction(options);
  registerListRunbooksNeedingReviewAction(options);
}
