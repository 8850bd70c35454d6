// The `/orgunits` collection (組織 / team): one tree per domain, at the API root (not under
// /directory). Facts from /work/shared/lineworks-api/orgunits.md; choices the docs leave open
// are marked "unconfirmed" where they are made.
//
// A unit's members are the users (records of users.ts's `users` collection) whose
// `organizations[].orgUnits[].orgUnitId` names it. Soft-deleted users (isDeleted) are neither
// listed as members nor block a unit's delete: unconfirmed, the docs say nothing of either.
//
// Like directory.ts, validation is written by hand and never shares the provider's code.
import {
  ApiContext, ApiError, ApiModule, ApiResult, MatchOutcome, OrderingRule, RouteMatch,
  intQuery, isPlainObject, requireDomain,
} from "./api";
import {
  ExternalKeyBulk, FieldDecl, buildValues, checkBoolean, checkInt32, checkString, clone, compareKeys, decodeSegment, EXTERNAL_KEY_PREFIX, externalKeyOf,
  externalKeyRoute, findByRef, i18nNames, invalid, keysetPage, length, missing, nameOf, newId, requireBody,
} from "./directory";
import type { Store, StoredRecord } from "./store";

/** The paging helper moved to directory.ts; users.ts and groups.ts still find it here. */
export { keysetPage } from "./directory";

type Obj = Record<string, unknown>;

/** Store collections of this module (test controls address them by these names). */
export type OrgUnitCollection = "orgUnits";

const UNITS = "orgUnits";
const USERS = "users";
const READ_SCOPES = ["directory", "directory.read", "orgunit", "orgunit.read"] as const;
const WRITE_SCOPES = ["directory", "orgunit"] as const;
const ADDRESS = { idField: "orgUnitId" };
/** The tree is at most 15 levels deep (Admin guide, bulk-add teams: "Teams support up to 15 depths"). */
const MAX_DEPTH = 15;

// ---------------------------------------------------------------------------------------------
// Field validators (the name, external-key and i18nNames rules are directory.ts's)

/** Shape of the part before `@` of one kind of address (org units and users differ). */
export interface AddressRule {
  maxLocal: number;
  chars: RegExp;
  charsText: string;
  first: RegExp;
  firstText: string;
}

/**
 * Org-unit mail addresses: the part before `@` 2..64 characters of `a-z 0-9 . - _ ! #`, starting
 * with `a-z 0-9 ! #`.
 */
