import { markdownSection } from '@runbooks-for-backstage/plugin-runbooks-common';
import { z } from 'zod';
import { entityKey } from '../service/entityRefs';

import {
  entityRefInput,
  headingSchema,
  parseEntityRefInput,
  runbookSchema,
  withUrl,
} from './schemas';
import { RunbooksActionsOptions } from './types';

const input = z.object({
  entityRef: entityRefInput.describe(
    'The catalog entity the runbook belongs to, e.g. "component:default/payments-api"',
  ),
  runbookId: z
    .string()
    .min(1)
    .max(255)
    .describe(
      'The runbook id, as find-runbooks-for-alert or get-entity-runbooks answer it',
    ),
  anchor: z
    .string()
    .max(255)
    .optional()
    .describe('A heading anchor: its section comes back in `section`'),
});

const output = runbookSchema.extend({
  entityRef: z.string(),
  markdown: z.string().describe('The whole runbook'),
  headings: z.array(headingSchema).describe('Its headings, with anchors'),
  section: z
    .string()
    .optional()
    .describe('The markdown under the `anchor` heading, when asked for one'),
});

/** `get-runbook`: one runbook with its markdown, headings and review status. */
export function registerGetRunbookAction(options: RunbooksActionsOptions) {
  const { actionsRegistry, service, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'get-runbook',
    title: 'Get a runbook',
    description: [
      'Reads one runbook of a catalog entity: its markdown, headings with anchors, review status and a link to it in the portal.',
      'Use it after get-entity-runbooks, or for a runbook find-runbooks-for-alert answered without markdown.',
      'Warn the user when its status is `stale` or `never-reviewed`.',
      'Fails with NotFoundError when the entity or runbook does not exist or the caller may not read the entity.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: { input: () => input, output: () => output },
    async action({ input: args, credentials }) {
      const ref = parseEntityRefInput(args.entityRef);
      const detail = await service.getRunbook(ref, args.runbookId, credentials);
      const section = args.anchor
        ? markdownSection(detail.markdown, args.anchor)
        : undefined;
      return {
        output: {
          ...withUrl(appBaseUrl, detail),
          entityRef: entityKey(ref),
          section,
        },
      };
    },
  });
}
