import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityOnCall,
  EscalationLevel,
  parseEscalationAnnotation,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RunbookProblem,
  Severity,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  OnCallAnswer,
  OnCallProvider,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { entityKey } from '../service/entityRefs';
import { SnapshotStore } from '../database/RunbooksStore';
import { ProviderCalls } from './ProviderCalls';
import { resolveContacts } from './resolveEscalation';
import { selectOnCallProvider } from './selectProvider';

/**
 * Answers `GET /entities/:namespace/:kind/:name/on-call`: the entity's
 * escalation with contacts resolved through the catalog, and who is on call
 * now from the provider it names. Provider answers are cached briefly per
 * entity and provider; while a provider fails, the answer says since when.
 */
export class OnCallService {
  private readonly providers: Map<string, OnCallProvider>;
  private readonly calls: ProviderCalls;

  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs'>;
      providers: OnCallProvider[];
      logger: LoggerService;
      /** Default severity ladder (`runbooks.severities`). */
      severities: Severity[];
      /** Where the entity's runbook index ladder and escalation are stored, when it has runbooks. */
      store?: Pick<SnapshotStore, 'getEntity'>;
      now?: () => Date;
      /** How long an answer is reused. Default 60 s. */
      cacheTtlMs?: number;
      /** How long a failure is reused before the provider is asked again. Default 15 s. */
      failureTtlMs?: number;
      /** Longest a provider may take in all. Default 15 s. */
      timeoutMs?: number;
    },
  ) {
    this.providers = new Map(deps.providers.map(p => [p.id, p]));
    this.calls = new ProviderCalls(deps);
  }

  /** The ids of the providers in use, for logs. */
  providerIds(): string[] {
    return [...this.providers.keys()];
  }

  async getOnCall(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityOnCall> {
    const { catalog } = this.deps;
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${entityKey(ref)} in the catalog, or you may not read it`,
      );
    }
    const now = this.deps.now?.() ?? new Date();
    const key = entityKey(entity);
    const annotations = entity.metadata.annotations ?? {};
    const problems: RunbookProblem[] = [];

    const stored = await this.deps.store?.getEntity(key);
    const declared = parseEscalationAnnotation(
      annotations[RUNBOOKS_ESCALATION_ANNOTATION],
    );
    problems.push(...declared.problems);

    const source = selectOnCallProvider(this.providers, entity, problems);
    let answer: OnCallAnswer | undefined;
    let unreachableSince: Date | undefined;
    if (source) {
      const result = await this.calls.ask(
        source.provider,
        entity,
        source.target,
        now,
      );
      if ('error' in result) {
        unreachableSince = result.since;
      } else {
        answer = result.answer;
        problems.push(...(answer.problems ?? []));
      }
    }

    let escalation: EscalationLevel[] = declared.value;
    if (!escalation.length) escalation = stored?.escalation ?? [];
    if (!escalation.length) escalation = answer?.escalation ?? [];
    const onCallNow = answer?.onCall ?? [];

    const resolved = await resolveContacts(
      [
        ...escalation.map(level => ({
          contacts: level.contacts,
          label: 'Escalation contact',
        })),
        ...onCallNow.map(shift => ({
          contacts: shift.contacts,
          label: 'On-call member',
        })),
        ...onCallNow.map(shift => ({
          contacts: shift.next ?? [],
          label: 'On-call member',
        })),
      ],
      catalog,
      credentials,
    );
    problems.push(...resolved.problems);
    const at = (index: number) => resolved.lists[index];
    const n = escalation.length;
    const m = onCallNow.length;

    return {
      entityRef: key,
      escalation: escalation.map((level, i) => ({
        ...level,
        contacts: at(i),
      })),
      onCallNow: onCallNow.map((shift, i) => ({
        ...shift,
        contacts: at(n + i),
        ...(shift.next ? { next: at(n + m + i) } : {}),
      })),
      provider: source?.provider.id,
      ...(unreachableSince
        ? { unreachableSince: unreachableSince.toISOString() }
        : {}),
      severities: stored?.severities ?? this.deps.severities,
      problems,
    };
  }
}
