// In-memory state of the emulated tenant, optionally persisted to one JSON file.
//
// The store knows nothing about object schemas: it keeps opaque records per collection ("kind")
// keyed by ID, plus a feature switch per domain and kind. Collections added later (org units,
// users, groups) use the same store without changes.
import * as fs from "node:fs";
import * as path from "node:path";

export interface StoredRecord {
  /** Creation sequence number: stable tiebreaker for list order and cursors. */
  seq: number;
  data: Record<string, unknown>;
}

interface StateFile {
  version: 1;
  nextSeq: number;
  features: Record<string, Record<string, boolean>>;
  objects: Record<string, Array<{ id: string; seq: number; data: Record<string, unknown> }>>;
}

export class Store {
  private nextSeq = 1;
  private readonly features = new Map<number, Record<string, boolean>>();
  private readonly collections = new Map<string, Map<string, StoredRecord>>();
  private batchDepth = 0;
  private dirty = false;

  constructor(
    readonly domainIds: readonly number[],
    initialFeatures: Record<string, boolean>,
    private readonly dataFile?: string,
  ) {
    for (const d of domainIds) this.features.set(d, { ...initialFeatures });
    // A data file wins over the initial switches: it is the tenant's saved state.
    if (dataFile && fs.existsSync(dataFile)) this.load(dataFile);
  }

  get defaultDomain(): number {
    return this.domainIds[0];
  }

  hasDomain(domainId: number): boolean {
    return this.domainIds.includes(domainId);
  }

  isEnabled(domainId: number, feature: string): boolean {
    return this.features.get(domainId)?.[feature] ?? true;
  }

  setEnabled(domainId: number, feature: string, enabled: boolean): void {
    const f = this.features.get(domainId) ?? {};
    f[feature] = enabled;
    this.features.set(domainId, f);
    this.changed();
  }

  /** All records of a kind in creation order. Callers must not mutate them. */
  all(kind: string): StoredRecord[] {
    return [...this.collection(kind).values()];
  }

  get(kind: string, id: string): StoredRecord | undefined {
    return this.collection(kind).get(id);
  }

  find(kind: string, pred: (data: Record<string, unknown>) => boolean): StoredRecord | undefined {
    for (const r of this.collection(kind).values()) if (pred(r.data)) return r;
    return undefined;
  }

  insert(kind: string, id: string, data: Record<string, unknown>): StoredRecord {
    const rec = { seq: this.nextSeq++, data };
    this.collection(kind).set(id, rec);
    this.changed();
    return rec;
  }

  replace(kind: string, id: string, data: Record<string, unknown>): StoredRecord {
    const rec = this.collection(kind).get(id);
    if (!rec) throw new Error(`${kind} ${id} does not exist`);
    rec.data = data;
    this.changed();
    return rec;
  }

  remove(kind: string, id: string): boolean {
    const removed = this.collection(kind).delete(id);
    if (removed) this.changed();
    return removed;
  }

  removeWhere(kind: string, pred: (data: Record<string, unknown>) => boolean): number {
    const c = this.collection(kind);
    let n = 0;
    for (const [id, r] of c) if (pred(r.data)) { c.delete(id); n++; }
    if (n > 0) this.changed();
    return n;
  }

  /** Runs several mutations and saves once at the end (e.g. disable = wipe + switch off). */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.dirty) this.save();
    }
  }

  private collection(kind: string): Map<string, StoredRecord> {
    let c = this.collections.get(kind);
    if (!c) { c = new Map(); this.collections.set(kind, c); }
    return c;
  }

  private changed(): void {
    this.dirty = true;
    if (this.batchDepth === 0) this.save();
  }

  /** Writes the whole state atomically: temp file in the same directory, fsync, rename. */
  save(): void {
    this.dirty = false;
    if (!this.dataFile) return;
    const state: StateFile = { version: 1, nextSeq: this.nextSeq, features: {}, objects: {} };
    for (const [d, f] of this.features) state.features[String(d)] = { ...f };
    for (const [kind, c] of this.collections) {
      state.objects[kind] = [...c].map(([id, r]) => ({ id, seq: r.seq, data: r.data }));
    }
    fs.mkdirSync(path.dirname(this.dataFile), { recursive: true });
    const tmp = `${this.dataFile}.${process.pid}.${Date.now()}.tmp`;
    const fd = fs.openSync(tmp, "w", 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(state, null, 2));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.dataFile);
  }

  private load(file: string): void {
    // A corrupt file is an error, not an empty tenant: silently starting empty would make a
    // stack believe every object was deleted out of band.
    const state = JSON.parse(fs.readFileSync(file, "utf8")) as StateFile;
    if (state.version !== 1) throw new Error(`${file}: unsupported state version ${String(state.version)}`);
    this.nextSeq = state.nextSeq;
    for (const [d, f] of Object.entries(state.features ?? {})) {
      const id = Number(d);
      this.features.set(id, { ...(this.features.get(id) ?? {}), ...f });
    }
    for (const [kind, list] of Object.entries(state.objects ?? {})) {
      const c = this.collection(kind);
      for (const o of list) c.set(o.id, { seq: o.seq, data: o.data });
    }
  }
}
