import { parseLocationAnnotation } from './location';

describe('parseLocationAnnotation', () => {
  it('reads dir: and url: entries separated by commas', () => {
    expect(
      parseLocationAnnotation(
        'dir:./runbooks, url:https://github.com/acme/ops/tree/main/runbooks',
      ),
    ).toEqual({
      value: [
        { type: 'dir', target: './runbooks' },
        {
          type: 'url',
          target: 'https://github.com/acme/ops/tree/main/runbooks',
        },
      ],
      problems: [],
    });
  });

  it('reports each unusable entry by name and keeps the good ones', () => {
    const result = parseLocationAnnotation(
      'runbooks/, dir:/etc, url:ftp://x/y, url:javascript:alert(1), dir:./ok',
    );
    expect(result.value).toEqual([{ type: 'dir', target: './ok' }]);
    expect(result.problems.map(p => p.message)).toEqual([
      expect.stringContaining('"runbooks/", which is neither'),
      expect.stringContaining('dir: paths must be relative'),
      expect.stringContaining('"ftp://x/y" is not an http(s) URL'),
      expect.stringContaining('is not an http(s) URL'),
    ]);
    expect(result.problems.every(p => p.subject === 'runbooks/location')).toBe(
      true,
    );
  });

  it('reports an empty annotation', () => {
    expect(parseLocationAnnotation('  ').problems[0].message).toContain(
      'is empty',
    );
  });
});
