// One declaration per directory object type: its API paths, field rules and natural keys. The
// CRUD, diff, adoption and recovery logic in resource.ts is written once and driven by these.
import { z } from "zod";
import { displayOrder, domainId, externalKey, i18nNames, name, userTypeCode } from "./schemas";

/** Domain feature switches (usePosition, useLevel, useUserType, ...), each with enable/disable actions. */
export const FEATURES = {
  positions: { path: "/directory/positions", flag: "usePosition", noun: "positions" },
  levels: { path: "/directory/levels", flag: "useLevel", noun: "levels" },
  userTypes: { path: "/directory/user-types", flag: "useUserType", noun: "user types" },
  employmentTypes: { path: "/directory/employment-types", flag: "useEmploymentType", noun: "employment types" },
} as const;
export type FeatureName = keyof typeof FEATURES;

/**
 * Whether an API error says the feature is off. LINE WORKS words it "cannot be used when
 * usePosition is false"; the HTTP status was not documented (400 or 403), so match the flag.
 */
export function isFeatureOff(e: unknown, feature: FeatureName): boolean {
  const description = (e as { description?: unknown } | null)?.description;
  return typeof description === "string" && description.includes(FEATURES[feature].flag);
}

export interface KindSpec<F extends z.ZodRawShape> {
  /** Pulumi type name: `pulumi-nodejs:dynamic/lineworks:<type>`. */
  type: string;
  noun: string;
  path: string;
  listKey: string;
  idField: string;
  nameField: keyof F & string;
  externalKeyField: keyof F & string;
  /** Where external keys must be unique: a replacement in another domain collides only for "tenant". */
  keyScope: "domain" | "tenant";
  /** Whether GET/DELETE of one object take `?domainId` (user types and employment types do not). */
  itemDomainQuery: boolean;
  feature: FeatureName;
  /** Writable fields other than domainId. Optional ones are left alone when undeclared. */
  fields: F;
}

export function defineKind<F extends z.ZodRawShape>(spec: KindSpec<F>) {
  const schema = z.object({ domainId: domainId(), ...spec.fields });
  const fieldNames = Object.keys(spec.fields) as (keyof F & string)[];
  return {
    ...spec,
    schema,
    fieldNames,
    /** Fields a program must always declare (an import reports only these as declared). */
    requiredFields: fieldNames.filter((f) => !(spec.fields[f] as unknown as z.ZodType).safeParse(undefined).success),
    /** Fields unique per domain (names) or per `keyScope` (external keys): what a rename shuffle moves. */
    uniqueFields: [spec.nameField, spec.externalKeyField] as string[],
  };
}

export type Kind = ReturnType<typeof defineKind<z.ZodRawShape>>;
/** What a program declares (domainId may come from `lineworks:domainId`). */
export type KindInputs<K extends { schema: z.ZodObject }> = Omit<z.input<K["schema"]>, "domainId"> & { domainId?: number };

export const Position = defineKind({
  type: "Position",
  noun: "position",
  path: "/directory/positions",
  listKey: "positions",
  idField: "positionId",
  nameField: "positionName",
  externalKeyField: "positionExternalKey",
  keyScope: "domain",
  itemDomainQuery: true,
  feature: "positions",
  fields: {
    positionName: name(),
    displayOrder: displayOrder(),
    positionExternalKey: externalKey().optional(),
    i18nNames: i18nNames().optional(),
  },
});

export const UserType = defineKind({
  type: "UserType",
  noun: "user type",
  path: "/directory/user-types",
  listKey: "userTypes",
  idField: "userTypeId",
  nameField: "userTypeName",
  externalKeyField: "userTypeExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  feature: "userTypes",
  fields: {
    userTypeName: name(),
    displayOrder: displayOrder(),
    userTypeExternalKey: externalKey().optional(),
    userTypeCode: userTypeCode().optional(),
    i18nNames: i18nNames().optional(),
  },
});

export const Level = defineKind({
  type: "Level",
  noun: "level",
  path: "/directory/levels",
  listKey: "levels",
  idField: "levelId",
  nameField: "levelName",
  externalKeyField: "levelExternalKey",
  keyScope: "domain",
  itemDomainQuery: true,
  feature: "levels",
  fields: {
    levelName: name(),
    displayOrder: displayOrder(),
    levelExternalKey: externalKey().optional(),
    executive: z.boolean({ error: "must be true or false" }),
    i18nNames: i18nNames().optional(),
  },
});

/** Deprecated by LINE WORKS in favour of user types; kept for tenants that still use it. */
export const EmploymentType = defineKind({
  type: "EmploymentType",
  noun: "employment type",
  path: "/directory/employment-types",
  listKey: "employmentTypes",
  idField: "employmentTypeId",
  nameField: "employmentTypeName",
  externalKeyField: "employmentTypeExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  feature: "employmentTypes",
  fields: {
    employmentTypeName: name(),
    displayOrder: displayOrder(),
    employmentTypeExternalKey: externalKey().optional(),
    userTypeCode: userTypeCode().optional(),
    i18nNames: i18nNames().optional(),
  },
});

export const KINDS = { Position, UserType, Level, EmploymentType } as unknown as Record<string, Kind>;
export type KindName = "Position" | "UserType" | "Level" | "EmploymentType";
