import { Entity } from '@backstage/catalog-model';
import {
  parseOnCallAnnotation,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RUNBOOKS_ON_CALL_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/**
 * True when the entity declares an escalation (`runbooks/escalation`) or an
 * on-call source (`runbooks/on-call`, `pagerduty.com/service-id`,
 * `opsgenie.com/team`); use it in `EntitySwitch.Case` for `EntityOnCallCard`.
 *
 * @public
 */
export function isOnCallAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[RUNBOOKS_ESCALATION_ANNOTATION]?.trim() ||
      annotations[RUNBOOKS_ON_CALL_ANNOTATION]?.trim() ||
      parseOnCallAnnotation(annotations).value,
  );
}
