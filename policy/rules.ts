// The company rules: plain functions of the stack's resources and the rule's configuration, each
// returning its violations, so they are tested without Pulumi's policy runtime (index.ts wires
// them into the pack). Messages are for administrators: they name the unit or member by name and
// key, and say what to change.
import { KINDS } from "../provider/kinds";
import { kindOf, memberLabel, readDirectory, rosterMembers, unitLabel, type StackResource, type Unit } from "./directory";

export type { StackResource } from "./directory";

/** One broken rule, at the resource that breaks it. */
export interface Violation {
  message: string;
  urn?: string;
  name: string;
}

/** A configuration property as JSON Schema (the pack's `configSchema`). */
type Schema = Record<string, unknown>;

export interface Rule<C> {
  name: string;
  description: string;
  /** What the rule's configuration holds, with defaults. */
  configSchema: { properties: Record<string, Schema> };
  check: (resources: StackResource[], config: C) => Violation[];
  /** Checked one resource at a time (before it is created), not on the whole stack. */
  perResource?: boolean;
}

const unitList = (description: string): Schema => ({ type: "array", items: { type: "string" }, default: [], description });
const EXEMPT_UNITS = unitList("org units the rule leaves alone, by external key or name");

/** Whether `u` is one of `list` (external keys or names). */
const listed = (u: Unit, list: string[] = []) => list.includes(u.name) || (!!u.key && list.includes(u.key));
const at = (r: StackResource, message: string): Violation => ({ message, urn: r.urn, name: r.name });

export interface UnitHasLeaderConfig {
  exemptUnits?: string[];
}

/** Every org unit with members has at least one of them marked `isManager: true` in it. */
export function unitHasLeader(resources: StackResource[], config: UnitHasLeaderConfig = {}): Violation[] {
  const { units, members } = readDirectory(resources);
  return units
    .filter((u) => !listed(u, config.exemptUnits))
    .flatMap((u) => {
      const inUnit = members.filter((m) => m.placements.some((p) => p.unit === u || p.maybe.includes(u)));
      const led = members.some((m) => m.placements.some((p) => p.isManager && (p.unit === u || p.maybe.includes(u))));
      if (!inUnit.length || led) return [];
      return [
        at(
          u.resource,
          `org unit ${unitLabel(u)} has ${inUnit.length} member${inUnit.length === 1 ? "" : "s"} but no leader: ` +
            `mark its leader with isManager: true in that member's orgUnits entry for the unit, or list the unit in exemptUnits`,
        ),
      ];
    });
}

export interface MemberHasUnitConfig {
  exemptMembers?: string[];
}

/** Every member is in at least one org unit (of the stack or managed elsewhere). */
export function memberHasUnit(resources: StackResource[], config: MemberHasUnitConfig = {}): Violation[] {
  const exempt = (config.exemptMembers ?? []).map((s) => s.toLowerCase());
  return readDirectory(resources)
    .members.filter((m) => m.known && !m.placements.length && !exempt.includes(m.email.toLowerCase()) && !(m.key && exempt.includes(m.key.toLowerCase())))
    .map((m) => at(m.resource, `member ${memberLabel(m)} is in no org unit: add an orgUnits entry to their organizations, or list them in exemptMembers`));
}

export interface UnitNotEmptyConfig {
  exemptUnits?: string[];
}

/** No org unit is empty: each has members or units under it. */
export function unitNotEmpty(resources: StackResource[], config: UnitNotEmptyConfig = {}): Violation[] {
  const { units, members } = readDirectory(resources);
  return units
    .filter((u) => !listed(u, config.exemptUnits) && !u.children.length)
    .filter((u) => !members.some((m) => m.placements.some((p) => p.unit === u || p.maybe.includes(u))))
    .map((u) => at(u.resource, `org unit ${unitLabel(u)} is empty (no members, no units under it): add its members, remove it, or list it in exemptUnits`));
}

export interface TitleSetConfig {
  units?: string[];
  includeSubUnits?: boolean;
}

