// Sets shown by identity (a group's members as a map, so the preview lists exactly the items
// added and removed), sets with their own endpoints (added and removed item by item), and objects
// nobody may edit (a dynamic group).
import type { ApiClient } from "../client";
import type { Settings } from "../config";
import { answerText, ConflictError, InvalidError, LineWorksError, NetworkError, NotFoundError, sentence, ServerError } from "../errors";
import type { FieldTraits, Kind } from "../kinds";
import { clock } from "../../clock";
import { canonBy, pick, UNKNOWN, type Props } from "./values";

/** An item of a set as logs, errors and the preview name it: by its identity (`USER user-1`). */
const itemLabel = (t: FieldTraits, item: Props) => (t.identity ?? Object.keys(t.shape ?? {})).map((k) => String(item[k])).join(" ");

/** Sets with an `identity`, as inputs show them: a map by identity, so the preview lists exactly the items added and removed. */
export function keyed(kind: Kind, props: Props): Props {
  const out = { ...props };
  for (const f of kind.fieldNames) {
    const identity = kind.traits[f]?.identity;
    if (!identity || !Array.isArray(props[f])) continue;
    let unknown = 0;
    out[f] = Object.fromEntries(
      props[f].map((item: unknown) => {
        const parts = identity.map((k) => (item && typeof item === "object" ? (item as Props)[k] : undefined));
        return [parts.every((p) => typeof p === "string" && p !== UNKNOWN) ? itemLabel(kind.traits[f]!, item as Props) : `(not known yet #${++unknown})`, item];
      }),
    );
  }
  return out;
}

/** The same sets back as lists, as the lifecycle works with them (a list stays a list). */
export function listed(kind: Kind, props: Props): Props {
  const out = { ...props };
  for (const f of kind.fieldNames) {
    const v = props[f];
    if (kind.traits[f]?.identity && v && typeof v === "object" && !Array.isArray(v)) out[f] = Object.values(v);
  }
  return out;
}

/** The items a set gains and loses from `live` to `wanted`, compared by the field's traits. */
export function setDelta(kind: Kind, field: string, live: unknown, wanted: unknown): { added: Props[]; removed: Props[] } {
  const item = { ...(kind.traits[field] ?? {}), set: false };
  const keyOf = (x: unknown) => JSON.stringify(canonBy(item, x));
  const [from, to] = [live, wanted].map((v) => (Array.isArray(v) ? (v as Props[]) : []));
  const have = new Set(from.map(keyOf));
  const want = new Set(to.map(keyOf));
  return { added: to.filter((x) => !have.has(keyOf(x))), removed: from.filter((x) => !want.has(keyOf(x))) };
}

/** An object with the sets it has endpoints for read from them, where LINE WORKS' answer did not carry them (a group listed without members). */
export async function complete(client: ApiClient, kind: Kind, obj: Props): Promise<Props> {
  const missing = kind.collections.filter(([f]) => !Array.isArray(obj[f]));
  if (!missing.length || typeof obj[kind.idField] !== "string") return obj;
  const out = { ...obj };
  for (const [f, c] of missing) out[f] = await client.list<Props>(`${kind.path}/${encodeURIComponent(obj[kind.idField])}${c.suffix}`, c.listKey);
  return out;
}

/** Adds one item through the set's endpoint. Already there (added out of band, or by an attempt whose answer was lost) is the goal. */
export async function addItem(client: ApiClient, kind: Kind, id: string, field: string, item: Props, s: Settings): Promise<void> {
  const t = kind.traits[field]!;
  const c = t.collection!;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.request({ method: "POST", path: `${kind.path}/{id}${c.suffix}`, params: { id }, json: pick(item, Object.keys(t.shape ?? {})) });
      return;
    } catch (e) {
      if (e instanceof ConflictError) return;
      if ((e instanceof NetworkError || e instanceof ServerError) && attempt <= s.retryLimit) {
        await clock.sleep(client.backoff(attempt));
        continue;
      }
      if (e instanceof InvalidError && !kind.uneditable?.answer.test(e.description ?? "")) {
        throw new Error(
          `Cannot add ${c.noun} ${itemLabel(t, item)} to ${kind.noun} ${id}: LINE WORKS answered ${answerText(e)}. ` +
            "Check that it exists (an ID, or another resource's output, so that it is created first), and that its type is right.",
        );
      }
      throw e;
    }
  }
}

/** Removes one item through the set's endpoint (the other identity keys in the query). Already gone is the goal. */
export async function removeItem(client: ApiClient, kind: Kind, id: string, field: string, item: Props): Promise<void> {
  const t = kind.traits[field]!;
  const c = t.collection!;
  const query = Object.fromEntries((t.identity ?? []).filter((k) => k !== c.key).map((k) => [k, item[k]]));
  try {
    await client.request({ method: "DELETE", path: `${kind.path}/{id}${c.suffix}/{item}`, params: { id, item: item[c.key] }, searchParams: query });
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
  }
}

/** LINE WORKS' refusal to touch an object nobody may edit (a dynamic group), as the kind explains it. */
export function explainUneditable(kind: Kind, e: unknown): void {
  if (e instanceof LineWorksError && kind.uneditable?.answer.test(e.description ?? "")) throw new Error(`${e.summary} ${sentence(kind.uneditable.explain)}`);
}

/** Refuses a live object the kind marks as not editable, before anything is written or recorded. */
export function refuseUneditable(kind: Kind, obj: Props): void {
  const what = kind.uneditable?.mark(obj);
  if (what) throw new Error(`${kind.noun} "${obj[kind.nameField]}" (${obj[kind.idField]}) is ${what}. ${sentence(kind.uneditable!.explain)}`);
}
