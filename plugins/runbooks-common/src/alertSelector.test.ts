import { parseAlertSelector } from './alertSelector';
import { validateRunbooksAnnotations } from './validateAnnotations';

function selector(text: string) {
  const { value, problems } = parseAlertSelector(text);
  expect(problems).toEqual([]);
  return value!;
}

function problem(text: string): string {
  const { value, problems } = parseAlertSelector(text);
  expect(value).toBeUndefined();
  expect(problems).toHaveLength(1);
  expect(problems[0].subject).toBe('runbooks/alert-selector');
  return problems[0].message;
}

describe('parseAlertSelector', () => {
  it('reads the matchers of the issue, with and without braces', () => {
    for (const text of [
      'namespace="payments", service=~"checkout.*"',
      '{namespace="payments",service=~"checkout.*"}',
      'namespace=payments\nservice =~ "checkout.*",',
    ]) {
      expect(selector(text).matchers).toEqual([
        { name: 'namespace', op: '=', value: 'payments' },
        { name: 'service', op: '=~', value: 'checkout.*' },
      ]);
    }
  });

  it('matches labels the way Alertmanager does: anchored regexes, missing labels empty', () => {
    const s = selector('namespace="payments", service=~"checkout.*"');
    expect(s.matches({ namespace: 'payments', service: 'checkout-api' })).toBe(
      true,
    );
    expect(s.matches({ namespace: 'payments', service: 'my-checkout' })).toBe(
      false,
    );
    expect(s.matches({ namespace: 'orders', service: 'checkout' })).toBe(false);
    expect(s.matches({ service: 'checkout' })).toBe(false);
    const negative = selector('team!="infra", pod!~"test-.*"');
    expect(negative.matches({})).toBe(true);
    expect(negative.matches({ team: 'infra' })).toBe(false);
    expect(negative.matches({ pod: 'test-1' })).toBe(false);
    expect(selector('env=""').matches({})).toBe(true);
  });

  it('reads escapes in quoted values', () => {
    expect(selector('msg="say \\"hi\\"\\\\"').matchers[0].value).toBe(
      'say "hi"\\',
    );
  });

  it('names what is wrong and where', () => {
    expect(problem('namespace')).toMatch(
      /at character 10: expected an operator \(=, !=, =~ or !~\) after label name "namespace" but found the end of the selector/,
    );
    expect(problem('namespace="payments')).toMatch(
      /quoted value of "namespace" is never closed/,
    );
    expect(problem('1abc="x"')).toMatch(/expected a label name/);
    expect(problem('a="x" b="y"')).toMatch(
      /expected a comma or line break after the matcher on "a"/,
    );
    expect(problem('{a="x"')).toMatch(/opening \{ is never closed/);
    expect(problem('a=~"(x"')).toMatch(
      /the regex of "a" \(\(x\) is not valid RE2: .*missing closing \)/,
    );
    expect(problem('a=~"(?=x)"')).toMatch(/not valid RE2/);
    expect(problem(' ')).toMatch(/is empty/);
    expect(problem('{}')).toMatch(/holds no matcher/);
    expect(problem('a="1",'.repeat(33))).toMatch(/more than 32 matchers/);
    expect(problem(`a="${'x'.repeat(5000)}"`)).toMatch(
      /is 5004 characters long/,
    );
  });

  it('stays linear on hostile input of the longest length', () => {
    const inputs = [
      `a="${'\\'.repeat(4000)}`,
      `a=~"${'(a*)*'.repeat(800)}b"`,
      'a'.repeat(4096),
      `${'a="x",'.repeat(600)}`,
    ];
    for (const text of inputs) {
      const started = Date.now();
      parseAlertSelector(text);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    const s = selector('a=~"(a*)*b"');
    const started = Date.now();
    expect(s.matches({ a: 'a'.repeat(100_000) })).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is checked with the other annotations', () => {
    expect(
      validateRunbooksAnnotations({ 'runbooks/alert-selector': 'ns=' }),
    ).toEqual([
      expect.objectContaining({
        level: 'error',
        subject: 'runbooks/alert-selector',
        message: expect.stringMatching(/expected a value for "ns"/),
      }),
    ]);
    expect(
      validateRunbooksAnnotations({ 'runbooks/alert-selector': 'ns="x"' }),
    ).toEqual([]);
  });
});
