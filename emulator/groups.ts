// The `/groups` collection (グループ / 그룹): groups, their members and administrators, external
// keys, and the external and dynamic kinds. Facts from /work/shared/lineworks-api/groups.md;
// choices the docs leave open are marked "unconfirmed" where they are made.
//
// Unlike org units, membership is written on the group: `members` ({id, type}) and
// `administrators` ({userId}) are stored as resolved IDs. The echoed external keys are derived
// when a group is presented, so renames show at once. A reference whose object is gone (a purged
// or raw-removed user, a raw-removed unit or group) is not presented; deletes, force deletes and
// moves through the API also take it out of the stored lists (see the events at the end).
// Soft-deleted users stay members and administrators (unconfirmed; they can be undeleted).
//
// Unknown body properties are ignored, as in the other modules. The mailing-list fields
// (useMail, groupEmail, aliasEmails, canReceiveExternalMail, toExternalEmails and the two
// membersAllowedToUseGroupEmailAs... lists; Advanced plan) have no documented rules: only their
// shape is checked, and the allowed members must be users (stored as IDs, like administrators).
//
// Like directory.ts, validation is written by hand and never shares the provider's code.
import {
  ApiContext, ApiError, ApiModule, ApiResult, MatchOutcome, RouteMatch,
  intQuery, isPlainObject, requireDomain,
} from "./api";
import {
  ExternalKeyBulk, FieldDecl, buildValues, checkInt32, checkString, clone, decodeSegment, externalKeyOf, externalKeyRoute, findByRef, invalid, keysetPage,
  missing, newId, requireBody,
} from "./directory";
import { type OrgUnitEvents, USE_FLAGS, flag, itemKeyOf, useMessageCascade } from "./orgunits";
import type { Store, StoredRecord } from "./store";
import type { UserEvents } from "./users";

type Obj = Record<string, unknown>;

/** Store collection of this module (test controls address it by this name). */
export type GroupCollection = "groups";

const GROUPS = "groups";
const READ_SCOPES = ["directory", "directory.read", "group", "group.read"] as const;
const WRITE_SCOPES = ["directory", "group"] as const;
const ADDRESS = { idField: "groupId" };

const MEMBER_TYPES = ["USER", "ORGUNIT", "GROUP"] as const;
type MemberType = (typeof MEMBER_TYPES)[number];
interface Member { id: string; type: MemberType }

/** What a member reference points at; users resolve through the users module (ID, email, externalKey:). */
interface Target { kind: string; idField: string; keyField: string; label: string }
const TARGETS: Record<MemberType, Target> = {
  USER: { kind: "users", idField: "userId", keyField: "userExternalKey", label: "user" },
  ORGUNIT: { kind: "orgUnits", idField: "orgUnitId", keyField: "orgUnitExternalKey", label: "org unit" },
  GROUP: { kind: GROUPS, idField: "groupId", keyField: "groupExternalKey", label: "group" },
};

/**
 * Group kinds the API may not edit. They exist only by seeding (`groupType`) and are presented
 * with `groupType`: which real field tells the kinds apart is unconfirmed (none appears in the
 * visible Group schema), so the name is the emulator's.
 */
const GROUP_TYPES = ["DYNAMIC", "EXTERNAL"];

/** The mailing-list fields, after the documented ones (their order is the community types'). */
const MAIL_FIELDS = [
  "useMail", "groupEmail", "aliasEmails", "canReceiveExternalMail", "toExternalEmails",
  "membersAllowedToUseGroupEmailAsRecipient", "membersAllowedToUseGroupEmailAsSender",
];
/** The mailing-list fields that hold users (`{userId}`), presented like administrators. */
const ALLOWED = ["membersAllowedToUseGroupEmailAsRecipient", "membersAllowedToUseGroupEmailAsSender"];

/** Response shape: every schema property in documentation order (groupType only on the two kinds). */
const RESPONSE_ORDER = [
  "domainId", "groupId", "groupName", "description", "visible", "useServiceNotification", "serviceManageable",
  "groupExternalKey", "administrators", "members", ...USE_FLAGS, ...MAIL_FIELDS,
];
/** Left out of list entries when the emulator option groupListCarriesMembers is false. */
const LISTS = ["administrators", "members"];

