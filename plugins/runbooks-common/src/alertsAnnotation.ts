import { RUNBOOKS_ALERTS_ANNOTATION } from './annotations';
import { alertPatternProblem } from './alertPattern';
import { oversizedAnnotation, ParseResult } from './location';

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
  const oversized = oversizedAnnotation(key, value);
  if (oversized) return { value: entries, problems: [oversized] };
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
    const wrong = alertPatternProblem(alert);
    if (wrong) {
      problems.push({
        level: 'error',
        subject: key,
        message: `Annotation ${key}: ${wrong}`,
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
