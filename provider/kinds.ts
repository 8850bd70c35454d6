// One declaration per directory object type: its API paths, field rules and natural keys. The
// CRUD, diff, adoption and recovery logic in resource.ts is written once and driven by these.
import { z } from "zod";
import {
  description, displayOrder, domainId, emailAddress, emailList, externalKey, flag, groupAdministrators, groupMembers, groupName, i18nNames, isoDate, locale, mailAddress, MEMBER_LOCAL, name,
  organizations, passwordConfig, personName, phone, reference, siblingOrder, text, timeZone, userI18nNames, userName, userTypeCode,
} from "./schemas";
import { ONE_WRITE_PER_SECOND_IN_ORDER, TEN_WRITES_PER_SECOND, type WriteRule } from "./ordering";

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

/** How the lifecycle treats one field beyond its schema. */
export interface FieldTraits {
  /** A set: order means nothing (diff and drift compare sorted), absent means empty. */
  set?: boolean;
  /**
   * An object, or with `set` the items of a set of objects: the keys that make it, each compared by
   * its own traits (defaults, sets, references inside). Other keys LINE WORKS echoes (names of
   * referenced objects) are neither compared nor kept in outputs.
   */
  shape?: Record<string, FieldTraits>;
  /** Compared case-insensitively (email addresses). */
  caseInsensitive?: boolean;
  /**
   * The documented default: an absent live value equals it, and a program that stops declaring
   * the field sends it (instead of null, which LINE WORKS refuses for flags).
   */
  default?: unknown;
  /** Leaving the field out of the program declares `default` (parentOrgUnitId: top level). */
  omittedIsDefault?: boolean;
  /**
   * LINE WORKS assigns a value when none is declared (an org unit's email): a program that stops
   * declaring the field leaves the current value alone instead of clearing it.
   */
  assigned?: boolean;
  /**
   * Another kind's ID. `externalKey:<key>` of an object of that kind managed elsewhere is accepted,
   * and so is the name of a kind the name addresses (`nameRef`: a member's email): the provider
   * resolves it to the ID before writing, and keeps the declared form in outputs as long as it
   * still names the live value. `{ by, kinds }`: the kind is named by a sibling key of the same
   * item (a group member's `type`).
   */
  references?: string | { by: string; kinds: Record<string, string> };
  /**
   * The item keys that identify an item of a set (a group member's type and id): inputs show the
   * set as a map by them, so the preview lists exactly the items added and removed, in any order.
   */
  identity?: string[];
  /** A set LINE WORKS also edits item by item through its own endpoints (a group's members). */
  collection?: Collection;
  /**
   * A secret LINE WORKS only takes (a member's initial password): sent on create only, never
   * echoed in outputs, never compared, never sent by an update, and never shown in a message.
   */
  writeOnly?: boolean;
  /** The temporary value a rename swap parks a unique field at, where a bare tag is not valid (an address keeps its domain). */
  detour?: (tag: string, current: string) => string;
  /** A setting of the provider itself (how to delete), never sent to LINE WORKS: kept in outputs as declared. */
  local?: boolean;
  /** A declared state changed only through action endpoints (suspension); the live state is another field. */
  toggle?: Toggle;
}

/** A declared state a kind switches with two actions (POST `{path}/{id}{on|off}`), read from `live`. */
export interface Toggle {
  live: string;
  on: string;
  off: string;
  /** Why the live object cannot be switched on now, if it cannot (a pending member cannot be suspended). */
  refuseOn?: (live: Record<string, any>) => string | undefined;
  /** What a 400 answer to switching on means and what to do. */
  explain: string;
}

/**
 * A set with its own endpoints: GET `{path}/{id}{suffix}` lists the items (paged, under `listKey`),
 * POST adds one, DELETE `{path}/{id}{suffix}/{item[key]}` removes one, with the other `identity`
 * keys as its query. An update sends only the items added and removed (adds first, so a set that
 * must not be empty never is), unless more than `patchAbove` change: then one PATCH carries the set.
 */
