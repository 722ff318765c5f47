import { InputError } from '@backstage/errors';
import {
  alertNameProblem,
  MAX_ALERT_NAME_LENGTH,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { z } from 'zod';

/** `:namespace/:kind/:name` of the routes under `/entities`, as every router reads it. */
export const entityParams = z.object({
  namespace: z.string().min(1).max(253),
  kind: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
});

/** `/entities/:namespace/:kind/:name/runbooks/:id`. */
export const runbookParams = entityParams.extend({
  id: z.string().min(1).max(255),
});

/** An alert name as it fires: not empty, bounded, no control characters. */
export const alertName = z
  .string()
  .min(1, 'is empty')
  .max(
    MAX_ALERT_NAME_LENGTH,
    `is longer than ${MAX_ALERT_NAME_LENGTH} characters`,
  )
  .superRefine((name, context) => {
    const problem = alertNameProblem(name);
    if (problem)
      context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

/** A part of a request read with its schema; a 400 naming what is wrong otherwise. */
export function parseRequestPart<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${what}: ${issue.path.join('.') || 'value'} ${issue.message}`,
    );
  }
  return result.data;
}
