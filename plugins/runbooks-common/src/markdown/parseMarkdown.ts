import MarkdownIt from 'markdown-it';
import type {
  MarkdownIt as MarkdownItParser,
  StateCore,
  Token,
} from 'markdown-it';

/**
 * A node of a parsed markdown document: a block (`heading`, `paragraph`,
 * `bullet_list`, `table`, `fence`, …) or an inline (`text`, `link`, `image`,
 * `code_inline`, `em`, …), named as markdown-it names its tokens without the
 * `_open` suffix.
 *
 * @public
 */
export type MarkdownNode = {
  type: string;
  /** The HTML tag it renders as (`h2`, `ol`, `td`…); empty for text. */
  tag: string;
  attrs: Record<string, string>;
  /** Text of leaf nodes: `text`, `code_inline`, `fence`, `html_*`. */
  content: string;
  /** The info string of a fence (`bash`, `yaml`…). */
  info: string;
  /** First line of the block in the source, from 1 (blocks only). */
  line?: number;
  /** A paragraph of a tight list, shown without a paragraph of its own. */
  hidden: boolean;
  children: MarkdownNode[];
};

/**
 * A markdown document as a tree of nodes.
 *
 * @public
 */
export type MarkdownTree = {
  children: MarkdownNode[];
  /**
   * True when the document was longer ({@link MARKDOWN_LINE_BUDGET}) or had
   * more inline markup ({@link MARKDOWN_INLINE_MARKER_BUDGET}) than one file
   * is read for: past that point it keeps its text, as plain text.
   */
  truncated: boolean;
};

/**
 * How many inline markup characters (`[`, `*`, `<`, `` ` ``…) one document
 * is parsed for. Real runbooks have a few thousand; a file made of nothing
 * else (a hundred thousand unclosed `[`) is what costs a parser time, so the
 * rest of such a file is read as plain text.
 *
 * @public
 */
export const MARKDOWN_INLINE_MARKER_BUDGET = 50_000;

/**
 * How many lines of one document are read as markdown; the rest is kept as
 * plain text. A runbook of 20,000 lines is a book; a file of half a million
 * one-line headings is an attack on the parser's memory.
 *
 * @public
 */
export const MARKDOWN_LINE_BUDGET = 20_000;

const IS_INLINE_MARKER = new Uint8Array(128);
for (const marker of '[]()!*_~`<>&\\:')
  IS_INLINE_MARKER[marker.charCodeAt(0)] = 1;

function countMarkers(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) count += IS_INLINE_MARKER[code];
  }
  return count;
}

type BudgetEnv = { markersLeft: number; truncated: boolean };

/** markdown-it's own `inline` core rule, with the marker budget. */
function budgetedInline(state: StateCore) {
  const env = state.env as BudgetEnv;
  for (const token of state.tokens) {
    if (token.type !== 'inline') continue;
    const markers = countMarkers(token.content);
    if (markers <= env.markersLeft) {
      env.markersLeft -= markers;
      state.md.inline.parse(
        token.content,
        state.md,
        state.env,
        token.children!,
      );
    } else {
      env.markersLeft = 0;
      env.truncated = true;
      const text = new state.Token('text', '', 0);
      text.content = token.content;
      token.children = [text];
    }
  }
}

function createParser(): MarkdownItParser {
  // CommonMark with GitHub's tables, strikethrough and bare-URL links. Raw
  // HTML is recognised (so a heading inside an HTML comment is not one) and
  // never rendered as HTML.
  const md = new MarkdownIt('default', {
    html: true,
    linkify: true,
    typographer: false,
  });
  md.core.ruler.at('inline', budgetedInline);
  // Bare links need their scheme (`https://grafana…`); guessing hosts in
  // every word (`www.`, `a.io`) costs more than the rest of the parse.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  // Links are judged by the reader and the renderer, not refused while parsing.
  md.validateLink = () => true;
  return md;
}

let parser: MarkdownItParser | undefined;

/**
 * Parses markdown (CommonMark and GitHub's extensions) into a tree. The one
 * parse every reader of the suite walks: headings and anchors, index links,
 * tables, code blocks, review-date lines, search text, and the rendered page.
 * Time is linear in the input.
 *
 * @public
 */
export function parseMarkdownTree(markdown: string): MarkdownTree {
  parser ??= createParser();
  const env: BudgetEnv = {
    markersLeft: MARKDOWN_INLINE_MARKER_BUDGET,
    truncated: false,
  };
  const { head, rest } = splitAtLine(markdown, MARKDOWN_LINE_BUDGET);
  const children = nest(parser.parse(head, env));
  if (rest === undefined) return { children, truncated: env.truncated };
  children.push({
    type: 'code_block',
    tag: 'pre',
    attrs: {},
    content: rest,
    info: '',
    line: MARKDOWN_LINE_BUDGET + 1,
    hidden: false,
    children: [],
  });
  return { children, truncated: true };
}

function splitAtLine(
  text: string,
  lines: number,
): { head: string; rest?: string } {
  let at = -1;
  for (let n = 0; n < lines; n++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return { head: text };
  }
  return { head: text.slice(0, at), rest: text.slice(at + 1) };
}

function toNode(token: Token): MarkdownNode {
  return {
    type: token.type.replace(/_open$/, ''),
    tag: token.tag,
    attrs: Object.fromEntries(
      (token.attrs ?? []).map(([name, value]) => [name, String(value)]),
    ),
    content: token.content,
    info: token.info.trim(),
    line: token.map ? token.map[0] + 1 : undefined,
    hidden: token.hidden,
    children: [],
  };
}

/** markdown-it's flat open/close token stream as a tree; inline containers dissolve into their block. */
function nest(tokens: Token[]): MarkdownNode[] {
  const root: MarkdownNode[] = [];
  const stack: MarkdownNode[][] = [root];
  for (const token of tokens) {
    const siblings = stack[stack.length - 1];
    if (token.nesting === 1) {
      const node = toNode(token);
      siblings.push(node);
      stack.push(node.children);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else if (token.type === 'inline') {
      for (const child of nest(token.children ?? [])) siblings.push(child);
    } else {
      const node = toNode(token);
      if (token.type === 'image') node.children = nest(token.children ?? []);
      siblings.push(node);
    }
  }
  return root;
}
