// References written in words — `externalKey:<key>`, `name:<name>`, a member's email — resolved to
// IDs before a write, and kept in their declared form in outputs.
import { itemRef, type ApiClient } from "../client";
import type { Settings } from "../config";
import { currentWord, isForm, mapRefs, shapeOf, type FieldTraits, type Kind } from "../kinds";
import { EXTERNAL_KEY_REF, NAME_REF } from "../schemas";
import { getOne } from "./api";
import { objectsOf, type Run } from "./run";
import { log } from "./settings";
import { formKey, isSoftDeleted, kindOf, same, type Forms, type Props } from "./values";

/** What a form names: the field of the kind it matches, and the value. */
function parseForm(kind: Kind, ref: string): { field: string; value: string; by: "key" | "name" } {
  if (ref.startsWith(EXTERNAL_KEY_REF)) return { field: kind.externalKeyField, value: ref.slice(EXTERNAL_KEY_REF.length), by: "key" };
  return { field: kind.nameField, value: ref.startsWith(NAME_REF) ? ref.slice(NAME_REF.length) : ref, by: "name" };
}

/**
 * The objects a form names, from the run's snapshot of the kind, else a GET (by key, or by a
 * member's email: LINE WORKS addresses both). Soft-deleted objects are no longer there to refer to.
 * More than one only where names repeat (org units).
 */
async function named(run: Run, client: ApiClient, kind: Kind, ref: string, domainId: number, s: Settings): Promise<Props[]> {
  const { field, value, by } = parseForm(kind, ref);
  let found = [...(await objectsOf(run, client, kind, domainId, s))].filter((o) => same(kind, field, o[field], value));
  if (!found.length && (by === "key" || !ref.startsWith(NAME_REF))) {
    const one = await getOne(client, kind, by === "key" ? itemRef({ externalKey: value }) : value, domainId);
    found = one ? [one] : [];
  }
  return found.filter((o) => !isSoftDeleted(kind, o));
}

/** The ID a form names; an error saying why when it names none, or several. */
async function resolveRef(run: Run, client: ApiClient, kind: Kind, field: string, ref: string, domainId: number, s: Settings): Promise<string> {
  const found = await named(run, client, kind, ref, domainId, s);
  if (found.length === 1) return found[0][kind.idField];
  const { field: f, value } = parseForm(kind, ref);
  if (found.length > 1) {
    throw new Error(
      `${field} "${ref}": ${found.length} ${kind.noun}s have ${f} "${value}" in domain ${domainId}, so the name does not say which one. ` +
        `Refer to it by ${kind.externalKeyField} (\`externalKey:<key>\`) or by ID.`,
    );
  }
  throw new Error(
    `${field} "${ref}": no ${kind.noun} has ${f} "${value}"${kind.keyScope === "domain" ? ` in domain ${domainId}` : ""}. ` +
      `Create it first, or refer to it by ID or by another resource's output (\`${field}: other.${kind.idField}\`).`,
  );
}

/** An item left out of a write: its reference names an object the run has not created yet (`createdLater`). */
const LATER = Symbol("created later");

/**
 * Inputs with every reference in words resolved to an ID, also inside nested objects (a member's
 * units, titles and levels: each in its organization's domain), and the declared forms to keep in
 * outputs. `lenient`: a form that names no object, or several, stays as written (a diff or a
 * refresh over stored state decides from what LINE WORKS says, and never refuses).
 */
export async function resolveRefs(run: Run, client: ApiClient, kind: Kind, inputs: Props, s: Settings, lenient = false): Promise<{ resolved: Props; forms: Forms }> {
  const forms: Forms = new Map();
  const walk = async (t: FieldTraits, v: unknown, field: string, domainId: number): Promise<unknown> => {
    if (Array.isArray(v)) {
      if (!t.set && !t.shape) return v;
      const items = await Promise.all(v.map((x, i) => walk({ ...t, set: false }, x, `${field}[${i}]`, domainId)));
      return items.filter((x) => x !== LATER && !(x && typeof x === "object" && Object.values(x).includes(LATER)));
    }
    if (typeof t.references === "string" && isForm(kindOf(t.references), v)) {
      const target = kindOf(t.references);
      if (t.createdLater && !lenient && !(await named(run, client, target, v, domainId, s)).length) {
        log(`${kind.noun} "${inputs[kind.nameField]}": ${field} "${v}" names no ${target.noun} yet (one this run creates later?): left out of this write; the next \`pulumi up\` adds it`);
        return LATER;
      }
      const id = lenient
        ? await named(run, client, target, v, domainId, s).then((found) => (found.length === 1 ? (found[0][target.idField] as string) : undefined))
        : await resolveRef(run, client, target, field, v, domainId, s);
      if (id === undefined) return v;
      forms.set(formKey(field, t.references, id), v);
      return id;
    }
    // What is written is LINE WORKS' current word (a messenger's TWITTER goes as X).
    if (!t.shape || !v || typeof v !== "object") return currentWord(t, v);
    const here = typeof (v as Props).domainId === "number" ? (v as Props).domainId : domainId;
    const out: Props = { ...(v as Props) };
    for (const [k, kt] of shapeOf(t, out)) if (out[k] !== undefined) out[k] = await walk(kt, out[k], `${field}.${k}`, here);
    return out;
  };
  const resolved = { ...inputs };
  for (const f of kind.fieldNames) if (inputs[f] !== undefined) resolved[f] = await walk(kind.traits[f] ?? {}, inputs[f], f, inputs.domainId);
  return { resolved, forms };
}

/** The same for stored outputs (refresh): a form that no longer names one object is simply not kept. */
export async function storedForms(run: Run, client: ApiClient, kind: Kind, props: Props, domainId: number, s: Settings): Promise<Forms> {
  try {
    return (await resolveRefs(run, client, kind, { ...props, domainId }, s, true)).forms;
  } catch {
    return new Map();
  }
}

/** Whether a field's value holds a reference in words (which a diff resolves before it calls it a change). */
export function hasForm(kind: Kind, field: string, value: unknown): boolean {
  let found = false;
  mapRefs(kind, { [field]: value }, (type, v) => {
    found ||= isForm(kindOf(type), v);
    return v;
  });
  return found;
}
