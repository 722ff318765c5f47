import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EscalationLevel,
  OnCallShift,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/**
 * What an on-call provider is asked: who is on call for this entity at `now`.
 *
 * @public
 */
export type OnCallRequest = {
  /** The catalog entity whose on-call is wanted. */
  entity: Entity;
  /** What the entity names for this provider: a schedule file, a service id, a team. */
  target: string;
  /** The instant to answer for; providers must not read the clock themselves. */
  now: Date;
  /** Aborted when the answer is no longer wanted, e.g. on timeout. */
  signal?: AbortSignal;
};

/**
 * An on-call provider's answer for one entity.
 *
 * @public
 */
export type OnCallAnswer = {
  /** Who is on call now, per escalation level; empty when nobody is. */
  onCall: OnCallShift[];
  /** The provider's own escalation, used when the entity declares none. */
  escalation?: EscalationLevel[];
  /** What is wrong with the entity's setup for this provider (not outages: throw for those). */
  problems?: RunbookProblem[];
};

/**
 * A source of "who is on call now": the built-in schedule file, PagerDuty,
 * Opsgenie, or any other system added by a backend module.
 *
 * @public
 */
export interface OnCallProvider {
  /** The name used in `runbooks/on-call: <id>:<target>`, e.g. `schedule`, `pagerduty`, `opsgenie`. */
  readonly id: string;
  /**
   * Optional: this provider's target from the entity's own annotations (such as
   * a vendor annotation), used when `runbooks/on-call` names no provider.
   */
  targetOf?(entity: Entity): string | undefined;
  /**
   * Who is on call. Throw when the provider cannot be reached (the plugin then
   * shows "on-call provider unreachable since …"); report setup mistakes as
   * `problems` instead.
   */
  getOnCall(request: OnCallRequest): Promise<OnCallAnswer>;
}

/**
 * What backend modules can do with {@link runbooksOnCallExtensionPoint}.
 *
 * @public
 */
export interface RunbooksOnCallExtensionPoint {
  /** Adds providers; one with the id of a built-in provider replaces it. */
  addProvider(...providers: OnCallProvider[]): void;
}

/**
 * Extension point of the runbooks backend plugin for on-call providers.
 *
 * @public
 */
export const runbooksOnCallExtensionPoint =
  createExtensionPoint<RunbooksOnCallExtensionPoint>({
    id: 'runbooks.on-call',
  });