export interface Collection {
  suffix: string;
  listKey: string;
  key: string;
  /** What one item is, in logs and errors ("member"). */
  noun: string;
  patchAbove?: number;
}

/** Fields changed only through an action endpoint, never by PATCH (org units: parent and order by `/move`). */
export interface Action {
  /** Appended to the object's path: POST `${path}/{id}${suffix}`. */
  suffix: string;
  /** Fields the action carries; a change of any sends all of them (those declared). Create sends them in its POST. */
  fields: string[];
  /**
   * Fields whose change alone calls the action (default: `fields`); the others are also PATCHed.
   * `domainId` here makes a domain change a move instead of a replacement.
   */
  when?: string[];
  /** Run before the PATCH (a move to another domain, after which the PATCH's references hold). */
  first?: boolean;
  /** Fixed fields the action always carries (a member's move keeps its group memberships). */
  with?: Record<string, unknown>;
  /** What the action does, for logs ("move"). */
  verb: string;
}

/** LINE WORKS' soft delete: a deleted object stays (flagged) for a while, holds its natural keys and can be restored. */
export interface SoftDelete {
  /** The flag a deleted object carries (it is gone for refresh). */
  flag: string;
  /** POST `{path}/{id}{restore}` brings it back (adoption restores instead of failing). */
  restore: string;
  /** Why a create fails on such an object, and the ways out. */
  explain: string;
  /** Opt-in permanent delete: DELETE `{path}/{id}{suffix}` when the resource declared `field: true`. */
  force?: { field: string; suffix: string };
}

/** A cross-field rule, checked in `check` after the field rules. */
export type CrossCheck = (value: Record<string, unknown>) => { property: string; message: string }[];

/** Names per language: one item per language, compared by language and name in any order. */
const I18N_NAMES: FieldTraits = { set: true, shape: { language: {}, name: {} } };

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
  /** Fields LINE WORKS derives (outputs only; a program cannot declare them). */
  readOnly?: string[];
  /** Names unique in the domain (default). When not, adoption by name also needs `nameScope` to match, and refuses duplicates. */
  uniqueNames?: boolean;
  /** The name addresses the object too (`GET /users/{email}`): a lookup by name is one GET, not a list. */
  nameRef?: boolean;
  /** Fields that must match too when adopting by name (org units: the same parent). */
  nameScope?: (keyof F & string)[];
  actions?: Action[];
  /** The field holding the parent of a tree: a move under the object's own descendant is refused before any call. */
  parentField?: keyof F & string;
  crossChecks?: CrossCheck;
  /** What a refused delete means and what to do, added to LINE WORKS' answer. */
  deleteRefusal?: { explain: string | ((props: Record<string, any>) => string); blockers?: { path: string; listKey: string; noun: string; label: (item: any) => string } };
  /** A domain change replaces by deleting first (default: only when a tenant-unique key would collide). */
  replaceDeletesFirst?: boolean;
  softDelete?: SoftDelete;
  /** Whether LINE WORKS has `POST {path}/external-keys` to set many objects' keys at once (default true). */
  bulkKeys?: boolean;
  /** The per-domain write rule LINE WORKS asks for this kind (see ordering.ts). */
  writeRule?: WriteRule;
  /**
   * Objects of the kind LINE WORKS lets nobody edit (dynamic and external groups): `mark` tells
   * one from its live fields, `answer` from LINE WORKS' refusal; both are reported with `explain`
   * instead of edits LINE WORKS would refuse or silently ignore.
   */
  uneditable?: { mark: (live: Record<string, any>) => string | undefined; answer: RegExp; explain: string };
}

