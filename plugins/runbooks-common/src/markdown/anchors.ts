import GithubSlugger from 'github-slugger';

/**
 * Makes heading anchors exactly as GitHub does (github-slugger: lower case,
 * punctuation and emoji dropped, `_` kept, spaces to dashes, `-1`, `-2` for
 * repeats), so links written against GitHub work in the portal. One slugger
 * per document.
 *
 * @public
 */
export function createSlugger(): (text: string) => string {
  const slugger = new GithubSlugger();
  return (text: string) => slugger.slug(text);
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
