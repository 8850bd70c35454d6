// The stack's LINE WORKS resources as the company rules read them: which kind each is, the
// org-unit tree, and the units each member is in (a member resource, or a roster's entry). Built from resources as the Directory registers
// them (inputs, or the outputs a policy sees), where references are `externalKey:<key>`,
// `name:<name>`, an email, or an ID (a unit without a key; unknown in a first preview).
import { KINDS, type Kind } from "../provider/kinds";
import { ROSTERS } from "../provider/kinds/rosters";
import { itemValue } from "../provider/roster/items";
import { EXTERNAL_KEY_REF, NAME_REF } from "../provider/schemas";

/** A resource of the stack: Pulumi's type token, its name, its properties and the names of those it depends on. */
export interface StackResource {
  type: string;
  name: string;
  urn?: string;
  /** LINE WORKS field names; a value not known yet (preview) is undefined. */
  props: Record<string, any>;
  dependsOn?: string[];
}

const DYNAMIC = "pulumi-nodejs:dynamic/lineworks:";

/**
 * The kind of a LINE WORKS resource, or undefined: from its type token
 * (`pulumi-nodejs:dynamic/lineworks:OrgUnit`), else from the `__provider` text, which names the
 * type (`__provider.type = "OrgUnit"`) whatever the token.
 */
export function kindOf(r: StackResource): Kind | undefined {
  const type = typeOf(r);
  return type ? KINDS[type] : undefined;
}

const typeOf = (r: StackResource): string | undefined =>
  r.type.startsWith(DYNAMIC) ? r.type.slice(DYNAMIC.length) : /\btype\s*[:=]\s*"(\w+)"/.exec(String(r.props.__provider ?? ""))?.[1];

/** A `UserRoster`'s members as `User` properties: each entry of `members` (JSON text, or an object in older state; `{}` while not known). */
export function rosterMembers(r: StackResource): Record<string, any>[] {
  const type = typeOf(r);
  if (!type || !ROSTERS[type] || !r.props.members || typeof r.props.members !== "object") return [];
  return Object.values(r.props.members).map((m) => {
    try {
      const v = itemValue(m);
      return v && typeof v === "object" ? v : {};
    } catch {
      return {};
    }
  });
}

/** The members a resource holds, as a `User`'s properties: itself for a `User`, its entries for a roster. */
const memberProps = (r: StackResource): Record<string, any>[] => (kindOf(r)?.type === "User" ? [r.props] : rosterMembers(r));

export interface Unit {
  resource: StackResource;
  name: string;
  key?: string;
  /** Undefined at the top, or under a unit outside the stack. */
  parent?: Unit;
  children: Unit[];
}

/** One `orgUnits` entry of a member: the unit it names when that can be told, else the units it may name. */
export interface Placement {
  unit?: Unit;
  /** The stack's units it may name, when its reference is not known yet. */
  maybe: Unit[];
  isManager: boolean;
  positionId?: unknown;
}

export interface Member {
  resource: StackResource;
  email: string;
  key?: string;
  name: string;
  placements: Placement[];
  /** False while `organizations` is not known (a preview): it is never empty in a valid declaration. */
  known: boolean;
}

export interface Directory {
  units: Unit[];
  members: Member[];
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** A unit as administrators know it: `"Sales" (OU_SALES)`. */
export const unitLabel = (u: Unit) => `"${u.name}"${u.key ? ` (${u.key})` : ""}`;
/** A member as administrators know them: `"Sato Hanako" (hanako@example.com, EMP_0001)`. */
export const memberLabel = (m: Member) => `"${m.name}" (${[m.email, m.key].filter(Boolean).join(", ")})`;

/** The stack's org units and members, references resolved. */
export function readDirectory(resources: StackResource[]): Directory {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const ofKind = (type: string) => resources.filter((r) => kindOf(r)?.type === type);
  const units: Unit[] = ofKind("OrgUnit").map((resource) => ({
    resource,
    name: text(resource.props.orgUnitName) ?? resource.name,
    key: text(resource.props.orgUnitExternalKey),
    children: [],
  }));
  const unitOf = new Map(units.map((u) => [u.resource, u]));
  const { find, isOutside } = unitIndex(units);
  // A reference not in words (an ID not known yet): the units the resource depends on and names no other way.
  const dependedOn = (r: StackResource) => (r.dependsOn ?? []).map((n) => unitOf.get(byName.get(n)!)).filter((u): u is Unit => !!u);

  for (const u of units) {
    const ref = u.resource.props.parentOrgUnitId;
    const parent = find(ref) ?? (ref === null || isOutside(ref) ? undefined : only(dependedOn(u.resource)));
    if (!parent) continue;
    u.parent = parent;
    parent.children.push(u);
  }

  const unitsOf = (p: Record<string, any>): Record<string, any>[] =>
    (Array.isArray(p.organizations) ? p.organizations : []).flatMap((o: any) => (Array.isArray(o?.orgUnits) ? o.orgUnits : []));
  const members: Member[] = resources.flatMap((resource) => {
    const held = memberProps(resource);
    // Units the resource's members name in words: a roster depends on all of them, so those are not what an ID names.
    const named = new Set(held.flatMap((p) => unitsOf(p).map((e) => find(e?.orgUnitId))));
    return held.map((p) => ({ resource, p, named }));
  }).map(({ resource, p, named }) => {
    const entries = unitsOf(p);
    const placements: Placement[] = entries.map((e) => ({ unit: find(e?.orgUnitId), maybe: [], isManager: e?.isManager === true, positionId: e?.positionId }));
    const unresolved = placements.filter((x, i) => !x.unit && !isOutside(entries[i]?.orgUnitId));
    const left = dependedOn(resource).filter((u) => !named.has(u));
    if (unresolved.length === 1 && left.length === 1) unresolved[0].unit = left[0];
    else for (const x of unresolved) x.maybe = left;
    const name = [text(p.userName?.lastName), text(p.userName?.firstName)].filter(Boolean).join(" ");
    return { resource, email: text(p.email) ?? resource.name, key: text(p.userExternalKey), name: name || text(p.email) || resource.name, placements, known: Array.isArray(p.organizations) };
  });
  return { units, members };
}

/**
 * How references name units (`externalKey:<key>`, `name:<name>` where the name is the stack's
 * only one, the ID output), and which name a unit managed elsewhere (`externalKey:` of a key the
 * stack does not hold).
 */
function unitIndex(units: Unit[]): { find: (ref: unknown) => Unit | undefined; isOutside: (ref: unknown) => boolean } {
  const forms = new Map<string, Unit>();
  const names = new Map<string, number>();
  for (const u of units) names.set(u.name, (names.get(u.name) ?? 0) + 1);
  for (const u of units) {
    if (u.key) forms.set(`${EXTERNAL_KEY_REF}${u.key}`, u);
    if (names.get(u.name) === 1) forms.set(`${NAME_REF}${u.name}`, u);
    const id = text(u.resource.props.orgUnitId);
    if (id) forms.set(id, u);
  }
  return {
    find: (ref) => (typeof ref === "string" ? forms.get(ref) : undefined),
    isOutside: (ref) => typeof ref === "string" && ref.startsWith(EXTERNAL_KEY_REF) && !forms.has(ref),
  };
}

const only = <T>(list: T[]): T | undefined => (list.length === 1 ? list[0] : undefined);
