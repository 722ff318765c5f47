/**
 * Where an entity's runbooks live: `dir:./runbooks` (relative to the entity's
 * catalog-info.yaml) or `url:<https URL>`, several separated by commas.
 * This annotation alone turns the plugin on for an entity.
 *
 * @public
 */
export const RUNBOOKS_LOCATION_ANNOTATION = 'runbooks/location';

/**
 * Ordered escalation levels: entity refs and contact URIs; one level per line
 * or comma, several contacts on one level joined with ` & `.
 *
 * @public
 */
export const RUNBOOKS_ESCALATION_ANNOTATION = 'runbooks/escalation';

/**
 * Alert to runbook mappings, one per line: `AlertName: file.md#anchor`.
 *
 * @public
 */
export const RUNBOOKS_ALERTS_ANNOTATION = 'runbooks/alerts';

/**
 * `dir:` or `url:` of the Prometheus rule files that define the entity's alerts.
 *
 * @public
 */
export const RUNBOOKS_ALERT_RULES_ANNOTATION = 'runbooks/alert-rules';

/**
 * How often every runbook of the entity must be re-read: `90d`, `12w`, `6mo`,
 * `1y` or ISO 8601 (`P90D`).
 *
 * @public
 */
export const RUNBOOKS_REVIEW_INTERVAL_ANNOTATION = 'runbooks/review-interval';

/**
 * Who is on call now: `schedule:./oncall.yaml`, `pagerduty:<service id>`,
 * `opsgenie:<team>`, or `<provider id>:<target>` for a provider that a backend
 * module adds.
 *
 * @public
 */
export const RUNBOOKS_ON_CALL_ANNOTATION = 'runbooks/on-call';

/**
 * Contact URIs of a User or Group for the on-call card, comma-separated:
 * `tel:+15550100, slack:#payments-oncall`.
 *
 * @public
 */
export const RUNBOOKS_CONTACT_ANNOTATION = 'runbooks/contact';

/**
 * Every annotation key the suite reads, for validators and documentation.
 *
 * @public
 */
export const RUNBOOKS_ANNOTATIONS = [
  RUNBOOKS_LOCATION_ANNOTATION,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RUNBOOKS_ALERTS_ANNOTATION,
  RUNBOOKS_ALERT_RULES_ANNOTATION,
  RUNBOOKS_REVIEW_INTERVAL_ANNOTATION,
  RUNBOOKS_ON_CALL_ANNOTATION,
  RUNBOOKS_CONTACT_ANNOTATION,
] as const;
