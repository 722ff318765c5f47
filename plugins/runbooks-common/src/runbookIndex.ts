import { formatDuration, parseDuration } from './duration';
import {
  findColumn,
  MarkdownLink,
  MarkdownSource,
  MarkdownTable,
  MarkdownTableCell,
  toMarkdownDocument,
} from './markdown';
import { extractStatedReviewDates, StatedReviewDates } from './reviewDates';
import { RunbookHeading, RunbookProblem, Severity } from './types';
import { parseYamlValue } from './yaml';

/**
 * File names that make a markdown file the index of its folder rather than a runbook.
 *
 * @public
 */
export const RUNBOOK_INDEX_FILE_NAMES = ['readme.md', 'index.md', '_index.md'];

/**
 * True when the path names a runbook index file (`README.md`, `index.md`, `_index.md`).
 *
 * @public
 */
export function isRunbookIndexFile(path: string): boolean {
  const name = (path.split('/').pop() ?? '').toLowerCase();
  return RUNBOOK_INDEX_FILE_NAMES.includes(name);
}

/**
 * A link in a runbook index that names a runbook inside the runbooks folder.
 *
 * @public
 */
export type RunbookIndexLink = {
  /** Path of the linked file relative to the runbooks folder root. */
  path: string;
  /** The link text. */
  title: string;
  /** The nearest heading above the link. */
  category?: string;
  anchor?: string;
};

/**
 * What a runbook index says about the runbooks of its folder.
 *
 * @public
 */
export type RunbookIndex = {
  links: RunbookIndexLink[];
  /** Alert mappings from alert tables and `alert_runbook_mapping:` blocks. */
  alerts: RunbookIndexAlert[];
  /** The severity ladder of a `| Severity | Response Time |` table, if any. */
  severities: Severity[];
  /** The index's own Last Updated / Next Review dates. */
  dates: StatedReviewDates;
  problems: RunbookProblem[];
  /**
   * True when the index names no runbook but holds text of its own: a page
   * with the runbooks in it (a section per alert), itself a runbook.
   */
  holdsContent: boolean;
};

/**
 * An alert the index maps to a runbook.
 *
 * @public
 */
export type RunbookIndexAlert = {
  alert: string;
  /** Path of the runbook relative to the runbooks folder root. */
  path: string;
  anchor?: string;
  severity?: string;
};

/**
 * Normalises a slash-separated path, resolving `.` and `..`. Returns undefined
 * when the path climbs above its root.
 *
 * @public
 */
export function normalizeRelativePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

/**
 * Reads the runbook links of an index file. Every link to a markdown file
 * inside the runbooks folder names a runbook, wherever it stands (list item,
 * heading, table cell, paragraph); its category is the nearest heading above
 * it that does not itself name a runbook. Links to other sites, absolute
 * paths and paths that leave the folder are not runbooks.
 *
 * @param source - the index body, or its document
 * @param indexPath - path of the index file relative to the runbooks folder root
 * @public
 */
export function parseRunbookIndex(
  source: MarkdownSource,
  indexPath: string,
): RunbookIndex {
  const document = toMarkdownDocument(source);
  const folder = indexPath.includes('/')
    ? indexPath.slice(0, indexPath.lastIndexOf('/'))
    : '';
  const resolved = document.links.map(link => ({
    link,
    target: resolveIndexLink(link.href, folder),
  }));
  const runbookHeadings = new Set<number>();
  for (const { link, target } of resolved) {
    if (target && link.inHeading !== undefined) {
      runbookHeadings.add(link.inHeading);
    }
  }

  const links: RunbookIndexLink[] = [];
  const seen = new Map<string, RunbookIndexLink>();
  for (const { link, target } of resolved) {
    if (!target) continue;
    const category = nearestCategory(document.headings, link, runbookHeadings);
    const earlier = seen.get(target.path);
    if (earlier) {
      // A runbook mentioned in an introduction takes the category of its listing.
      earlier.category ??= category;
      continue;
    }
    const entry: RunbookIndexLink = {
      path: target.path,
      anchor: target.anchor,
      title: link.text || target.path,
      category,
    };
    seen.set(target.path, entry);
    links.push(entry);
  }
  const problems: RunbookProblem[] = [];
  const indexAlerts = [
    ...document.tables.flatMap(table =>
      readAlertTable(table, links, folder, indexPath, problems),
    ),
    ...document.fences.flatMap(block =>
      readAlertMappingBlock(block.content, folder, indexPath, problems),
    ),
  ];
  const severityTable = document.tables.find(
    table =>
      findColumn(table, /^severity$|^priority$|^level$/) >= 0 &&
      findColumn(table, /response|respond/) >= 0,
  );
  return {
    links,
    alerts: indexAlerts,
    severities: severityTable ? readSeverityTable(severityTable) : [],
    dates: extractStatedReviewDates(document),
    problems,
    holdsContent: links.length === 0 && document.hasProse,
  };
}

/**
 * The nearest heading above a link that is a category: not the document
 * title (level one, which ends the search), not a heading naming a runbook
 * itself, and for a link in a heading, a heading above it in the outline.
 */
function nearestCategory(
  headings: RunbookHeading[],
  link: MarkdownLink,
  runbookHeadings: Set<number>,
): string | undefined {
  let above = link.inHeading === undefined ? 7 : headings[link.inHeading].depth;
  for (let i = link.afterHeading; i >= 0; i--) {
    const heading = headings[i];
    if (heading.depth === 1) return undefined;
    if (runbookHeadings.has(i)) {
      // Below a runbook's own heading, only what is above that heading counts.
      above = Math.min(above, heading.depth);
      continue;
    }
    if (heading.depth < above && heading.text) return heading.text;
  }
  return undefined;
}

