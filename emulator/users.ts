// The `/users` collection (member / メンバー): create, read, list, PUT / PATCH, soft delete,
// undelete, force delete, suspend / unsuspend and move between domains. Facts from
// /work/shared/lineworks-api/users.md; choices the docs leave open are marked "unconfirmed".
//
// A user's teams, level and positions are written on the user (`organizations[]`); the org-unit
// module reads this module's raw records to list a unit's members. Stored references are the
// resolved IDs; the echoes (names, external keys, e-mails of the referenced objects) are derived
// when a user is presented, so renames show at once.
//
// Like directory.ts, validation is written by hand and never shares the provider's code.
// `passwordConfig.password` is never stored, presented, logged or quoted in an error.
import {
  ApiContext, ApiError, ApiModule, ApiResult, MatchOutcome, OrderingRule, RouteMatch,
  intQuery, isPlainObject, requireDomain,
} from "./api";
import {
  ExternalKeyBulk, FieldDecl, LANGUAGES, buildValues, checkBoolean, checkNameChars, checkI18nLanguage, checkInt32, checkString, clone, declOf, decodeSegment, EXTERNAL_KEY_PREFIX, externalKeyOf, externalKeyRoute, findByRef,
  invalid, keysetPage, length, missing, newId, requireBody,
} from "./directory";
import { customValuesOf, presentedValues } from "./customProperties";
import { type AddressRule, checkAddress, checkAddressList, memberships, organizations as orgsOf, unitsOf } from "./orgunits";
import type { Store, StoredRecord } from "./store";
import {
  awaiting, checkCalendarType, checkMessenger, checkRelations, DEFAULT_TRANSITION, type MessengerTransition, presentMessenger, presentRelations, refuseSelfRelation,
} from "./userRecord";

type Obj = Record<string, unknown>;

/** Store collection of this module (test controls address it by this name). */
export type UserCollection = "users";

const USERS = "users";
const READ_SCOPES = ["user", "user.read", "directory", "directory.read"] as const;
const WRITE_SCOPES = ["user", "directory"] as const;
const ADDRESS = { idField: "userId" };
/** Soft-deleted users are purged this long after their deletion (docs: 7 days). */
export const PURGE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Field validators

/**
 * Login addresses: at most 90 characters; the part before `@` 2..40 characters of
 * `a-z 0-9 . - _`, starting with a letter or digit, no leading, trailing or consecutive dots.
 * Upper case is accepted and stored in lower case. Reserved local parts (admin…) are not modelled.
 */
const LOGIN_ADDRESS: AddressRule = { maxLocal: 40, chars: /^[a-z0-9._-]+$/, charsText: "a-z 0-9 . - _", first: /^[a-z0-9]/, firstText: "a-z or 0-9" };
const checkLoginEmail = (v: unknown, field: string) => checkAddress(v, field, LOGIN_ADDRESS);

/** A private (outside) address: at most 256 characters, local part ≤ 64, host ≤ 253. Kept as given. */
function checkPrivateEmail(v: unknown, field: string): string {
  const s = checkString(v, field, 256);
  const at = s.lastIndexOf("@");
  const local = s.slice(0, Math.max(at, 0));
  const host = s.slice(at + 1);
  const atext = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
  if (at < 1 || local.length > 64 || !atext.test(local) || host.length > 253
    || !/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(host)) {
    throw invalid(`${field}: must be a valid mail address (local part at most 64 characters, domain at most 253)`);
  }
  return s;
}


/**
 * The half-width specials allowed in person names (doc: user-get): the names' list and `# ' ` ^ ~`.
 * Other characters pass as in every name (full-width punctuation such as ・ included).
 */
const PERSON_SPECIALS = new Set("!@&()-_+[]{},./#'`^~");

function checkPersonName(v: unknown, field: string, max: number): string {
  return checkNameChars(checkString(v, field, max), field, PERSON_SPECIALS);
}

/** The katakana block (ァ-ヿ, with ・ and the long vowel mark) and spaces. */
function checkKatakana(v: unknown, field: string): string {
  const s = checkString(v, field, 100);
  if (!/^[\u30A0-\u30FF \u3000]+$/.test(s)) throw invalid(`${field}: only full-width katakana is allowed`);
  return s;
}

const USER_NAME_PARTS = ["lastName", "firstName", "phoneticLastName", "phoneticFirstName"] as const;

/** `{lastName, firstName, phoneticLastName, phoneticFirstName}`: at least one of last/first, together ≤ 80. */
function checkUserName(v: unknown, field: string): Obj {
  if (!isPlainObject(v)) throw invalid(`${field}: must be an object`);
  const out: Obj = {};
  for (const k of USER_NAME_PARTS) {
    const at = `${field}.${k}`;
    const x = v[k];
    if (x === undefined || x === null) out[k] = null;
    else out[k] = k.startsWith("phonetic") ? checkKatakana(x, at) : checkPersonName(x, at, 80);
  }
  if (out.lastName === null && out.firstName === null) throw missing(`${field}.lastName`);
  const both = length(String(out.lastName ?? "")) + length(String(out.firstName ?? ""));
  if (both > 80) throw invalid(`${field}: lastName and firstName together must be at most 80 characters`);
  return out;
}

