import { z } from 'zod';
import { RunbookProblem } from '../types';
import { standardSection } from './defaultStandard';
import { DEFAULT_STANDARD_REQUIREMENTS } from './defaultStandard';
import { RunbookStandard } from './types';

const requirementSchema = z.enum([
  'steps',
  'outcomes',
  'rollback',
  'escalation',
  'monitoring',
  'review',
]);

/**
 * `runbooks.standards` of app-config.
 *
 * @public
 */
export const runbookStandardsConfigSchema = z
  .object({
    sections: z
      .array(
        z.union([
          z
            .string()
            .min(1)
            .transform(name => ({ name, aliases: [] })),
          z.object({
            name: z.string().min(1),
            aliases: z.array(z.string().min(1)).default([]),
          }),
        ]),
      )
      .min(1),
    requirements: z.array(requirementSchema).optional(),
  })
  .strict();

/**
 * Reads `runbooks.standards`: the standard of entities whose index declares
 * none. Undefined (with a problem) when the value is not valid, so the caller
 * can refuse the config.
 *
 * @public
 */
export function parseStandardsConfig(value: unknown): {
  standard?: RunbookStandard;
  problems: RunbookProblem[];
} {
  if (value === undefined || value === null) return { problems: [] };
  const parsed = runbookStandardsConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      problems: [
        {
          level: 'error',
          subject: 'runbooks.standards',
          message: `Invalid config runbooks.standards${
            issue.path.length ? `.${issue.path.join('.')}` : ''
          }: ${issue.message}`,
        },
      ],
    };
  }
  return {
    standard: {
      source: 'config',
      sections: parsed.data.sections.map(s =>
        standardSection(s.name, s.aliases),
      ),
      requirements: parsed.data.requirements ?? DEFAULT_STANDARD_REQUIREMENTS,
    },
    problems: [],
  };
}
