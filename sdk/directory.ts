import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { asOfFrom, chooseSpec, isDated, readDatedFile, type DatedSpecs } from "../provider/dated";
import { formOf, mapRefs, type FeatureName } from "../provider/kinds";
import { loadSpecFile, parseSpec, SECTION_NAMES, SECTIONS, type DirectorySpec, type ParsedSpec, type Planned, type SectionName } from "../provider/spec";
import { configuredDomainId } from "./common";
import { CustomProperty } from "./customProperty";
import { DirectoryFeature } from "./directoryFeature";
import { EmploymentType } from "./employmentType";
import { Group } from "./group";
import { Level } from "./level";
import { OrgUnit } from "./orgUnit";
import { Position } from "./position";
import { User } from "./user";
import { UserType } from "./userType";
import { rosterIndex, stableKey } from "../provider/kinds/rosters";
import { memberUserId, UserRoster } from "./userRoster";

/** The resource class of each kind a spec section declares. */
const CLASSES = { Position, Level, UserType, EmploymentType, CustomProperty, OrgUnit, User, Group };
type Made = pulumi.CustomResource & Record<string, pulumi.Output<any>>;

/** Arguments of a {@link Directory}. */
export interface DirectoryArgs {
  /**
   * The directory spec: an object, or the path of a YAML or JSON file (a relative path from the
   * working directory: Pulumi's is the project's, where Pulumi.yaml is). Its schema is `directorySpec` (JSON Schema: `pulumi-lineworks/directory.schema.json`).
   * A file may include others (`include: [sales.yaml]`, one per department, say: docs/spec-files.md); a problem in one is reported by its file and line.
   *
   * Or specs by the date each takes effect, a file path or an object each:
   * `{ "2026-12-01": "org.yaml", "2027-04-01": "org-2027-04.yaml" }`. The run uses the latest
   * whose date has come (LINEWORKS_AS_OF, an ISO time, sets "now" for a dry run). A date without a
   * time is 00:00 Japan time, a time without an offset is Japan time. The same map may be a file
   * (`spec: "org.dates.yaml"`), its paths relative to that file's folder.
   */
  spec: DirectorySpec | string | DatedSpecs<DirectorySpec | string>;
  /** The domain when the spec names none; default `lineworks:domainId` (or LINEWORKS_DOMAIN_ID). */
  domainId?: number;
  /**
   * Keep the members in this many {@link UserRoster} resources (per domain) instead of one
   * {@link User} resource per member: for thousands of members (docs/rosters.md says from what
   * size it pays). A member's roster follows from its `userExternalKey`, else its email, so it
   * never changes when the member moves. Changing the number moves members between rosters: each
   * takes its members over, nothing is written to LINE WORKS. Left out: one resource per member.
   * `0`: one resource per member too, each taking over its member where a roster held it before
   * (the way back from rosters).
   */
  rosters?: number;
}

/**
 * A whole LINE WORKS domain's structure from one spec — an object or a YAML/JSON file: the
 * feature switches its kinds need, positions, levels, user types, employment types, custom
 * property definitions, the org-unit tree (nested with `children`), members with their units,
 * titles, levels and custom property values (each member after the definitions it has values
 * of), and groups.
 *
 * Each entry becomes one resource (a {@link Position}, {@link OrgUnit}, {@link User}, ...) named
 * `<directory name>-<external key>` (else `-<name>`, a member's email), so renaming an entry
 * renames the object and reordering entries changes nothing. Entries refer to each other by
 * external key, else by name (`positionId: POS_MANAGER`, a group member `{type: USER, id: EMP_0001}`);
 * `externalKey:<key>` or `id:<ID>` names an object outside the spec. The resources refer to each
 * other in the same words — `externalKey:<key>`, a member's email, `name:<name>` where names are
 * unique in the domain — so `pulumi preview --diff` shows who moves where, and only an org unit
 * without a key is referred to by its ID output (LINE WORKS lets two units share a name). Each
 * resource depends on those it refers to, so Pulumi creates switches before the kinds, parents
 * before children, units before members, members before groups — and deletes in the reverse order.
 *
 * A bad spec fails before anything is registered, with every problem by its path in the file
 * (`orgUnits[2].children[0].displayOrder: must be at least 1`) and, for a file, its line.
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const org = new lineworks.Directory("org", { spec: "org.yaml" });
 * export const orgUnitIds = org.orgUnitIds; // { OU_HQ: "...", OU_SALES: "...", ... }
 * ```
 *
 * ## Taking over an existing tenant
 * `npx pulumi-lineworks export --out org.yaml` writes the tenant's structure as a spec; with
 * `pulumi config set lineworks:adoptExisting true` the first `pulumi up` adopts every object
 * (by external key, else by name) without writing to it when the spec matches.
 */