/** Members of the chosen org units (and, with `includeSubUnits`, the units under them) have a title there. */
export function titleSet(resources: StackResource[], config: TitleSetConfig = {}): Violation[] {
  const chosen = (u: Unit | undefined): Unit | undefined => {
    for (let x = u; x; x = config.includeSubUnits ? x.parent : undefined) if (listed(x, config.units)) return x;
    return undefined;
  };
  return readDirectory(resources).members.flatMap((m) =>
    m.placements
      .filter((p) => p.unit && chosen(p.unit) && (p.positionId === undefined || p.positionId === null || p.positionId === ""))
      .map((p) => {
        const under = chosen(p.unit)!;
        const where = under === p.unit ? "" : `, which is under ${unitLabel(under)}`;
        return at(m.resource, `member ${memberLabel(m)} has no title (positionId) in org unit ${unitLabel(p.unit!)}${where}: set positionId in that orgUnits entry`);
      }),
  );
}

/** Patterns by external-key field (`orgUnitExternalKey`: `^OU_[0-9]{4}$`), and whether a key is required where a pattern is set. */
export type KeyPatternConfig = Partial<Record<string, string>> & { requireKeys?: boolean };

/** The external-key fields of the kinds, one pattern each. */
export const KEY_FIELDS = [...new Set(Object.values(KINDS).map((k) => k.externalKeyField))];

/** External keys match the pattern set for their kind (the whole key); kinds without a pattern are not checked. */
export function keyPattern(resources: StackResource[], config: KeyPatternConfig = {}): Violation[] {
  // A roster's members are checked as the member resources they stand for.
  const objects = resources.flatMap((r) => (kindOf(r) ? [{ r, kind: kindOf(r), props: r.props }] : rosterMembers(r).map((props) => ({ r, kind: KINDS.User, props }))));
  return objects.flatMap(({ r, kind, props }) => {
    const pattern = kind && config[kind.externalKeyField];
    if (!kind || typeof pattern !== "string" || !pattern) return [];
    const key = props[kind.externalKeyField];
    const label = `${kind.noun} "${props[kind.nameField] ?? r.name}"`;
    if (typeof key !== "string" || !key) {
      return config.requireKeys ? [at(r, `${label} has no ${kind.externalKeyField}: give it a key that matches ${pattern}`)] : [];
    }
    if (wholeMatch(pattern, kind.externalKeyField).test(key)) return [];
    return [at(r, `${label} has the key ${key}, which does not match the company's pattern ${pattern} for ${kind.externalKeyField}`)];
  });
}

/** `pattern` matching whole keys; a configuration error (not a violation) when it is no regular expression. */
function wholeMatch(pattern: string, field: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, "u");
  } catch (e) {
    throw new Error(`key-pattern's ${field} in the policy configuration, ${pattern}, is not a regular expression: ${(e as Error).message}`);
  }
}

/** The rules, in the order of the README's table. */
export const RULES: Rule<any>[] = [
  {
    name: "unit-has-leader",
    description: "Every org unit with members has a leader: at least one of its members has isManager: true in it.",
    configSchema: { properties: { exemptUnits: EXEMPT_UNITS } },
    check: unitHasLeader,
  },
  {
    name: "member-has-unit",
    description: "Every member is in at least one org unit.",
    configSchema: { properties: { exemptMembers: { ...unitList("members the rule leaves alone, by email or external key") } } },
    check: memberHasUnit,
  },
  {
    name: "unit-not-empty",
    description: "No org unit is empty: each has members or units under it.",
    configSchema: { properties: { exemptUnits: EXEMPT_UNITS } },
    check: unitNotEmpty,
  },
  {
    name: "title-set",
    description: "Members of the chosen org units have a title (positionId) there.",
    configSchema: {
      properties: {
        units: unitList("the org units whose members need a title, by external key or name"),
        includeSubUnits: { type: "boolean", default: false, description: "the units under them too" },
      },
    },
    check: titleSet,
  },
  {
    name: "key-pattern",
    description: "External keys follow the company's pattern for their kind.",
    configSchema: {
      properties: {
        ...Object.fromEntries(KEY_FIELDS.map((f) => [f, { type: "string", description: `a regular expression the whole ${f} must match` }])),
        requireKeys: { type: "boolean", default: false, description: "an object of a kind with a pattern must have a key" },
      },
    },
    check: keyPattern,
    perResource: true,
  },
];
