import { MarkdownDocument } from '../markdown/markdownDocument';
import { MarkdownNode } from '../markdown/parseMarkdown';
import {
  DEFAULT_STANDARD_REQUIREMENTS,
  standardSection,
} from './defaultStandard';
import { documentSections, nodesText, normalizeSectionName } from './headings';
import { RunbookStandard, StandardRequirement, StandardSection } from './types';

/** Headings under which an index declares what its runbooks hold. */
const DECLARING_HEADING =
  /^(?:runbook (?:structure|template|format|standards?|requirements)|quality standards|standardi[sz]ed format|documentation standards?)$/;
/** An introduction that says a list of sections follows. */
const DECLARING_LINE =
  /(?:standardi[sz]ed format|consistent structure|follows? (?:this|the following) (?:structure|format)|runbook must include)\s*:?\s*(.*)$/i;

const REQUIREMENTS: Array<[StandardRequirement, RegExp]> = [
  ['rollback', /\broll ?back\b/],
  ['outcomes', /\bexpected (?:outcome|result|output)/],
  ['escalation', /\bescalat|\bcontact/],
  ['monitoring', /\bmonitoring\b|\bdashboards?\b/],
  ['review', /\blast updated\b|\breviewer\b|\breview date\b|\blast reviewed\b/],
  ['steps', /\bstep by step\b|\bprocedures?\b/],
];

/**
 * The standard an index declares for its runbooks, if it declares one: the
 * list under a "Runbook Structure", "Runbook Template" or "Quality Standards"
 * heading, or after a line saying runbooks follow a "standardized format".
 * A list item with a bold label (`**Overview**: …`) or a short name names a
 * section; an item that asks for something ("Rollback procedures where
 * applicable", "Last updated date and reviewer") names a requirement. An
 * index that names sections but no requirement gets the default ones.
 *
 * @public
 */
export function readDeclaredStandard(
  document: MarkdownDocument,
  indexPath: string,
): RunbookStandard | undefined {
  for (const section of documentSections(document.tree)) {
    const byHeading = DECLARING_HEADING.test(
      normalizeSectionName(section.heading),
    );
    const declared = readDeclaration(section.ownNodes, byHeading);
    if (!declared) continue;
    const { sections, requirements } = declared;
    if (!sections.length && !requirements.length) continue;
    return {
      source: 'index',
      sourcePath: indexPath,
      declaredIn: section.heading,
      sections,
      requirements: requirements.length
        ? requirements
        : DEFAULT_STANDARD_REQUIREMENTS,
    };
  }
  return undefined;
}

function readDeclaration(
  nodes: MarkdownNode[],
  byHeading: boolean,
):
  | { sections: StandardSection[]; requirements: StandardRequirement[] }
  | undefined {
  let introduced = byHeading;
  for (const node of nodes) {
    if (node.type === 'heading') return undefined;
    if (node.type === 'paragraph') {
      const line = DECLARING_LINE.exec(nodesText(node.children).trim());
      if (!line) continue;
      const inline = line[1].replace(/\.$/, '').trim();
      if (inline) return fromItems(splitInline(inline), true);
      introduced = true;
      continue;
    }
    if (
      introduced &&
      (node.type === 'bullet_list' || node.type === 'ordered_list')
    ) {
      return fromItems(node.children.map(itemName), false);
    }
  }
  return undefined;
}

function splitInline(text: string): Array<{ text: string; labelled: boolean }> {
  return text
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .filter(Boolean)
    .map(item => ({ text: item, labelled: true }));
}

/** `**Overview**: Brief description` names Overview; other items their text. */
function itemName(item: MarkdownNode): { text: string; labelled: boolean } {
  const paragraph = item.children.find(child => child.type === 'paragraph');
  const inline = paragraph?.children ?? [];
  const first = inline.find(
    node => !(node.type === 'text' && !node.content.trim()),
  );
  if (first && first.type === 'strong') {
    return {
      text: nodesText(first.children)
        .replace(/[:\s]+$/, '')
        .trim(),
      labelled: true,
    };
  }
  return { text: nodesText(inline).trim(), labelled: false };
}

function fromItems(
  items: Array<{ text: string; labelled: boolean }>,
  allSections: boolean,
) {
  const sections: StandardSection[] = [];
  const requirements: StandardRequirement[] = [];
  for (const { text, labelled } of items) {
    if (!text) continue;
    const normal = normalizeSectionName(text);
    const requirement =
      labelled || allSections || text.split(/\s+/).length < 3
        ? undefined
        : REQUIREMENTS.find(([, pattern]) => pattern.test(normal))?.[0];
    if (requirement) {
      if (!requirements.includes(requirement)) requirements.push(requirement);
    } else if (normal && text.split(/\s+/).length <= 6) {
      sections.push(standardSection(text));
    }
  }
  return { sections, requirements };
}