export class Directory extends pulumi.ComponentResource {
  /** IDs by external key (else name), for each kind. */
  declare public readonly positionIds: pulumi.Output<Record<string, string>>;
  declare public readonly levelIds: pulumi.Output<Record<string, string>>;
  declare public readonly userTypeIds: pulumi.Output<Record<string, string>>;
  declare public readonly employmentTypeIds: pulumi.Output<Record<string, string>>;
  /** Custom property IDs by propertyName. */
  declare public readonly customPropertyIds: pulumi.Output<Record<string, string>>;
  declare public readonly orgUnitIds: pulumi.Output<Record<string, string>>;
  declare public readonly userIds: pulumi.Output<Record<string, string>>;
  declare public readonly groupIds: pulumi.Output<Record<string, string>>;
  /** The resources, by section and external key (else name). */
  declare public readonly positions: Record<string, Position>;
  declare public readonly levels: Record<string, Level>;
  declare public readonly userTypes: Record<string, UserType>;
  declare public readonly employmentTypes: Record<string, EmploymentType>;
  declare public readonly customProperties: Record<string, CustomProperty>;
  declare public readonly orgUnits: Record<string, OrgUnit>;
  declare public readonly members: Record<string, User>;
  /** The member rosters (with `rosters: n`), in roster order; empty otherwise. */
  declare public readonly rosters: UserRoster[];
  declare public readonly groups: Record<string, Group>;
  /** The date (as written in the dated map) of the spec in effect; undefined for an undated spec. */
  declare public readonly specDate: pulumi.Output<string | undefined>;
  /** The feature switches the spec's kinds need, by feature. */
  declare public readonly features: Partial<Record<FeatureName, DirectoryFeature>>;

