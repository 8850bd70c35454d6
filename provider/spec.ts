// The directory spec: a whole domain's structure (positions, levels, user types, employment
// types, the org-unit tree, members, groups) as one object or YAML/JSON file. Each entry is
// declared with the same fields and rules as its resource (the kind's schema); references between
// entries name the other entry by its external key, else its name, and are checked here before
// anything is registered, every problem with its path in the file (and its line, for a file).
import * as path from "node:path";
import { z } from "zod";
import { CustomProperty, EmploymentType, Group, Level, mapRefs, OrgUnit, Position, User, UserType, type Kind } from "./kinds";
import { organizations } from "./memberSchemas";
import { domainId, EXTERNAL_KEY_REF } from "./schemas";
import { INCLUDE, readSpecFiles, type SpecLocation, type SpecReader } from "./specFiles";
import { atMostFifty, valuesMatchDefinitions } from "./specCustom";
import { schemaProblems } from "./specIssues";
import { noPasswordInFile, oneLeaderPerUnit, withDefaults } from "./specMembers";
import { reportRefs, type Duplicate, type Unresolved } from "./specRefs";
import { withinDepth } from "./specTree";
import { withArticle } from "./words";

type Props = Record<string, any>;
type Path = (string | number)[];

/** A reference to an object outside the spec by its ID (`id:<ID>`): passed on as the ID. */
export const ID_REF = "id:";

const { parentOrgUnitId: _parent, ...unitFields } = OrgUnit.fields;
/** An org unit with the units under it: `children` replaces parentOrgUnitId, so the tree is the file's nesting. */
const unitBase = z.strictObject(unitFields);
type UnitIn = z.input<typeof unitBase> & { children?: (UnitIn | IncludeItem)[] };
type UnitOut = z.output<typeof unitBase> & { children?: (UnitOut | IncludeItem)[] };
/** Files, relative to the file naming them: `sales.yaml`, or a list (`dev/*.yaml`: `*` and `?` in the file name). */
const includePaths = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
/** An item of a list of units that stands for the units of other files (spec-files.md). */
const includeItem = z.strictObject({ include: includePaths.describe("Spec files whose orgUnits sit here, in this list of units; their other sections join the spec's. Paths relative to this file.") });
type IncludeItem = z.input<typeof includeItem>;
const orgUnitEntry: z.ZodType<UnitOut, UnitIn> = unitBase.extend({
  get children(): z.ZodOptional<z.ZodArray<z.ZodType<UnitOut, UnitIn>>> {
    return z.array(orgUnitEntry).optional();
  },
});
/** As written in a file: a list of units may hold `- include: sales.yaml` items. */
const writtenUnit: z.ZodType<UnitOut, UnitIn> = unitBase.extend({
  get children(): z.ZodOptional<z.ZodArray<z.ZodType<UnitOut | IncludeItem, UnitIn | IncludeItem>>> {
    return z.array(z.union([writtenUnit, includeItem])).optional();
  },
});

/** The spec's sections around a schema of members (as written, or with the implied values filled in). */
const specSchema = <M extends z.ZodType>(member: M, unit: z.ZodType = orgUnitEntry) =>
  z.strictObject({
    $schema: z.string().optional().describe("For editors: the JSON Schema this file follows."),
    domainId: domainId().optional().describe("The domain (ドメイン) of every entry; left out: lineworks:domainId."),
    positions: z.array(z.strictObject(Position.fields)).optional().describe("Positions (役職): the job titles on members' profiles. Fields as the Position resource's."),
    levels: z.array(z.strictObject(Level.fields)).optional().describe("Levels (職級). Fields as the Level resource's."),
    userTypes: z.array(z.strictObject(UserType.fields)).optional().describe("User types (利用権限タイプ). Fields as the UserType resource's."),
    employmentTypes: z.array(z.strictObject(EmploymentType.fields)).optional().describe("Employment types (deprecated by LINE WORKS in favour of user types)."),
    customProperties: z
      .array(z.strictObject(CustomProperty.fields))
      .optional()
      .describe("Custom properties (カスタム項目): the definitions of members' extra fields, at most 50. Fields as the CustomProperty resource's; members' values go in their customProperties, by propertyName."),
    orgUnits: z.array(unit).optional().describe("Org units (組織), nested: `children` are the units under a unit. Fields as the OrgUnit resource's, without parentOrgUnitId."),
    members: z.array(member).optional().describe("Members (メンバー). orgUnitId, positionId, levelId, userTypeId hold another entry's external key, else its name; externalKey:<key> or id:<ID> name an object outside the spec."),
    groups: z.array(z.strictObject(Group.fields)).optional().describe("Groups (グループ). A member's id and a master's userId hold the entry's external key, else its name (a member's email)."),
  });