/** Items `{language, firstName?, lastName?}`, one per language (a repeat is refused, unconfirmed). */
function checkUserI18nNames(v: unknown, field: string): Obj[] {
  const seen = new Set<string>();
  return checkArray(v, field, 100).map((e, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(e)) throw invalid(`${at}: must be an object`);
    const language = checkI18nLanguage(e, at, seen);
    const name = (k: string) => (e[k] === undefined || e[k] === null ? null : checkPersonName(e[k], `${at}.${k}`, 100));
    return { language, firstName: name("firstName"), lastName: name("lastName") };
  });
}

function checkArray(v: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  if (v.length > max) throw invalid(`${field}: must have at most ${max} entries`);
  return v;
}

const checkAliasEmails = (v: unknown, field: string) => checkAddressList(v, field, 10, LOGIN_ADDRESS);

function checkPhone(v: unknown, field: string): string {
  const s = checkString(v, field, 100);
  if (!/^(?=.*[0-9])[0-9+\-*#PTpt()\u3000]{0,100}$/.test(s)) {
    throw invalid(`${field}: must contain a digit and only 0-9 + - * # P T p t ( ) or a full-width space`);
  }
  return s;
}

function checkDate(v: unknown, field: string): string {
  const s = checkString(v, field, 10);
  const d = new Date(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
    throw invalid(`${field}: must be a date YYYY-MM-DD`);
  }
  return s;
}

/** `YYYY-MM-DDThh:mm:ssTZD`, max 25. */
function checkDateTime(v: unknown, field: string): string {
  const s = checkString(v, field, 25);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/.test(s) || Number.isNaN(Date.parse(s))) {
    throw invalid(`${field}: must be a date-time YYYY-MM-DDThh:mm:ssTZD`);
  }
  return s;
}

function checkLocale(v: unknown, field: string): string {
  if (typeof v === "string" && LANGUAGES.includes(v)) return v;
  const underscore = typeof v === "string" ? v.replace("-", "_") : "";
  if (LANGUAGES.includes(underscore)) throw invalid(`${field}: write ${underscore} (with an underscore), not ${String(v)}`);
  throw invalid(`${field}: must be one of ${LANGUAGES.join(", ")}`);
}

/** A plausible IANA zone ID (`Area/City`, `Area/Sub/City`, `UTC`); the zone list itself is not checked. */
function checkTimeZone(v: unknown, field: string): string {
  const s = checkString(v, field, 100);
  if (s !== "UTC" && !/^[A-Z][A-Za-z]+(\/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2}$/.test(s)) {
    throw invalid(`${field}: must be an IANA time zone such as Asia/Tokyo or UTC`);
  }
  return s;
}

const text = (max: number, min = 1) => (v: unknown, field: string) => checkString(v, field, max, min);

// ---------------------------------------------------------------------------------------------
// Declarations

const opt = (name: string, check: FieldDecl["check"], empty: () => unknown = () => null): FieldDecl =>
  ({ name, create: "optional", put: "optional", nullable: true, empty, check });
const req = (name: string, check: FieldDecl["check"], empty: () => unknown): FieldDecl =>
  ({ name, create: "required", put: "required", nullable: false, empty, check });

/** Fields handled by buildValues; domainId, organizations and passwordConfig are handled apart. */
const PLAIN_FIELDS: FieldDecl[] = [
  req("email", checkLoginEmail, () => null),
  externalKeyOf("userExternalKey"),
  req("userName", checkUserName, () => ({ lastName: null, firstName: null, phoneticLastName: null, phoneticFirstName: null })),
  opt("i18nNames", checkUserI18nNames, () => []),
  opt("nickName", (v, f) => checkPersonName(v, f, 100)),
  opt("privateEmail", checkPrivateEmail),
  opt("aliasEmails", checkAliasEmails, () => []),
  { name: "searchable", create: "optional", put: "optional", nullable: false, empty: () => true, check: checkBoolean },
  opt("telephone", checkPhone),
  opt("cellPhone", checkPhone),
  opt("location", text(100)),
  opt("task", text(100)),
  opt("locale", checkLocale),
  opt("timeZone", checkTimeZone),
  opt("employeeNumber", text(20)),
  opt("hiredDate", checkDate),
  opt("birthday", checkDate),
  opt("activationDate", checkDateTime),
];

/** Read-only state flags and their values for a user that never had them set. */
const STATE_DEFAULTS: Obj = {
  isAdministrator: false, isPending: false, isSuspended: false, suspendedReason: null, isDeleted: false,
  isAwaiting: false, leaveOfAbsence: null,
};

/** A reference to a directory object of another collection, resolved by ID or `externalKey:{key}`. */
interface RefKind { kind: string; idField: string; keyField: string; label: string; perDomain: boolean }
const refKind = (kind: "positions" | "levels" | "userTypes" | "employmentTypes"): RefKind => {
  const d = declOf(kind);
  return { kind, idField: d.idField, keyField: d.externalKeyField, label: d.label, perDomain: d.keyScope === "domain" };
};
const UNIT_REF: RefKind = { kind: "orgUnits", idField: "orgUnitId", keyField: "orgUnitExternalKey", label: "org unit", perDomain: true };
const POSITION_REF = refKind("positions");
const LEVEL_REF = refKind("levels");
const USER_TYPE_REF = refKind("userTypes");
const EMPLOYMENT_TYPE_REF = refKind("employmentTypes");