const UNIT_ADDRESS: AddressRule = { maxLocal: 64, chars: /^[a-z0-9._!#-]+$/, charsText: "a-z 0-9 . - _ ! #", first: /^[a-z0-9!#]/, firstText: "a-z, 0-9, ! or #" };

/**
 * Mail addresses: at most 90 characters; the part before `@` 2..rule.maxLocal characters of the
 * rule's set and first characters, no leading, trailing or consecutive dots. Addresses are
 * case-insensitive and stored in lower case. The part after `@` is undocumented; a host-name
 * shape (ASCII labels of letters, digits and `-`) is required (unconfirmed).
 */
export function checkAddress(v: unknown, field: string, rule: AddressRule): string {
  if (typeof v !== "string") throw invalid(`${field}: must be a string`);
  const s = v.toLowerCase();
  if (length(s) > 90) throw invalid(`${field}: must be at most 90 characters`);
  const at = s.lastIndexOf("@");
  if (at < 0) throw invalid(`${field}: must be a mail address (local-part@domain)`);
  const local = s.slice(0, at);
  if (local.length < 2 || local.length > rule.maxLocal) throw invalid(`${field}: the part before @ must be 2 to ${rule.maxLocal} characters`);
  if (!rule.chars.test(local)) throw invalid(`${field}: the part before @ may only contain ${rule.charsText}`);
  if (!rule.first.test(local)) throw invalid(`${field}: the part before @ must start with ${rule.firstText}`);
  if (local.endsWith(".") || local.includes("..")) {
    throw invalid(`${field}: the part before @ must not end with a dot or contain consecutive dots`);
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(s.slice(at + 1))) throw invalid(`${field}: the part after @ must be a domain name`);
  return s;
}

const checkEmail = (v: unknown, field: string) => checkAddress(v, field, UNIT_ADDRESS);

/** Up to `max` further addresses, each valid by `rule`, none twice (org units: 20; members: 10). */
export function checkAddressList(v: unknown, field: string, max: number, rule: AddressRule): string[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  if (v.length > max) throw invalid(`${field}: must have at most ${max} entries`);
  const out = v.map((e: unknown, i) => checkAddress(e, `${field}[${i}]`, rule));
  const twice = out.findIndex((e, i) => out.indexOf(e) !== i);
  if (twice >= 0) throw invalid(`${field}[${twice}]: "${out[twice]}" appears more than once`);
  return out;
}
const checkAliasEmails = (v: unknown, field: string) => checkAddressList(v, field, 20, UNIT_ADDRESS);

/** Max 160 characters; the empty string is accepted (no minimum is documented). */
const checkDescription = (v: unknown, field: string) => checkString(v, field, 160, 0);

/** `[{userId}]`: the shape here; that each names a user is checked by the module (ALLOWED_MEMBERS). */
function checkAllowedMembers(v: unknown, field: string): Obj[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  return v.map((e: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(e)) throw invalid(`${at}: must be an object`);
    if (e.userId === undefined || e.userId === null) throw missing(`${at}.userId`);
    if (typeof e.userId !== "string" || e.userId === "") throw invalid(`${at}.userId: must be a non-empty string`);
    return { userId: e.userId };
  });
}

/** displayOrder of create and move: required, an int32 of at least 1. */
function checkDisplayOrder(v: unknown): number {
  if (v === undefined) throw missing("displayOrder");
  if (v === null) throw invalid("displayOrder: must not be null");
  const n = checkInt32(v, "displayOrder");
  if (n < 1) throw invalid("displayOrder: must be at least 1");
  return n;
}

// ---------------------------------------------------------------------------------------------
// Fields handled by directory.ts's buildValues (create / PUT / PATCH semantics). domainId,
// parentOrgUnitId and displayOrder are handled apart: create and move only.

/** Room features of org units and groups; useMessage governs the other four. */
export const USE_FLAGS = ["useMessage", "useNote", "useCalendar", "useTask", "useFolder"] as const;

/** "Setting useMessage false forces useNote/useCalendar/useTask/useFolder false" (org units and groups). */
export function useMessageCascade(values: Obj): void {
  if (values.useMessage !== true) for (const f of USE_FLAGS) values[f] = false;
}

/** An optional boolean: omitted on create or PUT → `dflt`; null is refused. */
export const flag = (name: string, dflt: boolean): FieldDecl =>
  ({ name, create: "optional", put: "optional", nullable: false, empty: () => dflt, check: checkBoolean });
const list = (name: string, check: FieldDecl["check"]): FieldDecl =>
  ({ name, create: "optional", put: "optional", nullable: true, empty: () => [], check });

const ORG_UNIT = {
  fields: [
    externalKeyOf("orgUnitExternalKey"),
    // Optional on PUT per the docs; an omitted name keeps the stored one (see update()).
    { ...nameOf("orgUnitName"), put: "optional" },
    i18nNames,
    // Create: omitted or null → auto-assigned. PUT: required. PATCH: null refused (see below).
    { name: "email", create: "optional", put: "required", nullable: true, empty: () => null, check: checkEmail },
    { name: "description", create: "optional", put: "optional", nullable: true, empty: () => null, check: checkDescription },
    flag("visible", true),
    list("aliasEmails", checkAliasEmails),
    flag("canReceiveExternalMail", false),
    ...USE_FLAGS.map((f) => flag(f, false)),
    flag("useServiceNotification", false), // default unconfirmed for org units (false on groups)
    list("membersAllowedToUseOrgUnitEmailAsRecipient", checkAllowedMembers),
    list("membersAllowedToUseOrgUnitEmailAsSender", checkAllowedMembers),
  ] satisfies FieldDecl[],
};

const ALLOWED_MEMBERS = ["membersAllowedToUseOrgUnitEmailAsRecipient", "membersAllowedToUseOrgUnitEmailAsSender"];

/** Response shape: every schema property in documentation order; two of them derived. */
const RESPONSE_ORDER = [
  "domainId", "orgUnitId", "orgUnitExternalKey", "orgUnitName", "i18nNames", "email", "description", "visible",
  "parentOrgUnitId", "parentExternalKey", "displayOrder", "displayLevel", "aliasEmails", "canReceiveExternalMail",
  ...USE_FLAGS, "useServiceNotification",
  "membersAllowedToUseOrgUnitEmailAsRecipient", "membersAllowedToUseOrgUnitEmailAsSender",
];
const DERIVED = ["parentExternalKey", "displayLevel"];

// ---------------------------------------------------------------------------------------------
// The tree, rebuilt from the store per request (derived fields always follow moves and renames)

class Tree {
  readonly byId = new Map<string, StoredRecord>();
  private readonly children = new Map<string, StoredRecord[]>();

  constructor(records: StoredRecord[]) {
    for (const r of records) this.byId.set(r.data.orgUnitId as string, r);
    for (const r of records) {
      const p = r.data.parentOrgUnitId;
      if (typeof p === "string") this.children.set(p, [...(this.children.get(p) ?? []), r]);
    }
  }

  parent(r: StoredRecord): StoredRecord | undefined {
    const p = r.data.parentOrgUnitId;
    return typeof p === "string" ? this.byId.get(p) : undefined;
  }

  /**
   * Nearest first. Stops at a missing parent or a cycle, which only out-of-band changes can
   * make: such a unit then counts as a top-level one.
   */
  ancestors(r: StoredRecord): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (let p = this.parent(r); p && p !== r && !out.includes(p); p = this.parent(p)) out.push(p);
    return out;
  }

  /** The unit's sub-units at every depth. */
  descendants(r: StoredRecord): StoredRecord[] {
    const out: StoredRecord[] = [];
    const todo = [r];
    while (todo.length > 0) {
      for (const c of this.children.get(todo.pop()!.data.orgUnitId as string) ?? []) {
        if (c !== r && !out.includes(c)) { out.push(c); todo.push(c); }
      }
    }
    return out;
  }

  /**
   * "Teams support up to 15 depths" (Admin guide): refuses placing `unit` (a new one: undefined)
   * under `parent` when it, or the deepest unit under it, would sit below level 15.
   */
  checkDepth(unit: StoredRecord | undefined, parent: StoredRecord | undefined): void {
    if (!parent) return;
    const below = unit ? Math.max(0, ...this.descendants(unit).map((d) => this.ancestors(d).length - this.ancestors(unit).length)) : 0;
    const deepest = this.ancestors(parent).length + 2 + below;
    if (deepest > MAX_DEPTH) {
      const what = unit ? `org unit ${label(unit)}${below ? ` and the ${below} level(s) under it` : ""}` : "a new org unit";
      throw invalid(`parentOrgUnitId: ${what} under ${label(parent)} would reach level ${deepest}; the org tree is at most ${MAX_DEPTH} levels deep`);
    }
  }

  /** Depth-first order: siblings by displayOrder, then creation; parents before children. */
  sortKey(r: StoredRecord): number[] {
    return [...this.ancestors(r).reverse(), r].flatMap((u) => [u.data.displayOrder as number, u.seq]);
  }

  present(data: Obj): Obj {
    const r = this.byId.get(data.orgUnitId as string);
    const parent = r && this.parent(r);
    const derived: Obj = {
      parentExternalKey: parent?.data.orgUnitExternalKey ?? null,
      displayLevel: r ? this.ancestors(r).length + 1 : 1,
    };
    const out: Obj = {};
    for (const k of RESPONSE_ORDER) out[k] = k in derived ? derived[k] : clone(data[k]);
    return out;
  }
}

