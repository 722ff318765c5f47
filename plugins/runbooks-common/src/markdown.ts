import { RunbookHeading } from './types';

/**
 * Makes heading anchors the way GitHub does (lower case, punctuation dropped,
 * spaces to dashes, `-1`, `-2` for repeats), so links written against GitHub
 * work in the portal. One slugger per document.
 *
 * @public
 */
export function createSlugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text: string) => {
    const base = text
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base);
    seen.set(base, (count ?? 0) + 1);
    return count === undefined ? base : `${base}-${count}`;
  };
}

const FENCE = /^\s{0,3}(```|~~~)/;
const ATX_HEADING = /^\s{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;

/**
 * Reduces inline markdown (links, emphasis, code) to the text a reader sees.
 *
 * @public
 */
export function markdownInlineToText(inline: string): string {
  return inline
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(\*|_)(.*?)\1/g, '$2')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/**
 * The ATX headings of a markdown document outside code blocks, with anchors.
 *
 * @public
 */
export function extractHeadings(markdown: string): RunbookHeading[] {
  const slug = createSlugger();
  const headings: RunbookHeading[] = [];
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1];
      else if (fenceMatch[1] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const text = markdownInlineToText(heading[2]);
      headings.push({ depth: heading[1].length, text, anchor: slug(text) });
    }
  }
  return headings;
}

/**
 * The first level-one heading of a document, if it has one.
 *
 * @public
 */
export function extractTitle(markdown: string): string | undefined {
  return extractHeadings(markdown).find(h => h.depth === 1 && h.text)?.text;
}

/**
 * Turns a file name into a readable title: `high-cpu_usage.md` -> `High cpu usage`.
 *
 * @public
 */
export function titleFromFileName(path: string): string {
  const base = path.split('/').pop() ?? path;
  const words = base
    .replace(/\.(md|markdown)$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : path;
}

/**
 * Markdown reduced to the words a reader sees, for search indexes: code kept
 * as text, markup, table rules and link targets dropped.
 *
 * @public
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .split(/\r?\n/)
    .filter(line => !/^\s*(```|~~~)/.test(line))
    .filter(line => !/^\s*\|?\s*:?-{3,}/.test(line))
    .map(line =>
      markdownInlineToText(
        line
          .replace(/^\s{0,3}#{1,6}\s+/, '')
          .replace(/^\s*([-*+]|\d+[.)])\s+/, '')
          .replace(/^\s*>\s?/, '')
          .replace(/\|/g, ' '),
      ),
    )
    .filter(Boolean)
    .join('\n');
}