const ALERT_NAME = /^[A-Za-z_:*][A-Za-z0-9_:*.-]*$/;

function readAlertTable(
  table: MarkdownTable,
  links: RunbookIndexLink[],
  folder: string,
  indexPath: string,
  problems: RunbookProblem[],
): RunbookIndexAlert[] {
  const alertColumn = findColumn(table, /^alert( ?name)?s?$/);
  const runbookColumn = findColumn(table, /^runbooks?( ?(file|link))?$/);
  if (alertColumn < 0 || runbookColumn < 0) return [];
  const severityColumn = findColumn(table, /^severity$|^priority$/);
  const alerts: RunbookIndexAlert[] = [];
  for (const row of table.rows) {
    const alert = row[alertColumn]?.text ?? '';
    const cell = row[runbookColumn] ?? { text: '', hrefs: [] };
    if (!alert || !ALERT_NAME.test(alert)) continue;
    const target = resolveRunbookReference(cell, links, folder);
    if (!target) {
      problems.push({
        level: 'warning',
        subject: indexPath,
        message: `${indexPath}: the alert table maps ${alert} to "${cell.text}", which names no runbook of this folder`,
      });
      continue;
    }
    const severity =
      severityColumn >= 0 ? row[severityColumn]?.text || undefined : undefined;
    alerts.push({ alert, ...target, severity });
  }
  return alerts;
}

/** A link, a file name, or a short name such as `RB-01` that one listed runbook starts with. */
function resolveRunbookReference(
  cell: MarkdownTableCell,
  links: RunbookIndexLink[],
  folder: string,
): { path: string; anchor?: string } | undefined {
  if (cell.hrefs.length) return resolveIndexLink(cell.hrefs[0], folder);
  const text = cell.text;
  if (/\.(md|markdown)(#.*)?$/i.test(text))
    return resolveIndexLink(text, folder);
  const token = text.toLowerCase();
  if (!token) return undefined;
  const startsWithToken = (value: string | undefined) => {
    const lower = value?.toLowerCase() ?? '';
    return (
      lower.startsWith(token) && !/[a-z0-9]/.test(lower[token.length] ?? '')
    );
  };
  const candidates = links.filter(
    l =>
      startsWithToken(l.category) ||
      startsWithToken(l.title) ||
      startsWithToken(l.path.split('/').pop()),
  );
  return candidates.length === 1
    ? { path: candidates[0].path, anchor: candidates[0].anchor }
    : undefined;
}

function readAlertMappingBlock(
  content: string,
  folder: string,
  indexPath: string,
  problems: RunbookProblem[],
): RunbookIndexAlert[] {
  if (!content.includes('alert_runbook_mapping')) return [];
  const yaml = parseYamlValue(content);
  if ('error' in yaml) {
    problems.push({
      level: 'warning',
      subject: indexPath,
      message: `${indexPath}: the alert_runbook_mapping block is not valid YAML (${yaml.error})`,
    });
    return [];
  }
  const parsed = yaml.value;
  const mapping = (parsed as Record<string, unknown> | null)
    ?.alert_runbook_mapping;
  const pairs: Array<[unknown, unknown]> = Array.isArray(mapping)
    ? mapping.map(item => [
        (item as Record<string, unknown>)?.alert,
        (item as Record<string, unknown>)?.runbook,
      ])
    : Object.entries((mapping as Record<string, unknown>) ?? {});
  const alerts: RunbookIndexAlert[] = [];
  for (const [alert, runbook] of pairs) {
    const target =
      typeof runbook === 'string'
        ? resolveIndexLink(runbook, folder)
        : undefined;
    if (typeof alert !== 'string' || !ALERT_NAME.test(alert) || !target) {
      problems.push({
        level: 'warning',
        subject: indexPath,
        message: `${indexPath}: alert_runbook_mapping entry ${JSON.stringify(
          alert,
        )}: ${JSON.stringify(runbook)} is not "AlertName: file.md"`,
      });
      continue;
    }
    alerts.push({ alert, ...target });
  }
  return alerts;
}

function readSeverityTable(table: MarkdownTable): Severity[] {
  const nameColumn = findColumn(table, /^severity$|^priority$|^level$/);
  const responseColumn = findColumn(table, /response|respond/);
  const descriptionColumn = findColumn(
    table,
    /^description$|^meaning$|^impact$/,
  );
  return table.rows.flatMap(row => {
    const label = row[nameColumn]?.text ?? '';
    if (!label) return [];
    const [name, ...rest] = label.replace(/\s+/g, ' ').split(/ [-–—:] /);
    const described = [
      rest.join(' - '),
      descriptionColumn >= 0 ? row[descriptionColumn]?.text ?? '' : '',
    ].filter(Boolean);
    const response = row[responseColumn]?.text ?? '';
    const duration = parseDuration(response.replace(/^[<≤~]\s*/, ''));
    return [
      {
        name: name.trim(),
        respondWithin: duration ? formatDuration(duration) : response,
        description: described.join(': ') || undefined,
      },
    ];
  });
}

function resolveIndexLink(
  href: string,
  folder: string,
): { path: string; anchor?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//'))
    return undefined;
  if (href.startsWith('/') || href.startsWith('#')) return undefined;
  const [rawPath, anchor] = href.split('#', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  // `javascript%3Ax.md` decodes to a scheme: not a file of the folder either.
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded)) return undefined;
  if (!/\.(md|markdown)$/i.test(decoded)) return undefined;
  const path = normalizeRelativePath(folder ? `${folder}/${decoded}` : decoded);
  if (!path) return undefined;
  return { path, anchor: anchor || undefined };
}
