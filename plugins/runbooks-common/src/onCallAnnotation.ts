import { RUNBOOKS_ON_CALL_ANNOTATION } from './annotations';
import { ParseResult } from './location';

/**
 * Where an entity's on-call comes from.
 *
 * @public
 */
export type OnCallSource = {
  /**
   * A built-in provider, or any other provider id (lowercase letters, digits
   * and dashes) that a backend module may have installed.
   */
  provider: BuiltInOnCallProvider | (string & {});
  target: string;
};

/**
 * The on-call providers the backend always knows about (PagerDuty and
 * Opsgenie still need configuring).
 *
 * @public
 */
export type BuiltInOnCallProvider = 'schedule' | 'pagerduty' | 'opsgenie';

/**
 * What an on-call provider id looks like in `runbooks/on-call: <id>:<target>`.
 *
 * @public
 */
export const ON_CALL_PROVIDER_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Existing annotations of other plugins that also name an on-call source. */
const PAGERDUTY_SERVICE_ANNOTATION = 'pagerduty.com/service-id';
const OPSGENIE_TEAM_ANNOTATION = 'opsgenie.com/team';

/**
 * Reads `runbooks/on-call` (`schedule:./oncall.yaml`, `pagerduty:<service id>`,
 * `opsgenie:<team>`, or `<provider id>:<target>` for a provider a backend
 * module adds), falling back to the `pagerduty.com/service-id` and
 * `opsgenie.com/team` annotations that other plugins use. Whether a provider
 * other than the built-in ones is installed is for the backend to say.
 *
 * @public
 */
export function parseOnCallAnnotation(
  annotations: Record<string, string | undefined>,
): ParseResult<OnCallSource | undefined> {
  const key = RUNBOOKS_ON_CALL_ANNOTATION;
  const value = annotations[key]?.trim();
  if (value) {
    const match = /^([^:\s]+):\s*(\S.*)$/.exec(value);
    if (!match || !ON_CALL_PROVIDER_ID_PATTERN.test(match[1])) {
      return {
        value: undefined,
        problems: [
          {
            level: 'error',
            subject: key,
            message: `Annotation ${key} is "${value}"; expected schedule:./oncall.yaml, pagerduty:<service id>, opsgenie:<team>, or <provider>:<target> for a provider a backend module adds (provider ids are lowercase letters, digits and dashes)`,
          },
        ],
      };
    }
    const provider = match[1];
    const target = match[2].trim();
    if (provider === 'schedule' && leavesFolder(target)) {
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

/** True for a path that starts at the root or climbs, however it is percent-encoded (`%2e%2e`, `%252e%252e`). */
function leavesFolder(target: string): boolean {
  let text = target;
  for (let round = 0; round < 4; round++) {
    if (/^[/\\]/.test(text) || /\.\./.test(text) || text.includes('\\')) {
      return true;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return false;
    }
    if (decoded === text) return false;
    text = decoded;
  }
  return true;
}