/**
 * The spec's schema, as written (the type and the JSON Schema for editors). Entries have their
 * resource's fields (LINE WORKS' names) without domainId; the ID fields of references
 * (`positionId`, `orgUnitId`, a group member's `id`, ...) hold the other entry's external key, else
 * its name (a member's: the email). `externalKey:<key>` or `id:<ID>` name an object outside the
 * spec. A member's organizations may leave out their domainId (the spec's) and the `primary` of a
 * single organization or unit.
 */
const writtenMember = z.strictObject({ ...User.fields, organizations: organizations(true).describe(User.descriptions.organizations!) });
const written = specSchema(writtenMember, z.union([writtenUnit, includeItem]));
const includeField = { include: includePaths.optional().describe("Spec files whose sections join this one's (one per department, say); their orgUnits sit beside this file's. Paths relative to this file.") };
export const directorySpec = written.extend(includeField);
/** An included file: the sections and includes, without domainId (the main file's). */
export const directoryPartSpec = written.omit({ domainId: true }).extend(includeField);
/** What parseSpec checks, once the implied values are filled in: the User kind's own rules. */
const filledSpec = specSchema(z.strictObject(User.fields));
export type DirectorySpec = z.input<typeof directorySpec>;
export type OrgUnitEntry = UnitIn;

/** A rule across the entries of one section (a unit has one leader), reporting problems by path. */
export type SectionRule = (entries: Planned[], refs: Refs, problem: (path: Path, message: string) => void) => void;

interface Section {
  kind: Kind;
  /** The key holding the entries under an entry (a tree): each child's `kind.parentField` is its parent. */
  children?: "children";
  rules?: SectionRule[];
}

/** Sections in the order a directory is built: the kinds others refer to first. */
export const SECTIONS = {
  positions: { kind: Position },
  levels: { kind: Level },
  userTypes: { kind: UserType },
  employmentTypes: { kind: EmploymentType },
  customProperties: { kind: CustomProperty, rules: [atMostFifty] },
  orgUnits: { kind: OrgUnit, children: "children", rules: [withinDepth(OrgUnit)] },
  members: { kind: User, rules: [oneLeaderPerUnit, noPasswordInFile, valuesMatchDefinitions] },
  groups: { kind: Group },
} satisfies Record<string, Section> as Record<SectionName, Section>;
export type SectionName = "positions" | "levels" | "userTypes" | "employmentTypes" | "customProperties" | "orgUnits" | "members" | "groups";
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

/** The section of a kind's entries (the target of its references). */
const sectionOf = (type: string): SectionName | undefined => SECTION_NAMES.find((s) => SECTIONS[s].kind.type === type);

/** One entry of the spec, flattened out of its tree. */
export interface Planned {
  section: SectionName;
  /** The entry's external key, else its name: the child resource's name and its key in the outputs. */
  label: string;
  /** The entry without `children`. */
  entry: Props;
  path: Path;
  /** The entry it sits under (trees). */
  parent?: Planned;
}