const label = (r: StoredRecord) => `"${String(r.data.orgUnitName)}" (${String(r.data.orgUnitId)})`;

// ---------------------------------------------------------------------------------------------
// Handler

/** What other collections do when org units go (server.ts wires in the groups). */
export interface OrgUnitEvents {
  /** The units were deleted through the API (a unit and its sub-units). */
  orgUnitsRemoved(orgUnitIds: readonly string[]): void;
}

/** Create / PUT / PATCH / move / delete of one domain: one at a time, at least 1 s apart (recorded, not refused). */
export const ORG_UNIT_WRITES = { sequence: "org-unit write", minSpacingMs: 1000 } as const;

export class OrgUnitsModule implements ApiModule {
  private readonly ordering = (domain: (c: ApiContext) => number): OrderingRule => ({ ...ORG_UNIT_WRITES, domain });

  /** @param lookupUser a user by ID, login email or `externalKey:{key}` (users.ts), for the allowed members. */
  constructor(
    private readonly store: Store,
    private readonly events: OrgUnitEvents = { orgUnitsRemoved: () => {} },
    private readonly lookupUser: (ref: string) => StoredRecord | undefined = () => undefined,
  ) {}

  /** Allowed members the body gives name users (by ID, email or `externalKey:`), stored as IDs; an unknown one → 400. */
  private resolveAllowed(values: Obj, body: Obj): void {
    for (const field of ALLOWED_MEMBERS.filter((f) => Array.isArray(body[f]))) {
      values[field] = (values[field] as Obj[]).map((e, i) => {
        const rec = this.lookupUser(e.userId as string);
        if (!rec) throw invalid(`${field}[${i}].userId: user ${String(e.userId)} does not exist`);
        return { userId: rec.data.userId };
      });
    }
  }

