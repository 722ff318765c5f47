import { RunbookHeading } from '../types';
import {
  MarkdownDocument,
  MarkdownTable,
  readMarkdownDocument,
} from './markdownDocument';

/**
 * Markdown text, or the document already read from it.
 *
 * @public
 */
export type MarkdownSource = string | MarkdownDocument;

/**
 * The document of a markdown source, reading it only when it is text.
 *
 * @public
 */
export function toMarkdownDocument(source: MarkdownSource): MarkdownDocument {
  return typeof source === 'string' ? readMarkdownDocument(source) : source;
}

/**
 * Every heading of a document (ATX and setext, in lists and block quotes too;
 * not in code blocks or HTML), with the anchor the rendered page gives it.
 *
 * @public
 */
export function extractHeadings(source: MarkdownSource): RunbookHeading[] {
  return toMarkdownDocument(source).headings;
}

/**
 * The first level-one heading of a document, if it has one.
 *
 * @public
 */
export function extractTitle(source: MarkdownSource): string | undefined {
  return toMarkdownDocument(source).title;
}

/**
 * Markdown reduced to the words a reader sees, for search indexes: code and
 * identifiers such as `kube_pod_status_ready` kept as written, markup and
 * link targets dropped.
 *
 * @public
 */
export function markdownToPlainText(source: MarkdownSource): string {
  return toMarkdownDocument(source).plainText;
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
 * The index of the first header cell matching one of the patterns, or -1.
 *
 * @public
 */
export function findColumn(
  table: MarkdownTable,
  ...patterns: RegExp[]
): number {
  return table.headers.findIndex(header => {
    const text = header.toLowerCase();
    return patterns.some(pattern => pattern.test(text));
  });
}
