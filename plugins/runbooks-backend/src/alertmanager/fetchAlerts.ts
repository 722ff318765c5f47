import { z } from 'zod';
import { AlertmanagerInstance } from './config';

/** The fields of Alertmanager's v2 `GettableAlert` that the plugin reads. */
const gettableAlert = z.object({
  fingerprint: z.string(),
  labels: z.record(z.string()),
  annotations: z.record(z.string()).default({}),
  startsAt: z.string(),
  generatorURL: z.string().optional(),
  status: z.object({
    state: z.enum(['active', 'suppressed', 'unprocessed']),
    silencedBy: z.array(z.string()).nullish(),
    inhibitedBy: z.array(z.string()).nullish(),
  }),
});

/** One alert as Alertmanager's API lists it. */
export type AlertmanagerAlert = z.infer<typeof gettableAlert>;

/** The most alerts read from one instance per poll. */
export const MAX_ALERTS_PER_INSTANCE = 20_000;

/**
 * One `GET <baseUrl>/api/v2/alerts` (active, silenced, inhibited and
 * unprocessed alike). Throws an error whose message says what went wrong.
 */
export async function fetchAlerts(
  instance: AlertmanagerInstance,
  fetchImpl: typeof fetch = fetch,
): Promise<AlertmanagerAlert[]> {
  const url = `${instance.baseUrl}/api/v2/alerts`;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      headers: { accept: 'application/json', ...instance.headers },
      signal: AbortSignal.timeout(instance.timeoutMs),
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError') {
      throw new Error(`no answer within ${instance.timeoutMs} ms`);
    }
    throw new Error(e.cause?.code ?? e.message);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${res.status} from ${url}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new Error(`${url} did not answer JSON`);
  }
  if (!Array.isArray(body)) {
    throw new Error(`${url} did not answer a list of alerts`);
  }
  const alerts: AlertmanagerAlert[] = [];
  for (const item of body.slice(0, MAX_ALERTS_PER_INSTANCE)) {
    const parsed = gettableAlert.safeParse(item);
    if (parsed.success && parsed.data.labels.alertname) {
      alerts.push(parsed.data);
    }
  }
  return alerts;
}
