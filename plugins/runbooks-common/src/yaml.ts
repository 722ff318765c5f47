import {
  Composer,
  CST,
  Document,
  isScalar,
  Lexer,
  LineCounter,
  Node,
  Parser,
  visit,
} from 'yaml';

/**
 * Largest YAML text read by default (1 MiB); every file a runbooks reader
 * parses is far smaller.
 *
 * @public
 */
export const YAML_MAX_BYTES = 1_048_576;

/**
 * Aliases (`*name`) expanded at most per document: enough for hand-written
 * anchors, far too few for an alias bomb.
 *
 * @public
 */
export const YAML_MAX_ALIAS_COUNT = 50;

/**
 * Deepest nesting of collections read. Hand-written files nest a handful of
 * levels; the YAML library composes nodes recursively, and a few thousand
 * levels exhaust the stack, which can abort the whole process.
 *
 * @public
 */
export const YAML_MAX_DEPTH = 64;

/**
 * Options of {@link parseYamlBounded}.
 *
 * @public
 */
export type BoundedYamlOptions = {
  /** Refuse texts longer than this many UTF-8 bytes. Default {@link YAML_MAX_BYTES}. */
  maxBytes?: number;
  /** Several `---` separated documents are read; otherwise a second one is an error. */
  multipleDocuments?: boolean;
  /** Collects line positions, for callers that point at lines. */
  lineCounter?: LineCounter;
};

/**
 * One YAML document read by {@link parseYamlBounded}: its value, or why it
 * was refused (with the 1-based line when known).
 *
 * @public
 */
export type BoundedYamlDocument =
  | { value: unknown; document: Document.Parsed }
  | { error: string; line?: number };

/**
 * What {@link parseYamlBounded} read: the documents, or why the whole text was refused.
 *
 * @public
 */
export type BoundedYamlResult =
  | { documents: BoundedYamlDocument[] }
  | { error: string };

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

/**
 * The one way the runbooks packages read YAML written by catalog authors
 * (front matter, rule files, index blocks, on-call schedules, catalog files):
 * a size cap, no complex keys, and a cap on alias expansion, so that no file
 * can make a parse take more than linear time. Never throws; each error is a
 * one-line message.
 *
 * @public
 */
export function parseYamlBounded(
  text: string,
  options: BoundedYamlOptions = {},
): BoundedYamlResult {
  const maxBytes = options.maxBytes ?? YAML_MAX_BYTES;
  if (utf8Length(text) > maxBytes) {
    return { error: `is larger than ${maxBytes} bytes` };
  }
  const lineCounter = options.lineCounter ?? new LineCounter();
  let parsed: Document.Parsed[];
  try {
    // The YAML library parses and composes deep nesting recursively, and
    // near the stack limit V8 may abort the process instead of throwing: the
    // text is measured with its lexer (flat) first, the syntax tree after.
    if (mayNestDeeperThan(text, 4 * YAML_MAX_DEPTH)) {
      return { error: `nests deeper than ${YAML_MAX_DEPTH} levels` };
    }
    const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
    if (nestingDepth(tokens) > YAML_MAX_DEPTH) {
      return { error: `nests deeper than ${YAML_MAX_DEPTH} levels` };
    }
    parsed = Array.from(new Composer().compose(tokens));
  } catch (error) {
    return { error: firstLine(error) };
  }
  if (!options.multipleDocuments && parsed.length > 1) {
    return {
      error: `has ${parsed.length} documents separated by ---; expected one`,
    };
  }
  return {
    documents: parsed.map(document => readDocument(document, lineCounter)),
  };
}

/**
 * An upper bound of the nesting depth from the lexer's tokens: each level
 * needs one more space of indentation, an indicator (`-`, `?`, `:`) on the
 * same line, or an open bracket.
 */
function mayNestDeeperThan(text: string, limit: number): boolean {
  let indent = 0;
  let inline = 0;
  let flow = 0;
  let lineStart = true;
  let scalarValue = false;
  for (const token of new Lexer().lex(text)) {
    if (scalarValue) {
      // A plain or block scalar's text, whatever it holds.
      scalarValue = false;
      continue;
    }
    if (token === CST.SCALAR) {
      scalarValue = true;
      lineStart = false;
      continue;
    }
    switch (CST.tokenType(token)) {
      case 'newline':
        indent = 0;
        inline = 0;
        lineStart = true;
        continue;
      case 'space':
        if (lineStart) indent = token.length;
        continue;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
        inline++;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        flow++;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow = Math.max(0, flow - 1);
        break;
      default:
        break;
    }
    lineStart = false;
    if (indent + inline + flow > limit) return true;
  }
  return false;
}

/** How deep collections nest in a syntax tree, walked without recursion. */
function nestingDepth(tokens: CST.Token[]): number {
  let deepest = 0;
  const stack: Array<[CST.Token, number]> = tokens.map(token => [token, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > YAML_MAX_DEPTH) return deepest;
    if (token.type === 'document' && token.value) {
      stack.push([token.value, depth]);
    } else if ('items' in token) {
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return deepest;
}

function readDocument(
  document: Document.Parsed,
  lineCounter: LineCounter,
): BoundedYamlDocument {
  if (document.errors.length) {
    const error = document.errors[0];
    return {
      error: firstLine(error),
      line: lineCounter.linePos(error.pos[0]).line,
    };
  }
  if (yamlHasComplexKeys(document)) {
    return { error: 'a key is a list, mapping or alias, not a name' };
  }
  try {
    return {
      value: document.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }),
      document,
    };
  } catch (error) {
    // Unresolved aliases, too many aliases and very deep nesting throw here.
    return { error: firstLine(error) };
  }
}

/**
 * The single document of a YAML text, or why it was refused: the common case
 * of {@link parseYamlBounded}. An empty text is the value `null`.
 *
 * @public
 */
export function parseYamlValue(
  text: string,
  options: Omit<BoundedYamlOptions, 'multipleDocuments'> = {},
): { value: unknown } | { error: string } {
  const result = parseYamlBounded(text, options);
  if ('error' in result) return result;
  const [first] = result.documents;
  if (!first) return { value: null };
  if ('error' in first) {
    return {
      error: first.line ? `line ${first.line}: ${first.error}` : first.error,
    };
  }
  return { value: first.value ?? null };
}

/** UTF-8 length without allocating (this package also runs in the browser, which has no Buffer). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
