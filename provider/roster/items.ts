// A roster's items as its state keeps them, and back as the kind's lifecycle takes them. State
// keeps only what a diff compares: the declared fields, the item's ID, its domain where it is not
// the roster's, and the declared-field list only where it is not simply the fields present.
//
// Each item travels as one JSON text, not as a nested object. Pulumi converts every nested value
// to a protobuf Struct on each call between program, engine and provider (google-protobuf's
// `Struct.fromJavaScript`, whose cost grows with nesting), and that conversion was most of a
// no-change preview at 10,000 members; a text crosses about 13 times faster (docs/benchmark.md).
// `pulumi preview --diff` still shows a changed item field by field: the CLI decodes a JSON text
// and prints it as an object diff. State from before kept objects: both are read.
import { isDeepStrictEqual } from "node:util";
import type { FieldTraits } from "../kinds";
import { ROSTERS, type RosterKind } from "../kinds/rosters";
import { DECLARED, declaredList, isUnknown, type Props } from "../lifecycle/values";

export function rosterOf(type: string): RosterKind {
  const roster = ROSTERS[type];
  if (!roster) throw new Error(`unknown LINE WORKS roster type ${type}`);
  return roster;
}

/** The property holding a roster's items, by stable key. */
export const ITEMS = "members";
/**
 * `[index, count]`: which of a set of rosters this is (a Directory's `rosters: count`). An item that
 * leaves this roster and now belongs to another of the set has moved there (the number of rosters
 * changed), and is not deleted.
 */
export const BUCKET = "bucket";
/** The property holding the items' write-only fields (passwords), by stable key: a Pulumi secret of its own. */
export const SECRETS = "secrets";
/** An item as a roster carries it: JSON text, object keys sorted so that equal items are equal texts. */
export function itemText(item: Props): string {
  return JSON.stringify(item, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

/**
 * An item as a roster carried it (JSON text, or an object in state written before texts), as an
 * object; a value not yet known (preview) as it is. Throws on text that is not a JSON object.
 */
export function itemValue(v: unknown): Props | string {
  if (typeof v !== "string" || isUnknown(v)) return v as Props | string;
  const parsed = JSON.parse(v);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object");
  return parsed;
}

/** A roster's outputs from its items: each item as text, in key order. */
export function rosterOutputs(domainId: unknown, items: Record<string, Props>): Props {
  return { domainId, [ITEMS]: Object.fromEntries(Object.keys(items).sort().map((k) => [k, itemText(items[k])])) };
}

/** An item of a roster's outputs (text, or an object in older state) as an object. */
export const outputItem = (outs: Props, key: string): Props => itemValue(outs[ITEMS][key]) as Props;

/** Every item of a roster's outputs, as objects. */
export const outputItems = (outs: Props): Record<string, Props> => Object.fromEntries(Object.keys(outs[ITEMS] ?? {}).map((k) => [k, outputItem(outs, k)]));

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