export interface GroupsOptions {
  /**
   * Whether `GET /groups` entries carry members and administrators. They do (doc: group-list,
   * both required); false stands for an answer without them, to test the per-group fallback.
   */
  listCarriesMembers: boolean;
}

// ---------------------------------------------------------------------------------------------
// Handler

export class GroupsModule implements ApiModule, UserEvents, OrgUnitEvents {
  /**
   * @param lookupUser a user by ID, login email or `externalKey:{key}`, purged ones not (users.ts).
   */
  constructor(
    private readonly store: Store,
    private readonly lookupUser: (ref: string) => StoredRecord | undefined,
    private readonly options: GroupsOptions = { listCarriesMembers: true },
  ) {}

  match(method: string, path: string): MatchOutcome {
    const m = /^\/groups(?:\/([^/]+)(?:\/(members|administrators)(?:\/([^/]+))?)?)?$/.exec(path);
    if (!m) return undefined;
    const [, seg, sub, subSeg] = m;
    const route = (api: string, scopes: readonly string[], execute: (c: ApiContext) => ApiResult,
      objectKey: (c: ApiContext) => string | undefined = () => undefined): RouteMatch => ({ api, scopes, execute, objectKey });

    if (seg === undefined) {
      if (method === "GET") return route("GET /groups", READ_SCOPES, (c) => this.list(c));
      if (method === "POST") return route("POST /groups", WRITE_SCOPES, (c) => this.create(c), (c) => this.createKey(c));
      return { methodNotAllowed: `${method} /groups` };
    }
    if (seg === "external-keys" && sub === undefined) return externalKeyRoute(this.store, this.keyBulk, method);
    const key = () => this.itemKey(seg);
    if (sub !== undefined) {
      const members = sub === "members";
      if (subSeg !== undefined) {
        const api = `${method} /groups/{id}/${sub}/{${members ? "memberId" : "userId"}}`;
        if (method !== "DELETE") return { methodNotAllowed: api };
        return route(api, WRITE_SCOPES, (c) => (members ? this.removeMember(c, seg, subSeg) : this.removeAdministrator(c, seg, subSeg)), key);
      }
      const api = `${method} /groups/{id}/${sub}`;
      if (method === "GET") return route(api, READ_SCOPES, (c) => (members ? this.members(c, seg) : this.administrators(c, seg)), key);
      if (method === "POST") return route(api, WRITE_SCOPES, (c) => (members ? this.addMember(c, seg) : this.addAdministrator(c, seg)), key);
      return { methodNotAllowed: api };
    }
    const api = `${method} /groups/{id}`;
    switch (method) {
      case "GET": return route(api, READ_SCOPES, () => this.getOne(seg), key);
      case "PUT": return route(api, WRITE_SCOPES, (c) => this.update(c, seg, "put"), key);
      case "PATCH": return route(api, WRITE_SCOPES, (c) => this.update(c, seg, "patch"), key);
      case "DELETE": return route(api, WRITE_SCOPES, () => this.remove(seg), key);
      default: return { methodNotAllowed: api };
    }
  }

  // --- operations ------------------------------------------------------------------------------

  /** The domain's groups (external ones too) in creation order. */
  private list(ctx: ApiContext): ApiResult {
    const page = keysetPage(this.inDomain(ctx), (r) => [r.seq], ctx.query);
    const lists = this.options.listCarriesMembers;
    return { status: 200, body: { groups: page.items.map((r) => this.present(r.data, lists)), responseMetaData: { nextCursor: page.nextCursor } } };
  }

  /** The body is PUT's (the create page was not found: unconfirmed); 201 + the group. */
  private create(ctx: ApiContext): ApiResult {
    const body = requireBody(ctx.body);
    if (body.domainId === undefined || body.domainId === null) throw missing("domainId");
    const domainId = requireDomain(this.store, checkInt32(body.domainId, "domainId"));
    const groupId = newId("group");
    const data = this.checked({ domainId, groupId, ...buildValues({ fields: this.fields }, body, "create") });
    this.store.insert(GROUPS, groupId, data);
    return { status: 201, body: this.present(data) };
  }

