import { ReviewStatus, RunbookProblem } from './types';

/**
 * What Alertmanager does with a firing alert: notifies (`active`), holds it
 * back under a silence (`silenced`) or because another alert inhibits it
 * (`inhibited`).
 *
 * @public
 */
export type FiringAlertState = 'active' | 'silenced' | 'inhibited';

/**
 * The runbook that answers a firing alert, at the section the alert points at.
 *
 * @public
 */
export type FiringRunbook = {
  entityRef: string;
  id: string;
  title: string;
  status: ReviewStatus;
  /** Listed in the runbook index but the file does not exist. */
  missing: boolean;
  anchor?: string;
  /** Path of the runbook in the portal, with `#anchor` when there is one. */
  viewUrl: string;
};

/**
 * One alert firing in an Alertmanager, with its runbooks.
 *
 * @public
 */
export type FiringAlert = {
  /** Alertmanager's fingerprint of the label set. */
  fingerprint: string;
  alertname: string;
  /** The configured name of the Alertmanager that reported it. */
  alertmanager: string;
  state: FiringAlertState;
  /** Ids of the silences holding it back. */
  silencedBy: string[];
  /** Fingerprints of the alerts inhibiting it. */
  inhibitedBy: string[];
  labels: Record<string, string>;
  severity?: string;
  /** When it started firing (ISO 8601). */
  startsAt: string;
  summary?: string;
  description?: string;
  /** Link to the expression in the source (Prometheus graph). */
  generatorURL?: string;
  /** Runbooks that answer it; empty when none does (a gap to fix first). */
  runbooks: FiringRunbook[];
};

/**
 * How one configured Alertmanager answered its last poll.
 *
 * @public
 */
export type AlertmanagerStatus = {
  name: string;
  reachable: boolean;
  /** When it last answered (ISO 8601). */
  lastSuccessAt?: string;
  /** When it stopped answering (ISO 8601), while it does not. */
  unreachableSince?: string;
  error?: string;
};

/**
 * What the firing answers have in common.
 *
 * @public
 */
export type FiringState = {
  /** False when no Alertmanager is configured: every firing view hides. */
  configured: boolean;
  alertmanagers: AlertmanagerStatus[];
  /** Unreachable Alertmanagers, invalid selectors: the rest still answers. */
  problems: RunbookProblem[];
  /** When the alerts were last read (ISO 8601). */
  polledAt?: string;
};

/**
 * What `GET /entities/:namespace/:kind/:name/firing` answers.
 *
 * @public
 */
export type EntityFiring = FiringState & {
  entityRef: string;
  alerts: FiringAlert[];
};

/**
 * One entity of `GET /firing`.
 *
 * @public
 */
export type FiringEntity = {
  entityRef: string;
  entityTitle?: string;
  owner?: string;
  alerts: FiringAlert[];
};

/**
 * What `GET /firing` answers: everything firing across the entities the
 * caller may read, and the alerts that no entity claims.
 *
 * @public
 */
export type CatalogFiring = FiringState & {
  entities: FiringEntity[];
  /** Firing alerts whose name no entity knows (no runbook anywhere). */
  unattributed: FiringAlert[];
};

/**
 * The signal channel that says "something fires or resolves" across the
 * catalog; {@link firingSignalChannel} names one entity's. Messages hold no
 * alert, only when: clients read the answer again with their own credentials.
 *
 * @public
 */
export const FIRING_SIGNAL_CHANNEL = 'runbooks:firing';

/**
 * The signal channel of one entity's firing set (entity ref as the API
 * answers it, `component:default/payments`).
 *
 * @public
 */
export function firingSignalChannel(entityRef?: string): string {
  return entityRef
    ? `${FIRING_SIGNAL_CHANNEL}:${entityRef.toLocaleLowerCase('en-US')}`
    : FIRING_SIGNAL_CHANNEL;
}

/**
 * What a firing signal says.
 *
 * @public
 */
export type FiringSignal = { changedAt: string };
