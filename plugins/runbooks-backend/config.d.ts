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
    /**
     * How often to look for catalog entities with runbooks that were never read
     * (new services, a fresh install). Default every minute.
     */
    discovery?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Severity ladder for entities whose runbook index has none. Default P0..P3. */
    severities?: Array<{
      name: string;
      /** Response time, e.g. 15m, 1h, 4h, 24h. */
      respondWithin: string;
      description?: string;
    }>;
    /** On-call providers besides the built-in schedule file; each is on when its block is present. */
    onCall?: {
      /** PagerDuty REST API v2, for `runbooks/on-call: pagerduty:<service id>` and `pagerduty.com/service-id`. */
      pagerduty?: {
        /** Default https://api.pagerduty.com. */
        apiBaseUrl?: string;
        /**
         * A read-only REST API key, sent as `Authorization: Token token=…`.
         * @visibility secret
         */
        token: string;
      };
      /** Opsgenie REST API, for `runbooks/on-call: opsgenie:<team>` and `opsgenie.com/team`. */
      opsgenie?: {
        /** Default https://api.opsgenie.com; EU accounts use https://api.eu.opsgenie.com. */
        apiBaseUrl?: string;
        /**
         * Key of an API integration, sent as `Authorization: GenieKey …`.
         * @visibility secret
         */
        apiKey: string;
      };
    };
    /** Guards against runaway sources. */
    limits?: {
      /** Markdown files read per entity at most. Default 500. */
      maxFilesPerEntity?: number;
      /** Largest markdown file read, in bytes. Default 1048576 (1 MiB). */
      maxFileBytes?: number;
    };
  };
}