  private getOne(seg: string): ApiResult {
    const rec = this.locate(seg);
    refuse(rec, "EXTERNAL", "get an external group");
    return { status: 200, body: this.present(rec.data) };
  }

  /**
   * PUT replaces (omitted flags go back to their defaults: the documented trap), PATCH merges;
   * members and administrators, when given, replace the whole list. A dynamic group's members
   * are computed, so `members` in the body is ignored (not even checked).
   */
  private update(ctx: ApiContext, seg: string, mode: "put" | "patch"): ApiResult {
    const rec = this.locate(seg);
    refuse(rec, "EXTERNAL", "update an external group");
    const body = requireBody(ctx.body);
    const domainId = rec.data.domainId as number;
    if (mode === "put" && (body.domainId === undefined || body.domainId === null)) throw missing("domainId");
    // Moving a group between domains is not described anywhere: domainId is immutable.
    if (body.domainId !== undefined && checkInt32(body.domainId, "domainId") !== domainId) {
      throw invalid(`domainId: a group cannot move to another domain (it is in ${domainId})`);
    }
    const dynamic = rec.data.groupType === "DYNAMIC";
    const current = { ...rec.data, members: this.liveMembers(rec.data), administrators: this.liveAdministrators(rec.data) };
    const fields = dynamic ? this.fields.filter((f) => f.name !== "members") : this.fields;
    const values = buildValues({ fields }, body, mode, current);
    const data = this.checked({ ...current, ...values });
    this.store.replace(GROUPS, rec.data.groupId as string, data);
    return { status: 200, body: this.present(data) };
  }

  /** Dynamic groups may be deleted (the 2.0 page does not exclude them; SCIM does: unconfirmed). */
  private remove(seg: string): ApiResult {
    const rec = this.locate(seg);
    refuse(rec, "EXTERNAL", "delete an external group");
    const groupId = rec.data.groupId as string;
    this.store.batch(() => {
      this.store.remove(GROUPS, groupId);
      this.drop("GROUP", [groupId], false);
    });
    return { status: 204 };
  }

  /** In stored order (body order, then additions); the cursor is a position in that list. */
  private members(ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locateIn(ctx, seg);
    refuse(rec, "EXTERNAL", "get external group members");
    return listPage("members", this.presentMembers(rec.data), ctx.query);
  }

  private administrators(ctx: ApiContext, seg: string): ApiResult {
    return listPage("administrators", this.presentAdministrators(this.locateIn(ctx, seg).data), ctx.query);
  }

  /** `{id, type}` → 201 without a body; already a member → 409. */
  private addMember(ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locate(seg);
    refuse(rec, "EXTERNAL", "add members to an external group");
    refuse(rec, "DYNAMIC", "add members to a dynamic group");
    const member = this.checkMember(requireBody(ctx.body), "");
    if (selfIndex([member], rec.data.groupId) === 0) throw invalid("id: a group cannot be a member of itself");
    const members = this.liveMembers(rec.data);
    if (members.some((m) => m.type === member.type && m.id === member.id)) {
      throw new ApiError(409, "ALREADY_EXIST", `${member.type} ${member.id} is already a member of group ${label(rec)}`);
    }
    this.store.replace(GROUPS, rec.data.groupId as string, { ...rec.data, members: [...members, member] });
    return { status: 201 };
  }

