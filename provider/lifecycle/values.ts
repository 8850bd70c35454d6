// Values as the lifecycle compares and shows them: unknown during preview, canonical forms by a
// field's traits, the declared fields, and outputs as Pulumi keeps them. Pure: no API, no run.
import { isDeepStrictEqual } from "node:util";
import { KINDS, shapeOf, type Action, type FieldTraits, type Kind } from "../kinds";

/** The value Pulumi passes for inputs not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Which fields the program declared, kept beside the inputs and outputs (hidden from the
 * preview, like every `__` property). `check` compares it with the new declaration to clear a
 * field the program stopped declaring, and `read` returns only these fields as inputs, so a
 * refresh never turns live values of fields the program never declared into declared ones.
 */
export const DECLARED = "__declared";

/**
 * Hidden input: create takes an existing object over (by external key, else name) as if
 * `lineworks:adoptExisting` were set. A roster's items carry it, and so do member resources that
 * take their members back from rosters (`Directory` with `rosters: 0`).
 */
export const ADOPT = "__adopt";

export type Props = Record<string, any>;

export function kindOf(type: string): Kind {
  const kind = KINDS[type];
  if (!kind) throw new Error(`unknown LINE WORKS resource type ${type}`);
  return kind;
}

export const isUnknown = (v: unknown): boolean =>
  v === UNKNOWN || (Array.isArray(v) ? v.some(isUnknown) : !!v && typeof v === "object" && Object.values(v).some(isUnknown));

/**
 * Comparable form of a field by its traits: absent and null alike (or the documented default),
 * sets sorted, case-insensitive text lower-cased, objects reduced to their `shape`, inside too.
 */
export function canon(kind: Kind, field: string, v: unknown): unknown {
  return canonBy(kind.traits[field] ?? {}, v);
}

/** Whether two values of a field are the same by its traits. */
export const same = (kind: Kind, field: string, a: unknown, b: unknown): boolean => isDeepStrictEqual(canon(kind, field, a), canon(kind, field, b));

export function canonBy(t: FieldTraits, v: unknown): unknown {
  const one = (x: unknown): unknown =>
    t.shape && x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(t.shape).sort().map((k) => [k, canonBy(t.shape![k], (x as Props)[k])]))
      : t.caseInsensitive && typeof x === "string"
        ? x.toLowerCase()
        : x;
  if (t.set) {
    const list = Array.isArray(v) ? v.map(one) : [];
    return list.map((x) => [JSON.stringify(x), x] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);
  }
  if (v === undefined || v === null) return t.default ?? null;
  return one(v);
}

/**
 * A value as outputs keep it: objects reduced to their `shape` (LINE WORKS' echoes of referenced
 * names are dropped), and an ID that was declared as `externalKey:<key>` in that form again.
 */
function project(t: FieldTraits, v: unknown, forms: Forms, path: string): unknown {
  if (Array.isArray(v)) return t.set || t.shape ? v.map((x) => project({ ...t, set: false }, x, forms, path)) : v;
  if (typeof t.references === "string" && typeof v === "string") return forms.get(formKey(path, t.references, v)) ?? v;
  if (!t.shape || !v || typeof v !== "object") return v;
  const out: Props = {};
  for (const [k, kt] of shapeOf(t, v as Props)) {
    const x = (v as Props)[k];
    out[k] = x === undefined ? (kt.set ? [] : (kt.default ?? null)) : project(kt, x, forms, `${path}.${k}`);
  }
  return out;
}

/** What an absent live value of a field is shown as: [] for sets, else the default or null. */
function emptyValue(kind: Kind, field: string): unknown {
  const t = kind.traits[field] ?? {};
  return t.set ? [] : (t.default ?? null);
}

/** A live object seen as fields: a toggled state read from its live flag (suspended from isSuspended). */
export function asFields(kind: Kind, obj: Props): Props {
  const out = { ...obj };
  for (const [f, toggle] of kind.toggles) if (obj[toggle.live] !== undefined) out[f] = obj[toggle.live];
  return out;
}

/** Deleted, but kept by LINE WORKS (restorable for a while) and holding its name or key: gone for the program. */
export const isSoftDeleted = (kind: Kind, obj: Props) => !!kind.softDelete && obj[kind.softDelete.flag] === true;

/** The fields a program declared (undefined = not managed: PATCH leaves the live value alone). */
export function declaredFields(kind: Kind, props: Props): Props {
  const out: Props = {};
  for (const f of kind.fieldNames) if (props[f] !== undefined) out[f] = props[f];
  return out;
}

/** The declared-field list of checked inputs (absent in state written before it existed). */
export function declaredList(props: Props): string[] | undefined {
  const v = props[DECLARED];
  return Array.isArray(v) ? v.filter((f): f is string => typeof f === "string") : undefined;
}

export const pick = (o: Props, fields: string[]): Props => Object.fromEntries(Object.entries(o).filter(([f]) => fields.includes(f)));

/** Fields whose change alone calls an action. */
export const triggers = (a: Action) => a.when ?? a.fields;

/** The declared forms (`externalKey:<key>`, an email) of references, by `formKey`: what outputs show instead of the IDs they resolved to. */
export type Forms = Map<string, string>;

/**
 * Where a declared form holds: the property (without list positions, as LINE WORKS may list items
 * in another order), the kind and the ID. One member may be a group's member by ID and its master by email.
 */
export const formKey = (path: string, kind: string, id: string) => `${path.replace(/\[\d+\]/g, "")}|${kind}|${id}`;

/**
 * Outputs repeat every input field (not the write-only ones) plus the ID and the fields LINE WORKS
 * derives; never `undefined` (the RPC layer rejects it). A reference declared as `externalKey:<key>`
 * stays in that form while it names the live value, so the next diff compares like with like. The
 * provider's own settings (`local`) come from `settings`, the declaration that holds them.
 */
export function outputs(kind: Kind, obj: Props, domainId: number, declared: string[] | undefined, forms: Forms = new Map(), settings: Props = {}): Props {
  const live = asFields(kind, obj);
  const out: Props = { [kind.idField]: obj[kind.idField], domainId: obj.domainId ?? domainId };
  for (const f of kind.outputFields) {
    const t = kind.traits[f] ?? {};
    const v = t.local ? settings[f] : live[f];
    out[f] = v === undefined || v === null ? emptyValue(kind, f) : project(t, v, forms, f);
  }
  for (const f of kind.readOnly) out[f] = obj[f] ?? null;
  if (declared) out[DECLARED] = declared;
  return out;
}

/** Declared fields whose live value differs (write-only ones cannot be compared). */
export function differingFields(kind: Kind, live: Props, declared: Props): string[] {
  const seen = asFields(kind, live);
  return Object.keys(declared).filter((f) => !kind.secretFields.includes(f) && !same(kind, f, seen[f], declared[f]));
}