  match(method: string, path: string): MatchOutcome {
    const m = /^\/orgunits(?:\/([^/]+)(?:\/(move|members))?)?$/.exec(path);
    if (!m) return undefined;
    const [, seg, action] = m;
    const route = (api: string, scopes: readonly string[], execute: (c: ApiContext) => ApiResult,
      objectKey: (c: ApiContext) => string | undefined, domain?: (c: ApiContext) => number): RouteMatch =>
      ({ api, scopes, execute, objectKey, ...(domain ? { ordered: this.ordering(domain) } : {}) });

    if (seg === undefined) {
      if (method === "GET") return route("GET /orgunits", READ_SCOPES, (c) => this.list(c), () => undefined);
      if (method === "POST") {
        return route("POST /orgunits", WRITE_SCOPES, (c) => this.create(c), (c) => this.createKey(c), (c) => this.createDomain(c));
      }
      return { methodNotAllowed: `${method} /orgunits` };
    }
    // Not an org-unit write of the documented ordering rule (create/update/patch/move/delete).
    if (seg === "external-keys" && action === undefined) return externalKeyRoute(this.store, this.keyBulk, method);
    const key = () => this.itemKey(seg);
    const domain = () => this.itemDomain(seg);
    if (action === "move") {
      if (method !== "POST") return { methodNotAllowed: `${method} /orgunits/{id}/move` };
      return route("POST /orgunits/{id}/move", WRITE_SCOPES, (c) => this.move(c, seg), key, domain);
    }
    if (action === "members") {
      if (method !== "GET") return { methodNotAllowed: `${method} /orgunits/{id}/members` };
      return route("GET /orgunits/{id}/members", READ_SCOPES, (c) => this.members(c, seg), key);
    }
    const api = `${method} /orgunits/{id}`;
    switch (method) {
      case "GET": return route(api, READ_SCOPES, () => this.getOne(seg), key);
      case "PUT": return route(api, WRITE_SCOPES, (c) => this.update(c, seg, "put"), key, domain);
      case "PATCH": return route(api, WRITE_SCOPES, (c) => this.update(c, seg, "patch"), key, domain);
      case "DELETE": return route(api, WRITE_SCOPES, () => this.remove(seg), key, domain);
      default: return { methodNotAllowed: api };
    }
  }