  /** `?type=` is required; a user may be named by ID, email or `externalKey:`; not a member → 404. */
  private removeMember(ctx: ApiContext, seg: string, memberSeg: string): ApiResult {
    const rec = this.locateIn(ctx, seg);
    refuse(rec, "EXTERNAL", "remove members from an external group");
    refuse(rec, "DYNAMIC", "remove members from a dynamic group");
    const type = checkType(ctx.query.get("type"), "type");
    const ref = decodeSegment({ idField: "memberId" }, memberSeg);
    const id = this.target(type, ref)?.data[TARGETS[type].idField];
    const members = this.liveMembers(rec.data);
    const kept = members.filter((m) => !(m.type === type && m.id === id));
    if (kept.length === members.length) throw new ApiError(404, "NOT_FOUND", `${type} ${ref} is not a member of group ${label(rec)}`);
    this.store.replace(GROUPS, rec.data.groupId as string, { ...rec.data, members: kept });
    return { status: 204 };
  }

  /** `{userId}` → 201 without a body; already an administrator → 409. */
  private addAdministrator(ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locate(seg);
    refuse(rec, "EXTERNAL", "add administrators to an external group");
    const body = requireBody(ctx.body);
    if (body.userId === undefined || body.userId === null) throw missing("userId");
    const userId = this.checkUser(body.userId, "userId");
    const admins = this.liveAdministrators(rec.data);
    if (admins.some((a) => a.userId === userId)) {
      throw new ApiError(409, "ALREADY_EXIST", `user ${userId} is already an administrator of group ${label(rec)}`);
    }
    this.store.replace(GROUPS, rec.data.groupId as string, { ...rec.data, administrators: [...admins, { userId }] });
    return { status: 201 };
  }

  /**
   * Not an administrator → 404. Removing the last one is refused with 400: the schema says
   * administrators has at least 1 item; what the real API does is unconfirmed.
   */
  private removeAdministrator(ctx: ApiContext, seg: string, userSeg: string): ApiResult {
    const rec = this.locateIn(ctx, seg);
    refuse(rec, "EXTERNAL", "remove administrators from an external group");
    const ref = decodeSegment({ idField: "userId" }, userSeg);
    const userId = this.lookupUser(ref)?.data.userId;
    const admins = this.liveAdministrators(rec.data);
    const kept = admins.filter((a) => a.userId !== userId);
    if (kept.length === admins.length) throw new ApiError(404, "NOT_FOUND", `user ${ref} is not an administrator of group ${label(rec)}`);
    if (kept.length === 0) {
      throw new ApiError(400, "BAD_REQUEST", `user ${ref} is the last administrator of group ${label(rec)}; a group needs at least 1 administrator`);
    }
    this.store.replace(GROUPS, rec.data.groupId as string, { ...rec.data, administrators: kept });
    return { status: 204 };
  }

  /**
   * `POST/GET /groups/external-keys`: tenant-unique keys; entries' email is the mailing list's
   * address (groupEmail), null without one; an external group's key cannot be changed (403, like any other update of it: unconfirmed).
   */
  private readonly keyBulk: ExternalKeyBulk = {
    path: "/groups/external-keys", kind: GROUPS, listKey: "groups", label: "group",
    idField: "groupId", keyField: "groupExternalKey", keyScope: "tenant",
    name: (d) => d.groupName,
    email: (d) => (typeof d.groupEmail === "string" ? d.groupEmail : null),
    rows: (domainId) => this.store.all(GROUPS).filter((r) => r.data.domainId === domainId).map((rec) => ({ rec, key: [rec.seq] })),
    resolve: (ref) => this.resolve(ref),
    requireWritable: (rec) => refuse(rec, "EXTERNAL", "update an external group"),
    describe: label,
  };

  // --- values and rules ------------------------------------------------------------------------------

