import { alertNameProblem } from './alertPattern';
import { RunbookProblem } from './types';
import { parseYamlBounded } from './yaml';

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
  const parsed = parseYamlBounded(content, { multipleDocuments: true });
  if ('error' in parsed) {
    problem(`not valid YAML (${parsed.error})`);
    return { rules, problems };
  }
  parsed.documents.forEach((document, index) => {
    if ('error' in document) {
      problem(`document ${index + 1} is not valid YAML (${document.error})`);
      return;
    }
    const data = document.value as any;
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
        const wrong = alertNameProblem(rule.alert);
        if (wrong) {
          problem(
            `alert "${rule.alert.slice(0, 80)}" ignored: its name ${wrong}`,
          );
          continue;
        }
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
 * A runbook a `runbook_url` may point at: its path in the runbooks folder and
 * the anchors of its headings.
 *
 * @public
 */
export type RunbookUrlTarget = { path: string; anchors?: string[] };

const INDEX_PAGE = /^(readme|index|_index)$/;

/**
 * Finds the runbook a `runbook_url` points at: the runbook whose path (any
 * case, with or without `.md`) is the longest match for the URL's last path
 * segments, whatever host the URL names. An index page (`README.md`,
 * `index.md`, `_index.md`) also answers for its folder, as docs sites publish
 * it (`…/runbooks/` for `runbooks/_index.md`); the index page at the root of
 * the folder answers a URL whose `#fragment` is one of its anchors when no
 * path matches. Returns the runbook's path and the URL's anchor.
 *
 * @public
 */
export function matchRunbookUrl(
  runbookUrl: string,
  runbooks: Array<string | RunbookUrlTarget>,
): { path: string; anchor?: string } | undefined {
  let url: URL;
  try {
    url = new URL(runbookUrl);
  } catch {
    return undefined;
  }
  const anchor = url.hash ? safeDecode(url.hash.slice(1)) : undefined;
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map(s =>
      safeDecode(s)
        .toLowerCase()
        .replace(/\.(md|markdown)$/, ''),
    );
  let best: { path: string; length: number } | undefined;
  let rootPage: string | undefined;
  for (const runbook of runbooks) {
    const { path, anchors } =
      typeof runbook === 'string' ? { path: runbook, anchors: [] } : runbook;
    const parts = path
      .toLowerCase()
      .replace(/\.(md|markdown)$/, '')
      .split('/');
    const isPage = INDEX_PAGE.test(parts[parts.length - 1]);
    if (isPage) {
      if (parts.length === 1) {
        if (anchor && anchors?.includes(anchor.toLowerCase())) rootPage = path;
      } else {
        const folderLength = matchedLength(parts.slice(0, -1), segments);
        if (folderLength > 0 && (!best || folderLength > best.length)) {
          best = { path, length: folderLength };
        }
      }
    }
    const length = matchedLength(parts, segments);
    if (length > 0 && (!best || length > best.length)) best = { path, length };
  }
  const path = best?.path ?? rootPage;
  if (!path) return undefined;
  // Docs sites keep the case of a heading in its anchor (`#SomeAlertName`).
  const target = runbooks.find(r => typeof r !== 'string' && r.path === path);
  const known =
    typeof target === 'object'
      ? target.anchors?.find(a => a === anchor?.toLowerCase())
      : undefined;
  return { path, anchor: known ?? anchor };
}

/** How many trailing segments of a path and a URL agree. */
function matchedLength(parts: string[], segments: string[]): number {
  let length = 0;
  while (
    length < parts.length &&
    length < segments.length &&
    parts[parts.length - 1 - length] === segments[segments.length - 1 - length]
  ) {
    length++;
  }
  return length;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
