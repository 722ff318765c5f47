import { readMarkdownDocument } from './markdownDocument';

/**
 * The part of a document under the heading with this anchor, heading
 * included, up to the next heading of the same or a higher level; undefined
 * when no heading has that anchor.
 *
 * @public
 */
export function markdownSection(
  markdown: string,
  anchor: string,
): string | undefined {
  const { headings, headingLines } = readMarkdownDocument(markdown);
  const wanted = anchor.replace(/^#/, '').toLowerCase();
  const index = headings.findIndex(h => h.anchor === wanted);
  if (index < 0) return undefined;
  const next = headings.findIndex(
    (h, i) => i > index && h.depth <= headings[index].depth,
  );
  const lines = markdown.split(/\r?\n/);
  return lines
    .slice(
      headingLines[index] - 1,
      next < 0 ? undefined : headingLines[next] - 1,
    )
    .join('\n')
    .trim();
}
