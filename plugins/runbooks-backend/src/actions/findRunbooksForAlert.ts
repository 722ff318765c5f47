import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { markdownSection } from '@runbooks-for-backstage/plugin-runbooks-common';
import { z } from 'zod';
import { portalUrl } from '../router';
import { alertName } from '../routeParams';

import {
  entityRefInput,
  parseEntityRefInput,
  runbookSchema,
  withUrl,
} from './schemas';
import { RunbooksActionsOptions } from './types';

/** Matches beyond this many come without their markdown, to keep answers small. */
const MAX_MATCHES_WITH_MARKDOWN = 5;

const input = z.object({
  alertName: alertName.describe(
    'The alert name exactly as it fires, the `alertname` label of Prometheus/Alertmanager, e.g. "KubePodCrashLooping"',
  ),
  labels: z
    .record(z.string().max(512))
    .optional()
    .describe(
      'Labels of the firing alert (service, namespace, severity, ...). They narrow the matches to the services the alert belongs to; leave out what you do not know.',
    ),
  entityRef: entityRefInput
    .optional()
    .describe(
      'Only runbooks of this catalog entity, when you know which service the alert is about, e.g. "component:default/payments-api"',
    ),
  includeMarkdown: z
    .boolean()
    .default(true)
    .describe(
      `Include each runbook's markdown (for the first ${MAX_MATCHES_WITH_MARKDOWN} matches). Default true.`,
    ),
});

const output = z.object({
  alert: z.string(),
  matches: z
    .array(
      z.object({
        entityRef: z.string().describe('The service the runbook belongs to'),
        entityTitle: z.string().optional(),
        owner: z.string().optional().describe('Owner of that service'),
        runbook: runbookSchema,
        anchor: z
          .string()
          .optional()
          .describe('The heading the alert mapping points at'),
        url: z
          .string()
          .describe(
            'The runbook in the portal, at the anchor when there is one',
          ),
        section: z
          .string()
          .optional()
          .describe(
            'The markdown under the anchor heading: the part of the runbook for this alert',
          ),
        markdown: z.string().optional().describe('The whole runbook'),
      }),
    )
    .describe(
      'Runbooks that answer the alert: mappings of its exact name first, then `*` patterns',
    ),
  definedBy: z
    .array(
      z.object({
        entityRef: z.string(),
        entityTitle: z.string().optional(),
        owner: z.string().optional(),
        severity: z.string().optional(),
        file: z.string().optional().describe('The rule file'),
      }),
    )
    .describe(
      'Services whose alert rules define this alert but have no runbook for it: tell the user to escalate to their owner',
    ),
});

/** `find-runbooks-for-alert`: the runbooks that answer a firing alert, with their text and status. */
export function registerFindRunbooksForAlertAction(
  options: RunbooksActionsOptions,
) {
  const { actionsRegistry, service, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'find-runbooks-for-alert',
    title: 'Find the runbook for an alert',
    description: [
      'Finds the runbooks that tell an on-call engineer what to do when an alert fires, from the runbooks service owners keep in the software catalog.',
      'Give the alert name as it fires (e.g. KubePodCrashLooping); add its labels or the catalog entity when you know them, to narrow the answer to the right service.',
      'Each match has the runbook markdown, the section the alert points at (`section`, when the mapping names a heading), a link to the runbook in the portal, and its review status: warn the user when it is `stale` or `never-reviewed`, as the steps may be out of date.',
      '`definedBy` lists services that define the alert without a runbook.',
      'Fails with NotFoundError when no runbook the caller may read answers the alert.',
      'Follow up with get-on-call for who to escalate to.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: { input: () => input, output: () => output },
    examples: [
      {
        title: 'A pod crash-looping in the cluster',
        input: {
          alertName: 'KubePodCrashLooping',
          labels: { namespace: 'payments', severity: 'warning' },
          includeMarkdown: true,
        },
      },
    ],
    async action({ input: args, credentials }) {
      const query: Record<string, string> = { ...args.labels };
      if (args.entityRef) {
        query.entity = stringifyEntityRef(parseEntityRefInput(args.entityRef));
      }
      const lookup = await service.lookupAlert(
        args.alertName,
        query,
        credentials,
      );
      const matches = await Promise.all(
        lookup.matches.map(async (match, index) => {
          const { runbook, url, ...rest } = match;
          const answer = {
            ...rest,
            runbook: withUrl(appBaseUrl, runbook),
            url: portalUrl(appBaseUrl, url),
          };
          if (
            !args.includeMarkdown ||
            index >= MAX_MATCHES_WITH_MARKDOWN ||
            runbook.missing
          ) {
            return answer;
          }
          const detail = await service.getRunbook(
            parseEntityRef(match.entityRef),
            runbook.id,
            credentials,
          );
          const section = match.anchor
            ? markdownSection(detail.markdown, match.anchor)
            : undefined;
          return { ...answer, markdown: detail.markdown, section };
        }),
      );
      return {
        output: { alert: lookup.alert, matches, definedBy: lookup.definedBy },
      };
    },
  });
}
