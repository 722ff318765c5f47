import { RunbookHeading } from '../types';
import { createSlugger } from './anchors';
import { MarkdownNode, MarkdownTree, parseMarkdownTree } from './parseMarkdown';

/**
 * A link of a markdown document, wherever it stands (paragraph, list item,
 * heading, table cell, bold label line).
 *
 * @public
 */
export type MarkdownLink = {
  href: string;
  /** The link text as a reader sees it. */
  text: string;
  /** Index in `headings` of the heading the link is part of. */
  inHeading?: number;
  /** Index in `headings` of the last heading that starts before the link; -1 before the first. */
  afterHeading: number;
};

/**
 * A table cell: its visible text and the targets of its links.
 *
 * @public
 */
export type MarkdownTableCell = { text: string; hrefs: string[] };

/**
 * A GitHub-flavoured markdown table.
 *
 * @public
 */
export type MarkdownTable = {
  headers: string[];
  rows: MarkdownTableCell[][];
};

/**
 * A fenced code block with its info string (language).
 *
 * @public
 */
export type FencedBlock = { lang: string; content: string };

/**
 * Everything the suite reads from one markdown file, from one parse.
 *
 * @public
 */
export type MarkdownDocument = {
  tree: MarkdownTree;
  /** Every heading in document order, with the anchor the rendered page gives it. */
  headings: RunbookHeading[];
  /** The source line (from 1) each heading of `headings` starts on. */
  headingLines: number[];
  /** The text of the first level-one heading. */
  title?: string;
  links: MarkdownLink[];
  tables: MarkdownTable[];
  fences: FencedBlock[];
  /** The text lines of every paragraph, markup removed (`**Last Updated**: x` reads `Last Updated: x`). */
  paragraphLines: string[];
  /** The words a reader sees, code included, one block a line: for search. */
  plainText: string;
  /** True when something other than a title, headings and links holds text. */
  hasProse: boolean;
};

const BLOCK_CONTAINERS = new Set([
  'blockquote',
  'bullet_list',
  'ordered_list',
  'list_item',
]);

class DocumentReader {
  private readonly slug = createSlugger();
  private readonly headings: RunbookHeading[] = [];
  private readonly headingLines: number[] = [];
  private readonly links: MarkdownLink[] = [];
  private readonly tables: MarkdownTable[] = [];
  private readonly fences: FencedBlock[] = [];
  private readonly paragraphLines: string[] = [];
  private readonly text: string[] = [];
  private hasProse = false;

  result() {
    return {
      headings: this.headings,
      headingLines: this.headingLines,
      title: this.headings.find(h => h.depth === 1 && h.text)?.text,
      links: this.links,
      tables: this.tables,
      fences: this.fences,
      paragraphLines: this.paragraphLines,
      plainText: this.text.filter(Boolean).join('\n'),
      hasProse: this.hasProse,
    };
  }

  blocks(nodes: MarkdownNode[]) {
    for (const node of nodes) this.block(node);
  }

  private block(node: MarkdownNode) {
    if (BLOCK_CONTAINERS.has(node.type)) {
      this.blocks(node.children);
      return;
    }
    switch (node.type) {
      case 'heading': {
        const text = headingText(node.children);
        this.headings.push({
          depth: Number(node.tag.slice(1)),
          text,
          anchor: this.slug(text),
        });
        this.headingLines.push(node.line ?? 1);
        this.collectLinks(node.children, this.headings.length - 1);
        this.text.push(text);
        return;
      }
      case 'paragraph': {
        const lines = inlineText(node.children, true).split('\n');
        for (const line of lines) {
          this.paragraphLines.push(line);
          this.text.push(line);
        }
        this.collectLinks(node.children);
        if (!isOnlyLinks(node.children)) this.hasProse = true;
        return;
      }
      case 'fence':
      case 'code_block':
        this.fences.push({
          lang: (node.info.split(/\s/)[0] ?? '').toLowerCase(),
          content: node.content.replace(/\n$/, ''),
        });
        this.text.push(node.content.replace(/\n$/, ''));
        this.hasProse = true;
        return;
      case 'table':
        this.table(node);
        this.hasProse = true;
        return;
      default:
        return;
    }
  }

  private table(node: MarkdownNode) {
    const rows: MarkdownTableCell[][] = [];
    for (const section of node.children) {
      for (const row of section.children) {
        rows.push(
          row.children.map(cell => {
            this.collectLinks(cell.children);
            return {
              text: inlineText(cell.children, true).replace(/\n/g, ' '),
              hrefs: linkTargets(cell.children),
            };
          }),
        );
      }
    }
    const [header, ...body] = rows;
    if (!header) return;
    this.tables.push({ headers: header.map(cell => cell.text), rows: body });
    for (const row of rows) this.text.push(row.map(c => c.text).join(' '));
  }

  private collectLinks(nodes: MarkdownNode[], inHeading?: number) {
    const afterHeading =
      inHeading === undefined ? this.headings.length - 1 : inHeading - 1;
    visitInline(nodes, node => {
      if (node.type !== 'link') return true;
      this.links.push({
        href: node.attrs.href ?? '',
        text: inlineText(node.children, true).replace(/\n/g, ' '),
        inHeading,
        afterHeading,
      });
      return false;
    });
  }
}

function visitInline(
  nodes: MarkdownNode[],
  visit: (node: MarkdownNode) => boolean,
) {
  for (const node of nodes) {
    if (visit(node)) visitInline(node.children, visit);
  }
}

function linkTargets(nodes: MarkdownNode[]): string[] {
  const hrefs: string[] = [];
  visitInline(nodes, node => {
    if (node.type === 'link' && node.attrs.href) hrefs.push(node.attrs.href);
    return node.type !== 'link';
  });
  return hrefs;
}

/**
 * The text a reader sees in inline nodes: text and code, line breaks as
 * `\n`; image descriptions only when asked (a heading's anchor leaves them
 * out, as GitHub does); raw HTML tags dropped, their text kept.
 */
function inlineText(nodes: MarkdownNode[], withImageAlt: boolean): string {
  return rawInlineText(nodes, withImageAlt).trim();
}

function rawInlineText(nodes: MarkdownNode[], withImageAlt: boolean): string {
  let text = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'code_inline':
        text += node.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'image':
        if (withImageAlt) text += rawInlineText(node.children, true);
        break;
      default:
        text += rawInlineText(node.children, withImageAlt);
    }
  }
  return text;
}

/**
 * The text of a heading, as both the anchor and the page's heading list use it.
 *
 * @public
 */
export function headingText(nodes: MarkdownNode[]): string {
  const text = inlineText(nodes, false);
  return text.includes('\n')
    ? text
        .split('\n')
        .map(line => line.trim())
        .join(' ')
    : text;
}

function isOnlyLinks(nodes: MarkdownNode[]): boolean {
  return nodes.every(
    node =>
      node.type === 'link' ||
      node.type === 'softbreak' ||
      node.type === 'hardbreak' ||
      (node.type === 'text' && /^[\s\-–—:,;|•*]*$/.test(node.content)) ||
      (['strong', 'em'].includes(node.type) && isOnlyLinks(node.children)),
  );
}

/**
 * Reads a markdown document once: headings and anchors, links, tables, code
 * blocks, paragraph lines and plain text.
 *
 * @public
 */
export function readMarkdownDocument(markdown: string): MarkdownDocument {
  const tree = parseMarkdownTree(markdown);
  const reader = new DocumentReader();
  reader.blocks(tree.children);
  return { tree, ...reader.result() };
}
