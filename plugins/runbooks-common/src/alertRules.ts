import { parseAllDocuments } from 'yaml';
import { yamlHasComplexKeys } from './frontMatter';
import { RunbookProblem } from './types';

/**
 * An alerting rule read from a Prometheus rule file.
 *
 * @public
 */
export type AlertRule = {
  alert: string;
  /** The rule file it came from, relative to the rules location. */
  file: string;
  severity?: string;
  labels: Record<string, string>;
  runbookUrl?: string;
  summary?: string;
};

/**
 * Reads the alerting rules of a Prometheus rule file: plain rule groups
 * (`groups:`) or `PrometheusRule` objects (`spec.groups`), several YAML
 * documents per file allowed. Recording rules are skipped; anything malformed
 * is a problem naming the file, never a throw.
 *
 * @public
 */
export function parsePrometheusRules(
  content: string,
  file: string,
): { rules: AlertRule[]; problems: RunbookProblem[] } {
  const rules: AlertRule[] = [];
  const problems: RunbookProblem[] = [];
  const problem = (message: string) =>
    problems.push({
      level: 'warning',
      subject: file,
      message: `${file}: ${message}`,
    });
  let documents;
  try {
    documents = parseAllDocuments(content);
  } catch (error) {
    problem(
      `not valid YAML (${String((error as Error).message).split('\n')[0]})`,
    );
    return { rules, problems };
  }
  if (!Array.isArray(documents)) documents = [documents];
  documents.forEach((document, index) => {
    if (document.errors.length) {
      problem(
        `document ${index + 1} is not valid YAML (${
          document.errors[0].message.split('\n')[0]
        })`,
      );
      return;
    }
    if (yamlHasComplexKeys(document)) {
      problem(
        `document ${
          index + 1
        } has a key that is a list, mapping or alias, not a name`,
      );
      return;
    }
    let data: any;
    try {
      // Unresolved aliases, alias bombs and very deep nesting throw here, not in the parse.
      data = document.toJS();
    } catch (error) {
      problem(
        `document ${index + 1} is not valid YAML (${
          String((error as Error).message).split('\n')[0]
        })`,
      );
      return;
    }
    if (data === null || data === undefined) return;
    const groups =
      data?.kind === 'PrometheusRule' ? data?.spec?.groups : data?.groups;
    if (!Array.isArray(groups)) {
      problem(
        `document ${
          index + 1
        } has no rule groups (expected groups: or a PrometheusRule)`,
      );
      return;
    }
    for (const group of groups) {
      for (const rule of Array.isArray(group?.rules) ? group.rules : []) {
        if (typeof rule?.alert !== 'string') continue;
        const labels = stringRecord(rule.labels);
        const annotations = stringRecord(rule.annotations);
        rules.push({
          alert: rule.alert,
          file,
          severity: labels.severity,
          labels,
          runbookUrl: annotations.runbook_url,
          summary: annotations.summary ?? annotations.message,
        });
      }
    }
  });
  return { rules, problems };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
      .map(([k, v]) => [k, String(v)]),
  );
}

/**
 * Finds the runbook a `runbook_url` points at: the runbook whose path (any
 * case, with or without `.md`) is the longest match for the URL's last path
 * segments, whatever host the URL names. Returns its path and the URL's anchor.
 *
 * @public
 */
export function matchRunbookUrl(
  runbookUrl: string,
  runbookPaths: string[],
): { path: string; anchor?: string } | undefined {
  let url: URL;
  try {
    url = new URL(runbookUrl);
  } catch {
    return undefined;
  }
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map(s =>
      safeDecode(s)
        .toLowerCase()
        .replace(/\.(md|markdown)$/, ''),
    );
  let best: { path: string; length: number } | undefined;
  for (const path of runbookPaths) {
    const parts = path
      .toLowerCase()
      .replace(/\.(md|markdown)$/, '')
      .split('/');
    let length = 0;
    while (
      length < parts.length &&
      length < segments.length &&
      parts[parts.length - 1 - length] ===
        segments[segments.length - 1 - length]
    ) {
      length++;
    }
    if (length > 0 && (!best || length > best.length)) best = { path, length };
  }
  if (!best) return undefined;
  return {
    path: best.path,
    anchor: url.hash ? safeDecode(url.hash.slice(1)) : undefined,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
