// A roster's items as its state keeps them, and back as the kind's lifecycle takes them. State
// keeps only what a diff compares: the declared fields, the item's ID, its domain where it is not
// the roster's, and the declared-field list only where it is not simply the fields present.
import { isDeepStrictEqual } from "node:util";
import type { FieldTraits } from "../kinds";
import { ROSTERS, type RosterKind } from "../kinds/rosters";
import { DECLARED, declaredList, type Props } from "../lifecycle/values";

export function rosterOf(type: string): RosterKind {
  const roster = ROSTERS[type];
  if (!roster) throw new Error(`unknown LINE WORKS roster type ${type}`);
  return roster;
}

/** The property holding a roster's items, by stable key. */
export const ITEMS = "members";
/** The property holding the items' write-only fields (passwords), by stable key: a Pulumi secret of its own. */
export const SECRETS = "secrets";

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * An item's inputs or outputs as the roster keeps them. `declaredOnly` (outputs): only the declared
 * fields, not the echoes of the rest. Write-only fields are never kept here (they travel in `secrets`).
 */
export function compact(r: RosterKind, props: Props, domainId: number, declaredOnly: boolean): Props {
  const kind = r.item;
  const out: Props = {};
  if (props[kind.idField] !== undefined) out[kind.idField] = props[kind.idField];
  if (props.domainId !== undefined && props.domainId !== domainId) out.domainId = props.domainId;
  const declared = declaredList(props);
  for (const f of kind.fieldNames) {
    if (props[f] === undefined || kind.secretFields.includes(f)) continue;
    if (declaredOnly && declared && !declared.includes(f)) continue;
    out[f] = declaredOnly ? trim(kind.traits[f], props[f]) : props[f];
  }
  const listed = (declared ?? []).filter((f) => !kind.secretFields.includes(f));
  const present = kind.fieldNames.filter((f) => out[f] !== undefined);
  if (declared && !sameList(listed, present)) out[DECLARED] = listed;
  return out;
}

/**
 * An output value without what a comparison adds anyway: inside objects, keys that are null, empty
 * sets or their documented default (a unit's `visible: true`). Absent compares equal to those.
 */
function trim(t: FieldTraits | undefined, v: unknown): unknown {
  if (Array.isArray(v)) return t?.shape ? v.map((x) => trim({ ...t, set: false }, x)) : v;
  if (!t?.shape || !v || typeof v !== "object") return v;
  const out: Props = {};
  for (const [k, x] of Object.entries(v as Props)) {
    const kt = t.shape[k];
    const empty = x === null || x === undefined || (kt?.set && Array.isArray(x) && x.length === 0) || (kt && !kt.set && kt.default !== undefined && isDeepStrictEqual(x, kt.default));
    if (kt && empty) continue;
    out[k] = trim(kt, x);
  }
  return out;
}

/** A kept item as the kind's lifecycle takes it: its domain and its declared-field list filled in, its secrets added. */
export function expand(r: RosterKind, item: Props, domainId: number, secrets?: Props): Props {
  const kind = r.item;
  const out: Props = { ...item, ...(secrets ?? {}), domainId: item.domainId ?? domainId };
  const present = kind.fieldNames.filter((f) => out[f] !== undefined);
  out[DECLARED] = item[DECLARED] ? [...new Set([...item[DECLARED], ...present.filter((f) => kind.secretFields.includes(f))])] : present;
  return out;
}

/** The write-only fields of checked item inputs, if it has any. */
export function secretsOf(r: RosterKind, props: Props): Props | undefined {
  const out: Props = {};
  for (const f of r.item.secretFields) if (props[f] !== undefined) out[f] = props[f];
  return Object.keys(out).length ? out : undefined;
}

/** How messages name an item: `members["EMP_0001"]`. */
export const itemLabel = (key: string) => `${ITEMS}[${JSON.stringify(key)}]`;

/** Runs `fn` on every item, at most `limit` at a time, in key order; collects each outcome. */
export async function eachItem<T>(keys: string[], limit: number, fn: (key: string) => Promise<T>): Promise<Map<string, { ok: T } | { error: unknown }>> {
  const results = new Map<string, { ok: T } | { error: unknown }>();
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      try {
        results.set(key, { ok: await fn(key) });
      } catch (error) {
        results.set(key, { error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, keys.length) }, worker));
  return results;
}
