// The run: what one provider process (one `pulumi up`, `refresh` or `destroy`) shares across its
// operations. The engine starts a process per run and calls `configure` first, so one Run per
// process (`currentRun`) is one run; tests start a fresh one with `resetRun`.
import type { ApiClient } from "../client";
import { resolveSettings, SETTINGS, type RawConfig, type Settings } from "../config";
import { LineWorksError } from "../errors";
import { FEATURES, isFeatureOff, WRITE_RULES, type Kind } from "../kinds";
import { DomainWriters, KeyedMutex, type Operation } from "../ordering";
import { UniqueValues } from "../renames";
import { SnapshotCache } from "../snapshot";
import { listAll } from "./api";
import { explainUneditable } from "./sets";
import type { Props } from "./values";

export class Run {
  /** Set by `configure`, read at call time: nothing is kept on the provider object. */
  private configured: RawConfig | undefined;
  private resolved: { config: RawConfig | undefined; env: string; value: Settings } | undefined;
  /** One operation at a time per object. */
  readonly locks = new KeyedMutex();
  /** Per-domain writers under the rules the kinds declare (org units: one write per second, in order). */
  readonly writers = new DomainWriters(WRITE_RULES);
  /** The run's list snapshots, by type and domain. */
  readonly snapshots = new SnapshotCache<Props>();
  /** Unique names and keys the run's operations give up and take. */
  readonly uniques = new UniqueValues();
  /** Objects this run created or adopted, by `type|id`: a later delete or adoption must know. */
  private readonly taken = new Map<string, "created" | "adopted">();
  /** Deletes this run made or is making, by type: what a kind's `deleteCap` counts. */
  private readonly deletes = new Map<string, number>();

  configure(config: RawConfig | undefined): void {
    this.configured = config;
  }

  /** The configuration `configure` gave, unresolved (check reads `domainId` before credentials are complete). */
  get config(): RawConfig | undefined {
    return this.configured;
  }

  /** Settings as of now: re-resolved whenever the configuration or a LINEWORKS_* variable changed. */
  settings(): Settings {
    const env = Object.values(SETTINGS)
      .map((spec) => process.env[spec.env] ?? "")
      .join("\u0000");
    const r = this.resolved;
    if (!r || r.config !== this.configured || r.env !== env) this.resolved = { config: this.configured, env, value: resolveSettings(this.configured) };
    return this.resolved!.value;
  }

  takenBy(kind: Kind, id: string): "created" | "adopted" | undefined {
    return this.taken.get(`${kind.type}|${id}`);
  }

  take(kind: Kind, id: string, how: "created" | "adopted"): void {
    this.taken.set(`${kind.type}|${id}`, how);
  }

  /**
   * Counts one delete of `kind` against `cap` before it is sent (at once, so deletes running
   * side by side cannot pass the cap together); the count it had when the cap is reached.
   */
  countDelete(kind: Kind, cap: number): { reached: number } | undefined {
    const n = this.deletes.get(kind.type) ?? 0;
    if (n >= cap) return { reached: n };
    this.deletes.set(kind.type, n + 1);
    return undefined;
  }

  /** A counted delete that did not happen (LINE WORKS refused it): it no longer counts. */
  uncountDelete(kind: Kind): void {
    this.deletes.set(kind.type, Math.max(0, (this.deletes.get(kind.type) ?? 0) - 1));
  }
}

let current = new Run();

/** The run of this provider process. */
export const currentRun = (): Run => current;

/** Starts a fresh run, as a new provider process would (nothing configured, nothing held): for tests. */
export function resetRun(): Run {
  current = new Run();
  return current;
}

/**
 * Every write: one at a time per object (`objectKey`), under the per-domain rule of its type if
 * it has one and the rule covers the `operation`. A failed write leaves the type's list snapshot
 * of the domain in doubt: drop it.
 */
export async function write<T>(run: Run, kind: Kind, domainId: number, objectKey: string, fn: () => Promise<T>, operation?: Operation): Promise<T> {
  try {
    return await run.locks.run(`${kind.type}|${objectKey}`, () => run.writers.schedule(kind.type, domainId, fn, operation));
  } catch (e) {
    run.snapshots.invalidate(kind.type, domainId);
    explainUneditable(kind, e);
    if (e instanceof LineWorksError && kind.feature && isFeatureOff(e, kind.feature)) {
      const f = FEATURES[kind.feature];
      throw new Error(
        `${e.summary} The ${f.noun} feature (${f.flag}) is off in domain ${domainId}: declare ` +
          `\`new lineworks.DirectoryFeature("${kind.feature}", { feature: "${kind.feature}" })\` and make this ${kind.noun} depend on it.`,
      );
    }
    throw e;
  }
}

/** The run's list snapshot of a type in a domain (undefined when snapshots are off). */
export function snapshotOf(run: Run, client: ApiClient, kind: Kind, domainId: number, s: Settings): Promise<Map<string, Props> | undefined> {
  return run.snapshots.get(kind.type, domainId, s.snapshotMaxAgeMs, async () =>
    (await listAll(client, kind, domainId)).map((o): [string, Props] => [o[kind.idField], o]),
  );
}

/** Records a write's known outcome in the run's snapshot (`obj` undefined: deleted). */
export function remember(run: Run, kind: Kind, domainId: number, id: string, obj: Props | undefined): void {
  run.snapshots.apply(kind.type, domainId, id, obj);
}

/** The objects of the domain as the run's list snapshot holds them, else listed now. */
export async function objectsOf(run: Run, client: ApiClient, kind: Kind, domainId: number, s: Settings): Promise<Iterable<Props>> {
  return (await snapshotOf(run, client, kind, domainId, s))?.values() ?? (await listAll(client, kind, domainId));
}
