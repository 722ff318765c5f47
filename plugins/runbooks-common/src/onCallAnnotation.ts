import { RUNBOOKS_ON_CALL_ANNOTATION } from './annotations';
import { ParseResult } from './location';

/**
 * Where an entity's on-call comes from.
 *
 * @public
 */
export type OnCallSource =
  | { provider: 'schedule'; target: string }
  | { provider: 'pagerduty'; target: string }
  | { provider: 'opsgenie'; target: string };

/** Existing annotations of other plugins that also name an on-call source. */
const PAGERDUTY_SERVICE_ANNOTATION = 'pagerduty.com/service-id';
const OPSGENIE_TEAM_ANNOTATION = 'opsgenie.com/team';

/**
 * Reads `runbooks/on-call` (`schedule:./oncall.yaml`, `pagerduty:<service id>`,
 * `opsgenie:<team>`), falling back to the `pagerduty.com/service-id` and
 * `opsgenie.com/team` annotations that other plugins use.
 *
 * @public
 */
export function parseOnCallAnnotation(
  annotations: Record<string, string | undefined>,
): ParseResult<OnCallSource | undefined> {
  const key = RUNBOOKS_ON_CALL_ANNOTATION;
  const value = annotations[key]?.trim();
  if (value) {
    const match = /^(schedule|pagerduty|opsgenie):\s*(.+)$/.exec(value);
    if (!match) {
      return {
        value: undefined,
        problems: [
          {
            level: 'error',
            subject: key,
            message: `Annotation ${key} is "${value}"; expected schedule:./oncall.yaml, pagerduty:<service id> or opsgenie:<team>`,
          },
        ],
      };
    }
    const provider = match[1] as OnCallSource['provider'];
    const target = match[2].trim();
    if (
      provider === 'schedule' &&
      (target.startsWith('/') || target.includes('..'))
    ) {
      return {
        value: undefined,
        problems: [
          {
            level: 'error',
            subject: key,
            message: `Annotation ${key}: schedule file "${target}" must be a path inside the entity's folder, like schedule:./oncall.yaml`,
          },
        ],
      };
    }
    return { value: { provider, target }, problems: [] };
  }
  const pagerduty = annotations[PAGERDUTY_SERVICE_ANNOTATION]?.trim();
  if (pagerduty) {
    return {
      value: { provider: 'pagerduty', target: pagerduty },
      problems: [],
    };
  }
  const opsgenie = annotations[OPSGENIE_TEAM_ANNOTATION]?.trim();
  if (opsgenie) {
    return { value: { provider: 'opsgenie', target: opsgenie }, problems: [] };
  }
  return { value: undefined, problems: [] };
}
