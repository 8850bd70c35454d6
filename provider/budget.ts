// Client-side request budget: at most `limit` requests in any window of `windowMs`, measured at
// the server. It serves as the per-API budget (LINE WORKS counts requests per API per domain in
// a window that resets at most a minute after it starts) and as a per-domain write gate (org
// units: one write per second; members: ten per second). Server headers can pause it further.
// LINE WORKS asks calls sustained over 30 minutes to keep to half the limit: after that long
// without an idle window, the budget halves until the API has been idle for a window.
//
// Why slots are held until the response and stamped then: a request reaches the server somewhere
// between the client's send and the client's receipt of the answer, and either event loop can
// run late. Times taken when a job is scheduled (or even when its request leaves) can be earlier
// than the arrival, so two arrivals can be closer than the rule allows. So a slot counts from
// the moment it is granted, as pending, until `done()` (called once the response, or the
// failure, is in); from then on it counts with that completion time for one window. A new slot
// is granted only while pending + completed-within-the-window < limit. For any limit + 1
// arrivals inside one window, the one granted last was granted while each of the others was
// either still pending or had completed after its own arrival, so inside the window: it would
// have been counted. The bound therefore holds whatever the lag on either side.
//
// Times are the shared clock's (../clock), so a test may run the rules faster than real time.
import { clock } from "../clock";

export interface BudgetOptions {
  limit: number;
  windowMs: number;
  /** After this long busy (no idle window), allow half the limit. 0 disables. */
  sustainedAfterMs?: number;
}

/** One granted request. Call `done()` when its response (or failure) has been received. */
export interface BudgetSlot {
  /** When the slot was granted (clock.now()). */
  readonly grantedAt: number;
  /** Stamps the completion time (first call only) and lets the slot age out of the window. */
  done(): void;
}

export class SlidingWindowBudget {
  /** Completion times of finished slots still inside the window, oldest first. */
  private readonly completed: number[] = [];
  /** Slots granted and not done yet: they count in every window until they are. */
  private pending = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private pausedUntil = 0;
  /** Start of the current busy period: requests with no idle window between them. */
  private busySince = 0;
  private waiting = 0;
  /** Wakes the waiter at the head of the queue early (a slot completed, or a pause changed). */
  private wake?: () => void;

  constructor(private readonly opts: BudgetOptions) {}

  /** Resolves to a slot when one more request may be sent; FIFO, so callers keep their order. */
  acquire(): Promise<BudgetSlot> {
    // Idle means nobody waiting, nothing pending and nothing completed for a whole window.
    const now = clock.now();
    this.prune(now);
    if (this.waiting === 0 && this.pending === 0 && this.completed.length === 0) this.busySince = now;
    this.waiting++;
    const turn = this.tail.then(() => this.waitForSlot()).finally(() => void this.waiting--);
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** The server said the window is spent (or answered 429): grant nothing until it resets. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, clock.now() + ms);
  }

  /** Slots that count now: pending ones and those completed within the window. */
  inFlightWindow(): number {
    this.prune(clock.now());
    return this.pending + this.completed.length;
  }

  /** The limit in force now: halved once the API has been busy for `sustainedAfterMs`. */
  currentLimit(now = clock.now()): number {
    const after = this.opts.sustainedAfterMs ?? 0;
    const sustained = after > 0 && this.busySince > 0 && now - this.busySince >= after;
    return sustained ? Math.max(1, Math.floor(this.opts.limit / 2)) : this.opts.limit;
  }

  /** Drops completions that no window containing `now` can hold any more. */
  private prune(now: number): void {
    while (this.completed.length && this.completed[0] <= now - this.opts.windowMs) this.completed.shift();
  }

  private grant(now: number): BudgetSlot {
    this.pending++;
    let finished = false;
    return {
      grantedAt: now,
      done: () => {
        if (finished) return;
        finished = true;
        this.pending--;
        // Never earlier than a completion already recorded, so the log stays sorted even if the
        // wall clock steps back; a later stamp only makes the budget stricter.
        const last = this.completed[this.completed.length - 1] ?? 0;
        this.completed.push(Math.max(clock.now(), last));
        this.wake?.();
      },
    };
  }

  /** Sleeps `ms` (Infinity: until woken), or less if a slot completes meanwhile. */
  private nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = Number.isFinite(ms) ? clock.setTimeout(() => finish(), Math.max(1, ms)) : undefined;
      const finish = () => {
        if (timer) clearTimeout(timer);
        if (this.wake === finish) this.wake = undefined;
        resolve();
      };
      this.wake = finish;
    });
  }

  private async waitForSlot(): Promise<BudgetSlot> {
    for (;;) {
      const now = clock.now();
      if (now < this.pausedUntil) {
        await this.nap(this.pausedUntil - now);
        continue;
      }
      this.prune(now);
      if (this.pending + this.completed.length < this.currentLimit(now)) return this.grant(now);
      // Room appears when the oldest completion leaves the window; a pending slot completing
      // only moves into the completed log, but wakes us to compute the time it leaves.
      await this.nap(this.completed.length ? this.completed[0] + this.opts.windowMs - now : Infinity);
    }
  }
}
