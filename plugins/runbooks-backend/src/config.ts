import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { InputError } from '@backstage/errors';
import {
  CalendarDuration,
  parseDuration,
  RunbookStandard,
  Severity,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  readConfiguredStandard,
  readReviewPolicy,
  readSourceLimits,
} from '@runbooks-for-backstage/plugin-runbooks-node';
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

/** Reads `runbooks.*` from app-config, failing at startup on invalid values. */
export function readRunbooksConfig(config: Config): RunbooksConfig {
  const policy = readReviewPolicy(config);
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
  return {
    ...policy,
    refresh,
    discovery,
    severities,
    severitiesConfigured: config.has('runbooks.severities'),
    standard: readConfiguredStandard(config),
    limits: readSourceLimits(config),
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
