import { whoIsOnCall } from './rotation';
import { parseSchedule, Schedule } from './schedule';

function schedule(yaml: string): Schedule {
  const parsed = parseSchedule(yaml, 'oncall.yaml');
  expect(parsed.problems).toEqual([]);
  return parsed.schedule!;
}

function onCallAt(s: Schedule, iso: string) {
  const answer = whoIsOnCall(s, new Date(iso));
  return {
    member: answer.member?.ref ?? answer.member?.uri,
    until: answer.until?.toISOString(),
    next: answer.next?.ref ?? answer.next?.uri,
  };
}

const weekly = `
rotation:
  start: 2026-09-14T09:00:00Z
  every: 1w
  members: [user:jane.doe, user:raj.patel, user:default/mei.chen]
overrides:
  - { from: 2026-12-24T00:00:00Z, to: 2026-12-27T00:00:00Z, member: user:jane.doe }
`;

describe('on-call schedule', () => {
  describe('rotation', () => {
    it('hands over at the exact instant: the hand-over belongs to the next member', () => {
      const s = schedule(weekly);
      expect(onCallAt(s, '2026-09-14T09:00:00.000Z')).toEqual({
        member: 'user:default/jane.doe',
        until: '2026-09-21T09:00:00.000Z',
        next: 'user:default/raj.patel',
      });
      expect(onCallAt(s, '2026-09-21T08:59:59.999Z').member).toBe(
        'user:default/jane.doe',
      );
      expect(onCallAt(s, '2026-09-21T09:00:00.000Z')).toEqual({
        member: 'user:default/raj.patel',
        until: '2026-09-28T09:00:00.000Z',
        next: 'user:default/mei.chen',
      });
    });

    it('takes members in turn from the start and wraps around', () => {
      const s = schedule(weekly);
      expect(onCallAt(s, '2026-09-30T12:00:00Z').member).toBe(
        'user:default/mei.chen',
      );
      expect(onCallAt(s, '2026-10-06T12:00:00Z').member).toBe(
        'user:default/jane.doe',
      );
      // Ten weeks after the start: the eleventh turn is Raj's.
      expect(onCallAt(s, '2026-11-23T12:00:00Z')).toEqual({
        member: 'user:default/raj.patel',
        until: '2026-11-30T09:00:00.000Z',
        next: 'user:default/mei.chen',
      });
    });

    it('has nobody on call before the first hand-over, and says when it starts', () => {
      const s = schedule(weekly);
      expect(onCallAt(s, '2026-09-01T00:00:00Z')).toEqual({
        member: undefined,
        until: '2026-09-14T09:00:00.000Z',
        next: 'user:default/jane.doe',
      });
    });

    it('gives no end when one member is always on call', () => {
      const s = schedule(
        'rotation: { start: 2026-01-01T00:00:00Z, every: 1d, members: [user:solo] }',
      );
      expect(onCallAt(s, '2027-05-05T05:05:05Z')).toEqual({
        member: 'user:default/solo',
        until: undefined,
        next: undefined,
      });
    });

    it('counts "until" to the next change of person, across turns of the same member', () => {
      const s = schedule(
        'rotation: { start: 2026-01-01T00:00:00Z, every: 12h, members: [user:a, user:a, user:b] }',
      );
      expect(onCallAt(s, '2026-01-01T01:00:00Z')).toMatchObject({
        member: 'user:default/a',
        until: '2026-01-02T00:00:00.000Z',
        next: 'user:default/b',
      });
    });

    it('accepts contact URIs as members', () => {
      const s = schedule(
        'rotation: { start: 2026-01-01T00:00:00Z, every: 1d, members: ["mailto:night@example.com", "tel:+15550100"] }',
      );
      expect(onCallAt(s, '2026-01-02T00:00:00Z').member).toBe('tel:+15550100');
    });
  });

  describe('overrides', () => {
    it('puts the override member on call from "from" up to (not including) "to"', () => {
      const s = schedule(weekly);
      // Mei's week starts 2026-12-21; Jane covers 24-27 December.
      expect(onCallAt(s, '2026-12-22T10:00:00Z')).toEqual({
        member: 'user:default/mei.chen',
        until: '2026-12-24T00:00:00.000Z',
        next: 'user:default/jane.doe',
      });
      expect(onCallAt(s, '2026-12-24T00:00:00Z')).toEqual({
        member: 'user:default/jane.doe',
        until: '2026-12-27T00:00:00.000Z',
        next: 'user:default/mei.chen',
      });
      expect(onCallAt(s, '2026-12-27T00:00:00Z')).toEqual({
        member: 'user:default/mei.chen',
        until: '2026-12-28T09:00:00.000Z',
        next: 'user:default/jane.doe',
      });
    });

    it('lets the later override win where two overlap, and spans hand-overs', () => {
      const s = schedule(`
rotation: { start: 2026-01-05T09:00:00Z, every: 1d, members: [user:a, user:b] }
overrides:
  - { from: 2026-01-05T12:00:00Z, to: 2026-01-08T12:00:00Z, member: user:c }
  - { from: 2026-01-06T00:00:00Z, to: 2026-01-07T00:00:00Z, member: user:d }
`);
      expect(onCallAt(s, '2026-01-05T13:00:00Z')).toMatchObject({
        member: 'user:default/c',
        until: '2026-01-06T00:00:00.000Z',
      });
      expect(onCallAt(s, '2026-01-06T10:00:00Z')).toMatchObject({
        member: 'user:default/d',
        until: '2026-01-07T00:00:00.000Z',
        next: 'user:default/c',
      });
      // c stays on call through the 2026-01-08T09:00 hand-over, then b's turn (the fourth) resumes.
      expect(onCallAt(s, '2026-01-07T00:00:00Z')).toMatchObject({
        member: 'user:default/c',
        until: '2026-01-08T12:00:00.000Z',
        next: 'user:default/b',
      });
    });
  });

  describe('time zones and daylight saving', () => {
    const berlinDaily = `
rotation:
  start: 2026-10-23T09:00:00+02:00
  every: 1d
  timeZone: Europe/Berlin
  members: [user:a, user:b]
`;

    it('keeps the 09:00 local hand-over when Berlin leaves summer time (2026-10-25)', () => {
      const s = schedule(berlinDaily);
      // 24 Oct 09:00 CEST = 07:00Z; 25 Oct 09:00 CET = 08:00Z; 26 Oct 09:00 CET = 08:00Z.
      expect(onCallAt(s, '2026-10-24T07:00:00Z')).toMatchObject({
        member: 'user:default/b',
        until: '2026-10-25T08:00:00.000Z',
      });
      expect(onCallAt(s, '2026-10-25T07:59:59Z').member).toBe('user:default/b');
      expect(onCallAt(s, '2026-10-25T08:00:00Z')).toMatchObject({
        member: 'user:default/a',
        until: '2026-10-26T08:00:00.000Z',
      });
    });

    it('keeps the 09:00 local hand-over when Berlin enters summer time (2027-03-28)', () => {
      const s = schedule(berlinDaily);
      // 27 Mar 09:00 CET = 08:00Z; 28 Mar 09:00 CEST = 07:00Z.
      expect(onCallAt(s, '2027-03-27T12:00:00Z')).toMatchObject({
        until: '2027-03-28T07:00:00.000Z',
      });
      // 156 days after the start: a's turn begins at 09:00 summer time.
      expect(onCallAt(s, '2027-03-28T06:59:59Z').member).toBe('user:default/b');
      expect(onCallAt(s, '2027-03-28T07:00:00Z')).toMatchObject({
        member: 'user:default/a',
        until: '2027-03-29T07:00:00.000Z',
      });
    });

    it('keeps 09:00 and 21:00 hand-overs of a 12h rotation across the change', () => {
      const s = schedule(`
rotation:
  start: 2026-10-24T09:00:00
  every: 12h
  timeZone: Europe/Berlin
  members: [user:day, user:night]
`);
      expect(onCallAt(s, '2026-10-24T19:00:00Z')).toMatchObject({
        member: 'user:default/night',
        until: '2026-10-25T08:00:00.000Z',
      });
      expect(onCallAt(s, '2026-10-25T08:00:00Z')).toMatchObject({
        member: 'user:default/day',
        until: '2026-10-25T20:00:00.000Z',
      });
    });

    it('without a time zone, hands over at the same UTC time (09:00 UTC is 10:00 then 11:00 in Berlin)', () => {
      const s = schedule(
        'rotation: { start: 2026-10-24T09:00:00Z, every: 1d, members: [user:a, user:b] }',
      );
      expect(onCallAt(s, '2026-10-24T12:00:00Z').until).toBe(
        '2026-10-25T09:00:00.000Z',
      );
      expect(onCallAt(s, '2027-03-28T12:00:00Z').until).toBe(
        '2027-03-29T09:00:00.000Z',
      );
    });

    it('reads override times without an offset in the rotation time zone', () => {
      const s = schedule(`
rotation: { start: 2026-10-23T09:00:00, every: 1w, timeZone: America/New_York, members: [user:a] }
overrides:
  - { from: 2026-11-01T00:00:00, to: 2026-11-02T00:00:00, member: user:b }
`);
      expect(onCallAt(s, '2026-11-01T04:00:00Z').member).toBe('user:default/b');
      expect(onCallAt(s, '2026-11-01T03:59:59Z')).toMatchObject({
        member: 'user:default/a',
        until: '2026-11-01T04:00:00.000Z',
      });
    });
  });

  describe('validation', () => {
    function problems(yaml: string) {
      return parseSchedule(yaml, 'oncall.yaml').problems.map(p => p.message);
    }

    it('names the file and the key of each mistake', () => {
      expect(
        problems(`
rotation:
  start: next monday
  every: 1 fortnight
  timeZone: Mars/Olympus_Mons
  members: [user:a, "not a member!"]
overrides:
  - { from: 2026-12-27T00:00:00Z, to: 2026-12-24T00:00:00Z, member: user:b }
`),
      ).toEqual([
        'oncall.yaml: rotation.timeZone "Mars/Olympus_Mons" is not an IANA time zone such as Europe/Berlin or America/New_York',
        'oncall.yaml: rotation.start "next monday" is not a date and time such as 2026-09-14T09:00:00Z',
        'oncall.yaml: rotation.every "1 fortnight" is not a period such as 12h, 1d, 1w or 2w',
        'oncall.yaml: rotation.members[1] "not a member!" is neither an entity ref (user:jane.doe, group:team) nor a contact URI (mailto:, tel:, https:, slack:)',
        'oncall.yaml: overrides[0].to must be after overrides[0].from',
      ]);
    });

    it('reports missing keys and an empty member list', () => {
      expect(problems('rotation:\n  every: 1w\n  members: []\n')).toEqual([
        'oncall.yaml: rotation.start is missing',
        'oncall.yaml: rotation.members must list at least one member',
      ]);
      expect(problems('hello: world')).toEqual([
        'oncall.yaml: rotation is missing',
      ]);
    });

    it('reports a file that is not YAML', () => {
      expect(problems('rotation: [unclosed')[0]).toMatch(
        /^oncall\.yaml: is not valid YAML: /,
      );
    });

    // Parsed without the complex-key guard, this 801-byte file took 20 s.
    it('refuses nested complex keys at once', () => {
      const started = Date.now();
      expect(problems(`${'? '.repeat(400)}a`)).toEqual([
        'oncall.yaml: is not valid YAML: nests deeper than 64 levels',
      ]);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it.each([
      ['nested list keys', `${'? ['.repeat(500)}a`],
      ['keys under a list', `${'- ? '.repeat(300)}: b`],
      ['a list key', 'rotation:\n  ? [start]\n  : 2026-01-01'],
      ['an alias key', '&k key: 1\n*k : 2'],
      ['a mapping key', '? { rotation: x }\n: y'],
    ])('reads no rotation from a file with %s, and says why', (_, yaml) => {
      const read = parseSchedule(yaml, 'oncall.yaml');
      expect(read.schedule).toBeUndefined();
      expect(read.problems.length).toBeGreaterThan(0);
      expect(read.problems[0].message).toMatch(/^oncall\.yaml: /);
    });

    it('refuses a file far larger than any rotation', () => {
      expect(problems(`# ${'x'.repeat(70_000)}\nrotation: {}`)).toEqual([
        'oncall.yaml: is not valid YAML: is larger than 65536 bytes',
      ]);
    });

    it('marks every problem as about the runbooks/on-call annotation', () => {
      expect(parseSchedule('{}', 'oncall.yaml').problems).toEqual([
        {
          level: 'error',
          subject: 'runbooks/on-call',
          message: 'oncall.yaml: rotation is missing',
        },
      ]);
    });
  });
});
