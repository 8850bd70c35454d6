// Client-side request budget per API operation. LINE WORKS counts requests per API per domain in
// a window that resets at most a minute after it starts; a sliding log of send times guarantees
// that no window of that length ever sees more than `limit` requests, whatever the server's
// window alignment, so a steady run stays free of 429s. Server headers can pause it further.
// LINE WORKS asks calls sustained over 30 minutes to keep to half the limit: after that long
// without an idle window, the budget halves until the API has been idle for a window.

export interface BudgetOptions {
  limit: number;
  windowMs: number;
  /** Extra spacing so requests sent near a window edge cannot arrive inside the next one. */
  marginMs?: number;
  /** After this long busy (no idle window), allow half the limit. 0 disables. */
  sustainedAfterMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SlidingWindowBudget {
  private readonly sent: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  /** Start of the current busy period: requests with no idle window between them. */
  private busySince = 0;
  private waiting = 0;

  constructor(private readonly opts: BudgetOptions) {}

  /** Resolves when one more request may be sent; FIFO, so callers keep their order. */
  acquire(): Promise<void> {
    // Idle means nobody waiting and nothing sent for a whole window; waiting on the budget is busy.
    const now = Date.now();
    const last = this.sent[this.sent.length - 1];
    if (this.waiting === 0 && (last === undefined || now - last > this.span())) this.busySince = now;
    this.waiting++;
    const turn = this.tail.then(() => this.waitForSlot()).finally(() => void this.waiting--);
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

  /** The limit in force now: halved once the API has been busy for `sustainedAfterMs`. */
  currentLimit(now = Date.now()): number {
    const after = this.opts.sustainedAfterMs ?? 0;
    const sustained = after > 0 && this.busySince > 0 && now - this.busySince >= after;
    return sustained ? Math.max(1, Math.floor(this.opts.limit / 2)) : this.opts.limit;
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
      if (this.sent.length < this.currentLimit(now)) {
        this.sent.push(now);
        return;
      }
      await sleep(this.sent[0] + this.span() - now + 1);
    }
  }
}
