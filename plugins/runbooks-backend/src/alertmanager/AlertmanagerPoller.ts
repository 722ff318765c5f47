import { LoggerService } from '@backstage/backend-plugin-api';
import { AlertmanagerStatus } from '@runbooks-for-backstage/plugin-runbooks-common';
import { AlertmanagerConfig, AlertmanagerInstance } from './config';
import { AlertmanagerAlert, fetchAlerts } from './fetchAlerts';

/** What every Alertmanager reported at its last answer, and how each is doing. */
export type AlertmanagerSnapshot = {
  alerts: Array<{ alertmanager: string; alert: AlertmanagerAlert }>;
  statuses: AlertmanagerStatus[];
  polledAt?: string;
};

type InstanceState = {
  instance: AlertmanagerInstance;
  alerts: AlertmanagerAlert[];
  status: AlertmanagerStatus;
};

/**
 * Asks each configured Alertmanager for its alerts once per poll interval,
 * in the background, whoever is watching: requests to the plugin read the
 * last snapshot and never reach Alertmanager. An instance that fails keeps
 * the alerts it last reported, with since when it fails.
 */
export class AlertmanagerPoller {
  private readonly states: InstanceState[];
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = true;
  private running?: Promise<void>;
  private polledAt?: string;
  private readonly listeners: Array<
    (snapshot: AlertmanagerSnapshot) => Promise<void> | void
  > = [];

  constructor(
    private readonly deps: {
      config: AlertmanagerConfig;
      logger: LoggerService;
      fetch?: typeof fetch;
      now?: () => Date;
    },
  ) {
    this.states = deps.config.instances.map(instance => ({
      instance,
      alerts: [],
      status: { name: instance.name, reachable: false },
    }));
  }

  /** Called after every poll, with the new snapshot. */
  onPoll(listener: (snapshot: AlertmanagerSnapshot) => Promise<void> | void) {
    this.listeners.push(listener);
  }

  /** Polls now, then every poll interval until `stop()`. */
  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** How each instance answered its last poll, and when that was. */
  status(): { statuses: AlertmanagerStatus[]; polledAt?: string } {
    return {
      statuses: this.states.map(s => ({ ...s.status })),
      polledAt: this.polledAt,
    };
  }

  snapshot(): AlertmanagerSnapshot {
    return {
      alerts: this.states.flatMap(s =>
        s.alerts.map(alert => ({ alertmanager: s.instance.name, alert })),
      ),
      statuses: this.states.map(s => ({ ...s.status })),
      polledAt: this.polledAt,
    };
  }

  /** One poll of every instance, then the listeners. */
  async pollOnce(): Promise<void> {
    await Promise.all(this.states.map(state => this.pollInstance(state)));
    this.polledAt = this.nowIso();
    const snapshot = this.snapshot();
    for (const listener of this.listeners) {
      try {
        await listener(snapshot);
      } catch (error) {
        this.deps.logger.error(
          `Reading firing alerts failed: ${(error as Error).message}`,
        );
      }
    }
  }

  private loop() {
    if (this.stopped) return;
    const started = Date.now();
    this.running = this.pollOnce().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      const wait = Math.max(
        0,
        this.deps.config.pollIntervalMs - (Date.now() - started),
      );
      this.timer = setTimeout(() => this.loop(), wait);
      this.timer.unref?.();
    });
  }

  private async pollInstance(state: InstanceState) {
    const { instance } = state;
    try {
      state.alerts = await fetchAlerts(instance, this.deps.fetch);
      if (state.status.unreachableSince) {
        this.deps.logger.info(
          `Alertmanager ${instance.name} answers again (unreachable since ${state.status.unreachableSince})`,
        );
      }
      state.status = {
        name: instance.name,
        reachable: true,
        lastSuccessAt: this.nowIso(),
      };
    } catch (error) {
      const message = (error as Error).message;
      if (state.status.reachable || !state.status.unreachableSince) {
        this.deps.logger.warn(
          `Alertmanager ${instance.name} (${instance.baseUrl}) unreachable: ${message}`,
        );
      }
      state.status = {
        name: instance.name,
        reachable: false,
        lastSuccessAt: state.status.lastSuccessAt,
        unreachableSince: state.status.unreachableSince ?? this.nowIso(),
        error: message,
      };
    }
  }

  private nowIso() {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