// ---------------------------------------------------------------------------------------------
// Handler

type Mode = "create" | "put" | "patch";

/** What other collections do when a user goes or moves (server.ts wires in the groups). */
export interface UserEvents {
  /** The user was force-deleted. */
  userRemoved(userId: string): void;
  /** The user moved to another domain; preserveGroup as sent (default false). */
  userMoved(userId: string, preserveGroup: boolean): void;
}

const NO_EVENTS: UserEvents = { userRemoved: () => {}, userMoved: () => {} };

/**
 * "At most 10 member creates per second per domain" (API 1.0's recommendation for the member-add
 * API only; other member writes are not under it): recorded, not refused.
 */
export const MEMBER_CREATES = { sequence: "member create", limit: 10, windowMs: 1000 } as const;

export class UsersModule implements ApiModule {
  private readonly createOrdering: OrderingRule = {
    ...MEMBER_CREATES,
    domain: (c) => {
      const d = isPlainObject(c.body) ? c.body.domainId : undefined;
      return typeof d === "number" && this.store.hasDomain(d) ? d : this.store.defaultDomain;
    },
  };

  constructor(private readonly store: Store, private readonly now: () => number = Date.now, private readonly events: UserEvents = NO_EVENTS,
    private readonly messenger: MessengerTransition = DEFAULT_TRANSITION) {}

  match(method: string, path: string): MatchOutcome {
    const m = /^\/users(?:\/([^/]+)(?:\/(forcedelete|undelete|suspend|unsuspend|move))?)?$/.exec(path);
    if (!m) return undefined;
    const [, seg, action] = m;
    const route = (api: string, scopes: readonly string[], execute: (c: ApiContext) => ApiResult,
      objectKey: (c: ApiContext) => string | undefined): RouteMatch => ({ api, scopes, execute, objectKey });

    if (seg === undefined) {
      if (method === "GET") return route("GET /users", READ_SCOPES, (c) => this.list(c), () => undefined);
      if (method === "POST") {
        return { ...route("POST /users", WRITE_SCOPES, (c) => this.create(c), (c) => this.createKey(c)), ordered: this.createOrdering };
      }
      return { methodNotAllowed: `${method} /users` };
    }
    if (seg === "external-keys" && action === undefined) return externalKeyRoute(this.store, this.keyBulk, method);
    const key = () => this.itemKey(seg);
    if (action !== undefined) {
      const api = `${method} /users/{id}/${action}`;
      const wanted = action === "forcedelete" ? "DELETE" : "POST";
      if (method !== wanted) return { methodNotAllowed: api };
      const run: Record<string, () => ApiResult> = {
        forcedelete: () => this.forceDelete(seg),
        undelete: () => this.undelete(seg),
        suspend: () => this.suspend(seg, true),
        unsuspend: () => this.suspend(seg, false),
      };
      return route(api, WRITE_SCOPES, (c) => (action === "move" ? this.move(c, seg) : run[action]()), key);
    }
    const api = `${method} /users/{id}`;
    switch (method) {
      case "GET": return route(api, READ_SCOPES, () => ({ status: 200, body: this.present(this.locate(seg).data) }), key);
      case "PUT": return route(api, WRITE_SCOPES, (c) => this.update(c, seg, "put"), key);
      case "PATCH": return route(api, WRITE_SCOPES, (c) => this.update(c, seg, "patch"), key);
      case "DELETE": return route(api, WRITE_SCOPES, () => this.softDelete(seg), key);
      default: return { methodNotAllowed: api };
    }
  }

  // --- operations ------------------------------------------------------------------------------

  /** Users whose primary domain is the given one, not deleted, in creation order. */
  private list(ctx: ApiContext): ApiResult {
    const domainId = requireDomain(this.store, intQuery(ctx.query, "domainId") ?? this.store.defaultDomain);
    const rows = this.visible().filter((r) => r.data.domainId === domainId && r.data.isDeleted !== true);
    const page = keysetPage(rows, (r) => [r.seq], ctx.query);
    return { status: 200, body: { users: page.items.map((r) => this.present(r.data)), responseMetaData: { nextCursor: page.nextCursor } } };
  }

  private create(ctx: ApiContext): ApiResult {
    const body = requireBody(ctx.body);
    if (body.domainId === undefined || body.domainId === null) throw missing("domainId");
    const domainId = requireDomain(this.store, checkInt32(body.domainId, "domainId"));
    const values = this.values(body, "create", { domainId });
    const passwordConfig = this.checkPasswordConfig(body.passwordConfig, values);
    const userId = newId("user");
    this.checkUnique(values, userId);
    // Not SSO: every created user waits for the first login (pending) until a test says otherwise.
    const data: Obj = { userId, domainId, ...values, ...STATE_DEFAULTS, isPending: true, passwordConfig };
    this.store.batch(() => {
      this.store.insert(USERS, userId, data);
      this.oneLeaderPerUnit(data);
    });
    return { status: 201, body: this.present(data) };
  }

