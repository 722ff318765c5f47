import { RUNBOOKS_ALERTS_ANNOTATION } from './annotations';
import { ParseResult } from './location';

/**
 * One line of the `runbooks/alerts` annotation: an alert name (or a glob with
 * `*`) and the runbook file that answers it, with an optional anchor.
 *
 * @public
 */
export type AlertsAnnotationEntry = {
  alert: string;
  path: string;
  anchor?: string;
};

const ALERT_NAME = /^[A-Za-z_:*][A-Za-z0-9_:*.-]*$/;

/**
 * Parses `runbooks/alerts`: one `AlertName: file.md` or `AlertName: file.md#anchor`
 * per line (commas also separate entries). Bad lines are reported and skipped.
 *
 * @public
 */
export function parseAlertsAnnotation(
  value: string | undefined,
): ParseResult<AlertsAnnotationEntry[]> {
  const key = RUNBOOKS_ALERTS_ANNOTATION;
  const entries: AlertsAnnotationEntry[] = [];
  const problems: ParseResult<AlertsAnnotationEntry[]>['problems'] = [];
  const lines = (value ?? '')
    .split(/[\n,]/)
    .map(line => line.trim().replace(/^-\s+/, ''))
    .filter(Boolean);
  for (const line of lines) {
    const colon = line.indexOf(':');
    const alert = colon > 0 ? line.slice(0, colon).trim() : '';
    const target = colon > 0 ? line.slice(colon + 1).trim() : '';
    const [path, anchor] = target.split('#', 2);
    if (!alert || !path) {
      problems.push({
        level: 'error',
        subject: key,
        message: `Annotation ${key}: "${line}" is not "AlertName: file.md" or "AlertName: file.md#anchor"`,
      });
      continue;
    }
    if (!ALERT_NAME.test(alert)) {
      problems.push({
        level: 'error',
        subject: key,
        message: `Annotation ${key}: "${alert}" is not a valid alert name (letters, digits, _ and : , with * as a wildcard)`,
      });
      continue;
    }
    if (!/\.(md|markdown)$/i.test(path) || path.includes('://')) {
      problems.push({
        level: 'error',
        subject: key,
        message: `Annotation ${key}: "${path}" for ${alert} is not a markdown file in the runbooks folder`,
      });
      continue;
    }
    entries.push({
      alert,
      path: path.replace(/^\.\//, ''),
      anchor: anchor || undefined,
    });
  }
  return { value: entries, problems };
}

/**
 * True when an alert name matches a pattern of the `runbooks/alerts`
 * annotation, where `*` stands for any run of characters.
 *
 * @public
 */
export function alertMatchesPattern(alert: string, pattern: string): boolean {
  if (!pattern.includes('*')) return alert === pattern;
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(alert);
}
