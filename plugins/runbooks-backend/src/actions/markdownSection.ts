import {
  markdownInlineToText,
  RunbookHeading,
} from '@runbooks-for-backstage/plugin-runbooks-common';

const FENCE = /^\s{0,3}(```|~~~)/;
const ATX_HEADING = /^\s{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;

/**
 * The part of a runbook under the heading an alert mapping's anchor names, up
 * to the next heading of the same or a higher level; undefined when no
 * heading has that anchor. The heading is found through the runbook's stored
 * headings, so anchors are the ones the portal shows.
 */
export function markdownSection(
  markdown: string,
  headings: RunbookHeading[],
  anchor: string,
): string | undefined {
  const wanted = anchor.replace(/^#/, '').toLowerCase();
  const index = headings.findIndex(h => h.anchor.toLowerCase() === wanted);
  if (index < 0) return undefined;
  const target = headings[index];
  // Headings with the same text before this one: the section starts at the
  // next occurrence after them.
  let skip = headings
    .slice(0, index)
    .filter(h => h.text === target.text).length;
  const lines = markdown.split(/\r?\n/);
  let start = -1;
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const fenceMatch = FENCE.exec(lines[i]);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1];
      else if (fenceMatch[1] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const heading = ATX_HEADING.exec(lines[i]);
    if (!heading) continue;
    const depth = heading[1].length;
    if (start < 0) {
      if (markdownInlineToText(heading[2]) !== target.text) continue;
      if (skip-- > 0) continue;
      start = i;
    } else if (depth <= target.depth) {
      return lines.slice(start, i).join('\n').trim();
    }
  }
  return start < 0 ? undefined : lines.slice(start).join('\n').trim();
}