/** One problem of a spec: where (`orgUnits[2].children[0].displayOrder`), what, and the line of a file. */
export interface SpecProblem {
  path: string;
  message: string;
  line?: number;
  /** The included file it is in (absolute); absent: the spec's own file. The path and line are that file's. */
  file?: string;
}

/**
 * A problem as a line of a list: `line 14: orgUnits[0].displayOrder: must be at least 1`, or in
 * an included file `sales.yaml line 3: orgUnits[0]...`, its path from the folder `dir`.
 */
export const problemText = (p: SpecProblem, dir?: string): string => {
  const at = [p.file === undefined ? undefined : dir && path.isAbsolute(p.file) ? path.relative(dir, p.file) : p.file, p.line === undefined ? undefined : `line ${p.line}`].filter((x) => x !== undefined).join(" ");
  return `${at ? `${at}: ` : ""}${p.path || (p.file === undefined ? "(the spec)" : "(the file)")}: ${p.message}`;
};

export class SpecError extends Error {
  constructor(
    readonly problems: SpecProblem[],
    readonly source?: string,
  ) {
    super(
      `The directory spec${source ? ` ${source}` : ""} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was registered:\n` +
        problems.map((p) => `  ${problemText(p, source && path.dirname(source))}`).join("\n"),
    );
    this.name = "SpecError";
  }
}

const pathText = (path: Path): string => path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

const labelOf = (kind: Kind, entry: Props): string | undefined => {
  const key = entry[kind.externalKeyField];
  if (typeof key === "string" && key) return key;
  const name = entry[kind.nameField];
  return typeof name === "string" && name ? name : undefined;
};

/** Every entry of every section, parents before their children, as written (malformed entries skipped). */
function flatten(spec: Props): Planned[] {
  const out: Planned[] = [];
  for (const section of SECTION_NAMES) {
    const { kind, children } = SECTIONS[section];
    const visit = (list: unknown, path: Path, parent?: Planned) => {
      if (!Array.isArray(list)) return;
      list.forEach((raw, i) => {
        if (!raw || typeof raw !== "object" || Array.isArray(raw)) return;
        const { [children ?? ""]: below, ...entry } = raw as Props;
        const label = labelOf(kind, entry);
        if (label === undefined) return;
        const planned: Planned = { section, label, entry: children ? entry : (raw as Props), path: [...path, i], parent };
        out.push(planned);
        if (children) visit(below, [...path, i, children], planned);
      });
    };
    visit(spec[section], [section]);
  }
  return out;
}

/**
 * What a reference in the spec names: an entry, or an object outside the spec (passed on as
 * written); else the entries sharing the name it gives, or none (`named` empty).
 */
type Resolved = { entry: Planned } | { outside: string } | { named: Planned[] };

/** The spec's entries by section, found by external key, else by name. */
export class Refs {
  private readonly byKey = new Map<string, Planned>();
  private readonly byName = new Map<string, Planned[]>();
  constructor(readonly entries: Planned[]) {
    for (const p of entries) {
      const kind = SECTIONS[p.section].kind;
      const key = p.entry[kind.externalKeyField];
      if (typeof key === "string" && !this.byKey.has(`${p.section}\0${key}`)) this.byKey.set(`${p.section}\0${key}`, p);
      const name = p.entry[kind.nameField];
      if (typeof name === "string") {
        const k = this.nameKey(p.section, name);
        this.byName.set(k, [...(this.byName.get(k) ?? []), p]);
      }
    }
  }
  private nameKey(section: SectionName, name: string): string {
    return `${section}\0${SECTIONS[section].kind.traits[SECTIONS[section].kind.nameField]?.caseInsensitive ? name.toLowerCase() : name}`;
  }
  resolve(type: string, ref: unknown): Resolved {
    const section = sectionOf(type);
    if (typeof ref !== "string" || !section) return { outside: ref as string }; // the schema reports a bad value
    if (ref.startsWith(EXTERNAL_KEY_REF)) return { outside: ref };
    if (ref.startsWith(ID_REF)) return { outside: ref.slice(ID_REF.length) };
    const byKey = this.byKey.get(`${section}\0${ref}`);
    if (byKey) return { entry: byKey };
    const named = this.byName.get(this.nameKey(section, ref)) ?? [];
    return named.length === 1 ? { entry: named[0] } : { named };
  }
  /** Every key and name of a section's entries: what a reference to it may have meant. */
  namesOf(section: SectionName): string[] {
    const { kind } = SECTIONS[section];
    return this.entries.filter((p) => p.section === section).flatMap((p) => [p.entry[kind.externalKeyField], p.entry[kind.nameField]].filter((v): v is string => typeof v === "string"));
  }
}

