// Walks a declaration by its kind's traits: the references to other kinds' objects inside it,
// and the forms a reference may take besides an ID.
import type { z } from "zod";
import { EXTERNAL_KEY_REF, NAME_REF } from "../schemas";
import type { Kind } from "./define";
import type { FieldTraits } from "./traits";

/**
 * How a reference names an object of `kind` in words, from the object's declaration: its
 * external key, else its name where LINE WORKS resolves a name to one object (a member's email;
 * `name:<name>` where names are unique in the domain). Undefined where only its ID names it (an
 * org unit without a key: LINE WORKS lets two units share a name).
 */
export function formOf(kind: Kind, declared: Record<string, unknown>): string | undefined {
  const key = declared[kind.externalKeyField];
  if (typeof key === "string" && key) return `${EXTERNAL_KEY_REF}${key}`;
  const name = declared[kind.nameField];
  if (typeof name !== "string" || !name) return undefined;
  if (kind.nameRef) return name;
  return kind.uniqueNames === false ? undefined : `${NAME_REF}${name}`;
}

/** Whether a reference to an object of `kind` is a form the provider resolves (`externalKey:`, `name:`, a member's email), not an ID. */
export function isForm(kind: Kind, v: unknown): v is string {
  if (typeof v !== "string") return false;
  if (v.startsWith(EXTERNAL_KEY_REF) || v.startsWith(NAME_REF)) return true;
  return !!kind.nameRef && (kind.schema.shape[kind.nameField] as unknown as z.ZodType).safeParse(v).success;
}

/** A value in the word LINE WORKS now uses for it (`TWITTER` -> `X`), by the field's `synonyms`. */
export const currentWord = (t: FieldTraits, v: unknown): unknown => (typeof v === "string" && t.synonyms && Object.hasOwn(t.synonyms, v) ? t.synonyms[v] : v);

/** The keys of an object's `shape` with their traits, a reference's kind chosen by its sibling (a group member's type). */
export function shapeOf(t: FieldTraits, item: Record<string, unknown>): [string, FieldTraits][] {
  return Object.entries(t.shape ?? {}).map(([k, kt]) => {
    const r = kt.references;
    if (!r || typeof r === "string") return [k, kt];
    const by = item[r.by];
    return [k, { ...kt, references: typeof by === "string" ? r.kinds[by] : undefined }];
  });
}

/**
 * A declaration with every reference to another kind's object replaced by `to(kind, value, path,
 * holder)`, also inside nested objects and sets (a member's units and titles, a group's members);
 * `holder` is the object the reference is a field of. Values of an unexpected shape are passed
 * through for the schema to report.
 */
export function mapRefs(
  kind: Kind,
  value: Record<string, unknown>,
  to: (refKind: string, v: unknown, path: (string | number)[], holder: Record<string, unknown>) => unknown,
): Record<string, unknown> {
  const walk = (t: FieldTraits, v: unknown, path: (string | number)[], holder: Record<string, unknown>): unknown => {
    if (Array.isArray(v)) return t.set || t.shape ? v.map((x, i) => walk({ ...t, set: false }, x, [...path, i], holder)) : v;
    if (typeof t.references === "string") return v === undefined || v === null ? v : to(t.references, v, path, holder);
    if (!t.shape || !v || typeof v !== "object") return v;
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (const [k, kt] of shapeOf(t, out)) if (out[k] !== undefined) out[k] = walk(kt, out[k], [...path, k], v as Record<string, unknown>);
    return out;
  };
  const out = { ...value };
  for (const f of kind.fieldNames) if (value[f] !== undefined) out[f] = walk(kind.traits[f] ?? {}, value[f], [f], value);
  return out;
}
