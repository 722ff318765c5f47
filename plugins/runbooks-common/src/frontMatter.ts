import { Document, isScalar, Node, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { parseDuration } from './duration';
import { RunbookProblem } from './types';

const stringList = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]))], {
    errorMap: () => ({
      message: 'expected a list of names or a comma-separated string',
    }),
  })
  .transform(value =>
    (Array.isArray(value) ? value.map(String) : value.split(','))
      .map(item => item.trim())
      .filter(Boolean),
  );

const dateLike = z
  .union([z.string(), z.date()])
  .transform(value =>
    value instanceof Date ? value.toISOString().slice(0, 10) : value.trim(),
  );

/**
 * The front matter keys the plugin reads; other keys (Hugo's `weight`…) are kept but ignored.
 *
 * @public
 */
export const runbookFrontMatterSchema = z
  .object({
    title: z.union([z.string(), z.number()]).transform(String).optional(),
    alerts: stringList.optional(),
    severity: z.union([z.string(), z.number()]).transform(String).optional(),
    owner: z.string().optional(),
    category: z.string().optional(),
    'last-reviewed': dateLike.optional(),
    'next-review': dateLike.optional(),
    'review-interval': z
      .string()
      .refine(value => parseDuration(value) !== undefined, {
        message: 'expected a duration such as 90d, 12w, 6mo, 1y or P90D',
      })
      .optional(),
    tags: stringList.optional(),
  })
  .passthrough();

/**
 * Front matter of a runbook after validation.
 *
 * @public
 */
export type RunbookFrontMatter = z.infer<typeof runbookFrontMatterSchema>;

/**
 * A markdown file split into validated front matter and body.
 *
 * @public
 */
export type ParsedMarkdownFile = {
  frontMatter: RunbookFrontMatter;
  body: string;
  problems: RunbookProblem[];
};

/**
 * True when a YAML document has a mapping key that is not a plain value
 * (`? [a]`, `? {a: b}`, an alias). Runbook files never need one, and turning
 * nested ones into JavaScript takes time exponential in the depth (a few
 * hundred `? ` freeze the process for minutes), so callers refuse them.
 *
 * @public
 */
export function yamlHasComplexKeys(document: Document | Node): boolean {
  let found = false;
  visit(document, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const FRONT_MATTER =
  /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Splits YAML front matter from a markdown file and validates the keys the
 * plugin reads. A broken block or a bad value becomes a problem naming the
 * file and key; the rest of the file is still used.
 *
 * @public
 */
export function parseMarkdownFile(
  content: string,
  path: string,
): ParsedMarkdownFile {
  const match = FRONT_MATTER.exec(content);
  if (!match) {
    return {
      frontMatter: {},
      body: content.replace(/^\uFEFF/, ''),
      problems: [],
    };
  }
  const body = content.slice(match[0].length);
  let raw: unknown;
  try {
    const document = parseDocument(match[1]);
    if (document.errors.length) throw document.errors[0];
    if (yamlHasComplexKeys(document)) {
      throw new Error('a key is a list, mapping or alias, not a name');
    }
    raw = document.toJS() ?? {};
  } catch (error) {
    return {
      frontMatter: {},
      body,
      problems: [
        {
          level: 'error',
          subject: path,
          message: `${path}: front matter is not valid YAML (${firstLine(
            error,
          )})`,
        },
      ],
    };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      frontMatter: {},
      body,
      problems: [
        {
          level: 'error',
          subject: path,
          message: `${path}: front matter must be a YAML mapping of keys to values`,
        },
      ],
    };
  }
  const problems: RunbookProblem[] = [];
  const record = { ...(raw as Record<string, unknown>) };
  let result = runbookFrontMatterSchema.safeParse(record);
  while (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue.path[0]);
    if (!(key in record)) return { frontMatter: {}, body, problems };
    problems.push({
      level: 'warning',
      subject: path,
      message: `${path}: front matter "${key}" ignored: ${issue.message}`,
    });
    delete record[key];
    result = runbookFrontMatterSchema.safeParse(record);
  }
  return { frontMatter: result.data, body, problems };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
