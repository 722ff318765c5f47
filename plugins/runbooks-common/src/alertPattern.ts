/**
 * Longest alert name or pattern the plugin accepts, anywhere: annotation,
 * front matter, index, rule files and the HTTP API.
 *
 * @public
 */
export const MAX_ALERT_NAME_LENGTH = 256;

/**
 * Most `*` wildcards one alert pattern may have.
 *
 * @public
 */
export const MAX_ALERT_PATTERN_STARS = 8;

const ALERT_PATTERN = /^[A-Za-z_:*][A-Za-z0-9_:*.-]*$/;

/**
 * Why an alert name or `*` pattern written by a service owner (annotation,
 * front matter `alerts:`, index) is refused, or `undefined` when it is fine.
 *
 * @public
 */
export function alertPatternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_ALERT_NAME_LENGTH) {
    return `"${pattern.slice(
      0,
      40,
    )}…" is longer than ${MAX_ALERT_NAME_LENGTH} characters`;
  }
  if (!ALERT_PATTERN.test(pattern)) {
    return `"${pattern}" is not a valid alert name (letters, digits, _ and : , with * as a wildcard)`;
  }
  const stars = pattern.split('*').length - 1;
  if (stars > MAX_ALERT_PATTERN_STARS) {
    return `"${pattern}" has ${stars} wildcards; at most ${MAX_ALERT_PATTERN_STARS} are allowed`;
  }
  return undefined;
}

/**
 * Why an alert name defined by a rule file or asked for through the API is
 * refused, or `undefined`: names are matched, never interpreted, so only
 * their length and control characters matter.
 *
 * @public
 */
export function alertNameProblem(name: string): string | undefined {
  if (!name) return 'is empty';
  if (name.length > MAX_ALERT_NAME_LENGTH) {
    return `is longer than ${MAX_ALERT_NAME_LENGTH} characters`;
  }
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return 'contains control characters';
  }
  return undefined;
}

/**
 * An alert name or `*` pattern, split once, that tests names in time linear
 * in their length times the pattern's (no regular expression, no backtracking).
 *
 * @public
 */
export type AlertPattern = {
  pattern: string;
  isWildcard: boolean;
  matches(alert: string): boolean;
};

/**
 * Compiles an alert name or pattern, where `*` stands for any run of
 * characters (possibly empty).
 *
 * @public
 */
export function compileAlertPattern(pattern: string): AlertPattern {
  if (!pattern.includes('*')) {
    return { pattern, isWildcard: false, matches: alert => alert === pattern };
  }
  const parts = pattern.split('*');
  const prefix = parts[0];
  const suffix = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter(Boolean);
  const fixedLength =
    prefix.length +
    suffix.length +
    middle.reduce((sum, part) => sum + part.length, 0);
  return {
    pattern,
    isWildcard: true,
    matches(alert) {
      if (alert.length < fixedLength) return false;
      if (!alert.startsWith(prefix) || !alert.endsWith(suffix)) return false;
      // The leftmost place of each fixed part leaves the most room for the
      // rest, so the first fit found is the answer: no step is ever undone.
      const end = alert.length - suffix.length;
      let position = prefix.length;
      for (const part of middle) {
        const found = alert.indexOf(part, position);
        if (found < 0 || found + part.length > end) return false;
        position = found + part.length;
      }
      return true;
    },
  };
}

/**
 * True when an alert name matches an alert name or pattern of the
 * `runbooks/alerts` annotation, where `*` stands for any run of characters.
 * Compile with {@link compileAlertPattern} to test many names.
 *
 * @public
 */
export function alertMatchesPattern(alert: string, pattern: string): boolean {
  return compileAlertPattern(pattern).matches(alert);
}
