// References written as `externalKey:<key>` (or by name, for kinds the name addresses): resolved
// to IDs before a write, and kept in their declared form in outputs.
import type { z } from "zod";
import { itemRef, type ApiClient } from "../client";
import type { Settings } from "../config";
import { shapeOf, type FieldTraits, type Kind } from "../kinds";
import { EXTERNAL_KEY_REF } from "../schemas";
import { getOne } from "./api";
import { objectsOf, type Run } from "./run";
import { formKey, isSoftDeleted, kindOf, same, type Forms, type Props } from "./values";

/** Whether a reference names an object of `kind` by its name: kinds the name addresses (a member's email), and only a value that is such a name. */
const isNameOf = (kind: Kind, v: string) => !!kind.nameRef && (kind.schema.shape[kind.nameField] as unknown as z.ZodType).safeParse(v).success;

/**
 * The ID a reference by `externalKey:<key>` (or by name, for `nameRef` kinds) names: from the
 * run's snapshot of the kind, else a GET. A soft-deleted object is no longer there to refer to.
 */
async function resolveRef(run: Run, client: ApiClient, kind: Kind, field: string, ref: string, domainId: number, s: Settings): Promise<string> {
  const key = ref.startsWith(EXTERNAL_KEY_REF) ? ref.slice(EXTERNAL_KEY_REF.length) : undefined;
  const [f, value] = key === undefined ? [kind.nameField, ref] : [kind.externalKeyField, key];
  let obj: Props | undefined;
  for (const o of await objectsOf(run, client, kind, domainId, s)) {
    if (same(kind, f, o[f], value)) {
      obj = o;
      break;
    }
  }
  obj ??= await getOne(client, kind, key === undefined ? ref : itemRef({ externalKey: key }), domainId);
  if (!obj || isSoftDeleted(kind, obj)) {
    throw new Error(
      `${field} "${ref}": no ${kind.noun} has ${f} "${value}"${kind.keyScope === "domain" ? ` in domain ${domainId}` : ""}. ` +
        `Create it first, or refer to it by ID or by another resource's output (\`${field}: other.${kind.idField}\`).`,
    );
  }
  return obj[kind.idField];
}

/**
 * Inputs with every `externalKey:<key>` reference resolved to an ID, also inside nested objects
 * (a member's units, titles and levels: each in its organization's domain), and the declared
 * forms to keep in outputs.
 */
export async function resolveRefs(run: Run, client: ApiClient, kind: Kind, inputs: Props, s: Settings): Promise<{ resolved: Props; forms: Forms }> {
  const forms: Forms = new Map();
  const walk = async (t: FieldTraits, v: unknown, field: string, domainId: number): Promise<unknown> => {
    if (Array.isArray(v)) return t.set || t.shape ? Promise.all(v.map((x, i) => walk({ ...t, set: false }, x, `${field}[${i}]`, domainId))) : v;
    if (typeof t.references === "string" && typeof v === "string" && (v.startsWith(EXTERNAL_KEY_REF) || isNameOf(kindOf(t.references), v))) {
      const id = await resolveRef(run, client, kindOf(t.references), field, v, domainId, s);
      forms.set(formKey(field, t.references, id), v);
      return id;
    }
    if (!t.shape || !v || typeof v !== "object") return v;
    const here = typeof (v as Props).domainId === "number" ? (v as Props).domainId : domainId;
    const out: Props = { ...(v as Props) };
    for (const [k, kt] of shapeOf(t, out)) if (out[k] !== undefined) out[k] = await walk(kt, out[k], `${field}.${k}`, here);
    return out;
  };
  const resolved = { ...inputs };
  for (const f of kind.fieldNames) if (inputs[f] !== undefined) resolved[f] = await walk(kind.traits[f] ?? {}, inputs[f], f, inputs.domainId);
  return { resolved, forms };
}

/** The same for stored outputs (refresh): a form that no longer resolves is simply not kept. */
export async function storedForms(run: Run, client: ApiClient, kind: Kind, props: Props, domainId: number, s: Settings): Promise<Forms> {
  try {
    return (await resolveRefs(run, client, kind, { ...props, domainId }, s)).forms;
  } catch {
    return new Map();
  }
}