export function defineKind<F extends z.ZodRawShape>(spec: KindSpec<F>) {
  const schema = z.object({ domainId: domainId(), ...spec.fields });
  const fieldNames = Object.keys(spec.fields) as (keyof F & string)[];
  const traits = (spec.traits ?? {}) as Record<string, FieldTraits | undefined>;
  const actionFields = (spec.actions ?? []).flatMap((a) => a.when ?? a.fields);
  const traitOf = (f: string) => (traits[f] ?? {}) as FieldTraits;
  return {
    ...spec,
    schema,
    fieldNames,
    traits,
    readOnly: spec.readOnly ?? [],
    actions: spec.actions ?? [],
    /** Fields PATCH carries: every field not changed through an action, not write-only and not the provider's own. */
    patchFields: fieldNames.filter((f) => !actionFields.includes(f) && !traitOf(f).writeOnly && !traitOf(f).local && !traitOf(f).toggle) as string[],
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
    /** Fields unique per domain (names) or per `keyScope` (external keys): what a rename shuffle moves. */
    uniqueFields: (spec.uniqueNames === false ? [spec.externalKeyField] : [spec.nameField, spec.externalKeyField]) as string[],
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
  traits: { i18nNames: I18N_NAMES },
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
  traits: { i18nNames: I18N_NAMES },
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
  traits: { i18nNames: I18N_NAMES },
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
  // The employment-types pages document no bulk external-key endpoint.
  bulkKeys: false,
  fields: {
    employmentTypeName: name(),
    displayOrder: displayOrder(),
    employmentTypeExternalKey: externalKey().optional(),
    userTypeCode: userTypeCode().optional(),
    i18nNames: i18nNames().optional(),
  },
  traits: { i18nNames: I18N_NAMES },
});

const USE_FLAGS = ["useNote", "useCalendar", "useTask", "useFolder"] as const;
const off = { default: false };

/** The message room of a unit or group and its features: flags, off by default (a PUT that omits them turns them off). */
const ROOM_FIELDS = {
  useMessage: flag().optional(),
  useNote: flag().optional(),
  useCalendar: flag().optional(),
  useTask: flag().optional(),
  useFolder: flag().optional(),
};
const ROOM_TRAITS = { useMessage: off, useNote: off, useCalendar: off, useTask: off, useFolder: off };

/** LINE WORKS turns the other room features off with useMessage (units and groups): a preview would promise what the API undoes. */
const roomFeatures: CrossCheck = (v) =>
  v.useMessage === false
    ? USE_FLAGS.filter((f) => v[f] === true).map((f) => ({
        property: f,
        message: `cannot be true while useMessage is false: LINE WORKS turns ${f} off together with the message room; declare useMessage: true, or ${f}: false`,
      }))
    : [];

/**
 * An org unit (組織 / team). Not a flat list: a tree whose parent and sibling order change only
 * through `POST /orgunits/{id}/move` (a replacement would delete the unit's team room, notes,
 * calendar and folders), with names that need not be unique, one write per second per domain,
 * and deletes that LINE WORKS refuses while the unit or a unit under it has members.
 */
export const OrgUnit = defineKind({
  type: "OrgUnit",
  noun: "org unit",
  path: "/orgunits",
  listKey: "orgUnits",
  idField: "orgUnitId",
  nameField: "orgUnitName",
  externalKeyField: "orgUnitExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  fields: {
    orgUnitName: name(),
    displayOrder: siblingOrder(),
    parentOrgUnitId: reference().nullable().optional(),
    orgUnitExternalKey: externalKey().optional(),
    i18nNames: i18nNames().optional(),
    email: emailAddress().optional(),
    description: description(160).optional(),
    visible: flag().optional(),
    aliasEmails: emailList(20).optional(),
    canReceiveExternalMail: flag().optional(),
    ...ROOM_FIELDS,
  },
  traits: {
    parentOrgUnitId: { references: "OrgUnit", default: null, omittedIsDefault: true },
    i18nNames: I18N_NAMES,
    email: { caseInsensitive: true, assigned: true },
    aliasEmails: { set: true, caseInsensitive: true },
    visible: { default: true },
    canReceiveExternalMail: off,
    ...ROOM_TRAITS,
  },
  readOnly: ["displayLevel", "parentExternalKey"],
  uniqueNames: false,
  nameScope: ["parentOrgUnitId"],
  actions: [{ suffix: "/move", fields: ["parentOrgUnitId", "displayOrder"], verb: "move" }],
  parentField: "parentOrgUnitId",
  crossChecks: roomFeatures,
  deleteRefusal: {
    explain:
      "LINE WORKS does not delete an org unit while it or a unit under it has members. Move those members to another unit " +
      "(change the orgUnits of their organizations) or delete them first, then run again",
    blockers: { path: "/orgunits/{id}/members", listKey: "members", noun: "direct members", label: (m) => m.userExternalKey ?? m.userId },
  },
  // Moving a unit to another domain cannot keep its team room anyway, and its tenant-unique key and email would collide.
  replaceDeletesFirst: true,
  writeRule: ONE_WRITE_PER_SECOND_IN_ORDER,
});

