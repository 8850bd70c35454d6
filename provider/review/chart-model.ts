// The org chart as a tree to draw: a parsed spec's units with the members placed in each, named
// the way people read them (Japanese names first). Only the fields a chart shows are copied out of
// an entry, so nothing private (privateEmail, telephone, cellPhone) can reach the page.
import type { ParsedSpec, Planned } from "../spec";
import { personName } from "./changes";

type Props = Record<string, any>;

export interface ChartMember {
  /** The login email in lower case: how a member is compared across specs. */
  email: string;
  name: string;
  /** The reading (phonetic names), searched but not shown. */
  reading?: string;
  /** The position's name in this unit (役職). */
  title?: string;
  /** The unit's leader (組織長: isManager). */
  leader: boolean;
  /** Not the member's primary unit (兼務). */
  concurrent: boolean;
}

export interface ChartUnit {
  /** The unit's external key, else its name (the spec's label); `outside:` / `none:` for the stand-ins below. */
  label: string;
  name: string;
  /** The other name (orgUnitName when a Japanese name is shown first). */
  altName?: string;
  /** The unit's external key, when it has one. */
  key?: string;
  /** A stand-in for units outside the spec (`externalKey:<key>`) or for members without one. */
  standIn?: "outside" | "none";
  order: number;
  /** Names from the top: 本社 › 営業部 › 東京営業. */
  path: string[];
  members: ChartMember[];
  children: ChartUnit[];
}

export interface ChartTree {
  roots: ChartUnit[];
  /** Every unit by label, the stand-ins included. */
  units: Map<string, ChartUnit>;
  memberCount: number;
}

const JA = "ja_JP";

/** A name in Japanese (i18nNames) when the entry has one, with the entry's own name as the other. */
function names(entry: Props, field: string): { name: string; altName?: string } {
  const own = String(entry[field] ?? "");
  const ja = Array.isArray(entry.i18nNames) ? entry.i18nNames.find((n: Props) => n?.language === JA)?.name : undefined;
  return typeof ja === "string" && ja && ja !== own ? { name: ja, altName: own } : { name: own };
}

const joined = (...parts: unknown[]) => parts.filter((p) => typeof p === "string" && p).join(" ");

/** Code-unit order, not the locale's: the same bytes on every machine. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Siblings in displayOrder, then by name and label. */
export const byOrder = (a: ChartUnit, b: ChartUnit) => a.order - b.order || compare(a.name, b.name) || compare(a.label, b.label);

/** Leader first, then the member's title order (the positions' displayOrder), then name and email. */
const memberOrder = (titleOrder: Map<string, number>) => (a: ChartMember, b: ChartMember) =>
  Number(b.leader) - Number(a.leader) ||
  Number(a.concurrent) - Number(b.concurrent) ||
  (titleOrder.get(a.title ?? "") ?? Infinity) - (titleOrder.get(b.title ?? "") ?? Infinity) ||
  compare(a.name, b.name) ||
  compare(a.email, b.email);

/** The tree of a parsed spec: units in displayOrder, each with the members who sit in it. */
export function chartTree(spec: ParsedSpec): ChartTree {
  const units = new Map<string, ChartUnit>();
  const byEntry = new Map<Planned, ChartUnit>();
  const roots: ChartUnit[] = [];
  for (const p of spec.entries.filter((e) => e.section === "orgUnits")) {
    const parent = p.parent ? byEntry.get(p.parent) : undefined;
    const key = p.entry.orgUnitExternalKey;
    const unit: ChartUnit = {
      label: p.label,
      ...names(p.entry, "orgUnitName"),
      ...(typeof key === "string" ? { key } : {}),
      order: typeof p.entry.displayOrder === "number" ? p.entry.displayOrder : Infinity,
      path: [],
      members: [],
      children: [],
    };
    unit.path = [...(parent?.path ?? []), unit.name];
    byEntry.set(p, unit);
    units.set(p.label, unit);
    (parent ? parent.children : roots).push(unit);
  }

  const standIn = (label: string, name: string, kind: "outside" | "none"): ChartUnit => {
    let unit = units.get(label);
    if (!unit) {
      unit = { label, name, standIn: kind, order: Infinity, path: [name], members: [], children: [] };
      units.set(label, unit);
      roots.push(unit);
    }
    return unit;
  };
  const titleOrder = new Map<string, number>();
  const title = (ref: unknown): string | undefined => {
    if (ref === undefined || ref === null) return undefined;
    const r = spec.resolve("Position", ref);
    if (!("entry" in r)) return r.outside;
    const name = names(r.entry.entry, "positionName").name;
    if (typeof r.entry.entry.displayOrder === "number") titleOrder.set(name, r.entry.entry.displayOrder);
    return name;
  };

  let memberCount = 0;
  for (const p of spec.entries.filter((e) => e.section === "members")) {
    memberCount++;
    const m = p.entry;
    const reading = joined(m.userName?.phoneticLastName, m.userName?.phoneticFirstName);
    const person = { email: String(m.email).toLowerCase(), name: personName(m), ...(reading ? { reading } : {}) };
    let placed = false;
    for (const org of Array.isArray(m.organizations) ? m.organizations : []) {
      for (const u of Array.isArray(org?.orgUnits) ? org.orgUnits : []) {
        const r = spec.resolve("OrgUnit", u.orgUnitId);
        const unit = "entry" in r ? units.get(r.entry.label)! : standIn(`outside:${r.outside}`, r.outside, "outside");
        const t = title(u.positionId);
        unit.members.push({ ...person, ...(t ? { title: t } : {}), leader: u.isManager === true, concurrent: !(org.primary === true && u.primary === true) });
        placed = true;
      }
    }
    if (!placed) standIn("none:", "所属なし", "none").members.push({ ...person, leader: false, concurrent: false });
  }

  const sortAll = (list: ChartUnit[]) => {
    list.sort(byOrder);
    for (const u of list) {
      u.members.sort(memberOrder(titleOrder));
      sortAll(u.children);
    }
  };
  sortAll(roots);
  return { roots, units, memberCount };
}
