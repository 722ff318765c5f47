import { parseYamlBounded, parseYamlValue } from './yaml';

describe('parseYamlBounded', () => {
  it('reads plain YAML', () => {
    expect(parseYamlValue('a: 1\nb: [x, y]\n')).toEqual({
      value: { a: 1, b: ['x', 'y'] },
    });
  });

  // yaml's toJS is exponential in the depth of nested complex keys: this 801-byte text took 20 s.
  it('refuses nested complex keys at once', () => {
    const started = Date.now();
    expect(parseYamlValue(`${'? '.repeat(400)}a`)).toEqual({
      error: 'nests deeper than 64 levels',
    });
    expect(parseYamlValue('? [a]\n: b')).toEqual({
      error: 'a key is a list, mapping or alias, not a name',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  // Composing a few thousand levels exhausts the stack; in plain Node the second such parse aborted the process.
  it.each(['? - ', '- ', '[', '{a: ', '- ? '])(
    'refuses %j nested thousands deep, again and again',
    piece => {
      for (let i = 0; i < 5; i++) {
        expect(parseYamlValue(piece.repeat(50_000))).toEqual({
          error: 'nests deeper than 64 levels',
        });
      }
    },
  );

  it('reads nesting as deep as hand-written files go', () => {
    let text = 'leaf: 1';
    for (let i = 0; i < 30; i++) {
      text = `k${i}:\n${text.replace(/^/gm, '  ')}`;
    }
    expect('value' in parseYamlValue(text)).toBe(true);
    expect(parseYamlValue('a: [[[[[1]]]]]\nb: {c: {d: [e]}}')).toEqual({
      value: { a: [[[[[1]]]]], b: { c: { d: ['e'] } } },
    });
  });

  it('refuses texts over the size cap', () => {
    expect(parseYamlValue('a: 1234567890', { maxBytes: 10 })).toEqual({
      error: 'is larger than 10 bytes',
    });
    expect(parseYamlValue('a: é', { maxBytes: 4 })).toEqual({
      error: 'is larger than 4 bytes',
    });
  });

  it('refuses an alias bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(parseYamlValue(bomb)).toEqual({
      error: expect.stringMatching(/alias/i),
    });
  });

  it('names the line of a syntax error', () => {
    expect(parseYamlValue('a: 1\nb: [\n')).toEqual({
      error: expect.stringMatching(/^line \d+: /),
    });
  });

  it('reads several documents only when asked, each on its own', () => {
    expect(parseYamlValue('a: 1\n---\nb: 2\n')).toEqual({
      error: 'has 2 documents separated by ---; expected one',
    });
    const result = parseYamlBounded('a: 1\n---\n? [x]\n: y\n', {
      multipleDocuments: true,
    });
    expect('documents' in result && result.documents).toEqual([
      expect.objectContaining({ value: { a: 1 } }),
      { error: 'a key is a list, mapping or alias, not a name' },
    ]);
  });
});