const optionalRef = (kind: string): FieldTraits => ({ references: kind, default: null });
const on = { default: true };

/**
 * A member (メンバー). Differs from the flat kinds in every way the lifecycle knows: the login
 * email is the natural key (case-insensitive, and the name the API addresses a member by), teams,
 * titles and levels are nested references, the initial password is a write-only secret, a change
 * of primary domain is a move (a replacement would delete the person's data), suspension is a
 * declared state switched by its own endpoints, and delete is LINE WORKS' soft delete unless the
 * program opts into a permanent one.
 */
export const User = defineKind({
  type: "User",
  noun: "member",
  path: "/users",
  listKey: "users",
  idField: "userId",
  nameField: "email",
  externalKeyField: "userExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  fields: {
    email: emailAddress(MEMBER_LOCAL),
    userName: userName(),
    userExternalKey: externalKey().optional(),
    i18nNames: userI18nNames().optional(),
    nickName: personName(100).nullable().optional(),
    privateEmail: mailAddress(256).optional(),
    aliasEmails: emailList(10, MEMBER_LOCAL).optional(),
    locale: locale().nullable().optional(),
    timeZone: timeZone().nullable().optional(),
    telephone: phone().optional(),
    cellPhone: phone().optional(),
    location: text(100).optional(),
    task: text(100).optional(),
    employeeNumber: text(20, 1).optional(),
    hiredDate: isoDate().optional(),
    userTypeId: reference().nullable().optional(),
    employmentTypeId: reference().nullable().optional(),
    searchable: flag().optional(),
    organizations: organizations(),
    passwordConfig: passwordConfig().optional(),
    suspended: flag().optional(),
    forceDeleteOnDestroy: flag().optional(),
  },
  traits: {
    email: { caseInsensitive: true, detour: (tag, current) => `${tag}@${current.slice(current.lastIndexOf("@") + 1)}` },
    userName: { shape: { lastName: {}, firstName: {}, phoneticLastName: {}, phoneticFirstName: {} } },
    i18nNames: { set: true, shape: { language: {}, firstName: {}, lastName: {} } },
    privateEmail: { caseInsensitive: true },
    aliasEmails: { set: true, caseInsensitive: true },
    userTypeId: optionalRef("UserType"),
    employmentTypeId: optionalRef("EmploymentType"),
    searchable: on,
    organizations: {
      set: true,
      shape: {
        domainId: {},
        primary: {},
        levelId: optionalRef("Level"),
        orgUnits: {
          set: true,
          shape: {
            orgUnitId: { references: "OrgUnit" },
            primary: {},
            positionId: optionalRef("Position"),
            isManager: off,
            visible: on,
            useTeamFeature: on,
          },
        },
      },
    },
    passwordConfig: { writeOnly: true },
    suspended: {
      default: false,
      toggle: {
        live: "isSuspended",
        on: "/suspend",
        off: "/unsuspend",
        refuseOn: (live) =>
          live.isPending
            ? "has not logged in yet (isPending: true): LINE WORKS suspends only members in use. Declare suspended: false (or leave it out) until the member has logged in once, or delete the member"
            : undefined,
        explain: "LINE WORKS suspends only members in use: not one who has never logged in (isPending), and never the super admin",
      },
    },
    forceDeleteOnDestroy: { local: true, default: false },
  },
  readOnly: ["isPending", "isSuspended", "suspendedReason", "isDeleted", "isAdministrator"],
  nameRef: true,
  // preserveGroup: the member stays in its groups (LINE WORKS drops them by default); the program declares memberships on the groups.
  actions: [{ suffix: "/move", when: ["domainId"], fields: ["organizations", "userExternalKey"], with: { preserveGroup: true }, first: true, verb: "move to another domain" }],
  crossChecks: (v) => {
    const failures: { property: string; message: string }[] = [];
    const primary = Array.isArray(v.organizations) ? v.organizations.find((o: any) => o?.primary === true) : undefined;
    if (primary && typeof primary.domainId === "number" && typeof v.domainId === "number" && primary.domainId !== v.domainId) {
      failures.push({
        property: "domainId",
        message: `${v.domainId} is not the domain of the primary organization (${primary.domainId}): a member's domainId is its primary organization's; change both together (LINE WORKS moves the member)`,
      });
    }
    const pc = v.passwordConfig as { passwordCreationType?: unknown; password?: unknown } | undefined;
    if (pc && typeof pc === "object" && pc.passwordCreationType === "ADMIN" && pc.password === undefined) {
      failures.push({ property: "passwordConfig.password", message: "is required when passwordCreationType is ADMIN (the administrator sets the first password)" });
    }
    const member = pc && typeof pc === "object" && (pc.passwordCreationType ?? "MEMBER") === "MEMBER";
    if (member && (v.privateEmail === undefined || v.privateEmail === null)) {
      failures.push({ property: "privateEmail", message: "is required when passwordCreationType is MEMBER (the default): LINE WORKS mails the invitation to set a password there" });
    }
    return failures;
  },
  deleteRefusal: {
    explain: (props) =>
      props.isAdministrator
        ? "LINE WORKS does not delete administrators. Take the administrator role away in the Admin console (管理者権限) first, or stop managing the member without deleting it: remove the resource from the program after `pulumi state delete <urn>`"
        : "The member was not deleted; LINE WORKS' answer says why",
  },
  softDelete: {
    flag: "isDeleted",
    restore: "/undelete",
    explain:
      "LINE WORKS keeps a deleted member for 7 days (restorable), and its email and external key stay taken meanwhile (about 2 weeks before an address can be reused, say SSO vendors). " +
      "Ways out: run with `pulumi config set lineworks:adoptExisting true` to restore that member (undelete, within the 7 days) and take it over with this program; " +
      "or force-delete it in the Admin console to free the address now (its data is then gone for good); or choose another email",
    force: { field: "forceDeleteOnDestroy", suffix: "/forcedelete" },
  },
  writeRule: TEN_WRITES_PER_SECOND,
});