/** The checked spec: its domain, and its entries in the order to declare them (every reference before its referrer). */
export interface ParsedSpec {
  domainId?: number;
  entries: Planned[];
  /** The entry a reference names, or the outside reference as written (`externalKey:<key>`, an ID). */
  resolve(type: string, ref: unknown): { entry: Planned } | { outside: string };
  source?: string;
}

export interface ParseOptions {
  /** The domain when the spec names none (`lineworks:domainId`). */
  domainId?: number;
  /** The domain is configuration not known here (validate, offline): its absence is no problem. */
  domainLater?: boolean;
  source?: string;
  /** Where a path is written: its file, the path in that file and its line. */
  locate?: (path: Path) => SpecLocation | undefined;
  /** The spec is in several files: a place in the main one is named by its file too. */
  several?: boolean;
}

/**
 * Checks a spec: the schema, then the rules across entries (unique keys, names and labels,
 * references that name an entry, no cycle of references, the sections' rules). Throws a
 * SpecError with every problem, or returns the entries in declaration order.
 */
export function parseSpec(input: unknown, opts: ParseOptions = {}): ParsedSpec {
  const problems: { path: Path; message: string }[] = [];
  const problem = (path: Path, message: string) => problems.push({ path, message });
  const raw = input && typeof input === "object" && !Array.isArray(input) ? (input as Props) : undefined;
  if (!raw) throw new SpecError([{ path: "", message: "must be an object with positions, levels, userTypes, employmentTypes, orgUnits, members or groups" }], opts.source);
  if (raw[INCLUDE] !== undefined) problem([INCLUDE], "names files, so it works in a spec file: give the Directory the path of a file that includes them (docs/spec-files.md)");
  const domain = typeof raw.domainId === "number" ? raw.domainId : opts.domainId;
  const spec = withDefaults(raw, domain);
  const parsed = filledSpec.safeParse(spec);
  // Without a domain, the organizations lack theirs too: that is one problem (below), or none when it comes later.
  if (!parsed.success) for (const p of schemaProblems(parsed.error.issues, spec, filledSpec, domain === undefined)) problem(p.path, p.message);
  if (domain === undefined && !opts.domainLater && Array.isArray(spec.members) && spec.members.length) {
    problem(["domainId"], "is needed for the members' organizations: set it here or with `pulumi config set lineworks:domainId <id>`");
  }
  /** An entry by its path, and in a file the line of its `field`: `positions[0] (line 21)`, `(sales.yaml line 3)` in another file. */
  const where = (at: Path, field?: string) => {
    const loc = opts.locate?.(field === undefined ? at : [...at, field]);
    const file = loc && (opts.several || loc.file !== opts.source) ? `${opts.source ? path.relative(path.dirname(opts.source), loc.file) : loc.file} ` : "";
    return `${pathText(loc ? loc.path.slice(0, loc.path.length - (field === undefined ? 0 : 1)) : at)}${loc?.line === undefined ? "" : ` (${file}line ${loc.line})`}`;
  };

  const entries = flatten(spec);
  const refs = new Refs(entries);
  const dups: Duplicate[] = [];
  const unresolved: Unresolved[] = [];
  for (const section of SECTION_NAMES) {
    const { kind, rules } = SECTIONS[section];
    const mine = entries.filter((p) => p.section === section);
    const seen = new Map<string, Planned>();
    // The later entry is the duplicate: the first keeps the key or name, and is named by its line.
    const duplicate = (p: Planned, field: string, value: string, fold: boolean, message: string) => dups.push({ section, path: [...p.path, field], value, field, fold, message, followOns: [] });
    const unique = (field: string, p: Planned, fold: boolean) => {
      const value = p.entry[field];
      if (typeof value !== "string") return;
      const k = `${field}\0${fold ? value.toLowerCase() : value}`;
      const first = seen.get(k);
      if (first) duplicate(p, field, value, fold, `${value} is the ${field} of ${where(first.path, field)} too; ${field}s must be unique`);
      else seen.set(k, p);
    };
    for (const p of mine) {
      unique(kind.externalKeyField, p, false);
      if (kind.uniqueNames !== false) unique(kind.nameField, p, !!kind.traits[kind.nameField]?.caseInsensitive);
      const byLabel = seen.get(`label\0${p.label}`);
      const same = byLabel && sameLabel(kind, p, byLabel, where);
      if (same) duplicate(p, same.field, p.label, false, same.message);
      else if (!byLabel) seen.set(`label\0${p.label}`, p);
      mapRefs(kind, p.entry, (type, v, at) => {
        const r = refs.resolve(type, v);
        const target = sectionOf(type);
        if ("named" in r && target) {
          const group = section === "groups" ? { name: String(p.entry.groupName ?? p.label), administrators: at[0] === "administrators" } : undefined;
          unresolved.push({ path: [...p.path, ...at], section: target, kind: SECTIONS[target].kind, ref: v as string, named: r.named, group });
        }
        return v;
      });
    }
    for (const rule of rules ?? []) rule(mine, refs, problem);
    crossChecks(kind, mine, domain, problems, problem);
  }
  reportRefs(unresolved, dups, (s) => refs.namesOf(s as SectionName), where, problem);

  // A member named as its own relation is the kind's rule already (checked above): not reported twice.
  const ordered = order(entries, refs, problem, (at) => problems.some((q) => q.path.length >= at.length && at.every((x, i) => q.path[i] === x)));
  if (problems.length) {
    const listed = problems.map((p) => {
      const loc = opts.locate?.(p.path);
      const file = loc && loc.order > 0 ? { file: loc.file } : {};
      return { order: loc?.order ?? 0, problem: { path: pathText(loc?.path ?? p.path), message: p.message, line: loc?.line, ...file } };
    });
    // File by file in the files' order, each top to bottom (sort is stable: a spec object keeps the checks' order).
    listed.sort((a, b) => a.order - b.order || (a.problem.line ?? 0) - (b.problem.line ?? 0));
    throw new SpecError(listed.map((x) => x.problem), opts.source);
  }
  return {
    domainId: domain,
    entries: ordered,
    resolve: (type, ref) => refs.resolve(type, ref) as { entry: Planned } | { outside: string },
    source: opts.source,
  };
}

