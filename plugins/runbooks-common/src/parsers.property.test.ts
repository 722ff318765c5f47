/*
 * Property-based hardening of the parsers (issue 7): malformed annotations,
 * front matter, index files and rule files never make a parser throw, and
 * every failure comes back as a named problem.
 */
/* Property bodies check optional fields only when a parser returned them. */
/* eslint-disable jest/no-conditional-expect, no-script-url */
import {
  alertPatternProblem,
  buildEntitySnapshot,
  compileAlertPattern,
  extractStatedReviewDates,
  normalizeRelativePath,
  parseAlertsAnnotation,
  parseDuration,
  parseEscalationAnnotation,
  parseLocationAnnotation,
  parseMarkdownFile,
  parseOnCallAnnotation,
  parsePrometheusRules,
  parseReviewDate,
  parseRunbookIndex,
  parseYamlBounded,
  RunbookProblem,
  RUNBOOKS_ANNOTATIONS,
  validateRunbooksAnnotations,
  yamlHasComplexKeys,
} from '.';
import fc from 'fast-check';

const RUNS = { numRuns: 300, seed: 7_2026 };

/**
 * The most one parse or match may take, with a wide margin on this shared
 * machine: the old glob matcher took 17 s for one 256-character name, the
 * old schedule reader 20 s for one 801-byte file.
 */
const PARSE_BOUND_MS = 1_000;

/** Star patterns that made the old regex matcher backtrack: `*a*a*a*c`, up to and past the caps. */
const starPattern: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 12 }),
      fc.constantFrom('a', 'ab', 'A', '_'),
      fc.constantFrom('c', 'b', '', 'a'),
    )
    .map(([n, piece, end]) => `${`*${piece}`.repeat(n)}*${end}`),
  fc
    .string({
      unit: fc.constantFrom('a', '*', 'b'),
      minLength: 1,
      maxLength: 300,
    })
    .map(p => (/^[A-Za-z_:*]/.test(p) ? p : `*${p}`)),
);

/** Alert names of every length up to the API's cap, made of what star patterns look for. */
const longAlertName: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 256 }).map(n => 'a'.repeat(n)),
  fc.string({
    unit: fc.constantFrom('a', 'b'),
    minLength: 200,
    maxLength: 256,
  }),
);

/** YAML whose keys are lists, mappings or aliases, nested: exponential in yaml's toJS. */
const complexKeyYaml: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('? ', '? [', '? {a: ', '- ? ', '? - '),
      fc.integer({ min: 50, max: 1_000 }),
      fc.constantFrom('a', '', ': b'),
    )
    .map(([piece, n, end]) => `${piece.repeat(n)}${end}`),
  fc.constantFrom(
    'rotation:\n  ? [start]\n  : 2026-01-01',
    '&k key: 1\n*k : 2',
    '? { rotation: x }\n: y',
  ),
);

/** Pieces of markdown, YAML and paths that have broken parsers before. */
const HOSTILE_FRAGMENTS = [
  '---',
  '--- ',
  '---\r\n',
  '\uFEFF---\n',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u200b',
  '\uFFFF',
  '\uD800',
  '💥',
  'é',
  '日本語',
  ':',
  ': ',
  '- ',
  '#',
  '# Title',
  '## Category',
  '###### deep #######',
  '```',
  '```yaml',
  '~~~',
  '{',
  '}',
  '[',
  ']',
  '[[[[[[[[[[',
  '&a',
  '*a',
  '*unknown',
  '!!binary',
  '!!js/function',
  '? ',
  '"',
  "'",
  '|',
  '| Alert | Runbook |',
  '| Severity | Response Time |',
  '|---|---|',
  '| --- |',
  '| a |',
  '| a | b | c | d |',
  '||||',
  '\\|',
  'title: [unclosed',
  'title: {a: [b, {c: ',
  'alerts: 5',
  'alerts: [1, 2, {x: y}]',
  'tags: {a: b}',
  'owner: [x]',
  'last-reviewed: 2024-13-45',
  'last-reviewed: 2024-02-30',
  'next-review: not a date',
  'review-interval: forever',
  'review-interval: 0d',
  'severity: null',
  '__proto__: polluted',
  'constructor: x',
  'alert_runbook_mapping:',
  'alert_runbook_mapping: 5',
  'alert_runbook_mapping: [1, {alert: 2, runbook: []}]',
  '  Foo: ../../etc/passwd.md',
  '  - alert: X\n    runbook: //evil/x.md',
  '**Last Updated**: December 2024',
  'Last reviewed: 2024-99',
  'Next Review: Smarch 2024',
  '| Version | Date |',
  '| 1 | 2024-01-01 |',
  '[x](../../etc/passwd.md)',
  '[x](../secret.md)',
  '[x](./a/../../b.md)',
  '[x](javascript:alert(1))',
  '[x](javascript:alert.md)',
  '[x](JaVaScRiPt%3Aalert.md)',
  '[x](javascript%3Aalert.md)',
  '[x](data%3Atext/html.md)',
  '[x](//evil.example/a.md)',
  '[x](%2F%2Fevil.example%2Fa.md)',
  '[x](/etc/passwd.md)',
  '[x](%2Fetc%2Fpasswd.md)',
  '[x](..%2F..%2Fetc%2Fpasswd.md)',
  '[x](%2e%2e/%2e%2e/x.md)',
  '[x](%2e%2e%2fx.md)',
  '[x](a%ZZ.md)',
  '[x](C:%5Cwindows.md)',
  '[x](file:///etc/passwd.md)',
  '[x](https://example.com/a.md)',
  '[x](<a b.md>)',
  '[x](a.md "title")',
  '[x](a.md#anchor#more)',
  '[x](#only-anchor)',
  '[](empty.md)',
  '![img](pic.md)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
];

