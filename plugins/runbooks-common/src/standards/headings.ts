import { MarkdownNode, MarkdownTree } from '../markdown/parseMarkdown';
import { headingText } from '../markdown/markdownDocument';

/**
 * A heading's text as standards compare it: lower case, without numbering
 * (`3.`, `1.2)`, `Step 4:`), emoji, punctuation or mojibake.
 *
 * @public
 */
export function normalizeSectionName(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/^\s*(?:(?:step|section|part)\s+)?\d+(?:\s+\d+)*\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when a heading counts as the named section: its words are the name's,
 * or start with them (`Escalation` is met by `Escalation Path`).
 *
 * @public
 */
export function headingMatchesName(heading: string, name: string): boolean {
  const h = normalizeSectionName(heading);
  const n = normalizeSectionName(name);
  if (!n) return false;
  return h === n || h.startsWith(`${n} `);
}

/** A heading of the document with every block under it, subsections included. */
export type DocumentSection = {
  heading: string;
  depth: number;
  nodes: MarkdownNode[];
  /** The blocks before its first subsection. */
  ownNodes: MarkdownNode[];
};

/** The document cut at its top-level headings. */
export function documentSections(tree: MarkdownTree): DocumentSection[] {
  const sections: DocumentSection[] = [];
  const open: DocumentSection[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const depth = Number(node.tag.slice(1));
      while (open.length && open[open.length - 1].depth >= depth) open.pop();
      const section: DocumentSection = {
        heading: headingText(node.children),
        depth,
        nodes: [],
        ownNodes: [],
      };
      if (open.length) open[open.length - 1].ownNodes.push(node);
      sections.push(section);
      open.push(section);
      continue;
    }
    for (const section of open) section.nodes.push(node);
    open[open.length - 1]?.ownNodes.push(node);
  }
  return sections;
}

/** True when a node, or one inside it, has one of these types. */
export function containsNode(
  nodes: MarkdownNode[],
  types: ReadonlySet<string>,
): boolean {
  return nodes.some(
    node => types.has(node.type) || containsNode(node.children, types),
  );
}

/** The text of nodes, code included. */
export function nodesText(nodes: MarkdownNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.content) text += `${node.content} `;
    if (node.attrs.href) text += `${node.attrs.href} `;
    text += nodesText(node.children);
  }
  return text;
}
