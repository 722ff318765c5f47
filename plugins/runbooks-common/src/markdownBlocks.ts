import { markdownInlineToText } from './markdown';

/**
 * A GitHub-flavoured markdown table: header cells and rows, as raw markdown.
 *
 * @public
 */
export type MarkdownTable = { headers: string[]; rows: string[][] };

/**
 * A fenced code block with its info string (language).
 *
 * @public
 */
export type FencedBlock = { lang: string; content: string };

const FENCE = /^\s{0,3}(```|~~~)\s*([\w-]*)/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function splitRow(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map(cell => cell.trim());
}

/**
 * The tables and fenced code blocks of a markdown document.
 *
 * @public
 */
export function extractMarkdownBlocks(markdown: string): {
  tables: MarkdownTable[];
  fences: FencedBlock[];
} {
  const lines = markdown.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  const fences: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]);
    if (fence) {
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j].trim().startsWith(fence[1])) {
        body.push(lines[j]);
        j++;
      }
      fences.push({ lang: fence[2].toLowerCase(), content: body.join('\n') });
      i = j;
      continue;
    }
    if (lines[i].includes('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const headers = splitRow(lines[i]);
      const rows: string[][] = [];
      let j = i + 2;
      while (j < lines.length && lines[j].includes('|') && lines[j].trim()) {
        rows.push(splitRow(lines[j]));
        j++;
      }
      tables.push({ headers, rows });
      i = j - 1;
    }
  }
  return { tables, fences };
}

/**
 * The index of the first header cell matching one of the patterns, or -1.
 *
 * @public
 */
export function findColumn(
  table: MarkdownTable,
  ...patterns: RegExp[]
): number {
  return table.headers.findIndex(header => {
    const text = markdownInlineToText(header).toLowerCase();
    return patterns.some(pattern => pattern.test(text));
  });
}
