import { parseDocument } from 'yaml';
import { formatDuration, parseDuration } from './duration';
import { yamlHasComplexKeys } from './frontMatter';
import { markdownInlineToText } from './markdown';
import {
  extractMarkdownBlocks,
  findColumn,
  MarkdownTable,
} from './markdownBlocks';
import { extractStatedReviewDates, StatedReviewDates } from './reviewDates';
import { RunbookProblem, Severity } from './types';

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

const LINK = /\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HEADING = /^\s{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

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
 * Reads the runbook links of an index file. Only links to markdown files inside
 * the runbooks folder count: links to other sites, absolute paths and paths
 * that leave the folder are not runbooks.
 *
 * @param markdown - the index body
 * @param indexPath - path of the index file relative to the runbooks folder root
 * @public
 */
export function parseRunbookIndex(
  markdown: string,
  indexPath: string,
): RunbookIndex {
  const folder = indexPath.includes('/')
    ? indexPath.slice(0, indexPath.lastIndexOf('/'))
    : '';
  const links: RunbookIndexLink[] = [];
  const seen = new Map<string, RunbookIndexLink>();
  let category: string | undefined;
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1];
      else if (fence === fenceMatch[1]) fence = undefined;
      continue;
    }
    if (fence) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      // The document title (level one) is not a category of what follows it.
      category =
        heading[1].length === 1
          ? undefined
          : markdownInlineToText(heading[2]) || category;
      continue;
    }
    for (const match of line.matchAll(LINK)) {
      const target = resolveIndexLink(match[2], folder);
      if (!target) continue;
      const earlier = seen.get(target.path);
      if (earlier) {
        // A runbook mentioned in an introduction takes the category of its listing.
        earlier.category ??= category;
        continue;
      }
      const link: RunbookIndexLink = {
        path: target.path,
        anchor: target.anchor,
        title: markdownInlineToText(match[1]) || target.path,
        category,
      };
      seen.set(target.path, link);
      links.push(link);
    }
  }
  const blocks = extractMarkdownBlocks(markdown);
  const problems: RunbookProblem[] = [];
  const indexAlerts = [
    ...blocks.tables.flatMap(table =>
      readAlertTable(table, links, folder, indexPath, problems),
    ),
    ...blocks.fences.flatMap(block =>
      readAlertMappingBlock(block.content, folder, indexPath, problems),
    ),
  ];
  const severityTable = blocks.tables.find(
    table =>
      findColumn(table, /^severity$|^priority$|^level$/) >= 0 &&
      findColumn(table, /response|respond/) >= 0,
  );
  return {
    links,
    alerts: indexAlerts,
    severities: severityTable ? readSeverityTable(severityTable) : [],
    dates: extractStatedReviewDates(markdown),
    problems,
  };
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
    const alert = markdownInlineToText(row[alertColumn] ?? '');
    const cell = row[runbookColumn] ?? '';
    if (!alert || !ALERT_NAME.test(alert)) continue;
    const target = resolveRunbookReference(cell, links, folder);
    if (!target) {
      problems.push({
        level: 'warning',
        subject: indexPath,
        message: `${indexPath}: the alert table maps ${alert} to "${markdownInlineToText(
          cell,
        )}", which names no runbook of this folder`,
      });
      continue;
    }
    const severity =
      severityColumn >= 0
        ? markdownInlineToText(row[severityColumn] ?? '') || undefined
        : undefined;
    alerts.push({ alert, ...target, severity });
  }
  return alerts;
}

/** A link, a file name, or a short name such as `RB-01` that one listed runbook starts with. */
function resolveRunbookReference(
  cell: string,
  links: RunbookIndexLink[],
  folder: string,
): { path: string; anchor?: string } | undefined {
  const link = /\]\(\s*<?([^)\s>]+)>?/.exec(cell);
  if (link) return resolveIndexLink(link[1], folder);
  const text = markdownInlineToText(cell);
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
  if (!/alert_runbook_mapping\s*:/.test(content)) return [];
  let parsed: unknown;
  try {
    const document = parseDocument(content);
    if (document.errors.length) throw document.errors[0];
    if (yamlHasComplexKeys(document)) {
      throw new Error('a key is a list, mapping or alias, not a name');
    }
    parsed = document.toJS();
  } catch (error) {
    problems.push({
      level: 'warning',
      subject: indexPath,
      message: `${indexPath}: the alert_runbook_mapping block is not valid YAML (${
        String((error as Error).message).split('\n')[0]
      })`,
    });
    return [];
  }
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
    const label = markdownInlineToText(row[nameColumn] ?? '');
    if (!label) return [];
    const [name, ...rest] = label.split(/\s+[-–—:]\s+/);
    const described = [
      rest.join(' - '),
      descriptionColumn >= 0
        ? markdownInlineToText(row[descriptionColumn] ?? '')
        : '',
    ].filter(Boolean);
    const response = markdownInlineToText(row[responseColumn] ?? '');
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
