import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CalendarDuration,
  parseDuration,
  Severity,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/** The plugin's settings after defaults are applied. */
export type RunbooksConfig = {
  reviewInterval: CalendarDuration;
  reviewIntervalText: string;
  dueSoonWindow: CalendarDuration;
  refresh: SchedulerServiceTaskScheduleDefinition;
  discovery: SchedulerServiceTaskScheduleDefinition;
  severities: Severity[];
  limits: { maxFilesPerEntity: number; maxFileBytes: number };
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

/** Reads `runbooks.*` from app-config, failing at startup on invalid values. */
export function readRunbooksConfig(config: Config): RunbooksConfig {
  const reviewInterval = readDuration(config, 'runbooks.reviewInterval', '90d');
  const dueSoonWindow = readDuration(config, 'runbooks.dueSoonWindow', '14d');
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
    reviewInterval: reviewInterval.duration,
    reviewIntervalText: reviewInterval.text,
    dueSoonWindow: dueSoonWindow.duration,
    refresh,
    discovery,
    severities,
    limits: {
      maxFilesPerEntity:
        config.getOptionalNumber('runbooks.limits.maxFilesPerEntity') ?? 500,
      maxFileBytes:
        config.getOptionalNumber('runbooks.limits.maxFileBytes') ?? 1_048_576,
    },
  };
}
