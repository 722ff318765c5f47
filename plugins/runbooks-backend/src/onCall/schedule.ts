import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EscalationContact,
  parseEscalationAnnotation,
  parseYamlValue,
  RUNBOOKS_ON_CALL_ANNOTATION,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** A validated on-call schedule file (`runbooks/on-call: schedule:./oncall.yaml`). */
export type Schedule = {
  /** First hand-over. */
  start: Date;
  /** Wall-clock length of one turn, in milliseconds. */
  everyMs: number;
  /** IANA zone whose wall clock hand-overs follow; UTC when the file names none. */
  zone: string;
  members: EscalationContact[];
  overrides: Array<{ from: Date; to: Date; member: EscalationContact }>;
};

const timestamp = z.union([z.string(), z.date()]);

const fileSchema = z.object({
  rotation: z.object({
    start: timestamp,
    every: z.union([z.string(), z.number()]),
    members: z.array(z.string()).min(1),
    timeZone: z.string().optional(),
  }),
  overrides: z
    .array(z.object({ from: timestamp, to: timestamp, member: z.string() }))
    .nullish(),
});

const PERIOD = /^(\d+)\s*(m|min|h|d|w)$/i;
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** A rotation file is a few lines; anything near this size is not one. */
const SCHEDULE_MAX_BYTES = 65_536;

/**
 * Parses and validates a schedule file. Every problem names the file and the
 * key, e.g. `oncall.yaml: rotation.every "fortnight" is not a period …`.
 */
export function parseSchedule(
  content: string,
  file: string,
): { schedule?: Schedule; problems: RunbookProblem[] } {
  const problems: RunbookProblem[] = [];
  const report = (message: string) => {
    problems.push({
      level: 'error',
      subject: RUNBOOKS_ON_CALL_ANNOTATION,
      message: `${file}: ${message}`,
    });
    return { problems };
  };

  const yaml = parseYamlValue(content, { maxBytes: SCHEDULE_MAX_BYTES });
  if ('error' in yaml) return report(`is not valid YAML: ${yaml.error}`);
  const parsed = fileSchema.safeParse(yaml.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      report(`${formatPath(issue.path) || 'the file'} ${describeIssue(issue)}`);
    }
    return { problems };
  }
  const { rotation, overrides } = parsed.data;

  let zone = 'UTC';
  if (rotation.timeZone !== undefined) {
    if (!IANAZone.isValidZone(rotation.timeZone)) {
      report(
        `rotation.timeZone "${rotation.timeZone}" is not an IANA time zone such as Europe/Berlin or America/New_York`,
      );
    } else {
      zone = rotation.timeZone;
    }
  }

  const start = readTimestamp(rotation.start, zone);
  if (!start) {
    report(
      `rotation.start "${String(
        rotation.start,
      )}" is not a date and time such as 2026-09-14T09:00:00Z`,
    );
  }

  const period = PERIOD.exec(String(rotation.every).trim());
  const everyMs = period
    ? Number(period[1]) * UNIT_MS[period[2].toLowerCase()]
    : 0;
  if (!everyMs) {
    report(
      `rotation.every "${rotation.every}" is not a period such as 12h, 1d, 1w or 2w`,
    );
  }

  const members: EscalationContact[] = [];
  rotation.members.forEach((text, index) => {
    const member = readMember(text);
    if (member) members.push(member);
    else report(`rotation.members[${index}] ${notAMember(text)}`);
  });

  const readOverrides: Schedule['overrides'] = [];
  (overrides ?? []).forEach((override, index) => {
    const key = `overrides[${index}]`;
    const from = readTimestamp(override.from, zone);
    const to = readTimestamp(override.to, zone);
    const member = readMember(override.member);
    if (!from) {
      report(`${key}.from "${String(override.from)}" is not a date and time`);
    }
    if (!to)
      report(`${key}.to "${String(override.to)}" is not a date and time`);
    if (!member) report(`${key}.member ${notAMember(override.member)}`);
    if (from && to && to <= from) {
      report(`${key}.to must be after ${key}.from`);
    }
    if (from && to && member && to > from) {
      readOverrides.push({ from, to, member });
    }
  });

  if (problems.length || !start) return { problems };
  return {
    schedule: { start, everyMs, zone, members, overrides: readOverrides },
    problems,
  };
}

/** A timestamp with an offset, or a local time read in the schedule's zone. */
function readTimestamp(value: string | Date, zone: string): Date | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value;
  }
  const parsed = DateTime.fromISO(value.trim(), { zone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** A member: an entity ref (`user:jane.doe`, bare names are users) or a contact URI. */
function readMember(text: string): EscalationContact | undefined {
  const trimmed = text.trim();
  if (!trimmed || /[,&\n]/.test(trimmed)) return undefined;
  const parsed = parseEscalationAnnotation(trimmed);
  if (!parsed.problems.length && parsed.value[0]?.contacts.length === 1) {
    return parsed.value[0].contacts[0];
  }
  if (/^[\w.@-]+$/.test(trimmed)) {
    const ref = stringifyEntityRef(
      parseEntityRef(trimmed, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      }),
    );
    return { ref, name: trimmed };
  }
  return undefined;
}

function notAMember(text: string): string {
  return `"${text}" is neither an entity ref (user:jane.doe, group:team) nor a contact URI (mailto:, tel:, https:, slack:)`;
}

function formatPath(path: Array<string | number>): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${part}`,
    )
    .join('');
}

function describeIssue(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') {
    return 'is missing';
  }
  if (issue.code === 'too_small' && issue.type === 'array') {
    return 'must list at least one member';
  }
  if (
    issue.code === 'invalid_union' &&
    issue.unionErrors.every(e =>
      e.issues.some(
        i => i.code === 'invalid_type' && i.received === 'undefined',
      ),
    )
  ) {
    return 'is missing';
  }
  if (issue.code === 'invalid_union') {
    return 'is not a date and time such as 2026-09-14T09:00:00Z';
  }
  if (issue.code === 'invalid_type') {
    return `must be ${
      issue.expected === 'array' ? 'a list' : `a ${issue.expected}`
    }, not ${issue.received}`;
  }
  return issue.message;
}
