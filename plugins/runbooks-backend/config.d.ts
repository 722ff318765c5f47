import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

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
    /**
     * The standard runbooks are checked against when the entity's runbook
     * index declares none (a "Runbook Structure", "Runbook Template" or
     * "Quality Standards" list wins). Default: Overview, Investigation,
     * Resolution and Escalation sections, with steps, escalation and review.
     */
    standards?: {
      /**
       * Required sections, matched by heading with numbering, emoji and case
       * ignored; a heading that starts with the name counts too.
       */
      sections: Array<
        | string
        | {
            name: string;
            /** Other headings that count, e.g. "Escalation path", "When to escalate". */
            aliases?: string[];
          }
      >;
      /**
       * What else each runbook must have. Default steps, escalation, review.
       * steps: numbered steps or commands under a procedure section;
       * outcomes: says what to expect; rollback: a rollback or recovery
       * section; escalation: contacts in the runbook or runbooks/escalation;
       * monitoring: a link to a dashboard or tool; review: a review date and reviewer.
       */
      requirements?: Array<
        | 'steps'
        | 'outcomes'
        | 'rollback'
        | 'escalation'
        | 'monitoring'
        | 'review'
      >;
    };
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
    /**
     * Alertmanagers to read firing alerts from (`GET /api/v2/alerts`), shown
     * beside their runbooks. Without any instance, every firing view hides.
     */
    alertmanager?: {
      instances: Array<{
        /** Shown in answers and problems ("Alertmanager prod unreachable since …"). */
        name: string;
        /** e.g. http://alertmanager.monitoring:9093 (a path prefix is kept). */
        baseUrl: string;
        /**
         * Headers sent with every request, e.g. `Authorization: Bearer …`.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** How long one request may take. Default 10 seconds. */
        timeout?: HumanDuration;
      }>;
      /**
       * How often each instance is asked, once for all viewers. Default 15 seconds.
       */
      pollInterval?: HumanDuration;
    };
    /** Guards against runaway sources; each applies to one entity across all its locations. */
    limits?: {
      /** Files (runbooks and rule files) read per entity at most. Default 500. */
      maxFilesPerEntity?: number;
      /** Largest file read, in bytes. Default 1048576 (1 MiB). */
      maxFileBytes?: number;
      /** Bytes read per entity at most, all its files together. Default 16777216 (16 MiB). */
      maxBytesPerEntity?: number;
      /** Alert mappings, alert rules and alerts without runbook kept per entity, each. Default 2000. */
      maxAlertsPerEntity?: number;
      /** Problems kept per entity; the rest are counted in one last problem. Default 200. */
      maxProblemsPerEntity?: number;
    };
    /** Where runbooks and rule files may be read from. */
    sources?: {
      /**
       * Where `url:` locations may point besides the entity's own repository
       * (the repository of its catalog-info.yaml, always allowed): host names
       * (`github.com`, any path) or URL prefixes (`https://github.com/acme/`),
       * compared by path segment. A location elsewhere is not read and shows
       * as a problem. Default: none besides the entity's own repository.
       */
      allow?: string[];
      /**
       * A scheduled refresh spreads its reads of remote sources (`url:`, and
       * `dir:` of entities registered by URL) evenly over this long, instead
       * of starting them all at once. Default: half the refresh timeout
       * (5 minutes with the default timeout); 0 to read as fast as possible.
       */
      spreadReadsOver?: HumanDuration;
      /**
       * How long reads of a host wait after it answered 429 or a rate-limited
       * 403, when the host does not say (for GitHub, the plugin asks its
       * `/rate_limit`, which does not count against the limit). Doubled at
       * each further limit, up to an hour. Default one minute.
       */
      rateLimitWait?: HumanDuration;
    };
    /**
     * How long after a `POST /refresh` of an entity a next one is refused
     * with 429 and `Retry-After`. Default one minute.
     */
    refreshCooldown?: HumanDuration;
  };
}
