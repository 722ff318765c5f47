import { slug } from 'github-slugger';

const MAX_ANCHOR_TEXT = 1000;

/**
 * Makes heading anchors exactly as GitHub does (github-slugger: lower case,
 * punctuation and emoji dropped, `_` kept, spaces to dashes, `-1`, `-2` for
 * repeats), so links written against GitHub work in the portal. One slugger
 * per document.
 *
 * @public
 */
export function createSlugger(): (text: string) => string {
  // github-slugger's own counter, kept in a Map: a plain object slows down
  // badly once a document has tens of thousands of headings.
  const occurrences = new Map<string, number>();
  return (text: string) => {
    // A heading is a line; a megabyte-long one is anchored by its start.
    const base = slug(text.slice(0, MAX_ANCHOR_TEXT));
    let result = base;
    while (occurrences.has(result)) {
      const count = occurrences.get(base)! + 1;
      occurrences.set(base, count);
      result = `${base}-${count}`;
    }
    occurrences.set(result, 0);
    return result;
  };
}

/**
 * The prefix of heading element ids in the rendered page, so that a heading
 * named `root` or `search` cannot take the id of an element of the portal.
 * URLs keep the bare anchor (`#mitigation`), as on GitHub.
 *
 * @public
 */
export const HEADING_ID_PREFIX = 'runbook-';

/**
 * The element id of the heading with this anchor.
 *
 * @public
 */
export function headingElementId(anchor: string): string {
  return `${HEADING_ID_PREFIX}${anchor}`;
}
