import { alertMatchesPattern } from './alertPattern';
import { parseAlertsAnnotation } from './alertsAnnotation';
import { parseOnCallAnnotation } from './onCallAnnotation';
import { validateRunbooksAnnotations } from './validateAnnotations';

describe('validateRunbooksAnnotations', () => {
  it('accepts a fully annotated entity', () => {
    expect(
      validateRunbooksAnnotations({
        'runbooks/location': 'dir:./runbooks',
        'runbooks/alert-rules': 'dir:./rules',
        'runbooks/review-interval': '6mo',
        'runbooks/escalation': 'group:sre, mailto:a@example.com',
        'runbooks/alerts': 'KubePod*: pods.md#crashloop\nNodeDown: node.md',
        'runbooks/on-call': 'schedule:./oncall.yaml',
      }),
    ).toEqual([]);
  });

  it('names every bad annotation and what is wrong with it', () => {
    const problems = validateRunbooksAnnotations({
      'runbooks/location': 'runbooks',
      'runbooks/alert-rules': 'dir:/etc/prometheus',
      'runbooks/review-interval': 'monthly',
      'runbooks/escalation': 'call Bob',
      'runbooks/alerts': 'NodeDown node.md',
      'runbooks/on-call': 'VictorOps team',
    });
    expect(problems.map(p => p.subject)).toEqual([
      'runbooks/location',
      'runbooks/alert-rules',
      'runbooks/review-interval',
      'runbooks/escalation',
      'runbooks/alerts',
      'runbooks/on-call',
    ]);
    expect(problems.every(p => p.message.includes(p.subject!))).toBe(true);
  });

  it('warns about runbooks/ keys the plugin does not read', () => {
    expect(
      validateRunbooksAnnotations({
        'runbooks/locaton': 'dir:./runbooks',
        'backstage.io/techdocs-ref': 'dir:.',
      }),
    ).toEqual([
      expect.objectContaining({
        level: 'warning',
        subject: 'runbooks/locaton',
        message: expect.stringContaining('runbooks/location'),
      }),
    ]);
  });

  it('knows the contact annotation of users and groups', () => {
    expect(
      validateRunbooksAnnotations({
        'runbooks/contact': 'tel:+15550100, slack:#payments-oncall',
      }),
    ).toEqual([]);
  });
});

describe('parseAlertsAnnotation', () => {
  it('reads names, globs, files and anchors', () => {
    expect(
      parseAlertsAnnotation(
        'KubePod*: ./pods.md#crash-loop\n- NodeDown: node/down.md',
      ).value,
    ).toEqual([
      { alert: 'KubePod*', path: 'pods.md', anchor: 'crash-loop' },
      { alert: 'NodeDown', path: 'node/down.md', anchor: undefined },
    ]);
  });

  it('refuses targets that are not markdown files of the folder', () => {
    const { value, problems } = parseAlertsAnnotation(
      'A: https://evil.example/x.md, B: notes.txt, C$: c.md',
    );
    expect(value).toEqual([]);
    expect(problems).toHaveLength(3);
  });

  it('refuses patterns with too many wildcards or too long', () => {
    const { value, problems } = parseAlertsAnnotation(
      `${'*a'.repeat(9)}*c: x.md\n${'A'.repeat(300)}: y.md\nOk*: z.md`,
    );
    expect(value.map(entry => entry.alert)).toEqual(['Ok*']);
    expect(problems.map(p => p.message)).toEqual([
      expect.stringMatching(/has 10 wildcards; at most 8 are allowed$/),
      expect.stringMatching(/is longer than 256 characters$/),
    ]);
  });

  it('matches globs against alert names', () => {
    expect(alertMatchesPattern('KubePodCrashLooping', 'KubePod*')).toBe(true);
    expect(alertMatchesPattern('KubeNodeDown', 'KubePod*')).toBe(false);
    expect(alertMatchesPattern('a.b', 'a.b')).toBe(true);
    expect(alertMatchesPattern('axb', 'a.b')).toBe(false);
  });
});

