// List snapshots for refresh. Peers read one object per GET, which spends the rate budget on
// large refreshes; here the reads of one type and domain share one paged list call
// (ceil(N/100) requests), held for a few seconds and dropped on any write of that type.
interface Entry<T> {
  at: number;
  generation: number;
  items: Promise<Map<string, T>>;
}

export class SnapshotCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly generations = new Map<string, number>();

  /** Any write of `scope` (a type) makes every snapshot of it, finished or in flight, stale. */
  invalidate(scope: string): void {
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${scope}\u0000`)) this.entries.delete(key);
  }

  /**
   * The snapshot of `scope` in `domain`, fetched with `load` if none is fresh; concurrent callers
   * share one fetch. Returns undefined when snapshots are disabled (maxAgeMs 0).
   */
  async get(scope: string, domain: number, maxAgeMs: number, load: () => Promise<[string, T][]>): Promise<Map<string, T> | undefined> {
    if (maxAgeMs <= 0) return undefined;
    const key = `${scope}\u0000${domain}`;
    const generation = this.generations.get(scope) ?? 0;
    let entry = this.entries.get(key);
    if (!entry || entry.generation !== generation || Date.now() - entry.at > maxAgeMs) {
      const fresh: Entry<T> = { at: Date.now(), generation, items: load().then((pairs) => new Map(pairs)) };
      fresh.items.catch(() => this.entries.get(key) === fresh && this.entries.delete(key));
      this.entries.set(key, fresh);
      entry = fresh;
    }
    const items = await entry.items;
    // A write that finished while the list was in flight makes this snapshot unusable.
    return (this.generations.get(scope) ?? 0) === entry.generation ? items : undefined;
  }
}