/** Group masters and members: sets whose items LINE WORKS also adds and removes one by one. */
const PATCH_ABOVE = 100;

/**
 * A group (グループ): a project, committee or mailing group. Membership is written on the group,
 * and `members` and `administrators` are authoritative sets: an update adds and removes only the
 * items that changed, through the member and master endpoints (adds first, so a group is never
 * without a master). A PUT would reset the room features, so updates PATCH. Dynamic and external
 * groups are refused, never half-edited.
 */
export const Group = defineKind({
  type: "Group",
  noun: "group",
  path: "/groups",
  listKey: "groups",
  idField: "groupId",
  nameField: "groupName",
  externalKeyField: "groupExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  fields: {
    groupName: groupName(),
    description: description(300).optional(),
    visible: flag().optional(),
    useServiceNotification: flag().optional(),
    serviceManageable: flag().optional(),
    groupExternalKey: externalKey().optional(),
    // Members before masters: adds go in this order and removes in the reverse, so a master is a member first.
    members: groupMembers(),
    administrators: groupAdministrators(),
    ...ROOM_FIELDS,
  },
  traits: {
    visible: on,
    useServiceNotification: off,
    serviceManageable: on,
    members: {
      set: true,
      shape: { id: { references: { by: "type", kinds: { USER: "User", ORGUNIT: "OrgUnit", GROUP: "Group" } } }, type: {} },
      identity: ["type", "id"],
      collection: { suffix: "/members", listKey: "members", key: "id", noun: "member", patchAbove: PATCH_ABOVE },
    },
    administrators: {
      set: true,
      shape: { userId: { references: "User" } },
      identity: ["userId"],
      collection: { suffix: "/administrators", listKey: "administrators", key: "userId", noun: "group master", patchAbove: PATCH_ABOVE },
    },
    ...ROOM_TRAITS,
  },
  crossChecks: roomFeatures,
  uneditable: {
    // Which field tells the kinds apart is unconfirmed: any of these marks, leniently.
    mark: (live) => {
      const kind = [live.groupType, live.type, live.groupKind].filter((v): v is string => typeof v === "string");
      if (kind.some((v) => /dynamic/i.test(v)) || live.isDynamic === true || live.dynamic === true || live.isDynamicGroup === true) return "a dynamic group";
      if (kind.some((v) => /external/i.test(v)) || live.isExternal === true || live.external === true || live.isExternalGroup === true) return "an external group";
      return undefined;
    },
    answer: /(dynamic|external) group/i,
    explain:
      "LINE WORKS does not let anyone edit dynamic groups (their members come from conditions) or external groups (shared from another tenant). " +
      "Leave this group out of the program (with `pulumi state delete <urn>` if it is in the state), or declare a new ordinary group under another groupName",
  },
});

