/**
 * Markdown of about `size` characters each: the worst cases found for the
 * earlier regex-based readers, and the constructs markdown parsers are known
 * to stumble on. Used by the hardening test and `bench/parse.js`.
 */
export function adversarialMarkdown(size: number): Record<string, string> {
  const fill = (unit: string, prefix = '', suffix = '') =>
    prefix +
    unit.repeat(Math.ceil((size - prefix.length) / unit.length)) +
    suffix;
  return {
    'heading followed by spaces and a NUL': fill(' ', '# a', '\0'),
    'unclosed brackets': fill('['),
    'unclosed brackets, one per line': fill('[\n'),
    'unclosed image brackets': fill('![a'),
    'unclosed angle brackets': fill('<'),
    'closing brackets': fill(']'),
    'emphasis delimiters': fill('*a'),
    'underscore delimiters': fill('_a'),
    'strikethrough delimiters': fill('~a'),
    backticks: fill('`a'),
    'nested block quotes': fill('>'),
    'nested lists': fill('- '),
    'spaces before a character in a table rule': fill(' ', '| a | b |\n|', 'x'),
    'spaces in a Label: value line': fill(' ', 'Last Updated:', 'x'),
    'spaces in a severity cell': fill(
      ' ',
      '| Severity | Response Time |\n|---|---|\n| P1',
      'x | 1h |',
    ),
    'a table of a million cells': fill('| x ', '| a | b |\n|---|---|\n'),
    'setext headings': fill('a\n=\n'),
    fences: fill('```\n'),
    'an unclosed HTML comment': fill('-', '<!--'),
    entities: fill('&'),
    'link reference definitions': fill('[a]: b\n'),
    'bare URLs': fill('www.'),
  };
}
