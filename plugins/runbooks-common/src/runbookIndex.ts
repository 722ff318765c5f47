import { resolveIndexLink } from './indexLinks';
import {
  findColumn,
  MarkdownLink,
  MarkdownSource,
  toMarkdownDocument,
} from './markdown';
import { extractStatedReviewDates, StatedReviewDates } from './reviewDates';
import {
  readAlertMappingBlock,
  readAlertTable,
  readSeverityTable,
} from './runbookIndexTables';
import { RunbookHeading, RunbookProblem, Severity } from './types';

export { normalizeRelativePath } from './indexLinks';

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
