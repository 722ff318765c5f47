import { RUNBOOKS_LOCATION_ANNOTATION } from './annotations';
import { RunbookProblem } from './types';

/**
 * One place runbooks are read from.
 *
 * @public
 */
export type RunbooksLocation =
  | { type: 'dir'; target: string }
  | { type: 'url'; target: string };

/**
 * Result of parsing an annotation: what could be read, and what was wrong.
 *
 * @public
 */
export type ParseResult<T> = { value: T; problems: RunbookProblem[] };

/**
 * The longest annotation value the parsers read. A list of locations,
 * contacts or alert mappings is a few lines; a megabyte of commas is not
 * worth splitting.
 *
 * @public
 */
export const MAX_ANNOTATION_LENGTH = 64 * 1024;

/**
 * The problem of an annotation value longer than {@link MAX_ANNOTATION_LENGTH}, if it is.
 *
 * @public
 */
export function oversizedAnnotation(
  key: string,
  value: string | undefined,
): RunbookProblem | undefined {
  if (!value || value.length <= MAX_ANNOTATION_LENGTH) return undefined;
  return {
    level: 'error',
    subject: key,
    message: `Annotation ${key} is ${value.length} characters long; at most ${MAX_ANNOTATION_LENGTH} are read, so it was ignored`,
  };
}

/**
 * Parses a `dir:`/`url:` list such as the `runbooks/location` annotation.
 * Entries that cannot be used are left out and reported as problems.
 *
 * @public
 */
export function parseLocationAnnotation(
  value: string | undefined,
  key: string = RUNBOOKS_LOCATION_ANNOTATION,
): ParseResult<RunbooksLocation[]> {
  const problems: RunbookProblem[] = [];
  const locations: RunbooksLocation[] = [];
  const oversized = oversizedAnnotation(key, value);
  if (oversized) return { value: locations, problems: [oversized] };
  const entries = (value ?? '')
    .split(/[,\n]/)
    .map(entry => entry.trim())
    .filter(Boolean);
  if (!entries.length) {
    problems.push({
      level: 'error',
      subject: key,
      message: `Annotation ${key} is empty; expected dir:./runbooks or url:https://…`,
    });
  }
  for (const entry of entries) {
    const match = /^(dir|url):(.*)$/.exec(entry);
    const target = match?.[2].trim();
    if (!match || !target) {
      problems.push({
        level: 'error',
        subject: key,
        message: `Annotation ${key} has "${entry}", which is neither dir:<relative path> nor url:<https URL>`,
      });
      continue;
    }
    if (match[1] === 'url') {
      if (!isHttpUrl(target)) {
        problems.push({
          level: 'error',
          subject: key,
          message: `Annotation ${key} has "${entry}": "${target}" is not an http(s) URL`,
        });
        continue;
      }
      locations.push({ type: 'url', target });
      continue;
    }
    if (target.startsWith('/') || /^[a-z]:[\\/]/i.test(target)) {
      problems.push({
        level: 'error',
        subject: key,
        message: `Annotation ${key} has "${entry}": dir: paths must be relative to catalog-info.yaml, like dir:./runbooks`,
      });
      continue;
    }
    locations.push({ type: 'dir', target });
  }
  return { value: locations, problems };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
