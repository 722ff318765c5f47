import { ResponseError } from '@backstage/errors';

/** When a rate-limited host may be asked again, if the host tells. */
export type RateLimitResetLookup = (url: string) => Promise<Date | undefined>;

/** True for an error a source's host answered because of its rate limit. */
export function isRateLimitError(error: unknown): boolean {
  if (error instanceof ResponseError) {
    const status = error.response.status;
    return (
      status === 429 || (status === 403 && /rate limit/i.test(error.message))
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  // Backstage's readers throw plain errors naming the status ("…, 429 Too
  // Many Requests") and, for GitHub, "(rate limit exceeded)" on a 403.
  return (
    /rate limit/i.test(message) || /\b429 Too Many Requests\b/i.test(message)
  );
}

/**
 * Per host: whether reads must wait because the host answered rate-limited.
 * The wait is what the host says (`resetAt`, e.g. GitHub's `/rate_limit`)
 * when it says so, else `initialMs` doubled at each further limit up to
 * `maxMs`; a successful read forgets the host's strikes.
 */
export class HostBackoff {
  private readonly hosts = new Map<
    string,
    { until: number; strikes: number }
  >();

  constructor(
    private readonly options: {
      initialMs: number;
      maxMs: number;
      resetAt?: RateLimitResetLookup;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** Until when (epoch ms) reads of this URL's host wait; undefined when they need not. */
  blockedUntil(url: string): number | undefined {
    const state = this.hosts.get(hostOf(url));
    if (!state || state.until <= this.now()) return undefined;
    return state.until;
  }

  /** Records that the URL's host answered rate-limited; answers until when it waits. */
  async limited(url: string): Promise<number> {
    const host = hostOf(url);
    const strikes = (this.hosts.get(host)?.strikes ?? 0) + 1;
    const { initialMs, maxMs } = this.options;
    let until =
      this.now() + Math.min(maxMs, initialMs * 2 ** Math.min(strikes - 1, 20));
    try {
      const reset = await this.options.resetAt?.(url);
      // A reset in the past or days ahead is no better than our own guess.
      if (reset && reset.getTime() > this.now()) {
        until = Math.min(reset.getTime() + 1000, this.now() + maxMs);
      }
    } catch {
      // The host's own figure is a refinement; the doubling wait stands.
    }
    this.hosts.set(host, { until, strikes });
    return until;
  }

  /** Records a successful read: the host's next limit waits `initialMs` again. */
  succeeded(url: string): void {
    const host = hostOf(url);
    const state = this.hosts.get(host);
    if (state && state.until <= this.now()) this.hosts.delete(host);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
