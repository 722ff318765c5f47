import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { RunbooksCollatorFactory } from './collator/RunbooksCollatorFactory';

const SCHEDULE_KEY = 'search.collators.runbooks.schedule';

/**
 * The default schedule: every 10 minutes, the first run a minute after start
 * so that the runbooks backend has read runbooks by then.
 */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 1 },
};

/** The collator's schedule from `search.collators.runbooks.schedule`. */
export function readRunbooksCollatorSchedule(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(SCHEDULE_KEY)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(SCHEDULE_KEY),
      )
    : DEFAULT_SCHEDULE;
}

/**
 * Search backend module that indexes runbooks as documents of type `runbook`,
 * visible only to those who may read the runbook's entity.
 *
 * @public
 */
export const searchModuleRunbooksCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'runbooks-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        logger,
        auth,
        discovery,
        scheduler,
        indexRegistry,
      }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readRunbooksCollatorSchedule(config),
          ),
          factory: new RunbooksCollatorFactory({ discovery, auth, logger }),
        });
      },
    });
  },
});