  /** Fields handled by buildValues; domainId is handled apart (create only, immutable after). */
  private readonly fields: FieldDecl[] = [
    { name: "groupName", create: "required", put: "required", nullable: false, empty: () => "", check: (v, f) => checkString(v, f, 100) },
    // Max 300; the empty string is accepted (no minimum is documented).
    { name: "description", create: "optional", put: "optional", nullable: true, empty: () => null, check: (v, f) => checkString(v, f, 300, 0) },
    flag("visible", true),
    flag("useServiceNotification", false),
    flag("serviceManageable", true),
    externalKeyOf("groupExternalKey"),
    { name: "administrators", create: "required", put: "required", nullable: false, empty: () => [], check: (v, f) => this.checkAdministrators(v, f) },
    // PATCH null clears the list (the docs: null deletes the previous data).
    { name: "members", create: "required", put: "required", nullable: true, empty: () => [], check: (v, f) => this.checkMembers(v, f) },
    ...USE_FLAGS.map((f) => flag(f, false)),
    // Mailing list (undocumented rules): shapes only; defaults as the other flags and lists.
    flag("useMail", false),
    { name: "groupEmail", create: "optional", put: "optional", nullable: true, empty: () => null, check: checkAddressShape },
    { name: "aliasEmails", create: "optional", put: "optional", nullable: true, empty: () => [], check: checkAddresses },
    flag("canReceiveExternalMail", false),
    { name: "toExternalEmails", create: "optional", put: "optional", nullable: true, empty: () => [], check: checkAddresses },
    ...ALLOWED.map((name): FieldDecl => ({ name, create: "optional", put: "optional", nullable: true, empty: () => [], check: (v, f) => this.checkAllowed(v, f) })),
  ];

  /** The cascade, no group as its own member, and the uniqueness of name and key; returns the data. */
  private checked(data: Obj): Obj {
    useMessageCascade(data);
    const self = selfIndex(data.members as Member[], data.groupId);
    if (self >= 0) throw invalid(`members[${self}].id: a group cannot be a member of itself`);
    const others = this.store.all(GROUPS).filter((r) => r.data.groupId !== data.groupId);
    const name = String(data.groupName).toLowerCase();
    const sameName = others.find((r) => r.data.domainId === data.domainId && String(r.data.groupName).toLowerCase() === name);
    if (sameName) {
      throw new ApiError(409, "ALREADY_EXIST", `groupName: "${String(data.groupName)}" is already used in domain ${String(data.domainId)} by group ${label(sameName)} (names are compared without case)`);
    }
    const key = data.groupExternalKey;
    const keyHolder = key !== null && others.find((r) => r.data.groupExternalKey === key);
    if (keyHolder) throw new ApiError(409, "ALREADY_EXIST", `groupExternalKey: "${String(key)}" is already used in the tenant by group ${label(keyHolder)}`);
    return data;
  }

  /** At least 1 item `{userId}`, each an existing user named by ID, email or `externalKey:`, none twice. */
  private checkAdministrators(v: unknown, field: string): Obj[] {
    const items = checkItems(v, field);
    if (items.length === 0) throw invalid(`${field}: must have at least 1 entry`);
    const out = items.map((e, i) => {
      const at = `${field}[${i}]`;
      if (e.userId === undefined || e.userId === null) throw missing(`${at}.userId`);
      return { userId: this.checkUser(e.userId, `${at}.userId`) };
    });
    const twice = repeated(out.map((a) => a.userId));
    if (twice >= 0) throw invalid(`${field}[${twice}].userId: user ${out[twice].userId} appears more than once`);
    return out;
  }

  /** Items `{userId}` (may be empty), each an existing user named by ID, email or `externalKey:`. */
  private checkAllowed(v: unknown, field: string): Obj[] {
    return checkItems(v, field).map((e, i) => {
      if (e.userId === undefined || e.userId === null) throw missing(`${field}[${i}].userId`);
      return { userId: this.checkUser(e.userId, `${field}[${i}].userId`) };
    });
  }

  /** Items `{id, type}` (may be empty), none twice. */
  private checkMembers(v: unknown, field: string): Member[] {
    const out = checkItems(v, field).map((e, i) => this.checkMember(e, `${field}[${i}]`));
    const twice = repeated(out.map((m) => `${m.type} ${m.id}`));
    if (twice >= 0) throw invalid(`${field}[${twice}]: ${out[twice].type} ${out[twice].id} appears more than once`);
    return out;
  }

