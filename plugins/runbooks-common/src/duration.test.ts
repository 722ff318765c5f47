import { addDuration, formatDuration, parseDuration } from './duration';

describe('durations', () => {
  it.each([
    ['90d', { days: 90 }],
    ['12w', { weeks: 12 }],
    ['6mo', { months: 6 }],
    ['1y', { years: 1 }],
    ['15m', { minutes: 15 }],
    ['24h', { hours: 24 }],
    ['P90D', { days: 90 }],
    ['P1Y2M', { years: 1, months: 2 }],
    ['PT1H30M', { hours: 1, minutes: 30 }],
  ])('reads %s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each(['', 'soon', '0d', '-3d', 'P', 'PT', '90 parsecs', '1.5d'])(
    'refuses "%s"',
    text => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('adds months by the calendar, clamping to the end of short months', () => {
    const aug31 = new Date('2026-08-31T00:00:00Z');
    expect(addDuration(aug31, { months: 6 }).toISOString()).toBe(
      '2027-02-28T00:00:00.000Z',
    );
    expect(addDuration(aug31, { days: 90 }).toISOString()).toBe(
      '2026-11-29T00:00:00.000Z',
    );
  });

  it('writes durations back in the short notation', () => {
    expect(formatDuration({ years: 1, months: 2 })).toBe('1y2mo');
  });
});
