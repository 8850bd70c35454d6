// How a kind is declared (KindSpec) and what the lifecycle reads from a declared kind (Kind).
import { z } from "zod";
import type { DeleteCapSetting } from "../config";
import { domainId } from "../schemas";
import type { WriteRule } from "../ordering";
import type { FeatureName } from "./features";
import type { Action, Collection, CrossCheck, FieldTraits, ReplaceOptIn, SoftDelete, Toggle } from "./traits";

export interface KindSpec<F extends z.ZodRawShape> {
  /** Pulumi type name: `pulumi-nodejs:dynamic/lineworks:<type>`. */
  type: string;
  noun: string;
  path: string;
  listKey: string;
  idField: string;
  nameField: keyof F & string;
  externalKeyField: keyof F & string;
  /** Where external keys (and, for `nameRef` kinds, names) must be unique: a replacement in another domain collides only for "tenant". */
  keyScope: "domain" | "tenant";
  /** Whether GET/DELETE of one object take `?domainId` (user types and employment types do not). */
  itemDomainQuery: boolean;
  /** The domain switch the kind's API needs, if any. */
  feature?: FeatureName;
  /** Writable fields other than domainId. Optional ones are left alone when undeclared. */
  fields: F;
  traits?: { [K in keyof F]?: FieldTraits };
  /** Fields LINE WORKS derives (outputs only; a program cannot declare them), each with its description. */
  readOnly?: Record<string, string>;
  /** What `domainId` is for the kind (its default, and what a change of it does), for the docs. */
  domainIdDescription: string;
  /** Names unique in the domain (default). When not, adoption by name also needs `nameScope` to match, and refuses duplicates. */
  uniqueNames?: boolean;
  /** The name addresses the object too (`GET /users/{email}`): a lookup by name is one GET, not a list. */
  nameRef?: boolean;
  /** Fields that must match too when adopting by name (org units: the same parent). */
  nameScope?: (keyof F & string)[];
  actions?: Action[];
  /** The field holding the parent of a tree: a move under the object's own descendant is refused before any call. */
  parentField?: keyof F & string;
  /** How many levels the tree may have (org units: 15): a create or move below it is refused before the call, as is a spec nesting deeper. */
  maxDepth?: number;
  crossChecks?: CrossCheck;
  /** What a refused delete means and what to do, added to LINE WORKS' answer. */
  deleteRefusal?: { explain: string | ((props: Record<string, any>) => string); blockers?: { path: string; listKey: string; noun: string; label: (item: any) => string } };
  /** A domain change replaces by deleting first (default: only when a tenant-unique key would collide). */
  replaceDeletesFirst?: boolean;
  softDelete?: SoftDelete;
  /** The setting that caps how many objects of the kind one run deletes: past it, a delete fails before any call. */
  deleteCap?: DeleteCapSetting;
  /** The per-domain write rule LINE WORKS asks for this kind (see ordering.ts). */
  writeRule?: WriteRule;
  /**
   * Objects of the kind LINE WORKS lets nobody edit (dynamic and external groups): `mark` tells
   * one from its live fields, `answer` from LINE WORKS' refusal; both are reported with `explain`
   * instead of edits LINE WORKS would refuse or silently ignore.
   */
  uneditable?: { mark: (live: Record<string, any>) => string | undefined; answer: RegExp; explain: string };
  /** A replacement (a change of a `replaces` field) must be allowed by the program: see ReplaceOptIn. */
  replaceOptIn?: ReplaceOptIn;
  /** LINE WORKS has no GET of one object (custom properties): reads find it in the domain's list, by ID or key. */
  listOnly?: boolean;
  /** At most this many objects per domain: a create past it fails before the POST, naming the count. */
  maxPerDomain?: number;
}

/** The ID output's description, the same for every kind. */
const ID_DESCRIPTION = "the ID LINE WORKS generated; also this resource's ID";

export function defineKind<F extends z.ZodRawShape>(spec: KindSpec<F>) {
  const schema = z.object({ domainId: domainId().describe(spec.domainIdDescription), ...spec.fields });
  const fieldNames = Object.keys(spec.fields) as (keyof F & string)[];
  const traits = (spec.traits ?? {}) as Record<string, FieldTraits | undefined>;
  const actionFields = (spec.actions ?? []).flatMap((a) => a.when ?? a.fields);
  const traitOf = (f: string) => (traits[f] ?? {}) as FieldTraits;
  return {
    ...spec,
    schema,
    fieldNames,
    traits,
    readOnly: Object.keys(spec.readOnly ?? {}),
    /**
     * What each property is: the ID, the fields (their schemas' `.describe()`, also domainId's) and
     * the derived outputs. the field tables of docs/resources.md, the SDK's TSDoc and the spec's JSON Schema show it.
     */
    descriptions: {
      [spec.idField]: ID_DESCRIPTION,
      ...Object.fromEntries(Object.entries(schema.shape).map(([f, s]) => [f, (s as z.ZodType).description])),
      ...spec.readOnly,
    } as Record<string, string | undefined>,
    actions: spec.actions ?? [],
    /** Fields PATCH carries: every field not changed through an action, not write-only, not the provider's own, and not one LINE WORKS cannot change. */
    patchFields: fieldNames.filter((f) => !actionFields.includes(f) && !traitOf(f).writeOnly && !traitOf(f).local && !traitOf(f).toggle && !traitOf(f).replaces) as string[],
    /** Fields the create POST carries: all but the provider's own and the toggled states (switched after the create). */
    createFields: fieldNames.filter((f) => !traitOf(f).local && !traitOf(f).toggle) as string[],
    /** Fields compared and kept in outputs: all but the write-only ones. */
    outputFields: fieldNames.filter((f) => !traitOf(f).writeOnly) as string[],
    /** The write-only fields (secrets): never shown, compared or read back. */
    secretFields: fieldNames.filter((f) => traitOf(f).writeOnly) as string[],
    /** The toggled states, by field. */
    toggles: fieldNames.flatMap((f) => (traitOf(f).toggle ? [[f, traitOf(f).toggle!] as const] : [])) as (readonly [string, Toggle])[],
    /** The sets with their own endpoints, by field. */
    collections: fieldNames.flatMap((f) => (traitOf(f).collection ? [[f, traitOf(f).collection!] as const] : [])) as (readonly [string, Collection])[],
    /** Fields a program must always declare (an import reports only these as declared). */
    requiredFields: fieldNames.filter((f) => !(spec.fields[f] as unknown as z.ZodType).safeParse(undefined).success),
    /** Fields LINE WORKS cannot change: a change replaces the object. */
    replaceFields: fieldNames.filter((f) => traitOf(f).replaces) as string[],
    /** Fields unique per domain (names) or per `keyScope` (external keys): what a rename shuffle moves. */
    uniqueFields: (spec.uniqueNames === false ? [spec.externalKeyField] : [spec.nameField, spec.externalKeyField]) as string[],
  };
}

export type Kind = ReturnType<typeof defineKind<z.ZodRawShape>>;
/** What a program declares (domainId may come from `lineworks:domainId`). */
export type KindInputs<K extends { schema: z.ZodObject }> = Omit<z.input<K["schema"]>, "domainId"> & { domainId?: number };
