import {
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Severity } from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  OnCallProvider,
  RunbooksOnCallExtensionPoint,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { SnapshotStore } from '../database/RunbooksStore';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { readOnCallConfig } from './config';
import { OnCallService } from './OnCallService';
import { OpsgenieOnCallProvider } from './OpsgenieOnCallProvider';
import { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';
import { createOnCallRouter } from './router';
import { ScheduleOnCallProvider } from './ScheduleOnCallProvider';

/** Collects the providers modules add through `runbooksOnCallExtensionPoint`. */
export class OnCallProviderRegistry implements RunbooksOnCallExtensionPoint {
  readonly providers: OnCallProvider[] = [];

  addProvider(...providers: OnCallProvider[]): void {
    this.providers.push(...providers);
  }
}

/**
 * Builds the on-call service from the built-in providers (the schedule file
 * always; PagerDuty and Opsgenie when configured) plus those modules added,
 * which replace a built-in of the same id, and mounts its route.
 */
export async function setupOnCall(options: {
  registry: OnCallProviderRegistry;
  config: RootConfigService;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  httpRouter: HttpRouterService;
  catalog: CatalogService;
  sources: Pick<RunbookSourceReader, 'read'>;
  store?: Pick<SnapshotStore, 'getEntity'>;
  severities: Severity[];
}): Promise<OnCallService> {
  const settings = readOnCallConfig(options.config);
  const builtIn: OnCallProvider[] = [
    new ScheduleOnCallProvider(options.sources),
  ];
  if (settings.pagerduty) {
    builtIn.push(new PagerDutyOnCallProvider(settings.pagerduty));
  }
  if (settings.opsgenie) {
    builtIn.push(new OpsgenieOnCallProvider(settings.opsgenie));
  }
  const added = options.registry.providers;
  const providers = [
    ...builtIn.filter(p => !added.some(a => a.id === p.id)),
    ...added,
  ];
  const service = new OnCallService({
    catalog: options.catalog,
    providers,
    logger: options.logger,
    store: options.store,
    severities: options.severities,
  });
  options.logger.info(`On-call providers: ${service.providerIds().join(', ')}`);
  options.httpRouter.use(
    await createOnCallRouter({ httpAuth: options.httpAuth, onCall: service }),
  );
  return service;
}