  /** PUT replaces (omitted optional fields are cleared), PATCH merges top-level fields. */
  private update(ctx: ApiContext, seg: string, mode: "put" | "patch"): ApiResult {
    const rec = this.locateWritable(seg);
    const body = requireBody(ctx.body);
    const domainId = rec.data.domainId as number;
    if (mode === "put" && (body.domainId === undefined || body.domainId === null)) throw missing("domainId");
    if (body.domainId !== undefined && checkInt32(body.domainId, "domainId") !== domainId) {
      throw invalid(`domainId: the user belongs to domain ${domainId}; use POST /users/{userId}/move to move a user to another domain`);
    }
    const values = this.values(body, mode, rec.data);
    this.checkUnique(values, rec.data.userId as string);
    return this.save(rec, values, 200);
  }

  /**
   * Soft delete: the user stays readable (isDeleted true) for 7 days and keeps its email and
   * external key, but is gone from lists and from org units' members.
   */
  private softDelete(seg: string): ApiResult {
    const rec = this.locate(seg);
    if (rec.data.isDeleted === true) throw notFound();
    this.refuseAdministrator(rec, "deleted");
    this.store.replace(USERS, rec.data.userId as string, { ...rec.data, isDeleted: true, deletedAt: this.now() });
    return { status: 204 };
  }

  private forceDelete(seg: string): ApiResult {
    const rec = this.locate(seg);
    this.refuseAdministrator(rec, "deleted");
    const userId = rec.data.userId as string;
    this.store.batch(() => {
      this.store.remove(USERS, userId);
      this.events.userRemoved(userId);
    });
    return { status: 204 };
  }

  /**
   * Within 7 days of a soft delete. Memberships of org units deleted meanwhile are dropped, and a
   * unit that got another leader keeps it (both unconfirmed).
   */
  private undelete(seg: string): ApiResult {
    const rec = this.find(decodeSegment(ADDRESS, seg), true);
    if (!rec) throw notFound();
    if (rec.data.isDeleted !== true) throw invalid(`user ${label(rec)} is not deleted, so it cannot be undeleted`);
    if (this.expired(rec.data)) {
      throw invalid(`user ${label(rec)} was deleted more than 7 days ago and has been purged; it cannot be undeleted`);
    }
    const organizations = orgsOf(rec.data).map((o) => ({
      ...o,
      orgUnits: unitsOf(o)
        .filter((u) => this.store.get(UNIT_REF.kind, u.orgUnitId as string))
        .map((u) => ({ ...u, isManager: u.isManager === true && !this.leaderOf(u.orgUnitId as string, rec.data.userId) })),
    }));
    const data: Obj = { ...rec.data, organizations, isDeleted: false };
    delete data.deletedAt;
    this.store.replace(USERS, rec.data.userId as string, data);
    return { status: 200, body: this.present(data) };
  }

  /** Only a user "in use" (not pending) and never the super admin can be suspended. */
  private suspend(seg: string, on: boolean): ApiResult {
    const rec = this.locateWritable(seg);
    if (on && rec.data.isPending === true) {
      throw invalid(`user ${label(rec)} has not logged in yet (pending); only members in use (who have logged in) can be suspended`);
    }
    if (on && rec.data.isSuperAdmin === true) throw invalid(`user ${label(rec)} is the super administrator and cannot be suspended`);
    this.store.replace(USERS, rec.data.userId as string, { ...rec.data, isSuspended: on, suspendedReason: on ? "MASTER" : null });
    return { status: 204 };
  }

  /**
   * `{organizations (min 1), userExternalKey?, preserveGroup?}`: the primary organization's domain
   * becomes the user's domain and its `email` (when given) the login address. The external key
   * follows the documented precedence: root > primary organization's > first organization's; with
   * none of them the key is kept (unconfirmed). Unless preserveGroup is true the user leaves every
   * group's members (the events' listener does it); administrator roles stay (unconfirmed).
   */
  private move(ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locateWritable(seg);
    if (rec.data.isSuperAdmin === true) throw invalid(`user ${label(rec)} is the super administrator and cannot be moved`);
    const body = requireBody(ctx.body);
    if (body.organizations === undefined || body.organizations === null) throw missing("organizations");
    if (Array.isArray(body.organizations) && body.organizations.length === 0) throw invalid("organizations: must have at least 1 entry");
    const preserveGroup = body.preserveGroup !== undefined && checkBoolean(body.preserveGroup, "preserveGroup");
    const organizations = this.checkOrganizations(body.organizations, "organizations");
    const primary = organizations.find((o) => o.primary)!;
    const domainId = primary.domainId as number;
    if (domainId === rec.data.domainId) {
      throw invalid(`organizations: the primary organization is in domain ${domainId}, where the user already is; a move needs another domain`);
    }
    const raw = body.organizations as Obj[];
    const keySource = [body.userExternalKey, raw[organizations.indexOf(primary)]?.userExternalKey, raw[0]?.userExternalKey]
      .find((k) => k !== undefined);
    const values: Obj = {
      domainId, organizations,
      email: primary.email ?? rec.data.email,
      userExternalKey: keySource === undefined ? rec.data.userExternalKey ?? null
        : keySource === null ? null : externalKeyOf("userExternalKey").check(keySource, "userExternalKey"),
    };
    this.checkUnique({ ...rec.data, ...values }, rec.data.userId as string);
    return this.store.batch(() => {
      const result = this.save(rec, values, 200);
      this.events.userMoved(rec.data.userId as string, preserveGroup);
      return result;
    });
  }

