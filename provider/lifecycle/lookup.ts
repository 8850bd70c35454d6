// Finding the object a declaration refers to (by external key, else by name), and adopting it:
// taking an existing object over and converging it to the declaration.
import { itemRef, type ApiClient } from "../client";
import type { Settings } from "../config";
import type { Kind } from "../kinds";
import { getOne, listAll } from "./api";
import { snapshotOf, type Run } from "./run";
import { complete, refuseUneditable } from "./sets";
import { log } from "./settings";
import { converge } from "./update";
import { same, type Props } from "./values";

export interface Found {
  obj: Props;
  by: "externalKey" | "name";
}

/** The objects of `items` a declaration may refer to: the one with its external key, and those with its name (in its `nameScope`). */
interface Matches {
  byKey?: Props;
  byName: Props[];
}

export function matchNatural(kind: Kind, inputs: Props, items: Iterable<Props>): Matches {
  const key = inputs[kind.externalKeyField];
  const m: Matches = { byName: [] };
  for (const o of items) {
    if (typeof key === "string" && o[kind.externalKeyField] === key) m.byKey ??= o;
    const inScope = (kind.nameScope ?? []).every((f) => same(kind, f, o[f], inputs[f]));
    if (same(kind, kind.nameField, o[kind.nameField], inputs[kind.nameField]) && inScope) m.byName.push(o);
  }
  return m;
}

/**
 * The one object a declaration refers to: by external key, else by name. Where names need not be
 * unique, objects in `exclude` do not count, and several candidates are refused rather than guessed.
 */
function single(kind: Kind, inputs: Props, m: Matches, exclude?: (id: string) => boolean): Found | undefined {
  if (m.byKey) return { obj: m.byKey, by: "externalKey" };
  const named = exclude ? m.byName.filter((o) => !exclude(o[kind.idField])) : m.byName;
  if (named.length > 1 && kind.uniqueNames === false) throw ambiguousName(kind, inputs, named);
  return named[0] ? { obj: named[0], by: "name" } : undefined;
}

export function ambiguousName(kind: Kind, inputs: Props, candidates: Props[]): Error {
  const scope = (kind.nameScope ?? []).map((f) => `${f} ${JSON.stringify(inputs[f] ?? null)}`).join(", ");
  const list = candidates
    .slice(0, 10)
    .map((o) => `${kind.idField} ${o[kind.idField]}${o.email ? ` (${o.email})` : ""}`)
    .join("; ");
  return new Error(
    `Cannot tell which ${kind.noun} "${inputs[kind.nameField]}" is meant: ${candidates.length} ${kind.noun}s in domain ${inputs.domainId} have that ${kind.nameField}` +
      `${scope ? ` and ${scope}` : ""}: ${list}${candidates.length > 10 ? "; …" : ""}. ${kind.nameField} need not be unique in LINE WORKS, so nothing was adopted. ` +
      `Set an external key (${kind.externalKeyField}) on the one to take over (admin console or the external-key API) and declare it, ` +
      `or adopt it by ID with the resource option \`import: "<${kind.idField}>"\`.`,
  );
}

/** Objects this run created or adopted: never a second resource's candidate where names repeat. */
export const takenHere = (run: Run, kind: Kind) => (id: string) => run.takenBy(kind, id) !== undefined;

/** Finds the object a declaration refers to, live: by its external key (GET), else by its name in the domain. */
export async function findByNaturalKey(client: ApiClient, kind: Kind, inputs: Props, exclude?: (id: string) => boolean): Promise<Found | undefined> {
  return completed(client, kind, await lookUp(client, kind, inputs, exclude));
}

/**
 * A found object with its sets (members listed where the answer lacks them): what adoption and
 * recovery compare. One nobody may edit (a dynamic group) is refused here, before it is read further.
 */
async function completed(client: ApiClient, kind: Kind, found: Found | undefined): Promise<Found | undefined> {
  if (found) refuseUneditable(kind, found.obj);
  return found && { ...found, obj: await complete(client, kind, found.obj) };
}

async function lookUp(client: ApiClient, kind: Kind, inputs: Props, exclude?: (id: string) => boolean): Promise<Found | undefined> {
  const key = inputs[kind.externalKeyField];
  if (typeof key === "string") {
    const obj = await getOne(client, kind, itemRef({ externalKey: key }), inputs.domainId);
    if (obj) return { obj, by: "externalKey" };
  }
  if (kind.nameRef && typeof inputs[kind.nameField] === "string") {
    // The name addresses the object (a member's email): one GET, which also sees a soft-deleted one.
    const obj = await getOne(client, kind, inputs[kind.nameField], inputs.domainId);
    return obj ? { obj, by: "name" } : undefined;
  }
  return single(kind, inputs, matchNatural(kind, inputs, await listAll(client, kind, inputs.domainId)), exclude);
}

/**
 * The same lookup for adoption, from the run's list snapshot: N adopting creates in a domain
 * cost ceil(M/100) list calls for M objects, not N lists. (A tenant-wide key held in another
 * domain is not in the snapshot; the create's 409 then finds it live.)
 */
export async function findForAdoption(run: Run, client: ApiClient, kind: Kind, inputs: Props, s: Settings): Promise<Found | undefined> {
  const exclude = kind.uniqueNames === false ? takenHere(run, kind) : undefined;
  const snap = await snapshotOf(run, client, kind, inputs.domainId, s);
  return snap ? completed(client, kind, single(kind, inputs, matchNatural(kind, inputs, snap.values()), exclude)) : findByNaturalKey(client, kind, inputs, exclude);
}

export function describeFound(kind: Kind, found: Found): string {
  const value = found.obj[found.by === "name" ? kind.nameField : kind.externalKeyField];
  return `${found.by === "name" ? kind.nameField : kind.externalKeyField} "${value}" (${kind.idField} ${found.obj[kind.idField]}, domain ${found.obj.domainId})`;
}

/**
 * Makes an existing object match the declaration; returns the converged object. Refuses an object
 * that this run already created or adopted for another resource: two resources of one program
 * would fight over it, and deleting one would delete the other's object.
 */
export async function adopt(run: Run, client: ApiClient, kind: Kind, found: Found, inputs: Props, s: Settings): Promise<Props> {
  const id = found.obj[kind.idField];
  const already = run.takenBy(kind, id);
  if (already) {
    throw new Error(
      `Cannot adopt ${kind.noun} ${describeFound(kind, found)}: this run already ${already} it for another resource of the program. ` +
        `Two resources would manage one object. Remove one of them; to rename a resource in the program, give it \`aliases: [{ name: "<old resource name>" }]\` instead of a new resource.`,
    );
  }
  if (found.obj.domainId !== undefined && found.obj.domainId !== inputs.domainId) {
    throw new Error(
      `Cannot adopt ${kind.noun} ${describeFound(kind, found)}: it belongs to domain ${found.obj.domainId}, not ${inputs.domainId}. ` +
        `${kind.externalKeyField} is unique across the tenant; choose another key or declare the object in its own domain.`,
    );
  }
  run.take(kind, id, "adopted");
  log(`adopting existing ${kind.noun} ${describeFound(kind, found)}`);
  const obj = await converge(run, client, kind, id, found.obj, inputs, s, false);
  if (!obj) return found.obj;
  return obj[kind.idField] ? obj : ((await getOne(client, kind, id, inputs.domainId)) ?? found.obj);
}
