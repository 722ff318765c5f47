import {
  AuthService,
  HttpAuthService,
  LifecycleService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import express from 'express';
import { RunbooksService } from '../service/RunbooksService';
import { AlertmanagerPoller } from './AlertmanagerPoller';
import { readAlertmanagerConfig } from './config';
import { FiringAnswers } from './FiringAnswers';
import { createFiringRouter } from './firingRouter';
import { FiringReadModel } from './FiringReadModel';

/**
 * Reads `runbooks.alertmanager`, starts the shared poller when an instance
 * is configured, and gives the router of the firing routes (which answer
 * "not configured" otherwise).
 */
export async function setupFiring(deps: {
  config: RootConfigService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
  signals?: SignalsService;
  service: RunbooksService;
  fetch?: typeof fetch;
}): Promise<{ router: express.Router; poller?: AlertmanagerPoller }> {
  const { service } = deps;
  const config = readAlertmanagerConfig(deps.config);
  let poller: AlertmanagerPoller | undefined;
  let model: FiringReadModel | undefined;
  if (config) {
    poller = new AlertmanagerPoller({
      config,
      logger: deps.logger,
      fetch: deps.fetch,
    });
    model = new FiringReadModel({
      lookupAlert: (alert, labels, credentials) =>
        service.lookupAlert(alert, labels, credentials),
      catalog: deps.catalog,
      auth: deps.auth,
      logger: deps.logger,
      signals: deps.signals,
    });
    const readModel = model;
    poller.onPoll(snapshot => readModel.rebuild(snapshot));
    const started = poller;
    deps.lifecycle.addStartupHook(() => started.start());
    deps.lifecycle.addShutdownHook(() => started.stop());
    deps.logger.info(
      `Reading firing alerts from ${config.instances
        .map(i => `${i.name} (${i.baseUrl})`)
        .join(', ')} every ${config.pollIntervalMs} ms`,
    );
  }
  const answers = new FiringAnswers({
    poller,
    model,
    catalog: deps.catalog,
    authorizeEntity: async (ref, credentials) =>
      (await service.getEntityRunbooks(ref, credentials)).entityRef,
  });
  return {
    router: await createFiringRouter({ httpAuth: deps.httpAuth, answers }),
    poller,
  };
}
