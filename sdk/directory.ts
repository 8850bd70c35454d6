import * as pulumi from "@pulumi/pulumi";
import { formOf, mapRefs, type FeatureName } from "../provider/kinds";
import { loadSpecFile, parseSpec, SECTION_NAMES, SECTIONS, type DirectorySpec, type ParsedSpec, type Planned, type SectionName } from "../provider/spec";
import { configuredDomainId } from "./common";
import { DirectoryFeature } from "./directoryFeature";
import { EmploymentType } from "./employmentType";
import { Group } from "./group";
import { Level } from "./level";
import { OrgUnit } from "./orgUnit";
import { Position } from "./position";
import { User } from "./user";
import { UserType } from "./userType";

/** The resource class of each kind a spec section declares. */
const CLASSES = { Position, Level, UserType, EmploymentType, OrgUnit, User, Group };
type Made = pulumi.CustomResource & Record<string, pulumi.Output<any>>;

/** Arguments of a {@link Directory}. */
export interface DirectoryArgs {
  /**
   * The directory spec: an object, or the path of a YAML or JSON file (a relative path from the
   * working directory: Pulumi's is the project's, where Pulumi.yaml is). Its schema is `directorySpec` (JSON Schema: `pulumi-lineworks/directory.schema.json`).
   */
  spec: DirectorySpec | string;
  /** The domain when the spec names none; default `lineworks:domainId` (or LINEWORKS_DOMAIN_ID). */
  domainId?: number;
}

/**
 * A whole LINE WORKS domain's structure from one spec — an object or a YAML/JSON file: the
 * feature switches its kinds need, positions, levels, user types, employment types, the org-unit
 * tree (nested with `children`), members with their units, titles and levels, and groups.
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
  declare public readonly orgUnitIds: pulumi.Output<Record<string, string>>;
  declare public readonly userIds: pulumi.Output<Record<string, string>>;
  declare public readonly groupIds: pulumi.Output<Record<string, string>>;
  /** The resources, by section and external key (else name). */
  declare public readonly positions: Record<string, Position>;
  declare public readonly levels: Record<string, Level>;
  declare public readonly userTypes: Record<string, UserType>;
  declare public readonly employmentTypes: Record<string, EmploymentType>;
  declare public readonly orgUnits: Record<string, OrgUnit>;
  declare public readonly members: Record<string, User>;
  declare public readonly groups: Record<string, Group>;
  /** The feature switches the spec's kinds need, by feature. */
  declare public readonly features: Partial<Record<FeatureName, DirectoryFeature>>;

  constructor(name: string, args: DirectoryArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything is registered: a bad spec registers nothing.
    const parsed = load(args);
    super("lineworks:index:Directory", name, {}, opts);
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
    const bySection = Object.fromEntries(SECTION_NAMES.map((s) => [s, {} as Record<string, Made>])) as Record<SectionName, Record<string, Made>>;
    for (const p of parsed.entries) {
      const { kind } = SECTIONS[p.section];
      // Another entry in the spec's words (its key, a member's email, a name unique in the
      // domain), so the preview reads them and they are known before it exists; else its ID
      // output. Either way this resource depends on it, so the order of creation is the same.
      const dependsOn = new Set<pulumi.Resource>();
      const refer = (entry: Planned) => {
        const target = made.get(entry)!;
        dependsOn.add(target);
        const { kind: targetKind } = SECTIONS[entry.section];
        return formOf(targetKind, entry.entry) ?? target[targetKind.idField];
      };
      const args: Record<string, unknown> = mapRefs(kind, p.entry, (type, v) => {
        const r = parsed.resolve(type, v);
        return "entry" in r ? refer(r.entry) : r.outside;
      });
      if (p.parent && kind.parentField) args[kind.parentField] = refer(p.parent);
      if (domainId !== undefined) args.domainId = domainId;
      const Class = CLASSES[kind.type as keyof typeof CLASSES] as unknown as new (n: string, a: unknown, o: pulumi.CustomResourceOptions) => Made;
      const feature = kind.feature && features[kind.feature];
      if (feature) dependsOn.add(feature);
      const resource = new Class(`${name}-${p.label}`, args, { ...inherited, ...(dependsOn.size ? { dependsOn: [...dependsOn] } : {}) });
      made.set(p, resource);
      bySection[p.section][p.label] = resource;
    }

    const outputs: Record<string, unknown> = {};
    for (const section of SECTION_NAMES) {
      const { kind } = SECTIONS[section];
      const ids = pulumi.output(Object.fromEntries(Object.entries(bySection[section]).map(([label, r]) => [label, r[kind.idField]]))) as pulumi.Output<Record<string, string>>;
      outputs[`${kind.idField}s`] = ids;
      Object.assign(this, { [`${kind.idField}s`]: ids, [section]: bySection[section] });
    }
    Object.assign(this, { features });
    this.registerOutputs(outputs);
  }
}

/** The checked spec of `args`, its domain defaulted from the config. */
function load(args: DirectoryArgs): ParsedSpec {
  const domainId = args.domainId ?? configuredDomainId();
  return typeof args.spec === "string" ? loadSpecFile(args.spec, { domainId }) : parseSpec(args.spec, { domainId });
}