export const KINDS = { Position, UserType, Level, EmploymentType, OrgUnit, User, Group } as unknown as Record<string, Kind>;
export type KindName = "Position" | "UserType" | "Level" | "EmploymentType" | "OrgUnit" | "User" | "Group";

/** The per-domain write rules the kinds declare, by type: what the provider's writers enforce. */
export const WRITE_RULES: Record<string, WriteRule> = Object.fromEntries(
  Object.values(KINDS).flatMap((k) => (k.writeRule ? [[k.type, k.writeRule]] : [])),
);

/** The keys of an object's `shape` with their traits, a reference's kind chosen by its sibling (a group member's type). */
export function shapeOf(t: FieldTraits, item: Record<string, unknown>): [string, FieldTraits][] {
  return Object.entries(t.shape ?? {}).map(([k, kt]) => {
    const r = kt.references;
    if (!r || typeof r === "string") return [k, kt];
    const by = item[r.by];
    return [k, { ...kt, references: typeof by === "string" ? r.kinds[by] : undefined }];
  });
}

/**
 * A declaration with every reference to another kind's object replaced by `to(kind, value, path,
 * holder)`, also inside nested objects and sets (a member's units and titles, a group's members);
 * `holder` is the object the reference is a field of. Values of an unexpected shape are passed
 * through for the schema to report.
 */
export function mapRefs(
  kind: Kind,
  value: Record<string, unknown>,
  to: (refKind: string, v: unknown, path: (string | number)[], holder: Record<string, unknown>) => unknown,
): Record<string, unknown> {
  const walk = (t: FieldTraits, v: unknown, path: (string | number)[], holder: Record<string, unknown>): unknown => {
    if (Array.isArray(v)) return t.set || t.shape ? v.map((x, i) => walk({ ...t, set: false }, x, [...path, i], holder)) : v;
    if (typeof t.references === "string") return v === undefined || v === null ? v : to(t.references, v, path, holder);
    if (!t.shape || !v || typeof v !== "object") return v;
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (const [k, kt] of shapeOf(t, out)) if (out[k] !== undefined) out[k] = walk(kt, out[k], [...path, k], v as Record<string, unknown>);
    return out;
  };
  const out = { ...value };
  for (const f of kind.fieldNames) if (value[f] !== undefined) out[f] = walk(kind.traits[f] ?? {}, value[f], [f], value);
  return out;
}
