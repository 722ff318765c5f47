import { z } from 'zod';
import {
  contactSchema,
  entityRefInput,
  escalationSchema,
  parseEntityRefInput,
  problemSchema,
  severitySchema,
} from './schemas';
import { RunbooksActionsOptions } from './types';

const input = z.object({
  entityRef: entityRefInput,
});

const output = z.object({
  entityRef: z.string(),
  onCallNow: z
    .array(
      z.object({
        level: z.number().describe('Escalation level, 1 is paged first'),
        contacts: z.array(contactSchema).describe('Who is on call now'),
        until: z.string().optional().describe('End of this shift (ISO 8601)'),
        next: z
          .array(contactSchema)
          .optional()
          .describe('Who takes over at `until`'),
      }),
    )
    .describe('Who is on call now, from the on-call provider the entity names'),
  escalation: escalationSchema,
  provider: z
    .string()
    .optional()
    .describe(
      'The on-call provider asked (schedule, pagerduty, opsgenie, ...); absent when the entity names none',
    ),
  unreachableSince: z
    .string()
    .optional()
    .describe(
      'Set while the provider fails: since when. `onCallNow` is then empty; fall back to `escalation`',
    ),
  severities: z
    .array(severitySchema)
    .describe('Severity ladder: how fast each severity must be answered'),
  problems: z.array(problemSchema),
});

/** `get-on-call`: who is on call for an entity, its escalation and severity ladder. */
export function registerGetOnCallAction(options: RunbooksActionsOptions) {
  const { actionsRegistry, onCall } = options;
  actionsRegistry.register({
    name: 'get-on-call',
    title: 'Who is on call for a service',
    description: [
      'Tells who is on call now for a catalog entity (and until when, and who is next), the escalation levels with contacts (names, email, Slack, phone) to call in order,',
      'and the severity ladder with the response time of each severity.',
      'Contacts come from the catalog and from the on-call provider the entity names (the built-in schedule file, PagerDuty or Opsgenie).',
      'Fails with NotFoundError when the entity does not exist or the caller may not read it.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: { input: () => input, output: () => output },
    async action({ input: args, credentials }) {
      return {
        output: await onCall.getOnCall(
          parseEntityRefInput(args.entityRef),
          credentials,
        ),
      };
    },
  });
}