  // --- operations ------------------------------------------------------------------------------

  /** The whole domain, depth first; keyset cursors so pages stay consistent across changes. */
  private list(ctx: ApiContext): ApiResult {
    const domainId = requireDomain(this.store, intQuery(ctx.query, "domainId") ?? this.store.defaultDomain);
    const tree = this.tree();
    const page = keysetPage(this.sorted(tree, domainId), (r) => tree.sortKey(r), ctx.query);
    return { status: 200, body: { orgUnits: page.items.map((r) => tree.present(r.data)), responseMetaData: { nextCursor: page.nextCursor } } };
  }

  private create(ctx: ApiContext): ApiResult {
    const body = requireBody(ctx.body);
    if (body.domainId === undefined || body.domainId === null) throw missing("domainId");
    const domainId = requireDomain(this.store, checkInt32(body.domainId, "domainId"));
    const displayOrder = checkDisplayOrder(body.displayOrder);
    const tree = this.tree();
    const parent = this.parentFor(body.parentOrgUnitId, domainId);
    tree.checkDepth(undefined, parent);
    const values = buildValues(ORG_UNIT, body, "create");
    this.resolveAllowed(values, body);
    const orgUnitId = newId("");
    if (values.email === null) values.email = this.autoEmail(domainId);
    this.checkRules(values, parent, orgUnitId);
    const data = { domainId, orgUnitId, parentOrgUnitId: parent ? parent.data.orgUnitId : null, displayOrder, ...values };
    const rec = this.store.insert(UNITS, orgUnitId, data);
    tree.byId.set(orgUnitId, rec);
    return { status: 201, body: tree.present(data) };
  }

  private getOne(seg: string): ApiResult {
    return { status: 200, body: this.tree().present(this.locate(seg).data) };
  }

  /** PUT replaces, PATCH merges; both ignore parentOrgUnitId and displayOrder (use move). */
  private update(ctx: ApiContext, seg: string, mode: "put" | "patch"): ApiResult {
    const rec = this.locate(seg);
    const body = requireBody(ctx.body);
    const domainId = rec.data.domainId as number;
    if (mode === "put" && (body.domainId === undefined || body.domainId === null)) throw missing("domainId");
    // Moving a unit between domains is not described anywhere: domainId is immutable.
    if (body.domainId !== undefined && checkInt32(body.domainId, "domainId") !== domainId) {
      throw invalid(`domainId: moving an org unit to another domain is not supported (stored in ${domainId})`);
    }
    const values = buildValues(ORG_UNIT, body, mode, rec.data);
    this.resolveAllowed(values, body);
    if (mode === "put" && body.orgUnitName === undefined) values.orgUnitName = rec.data.orgUnitName;
    // The unit keeps an address: PATCH cannot clear it (PUT requires it anyway).
    if (values.email === null) throw invalid("email: must not be null");
    const tree = this.tree();
    this.checkRules(values, tree.parent(rec), rec.data.orgUnitId as string);
    const data = { ...rec.data, ...values };
    this.store.replace(UNITS, rec.data.orgUnitId as string, data);
    return { status: 200, body: tree.present(data) };
  }

  /**
   * `{parentOrgUnitId, displayOrder}`. An absent or null parent means top level: API 2.0 does not
   * say (API 1.0 took null), so null is the choice, unconfirmed.
   */
  private move(ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locate(seg);
    const body = requireBody(ctx.body);
    const displayOrder = checkDisplayOrder(body.displayOrder);
    const tree = this.tree();
    const parent = this.parentFor(body.parentOrgUnitId, rec.data.domainId as number);
    if (parent && (parent === rec || tree.ancestors(parent).includes(rec))) {
      // Behaviour unconfirmed; refusing is the only way to keep a tree.
      throw invalid(`parentOrgUnitId: org unit ${label(rec)} cannot be moved under ${label(parent)}, which is itself or one of its sub-units`);
    }
    tree.checkDepth(rec, parent);
    this.checkVisibleUnder(parent, rec.data.visible);
    const data = { ...rec.data, parentOrgUnitId: parent ? parent.data.orgUnitId : null, displayOrder };
    this.store.replace(UNITS, rec.data.orgUnitId as string, data);
    return { status: 200, body: tree.present(data) };
  }