const fragment = fc.constantFrom(...HOSTILE_FRAGMENTS);

/** Arbitrary text: raw unicode (lone surrogates included), or hostile pieces glued together. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(fc.oneof(fragment, fc.string({ maxLength: 12 })), {
      maxLength: 40,
    })
    .map(parts => parts.join('')),
  fc
    .array(fc.oneof(fragment, fc.string({ maxLength: 12 })), {
      maxLength: 30,
    })
    .map(parts => parts.join('\n')),
);

/** A huge line, deep nesting or an alias bomb: the sizes that exhaust naive code. */
const hugeText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fragment, fc.integer({ min: 1_000, max: 20_000 }))
    .map(([f, n]) => f.repeat(Math.ceil(n / Math.max(1, f.length)))),
  fc
    .integer({ min: 50, max: 3_000 })
    .map(n => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 50, max: 3_000 }).map(n => '{a: '.repeat(n)),
  fc
    .integer({ min: 20, max: 300 })
    .map(n =>
      Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n'),
    ),
  fc.constant(
    [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n'),
  ),
  // Nested complex keys: yaml's toJS is exponential in their depth.
  fc
    .tuple(
      fc.constantFrom('? ', '? [', '? {a: ', '- ? '),
      fc.integer({ min: 20, max: 2_000 }),
    )
    .map(([piece, n]) => piece.repeat(n)),
  fc.integer({ min: 1, max: 2_000 }).map(n => '|'.repeat(n)),
  fc
    .integer({ min: 1, max: 2_000 })
    .map(n => `#${' '.repeat(n)}x${' '.repeat(n)}#`),
);

const anyText = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: hugeText },
);

/** A markdown file with (maybe broken) front matter, as authors get it wrong. */
const markdownFile: fc.Arbitrary<string> = fc.oneof(
  anyText,
  fc
    .tuple(
      fc.constantFrom('---\n', '\uFEFF---\n', '---\r\n', '--- \n', ''),
      fc.oneof(
        anyText,
        fc.array(fragment, { maxLength: 12 }).map(lines => lines.join('\n')),
      ),
      fc.constantFrom('\n---\n', '\r\n---', '\n---', '\n--', ''),
      anyText,
    )
    .map(parts => parts.join('')),
);

/** A markdown table whose rows have too few or too many cells. */
const raggedTable: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      '| Alert | Runbook | Severity |',
      '| Alert Name | Runbook File |',
      '| Severity | Response Time | Description |',
      '| Priority | Respond within |',
      '| Version | Date | Author |',
      'Alert | Runbook',
    ),
    fc.constantFrom('|---|---|---|', '|---|', '--- | ---', '|:--|--:|'),
    fc.array(
      fc
        .array(fc.oneof(fragment, fc.string({ maxLength: 10 })), {
          maxLength: 6,
        })
        .map(cells => `| ${cells.join(' | ')}`),
      { maxLength: 8 },
    ),
  )
  .map(([head, rule, rows]) => [head, rule, ...rows].join('\n'));