  constructor(name: string, args: DirectoryArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything is registered: a bad spec registers nothing.
    const { parsed, date, from } = load(args);
    super("lineworks:index:Directory", name, {}, opts);
    if (date !== undefined) void pulumi.log.info(`spec in effect: ${from} (dated ${date})`, this);
    const domainId = parsed.domainId;

    // protect passes to children by itself; retainOnDelete does not, so the component hands it on.
    const inherited: pulumi.CustomResourceOptions = { parent: this, ...(opts?.retainOnDelete !== undefined ? { retainOnDelete: opts.retainOnDelete } : {}) };
    const features: Partial<Record<FeatureName, DirectoryFeature>> = {};
    for (const section of SECTION_NAMES) {
      const feature = SECTIONS[section].kind.feature;
      if (!feature || !parsed.entries.some((p) => p.section === section)) continue;
      features[feature] = new DirectoryFeature(`${name}-${feature}`, { feature, domainId }, inherited);
    }

    const made = new Map<Planned, Made>();
    const rosterCount = args.rosters;
    const rosters = rosterPlan(name, rosterCount, domainId, inherited);
    const bySection = Object.fromEntries(SECTION_NAMES.map((s) => [s, {} as Record<string, Made>])) as Record<SectionName, Record<string, Made>>;
    for (const p of parsed.entries) {
      const { kind } = SECTIONS[p.section];
      // Another entry in the spec's words (its key, a member's email, a name unique in the
      // domain), so the preview reads them and they are known before it exists; else its ID
      // output. Either way this resource depends on it, so the order of creation is the same.
      const dependsOn = new Set<pulumi.Resource>();
      const refer = (entry: Planned) => {
        const { kind: targetKind } = SECTIONS[entry.section];
        const target = made.get(entry);
        // An entry of a later section (a unit's allowed members: members sit in units, so they come
        // after): its words without a dependency; the provider leaves out one not created yet (createdLater).
        if (!target) {
          const form = formOf(targetKind, entry.entry);
          if (form === undefined) throw new Error(`${p.label} refers to ${entry.label}, which is declared later and has no external key to name it by: give it one`);
          return form;
        }
        dependsOn.add(target);
        return formOf(targetKind, entry.entry) ?? target[targetKind.idField];
      };
      const args: Record<string, unknown> = mapRefs(kind, p.entry, (type, v) => {
        const r = parsed.resolve(type, v);
        return "entry" in r ? refer(r.entry) : r.outside;
      });
      if (p.parent && kind.parentField) args[kind.parentField] = refer(p.parent);
      // A map keyed by other entries' keys (a member's custom property values): those entries first.
      for (const [f, t] of Object.entries(kind.traits)) {
        const map = t?.keysName ? args[f] : undefined;
        for (const key of map && typeof map === "object" ? Object.keys(map) : []) {
          const r = parsed.resolve(t!.keysName!, key);
          if ("entry" in r) dependsOn.add(made.get(r.entry)!);
        }
      }
      if (domainId !== undefined) args.domainId = domainId;
      if (rosters && kind.type === rosters.kind.type) {
        rosters.add(p, args, dependsOn);
        continue;
      }
      if (rosters?.pending()) for (const [entry, roster] of rosters.make()) made.set(entry, roster as unknown as Made);
      // rosters: 0, the way back from rosters: each member resource takes its member over (lifecycle ADOPT).
      if (rosterCount === 0 && kind.type === SECTIONS.members.kind.type) args.__adopt = true;
      const Class = CLASSES[kind.type as keyof typeof CLASSES] as unknown as new (n: string, a: unknown, o: pulumi.CustomResourceOptions) => Made;
      const feature = kind.feature && features[kind.feature];
      if (feature) dependsOn.add(feature);
      const resource = new Class(`${name}-${p.label}`, args, { ...inherited, ...(dependsOn.size ? { dependsOn: [...dependsOn] } : {}) });
      made.set(p, resource);
      bySection[p.section][p.label] = resource;
    }

    if (rosters?.pending()) for (const [entry, roster] of rosters.make()) made.set(entry, roster as unknown as Made);
    announceSwitch(this, args.rosters, rosters?.made ?? [], Object.values(bySection.members));

    const outputs: Record<string, unknown> = {};
    for (const section of SECTION_NAMES) {
      const { kind } = SECTIONS[section];
      if (rosters && kind.type === rosters.kind.type) {
        const ids = rosters.ids();
        outputs[`${kind.idField}s`] = ids;
        Object.assign(this, { [`${kind.idField}s`]: ids, [section]: {} });
        continue;
      }
      const ids = pulumi.output(Object.fromEntries(Object.entries(bySection[section]).map(([label, r]) => [label, r[kind.idField]]))) as pulumi.Output<Record<string, string>>;
      outputs[`${kind.idField}s`] = ids;
      Object.assign(this, { [`${kind.idField}s`]: ids, [section]: bySection[section] });
    }
    const specDate = pulumi.output(date);
    Object.assign(this, { features, specDate, rosters: rosters?.made ?? [] });
    this.registerOutputs({ ...outputs, specDate });
  }
}

/** The checked spec of `args` (of a dated map, the one in effect), its domain defaulted from the config. */
function load(args: DirectoryArgs): { parsed: ParsedSpec; date?: string; from?: string } {
  const domainId = args.domainId ?? configuredDomainId();
  const one = (spec: DirectorySpec | string) => (typeof spec === "string" ? loadSpecFile(spec, { domainId }) : parseSpec(spec, { domainId }));
  const dated = typeof args.spec === "string" ? readDatedFile(path.resolve(args.spec)) : isDated(args.spec) ? (args.spec as DatedSpecs<DirectorySpec | string>) : undefined;
  if (!dated) return { parsed: one(args.spec as DirectorySpec | string) };
  const chosen = chooseSpec(dated as DatedSpecs<DirectorySpec | string>, asOfFrom(), typeof args.spec === "string" ? args.spec : "spec");
  const from = typeof chosen.spec === "string" ? path.relative(process.cwd(), chosen.spec) || chosen.spec : `the spec of ${chosen.date}`;
  return { parsed: one(chosen.spec), date: chosen.date, from };
}