  /**
   * Refused while the unit or one of its sub-units has members; otherwise the whole (member-less)
   * subtree goes, as the Admin guide describes. The API cascade is inferred (unconfirmed), and so
   * is the refusal's status and code: the API page lists only 204 and 404.
   */
  private remove(seg: string): ApiResult {
    const rec = this.locate(seg);
    const subtree = [rec, ...this.tree().descendants(rec)];
    const ids = new Set(subtree.map((r) => r.data.orgUnitId as string));
    if (this.liveUsers().some((u) => memberships(u.data).some((m) => ids.has(m.orgUnitId as string)))) {
      throw new ApiError(400, "BAD_REQUEST", "The org unit cannot be deleted because it or one of its sub-units has members.");
    }
    this.store.batch(() => {
      for (const id of ids) this.store.remove(UNITS, id);
      this.events.orgUnitsRemoved([...ids]);
    });
    return { status: 204 };
  }

  /** Direct members only (not soft-deleted ones), in the order the users were created. */
  private members(ctx: ApiContext, seg: string): ApiResult {
    const domainId = intQuery(ctx.query, "domainId");
    if (domainId !== undefined) requireDomain(this.store, domainId);
    const id = this.locate(seg).data.orgUnitId;
    const rows = this.liveUsers().flatMap((u) => {
      const m = memberships(u.data).find((e) => e.orgUnitId === id);
      return m ? [{ u, m }] : [];
    });
    const page = keysetPage(rows, ({ u }) => [u.seq], ctx.query);
    return {
      status: 200,
      body: {
        members: page.items.map(({ u, m }) => ({
          userId: u.data.userId,
          userExternalKey: u.data.userExternalKey ?? null,
          isManager: m.isManager ?? false,
          visible: m.visible ?? true,
          useTeamFeature: m.useTeamFeature ?? true,
        })),
        responseMetaData: { nextCursor: page.nextCursor },
      },
    };
  }

  /** `POST/GET /orgunits/external-keys`: tenant-unique keys; an item's id may also be the unit's email. */
  private readonly keyBulk: ExternalKeyBulk = {
    path: "/orgunits/external-keys", kind: UNITS, listKey: "orgUnits", label: "org unit",
    idField: "orgUnitId", keyField: "orgUnitExternalKey", keyScope: "tenant",
    name: (d) => d.orgUnitName,
    email: (d) => d.email,
    rows: (domainId) => {
      const tree = this.tree();
      return this.sorted(tree, domainId).map((rec) => ({ rec, key: tree.sortKey(rec) }));
    },
    resolve: (ref) => (ref.includes("@") && !ref.startsWith(EXTERNAL_KEY_PREFIX)
      ? this.store.find(UNITS, (d) => typeof d.email === "string" && d.email.toLowerCase() === ref.toLowerCase())
      : this.resolve(ref)),
    describe: label,
  };

  // --- addressing and rules ------------------------------------------------------------------------

  /** `{id}`: the unit's ID or `externalKey:{key}` (keys are unique in the tenant). */
  private resolve(ref: string): StoredRecord | undefined {
    return findByRef(this.store, UNITS, ref, "orgUnitExternalKey");
  }

  private locate(seg: string): StoredRecord {
    const rec = this.resolve(decodeSegment(ADDRESS, seg));
    if (!rec) throw new ApiError(404, "NOT_FOUND", "org unit not found");
    return rec;
  }

