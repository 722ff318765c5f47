import { z } from 'zod';

/** Default time a vendor API gets to answer one request. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

/** What a vendor API answered: JSON for 2xx, nothing for 404. */
export type JsonAnswer = { status: number; body: unknown };

/**
 * GETs JSON from a vendor API. Throws, with a message naming the vendor and
 * path but never the credentials, on timeouts, network errors, non-JSON
 * answers and statuses other than 2xx and 404.
 */
export async function getJson(options: {
  vendor: string;
  baseUrl: string;
  path: string;
  query?: Array<[string, string]>;
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<JsonAnswer> {
  const { vendor, path, timeoutMs } = options;
  const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of options.query ?? []) {
    url.searchParams.append(name, value);
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([options.signal, timeout])
    : timeout;
  let response: Response;
  try {
    response = await fetch(url, { headers: options.headers, signal });
  } catch (error) {
    if (timeout.aborted) throw timedOut(vendor, path, timeoutMs);
    throw new Error(
      `${vendor} could not be reached for GET ${path}: ${causeText(error)}`,
    );
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return { status: 404, body: undefined };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) throw timedOut(vendor, path, timeoutMs);
    throw new Error(
      `${vendor} answer to GET ${path} broke off: ${causeText(error)}`,
    );
  }
  if (!response.ok) {
    throw new Error(
      `${vendor} answered HTTP ${response.status} to GET ${path}`,
    );
  }
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new Error(`${vendor} answered GET ${path} with something not JSON`);
  }
}

function timedOut(vendor: string, path: string, timeoutMs: number) {
  return new Error(
    `${vendor} did not answer GET ${path} within ${timeoutMs / 1000} s`,
  );
}

function causeText(error: unknown): string {
  const err = error as Error & { cause?: Error };
  return err.cause?.message ?? err.message ?? String(error);
}

/**
 * One vendor's REST API: JSON GETs with its credentials, each answer checked
 * against a schema (undefined for 404).
 */
export class VendorApi {
  constructor(
    private readonly options: {
      vendor: string;
      baseUrl: string;
      headers: Record<string, string>;
      timeoutMs?: number;
    },
  ) {}

  async get<T>(
    path: string,
    query: Array<[string, string]>,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    const { vendor } = this.options;
    const answer = await getJson({
      vendor,
      baseUrl: this.options.baseUrl,
      path,
      query,
      headers: this.options.headers,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal,
    });
    if (answer.status === 404) return undefined;
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${vendor} answered GET ${path} with an unexpected body: ${issue.path.join(
          '.',
        )} ${issue.message}`,
      );
    }
    return parsed.data;
  }
}