const indexFile: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fragment,
      raggedTable,
      anyText,
      fc
        .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }))
        .map(([text, href]) => `- [${text}](${href})`),
      fc
        .array(fc.tuple(fc.string({ maxLength: 10 }), fragment), {
          maxLength: 5,
        })
        .map(
          pairs =>
            `\`\`\`yaml\nalert_runbook_mapping:\n${pairs
              .map(([k, v]) => `  ${k}: ${v}`)
              .join('\n')}\n\`\`\``,
        ),
    ),
    { maxLength: 12 },
  )
  .map(parts => parts.join('\n'));

/** A path inside (or pretending to be inside) a runbooks folder. */
const filePath: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.constantFrom('..', '.', '', 'a', 'A', 'ops', '日本', 'x y', '%2e'),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      { maxLength: 3 },
    ),
    fc.oneof(
      fc.constantFrom('README.md', 'index.md', '_index.md', 'readme.MD'),
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 10 }),
          fc.constantFrom('.md', '.markdown', '.MD', '', '.yaml'),
        )
        .map(([name, ext]) => `${name}${ext}`),
    ),
  )
  .map(([folders, name]) => [...folders, name].join('/'));

function expectProblemsNamed(problems: RunbookProblem[], subject?: string) {
  expect(Array.isArray(problems)).toBe(true);
  for (const problem of problems) {
    expect(['error', 'warning']).toContain(problem.level);
    expect(typeof problem.message).toBe('string');
    expect(problem.message.trim()).not.toBe('');
    expect(typeof problem.subject).toBe('string');
    expect(problem.subject).not.toBe('');
    if (subject !== undefined) expect(problem.subject).toBe(subject);
  }
}

/** Relative, no scheme, no `.`/`..`/empty segments (backslashes are file name characters on POSIX). */
function isSafeRelativePath(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !/^[a-z][a-z0-9+.-]*:/i.test(path) &&
    !path.split('/').some(segment => ['', '.', '..'].includes(segment))
  );
}

const annotationValue = fc.option(anyText, { nil: undefined });

