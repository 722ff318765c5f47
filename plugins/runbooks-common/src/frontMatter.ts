import { z } from 'zod';
import { alertPatternProblem } from './alertPattern';
import { parseDuration } from './duration';
import { RunbookProblem } from './types';
import { parseYamlValue } from './yaml';

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

export { yamlHasComplexKeys } from './yaml';

/** Front matter is a few lines; a larger block is not front matter anyone wrote by hand. */
const FRONT_MATTER_MAX_BYTES = 65_536;

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
  const yaml = parseYamlValue(match[1], { maxBytes: FRONT_MATTER_MAX_BYTES });
  const refused = (message: string): ParsedMarkdownFile => ({
    frontMatter: {},
    body,
    problems: [
      { level: 'error', subject: path, message: `${path}: ${message}` },
    ],
  });
  if ('error' in yaml) {
    return refused(`front matter is not valid YAML (${yaml.error})`);
  }
  const raw = yaml.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return refused('front matter must be a YAML mapping of keys to values');
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
  const frontMatter = result.data;
  if (frontMatter.alerts) {
    frontMatter.alerts = frontMatter.alerts.filter(alert => {
      const wrong = alertPatternProblem(alert);
      if (wrong) {
        problems.push({
          level: 'warning',
          subject: path,
          message: `${path}: front matter "alerts" entry ignored: ${wrong}`,
        });
      }
      return !wrong;
    });
  }
  return { frontMatter, body, problems };
}
