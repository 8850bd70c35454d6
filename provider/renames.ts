// Names and external keys are unique (per domain, or per tenant), and Pulumi runs independent
// updates in parallel. A reorganisation that shuffles titles ("Manager" -> "Senior Manager" while
// "Team Leader" -> "Manager") or swaps two names must not fail half applied on a 409. Each
// operation of this process that changes unique values registers what it gives up (`holds`) and
// what it takes (`wants`); an operation whose wanted value another one still holds waits for it,
// and a cycle of such waits (A<->B, A->B->C->A) is broken by one member (the oldest) moving to a
// temporary value first.
import { clock } from "../clock";

export interface Move {
  readonly seq: number;
  /** Values the object has now and gives up (deleted, or renamed away). */
  holds: Set<string>;
  /** Values the object takes. */
  readonly wants: Set<string>;
}

export class UniqueValues {
  private seq = 0;
  private readonly moves = new Set<Move>();
  private waiters: (() => void)[] = [];

  register(holds: Iterable<string>, wants: Iterable<string>): Move {
    const move: Move = { seq: ++this.seq, holds: new Set(holds), wants: new Set(wants) };
    for (const w of move.wants) move.holds.delete(w); // keeping a value is not moving it
    this.moves.add(move);
    this.notify();
    return move;
  }

  /** The object no longer holds its old values (it moved to temporary ones). */
  release(move: Move): void {
    move.holds = new Set();
    this.notify();
  }

  finish(move: Move): void {
    this.moves.delete(move);
    this.notify();
  }

  /** Other operations that still hold a value `move` wants. */
  blockers(move: Move): Move[] {
    const out: Move[] = [];
    for (const other of this.moves) if (other !== move && [...move.wants].some((w) => other.holds.has(w))) out.push(other);
    return out;
  }

  /** Whether some registered operation holds `value` (is giving it up). */
  isHeld(value: string): boolean {
    for (const other of this.moves) if (other.holds.has(value)) return true;
    return false;
  }

  /**
   * Whether `move` must break a cycle of waits: it waits (transitively) on itself and is the
   * oldest member of its strongly connected group of waits, so exactly one member of each acts.
   */
  mustBreakCycle(move: Move): boolean {
    if (move.holds.size === 0) return false;
    const reach = (from: Move): Set<Move> => {
      const seen = new Set<Move>();
      const stack = [from];
      while (stack.length) for (const b of this.blockers(stack.pop()!)) if (!seen.has(b)) (seen.add(b), stack.push(b));
      return seen;
    };
    const reachable = reach(move);
    if (!reachable.has(move)) return false;
    for (const m of reachable) if (m.seq < move.seq && reach(m).has(move)) return false;
    return true;
  }

  /** Resolves on the next registration, release or finish, or after `timeoutMs` (false then). */
  changed(timeoutMs = Infinity): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(timeoutMs) ? clock.setTimeout(() => resolve(false), Math.max(0, timeoutMs)) : undefined;
      this.waiters.push(() => {
        if (timer) clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
