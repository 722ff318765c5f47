import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { firingSignalChannel } from '@runbooks-for-backstage/plugin-runbooks-common';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runbooksApiRef } from '../api';

/** How often the firing views read again when the portal has no signals. */
export const FIRING_FALLBACK_POLL_MS = 10_000;

/**
 * Reads again when the backend signals a change on `channel` (Backstage
 * signals), or every {@link FIRING_FALLBACK_POLL_MS} when the app has no
 * signals. The last answer stays on screen while the next one loads.
 */
function useLive<S extends { retry: () => void }>(
  channel: string,
  state: S,
): S {
  const { lastSignal, isSignalsAvailable } = useSignal(channel);
  const { retry } = state;
  useEffect(() => {
    if (lastSignal) retry();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal]);
  useEffect(() => {
    if (isSignalsAvailable) return undefined;
    const timer = setInterval(retry, FIRING_FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [isSignalsAvailable, retry]);
  return state;
}

/** The entity's firing alerts, live. */
export function useEntityFiring(entityRef: CompoundEntityRef) {
  const api = useApi(runbooksApiRef);
  const { kind, namespace, name } = entityRef;
  const channel = firingSignalChannel(
    stringifyEntityRef({ kind, namespace, name }),
  );
  return useLive(
    channel,
    useAsyncRetry(
      () => api.getEntityFiring({ kind, namespace, name }),
      [api, kind, namespace, name],
    ),
  );
}

/** Everything firing across the catalog (or one alert's instances), live. */
export function useCatalogFiring(alertname?: string) {
  const api = useApi(runbooksApiRef);
  return useLive(
    firingSignalChannel(),
    useAsyncRetry(
      () => api.getFiring(alertname ? { alertname } : {}),
      [api, alertname],
    ),
  );
}
