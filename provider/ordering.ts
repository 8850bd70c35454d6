// Ordering rules LINE WORKS asks of integrations: never two requests on one object at once, and
// for some object types per-domain rules on writes (org units: one at a time, in order, at least
// a second apart; member creates: at most 10 per second). Both live here, inside the provider, so a
// program with any --parallel keeps them.
import { AsyncLocalStorage } from "node:async_hooks";
import { SlidingWindowBudget } from "./budget";

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
  /** Operations of this kind in one domain run one at a time, in the order they were issued. */
  sequential: boolean;
  /**
   * At most `limit` write requests (POST/PUT/PATCH/DELETE) of this kind in one domain reach the
   * server in any `windowMs`. Counted per HTTP request, at the server: a write's slot is held
   * until its response is in (see SlidingWindowBudget), so with limit 1 each write starts at
   * least `windowMs` after the previous write's response.
   */
  limit: number;
  windowMs: number;
  /**
   * The operations the rule covers, when not every write (members: creates only). Others of the
   * kind go at the API budget, still one at a time per object (the run's per-object lock).
   */
  only?: Operation;
}

/** What a lifecycle operation does to its object. */
export type Operation = "create" | "update" | "delete";

// The documented rules; a kind declares its own (`writeRule` in kinds/), and the provider's
// writers are built from those declarations.
// - sequential with limit 1: operations one at a time, and one write request per 1000 ms window,
//   which puts each write at least a second after the previous one reached the server.
// - limit 10: ten write requests per 1000 ms window, running concurrently.
// - only: the operations a rule covers (members: creates); the others of the kind are not gated.

/** Org units: "single thread, at least 1 second apart, in order, per domain" (create, update, patch, move, delete). */
export const ONE_WRITE_PER_SECOND_IN_ORDER: WriteRule = { sequential: true, limit: 1, windowMs: 1000 };
/**
 * Member creates: "add at most 10 members per second per domain" (API 1.0's recommendation, for
 * the member-add API only). Other member writes go at the API budget; 2.0 asks only that one
 * member is never written concurrently and in order: the provider's per-object lock.
 */
export const TEN_WRITES_PER_SECOND: WriteRule = { sequential: false, limit: 10, windowMs: 1000, only: "create" };

/** The write gate of the operation running now (set by DomainWriters.schedule), if any. */
const gateStore = new AsyncLocalStorage<SlidingWindowBudget>();

/**
 * The gate that write requests made now must take a slot of: the per-domain rule of the
 * operation this call runs inside, or undefined outside any ruled operation. The API client
 * asks for it when it sends a POST/PUT/PATCH/DELETE.
 */
export function currentWriteGate(): SlidingWindowBudget | undefined {
  return gateStore.getStore();
}

/**
 * Per-domain writers built from a rule table: a FIFO lock per kind and domain for sequential
 * rules, and a gate (a sliding-window budget) per kind and domain that the API client applies
 * to every write request made inside the operation.
 */
export class DomainWriters {
  private readonly order = new KeyedMutex();
  private readonly gates = new Map<string, SlidingWindowBudget>();

  constructor(private readonly rules: Record<string, WriteRule>) {}

  rule(kindType: string): WriteRule | undefined {
    return this.rules[kindType];
  }

  /** The write gate of `kindType` in `domainId`, or undefined if the type has no rule. */
  gate(kindType: string, domainId: number): SlidingWindowBudget | undefined {
    const rule = this.rules[kindType];
    if (!rule) return undefined;
    const key = `${kindType}\u0000${domainId}`;
    let gate = this.gates.get(key);
    if (!gate) this.gates.set(key, (gate = new SlidingWindowBudget({ limit: rule.limit, windowMs: rule.windowMs })));
    return gate;
  }

  /**
   * Runs an operation under the rule for `kindType` in `domainId`; types without a rule, and
   * operations the rule does not cover (`only`), run at once. No `operation`: a covered one.
   */
  schedule<T>(kindType: string, domainId: number, fn: () => Promise<T>, operation?: Operation): Promise<T> {
    const rule = this.rules[kindType];
    const covered = !rule?.only || !operation || rule.only === operation;
    const gate = covered ? this.gate(kindType, domainId) : undefined;
    // A type without a rule runs outside any gate, even if the caller was inside one.
    if (!rule || !gate) return gateStore.exit(fn);
    const run = () => gateStore.run(gate, fn);
    return rule.sequential ? this.order.run(`${kindType}\u0000${domainId}`, run) : run();
  }
}