  // --- values and rules ------------------------------------------------------------------------------

  /** Validated field values of a create, PUT or PATCH body (current = stored user, or {domainId}). */
  private values(body: Obj, mode: Mode, current: Obj): Obj {
    const values = buildValues({ fields: this.fields }, body, mode, current);
    const domainId = current.domainId as number;
    let orgs: Obj[];
    if (mode === "patch" && body.organizations === undefined) orgs = orgsOf(current);
    else if (body.organizations === undefined || body.organizations === null) orgs = [];
    else orgs = this.checkOrganizations(body.organizations, "organizations");
    // Omitted (create, PUT), null or [] → one entry for the primary domain (as the service fills it).
    values.organizations = orgs.length > 0 ? orgs : [{ domainId, primary: true, email: null, levelId: null, orgUnits: [] }];
    const primary = (values.organizations as Obj[]).find((o) => o.primary === true);
    if (primary && primary.domainId !== domainId) {
      const i = (values.organizations as Obj[]).indexOf(primary);
      throw invalid(`organizations[${i}].domainId: the primary organization must be in the user's domain ${domainId}, not ${String(primary.domainId)}`);
    }
    refuseSelfRelation(values.relations, current.userId);
    values.customProperties = customValuesOf(this.store, body, mode, current, domainId);
    const aliases = values.aliasEmails as string[];
    if (aliases.includes(values.email as string)) throw invalid(`aliasEmails: "${String(values.email)}" is the user's own email`);
    return values;
  }

  /** buildValues' fields, with the user-type references resolved against the store. */
  private readonly fields: FieldDecl[] = [
    ...PLAIN_FIELDS,
    opt("userTypeId", (v, f) => this.ref(USER_TYPE_REF, v, f)),
    opt("employmentTypeId", (v, f) => this.ref(EMPLOYMENT_TYPE_REF, v, f)),
    opt("birthdayCalendarType", checkCalendarType),
    opt("messenger", (v, f) => checkMessenger(v, f, this.messenger, this.now())),
    opt("relations", (v, f) => checkRelations(v, f, (id) => this.visible().find((r) => r.data.userId === id)?.data), () => []),
  ];

  /**
   * One entry per domain (at most one primary; none → the first), each with at most 30 org units
   * of its domain (at most one primary; none → the first; no unit twice). References resolve to IDs.
   */
  private checkOrganizations(v: unknown, field: string): Obj[] {
    const seen = new Set<number>();
    const orgs = checkArray(v, field, 100).map((e, i) => {
      const at = `${field}[${i}]`;
      if (!isPlainObject(e)) throw invalid(`${at}: must be an object`);
      if (e.domainId === undefined || e.domainId === null) throw missing(`${at}.domainId`);
      const domainId = requireDomain(this.store, checkInt32(e.domainId, `${at}.domainId`), `${at}.domainId`);
      if (seen.has(domainId)) throw invalid(`${at}.domainId: domain ${domainId} appears more than once`);
      seen.add(domainId);
      if (e.userExternalKey !== undefined && e.userExternalKey !== null) externalKeyOf("").check(e.userExternalKey, `${at}.userExternalKey`);
      const unitsAt = `${at}.orgUnits`;
      const units = e.orgUnits === undefined || e.orgUnits === null ? [] : checkArray(e.orgUnits, unitsAt, 30).map((u, j) =>
        this.checkOrgUnitEntry(u, `${unitsAt}[${j}]`, domainId));
      const twice = units.findIndex((u, j) => units.findIndex((x) => x.orgUnitId === u.orgUnitId) !== j);
      if (twice >= 0) throw invalid(`${unitsAt}[${twice}].orgUnitId: org unit ${String(units[twice].orgUnitId)} appears more than once`);
      return {
        domainId,
        primary: optionalBoolean(e.primary, `${at}.primary`, false),
        email: e.email === undefined || e.email === null ? null : checkLoginEmail(e.email, `${at}.email`),
        levelId: this.ref(LEVEL_REF, e.levelId, `${at}.levelId`, domainId),
        orgUnits: onePrimary(units, unitsAt),
      };
    });
    return onePrimary(orgs, field);
  }

  private checkOrgUnitEntry(u: unknown, at: string, domainId: number): Obj {
    if (!isPlainObject(u)) throw invalid(`${at}: must be an object`);
    if (u.orgUnitId === undefined || u.orgUnitId === null) throw missing(`${at}.orgUnitId`);
    return {
      orgUnitId: this.ref(UNIT_REF, u.orgUnitId, `${at}.orgUnitId`, domainId),
      primary: optionalBoolean(u.primary, `${at}.primary`, false),
      positionId: this.ref(POSITION_REF, u.positionId, `${at}.positionId`, domainId),
      isManager: optionalBoolean(u.isManager, `${at}.isManager`, false),
      visible: optionalBoolean(u.visible, `${at}.visible`, true),
      useTeamFeature: optionalBoolean(u.useTeamFeature, `${at}.useTeamFeature`, true),
    };
  }

