// The change model between two directory specs (a base and a head): what a reviewer of a pull
// request needs to know, in the spec's own words (names, keys, emails; never IDs LINE WORKS
// assigns). Entries are matched across the sides by their external key, else their name; an
// entry that gained or lost its key is matched by its name. Only presentation reads this: no
// API client, no lifecycle. Private fields of members (privateEmail, telephone, cellPhone, the
// password) are never read, so nothing built from the model can show them.
import { KINDS, mapRefs, type Kind } from "../kinds";
import { parseSpec, SECTIONS, type DirectorySpec, type ParsedSpec, type Planned, type SectionName } from "../spec";
import {
  CATALOG_SECTIONS, type CatalogChange, type CatalogSection, type Changes, type Counts, type GroupChange, type GroupMemberRef, type MemberAspect, type MemberChange,
  type Placement, type RelationRef, type Sizes, type UnitChange, type UnitChangeKind, type UnitRef,
} from "./model";

export * from "./model";

type Props = Record<string, any>;

/** Fields of a member never read here: private contact details and the password. */
export const PRIVATE_MEMBER_FIELDS: readonly string[] = ["privateEmail", "telephone", "cellPhone", "passwordConfig",
  // The personal rest of the record: a birthday and a messenger account are no reviewer's business either.
  "birthday", "birthdayCalendarType", "messenger"];
/** Member fields with an aspect of their own; the rest (minus private ones) are "other". */
const MEMBER_OWN = new Set(["email", "userName", "organizations", "userTypeId", "employmentTypeId", "forceDeleteOnDestroy", ...PRIVATE_MEMBER_FIELDS]);

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isParsed = (s: ParsedSpec | DirectorySpec): s is ParsedSpec => Array.isArray((s as ParsedSpec).entries) && typeof (s as ParsedSpec).resolve === "function";

/** A spec as parsed entries; a domain is implied when neither the spec nor `domainId` gives one (a diff needs none). */
export function toParsed(s: ParsedSpec | DirectorySpec, domainId?: number): ParsedSpec {
  return isParsed(s) ? s : parseSpec(s, { domainId: domainId ?? 1 });
}

