import { parseMarkdownFile } from './frontMatter';

describe('parseMarkdownFile', () => {
  it('ignores front matter alerts that are not alert names or patterns, naming them', () => {
    const parsed = parseMarkdownFile(
      `---\nalerts: [Good*, "${'*a'.repeat(20)}", "bad name"]\n---\n# x`,
      'x.md',
    );
    expect(parsed.frontMatter.alerts).toEqual(['Good*']);
    expect(parsed.problems.map(p => p.message)).toEqual([
      expect.stringMatching(
        /^x\.md: front matter "alerts" entry ignored: .* has 20 wildcards; at most 8 are allowed$/,
      ),
      'x.md: front matter "alerts" entry ignored: "bad name" is not a valid alert name (letters, digits, _ and : , with * as a wildcard)',
    ]);
  });

  it('reads the contract keys and keeps the body', () => {
    const parsed = parseMarkdownFile(
      [
        '---',
        'title: Backend down',
        'alerts: [BackendDown, BackendSlow]',
        'severity: P1',
        'last-reviewed: 2026-11-02',
        'review-interval: 90d',
        'tags: backstage, availability',
        'weight: 20',
        '---',
        '# Backend down',
      ].join('\n'),
      'backend-down.md',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.frontMatter).toMatchObject({
      title: 'Backend down',
      alerts: ['BackendDown', 'BackendSlow'],
      severity: 'P1',
      'last-reviewed': '2026-11-02',
      'review-interval': '90d',
      tags: ['backstage', 'availability'],
      weight: 20,
    });
    expect(parsed.body).toBe('# Backend down');
  });

  it('reads Hugo front matter of the kube-prometheus runbooks, with CRLF and a BOM', () => {
    const parsed = parseMarkdownFile(
      '\uFEFF---\r\ntitle: Alertmanager Failed Reload\r\nweight: 20\r\n---\r\n\r\n# AlertmanagerFailedReload\r\n',
      'AlertmanagerFailedReload.md',
    );
    expect(parsed.frontMatter.title).toBe('Alertmanager Failed Reload');
    expect(parsed.body).toContain('# AlertmanagerFailedReload');
  });

  it('names the file when the front matter is not YAML, and still returns the body', () => {
    const parsed = parseMarkdownFile(
      '---\ntitle: [unclosed\n---\n# Body',
      'bad.md',
    );
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].message).toMatch(
      /^bad\.md: front matter is not valid YAML/,
    );
    expect(parsed.body).toBe('# Body');
  });

  it('drops a bad value with a warning naming the key, keeping the good ones', () => {
    const parsed = parseMarkdownFile(
      '---\ntitle: Ok\nreview-interval: sometimes\nalerts: {a: 1}\n---\nbody',
      'x.md',
    );
    expect(parsed.frontMatter.title).toBe('Ok');
    expect(parsed.frontMatter['review-interval']).toBeUndefined();
    expect(parsed.problems.map(p => p.message).sort()).toEqual([
      'x.md: front matter "alerts" ignored: expected a list of names or a comma-separated string',
      'x.md: front matter "review-interval" ignored: expected a duration such as 90d, 12w, 6mo, 1y or P90D',
    ]);
  });

  it('treats a front matter that is a list or a scalar as a problem', () => {
    expect(
      parseMarkdownFile('---\n- a\n---\nbody', 'l.md').problems[0].message,
    ).toContain('must be a YAML mapping');
  });

  it('leaves files without front matter alone', () => {
    expect(parseMarkdownFile('# Title\n---\n', 't.md')).toEqual({
      frontMatter: {},
      body: '# Title\n---\n',
      problems: [],
    });
  });
});