  /**
   * Resolves an ID or `externalKey:{key}` of another collection to the stored ID; null/absent →
   * null. Per-domain kinds (org units, positions, levels) must be of the organization's domain. An
   * unknown reference is a bad parameter value (400), although a community note says the real
   * API may accept it.
   */
  private ref(k: RefKind, v: unknown, field: string, domainId?: number): string | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== "string" || v === "") throw invalid(`${field}: must be a non-empty string`);
    const inDomain = (d: Obj) => !k.perDomain || domainId === undefined || d.domainId === domainId;
    const rec = findByRef(this.store, k.kind, v, k.keyField, inDomain);
    if (!rec || !inDomain(rec.data)) {
      throw invalid(`${field}: ${k.label} ${v} does not exist${k.perDomain && domainId !== undefined ? ` in domain ${domainId}` : ""}`);
    }
    return rec.data[k.idField] as string;
  }

  /**
   * `passwordConfig` of a create: ADMIN needs `password`, MEMBER (default) needs `privateEmail`.
   * Only the creation type is kept; the password is dropped here.
   */
  private checkPasswordConfig(v: unknown, values: Obj): Obj {
    const pc = v === undefined || v === null ? {} : v;
    if (!isPlainObject(pc)) throw invalid("passwordConfig: must be an object");
    const type = pc.passwordCreationType ?? "MEMBER";
    if (type !== "ADMIN" && type !== "MEMBER") throw invalid("passwordConfig.passwordCreationType: must be ADMIN or MEMBER");
    if (pc.changePasswordAtNextLogin !== undefined) checkBoolean(pc.changePasswordAtNextLogin, "passwordConfig.changePasswordAtNextLogin");
    if (type === "ADMIN") {
      if (pc.password === undefined || pc.password === null) throw missing("passwordConfig.password");
      if (typeof pc.password !== "string" || pc.password === "") throw invalid("passwordConfig.password: must be a non-empty string");
    } else if (values.privateEmail === null) {
      throw invalid("privateEmail: required when passwordConfig.passwordCreationType is MEMBER (the invitation is sent there)");
    }
    return { passwordCreationType: type };
  }

  /**
   * Tenant-wide: the login email (case-insensitive, stored lower case) and the external key. A
   * soft-deleted user keeps both until purged (unconfirmed; see users.md).
   */
  private checkUnique(values: Obj, selfId: string): void {
    const others = this.visible().filter((r) => r.data.userId !== selfId);
    const clash = (field: string, value: unknown, holder: StoredRecord | undefined) => {
      if (!holder) return;
      const deleted = holder.data.isDeleted === true
        ? " by a deleted member (it is held until the member is purged 7 days after deletion; undelete that member or use another value)"
        : "";
      throw new ApiError(409, "ALREADY_EXIST", `${field}: "${String(value)}" is already used${deleted || ` by user ${label(holder)}`}`);
    };
    clash("email", values.email, others.find((r) => String(r.data.email).toLowerCase() === values.email));
    const key = values.userExternalKey;
    if (key !== null && key !== undefined) clash("userExternalKey", key, others.find((r) => r.data.userExternalKey === key));
  }

  private refuseAdministrator(rec: StoredRecord, what: string): void {
    if (rec.data.isAdministrator === true || rec.data.isSuperAdmin === true) {
      throw invalid(`user ${label(rec)} is an administrator; administrators cannot be ${what}`);
    }
  }

  /** Stores the merged user and unsets other leaders of the units it now leads. */
  private save(rec: StoredRecord, values: Obj, status: number): ApiResult {
    const data = { ...rec.data, ...values };
    this.store.batch(() => {
      this.store.replace(USERS, rec.data.userId as string, data);
      this.oneLeaderPerUnit(data);
    });
    return { status, body: this.present(data) };
  }

  /** "Setting isManager replaces the unit's existing leader": one leader per unit. */
  private oneLeaderPerUnit(user: Obj): void {
    const led = new Set(memberships(user).filter((u) => u.isManager === true).map((u) => u.orgUnitId));
    if (led.size === 0) return;
    for (const r of this.store.all(USERS)) {
      if (r.data.userId === user.userId || !memberships(r.data).some((u) => u.isManager === true && led.has(u.orgUnitId))) continue;
      const organizations = orgsOf(r.data).map((o) => ({
        ...o, orgUnits: unitsOf(o).map((u) => (led.has(u.orgUnitId) ? { ...u, isManager: false } : u)),
      }));
      this.store.replace(USERS, r.data.userId as string, { ...r.data, organizations });
    }
  }

  private leaderOf(orgUnitId: string, exceptUserId: unknown): boolean {
    return this.visible().some((r) => r.data.userId !== exceptUserId && r.data.isDeleted !== true
      && memberships(r.data).some((u) => u.orgUnitId === orgUnitId && u.isManager === true));
  }

  /**
   * `POST/GET /users/external-keys`: tenant-unique keys (a soft-deleted member still holds its key
   * until purged, as on create); an item's id may be the ID, the login email or `externalKey:`.
   * Listed like GET /users (primary domain, not deleted); a deleted member's key cannot be changed
   * (400, as any other write on it). The entry's name is "lastName firstName" (unconfirmed).
   */
  private readonly keyBulk: ExternalKeyBulk = {
    path: "/users/external-keys", kind: USERS, listKey: "users", label: "user",
    idField: "userId", keyField: "userExternalKey", keyScope: "tenant",
    name: (d) => {
      const n = isPlainObject(d.userName) ? d.userName : {};
      return [n.lastName, n.firstName].filter((p) => typeof p === "string" && p !== "").join(" ");
    },
    email: (d) => d.email,
    rows: (domainId) => this.visible().filter((r) => r.data.domainId === domainId && r.data.isDeleted !== true).map((rec) => ({ rec, key: [rec.seq] })),
    holders: () => this.visible(),
    resolve: (ref) => this.find(ref),
    requireWritable: refuseDeleted,
    describe: label,
  };

  // --- addressing --------------------------------------------------------------------------------------

  /** A soft delete older than 7 days counts as purged. */
  private expired(data: Obj): boolean {
    return data.isDeleted === true && typeof data.deletedAt === "number" && this.now() - data.deletedAt >= PURGE_AFTER_MS;
  }

  /** Every user that is not purged, in creation order. */
  private visible(): StoredRecord[] {
    return this.store.all(USERS).filter((r) => !this.expired(r.data));
  }

  /** `{userId}`: the ID, the login email (any case) or `externalKey:{key}`; purged users only when asked. */
  private find(ref: string, withPurged = false): StoredRecord | undefined {
    const pool = withPurged ? this.store.all(USERS).sort((a, b) => Number(this.expired(a.data)) - Number(this.expired(b.data))) : this.visible();
    if (ref.startsWith(EXTERNAL_KEY_PREFIX)) {
      const key = ref.slice(EXTERNAL_KEY_PREFIX.length);
      return pool.find((r) => r.data.userExternalKey === key);
    }
    if (ref.includes("@")) return pool.find((r) => typeof r.data.email === "string" && r.data.email.toLowerCase() === ref.toLowerCase());
    return pool.find((r) => r.data.userId === ref);
  }

  /** A user by ID, login email or `externalKey:{key}` (soft-deleted ones too, purged ones not). */
  lookup(ref: string): StoredRecord | undefined {
    return this.find(ref);
  }

  private locate(seg: string): StoredRecord {
    const rec = this.find(decodeSegment(ADDRESS, seg));
    if (!rec) throw notFound();
    return rec;
  }

  /** Writes (PUT, PATCH, suspend, unsuspend, move) on a soft-deleted user are refused. */
  private locateWritable(seg: string): StoredRecord {
    const rec = this.locate(seg);
    refuseDeleted(rec);
    return rec;
  }

  /** Every addressing form of one user gives the same key: its userId. */
  private itemKey(seg: string): string | undefined {
    try {
      const ref = decodeSegment(ADDRESS, seg);
      return `users:${String(this.find(ref, true)?.data.userId ?? ref.toLowerCase())}`;
    } catch {
      return undefined;
    }
  }

  /** Two creates of one login email collide. */
  private createKey(ctx: ApiContext): string | undefined {
    const email = isPlainObject(ctx.body) ? ctx.body.email : undefined;
    return typeof email === "string" ? `users:create:${email.toLowerCase()}` : undefined;
  }

  // --- presentation ------------------------------------------------------------------------------------

  /** Every property of the User object, in documentation order; echoes derived from the references. */
  private present(data: Obj): Obj {
    const get = (k: RefKind, id: unknown) => (typeof id === "string" ? this.store.get(k.kind, id)?.data : undefined);
    const userType = get(USER_TYPE_REF, data.userTypeId);
    const employmentType = get(EMPLOYMENT_TYPE_REF, data.employmentTypeId);
    const field = (f: FieldDecl) => clone(data[f.name] ?? f.empty());
    const out: Obj = { userId: data.userId, domainId: data.domainId ?? null };
    for (const f of this.fields) {
      out[f.name] = f.name === "userName" ? { ...(field(f) as Obj) } : field(f);
      // A value whose object is gone (deleted, or its switch turned off) is gone too, as in LINE WORKS.
      if (f.name === "userTypeId" && !userType) out.userTypeId = null;
      if (f.name === "employmentTypeId" && !employmentType) out.employmentTypeId = null;
      if (f.name === "userTypeId") {
        Object.assign(out, { userTypeExternalKey: userType?.userTypeExternalKey ?? null, userTypeName: userType?.userTypeName ?? null, userTypeCode: userType?.userTypeCode ?? null });
      }
      if (f.name === "employmentTypeId") {
        Object.assign(out, { employmentTypeExternalKey: employmentType?.employmentTypeExternalKey ?? null, employmentTypeName: employmentType?.employmentTypeName ?? null });
      }
    }
    out.customProperties = presentedValues(this.store, data);
    for (const k of USER_NAME_PARTS) (out.userName as Obj)[k] ??= null;
    out.organizations = orgsOf(data).map((o) => {
      const level = get(LEVEL_REF, o.levelId);
      return {
        domainId: o.domainId, primary: o.primary === true, email: o.email ?? null, levelId: level ? o.levelId : null,
        levelExternalKey: level?.levelExternalKey ?? null, levelName: level?.levelName ?? null, executive: level?.executive ?? null,
        organizationName: null, // the emulator has no domain names (unconfirmed value)
        orgUnits: unitsOf(o).map((u) => {
          const unit = get(UNIT_REF, u.orgUnitId);
          const position = get(POSITION_REF, u.positionId);
          return {
            orgUnitId: u.orgUnitId, orgUnitExternalKey: unit?.orgUnitExternalKey ?? null, orgUnitName: unit?.orgUnitName ?? null,
            orgUnitEmail: unit?.email ?? null, primary: u.primary === true, positionId: position ? u.positionId : null,
            positionExternalKey: position?.positionExternalKey ?? null, positionName: position?.positionName ?? null,
            isManager: u.isManager === true, visible: u.visible !== false, useTeamFeature: u.useTeamFeature !== false,
          };
        }),
      };
    });
    const order = ["userId", "domainId", "email", "userExternalKey", "userName", "i18nNames", "nickName", "privateEmail", "aliasEmails",
      "userTypeId", "userTypeExternalKey", "userTypeName", "userTypeCode", "employmentTypeId", "employmentTypeExternalKey",
      "employmentTypeName", "searchable", "organizations"];
    const sorted: Obj = {};
    for (const k of [...order, ...Object.keys(out)]) if (!(k in sorted)) sorted[k] = out[k];
    for (const [k, d] of Object.entries(STATE_DEFAULTS)) sorted[k] = clone(data[k] ?? d);
    sorted.messenger = presentMessenger(data.messenger, this.messenger, this.now());
    sorted.relations = presentRelations(data.relations, (id) => this.visible().find((r) => r.data.userId === id)?.data);
    sorted.isAwaiting = awaiting(data, this.now());
    return sorted;
  }

  // --- out-of-band access for tests (Emulator.objects/seed/update/remove) ------------------------------

  /**
   * Users as the API presents them, in creation order, soft-deleted ones included (isDeleted true),
   * purged ones not; domainId filters on the primary domain.
   */
  objects(_kind: UserCollection, domainId?: number): Obj[] {
    return this.visible().filter((r) => domainId === undefined || r.data.domainId === domainId).map((r) => this.present(r.data));
  }

  /**
   * Inserts without validation. A missing userId is generated, a missing domainId is the primary
   * organization's (else the first domain); raw flags such as isAdministrator, isSuperAdmin,
   * isPending (default false: a seeded user has logged in), isDeleted + deletedAt are kept.
   * A password is never stored.
   */
  seed(_kind: UserCollection, obj: Obj): Obj {
    const data = clone(obj);
    const userId = typeof data.userId === "string" ? data.userId : newId("user");
    const primary = orgsOf(data).find((o) => o.primary === true) ?? orgsOf(data)[0];
    data.userId = userId;
    data.domainId ??= primary?.domainId ?? this.store.defaultDomain;
    this.store.insert(USERS, userId, withoutPassword(data));
    return this.present(data);
  }

  /** Raw merge, e.g. `{isPending: false}` (first login), `{deletedAt: <ms>}` (age a deletion). */
  updateRaw(_kind: UserCollection, id: string, patch: Obj): void {
    const rec = this.store.get(USERS, id);
    if (!rec) throw new Error(`users ${id} does not exist`);
    this.store.replace(USERS, id, withoutPassword({ ...rec.data, ...clone(patch), userId: id }));
  }

  removeRaw(_kind: UserCollection, id: string): void {
    if (!this.store.remove(USERS, id)) throw new Error(`users ${id} does not exist`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const notFound = () => new ApiError(404, "NOT_FOUND", "user not found");

const label = (r: StoredRecord) => `${String(r.data.email)} (${String(r.data.userId)})`;

/** Writes on a soft-deleted user are refused. */
function refuseDeleted(rec: StoredRecord): void {
  if (rec.data.isDeleted === true) throw invalid(`user ${label(rec)} is deleted; undelete it before changing it`);
}

/** Raw records never hold a password: only the creation type of passwordConfig is kept. */
function withoutPassword(data: Obj): Obj {
  const pc = data.passwordConfig;
  return isPlainObject(pc) ? { ...data, passwordConfig: { passwordCreationType: pc.passwordCreationType ?? "MEMBER" } } : data;
}

function optionalBoolean(v: unknown, field: string, dflt: boolean): boolean {
  return v === undefined || v === null ? dflt : checkBoolean(v, field);
}

/** At most one `primary: true` (two → 400); none → the first entry becomes primary. */
function onePrimary(entries: Obj[], field: string): Obj[] {
  const primaries = entries.flatMap((e, i) => (e.primary === true ? [i] : []));
  if (primaries.length > 1) throw invalid(`${field}[${primaries[1]}].primary: only one entry may be primary (entry ${primaries[0]} already is)`);
  if (primaries.length === 0 && entries.length > 0) entries[0].primary = true;
  return entries;
}