  /**
   * `{id, type}`: users by ID, email or `externalKey:`; org units and groups by ID (and, leniently,
   * `externalKey:`). Any domain of the tenant (whether the real API allows members of other
   * domains is unconfirmed). Unknown → 400 INVALID_PARAMETER. `at` = "" for a top-level body.
   */
  private checkMember(e: Obj, at: string): Member {
    const f = (k: string) => (at ? `${at}.${k}` : k);
    if (e.type === undefined || e.type === null) throw missing(f("type"));
    const type = checkType(e.type, f("type"));
    if (e.id === undefined || e.id === null) throw missing(f("id"));
    if (typeof e.id !== "string" || e.id === "") throw invalid(`${f("id")}: must be a non-empty string`);
    const rec = this.target(type, e.id);
    if (!rec) throw invalid(`${f("id")}: ${TARGETS[type].label} ${e.id} does not exist`);
    return { id: rec.data[TARGETS[type].idField] as string, type };
  }

  private checkUser(v: unknown, field: string): string {
    if (typeof v !== "string" || v === "") throw invalid(`${field}: must be a non-empty string`);
    const rec = this.lookupUser(v);
    if (!rec) throw invalid(`${field}: user ${v} does not exist`);
    return rec.data.userId as string;
  }

  // --- addressing --------------------------------------------------------------------------------------

  /** A member reference → its record (users: not purged); undefined when nothing matches. */
  private target(type: MemberType, ref: string): StoredRecord | undefined {
    if (type === "USER") return this.lookupUser(ref);
    return findByRef(this.store, TARGETS[type].kind, ref, TARGETS[type].keyField);
  }

  /** `{groupId}`: the ID or `externalKey:{key}` (keys are unique in the tenant). */
  private resolve(ref: string): StoredRecord | undefined {
    return this.target("GROUP", ref);
  }

  private locate(seg: string): StoredRecord {
    const rec = this.resolve(decodeSegment(ADDRESS, seg));
    if (!rec) throw new ApiError(404, "NOT_FOUND", "group not found");
    return rec;
  }

  /** Sub-resources take an optional domainId query (default: the token's domain); it must be a domain. */
  private locateIn(ctx: ApiContext, seg: string): StoredRecord {
    const domainId = intQuery(ctx.query, "domainId");
    if (domainId !== undefined) requireDomain(this.store, domainId);
    return this.locate(seg);
  }

  /** Groups of the query's domainId (default: the first domain), in creation order. */
  private inDomain(ctx: ApiContext): StoredRecord[] {
    const domainId = requireDomain(this.store, intQuery(ctx.query, "domainId") ?? this.store.defaultDomain);
    return this.store.all(GROUPS).filter((r) => r.data.domainId === domainId);
  }

  /** The stored members whose objects still exist, as resolved IDs. */
  private liveMembers(data: Obj): Member[] {
    return items(data.members).flatMap((m) => {
      const type = m.type as MemberType;
      const rec = MEMBER_TYPES.includes(type) && typeof m.id === "string" ? this.target(type, m.id) : undefined;
      return rec ? [{ id: rec.data[TARGETS[type].idField] as string, type }] : [];
    });
  }

  private liveAdministrators(data: Obj): Array<{ userId: string }> {
    return items(data.administrators).flatMap((a) => {
      const rec = typeof a.userId === "string" ? this.lookupUser(a.userId) : undefined;
      return rec ? [{ userId: rec.data.userId as string }] : [];
    });
  }

  // --- concurrency -------------------------------------------------------------------------------------

  /** Every addressing form of one group gives the same key; sub-resources share it. */
  private itemKey(seg: string): string | undefined {
    return itemKeyOf(GROUPS, ADDRESS, seg, (ref) => this.resolve(ref));
  }

  /** Two creates of one name (any case) in one domain collide. */
  private createKey(ctx: ApiContext): string | undefined {
    const b = ctx.body;
    return isPlainObject(b) && typeof b.groupName === "string" ? `groups:create:${String(b.domainId)}:${b.groupName.toLowerCase()}` : undefined;
  }

  // --- presentation ------------------------------------------------------------------------------------

