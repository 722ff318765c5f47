import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Record a review of a runbook ("Mark as reviewed"). A DENY hides or disables
 * the button and makes `POST .../reviews` answer 403. Checked against the
 * entity the runbook belongs to.
 *
 * @public
 */
export const runbooksReviewCreatePermission = createPermission({
  name: 'runbooks.review.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the runbooks plugin.
 *
 * @public
 */
export const runbooksPermissions = [runbooksReviewCreatePermission];