describe('parseOnCallAnnotation', () => {
  it('reads the runbooks annotation and falls back to the PagerDuty and Opsgenie ones', () => {
    expect(
      parseOnCallAnnotation({ 'runbooks/on-call': 'pagerduty:PABC123' }).value,
    ).toEqual({
      provider: 'pagerduty',
      target: 'PABC123',
    });
    expect(
      parseOnCallAnnotation({ 'pagerduty.com/service-id': 'P1' }).value,
    ).toEqual({
      provider: 'pagerduty',
      target: 'P1',
    });
    expect(parseOnCallAnnotation({ 'opsgenie.com/team': 'sre' }).value).toEqual(
      {
        provider: 'opsgenie',
        target: 'sre',
      },
    );
    expect(parseOnCallAnnotation({}).value).toBeUndefined();
  });

  it('accepts any provider id, which a backend module may install', () => {
    expect(
      parseOnCallAnnotation({ 'runbooks/on-call': 'rota:team-x' }),
    ).toEqual({ value: { provider: 'rota', target: 'team-x' }, problems: [] });
    expect(
      parseOnCallAnnotation({
        'runbooks/on-call': 'grafana-oncall2: sre team ',
      }).value,
    ).toEqual({ provider: 'grafana-oncall2', target: 'sre team' });
    expect(
      validateRunbooksAnnotations({ 'runbooks/on-call': 'rota:team-x' }),
    ).toEqual([]);
  });

  it('refuses provider ids that no module could have, and empty targets', () => {
    for (const value of [
      'Rota:team-x',
      'rota_v2:team-x',
      '2rota:team-x',
      '-rota:team-x',
      'rota:',
      'rota: ',
      ':team-x',
      'someone, somewhere',
      'on call: jane',
    ]) {
      const result = parseOnCallAnnotation({ 'runbooks/on-call': value });
      expect(result.value).toBeUndefined();
      expect(result.problems).toEqual([
        expect.objectContaining({
          level: 'error',
          subject: 'runbooks/on-call',
          message: expect.stringContaining('<provider>:<target>'),
        }),
      ]);
    }
  });

  it('refuses schedule files outside the entity folder', () => {
    expect(
      parseOnCallAnnotation({
        'runbooks/on-call': 'schedule:../../etc/oncall.yaml',
      }).problems[0].message,
    ).toContain('must be a path inside');
  });

  it.each([
    '%2e%2e/oncall.yaml',
    '%252E%252E/x.yaml',
    '..%2fx.yaml',
    '%5c%5cx',
  ])('refuses schedule:%s, a climb behind percent-encoding', target => {
    expect(
      parseOnCallAnnotation({ 'runbooks/on-call': `schedule:${target}` })
        .problems[0].message,
    ).toBe(
      `Annotation runbooks/on-call: schedule file "${target}" must be a path inside the entity's folder, like schedule:./oncall.yaml`,
    );
  });

  it('keeps schedule files with a literal % in their name', () => {
    expect(
      parseOnCallAnnotation({ 'runbooks/on-call': 'schedule:./100%.yaml' })
        .value,
    ).toEqual({ provider: 'schedule', target: './100%.yaml' });
  });
});

describe('oversized annotations', () => {
  it('refuses a value over 64 KiB with a problem naming the key, without reading it', () => {
    const huge = 'dir:./runbooks,'.repeat(10_000);
    const problems = validateRunbooksAnnotations({
      'runbooks/location': huge,
      'runbooks/escalation': 'group:sre &'.repeat(10_000),
      'runbooks/alerts': 'A: a.md\n'.repeat(10_000),
    });
    expect(problems.map(p => [p.subject, p.message])).toEqual([
      [
        'runbooks/location',
        `Annotation runbooks/location is ${huge.length} characters long; at most 65536 are read, so it was ignored`,
      ],
      [
        'runbooks/escalation',
        expect.stringContaining('at most 65536 are read'),
      ],
      ['runbooks/alerts', expect.stringContaining('at most 65536 are read')],
    ]);
  });
});