  /** Every property, in documentation order; `lists` false leaves out members and administrators. */
  private present(data: Obj, lists = true): Obj {
    const out: Obj = {};
    for (const k of RESPONSE_ORDER) {
      if (!lists && LISTS.includes(k)) continue;
      if (k === "members") out[k] = this.presentMembers(data);
      else if (k === "administrators") out[k] = this.presentAdministrators(data);
      else if (ALLOWED.includes(k)) out[k] = this.presentUsers(data[k]);
      else out[k] = clone(data[k] ?? this.fields.find((f) => f.name === k)?.empty() ?? null);
    }
    // `typeShown: false` (seeded): no marker at all, as LINE WORKS documents none.
    if (GROUP_TYPES.includes(data.groupType as string) && data.typeShown !== false) out.groupType = data.groupType;
    return out;
  }

  /** `{id, type, externalKey}`: the user's, unit's or group's external key, null when none. */
  private presentMembers(data: Obj): Obj[] {
    return this.liveMembers(data).map((m) => ({ id: m.id, type: m.type, externalKey: this.target(m.type, m.id)?.data[TARGETS[m.type].keyField] ?? null }));
  }

  private presentAdministrators(data: Obj): Obj[] {
    return this.presentUsers(data.administrators);
  }

  /** `{userId, userExternalKey}` of the stored users that still exist. */
  private presentUsers(list: unknown): Obj[] {
    return items(list).flatMap((a) => {
      const rec = typeof a.userId === "string" ? this.lookupUser(a.userId) : undefined;
      return rec ? [{ userId: rec.data.userId as string, userExternalKey: rec.data.userExternalKey ?? null }] : [];
    });
  }

  // --- events from the other modules -------------------------------------------------------------------

  /** A force-deleted user leaves every group's members and administrators. */
  userRemoved(userId: string): void {
    this.drop("USER", [userId], true);
  }

  /** A move without preserveGroup true drops the user's memberships; administrator roles stay (unconfirmed). */
  userMoved(userId: string, preserveGroup: boolean): void {
    if (!preserveGroup) this.drop("USER", [userId], false);
  }

  /** Deleted units (a unit and its sub-units) leave every group's members. */
  orgUnitsRemoved(orgUnitIds: readonly string[]): void {
    this.drop("ORGUNIT", orgUnitIds, false);
  }

  /** Takes the objects out of every group's stored members (and users out of administrators). */
  private drop(type: MemberType, ids: readonly string[], administrators: boolean): void {
    const gone = new Set(ids);
    this.store.batch(() => {
      for (const r of this.store.all(GROUPS)) {
        const members = items(r.data.members);
        const admins = items(r.data.administrators);
        const keptMembers = members.filter((m) => !(m.type === type && gone.has(this.resolvedId(type, m.id))));
        const keptAdmins = administrators ? admins.filter((a) => !gone.has(this.resolvedId("USER", a.userId))) : admins;
        if (keptMembers.length === members.length && keptAdmins.length === admins.length) continue;
        this.store.replace(GROUPS, r.data.groupId as string, { ...r.data, members: keptMembers, administrators: keptAdmins });
      }
    });
  }

  /** A stored reference's ID (raw seeded ones such as emails resolved while their object exists). */
  private resolvedId(type: MemberType, ref: unknown): string {
    const rec = typeof ref === "string" ? this.target(type, ref) : undefined;
    return String(rec?.data[TARGETS[type].idField] ?? ref);
  }

  // --- out-of-band access for tests (Emulator.objects/seed/update/remove) ------------------------------

  /** Groups as GET presents them (with members and administrators), in creation order. */
  objects(_kind: GroupCollection, domainId?: number): Obj[] {
    return this.store.all(GROUPS).filter((r) => domainId === undefined || r.data.domainId === domainId).map((r) => this.present(r.data));
  }