describe('parsers under hostile input', () => {
  it('parseLocationAnnotation never throws and names its key', () => {
    fc.assert(
      fc.property(
        annotationValue,
        fc.constantFrom('runbooks/location', 'runbooks/alert-rules'),
        (value, key) => {
          const result = parseLocationAnnotation(value, key);
          expectProblemsNamed(result.problems, key);
          for (const location of result.value) {
            expect(['dir', 'url']).toContain(location.type);
            expect(location.target).not.toBe('');
            if (location.type === 'dir') {
              expect(location.target.startsWith('/')).toBe(false);
            } else {
              expect(['http:', 'https:']).toContain(
                new URL(location.target).protocol,
              );
            }
          }
          if (!result.value.length) {
            expect(result.problems.length).toBeGreaterThan(0);
          }
        },
      ),
      RUNS,
    );
  });

  it('parseEscalationAnnotation never throws; levels are numbered 1..n with contacts', () => {
    fc.assert(
      fc.property(annotationValue, value => {
        const result = parseEscalationAnnotation(value);
        expectProblemsNamed(result.problems, 'runbooks/escalation');
        result.value.forEach((level, i) => {
          expect(level.level).toBe(i + 1);
          expect(level.contacts.length).toBeGreaterThan(0);
          for (const contact of level.contacts) {
            expect(typeof contact.name).toBe('string');
            expect(Boolean(contact.ref) !== Boolean(contact.uri)).toBe(true);
            if (contact.ref) {
              expect(contact.ref).toMatch(/^(user|group):[^/]+\/.+$/);
            }
          }
        });
      }),
      RUNS,
    );
  });

  it('parseAlertsAnnotation never throws; entries are markdown paths without schemes', () => {
    fc.assert(
      fc.property(annotationValue, value => {
        const result = parseAlertsAnnotation(value);
        expectProblemsNamed(result.problems, 'runbooks/alerts');
        for (const entry of result.value) {
          expect(entry.alert).toMatch(/^[A-Za-z_:*][A-Za-z0-9_:*.-]*$/);
          expect(entry.path).toMatch(/\.(md|markdown)$/i);
          expect(entry.path).not.toContain('://');
          if (entry.anchor !== undefined) expect(entry.anchor).not.toBe('');
        }
      }),
      RUNS,
    );
  });

  it('parseOnCallAnnotation never throws; a schedule stays inside the entity folder', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            'runbooks/on-call': anyText,
            'pagerduty.com/service-id': anyText,
            'opsgenie.com/team': anyText,
          },
          { requiredKeys: [] },
        ),
        annotations => {
          const result = parseOnCallAnnotation(annotations);
          expectProblemsNamed(result.problems, 'runbooks/on-call');
          expect(result.problems.length).toBeLessThanOrEqual(1);
          if (result.value) {
            expect(result.value.provider).toMatch(/^[a-z][a-z0-9-]*$/);
            expect(result.value.target).not.toBe('');
            if (result.value.provider === 'schedule') {
              expect(result.value.target.startsWith('/')).toBe(false);
              expect(result.value.target).not.toContain('..');
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('validateRunbooksAnnotations never throws and only names the keys it was given', () => {
    const key = fc.oneof(
      fc.constantFrom(
        ...RUNBOOKS_ANNOTATIONS,
        'runbooks/locaton',
        'runbooks/',
        'runbooks/💥',
        'pagerduty.com/service-id',
        'opsgenie.com/team',
        'backstage.io/techdocs-ref',
      ),
      fc.string({ maxLength: 20 }).map(s => `runbooks/${s}`),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.option(anyText, { nil: undefined }), {
          maxKeys: 8,
        }),
        annotations => {
          const problems = validateRunbooksAnnotations(annotations);
          expectProblemsNamed(problems);
          const given = Object.keys(annotations);
          for (const problem of problems) {
            expect(given).toContain(problem.subject);
          }
        },
      ),
      RUNS,
    );
  });

  it('parseDuration and parseReviewDate never throw and answer a duration/date or undefined', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.anything(),
          fc
            .tuple(
              fc.nat(),
              fc.constantFrom('d', 'w', 'mo', 'y', 'h', 'm', 'x'),
            )
            .map(([n, u]) => `${n}${u}`),
          fc
            .tuple(fc.nat(99999), fc.nat(99), fc.nat(99))
            .map(([y, m, d]) => `${y}-${m}-${d}`),
          fc.constantFrom('P', 'PT', 'P0D', 'P1Y2M3W4DT5H6M', 'Smarch 2024'),
        ),
        value => {
          const duration = parseDuration(value);
          if (duration) {
            const amounts = Object.values(duration);
            expect(amounts.length).toBeGreaterThan(0);
            for (const amount of amounts) {
              expect(Number.isFinite(amount)).toBe(true);
              expect(amount).toBeGreaterThan(0);
            }
          }
          const date = parseReviewDate(value);
          if (date) expect(Number.isNaN(date.getTime())).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('extractStatedReviewDates never throws and states only valid ISO dates', () => {
    fc.assert(
      fc.property(fc.oneof(markdownFile, indexFile), markdown => {
        const dates = extractStatedReviewDates(markdown);
        for (const value of [dates.lastReviewed, dates.nextReview]) {
          if (value !== undefined) {
            expect(new Date(value).toISOString()).toBe(value);
          }
        }
      }),
      RUNS,
    );
  });

  it('parseMarkdownFile never throws; problems name the file; front matter keeps its types', () => {
    fc.assert(
      fc.property(markdownFile, filePath, (content, path) => {
        const parsed = parseMarkdownFile(content, path);
        expectProblemsNamed(parsed.problems, path);
        for (const problem of parsed.problems) {
          expect(problem.message.startsWith(path)).toBe(true);
        }
        expect(typeof parsed.body).toBe('string');
        expect(parsed.body.length).toBeLessThanOrEqual(content.length);
        const fm = parsed.frontMatter;
        expect(typeof fm).toBe('object');
        for (const key of ['title', 'severity', 'owner', 'category'] as const) {
          if (fm[key] !== undefined) expect(typeof fm[key]).toBe('string');
        }
        for (const key of ['alerts', 'tags'] as const) {
          if (fm[key] !== undefined) {
            expect(Array.isArray(fm[key])).toBe(true);
            for (const item of fm[key]!) expect(typeof item).toBe('string');
          }
        }
        if (fm['review-interval'] !== undefined) {
          expect(parseDuration(fm['review-interval'])).toBeDefined();
        }
      }),
      RUNS,
    );
  });

  it('parseRunbookIndex never throws and never links outside the runbooks folder', () => {
    fc.assert(
      fc.property(indexFile, filePath, (markdown, indexPath) => {
        const index = parseRunbookIndex(markdown, indexPath);
        expectProblemsNamed(index.problems, indexPath);
        // The index's own folder comes from the reader and is trusted; with
        // a folder like `A:` every path would look like a scheme.
        const folder = indexPath.slice(
          0,
          Math.max(0, indexPath.lastIndexOf('/')),
        );
        if (folder && !isSafeRelativePath(`${folder}/x.md`)) return;
        const paths = [
          ...index.links.map(link => link.path),
          ...index.alerts.map(alert => alert.path),
        ];
        for (const path of paths) {
          expect(isSafeRelativePath(path)).toBe(true);
          expect(path).toMatch(/\.(md|markdown)$/i);
        }
        for (const link of index.links) {
          expect(typeof link.title).toBe('string');
          expect(link.title).not.toBe('');
        }
        for (const alert of index.alerts) {
          expect(alert.alert).toMatch(/^[A-Za-z_:*][A-Za-z0-9_:*.-]*$/);
        }
        for (const severity of index.severities) {
          expect(typeof severity.name).toBe('string');
          expect(typeof severity.respondWithin).toBe('string');
        }
        expect(new Set(index.links.map(l => l.path)).size).toBe(
          index.links.length,
        );
      }),
      RUNS,
    );
  });

  it('parseRunbookIndex refuses the classic escapes outright', () => {
    const escapes = HOSTILE_FRAGMENTS.filter(f => f.startsWith('[x]('));
    fc.assert(
      fc.property(
        fc.subarray(escapes, { minLength: 1 }),
        fc.constantFrom('README.md', 'a/index.md', 'a/b/_index.md'),
        (links, indexPath) => {
          const index = parseRunbookIndex(
            links.map(l => `- ${l}`).join('\n'),
            indexPath,
          );
          for (const link of index.links) {
            expect(isSafeRelativePath(link.path)).toBe(true);
            expect(normalizeRelativePath(link.path)).toBe(link.path);
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('parsePrometheusRules never throws and names the rule file', () => {
    const ruleYaml = fc
      .tuple(
        fc.constantFrom(
          'groups:',
          'kind: PrometheusRule\nspec:\n  groups:',
          'groups: 5',
          '',
          '---',
        ),
        fc.array(
          fc.oneof(
            fragment,
            fc.constantFrom(
              '- name: g\n  rules:',
              '  - alert: A',
              '  - alert: [x]',
              '    labels: {severity: [1]}',
              '    annotations: {runbook_url: 5}',
              '  rules: 7',
            ),
          ),
          { maxLength: 10 },
        ),
      )
      .map(([head, lines]) => [head, ...lines].join('\n'));
    fc.assert(
      fc.property(fc.oneof(ruleYaml, anyText), filePath, (content, file) => {
        const result = parsePrometheusRules(content, file);
        expectProblemsNamed(result.problems, file);
        for (const rule of result.rules) {
          expect(typeof rule.alert).toBe('string');
          expect(rule.file).toBe(file);
          for (const value of Object.values(rule.labels)) {
            expect(typeof value).toBe('string');
          }
        }
      }),
      RUNS,
    );
  });

  it('buildEntitySnapshot never throws; runbook ids are URL-safe and unique', () => {
    const files = fc.array(
      fc.record({
        path: filePath,
        content: fc.oneof(markdownFile, indexFile),
      }),
      { maxLength: 8 },
    );
    const annotations = fc.dictionary(
      fc.constantFrom(...RUNBOOKS_ANNOTATIONS, 'runbooks/bogus'),
      anyText,
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(
        annotations,
        fc.array(files, { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ path: filePath, content: anyText }), {
          maxLength: 2,
        }),
        (entityAnnotations, locations, ruleFiles) => {
          const snapshot = buildEntitySnapshot({
            entityRef: 'component:default/fuzzed',
            entityTitle: 'fuzzed',
            annotations: entityAnnotations,
            locations: locations.map(f => ({ files: f })),
            ruleFiles,
            problems: [],
            now: new Date('2026-11-01T00:00:00Z'),
          });
          const ids = snapshot.runbooks.map(r => r.id);
          for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
          expect(new Set(ids).size).toBe(ids.length);
          expectProblemsNamed(snapshot.problems);
          for (const alert of snapshot.alerts) {
            expect(ids).toContain(alert.runbookId);
          }
          for (const runbook of snapshot.runbooks) {
            expect(typeof runbook.title).toBe('string');
            expect(typeof runbook.markdown).toBe('string');
            for (const date of [runbook.lastReviewed, runbook.nextReview]) {
              if (date !== undefined) {
                expect(Number.isNaN(Date.parse(date))).toBe(false);
              }
            }
          }
        },
      ),
      { numRuns: 200, seed: 4242 },
    );
  });

  it('compiled alert patterns agree with a plain glob, and stay fast on star patterns', () => {
    // Short inputs over a two-letter alphabet: every backtracking case, small enough for a regex.
    const small = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 12 });
    const smallPattern = fc.string({
      unit: fc.constantFrom('a', 'b', '*'),
      maxLength: 10,
    });
    fc.assert(
      fc.property(smallPattern, small, (pattern, alert) => {
        const regex = new RegExp(`^${pattern.split('*').join('.*')}$`);
        expect(compileAlertPattern(pattern).matches(alert)).toBe(
          regex.test(alert),
        );
      }),
      { numRuns: 2_000, seed: 12 },
    );
    fc.assert(
      fc.property(starPattern, longAlertName, (pattern, alert) => {
        const started = Date.now();
        compileAlertPattern(pattern).matches(alert);
        expect(Date.now() - started).toBeLessThan(PARSE_BOUND_MS);
      }),
      RUNS,
    );
  });

  it('parseAlertsAnnotation refuses star patterns over the caps, naming them', () => {
    fc.assert(
      fc.property(starPattern, pattern => {
        const { value, problems } = parseAlertsAnnotation(`${pattern}: a.md`);
        if (alertPatternProblem(pattern)) {
          expect(value).toEqual([]);
          expectProblemsNamed(problems);
        } else {
          expect(value.map(entry => entry.alert)).toEqual([pattern]);
        }
      }),
      RUNS,
    );
  });

  it('every YAML reader refuses complex keys and bombs within the bound', () => {
    fc.assert(
      fc.property(complexKeyYaml, yaml => {
        const started = Date.now();
        const frontMatter = parseMarkdownFile(`---\n${yaml}\n---\n# x`, 'x.md');
        const rules = parsePrometheusRules(yaml, 'r.yaml');
        const bounded = parseYamlBounded(yaml, { multipleDocuments: true });
        expect(Date.now() - started).toBeLessThan(PARSE_BOUND_MS);
        expectProblemsNamed(frontMatter.problems);
        expectProblemsNamed(rules.problems);
        if ('documents' in bounded) {
          for (const document of bounded.documents) {
            if ('value' in document) {
              expect(yamlHasComplexKeys(document.document)).toBe(false);
            }
          }
        }
      }),
      { numRuns: 100, seed: 13 },
    );
  });

  it('buildEntitySnapshot answers star patterns against long rule alerts within the bound', () => {
    fc.assert(
      fc.property(
        fc.array(starPattern, { minLength: 1, maxLength: 20 }),
        fc.array(longAlertName, { minLength: 1, maxLength: 20 }),
        (patterns, alerts) => {
          const started = Date.now();
          const snapshot = buildEntitySnapshot({
            entityRef: 'component:default/fuzzed',
            entityTitle: 'fuzzed',
            annotations: {
              'runbooks/location': 'dir:./runbooks',
              'runbooks/alerts': patterns.map(p => `${p}: a.md`).join('\n'),
            },
            locations: [
              {
                files: [
                  {
                    path: 'a.md',
                    content: `---\nalerts: ${JSON.stringify(
                      patterns,
                    )}\n---\n# A`,
                  },
                ],
              },
            ],
            ruleFiles: [
              {
                path: 'r.yaml',
                content: `groups:\n- name: g\n  rules:\n${alerts
                  .map(a => `  - alert: ${JSON.stringify(a)}`)
                  .join('\n')}`,
              },
            ],
            problems: [],
            now: new Date('2026-11-01T00:00:00Z'),
          });
          expect(Date.now() - started).toBeLessThan(PARSE_BOUND_MS);
          expectProblemsNamed(snapshot.problems);
        },
      ),
      { numRuns: 100, seed: 14 },
    );
  });
});
