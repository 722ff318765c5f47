import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The runbooks collator of `@runbooks-for-backstage/plugin-search-backend-module-runbooks`. */
      runbooks?: {
        /**
         * When runbooks are re-indexed. Default every 10 minutes, a 15 minute
         * timeout, the first run one minute after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
