import { EscalationContact } from '@runbooks-for-backstage/plugin-runbooks-common';
import { DateTime } from 'luxon';
import { Schedule } from './schedule';

/** Who is on call at an instant, until when, and who takes over then. */
export type ScheduleAnswer = {
  member?: EscalationContact;
  until?: Date;
  next?: EscalationContact;
};

/** Edges looked at when searching for the next change of person; bounds the work per request. */
const MAX_EDGES = 2000;

/** Hand-overs at a fixed wall-clock time in the schedule's zone, across daylight-saving changes. */
class RotationClock {
  private readonly startWall: number;

  constructor(private readonly schedule: Schedule) {
    this.startWall = wallMillis(schedule.start, schedule.zone);
  }

  memberAt(t: number): EscalationContact | undefined {
    const { overrides, members, start } = this.schedule;
    for (let i = overrides.length - 1; i >= 0; i--) {
      const o = overrides[i];
      if (o.from.getTime() <= t && t < o.to.getTime()) return o.member;
    }
    if (t < start.getTime()) return undefined;
    const turn = this.turnAt(t);
    return members[turn % members.length];
  }

  /** The first instant after `t` at which the answer may change. */
  nextEdge(t: number): number | undefined {
    const { start, overrides } = this.schedule;
    let next =
      t < start.getTime() ? start.getTime() : this.handOver(this.turnAt(t) + 1);
    for (const o of overrides) {
      for (const edge of [o.from.getTime(), o.to.getTime()]) {
        if (edge > t && edge < next) next = edge;
      }
    }
    return next;
  }

  /** The number of the turn running at `t` (0 for the first), for `t` after start. */
  private turnAt(t: number): number {
    const { everyMs, zone } = this.schedule;
    let turn = Math.floor(
      (wallMillis(new Date(t), zone) - this.startWall) / everyMs,
    );
    if (turn < 0) turn = 0;
    while (this.handOver(turn + 1) <= t) turn++;
    while (turn > 0 && this.handOver(turn) > t) turn--;
    return turn;
  }

  /** The instant of the hand-over that starts turn `turn`. */
  private handOver(turn: number): number {
    const { everyMs, zone } = this.schedule;
    const wall = DateTime.fromMillis(this.startWall + turn * everyMs, {
      zone: 'UTC',
    });
    return DateTime.fromObject(
      {
        year: wall.year,
        month: wall.month,
        day: wall.day,
        hour: wall.hour,
        minute: wall.minute,
        second: wall.second,
        millisecond: wall.millisecond,
      },
      { zone },
    ).toMillis();
  }
}

/**
 * Who is on call at `now`. A hand-over instant belongs to the next member, as
 * does an override's `from`; an override's `to` gives the rotation back.
 * Overlapping overrides: the later one in the file wins.
 */
export function whoIsOnCall(schedule: Schedule, now: Date): ScheduleAnswer {
  const clock = new RotationClock(schedule);
  const member = clock.memberAt(now.getTime());
  const lastOverrideEdge = Math.max(
    schedule.start.getTime(),
    ...schedule.overrides.map(o => o.to.getTime()),
  );
  let edge = clock.nextEdge(now.getTime());
  // Past the last override, a whole cycle of members without a change means none will come.
  let turnsAfterOverrides = 0;
  for (let i = 0; edge !== undefined && i < MAX_EDGES; i++) {
    const other = clock.memberAt(edge);
    if (identity(other) !== identity(member)) {
      return { member, until: new Date(edge), next: other };
    }
    if (edge > lastOverrideEdge) turnsAfterOverrides++;
    if (turnsAfterOverrides > schedule.members.length) break;
    edge = clock.nextEdge(edge);
  }
  return { member };
}

/** The local wall-clock time of an instant in `zone`, read as if it were UTC. */
function wallMillis(date: Date, zone: string): number {
  const local = DateTime.fromJSDate(date, { zone });
  return local.toMillis() + local.offset * 60_000;
}

function identity(contact: EscalationContact | undefined): string {
  return contact ? contact.ref ?? contact.uri ?? contact.name : '';
}
