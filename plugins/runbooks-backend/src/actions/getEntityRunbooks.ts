import { z } from 'zod';
import {
  entityRefInput,
  escalationSchema,
  parseEntityRefInput,
  problemSchema,
  runbookSchema,
  severitySchema,
  withUrl,
} from './schemas';
import { RunbooksActionsOptions } from './types';

const input = z.object({
  entityRef: entityRefInput,
});

const output = z.object({
  entityRef: z.string(),
  runbooks: z
    .array(runbookSchema)
    .describe('The runbooks, without their markdown (use get-runbook)'),
  alerts: z
    .array(
      z.object({
        alert: z.string(),
        runbookId: z.string(),
        anchor: z.string().optional(),
        source: z
          .string()
          .describe(
            'Where the mapping comes from: annotation, front-matter, index, file-name or alert-rule',
          ),
      }),
    )
    .describe('Which alert opens which runbook'),
  alertsWithoutRunbook: z
    .array(
      z.object({
        alert: z.string(),
        severity: z.string().optional(),
        file: z.string().optional(),
        summary: z.string().optional(),
      }),
    )
    .describe("Alerts of the entity's rule files that no runbook answers"),
  escalation: escalationSchema,
  severities: z
    .array(severitySchema)
    .describe('Severity ladder with response times'),
  problems: z
    .array(problemSchema)
    .describe("What is wrong with the entity's runbook setup"),
  refreshedAt: z
    .string()
    .optional()
    .describe('When the runbooks were last read from their source'),
});

/** `get-entity-runbooks`: an entity's runbooks with their review status. */
export function registerGetEntityRunbooksAction(
  options: RunbooksActionsOptions,
) {
  const { actionsRegistry, service, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'get-entity-runbooks',
    title: "List a service's runbooks",
    description: [
      'Lists the runbooks of one catalog entity (usually a service component) with each runbook review status (fresh, due-soon, stale, never-reviewed) and link,',
      'which alert opens which runbook, alerts that have no runbook, the escalation levels and the severity ladder, and problems with its setup.',
      'Markdown is not included: call get-runbook for one runbook.',
      'Fails with NotFoundError when the entity does not exist, has no runbooks, or the caller may not read it.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: { input: () => input, output: () => output },
    async action({ input: args, credentials }) {
      const answer = await service.getEntityRunbooks(
        parseEntityRefInput(args.entityRef),
        credentials,
      );
      return {
        output: {
          ...answer,
          runbooks: answer.runbooks.map(r => withUrl(appBaseUrl, r)),
        },
      };
    },
  });
}