/**
 * The kind's own rules across fields (a group's room features), the ones its check runs at
 * preview, on each entry with the spec's domain: one problem per field at most (a member's
 * password is the spec's rule already).
 */
function crossChecks(kind: Kind, entries: Planned[], domain: number | undefined, problems: { path: Path }[], problem: (path: Path, message: string) => void): void {
  for (const p of kind.crossChecks ? entries : []) {
    for (const c of kind.crossChecks!({ ...p.entry, domainId: domain })) {
      const at = [...p.path, ...c.property.split(/[.[\]]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x))];
      const field = at.slice(0, p.path.length + 1);
      if (!problems.some((q) => field.every((x, i) => q.path[i] === x))) problem(at, c.message);
    }
  }
}

/**
 * An entry's resource is named by its label (key, else name): `p` and the earlier `first` with the
 * same label would be one resource. Two keys or two unique names alike are reported by the
 * uniqueness checks already; what is left is two keyless units of one name, or a key of one entry
 * that is the name of a keyless other. Returns the problem, at `p`'s field.
 */
function sameLabel(kind: Kind, p: Planned, first: Planned, where: (at: Path, field?: string) => string): { field: string; message: string } | undefined {
  const keyed = (x: Planned) => typeof x.entry[kind.externalKeyField] === "string";
  if (!keyed(p) && !keyed(first)) {
    if (kind.uniqueNames !== false) return undefined;
    const message = `${p.label} is the ${kind.nameField} of ${where(first.path, kind.nameField)} too, and neither has ${withArticle(kind.externalKeyField)}: give them keys (\`npx pulumi-lineworks export --assign-keys\` does it for a tenant)`;
    return { field: kind.nameField, message };
  } else if (keyed(p) !== keyed(first)) {
    const [k, n] = keyed(p) ? [p, first] : [first, p];
    const message = `${p.label} is the ${kind.externalKeyField} of ${where(k.path, kind.externalKeyField)} and the ${kind.nameField} of ${where(n.path, kind.nameField)}, which has no key: entries are named by their key, else their name, so the two would be one resource. Give ${pathText(n.path)} a key`;
    return { field: keyed(p) ? kind.externalKeyField : kind.nameField, message };
  }
  return undefined;
}

