import { markdownInlineToText } from './markdown';

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
export type RunbookIndex = { links: RunbookIndexLink[] };

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
  return { links };
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
  if (!/\.(md|markdown)$/i.test(decoded)) return undefined;
  const path = normalizeRelativePath(folder ? `${folder}/${decoded}` : decoded);
  if (!path) return undefined;
  return { path, anchor: anchor || undefined };
}