/** JSON with keys sorted and the items of sets sorted: equal values give equal text. */
function canonical(v: unknown, set = false): string {
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x));
    return `[${(set ? items.sort(cmp) : items).join(",")}]`;
  }
  if (v && typeof v === "object") return `{${Object.keys(v).sort(cmp).filter((k) => (v as Props)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Props)[k], false)}`).join(",")}}`;
  return JSON.stringify(v ?? null);
}

/** Both sides with an identity per entry shared across them (`Planned` objects are per side). */
class Sides {
  readonly ids = new Map<Planned, string>();
  readonly pairs = new Map<SectionName, Array<{ base?: Planned; head?: Planned }>>();
  constructor(
    readonly base: ParsedSpec,
    readonly head: ParsedSpec,
  ) {
    for (const section of Object.keys(SECTIONS) as SectionName[]) this.pairs.set(section, this.match(section));
  }

  /** Pairs by label (key, else name), then the unmatched by name when that name is unique on both sides. */
  private match(section: SectionName): Array<{ base?: Planned; head?: Planned }> {
    const kind = SECTIONS[section].kind;
    const of = (s: ParsedSpec) => s.entries.filter((p) => p.section === section);
    const base = of(this.base);
    const head = of(this.head);
    const headBy = new Map(head.map((p) => [p.label, p]));
    const pairs: Array<{ base?: Planned; head?: Planned }> = [];
    const taken = new Set<Planned>();
    const left: Planned[] = [];
    for (const b of base) {
      const h = headBy.get(b.label);
      if (h && sameKeying(kind, b, h)) {
        pairs.push({ base: b, head: h });
        taken.add(h);
      } else left.push(b);
    }
    const nameOf = (p: Planned) => {
      const n = String(p.entry[kind.nameField]);
      return kind.traits[kind.nameField]?.caseInsensitive ? n.toLowerCase() : n;
    };
    const unique = (list: Planned[]) => {
      const by = new Map<string, Planned | null>();
      for (const p of list) by.set(nameOf(p), by.has(nameOf(p)) ? null : p);
      return by;
    };
    const rest = head.filter((h) => !taken.has(h));
    const headNames = unique(rest);
    const baseNames = unique(left);
    for (const b of left) {
      const h = baseNames.get(nameOf(b)) ? headNames.get(nameOf(b)) : undefined;
      if (h) {
        pairs.push({ base: b, head: h });
        taken.add(h);
      } else pairs.push({ base: b });
    }
    for (const h of head) if (!taken.has(h)) pairs.push({ head: h });
    for (const pair of pairs) {
      const id = pair.head ? `${section}\0h\0${pair.head.label}` : `${section}\0b\0${pair.base!.label}`;
      if (pair.base) this.ids.set(pair.base, id);
      if (pair.head) this.ids.set(pair.head, id);
    }
    return pairs;
  }

  /** What a reference names, the same text on both sides for the same entry. */
  refId(spec: ParsedSpec, type: string, ref: unknown): string | undefined {
    if (ref === undefined || ref === null) return undefined;
    const r = spec.resolve(type, ref);
    return "entry" in r ? this.ids.get(r.entry) : `outside\0${String(ref)}`;
  }
}

/** Whether two entries of one label are the same object: a key of one is not the name of the other. */
const sameKeying = (kind: Kind, a: Planned, b: Planned) => (typeof a.entry[kind.externalKeyField] === "string") === (typeof b.entry[kind.externalKeyField] === "string");

const nameOf = (p: Planned): string => String(p.entry[SECTIONS[p.section].kind.nameField]);

/** A member's display name: last name, first name (LINE WORKS' order). */
export function personName(entry: Props): string {
  const n = entry.userName ?? {};
  return [n.lastName, n.firstName].filter((x) => typeof x === "string" && x).join(" ") || String(entry.email ?? "");
}

function unitRef(spec: ParsedSpec, ref: unknown): UnitRef {
  const r = spec.resolve("OrgUnit", ref);
  if (!("entry" in r)) return { label: String(ref), name: String(ref), path: [String(ref)], labels: [String(ref)] };
  const chain: Planned[] = [];
  for (let p: Planned | undefined = r.entry; p; p = p.parent) chain.unshift(p);
  return { label: r.entry.label, name: nameOf(r.entry), path: chain.map(nameOf), labels: chain.map((p) => p.label) };
}

/** The name of the entry a reference names, else the reference as written. */
function refName(spec: ParsedSpec, type: string, ref: unknown): string | undefined {
  if (ref === undefined || ref === null) return undefined;
  const r = spec.resolve(type, ref);
  return "entry" in r ? (type === "User" ? personName(r.entry.entry) : nameOf(r.entry)) : String(ref);
}

/** The fields of two entries of a kind that differ, references compared by what they name, `skip` left out. */
function changedFields(sides: Sides, kind: Kind, base: Planned, head: Planned, skip: Set<string>): string[] {
  const norm = (spec: ParsedSpec, p: Planned) => mapRefs(kind, p.entry, (type, v) => sides.refId(spec, type, v) ?? v);
  const b = norm(sides.base, base);
  const h = norm(sides.head, head);
  const fold = (f: string, v: unknown) => (kind.traits[f]?.caseInsensitive ? JSON.parse(JSON.stringify(v ?? null).toLowerCase()) : v);
  return kind.fieldNames
    .filter((f) => !skip.has(f) && canonical(fold(f, b[f]), !!kind.traits[f]?.set) !== canonical(fold(f, h[f]), !!kind.traits[f]?.set))
    .sort(cmp);
}

const SKIP_NAMING = (kind: Kind) => new Set([kind.nameField, kind.externalKeyField]);

function unitChanges(sides: Sides): UnitChange[] {
  const out: UnitChange[] = [];
  const kind = KINDS.OrgUnit;
  for (const { base, head } of sides.pairs.get("orgUnits")!) {
    if (!base || !head) {
      const p = (head ?? base)!;
      const ref = unitRef(head ? sides.head : sides.base, p.label);
      out.push({ label: p.label, change: head ? "added" : "removed", name: ref.name, path: ref.path, labels: ref.labels });
      continue;
    }
    const before = unitRef(sides.base, base.label);
    const after = unitRef(sides.head, head.label);
    const renamed = nameOf(base) !== nameOf(head);
    const parentId = (p: Planned) => (p.parent ? sides.ids.get(p.parent) : undefined);
    const moved = parentId(base) !== parentId(head);
    const fields = changedFields(sides, kind, base, head, SKIP_NAMING(kind));
    if (!renamed && !moved && !fields.length) continue;
    const change: UnitChangeKind = renamed && moved ? "renamed+moved" : renamed ? "renamed" : moved ? "moved" : "changed";
    const pathMoved = canonical(before.path) !== canonical(after.path);
    out.push({
      label: head.label,
      change,
      name: after.name,
      ...(renamed ? { oldName: before.name } : {}),
      path: after.path,
      ...(pathMoved ? { oldPath: before.path } : {}),
      labels: after.labels,
      ...(pathMoved ? { oldLabels: before.labels } : {}),
      ...(fields.length ? { fields } : {}),
    });
  }
  return out.sort((a, b) => cmp(a.path.join("\0"), b.path.join("\0")) || cmp(a.label, b.label) || cmp(a.change, b.change));
}

const orgUnitsOf = (entry: Props): Array<{ org: Props; unit: Props }> =>
  (Array.isArray(entry.organizations) ? entry.organizations : []).flatMap((org: Props) => (Array.isArray(org?.orgUnits) ? org.orgUnits : []).map((unit: Props) => ({ org, unit })));

const primaryOrg = (entry: Props): Props | undefined => (Array.isArray(entry.organizations) ? entry.organizations.find((o: Props) => o?.primary === true) ?? entry.organizations[0] : undefined);

function placement(spec: ParsedSpec, entry: Props): Placement {
  const seats = orgUnitsOf(entry).map(({ org, unit }) => ({
    unit: unitRef(spec, unit.orgUnitId),
    ...(unit.positionId ? { position: refName(spec, "Position", unit.positionId) } : {}),
    leader: unit.isManager === true,
    primary: org.primary === true && unit.primary === true,
  }));
  seats.sort((a, b) => Number(b.primary) - Number(a.primary) || cmp(a.unit.path.join("\0"), b.unit.path.join("\0")));
  const level = refName(spec, "Level", primaryOrg(entry)?.levelId);
  const userType = refName(spec, "UserType", entry.userTypeId);
  const employmentType = refName(spec, "EmploymentType", entry.employmentTypeId);
  return { seats, ...(level ? { level } : {}), ...(userType ? { userType } : {}), ...(employmentType ? { employmentType } : {}) };
}

/** The member's seats as identities: unit -> {position, leader}; the primary unit apart. */
function seatIds(sides: Sides, spec: ParsedSpec, entry: Props) {
  const seats = new Map<string, { position?: string; leader: boolean }>();
  let primary: string | undefined;
  for (const { org, unit } of orgUnitsOf(entry)) {
    const id = sides.refId(spec, "OrgUnit", unit.orgUnitId) ?? "";
    seats.set(id, { position: sides.refId(spec, "Position", unit.positionId), leader: unit.isManager === true });
    if (org.primary === true && unit.primary === true) primary = id;
  }
  return { seats, primary, level: sides.refId(spec, "Level", primaryOrg(entry)?.levelId) };
}

/** The keys of an open map whose values differ between the sides (a key on one side only too), as `field.key`. */
function changedKeys(field: string, base: unknown, head: unknown): string[] {
  const map = (v: unknown): Props => (v && typeof v === "object" ? (v as Props) : {});
  const keys = [...new Set([...Object.keys(map(base)), ...Object.keys(map(head))])].sort(cmp);
  return keys.filter((k) => canonical(map(base)[k]) !== canonical(map(head)[k])).map((k) => `${field}.${k}`);
}

function memberAspects(sides: Sides, base: Planned, head: Planned): { aspects: MemberAspect[]; fields: string[] } {
  const a = new Set<MemberAspect>();
  const b = seatIds(sides, sides.base, base.entry);
  const h = seatIds(sides, sides.head, head.entry);
  if (String(base.entry.email).toLowerCase() !== String(head.entry.email).toLowerCase()) a.add("email");
  if (personName(base.entry) !== personName(head.entry)) a.add("name");
  const units = (s: typeof b) => [...s.seats.keys()].sort(cmp).join("\n");
  if (units(b) !== units(h) || b.primary !== h.primary) a.add("unit");
  const title = (s: typeof b, u?: string) => (u === undefined ? undefined : s.seats.get(u)?.position);
  if (title(b, b.primary) !== title(h, h.primary) || [...b.seats].some(([u, s]) => h.seats.has(u) && h.seats.get(u)!.position !== s.position)) a.add("title");
  const leads = (s: typeof b) => [...s.seats].filter(([, x]) => x.leader).map(([u]) => u).sort(cmp).join("\n");
  if (leads(b) !== leads(h)) a.add("leader");
  if (b.level !== h.level) a.add("level");
  if (sides.refId(sides.base, "UserType", base.entry.userTypeId) !== sides.refId(sides.head, "UserType", head.entry.userTypeId)) a.add("userType");
  if (sides.refId(sides.base, "EmploymentType", base.entry.employmentTypeId) !== sides.refId(sides.head, "EmploymentType", head.entry.employmentTypeId)) a.add("employmentType");
  // An open map (custom property values) by its changed keys: `customProperties.office`.
  const fields = changedFields(sides, KINDS.User, base, head, MEMBER_OWN).flatMap((f) => (KINDS.User.traits[f]?.openMap ? changedKeys(f, base.entry[f], head.entry[f]) : [f]));
  if (fields.length) a.add("other");
  const order: MemberAspect[] = ["email", "name", "unit", "title", "leader", "level", "userType", "employmentType", "other"];
  return { aspects: order.filter((x) => a.has(x)), fields };
}

/** A member's relations in names and emails, sorted (order means nothing). */
function relationRefs(spec: ParsedSpec, entry: Props): RelationRef[] {
  return (Array.isArray(entry.relations) ? entry.relations : [])
    .map((r: Props) => {
      const found = spec.resolve("User", r?.relationUserId);
      const label = "entry" in found ? String(found.entry.entry.email).toLowerCase() : String(r?.relationUserId);
      return { relationName: String(r?.relationName), name: "entry" in found ? personName(found.entry.entry) : label, label };
    })
    .sort((a: RelationRef, b: RelationRef) => cmp(a.relationName, b.relationName) || cmp(a.label, b.label));
}

function memberChanges(sides: Sides): MemberChange[] {
  const out: MemberChange[] = [];
  for (const { base, head } of sides.pairs.get("members")!) {
    if (!base || !head) {
      const p = (head ?? base)!;
      const where = placement(head ? sides.head : sides.base, p.entry);
      out.push({ label: String(p.entry.email).toLowerCase(), change: head ? "joined" : "left", name: personName(p.entry), aspects: [], ...(head ? { after: where } : { before: where }) });
      continue;
    }
    const { aspects, fields } = memberAspects(sides, base, head);
    if (!aspects.length) continue;
    out.push({
      label: String(head.entry.email).toLowerCase(),
      change: "changed",
      name: personName(head.entry),
      ...(aspects.includes("name") ? { oldName: personName(base.entry) } : {}),
      ...(aspects.includes("email") ? { oldEmail: String(base.entry.email).toLowerCase() } : {}),
      aspects,
      before: placement(sides.base, base.entry),
      after: placement(sides.head, head.entry),
      ...(fields.length ? { fields } : {}),
      ...(fields.includes("relations") ? { relations: { before: relationRefs(sides.base, base.entry), after: relationRefs(sides.head, head.entry) } } : {}),
    });
  }
  return out.sort((a, b) => cmp(a.label, b.label) || cmp(a.change, b.change));
}

function catalogChanges(sides: Sides): CatalogChange[] {
  const out: CatalogChange[] = [];
  for (const section of CATALOG_SECTIONS) {
    const kind = SECTIONS[section].kind;
    for (const { base, head } of sides.pairs.get(section)!) {
      const p = (head ?? base)!;
      if (!base || !head) {
        out.push({ section, label: p.label, change: head ? "added" : "removed", name: nameOf(p) });
        continue;
      }
      const fields = changedFields(sides, kind, base, head, SKIP_NAMING(kind));
      const replaced = fields.filter((f) => kind.replaceFields.includes(f));
      const more = { ...(fields.length ? { fields } : {}), ...(replaced.length ? { replaced } : {}) };
      if (nameOf(base) !== nameOf(head)) out.push({ section, label: head.label, change: "renamed", name: nameOf(head), oldName: nameOf(base), ...more });
      else if (fields.length) out.push({ section, label: head.label, change: "changed", name: nameOf(head), ...more });
    }
  }
  const rank = (c: CatalogChange) => CATALOG_SECTIONS.indexOf(c.section);
  return out.sort((a, b) => rank(a) - rank(b) || cmp(a.name, b.name) || cmp(a.label, b.label));
}

/** A group's members or masters as identities with their names. */
function groupRefs(sides: Sides, spec: ParsedSpec, entry: Props, field: "members" | "administrators"): Map<string, GroupMemberRef> {
  const out = new Map<string, GroupMemberRef>();
  for (const item of Array.isArray(entry[field]) ? entry[field] : []) {
    const type = field === "members" ? item?.type : "USER";
    const ref = field === "members" ? item?.id : item?.userId;
    const kindType = type === "USER" ? "User" : type === "ORGUNIT" ? "OrgUnit" : "Group";
    const r = spec.resolve(kindType, ref);
    const label = "entry" in r ? (type === "USER" ? String(r.entry.entry.email).toLowerCase() : r.entry.label) : String(ref);
    const name = type === "ORGUNIT" ? unitRef(spec, ref).path.join(" › ") : refName(spec, kindType, ref) ?? String(ref);
    out.set(`${type}\0${sides.refId(spec, kindType, ref)}`, { type, label, name });
  }
  return out;
}

const refOrder = (a: GroupMemberRef, b: GroupMemberRef) => cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.label, b.label);
const minus = (a: Map<string, GroupMemberRef>, b: Map<string, GroupMemberRef>) => [...a].filter(([k]) => !b.has(k)).map(([, v]) => v).sort(refOrder);

function groupChanges(sides: Sides): GroupChange[] {
  const out: GroupChange[] = [];
  const kind = KINDS.Group;
  const none = new Map<string, GroupMemberRef>();
  for (const { base, head } of sides.pairs.get("groups")!) {
    const before = (f: "members" | "administrators") => (base ? groupRefs(sides, sides.base, base.entry, f) : none);
    const after = (f: "members" | "administrators") => (head ? groupRefs(sides, sides.head, head.entry, f) : none);
    const p = (head ?? base)!;
    const fields = base && head ? changedFields(sides, kind, base, head, new Set([...SKIP_NAMING(kind), "members", "administrators"])) : [];
    const g: GroupChange = {
      label: p.label,
      change: !base ? "added" : !head ? "removed" : nameOf(base) !== nameOf(head) ? "renamed" : "changed",
      name: nameOf(p),
      ...(base && head && nameOf(base) !== nameOf(head) ? { oldName: nameOf(base) } : {}),
      membersAdded: minus(after("members"), before("members")),
      membersRemoved: minus(before("members"), after("members")),
      administratorsAdded: minus(after("administrators"), before("administrators")),
      administratorsRemoved: minus(before("administrators"), after("administrators")),
      ...(fields.length ? { fields } : {}),
    };
    const moves = g.membersAdded.length + g.membersRemoved.length + g.administratorsAdded.length + g.administratorsRemoved.length;
    if (g.change === "changed" && !moves && !fields.length) continue;
    out.push(g);
  }
  return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.label, b.label));
}

function count<T extends string>(keys: readonly T[], items: T[]): Record<T, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
  for (const i of items) out[i]++;
  return out;
}

/**
 * What changes from `base` to `head`: units, members, positions/levels/user types/employment
 * types and groups, each sorted (the same specs give the same model), with counts.
 */
export function compareSpecs(base: ParsedSpec | DirectorySpec, head: ParsedSpec | DirectorySpec, opts: { domainId?: number } = {}): Changes {
  const sides = new Sides(toParsed(base, opts.domainId), toParsed(head, opts.domainId));
  const units = unitChanges(sides);
  const members = memberChanges(sides);
  const catalog = catalogChanges(sides);
  const groups = groupChanges(sides);
  const size = (s: ParsedSpec): Sizes => {
    const n = (section: SectionName) => s.entries.filter((p) => p.section === section).length;
    return { units: n("orgUnits"), members: n("members"), groups: n("groups"), ...(Object.fromEntries(CATALOG_SECTIONS.map((c) => [c, n(c)])) as Record<CatalogSection, number>) };
  };
  const aspects: MemberAspect[] = ["email", "name", "unit", "title", "leader", "level", "userType", "employmentType", "other"];
  const counts: Counts = {
    base: size(sides.base),
    head: size(sides.head),
    units: count(["added", "removed", "renamed", "moved", "renamed+moved", "changed"], units.map((u) => u.change)),
    members: { ...count(["joined", "left", "changed"], members.map((m) => m.change)), ...count(aspects, members.flatMap((m) => m.aspects)) },
    catalog: Object.fromEntries(
      CATALOG_SECTIONS.map((s) => [s, count(["added", "removed", "renamed", "changed"], catalog.filter((c) => c.section === s).map((c) => c.change))]),
    ) as Counts["catalog"],
    groups: {
      ...count(["added", "removed", "renamed", "changed"], groups.map((g) => g.change)),
      membersAdded: groups.reduce((n, g) => n + g.membersAdded.length, 0),
      membersRemoved: groups.reduce((n, g) => n + g.membersRemoved.length, 0),
    },
  };
  return { counts, units, members, catalog, groups };
}
