// Client-side request budget per API operation. LINE WORKS counts requests per API per domain in
// a window that resets at most a minute after it starts; a sliding log of send times guarantees
// that no window of that length ever sees more than `limit` requests, whatever the server's
// window alignment, so a steady run stays free of 429s. Server headers can pause it further.

export interface BudgetOptions {
  limit: number;
  windowMs: number;
  /** Extra spacing so requests sent near a window edge cannot arrive inside the next one. */
  marginMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SlidingWindowBudget {
  private readonly sent: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private pausedUntil = 0;

  constructor(private readonly opts: BudgetOptions) {}

  /** Resolves when one more request may be sent; FIFO, so callers keep their order. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** The server said the window is spent (or answered 429): send nothing until it resets. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** Requests sent within the current window. */
  inFlightWindow(): number {
    this.prune(Date.now());
    return this.sent.length;
  }

  private span(): number {
    return this.opts.windowMs + (this.opts.marginMs ?? Math.max(50, Math.ceil(this.opts.windowMs * 0.02)));
  }

  private prune(now: number): void {
    const span = this.span();
    while (this.sent.length && this.sent[0] <= now - span) this.sent.shift();
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now);
        continue;
      }
      this.prune(now);
      if (this.sent.length < this.opts.limit) {
        this.sent.push(now);
        return;
      }
      await sleep(this.sent[0] + this.span() - now + 1);
    }
  }
}
