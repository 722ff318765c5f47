/**
 * A calendar-aware duration: months and years keep their calendar meaning
 * (`6mo` from 31 August is 28 February), the rest are fixed lengths.
 *
 * @public
 */
export type CalendarDuration = {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
};

const SHORT_UNITS: Record<string, keyof CalendarDuration> = {
  y: 'years',
  yr: 'years',
  year: 'years',
  years: 'years',
  mo: 'months',
  month: 'months',
  months: 'months',
  w: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  d: 'days',
  day: 'days',
  days: 'days',
  h: 'hours',
  hour: 'hours',
  hours: 'hours',
  m: 'minutes',
  min: 'minutes',
  mins: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
};

const SHORT_FORM = /^\s*(\d+)\s*([a-z]+)\s*$/i;
const ISO_FORM =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i;

/**
 * Parses `90d`, `12w`, `6mo`, `1y`, `4h`, `15m` or ISO 8601 (`P90D`, `PT1H`).
 * Returns undefined for anything else, and for durations of zero.
 *
 * @public
 */
export function parseDuration(value: unknown): CalendarDuration | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const short = SHORT_FORM.exec(text);
  if (short) {
    const unit = SHORT_UNITS[short[2].toLowerCase()];
    const amount = Number(short[1]);
    if (!unit || amount <= 0) return undefined;
    return { [unit]: amount };
  }
  const iso = ISO_FORM.exec(text);
  if (!iso || text.toUpperCase() === 'P' || text.toUpperCase().endsWith('T')) {
    return undefined;
  }
  const [, years, months, weeks, days, hours, minutes] = iso.map(n =>
    n === undefined ? undefined : Number(n),
  );
  const duration: CalendarDuration = {};
  if (years) duration.years = years;
  if (months) duration.months = months;
  if (weeks) duration.weeks = weeks;
  if (days) duration.days = days;
  if (hours) duration.hours = hours;
  if (minutes) duration.minutes = minutes;
  return Object.keys(duration).length ? duration : undefined;
}

/**
 * Adds a duration to a date in UTC, months and years by the calendar
 * (clamped to the end of shorter months).
 *
 * @public
 */
export function addDuration(date: Date, duration: CalendarDuration): Date {
  const result = new Date(date.getTime());
  const months = (duration.years ?? 0) * 12 + (duration.months ?? 0);
  if (months) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + months);
    const lastDay = new Date(
      Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
    ).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const fixedMs =
    ((duration.weeks ?? 0) * 7 + (duration.days ?? 0)) * 86_400_000 +
    (duration.hours ?? 0) * 3_600_000 +
    (duration.minutes ?? 0) * 60_000;
  return new Date(result.getTime() + fixedMs);
}

/**
 * Writes a duration in the short notation (`90d`, `6mo`, `1y2mo`).
 *
 * @public
 */
export function formatDuration(duration: CalendarDuration): string {
  const parts: Array<[number | undefined, string]> = [
    [duration.years, 'y'],
    [duration.months, 'mo'],
    [duration.weeks, 'w'],
    [duration.days, 'd'],
    [duration.hours, 'h'],
    [duration.minutes, 'm'],
  ];
  return parts
    .filter(([amount]) => amount)
    .map(([amount, unit]) => `${amount}${unit}`)
    .join('');
}
