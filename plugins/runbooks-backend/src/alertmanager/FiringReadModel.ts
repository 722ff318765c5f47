import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  AlertLookup,
  FiringAlert,
  firingSignalChannel,
  FiringSignal,
  parseAlertSelector,
  RUNBOOKS_ALERT_SELECTOR_ANNOTATION,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { entityKey } from '../service/entityRefs';
import { AlertmanagerSnapshot } from './AlertmanagerPoller';
import {
  attributeAlert,
  Attribution,
  ClaimingEntity,
  compareFiring,
  firingSignature,
  isLookupName,
  lookupLabels,
} from './attributeAlerts';

/** The plugin's alert → runbook resolution (`RunbooksService.lookupAlert`). */
export type AlertLookupFn = (
  alert: string,
  labels: Record<string, string>,
  credentials: BackstageCredentials,
) => Promise<AlertLookup>;

/** The firing alerts of one entity, as the read model holds them. */
export type FiringOfEntity = ClaimingEntity & { alerts: FiringAlert[] };

const REFS_PER_CALL = 500;
const LOOKUPS_IN_PARALLEL = 16;

/**
 * Firing alerts joined to entities and runbooks, rebuilt after every poll
 * with the plugin's own credentials, so that a request only filters it by
 * what its caller may read. Publishes a signal for each entity whose firing
 * set changed.
 */
export class FiringReadModel {
  private entities = new Map<string, FiringOfEntity>();
  private unattributedAlerts: FiringAlert[] = [];
  private signatures = new Map<string, string>();
  private builtVersion = 0;

  constructor(
    private readonly deps: {
      lookupAlert: AlertLookupFn;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      signals?: SignalsService;
      now?: () => Date;
    },
  ) {}

  /** Increases with every rebuild, for caches keyed on it. */
  get version() {
    return this.builtVersion;
  }

  entity(entityRef: string): FiringOfEntity | undefined {
    return this.entities.get(entityRef);
  }

  allEntities(): FiringOfEntity[] {
    return [...this.entities.values()];
  }

  unattributed(): FiringAlert[] {
    return this.unattributedAlerts;
  }

  /** Joins a poll's alerts to entities and runbooks, then signals changes. */
  async rebuild(snapshot: AlertmanagerSnapshot): Promise<void> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const lookups = await this.lookupAll(snapshot, credentials);
    const refs = new Set<string>();
    for (const lookup of lookups.values()) {
      lookup?.matches.forEach(m => refs.add(m.entityRef));
      lookup?.definedBy.forEach(d => refs.add(d.entityRef));
    }
    const claiming = await this.claimingEntities([...refs], credentials);
    const attribution: Attribution = { byEntity: new Map(), unattributed: [] };
    // Instances of one cluster report the same alerts: show each once.
    const seen = new Set<string>();
    for (const { alertmanager, alert } of snapshot.alerts) {
      if (seen.has(alert.fingerprint)) continue;
      seen.add(alert.fingerprint);
      attributeAlert(
        alertmanager,
        alert,
        lookups.get(lookupKey(alert.labels)),
        claiming,
        attribution,
      );
    }
    const entities = new Map<string, FiringOfEntity>();
    for (const [entityRef, alerts] of attribution.byEntity) {
      entities.set(entityRef, {
        ...claiming.get(entityRef)!,
        alerts: alerts.sort(compareFiring),
      });
    }
    // Entities with a broken selector keep their problem while nothing fires.
    for (const entity of claiming.values()) {
      if (entity.problems.length && !entities.has(entity.entityRef)) {
        entities.set(entity.entityRef, { ...entity, alerts: [] });
      }
    }
    this.entities = entities;
    this.unattributedAlerts = attribution.unattributed.sort(compareFiring);
    this.builtVersion++;
    await this.signalChanges();
  }

  private async lookupAll(
    snapshot: AlertmanagerSnapshot,
    credentials: BackstageCredentials,
  ): Promise<Map<string, AlertLookup | undefined>> {
    const pending = new Map<string, Record<string, string>>();
    for (const { alert } of snapshot.alerts) {
      if (isLookupName(alert.labels.alertname)) {
        pending.set(lookupKey(alert.labels), alert.labels);
      }
    }
    const results = new Map<string, AlertLookup | undefined>();
    const queue = [...pending.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, labels] = next;
        results.set(
          key,
          await this.deps
            .lookupAlert(labels.alertname, lookupLabels(labels), credentials)
            .catch(error => {
              if ((error as Error).name !== 'NotFoundError') {
                this.deps.logger.warn(
                  `Looking up firing alert ${labels.alertname} failed: ${
                    (error as Error).message
                  }`,
                );
              }
              return undefined;
            }),
        );
      }
    };
    await Promise.all(Array.from({ length: LOOKUPS_IN_PARALLEL }, worker));
    return results;
  }

  /** The entities named by lookups, with their selector, title and owner. */
  private async claimingEntities(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ClaimingEntity>> {
    const entities = new Map<string, ClaimingEntity>();
    for (let i = 0; i < refs.length; i += REFS_PER_CALL) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: refs.slice(i, i + REFS_PER_CALL),
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'metadata.annotations',
            'spec.owner',
          ],
        },
        { credentials },
      );
      for (const item of items) {
        if (!item) continue;
        const parsed = parseAlertSelector(
          item.metadata.annotations?.[RUNBOOKS_ALERT_SELECTOR_ANNOTATION],
        );
        const problems: RunbookProblem[] = parsed.problems.map(p => ({
          ...p,
          message: `${p.message}. Every alert the entity knows by name is shown as its own until it is fixed.`,
        }));
        const owner = item.spec?.owner;
        entities.set(entityKey(item), {
          entityRef: entityKey(item),
          entityTitle: item.metadata.title,
          owner: typeof owner === 'string' ? owner : undefined,
          selector: parsed.value,
          problems,
        });
      }
    }
    return entities;
  }

  private async signalChanges() {
    const signatures = new Map<string, string>();
    for (const [ref, entity] of this.entities) {
      signatures.set(ref, firingSignature(entity.alerts));
    }
    signatures.set('', firingSignature(this.unattributedAlerts));
    const changed = new Set<string>();
    for (const ref of new Set([
      ...signatures.keys(),
      ...this.signatures.keys(),
    ])) {
      if ((signatures.get(ref) ?? '') !== (this.signatures.get(ref) ?? '')) {
        changed.add(ref);
      }
    }
    this.signatures = signatures;
    const { signals } = this.deps;
    if (!changed.size || !signals) return;
    const message: FiringSignal = {
      changedAt: (this.deps.now?.() ?? new Date()).toISOString(),
    };
    const channels = [
      firingSignalChannel(),
      ...[...changed].filter(Boolean).map(ref => firingSignalChannel(ref)),
    ];
    await Promise.all(
      channels.map(channel =>
        signals
          .publish({ recipients: { type: 'broadcast' }, channel, message })
          .catch(error =>
            this.deps.logger.warn(
              `Publishing ${channel} failed: ${(error as Error).message}`,
            ),
          ),
      ),
    );
  }
}

/** Alerts with the same labels resolve alike; one lookup serves them all. */
function lookupKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map(k => [k, labels[k]]),
  );
}
