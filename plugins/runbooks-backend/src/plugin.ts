import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readRunbooksConfig } from './config';
import { createRouter } from './router';
import { DatabaseRunbooksStore } from './database/DatabaseRunbooksStore';
import { RunbooksRefresher } from './service/RunbooksRefresher';
import { DefaultRunbooksService } from './service/DefaultRunbooksService';
import { StaleNotifier } from './service/StaleNotifier';
import { RunbookSourceReader } from './sources/readEntityRunbooks';
import { HostBackoff } from './sources/hostBackoff';
import { dueOfPolicy } from './database/reviewDue';
import { readerVersion } from './service/readerVersion';
import { githubRateLimitReset } from './sources/githubRateLimit';
import { runbooksOnCallExtensionPoint } from '@runbooks-for-backstage/plugin-runbooks-node';
import { OnCallProviderRegistry, setupOnCall } from './onCall/setupOnCall';
import { registerRunbooksActions } from './actions';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { setupFiring } from './alertmanager/setupFiring';

/**
 * The runbooks backend plugin: reads runbooks from the sources entities name,
 * keeps them in its database, and serves them at `/api/runbooks`.
 *
 * @public
 */
export const runbooksPlugin = createBackendPlugin({
  pluginId: 'runbooks',
  register(env) {
    const onCallProviders = new OnCallProviderRegistry();
    env.registerExtensionPoint(runbooksOnCallExtensionPoint, onCallProviders);
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        lifecycle: coreServices.lifecycle,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { logger, scheduler, catalog, auth } = deps;
        const config = readRunbooksConfig(deps.config);
        const store = await DatabaseRunbooksStore.create({
          database: deps.database,
          dueOf: dueOfPolicy(config),
        });
        const integrations = ScmIntegrations.fromConfig(deps.config);
        const sources = new RunbookSourceReader({
          reader: deps.urlReader,
          integrations,
          limits: config.limits,
          allow: config.sourcesAllow,
          backoff: new HostBackoff({
            initialMs: config.rateLimitWaitMs,
            maxMs: 3_600_000,
            resetAt: githubRateLimitReset(integrations),
          }),
        });
        const refresher = new RunbooksRefresher({
          store,
          sources,
          catalog,
          auth,
          logger,
          limits: config.limits,
          standard: config.standard,
          spreadReadsOverMs: config.spreadReadsOverMs,
          // Stored due dates follow the default interval: a new one re-reads everything once.
          version: `${readerVersion()} reviewInterval=${
            config.reviewIntervalText
          }`,
        });
        const service = new DefaultRunbooksService({
          store,
          refresher,
          catalog,
          auth,
          permissions: deps.permissions,
          config,
        });

        const staleNotifier = new StaleNotifier({
          store,
          notifications: deps.notifications,
          logger,
          config,
        });

        await scheduler.scheduleTask({
          id: 'runbooks-refresh',
          ...config.refresh,
          fn: async () => {
            const started = Date.now();
            // Which replica runs the shared task shows in its log.
            logger.info('Refreshing the runbooks of every entity');
            const result = await refresher.refreshAll();
            const failed = result.failed ? `, ${result.failed} failed` : '';
            const deferred = result.deferred
              ? `, ${result.deferred} deferred (source rate limited)`
              : '';
            logger.info(
              `Refreshed runbooks of ${result.entities} entities in ${
                Date.now() - started
              } ms${failed}${deferred}, ${result.unchanged ?? 0} unchanged`,
            );
            const notified = await staleNotifier.notifyStaleRunbooks();
            if (notified.sent || notified.failed) {
              logger.info(
                `Stale runbook notifications: ${notified.sent} sent, ${notified.failed} failed (${notified.runbooks} runbooks notified, ${notified.failedRunbooks} to retry)`,
              );
            }
          },
        });

        await scheduler.scheduleTask({
          id: 'runbooks-refresh-new',
          ...config.discovery,
          fn: async () => {
            const result = await refresher.refreshNew();
            if (result.entities) {
              logger.info(
                `Read the runbooks of ${result.entities} new entities (${result.failed} failed)`,
              );
            }
          },
        });

        const appBaseUrl = deps.config.getString('app.baseUrl');
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, service, appBaseUrl }),
        );
        deps.httpRouter.use((await setupFiring({ ...deps, service })).router);
        const onCall = await setupOnCall({
          ...deps,
          registry: onCallProviders,
          sources,
          store,
          severities: config.severities,
        });
        registerRunbooksActions({
          actionsRegistry: deps.actionsRegistry,
          service,
          onCall,
          appBaseUrl,
        });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
        // Only /go accepts anonymous callers; the lookup itself still demands credentials.
        deps.httpRouter.addAuthPolicy({
          path: '/alerts',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
