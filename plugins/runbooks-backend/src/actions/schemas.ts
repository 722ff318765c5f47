import { z } from 'zod';
import { parseEntityRefText, portalUrl } from '../router';

// The registry validates every output against its schema and keeps only the
// keys the schema names, so these schemas are also what an assistant sees.

/** An entity reference as an assistant passes it. */
export const entityRefInput = z
  .string()
  .min(1)
  .max(512)
  .describe(
    'Entity reference, kind:namespace/name, e.g. "component:default/payments-api". "payments-api" alone means component:default/payments-api.',
  );

/** Parses an entity reference input, components in `default` unless it says otherwise. */
export function parseEntityRefInput(text: string) {
  return parseEntityRefText(text.trim());
}

export const reviewStatus = z
  .enum(['fresh', 'due-soon', 'stale', 'never-reviewed'])
  .describe(
    'Review status: fresh; due-soon (review due within the due-soon window); stale (review date passed, the runbook may be out of date: say so when you quote it); never-reviewed (no review date anywhere).',
  );

export const runbookSchema = z.object({
  id: z.string().describe('Runbook id within its entity'),
  title: z.string(),
  category: z.string().optional(),
  path: z.string().describe('Path of the markdown file in the runbooks folder'),
  url: z.string().describe('Where a person reads the runbook in the portal'),
  sourceUrl: z
    .string()
    .optional()
    .describe('Where the source is edited, when it lives at a URL'),
  alerts: z.array(z.string()).describe('Alerts this runbook answers'),
  severity: z.string().optional(),
  owner: z.string().optional(),
  tags: z.array(z.string()).optional(),
  lastReviewed: z.string().optional().describe('ISO 8601'),
  reviewedBy: z.string().optional(),
  nextReview: z.string().optional().describe('ISO 8601 date the review is due'),
  reviewInterval: z.string(),
  status: reviewStatus,
  missing: z
    .boolean()
    .describe(
      'True when the runbook index links to this runbook but the file does not exist',
    ),
});

export const headingSchema = z.object({
  depth: z.number(),
  text: z.string(),
  anchor: z.string(),
});

export const contactSchema = z.object({
  ref: z.string().optional().describe('Catalog entity ref of the contact'),
  uri: z.string().optional().describe('mailto:, tel:, https: or slack: URI'),
  name: z.string(),
  email: z.string().optional(),
  links: z
    .array(z.string())
    .optional()
    .describe('Further ways to reach the contact (slack:, tel:, https:)'),
});

export const escalationSchema = z
  .array(
    z.object({
      level: z.number().describe('1 is paged first'),
      contacts: z.array(contactSchema),
    }),
  )
  .describe('Who is called, level by level');

export const severitySchema = z.object({
  name: z.string(),
  respondWithin: z.string().describe('e.g. 15m, 1h, 4h, 24h'),
  description: z.string().optional(),
});

export const problemSchema = z.object({
  level: z.enum(['error', 'warning']),
  message: z.string(),
  subject: z.string().optional(),
});

/** A runbook as the service answers it, with the portal's full address. */
export function withUrl<T extends { viewUrl: string }>(
  appBaseUrl: string,
  runbook: T,
): Omit<T, 'viewUrl'> & { url: string } {
  const { viewUrl, ...rest } = runbook;
  return { ...rest, url: portalUrl(appBaseUrl, viewUrl) };
}
