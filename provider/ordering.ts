// Ordering rules LINE WORKS asks of integrations: never two requests on one object at once, and
// for some object types one writer per domain with a minimum spacing (org units: one write per
// second, in order; members: at most 10 per second). Both live here, inside the provider, so a
// program with any --parallel keeps them.
import Bottleneck from "bottleneck";

/** Runs callbacks that share a key one after another, in call order. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const mine = prev.then(fn, fn);
    const settled = mine.catch(() => undefined);
    this.tails.set(key, settled);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running (for tests). */
  get busy(): number {
    return this.tails.size;
  }
}

export interface WriteRule {
  /** Only one write of this kind per domain at a time, in the order they were issued. */
  sequential: boolean;
  /** Minimum time between the starts of two writes of this kind in one domain. */
  minSpacingMs: number;
}

/** The documented rules, by resource type; types not listed have no per-domain rule. */
export const DEFAULT_WRITE_RULES: Record<string, WriteRule> = {
  OrgUnit: { sequential: true, minSpacingMs: 1000 },
  User: { sequential: false, minSpacingMs: 100 },
};

/**
 * Per-domain writers built from a rule table. Bottleneck gives FIFO order, a concurrency cap and
 * a minimum spacing between job starts, which is exactly the shape of the LINE WORKS rules.
 */
export class DomainWriters {
  private readonly limiters = new Map<string, Bottleneck>();

  constructor(private readonly rules: Record<string, WriteRule> = DEFAULT_WRITE_RULES) {}

  rule(kind: string): WriteRule | undefined {
    return this.rules[kind];
  }

  /** Runs a write under the rule for `kind` in `domainId`; kinds without a rule run at once. */
  schedule<T>(kind: string, domainId: number, fn: () => Promise<T>): Promise<T> {
    const rule = this.rules[kind];
    if (!rule) return fn();
    const key = `${kind}\u0000${domainId}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new Bottleneck({ maxConcurrent: rule.sequential ? 1 : null, minTime: rule.minSpacingMs });
      this.limiters.set(key, limiter);
    }
    return limiter.schedule(fn);
  }
}
