import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { reviewStatus, runbookSchema, withUrl } from './schemas';
import { RunbooksActionsOptions } from './types';

const input = z.object({
  owner: z
    .string()
    .min(1)
    .max(512)
    .describe(
      'The owner as catalog entities name it in spec.owner: a group or user ref, e.g. "group:default/payments" ("payments" alone means group:default/payments)',
    ),
  statuses: z
    .array(reviewStatus)
    .min(1)
    .default(['stale', 'never-reviewed'])
    .describe(
      'Which review statuses to list. Default stale and never-reviewed; add due-soon for reviews coming up',
    ),
});

const output = z.object({
  owner: z.string(),
  entities: z.array(
    z.object({
      entityRef: z.string(),
      entityTitle: z.string().optional(),
      runbooks: z.array(runbookSchema),
    }),
  ),
  totals: z.object({
    stale: z.number(),
    neverReviewed: z.number(),
    dueSoon: z.number(),
  }),
});

function ownerRef(text: string, defaultNamespace = 'default'): string {
  return stringifyEntityRef(
    parseEntityRef(text.trim(), { defaultKind: 'group', defaultNamespace }),
  ).toLocaleLowerCase('en-US');
}

/** `list-runbooks-needing-review`: an owner's stale and never-reviewed runbooks. */
export function registerListRunbooksNeedingReviewAction(
  options: RunbooksActionsOptions,
) {
  const { actionsRegistry, service, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'list-runbooks-needing-review',
    title: 'Runbooks an owner must review',
    description: [
      'Lists the runbooks of the entities an owner (a group or user, as in spec.owner) owns that need a review: `stale` (review date passed) and `never-reviewed` (no review date anywhere) by default, `due-soon` on request,',
      'grouped by entity, each with its last review, due date and link. Runbooks an index links to but that do not exist are left out.',
      'Only entities the caller may read are counted. An owner with nothing to review gets an empty list.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: { input: () => input, output: () => output },
    async action({ input: args, credentials }) {
      let owner: string;
      try {
        owner = ownerRef(args.owner);
      } catch (error) {
        throw new InputError(
          `Invalid owner "${args.owner}": ${(error as Error).message}`,
        );
      }
      const report = await service.report(credentials);
      const wanted = new Set<string>(args.statuses);
      const entities = report.entities.flatMap(entity => {
        if (!entity.owner) return [];
        const namespace = parseEntityRef(entity.entityRef).namespace;
        if (ownerRef(entity.owner, namespace) !== owner) return [];
        const runbooks = entity.runbooks
          .filter(r => !r.missing && wanted.has(r.status))
          .map(r => withUrl(appBaseUrl, r));
        return runbooks.length
          ? [
              {
                entityRef: entity.entityRef,
                entityTitle: entity.entityTitle,
                runbooks,
              },
            ]
          : [];
      });
      const all = entities.flatMap(e => e.runbooks);
      const count = (status: string) =>
        all.filter(r => r.status === status).length;
      return {
        output: {
          owner,
          entities,
          totals: {
            stale: count('stale'),
            neverReviewed: count('never-reviewed'),
            dueSoon: count('due-soon'),
          },
        },
      };
    },
  });
}
