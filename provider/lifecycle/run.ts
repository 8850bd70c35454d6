// The run: what one provider process (one `pulumi up`, `refresh` or `destroy`) shares across its
// operations. The engine starts a process per run and calls `configure` first, so one Run per
// process (`currentRun`) is one run; tests start a fresh one with `resetRun`.
import { resolveSettings, SETTINGS, type RawConfig, type Settings } from "../config";
import { WRITE_RULES, type Kind } from "../kinds";
import { DomainWriters, KeyedMutex } from "../ordering";
import { UniqueValues } from "../renames";
import { SnapshotCache } from "../snapshot";

type Props = Record<string, any>;

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
}

let current = new Run();

/** The run of this provider process. */
export const currentRun = (): Run => current;

/** Starts a fresh run, as a new provider process would (nothing configured, nothing held): for tests. */
export function resetRun(): Run {
  current = new Run();
  return current;
}
