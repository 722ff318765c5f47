import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { RateLimitResetLookup } from './hostBackoff';

/**
 * When a GitHub host's rate limit resets, for URLs of configured GitHub
 * integrations. Backstage's UrlReader does not pass the response headers of a
 * rate-limited answer on, so this asks `GET /rate_limit` (which GitHub does
 * not count against the limit) with the same credentials the reader uses:
 * the core limit's `reset` when it is used up, else the `Retry-After` or
 * `x-ratelimit-reset` of that answer when it is itself limited.
 */
export function githubRateLimitReset(
  integrations: ScmIntegrationRegistry,
  fetchFn: typeof fetch = fetch,
): RateLimitResetLookup {
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async url => {
    const integration = integrations.github.byUrl(url);
    const apiBaseUrl = integration?.config.apiBaseUrl;
    if (!apiBaseUrl) return undefined;
    const { headers } = await credentials.getCredentials({ url });
    const response = await fetchFn(`${apiBaseUrl}/rate_limit`, {
      headers: { Accept: 'application/vnd.github+json', ...headers },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return fromHeaders(response.headers);
    const body = (await response.json()) as {
      resources?: { core?: { remaining?: number; reset?: number } };
    };
    const core = body.resources?.core;
    if (core?.remaining === 0 && typeof core.reset === 'number') {
      return new Date(core.reset * 1000);
    }
    // A secondary limit: GitHub asks for at least a minute between retries.
    return undefined;
  };
}

function fromHeaders(headers: Headers): Date | undefined {
  const retryAfter = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) {
    return new Date(Date.now() + retryAfter * 1000);
  }
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  return undefined;
}