/** Entries ordered so that each comes after the entries of its own section it refers to (a group in a group); a cycle is a problem. */
function order(entries: Planned[], refs: Refs, problem: (path: Path, message: string) => void, reported: (at: Path) => boolean = () => false): Planned[] {
  const out: Planned[] = [];
  const state = new Map<Planned, "visiting" | "done">();
  // `via`: the field of the reference that led here (a member's relations), named when it closes a circle.
  const visit = (p: Planned, chain: Planned[], via?: string) => {
    if (state.get(p) === "done") return;
    if (state.get(p) === "visiting") {
      const cycle = [...chain.slice(chain.indexOf(p)), p].map((x) => x.label).join(" -> ");
      const fix = via ? `. Take one of these references out (the last is ${via})` : "";
      problem(p.path, `its references go round in a circle (${cycle}): LINE WORKS cannot create any of them first${fix}`);
      return;
    }
    state.set(p, "visiting");
    const kind = SECTIONS[p.section].kind;
    mapRefs(kind, p.entry, (type, v, at) => {
      const r = refs.resolve(type, v);
      if ("entry" in r && r.entry.section === p.section && r.entry !== p) visit(r.entry, [...chain, p], `${p.label}'s ${pathText(at)}`);
      else if ("entry" in r && r.entry === p && !reported([...p.path, ...at])) problem(p.path, `refers to itself (${p.label})`);
      return v;
    });
    state.set(p, "done");
    out.push(p);
  };
  for (const p of entries) visit(p, []);
  return out;
}

/**
 * Reads a spec file (YAML, or JSON, which is YAML too) and the files it includes, and checks the
 * spec, with each problem's file and line. `reader`: where files are read (default the disk).
 */
export function loadSpecFile(file: string, opts: Pick<ParseOptions, "domainId" | "domainLater"> & { cwd?: string; reader?: SpecReader } = {}): ParsedSpec {
  const full = path.resolve(opts.cwd ?? process.cwd(), file);
  const read = readSpecFiles(full, opts.reader);
  if (read.problems.length) throw new SpecError(read.problems, full);
  return parseSpec(read.spec, { domainId: opts.domainId, domainLater: opts.domainLater, source: full, locate: read.locate, several: read.files.length > 1 });
}

/** The JSON Schema of a spec file, for editors (`# yaml-language-server: $schema=...`). */
export function directoryJsonSchema(part = false): Record<string, unknown> {
  return z.toJSONSchema(part ? directoryPartSpec : directorySpec, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
