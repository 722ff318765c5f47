import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_DUE_SOON_WINDOW,
  DEFAULT_REVIEW_INTERVAL,
  parseDuration,
  parseStandardsConfig,
  ReviewPolicy,
  RunbookStandard,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { DEFAULT_SOURCE_LIMITS } from './sourceLimits';

/** How much of one entity's sources is read (`runbooks.limits.*`). */
export type SourceLimitsConfig = {
  -readonly [K in keyof typeof DEFAULT_SOURCE_LIMITS]: number;
};

function readDuration(config: Config, key: string, fallback: string) {
  const text = config.getOptionalString(key) ?? fallback;
  const duration = parseDuration(text);
  if (!duration) {
    throw new InputError(
      `Invalid config ${key}: "${text}" is not a duration such as 90d, 12w, 6mo, 1y or P90D`,
    );
  }
  return { text, duration };
}

/**
 * `runbooks.reviewInterval` and `runbooks.dueSoonWindow`, as the backend and
 * the lint CLI read them. Throws an InputError naming the key.
 */
export function readReviewPolicy(config: Config): ReviewPolicy {
  const interval = readDuration(
    config,
    'runbooks.reviewInterval',
    DEFAULT_REVIEW_INTERVAL,
  );
  const window = readDuration(
    config,
    'runbooks.dueSoonWindow',
    DEFAULT_DUE_SOON_WINDOW,
  );
  return {
    reviewInterval: interval.duration,
    reviewIntervalText: interval.text,
    dueSoonWindow: window.duration,
  };
}

/** `runbooks.limits.*`, each a positive whole number, else its default. */
export function readSourceLimits(config: Config): SourceLimitsConfig {
  const limits = { ...DEFAULT_SOURCE_LIMITS } as SourceLimitsConfig;
  for (const name of Object.keys(limits) as Array<keyof SourceLimitsConfig>) {
    const key = `runbooks.limits.${name}`;
    const value = config.getOptionalNumber(key) ?? limits[name];
    if (!Number.isInteger(value) || value < 1) {
      throw new InputError(
        `Invalid config ${key}: ${value} is not a positive whole number`,
      );
    }
    limits[name] = value;
  }
  return limits;
}

/** `runbooks.standards`: the standard of entities whose index declares none. */
export function readConfiguredStandard(
  config: Config,
): RunbookStandard | undefined {
  const { standard, problems } = parseStandardsConfig(
    config.getOptional('runbooks.standards'),
  );
  if (problems.length) throw new InputError(problems[0].message);
  return standard;
}
