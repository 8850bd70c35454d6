// Unique names and keys within one run: a rename, create or delete waits for the operation of
// this run that still holds a value it wants, whatever order the engine issues them in.
import { clock } from "../../clock";
import type { ApiClient } from "../client";
import { ConflictError } from "../errors";
import type { Kind } from "../kinds";
import { remember, write, type Run } from "./run";
import { log } from "./settings";
import { canon, type Props } from "./values";

/** Key of a unique value: names are unique per domain, external keys per domain or tenant. */
export function uniqueKey(kind: Kind, field: string, domainId: number, value: unknown): string {
  // A name that addresses the object (a member's email) is as tenant-wide as its key.
  const tenantWide = kind.keyScope === "tenant" && (field === kind.externalKeyField || (field === kind.nameField && kind.nameRef));
  return `${kind.type}|${field}|${tenantWide ? "*" : String(domainId)}|${String(canon(kind, field, value))}`;
}

/** The unique values `news` takes from `olds` (changed fields only): [given up, taken]. */
export function uniqueMoves(kind: Kind, domainId: number, olds: Props, news: Props): [string[], string[]] {
  const holds: string[] = [];
  const wants: string[] = [];
  for (const f of kind.uniqueFields) {
    if (news[f] === undefined || news[f] === olds[f]) continue;
    if (olds[f] != null) holds.push(uniqueKey(kind, f, domainId, olds[f]));
    if (news[f] != null) wants.push(uniqueKey(kind, f, domainId, news[f]));
  }
  return [holds, wants];
}

interface Detour {
  /** Moves the object to temporary values, freeing the ones it holds. */
  away(): Promise<void>;
  /** Puts the old values back after the final write failed. */
  back(): Promise<void>;
}

/**
 * Runs a write that gives up `holds` and takes `wants` so that it succeeds whatever order the
 * engine issues the run's operations in: it waits for operations of this run that still hold a
 * value it wants, and breaks a cycle of such waits with a temporary value (`detour`). A 409 with
 * nobody known to hold the value waits `conflictWaitMs` for such an operation to show up (the
 * engine may not have sent it yet); then `onConflict` tells the user what conflicts.
 */
export async function coordinated<T>(
  run: Run,
  holds: string[],
  wants: string[],
  attempt: () => Promise<T>,
  opts: { detour?: Detour; onConflict: (e: ConflictError) => Promise<Error> | Error },
): Promise<T> {
  if (!holds.length && !wants.length) return attempt();
  const { uniques } = run;
  const move = uniques.register(holds, wants);
  let detoured = false;
  let conflict: { error: ConflictError; until: number } | undefined;
  try {
    for (;;) {
      if (uniques.blockers(move).length) {
        if (!detoured && opts.detour && uniques.mustBreakCycle(move)) {
          await opts.detour.away();
          detoured = true;
          uniques.release(move);
        } else {
          await uniques.changed();
          conflict = undefined; // someone moved: try again
        }
        continue;
      }
      if (conflict) {
        const left = conflict.until - clock.now();
        if (left <= 0 || !(await uniques.changed(left))) throw await opts.onConflict(conflict.error);
        continue;
      }
      try {
        return await attempt();
      } catch (e) {
        if (!(e instanceof ConflictError) || !move.wants.size) throw e;
        conflict = { error: e, until: clock.now() + run.settings().conflictWaitMs };
      }
    }
  } catch (e) {
    if (detoured) {
      try {
        await opts.detour!.back();
      } catch (e2) {
        log(`could not restore the previous name or key after a failed rename (${(e2 as Error).message}); run \`pulumi refresh\` and \`pulumi up\` again`);
      }
    }
    throw e;
  } finally {
    uniques.finish(move);
  }
}

/** A detour through temporary values for the unique fields an update gives up. */
export function detourFor(run: Run, kind: Kind, client: ApiClient, id: string, domainId: number, olds: Props, news: Props): Detour {
  const fields = kind.uniqueFields.filter((f) => news[f] !== undefined && news[f] !== olds[f] && olds[f] != null);
  const patch = async (values: Props) => {
    const res = await write(run, kind, domainId, `id:${id}`, () => client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json: values }), "update");
    if (res?.[kind.idField]) remember(run, kind, domainId, id, res);
  };
  const tag = `lineworks-tmp-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    away: () => {
      log(`${kind.noun} ${id}: moving ${fields.join(", ")} to "${tag}" for a moment, to let another rename of this run take the current value`);
      return patch(Object.fromEntries(fields.map((f) => [f, kind.traits[f]?.detour?.(tag, String(olds[f])) ?? tag])));
    },
    back: () => patch(Object.fromEntries(fields.map((f) => [f, olds[f]]))),
  };
}
