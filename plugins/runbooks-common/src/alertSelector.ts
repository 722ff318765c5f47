import { RE2JS } from 're2js';
import { RUNBOOKS_ALERT_SELECTOR_ANNOTATION } from './annotations';
import { ParseResult } from './location';
import { RunbookProblem } from './types';

/**
 * One Alertmanager matcher: `name="value"`, `name!="value"`, `name=~"regex"`
 * or `name!~"regex"`.
 *
 * @public
 */
export type AlertMatcher = {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
};

/**
 * A parsed `runbooks/alert-selector`: every matcher must hold for an alert to
 * belong to the entity.
 *
 * @public
 */
export type AlertSelector = {
  matchers: AlertMatcher[];
  /** Whether an alert with these labels satisfies every matcher (a missing label is ""). */
  matches(labels: Record<string, string | undefined>): boolean;
};

/** The longest selector read, in characters. @public */
export const MAX_ALERT_SELECTOR_LENGTH = 4096;
/** The most matchers one selector may hold. @public */
export const MAX_ALERT_SELECTOR_MATCHERS = 32;

const LABEL_START = /[A-Za-z_]/;
const LABEL_PART = /[A-Za-z0-9_]/;
const SPACE = /\s/;
// Characters that end an unquoted value.
const VALUE_END = /[\s,{}"]/;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t' };

class SelectorError extends Error {}

/**
 * A single left-to-right scanner over the selector text: every character is
 * looked at once (quoted strings and names included), so any input of the
 * bounded length parses in linear time. Regexes are compiled by RE2, whose
 * matching is linear too.
 */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new SelectorError(`at character ${this.pos + 1}: ${message}`);
  }
  skipSpace() {
    while (this.pos < this.text.length && SPACE.test(this.text[this.pos])) {
      this.pos++;
    }
  }
  done() {
    return this.pos >= this.text.length;
  }
  peek() {
    return this.text[this.pos];
  }
  quoted(what: string): string {
    // Called with the opening quote under the cursor.
    this.pos++;
    let value = '';
    while (!this.done()) {
      const c = this.text[this.pos++];
      if (c === '"') return value;
      if (c === '\\') {
        if (this.done()) break;
        const next = this.text[this.pos++];
        value += ESCAPES[next] ?? next;
      } else {
        value += c;
      }
    }
    return this.fail(`the quoted ${what} is never closed (missing ")`);
  }
  name(): string {
    if (this.peek() === '"') return this.quoted('label name');
    const start = this.pos;
    if (this.done() || !LABEL_START.test(this.peek())) {
      this.fail(
        `expected a label name (letters, digits and _, not starting with a digit) but found ${describe(
          this.peek(),
        )}`,
      );
    }
    while (!this.done() && LABEL_PART.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  op(name: string): AlertMatcher['op'] {
    const two = this.text.slice(this.pos, this.pos + 2);
    if (two === '=~' || two === '!~' || two === '!=') {
      this.pos += 2;
      return two;
    }
    if (this.peek() === '=') {
      this.pos++;
      return '=';
    }
    return this.fail(
      `expected an operator (=, !=, =~ or !~) after label name "${name}" but found ${describe(
        this.peek(),
      )}`,
    );
  }
  value(name: string): string {
    if (this.peek() === '"') return this.quoted(`value of "${name}"`);
    const start = this.pos;
    while (!this.done() && !VALUE_END.test(this.peek())) this.pos++;
    if (start === this.pos && (this.done() || this.peek() !== ',')) {
      if (this.done()) this.fail(`expected a value for "${name}"`);
      this.fail(
        `expected a value for "${name}" but found ${describe(this.peek())}`,
      );
    }
    return this.text.slice(start, this.pos);
  }
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'the end of the selector';
  if (c === '\n') return 'a line break';
  return `"${c}"`;
}

type CompiledMatcher = AlertMatcher & {
  test(value: string): boolean;
};

function compileMatcher(matcher: AlertMatcher): CompiledMatcher {
  if (matcher.op === '=' || matcher.op === '!=') {
    const equal = matcher.op === '=';
    return { ...matcher, test: v => (v === matcher.value) === equal };
  }
  let regex: RE2JS;
  try {
    // Alertmanager anchors matcher regexes at both ends.
    regex = RE2JS.compile(`^(?:${matcher.value})$`);
  } catch (error) {
    throw new SelectorError(
      `the regex of "${matcher.name}" (${matcher.value}) is not valid RE2: ${
        (error as Error).message
      }`,
    );
  }
  const positive = matcher.op === '=~';
  return { ...matcher, test: v => regex.matches(v) === positive };
}

/**
 * Parses Alertmanager's matcher syntax, as `amtool` and silences take it:
 * `namespace="payments", service=~"checkout.*"`, optionally in `{…}`;
 * matchers are separated by commas or line breaks; values are quoted (with
 * `\"`, `\\`, `\n` escapes) or bare; regexes are RE2, anchored at both ends.
 *
 * @public
 */
export function parseAlertSelector(
  text: string | undefined,
  key: string = RUNBOOKS_ALERT_SELECTOR_ANNOTATION,
): ParseResult<AlertSelector | undefined> {
  const problem = (message: string): RunbookProblem => ({
    level: 'error',
    subject: key,
    message: `Annotation ${key} ${message}; expected Alertmanager matchers such as namespace="payments", service=~"checkout.*"`,
  });
  if (text === undefined || !text.trim()) {
    return text === undefined
      ? { value: undefined, problems: [] }
      : { value: undefined, problems: [problem('is empty')] };
  }
  if (text.length > MAX_ALERT_SELECTOR_LENGTH) {
    return {
      value: undefined,
      problems: [
        problem(
          `is ${text.length} characters long, more than the ${MAX_ALERT_SELECTOR_LENGTH} read`,
        ),
      ],
    };
  }
  try {
    const matchers = scan(text.trim()).map(compileMatcher);
    return {
      value: {
        matchers: matchers.map(({ name, op, value }) => ({ name, op, value })),
        matches: labels => matchers.every(m => m.test(labels[m.name] ?? '')),
      },
      problems: [],
    };
  } catch (error) {
    if (error instanceof SelectorError) {
      return { value: undefined, problems: [problem(error.message)] };
    }
    throw error;
  }
}

function scan(body: string): AlertMatcher[] {
  const s = new Scanner(body);
  const braced = s.peek() === '{';
  if (braced) s.pos++;
  const matchers: AlertMatcher[] = [];
  for (;;) {
    // Separators: commas and line breaks, a trailing comma allowed.
    s.skipSpace();
    while (s.peek() === ',') {
      s.pos++;
      s.skipSpace();
    }
    if (s.done() || (braced && s.peek() === '}')) break;
    if (matchers.length === MAX_ALERT_SELECTOR_MATCHERS) {
      s.fail(`more than ${MAX_ALERT_SELECTOR_MATCHERS} matchers`);
    }
    const name = s.name();
    s.skipSpace();
    const op = s.op(name);
    s.skipSpace();
    const value = s.value(name);
    matchers.push({ name, op, value });
    const before = s.pos;
    s.skipSpace();
    if (
      !s.done() &&
      s.peek() !== ',' &&
      !(braced && s.peek() === '}') &&
      !body.slice(before, s.pos).includes('\n')
    ) {
      s.fail(
        `expected a comma or line break after the matcher on "${name}" but found ${describe(
          s.peek(),
        )}`,
      );
    }
  }
  if (braced) {
    if (s.peek() !== '}') s.fail('the opening { is never closed');
    s.pos++;
    s.skipSpace();
    if (!s.done()) {
      s.fail(`unexpected ${describe(s.peek())} after the closing }`);
    }
  }
  if (!matchers.length) s.fail('holds no matcher');
  return matchers;
}
