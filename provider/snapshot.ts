// List snapshots. Peers read one object per GET, which spends the rate budget on large refreshes
// and adoptions; here the reads of one type and domain share one paged list call (ceil(N/100)
// requests). A refresh or an up is one point in time, so one snapshot serves the whole run (one
// provider process) up to `maxAgeMs`. The run's own writes do not throw it away: each write
// applies what the API answered to the snapshot (also to one still loading), and only a write
// whose outcome is unknown drops it. Ages are measured on the shared clock.
import { clock } from "../clock";

interface Entry<T> {
  at: number;
  items: Promise<Map<string, T>>;
  /** Writes finished while the list was loading, replayed on it in order once it arrives. */
  pending?: [string, T | undefined][];
}

export class SnapshotCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly key = (scope: string, domain: number) => `${scope}\u0000${domain}`;

  /** A write whose outcome is unknown: the snapshot of `scope` in `domain` can no longer be trusted. */
  invalidate(scope: string, domain: number): void {
    this.entries.delete(this.key(scope, domain));
  }

  /** A write of this run with a known outcome: `item` is the object as the API returned it, undefined if deleted. */
  apply(scope: string, domain: number, id: string, item: T | undefined): void {
    const entry = this.entries.get(this.key(scope, domain));
    if (!entry) return;
    if (entry.pending) entry.pending.push([id, item]);
    else void entry.items.then((m) => (item === undefined ? m.delete(id) : m.set(id, item)));
  }

  /**
   * The snapshot of `scope` in `domain`, listed with `load` if none is fresh; concurrent callers
   * share one list. Returns undefined when snapshots are disabled (maxAgeMs 0).
   */
  async get(scope: string, domain: number, maxAgeMs: number, load: () => Promise<[string, T][]>): Promise<Map<string, T> | undefined> {
    if (maxAgeMs <= 0) return undefined;
    const key = this.key(scope, domain);
    let entry = this.entries.get(key);
    if (!entry || clock.now() - entry.at > maxAgeMs) {
      const fresh: Entry<T> = { at: clock.now(), pending: [], items: Promise.resolve(new Map()) };
      fresh.items = load().then((pairs) => {
        const m = new Map(pairs);
        for (const [id, item] of fresh.pending ?? []) item === undefined ? m.delete(id) : m.set(id, item);
        fresh.pending = undefined;
        return m;
      });
      fresh.items.catch(() => this.entries.get(key) === fresh && this.entries.delete(key));
      this.entries.set(key, fresh);
      entry = fresh;
    }
    return entry.items;
  }
}
