import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { InputError } from '@backstage/errors';
import {
  CalendarDuration,
  DEFAULT_DUE_SOON_WINDOW,
  DEFAULT_REVIEW_INTERVAL,
  parseDuration,
  parseStandardsConfig,
  RunbookStandard,
  Severity,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { DEFAULT_SOURCE_LIMITS } from '@runbooks-for-backstage/plugin-runbooks-node';
import {
  parseSourceAllowRule,
  SourceAllowRule,
} from './sources/readEntityRunbooks';

/** The plugin's settings after defaults are applied. */
export type RunbooksConfig = {
  reviewInterval: CalendarDuration;
  reviewIntervalText: string;
  dueSoonWindow: CalendarDuration;
  refresh: SchedulerServiceTaskScheduleDefinition;
  discovery: SchedulerServiceTaskScheduleDefinition;
  severities: Severity[];
  /** True when `runbooks.severities` is set (not the default ladder). */
  severitiesConfigured?: boolean;
  /** `runbooks.standards`: the standard of entities whose runbook index declares none. */
  standard?: RunbookStandard;
  limits: {
    maxFilesPerEntity: number;
    maxFileBytes: number;
    maxBytesPerEntity: number;
    maxAlertsPerEntity: number;
    maxProblemsPerEntity: number;
  };
  /** `runbooks.sources.allow`: where `url:` locations may point besides the entity's own repository. */
  sourcesAllow: SourceAllowRule[];
  /** How long after a `POST /refresh` of an entity the next one is answered 429. */
  refreshCooldownMs: number;
  /** `runbooks.sources.spreadReadsOver`: a full refresh's remote reads spread over this long. */
  spreadReadsOverMs: number;
  /** `runbooks.sources.rateLimitWait`: the first wait after a rate-limited answer. */
  rateLimitWaitMs: number;
};

/** The common P0..P3 ladder, used when neither config nor an index gives one. */
export const DEFAULT_SEVERITIES: Severity[] = [
  {
    name: 'P0',
    respondWithin: '15m',
    description: 'Critical - outage or data breach',
  },
  {
    name: 'P1',
    respondWithin: '1h',
    description: 'High - major functionality impaired',
  },
  {
    name: 'P2',
    respondWithin: '4h',
    description: 'Medium - degraded performance',
  },
  { name: 'P3', respondWithin: '24h', description: 'Low - minor issues' },
];

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

function readOptionalMs(config: Config, key: string): number | undefined {
  if (!config.has(key)) return undefined;
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InputError(`Invalid config ${key}: not a duration of 0 or more`);
  }
  return ms;
}

function timeoutMs(
  timeout: SchedulerServiceTaskScheduleDefinition['timeout'],
): number {
  return 'toMillis' in timeout
    ? timeout.toMillis()
    : durationToMilliseconds(timeout);
}

function readLimit(config: Config, name: string, fallback: number): number {
  const key = `runbooks.limits.${name}`;
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `Invalid config ${key}: ${value} is not a positive whole number`,
    );
  }
  return value;
}

/** Reads `runbooks.*` from app-config, failing at startup on invalid values. */
export function readRunbooksConfig(config: Config): RunbooksConfig {
  const reviewInterval = readDuration(
    config,
    'runbooks.reviewInterval',
    DEFAULT_REVIEW_INTERVAL,
  );
  const dueSoonWindow = readDuration(
    config,
    'runbooks.dueSoonWindow',
    DEFAULT_DUE_SOON_WINDOW,
  );
  const refresh = config.has('runbooks.refresh')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('runbooks.refresh'),
      )
    : {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      };
  const discovery = config.has('runbooks.discovery')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('runbooks.discovery'),
      )
    : {
        frequency: { minutes: 1 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 10 },
      };
  const severities =
    config.getOptionalConfigArray('runbooks.severities')?.map(severity => {
      const respondWithin = severity.getString('respondWithin');
      if (!parseDuration(respondWithin)) {
        throw new InputError(
          `Invalid config runbooks.severities: respondWithin "${respondWithin}" is not a duration such as 15m or 4h`,
        );
      }
      return {
        name: severity.getString('name'),
        respondWithin,
        description: severity.getOptionalString('description'),
      };
    }) ?? DEFAULT_SEVERITIES;
  const standards = parseStandardsConfig(
    config.getOptional('runbooks.standards'),
  );
  if (standards.problems.length) {
    throw new InputError(standards.problems[0].message);
  }
  return {
    reviewInterval: reviewInterval.duration,
    reviewIntervalText: reviewInterval.text,
    dueSoonWindow: dueSoonWindow.duration,
    refresh,
    discovery,
    severities,
    severitiesConfigured: config.has('runbooks.severities'),
    standard: standards.standard,
    limits: {
      maxFilesPerEntity: readLimit(
        config,
        'maxFilesPerEntity',
        DEFAULT_SOURCE_LIMITS.maxFilesPerEntity,
      ),
      maxFileBytes: readLimit(
        config,
        'maxFileBytes',
        DEFAULT_SOURCE_LIMITS.maxFileBytes,
      ),
      maxBytesPerEntity: readLimit(
        config,
        'maxBytesPerEntity',
        DEFAULT_SOURCE_LIMITS.maxBytesPerEntity,
      ),
      maxAlertsPerEntity: readLimit(
        config,
        'maxAlertsPerEntity',
        DEFAULT_SOURCE_LIMITS.maxAlertsPerEntity,
      ),
      maxProblemsPerEntity: readLimit(
        config,
        'maxProblemsPerEntity',
        DEFAULT_SOURCE_LIMITS.maxProblemsPerEntity,
      ),
    },
    sourcesAllow: (
      config.getOptionalStringArray('runbooks.sources.allow') ?? []
    ).map(entry => {
      try {
        return parseSourceAllowRule(entry);
      } catch (error) {
        throw new InputError(`Invalid config ${(error as Error).message}`);
      }
    }),
    spreadReadsOverMs:
      readOptionalMs(config, 'runbooks.sources.spreadReadsOver') ??
      timeoutMs(refresh.timeout) / 2,
    rateLimitWaitMs:
      readOptionalMs(config, 'runbooks.sources.rateLimitWait') ?? 60_000,
    refreshCooldownMs: config.has('runbooks.refreshCooldown')
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: 'runbooks.refreshCooldown' }),
        )
      : 60_000,
  };
}
