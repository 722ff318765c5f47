import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the runbooks plugin. */
  runbooks?: {
    /** Review interval for entities that do not set one, e.g. 90d, 12w, 6mo, 1y or P90D. Default 90d. */
    reviewInterval?: string;
    /** How long before its due date a runbook counts as due soon. Default 14d. */
    dueSoonWindow?: string;
    /** When runbooks are re-read from their sources. Default every 30 minutes, 10 minute timeout. */
    refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Severity ladder for entities whose runbook index has none. Default P0..P3. */
    severities?: Array<{
      name: string;
      /** Response time, e.g. 15m, 1h, 4h, 24h. */
      respondWithin: string;
      description?: string;
    }>;
    /** Guards against runaway sources. */
    limits?: {
      /** Markdown files read per entity at most. Default 500. */
      maxFilesPerEntity?: number;
      /** Largest markdown file read, in bytes. Default 1048576 (1 MiB). */
      maxFileBytes?: number;
    };
  };
}