  /**
   * Inserts without validation; missing fields get their defaults (domainId the first domain).
   * `groupType: "DYNAMIC" | "EXTERNAL"` makes one of the kinds the API cannot create; with
   * `typeShown: false` answers carry no marker of it (LINE WORKS documents none), and
   * `refusalStatus: 403` makes a dynamic group's member changes 403 FORBIDDEN instead of 400 (the
   * status is undocumented). Members and administrators are kept as given (references are
   * resolved when presented).
   */
  seed(_kind: GroupCollection, obj: Obj): Obj {
    if (obj.groupType !== undefined && !GROUP_TYPES.includes(obj.groupType as string)) {
      throw new Error(`groups: groupType must be one of ${GROUP_TYPES.join(", ")}`);
    }
    const groupId = typeof obj.groupId === "string" ? obj.groupId : newId("group");
    const data: Obj = { domainId: this.store.defaultDomain, ...clone(obj), groupId };
    for (const f of this.fields) if (data[f.name] === undefined) data[f.name] = f.empty();
    this.store.insert(GROUPS, groupId, data);
    return this.present(data);
  }

  /** Raw merge, e.g. `{members: [...]}` (a member added out of band) or a rename. */
  updateRaw(_kind: GroupCollection, id: string, patch: Obj): void {
    const rec = this.store.get(GROUPS, id);
    if (!rec) throw new Error(`groups ${id} does not exist`);
    this.store.replace(GROUPS, id, { ...rec.data, ...clone(patch), groupId: id });
  }

  /** Removes one record; other groups' references to it are no longer presented. */
  removeRaw(_kind: GroupCollection, id: string): void {
    if (!this.store.remove(GROUPS, id)) throw new Error(`groups ${id} does not exist`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const label = (r: StoredRecord) => `"${String(r.data.groupName)}" (${String(r.data.groupId)})`;

/** Refuses an operation on an external group (403) or a dynamic one (400, or 403 when seeded with `refusalStatus: 403`). */
function refuse(rec: StoredRecord, kind: "EXTERNAL" | "DYNAMIC", what: string): void {
  if (rec.data.groupType !== kind) return;
  if (kind === "EXTERNAL") throw new ApiError(403, "FORBIDDEN", `cannot ${what}`);
  const [status, code] = rec.data.refusalStatus === 403 ? [403, "FORBIDDEN"] : [400, "BAD_REQUEST"];
  throw new ApiError(status, code, `cannot ${what}: its members are computed from conditions`);
}

/** A mailing-list address: its shape only (something@somewhere); its rules are undocumented. */
function checkAddressShape(v: unknown, field: string): string {
  if (typeof v !== "string" || !/^[^@\s]+@[^@\s]+$/.test(v)) throw invalid(`${field}: must be an email address`);
  return v;
}

function checkAddresses(v: unknown, field: string): string[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  return v.map((e: unknown, i) => checkAddressShape(e, `${field}[${i}]`));
}

function checkType(v: unknown, field: string): MemberType {
  if (v === undefined || v === null) throw missing(field);
  if (!MEMBER_TYPES.includes(v as MemberType)) throw invalid(`${field}: must be one of ${MEMBER_TYPES.join(", ")}`);
  return v as MemberType;
}

/** An array of objects (the items of members and administrators). */
function checkItems(v: unknown, field: string): Obj[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  return v.map((e: unknown, i) => {
    if (!isPlainObject(e)) throw invalid(`${field}[${i}]: must be an object`);
    return e;
  });
}

/** Where the group is its own member, -1 nowhere (deeper cycles are not checked: unconfirmed). */
function selfIndex(members: Member[], groupId: unknown): number {
  return members.findIndex((m) => m.type === "GROUP" && m.id === groupId);
}

/** Index of the first value that appeared before; -1 when none did. */
function repeated(values: string[]): number {
  return values.findIndex((v, i) => values.indexOf(v) !== i);
}

/** The stored list's objects (raw records may lack it). */
function items(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isPlainObject) : [];
}

/** A page of a member or administrator list; the cursor is a position in the list. */
function listPage(key: string, rows: Obj[], query: URLSearchParams): ApiResult {
  const page = keysetPage(rows.map((row, i) => ({ row, i })), (e) => [e.i], query);
  return { status: 200, body: { [key]: page.items.map((e) => e.row), responseMetaData: { nextCursor: page.nextCursor } } };
}
