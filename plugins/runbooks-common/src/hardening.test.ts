/*
 * Every parser of runbooks-common reads 1 MiB of the input that made the
 * earlier, regex-based readers take seconds to minutes (3-25 s at 100 KB,
 * so minutes to hours at 1 MiB) within a bound: they run in time linear in
 * their input.
 */
import { buildEntitySnapshot } from './snapshot/buildEntitySnapshot';
import { parseAlertsAnnotation } from './alertsAnnotation';
import { parsePrometheusRules } from './alertRules';
import { parseDuration } from './duration';
import { parseEscalationAnnotation } from './escalation';
import { parseMarkdownFile } from './frontMatter';
import { parseLocationAnnotation } from './location';
import { readMarkdownDocument } from './markdown';
import { parseOnCallAnnotation } from './onCallAnnotation';
import { parseReviewDate } from './review';
import { extractStatedReviewDates } from './reviewDates';
import { parseRunbookIndex } from './runbookIndex';
import { validateRunbooksAnnotations } from './validateAnnotations';
import { adversarialMarkdown } from './__testUtils__/adversarialMarkdown';

const MiB = 1024 * 1024;
const fill = (unit: string, prefix = '', suffix = '') =>
  prefix + unit.repeat(Math.ceil((MiB - prefix.length) / unit.length)) + suffix;
const ADVERSARIAL_MARKDOWN = adversarialMarkdown(MiB);

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

// Each of these takes well under a second on an idle machine (bench/parse.js
// prints the figures). The bound leaves room for a CI machine loaded several
// times over (2 s was exceeded once under such load), against minutes for the
// readers these inputs were found against.
const BOUND_MS = 10_000;
jest.setTimeout(120_000);

describe('every parser is linear in its input', () => {
  it.each(Object.entries(ADVERSARIAL_MARKDOWN))(
    'reads 1 MiB of %s as a runbook and as an index within the bound',
    (_name, markdown) => {
      expect(markdown.length).toBeGreaterThanOrEqual(MiB);
      const ms = timed(() => {
        const document = readMarkdownDocument(markdown);
        parseRunbookIndex(document, 'README.md');
        extractStatedReviewDates(document);
      });
      expect(ms).toBeLessThan(BOUND_MS);
    },
  );

  it('builds a snapshot of 1 MiB runbooks and indexes of the worst cases within the bound each', () => {
    for (const markdown of Object.values(ADVERSARIAL_MARKDOWN).slice(0, 4)) {
      const ms = timed(() =>
        buildEntitySnapshot({
          entityRef: 'component:default/x',
          entityTitle: 'x',
          annotations: {},
          problems: [],
          now: new Date(),
          locations: [
            {
              files: [
                { path: 'README.md', content: markdown },
                { path: 'a.md', content: markdown },
              ],
            },
          ],
        }),
      );
      expect(ms).toBeLessThan(2 * BOUND_MS);
    }
  });

  const annotationCases: Array<[string, () => unknown]> = [
    [
      'escalation: spaces around no &',
      () => parseEscalationAnnotation(fill(' ', 'group:a', 'x')),
    ],
    ['escalation: a million &', () => parseEscalationAnnotation(fill('&'))],
    ['locations: a million commas', () => parseLocationAnnotation(fill(','))],
    [
      'locations: one long dir',
      () => parseLocationAnnotation(fill('a/', 'dir:')),
    ],
    [
      'on-call: spaces after the provider',
      () =>
        parseOnCallAnnotation({
          'runbooks/on-call': fill(' ', 'pagerduty:', '\n'),
        }),
    ],
    ['durations: digits and spaces', () => parseDuration(fill('1 '))],
    ['review dates: digits', () => parseReviewDate(fill('1'))],
    [
      'review dates: a month and spaces',
      () => parseReviewDate(fill(' ', 'December', 'x')),
    ],
    [
      'front matter: an unclosed block',
      () => parseMarkdownFile(fill('a: b\n', '---\n'), 'a.md'),
    ],
    [
      'front matter: closers followed by spaces',
      () => parseMarkdownFile(fill('\n--- x', '---\na: b'), 'a.md'),
    ],
    [
      'every annotation at once',
      () =>
        validateRunbooksAnnotations({
          'runbooks/location': fill(' ,'),
          'runbooks/escalation': fill(' &'),
          'runbooks/review-interval': fill(' '),
          'runbooks/on-call': fill(' :'),
        }),
    ],
    [
      'rule files: a long expression',
      () =>
        parsePrometheusRules(
          fill('a', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: '),
          'rules.yaml',
        ),
    ],
  ];

  it.each(annotationCases)('reads 1 MiB of %s within the bound', (_n, run) => {
    expect(timed(run)).toBeLessThan(BOUND_MS);
  });

  it('reads alert mappings of 1 MiB within the bound', () => {
    expect(timed(() => parseAlertsAnnotation(fill('A: a.md\n')))).toBeLessThan(
      BOUND_MS,
    );
  });
});