/**
 * The members' rosters of a Directory with `rosters: n`: members are gathered as the spec lists
 * them and each roster is made once all are in (before any group that refers to them).
 */
function rosterPlan(name: string, count: number | undefined, domainId: number | undefined, opts: pulumi.CustomResourceOptions) {
  if (!count) return undefined;
  if (!Number.isInteger(count) || count < 0) throw new Error(`Directory ${name}: rosters must be a whole number (0 or more), got ${count}`);
  const kind = SECTIONS.members.kind;
  const buckets = Array.from({ length: count }, () => ({ members: {} as Record<string, unknown>, dependsOn: new Set<pulumi.Resource>(), entries: [] as Planned[] }));
  const keys: [string, string, number][] = []; // label (as the other kinds' IDs are keyed), stable key, roster
  const made: UserRoster[] = [];
  return {
    kind,
    made,
    add(p: Planned, args: Record<string, unknown>, dependsOn: Set<pulumi.Resource>) {
      const key = stableKey(kind, p.entry)!;
      const i = rosterIndex(key, count);
      const { domainId: _d, ...member } = args;
      buckets[i].members[key] = member;
      buckets[i].entries.push(p);
      for (const d of dependsOn) buckets[i].dependsOn.add(d);
      keys.push([p.label, key, i]);
    },
    pending: () => made.length === 0 && keys.length > 0,
    /** Makes the rosters (each `<directory>-roster-<domainId>-<i>`); the roster of each member entry. */
    make(): [Planned, UserRoster][] {
      const out: [Planned, UserRoster][] = [];
      buckets.forEach((b, i) => {
        const roster = new UserRoster(`${name}-roster-${domainId ?? "default"}-${i}`, { domainId, members: b.members as never, bucket: [i, count] }, {
          ...opts,
          ...(b.dependsOn.size ? { dependsOn: [...b.dependsOn] } : {}),
        });
        made.push(roster);
        for (const p of b.entries) out.push([p, roster]);
      });
      return out;
    },
    /** Member IDs by label (external key, else email), from the rosters' outputs. */
    ids(): pulumi.Output<Record<string, string>> {
      return pulumi.all(made.map((r) => r.members)).apply((all) => Object.fromEntries(keys.map(([label, key, i]) => [label, memberUserId(all[i]?.[key]) as string])));
    },
  };
}

/**
 * The one line a preview of a switch between member resources and rosters needs: the engine lists
 * the old resources as deletes, but nothing is deleted in LINE WORKS. Said when the new resources
 * are being created (their IDs are not known yet), not on every run.
 */
function announceSwitch(dir: pulumi.ComponentResource, count: number | undefined, rosters: UserRoster[], members: pulumi.CustomResource[]) {
  if (!pulumi.runtime.isDryRun()) return;
  const fresh = count ? rosters : count === 0 ? members : [];
  if (!fresh.length) return;
  const message = count
    ? `Members are kept in ${count} roster(s) per domain. If this stack held one resource per member before, the preview lists those resources as deletes: ` +
      `nothing is deleted. Each roster takes its members over as they are in LINE WORKS, and removing the member resources sends nothing to LINE WORKS.`
    : `Members are kept one resource per member. If this stack kept them in rosters before, the preview lists the rosters as deletes: ` +
      `nothing is deleted. Each member resource takes its member over as it is in LINE WORKS, and removing the rosters sends nothing to LINE WORKS.`;
  void Promise.all(fresh.map((r) => (r.id as unknown as { isKnown: Promise<boolean> }).isKnown)).then((known) => {
    if (known.some((k) => !k)) void pulumi.log.info(message, dir);
  });
}
