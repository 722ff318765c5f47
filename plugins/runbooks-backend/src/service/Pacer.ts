/**
 * Spaces out the starts of work: each `turn()` resolves at least
 * `spacingMs` after the previous one, so reads spread over a window instead
 * of bursting at the start of it.
 */
export class Pacer {
  private next = 0;

  constructor(
    private readonly spacingMs: number,
    private readonly sleep: (ms: number) => Promise<void> = ms =>
      new Promise(resolve => setTimeout(resolve, ms)),
    private readonly now: () => number = Date.now,
  ) {}

  async turn(): Promise<void> {
    if (this.spacingMs <= 0) return;
    const now = this.now();
    const at = Math.max(now, this.next);
    this.next = at + this.spacingMs;
    if (at > now) await this.sleep(at - now);
  }
}