  /**
   * The parent named in a create or move body (ID or `externalKey:{key}`); null/absent = top
   * level. An unknown parent is a bad parameter value (400 INVALID_PARAMETER), not a missing
   * addressed resource, so not 404 (unconfirmed); so is a parent in another domain.
   */
  private parentFor(v: unknown, domainId: number): StoredRecord | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || v === "") throw invalid("parentOrgUnitId: must be a non-empty string or null");
    const parent = this.resolve(v);
    if (!parent) throw invalid(`parentOrgUnitId: org unit ${v} does not exist`);
    if (parent.data.domainId !== domainId) {
      throw invalid(`parentOrgUnitId: org unit ${label(parent)} belongs to domain ${String(parent.data.domainId)}, not ${domainId}`);
    }
    return parent;
  }

  /**
   * "Only false is allowed if the parent team is private": a visible unit under a hidden parent is
   * refused (whether the API refuses or silently coerces to false is unconfirmed).
   */
  private checkVisibleUnder(parent: StoredRecord | undefined, visible: unknown): void {
    if (parent && parent.data.visible === false && visible !== false) {
      throw invalid(`visible: the parent org unit ${label(parent)} is hidden (visible false), so only visible false is allowed`);
    }
  }

  /** Cross-field rules and tenant-wide uniqueness of the values about to be stored. */
  private checkRules(values: Obj, parent: StoredRecord | undefined, selfId: string): void {
    useMessageCascade(values);
    this.checkVisibleUnder(parent, values.visible);
    const aliases = values.aliasEmails as string[];
    if (aliases.includes(values.email as string)) {
      throw invalid(`aliasEmails: "${String(values.email)}" is the unit's own email`);
    }
    const others = this.store.all(UNITS).filter((r) => r.data.orgUnitId !== selfId);
    const key = values.orgUnitExternalKey;
    const keyHolder = key !== null && others.find((r) => r.data.orgUnitExternalKey === key);
    if (keyHolder) throw new ApiError(409, "ALREADY_EXIST", `orgUnitExternalKey: "${String(key)}" already exists in the tenant`);
    const mine = [["email", values.email as string], ...aliases.map((a, i) => [`aliasEmails[${i}]`, a])];
    for (const [field, address] of mine) {
      const holder = others.find((r) => addressesOf(r.data).includes(address));
      if (holder) throw new ApiError(409, "ALREADY_EXIST", `${field}: "${address}" is already used by org unit ${label(holder)}`);
    }
  }

  /** An unused address (the real service derives one from the domain or group name). */
  private autoEmail(domainId: number): string {
    const used = new Set(this.store.all(UNITS).flatMap((r) => addressesOf(r.data)));
    for (;;) {
      const email = `ou-${newId("").slice(0, 8)}@d${domainId}.example.com`;
      if (!used.has(email)) return email;
    }
  }

  /** Users that are not soft-deleted (nor purged, which implies soft-deleted). */
  private liveUsers(): StoredRecord[] {
    return this.store.all(USERS).filter((u) => u.data.isDeleted !== true);
  }

  private tree(): Tree {
    return new Tree(this.store.all(UNITS));
  }

  private sorted(tree: Tree, domainId?: number): StoredRecord[] {
    const keyed = [...tree.byId.values()]
      .filter((r) => domainId === undefined || r.data.domainId === domainId)
      .map((r) => ({ r, k: tree.sortKey(r) }));
    return keyed.sort((a, b) => compareKeys(a.k, b.k)).map((e) => e.r);
  }

  // --- concurrency and ordering ------------------------------------------------------------------

  /** Both addressing styles of one unit give the same key. */
  private itemKey(seg: string): string | undefined {
    return itemKeyOf(UNITS, ADDRESS, seg, (ref) => this.resolve(ref));
  }

  /** Names are not unique, so only creates with the same external key collide. */
  private createKey(ctx: ApiContext): string | undefined {
    const key = isPlainObject(ctx.body) ? ctx.body.orgUnitExternalKey : undefined;
    return typeof key === "string" ? `orgUnits:${EXTERNAL_KEY_PREFIX}${key}` : undefined;
  }

  /** Ordering domain of a create: the body's domainId when it is a domain, else the first one. */
  private createDomain(ctx: ApiContext): number {
    const d = isPlainObject(ctx.body) ? ctx.body.domainId : undefined;
    return typeof d === "number" && this.store.hasDomain(d) ? d : this.store.defaultDomain;
  }

  /** Ordering domain of an item write: the stored unit's, else (unknown unit) the first one. */
  private itemDomain(seg: string): number {
    try {
      const d = this.resolve(decodeSegment(ADDRESS, seg))?.data.domainId;
      if (typeof d === "number") return d;
    } catch {
      // malformed segment: the request fails, but it was still a write
    }
    return this.store.defaultDomain;
  }

  // --- out-of-band access for tests (Emulator.objects/seed/update/remove) ------------------------------

  /** Units as the API presents them, in list order. */
  objects(_kind: OrgUnitCollection, domainId?: number): Obj[] {
    const tree = this.tree();
    return this.sorted(tree, domainId).map((r) => tree.present(r.data));
  }

  /**
   * Inserts without validation; missing fields get their defaults (domainId the first domain, top
   * level, displayOrder 1, a generated email); the result has the derived fields.
   */
  seed(_kind: OrgUnitCollection, obj: Obj): Obj {
    const orgUnitId = typeof obj.orgUnitId === "string" ? obj.orgUnitId : newId("");
    const data: Obj = { domainId: this.store.defaultDomain, parentOrgUnitId: null, displayOrder: 1, ...stripDerived(obj), orgUnitId };
    for (const f of ORG_UNIT.fields) if (data[f.name] === undefined) data[f.name] = f.empty();
    if (data.email === null) data.email = this.autoEmail(data.domainId as number);
    this.store.insert(UNITS, orgUnitId, data);
    return this.tree().present(data);
  }

  /** Raw merge, e.g. an out-of-band rename, or a move by changing parentOrgUnitId/displayOrder. */
  updateRaw(_kind: OrgUnitCollection, id: string, patch: Obj): void {
    const rec = this.store.get(UNITS, id);
    if (!rec) throw new Error(`orgUnits ${id} does not exist`);
    this.store.replace(UNITS, id, { ...rec.data, ...stripDerived(patch), orgUnitId: id });
  }

  /** Removes one record; sub-units of a removed unit are left in place (they count as top level). */
  removeRaw(_kind: OrgUnitCollection, id: string): void {
    if (!this.store.remove(UNITS, id)) throw new Error(`orgUnits ${id} does not exist`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * Concurrency key of a request on one object addressed by a path segment: every addressing form
 * of one object gives the same key (its ID); undefined for a malformed segment.
 */
export function itemKeyOf(kind: string, address: { idField: string }, seg: string, resolve: (ref: string) => StoredRecord | undefined): string | undefined {
  try {
    const ref = decodeSegment(address, seg);
    return `${kind}:${String(resolve(ref)?.data[address.idField] ?? ref)}`;
  } catch {
    return undefined;
  }
}

function stripDerived(obj: Obj): Obj {
  const out = clone(obj);
  for (const k of DERIVED) delete out[k];
  return out;
}

function addressesOf(data: Obj): string[] {
  return [data.email, ...(Array.isArray(data.aliasEmails) ? data.aliasEmails : [])]
    .filter((a): a is string => typeof a === "string");
}

/** The user's `organizations[]` (raw records may lack it). */
export function organizations(user: Obj): Obj[] {
  return Array.isArray(user.organizations) ? user.organizations.filter(isPlainObject) : [];
}

/** One organization's `orgUnits[]`. */
export function unitsOf(org: Obj): Obj[] {
  return Array.isArray(org.orgUnits) ? org.orgUnits.filter(isPlainObject) : [];
}

/** The user's `organizations[].orgUnits[]` entries (any domain). */
export function memberships(user: Obj): Obj[] {
  return organizations(user).flatMap(unitsOf);
}
