import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** One Alertmanager of `runbooks.alertmanager.instances`. */
export type AlertmanagerInstance = {
  name: string;
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
};

/** `runbooks.alertmanager`, read; absent when no instance is configured. */
export type AlertmanagerConfig = {
  instances: AlertmanagerInstance[];
  pollIntervalMs: number;
};

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_POLL_INTERVAL_MS = 15_000;

function duration(config: Config, key: string, fallback: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}

/**
 * Reads `runbooks.alertmanager`; undefined when it names no instance, which
 * turns every firing view off.
 */
export function readAlertmanagerConfig(
  config: Config,
): AlertmanagerConfig | undefined {
  const root = config.getOptionalConfig('runbooks.alertmanager');
  const instances = (root?.getOptionalConfigArray('instances') ?? []).map(
    instance => {
      const name = instance.getString('name');
      const baseUrl = instance.getString('baseUrl');
      let url: URL;
      try {
        url = new URL(baseUrl);
      } catch {
        throw new InputError(
          `Invalid config runbooks.alertmanager.instances "${name}": baseUrl "${baseUrl}" is not a URL`,
        );
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new InputError(
          `Invalid config runbooks.alertmanager.instances "${name}": baseUrl must be http: or https:`,
        );
      }
      const headersConfig = instance.getOptionalConfig('headers');
      const headers: Record<string, string> = {};
      for (const key of headersConfig?.keys() ?? []) {
        headers[key] = headersConfig!.getString(key);
      }
      return {
        name,
        baseUrl: withoutTrailingSlashes(baseUrl),
        headers,
        timeoutMs: duration(instance, 'timeout', DEFAULT_TIMEOUT_MS),
      };
    },
  );
  if (!root || !instances.length) return undefined;
  const names = new Set<string>();
  for (const { name } of instances) {
    if (names.has(name)) {
      throw new InputError(
        `Invalid config runbooks.alertmanager.instances: the name "${name}" is used twice`,
      );
    }
    names.add(name);
  }
  return {
    instances,
    pollIntervalMs: Math.max(
      1_000,
      duration(root, 'pollInterval', DEFAULT_POLL_INTERVAL_MS),
    ),
  };
}
