// The `/directory/{positions,user-types,levels,employment-types}` collections.
//
// One generic handler serves every kind; each kind is a declaration (KindDecl) of its fields,
// validators, naming and scoping rules, taken from /work/shared/lineworks-api/*.md. Validation is
// written by hand on purpose: the emulator is an independent oracle for the provider's client
// code, so it must not share that code's schemas.
import { randomUUID } from "node:crypto";
import {
  ApiContext, ApiError, ApiModule, ApiResult, INT32_MAX, INT32_MIN, MatchOutcome, RouteMatch,
  intQuery, isPlainObject, requireDomain,
} from "./api";
import type { Store, StoredRecord } from "./store";

export type DirectoryKind = "positions" | "userTypes" | "levels" | "employmentTypes";
export const DIRECTORY_KINDS: readonly DirectoryKind[] = ["positions", "userTypes", "levels", "employmentTypes"];

type Obj = Record<string, unknown>;
type Presence = "required" | "optional";

export interface FieldDecl {
  name: string;
  create: Presence;
  put: Presence; // PATCH treats every field as optional
  /** Optional fields can be cleared: explicit null (or omission on PUT) stores `empty()`. */
  nullable: boolean;
  /** Value stored when the field is omitted/cleared (and used for seeded objects lacking it). */
  empty(): unknown;
  /** Throws ApiError when the (non-null) value is invalid; returns the value to store. */
  check(value: unknown, field: string): unknown;
}

export interface KindDecl {
  kind: DirectoryKind;
  route: string; // segment under /directory
  listKey: string; // array property of the list response
  label: string; // singular, for messages ("position not found")
  idField: string;
  nameField: string;
  externalKeyField: string;
  /** Uniqueness (and resolution) scope of the external key. */
  keyScope: "domain" | "tenant";
  /** Name of the domain switch, as quoted in the "cannot be used when ... is false" error. */
  featureFlag: string;
  /** Whether PUT/PATCH bodies may carry domainId (it must then equal the stored one). */
  putCarriesDomainId: boolean;
  /** Whether DELETE honours a domainId query (resolution of external keys in that domain). */
  deleteTakesDomainId: boolean;
  idPrefix: string;
  /** Whether the kind has the bulk external-key endpoints (`POST/GET .../external-keys`). */
  externalKeyBulk: boolean;
  fields: FieldDecl[];
}

// ---------------------------------------------------------------------------------------------
// Field validators

export const invalid = (description: string) => new ApiError(400, "INVALID_PARAMETER", description);
export const missing = (field: string) => new ApiError(400, "MISSING_PARAMETER", `${field}: required parameter is missing`);

/** The half-width special characters the docs allow in names (the same list on all four kinds' pages). */
const NAME_SPECIALS = new Set("!@&()-_+[]{},./");
/** ASCII punctuation and symbols: the characters the documented rule speaks of. */
const ASCII_SPECIAL = /^[!-\/:-@\[-`{-~]$/;

/** Lengths count Unicode code points, not UTF-16 units (unconfirmed; the docs only say "max 100"). */
export const length = (s: string) => [...s].length;

/** A string of `min` (default 1) to `max` characters. */
export function checkString(v: unknown, field: string, max: number, min = 1): string {
  if (typeof v !== "string") throw invalid(`${field}: must be a string`);
  if (length(v) < min) throw invalid(min === 1 ? `${field}: must not be empty` : `${field}: must be at least ${min} characters`);
  if (length(v) > max) throw invalid(`${field}: must be at most ${max} characters`);
  return v;
}

/**
 * Names: 1..100 characters; of the half-width (ASCII) special characters only
 * `! @ & ( ) - _ + [ ] { } , . /` are allowed, as documented. The docs say nothing of other
 * characters, so letters of any script and full-width punctuation (・ 〜 （ ） ＆ 、) are accepted.
 */
function checkName(v: unknown, field: string): string {
  return checkNameChars(checkString(v, field, 100), field, NAME_SPECIALS);
}

/**
 * A name's characters: of the half-width specials only `specials`; full-width punctuation
 * (・ 〜 （ ）) and letters, symbols and spaces of any script pass (README §11: the documented
 * specials are half-width). Member names use it too, with their longer list.
 */
export function checkNameChars(s: string, field: string, specials: ReadonlySet<string>): string {
  for (const ch of s) {
    // A guess (not in the docs): control characters are refused.
    if (/\p{Cc}/u.test(ch)) {
      throw invalid(`${field}: the control character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} is not allowed`);
    }
    if (ASCII_SPECIAL.test(ch) && !specials.has(ch)) {
      throw invalid(`${field}: the half-width character "${ch}" is not allowed; allowed half-width specials are ${[...specials].join(" ")}`);
    }
  }
  return s;
}

/** External keys: max 100, none of `\ % # /  ?` (they would break `externalKey:{key}` paths). */
function checkExternalKey(v: unknown, field: string): string {
  const s = checkString(v, field, 100);
  const bad = [...s].find((ch) => "\\%#/?".includes(ch));
  if (bad) throw invalid(`${field}: must not contain "${bad}"`);
  return s;
}

export function checkInt32(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw invalid(`${field}: must be an integer`);
  if (v < INT32_MIN || v > INT32_MAX) throw invalid(`${field}: must be a 32-bit integer`);
  return v;
}

export function checkBoolean(v: unknown, field: string): boolean {
  if (typeof v !== "boolean") throw invalid(`${field}: must be a boolean`);
  return v;
}

export const LANGUAGES = ["ja_JP", "ko_KR", "en_US", "zh_CN", "zh_TW"];

/**
 * i18nNames: array of {name 1..100, language ∈ LANGUAGES}. A language appearing twice is refused
 * (unconfirmed: one name per language is the only meaningful reading).
 */
function checkI18nNames(v: unknown, field: string): Obj[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  const seen = new Set<string>();
  return v.map((e: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(e)) throw invalid(`${at}: must be an object`);
    if (e.name === undefined || e.name === null) throw missing(`${at}.name`);
    const name = checkString(e.name, `${at}.name`, 100);
    return { name, language: checkI18nLanguage(e, at, seen) }; // unknown properties are dropped
  });
}

/** `language` of an i18nNames item: required, one of LANGUAGES, not seen before in the list. */
export function checkI18nLanguage(item: Obj, at: string, seen: Set<string>): string {
  const language = item.language;
  if (language === undefined || language === null) throw missing(`${at}.language`);
  if (typeof language !== "string" || !LANGUAGES.includes(language)) {
    throw invalid(`${at}.language: must be one of ${LANGUAGES.join(", ")}`);
  }
  if (seen.has(language)) throw invalid(`${at}.language: ${language} appears more than once`);
  seen.add(language);
  return language;
}

function checkUserTypeCode(v: unknown, field: string): string {
  const s = checkString(v, field, 50);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(s)) {
    throw invalid(`${field}: must start with a letter and contain only letters, digits and "_"`);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Declarations

const displayOrder: FieldDecl = { name: "displayOrder", create: "required", put: "required", nullable: false, empty: () => 0, check: checkInt32 };
export const i18nNames: FieldDecl = { name: "i18nNames", create: "optional", put: "optional", nullable: true, empty: () => [], check: checkI18nNames };
export const nameOf = (name: string): FieldDecl => ({ name, create: "required", put: "required", nullable: false, empty: () => "", check: checkName });
export const externalKeyOf = (name: string): FieldDecl => ({ name, create: "optional", put: "optional", nullable: true, empty: () => null, check: checkExternalKey });
const executive: FieldDecl = { name: "executive", create: "required", put: "required", nullable: false, empty: () => false, check: checkBoolean };
const userTypeCode: FieldDecl = { name: "userTypeCode", create: "optional", put: "optional", nullable: true, empty: () => null, check: checkUserTypeCode };

export const KIND_DECLS: readonly KindDecl[] = [
  {
    kind: "positions", route: "positions", listKey: "positions", label: "position",
    idField: "positionId", nameField: "positionName", externalKeyField: "positionExternalKey",
    keyScope: "domain", featureFlag: "usePosition", putCarriesDomainId: true, deleteTakesDomainId: true,
    idPrefix: "position", externalKeyBulk: true,
    fields: [displayOrder, nameOf("positionName"), externalKeyOf("positionExternalKey"), i18nNames],
  },
  {
    // PUT/PATCH bodies carry no domainId and DELETE has no domainId query (tenant-unique keys).
    kind: "userTypes", route: "user-types", listKey: "userTypes", label: "user type",
    idField: "userTypeId", nameField: "userTypeName", externalKeyField: "userTypeExternalKey",
    keyScope: "tenant", featureFlag: "useUserType", putCarriesDomainId: false, deleteTakesDomainId: false,
    idPrefix: "employ", // the docs' user-type example ID is `employ2c-...`, same as employment types
    externalKeyBulk: true,
    fields: [displayOrder, nameOf("userTypeName"), externalKeyOf("userTypeExternalKey"), i18nNames, userTypeCode],
  },
  {
    // `executive` is required on create and PUT.
    kind: "levels", route: "levels", listKey: "levels", label: "level",
    idField: "levelId", nameField: "levelName", externalKeyField: "levelExternalKey",
    keyScope: "domain", featureFlag: "useLevel", putCarriesDomainId: true, deleteTakesDomainId: true,
    idPrefix: "level", externalKeyBulk: true,
    fields: [displayOrder, nameOf("levelName"), externalKeyOf("levelExternalKey"), executive, i18nNames],
  },
  {
    // Deprecated API. The notes only *infer* that employment types and user types are two views of
    // one entity; the emulator keeps them as separate collections with their own switch
    // (`useEmploymentType`, name unconfirmed) and treats them like user types otherwise
    // (tenant-unique keys, DELETE without domainId; PUT/PATCH domainId handling unconfirmed).
    // Bulk external keys: `POST/GET /directory/employment-types/external-keys` (confirmed later: 1-50 items, 204).
    kind: "employmentTypes", route: "employment-types", listKey: "employmentTypes", label: "employment type",
    idField: "employmentTypeId", nameField: "employmentTypeName", externalKeyField: "employmentTypeExternalKey",
    keyScope: "tenant", featureFlag: "useEmploymentType", putCarriesDomainId: false, deleteTakesDomainId: false,
    idPrefix: "employ", externalKeyBulk: true,
    fields: [displayOrder, nameOf("employmentTypeName"), externalKeyOf("employmentTypeExternalKey"), i18nNames, userTypeCode],
  },
];

export function declOf(kind: DirectoryKind): KindDecl {
  const d = KIND_DECLS.find((k) => k.kind === kind);
  if (!d) throw new Error(`unknown directory kind ${String(kind)}`);
  return d;
}

/** IDs look like the docs' examples: a UUID whose first characters are the kind prefix. */
export function newId(prefix: string): string {
  const u = randomUUID();
  return prefix + u.slice(prefix.length);
}

const READ_SCOPES = ["directory", "directory.read"] as const;
const WRITE_SCOPES = ["directory"] as const;
/** How a path or body addresses an object by its external key. */
export const EXTERNAL_KEY_PREFIX = "externalKey:";

/**
 * The record a path or body reference names: its ID, or `externalKey:{key}` matched on `keyField`
 * among the records `where` admits (a domain-scoped key: the records of that domain).
 */
export function findByRef(store: Store, kind: string, ref: string, keyField: string, where: (d: Obj) => boolean = () => true): StoredRecord | undefined {
  if (!ref.startsWith(EXTERNAL_KEY_PREFIX)) return store.get(kind, ref);
  const key = ref.slice(EXTERNAL_KEY_PREFIX.length);
  return store.find(kind, (d) => d[keyField] === key && where(d));
}

// ---------------------------------------------------------------------------------------------
// Handler

type Mode = "create" | "put" | "patch";

export class DirectoryModule implements ApiModule {
  private readonly byRoute = new Map(KIND_DECLS.map((d) => [d.route, d] as const));
  private readonly bulks = new Map(KIND_DECLS.filter((d) => d.externalKeyBulk).map((d) => [d.kind, this.bulkOf(d)] as const));

  constructor(private readonly store: Store) {}

  match(method: string, path: string): MatchOutcome {
    const m = /^\/directory\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    const decl = m && this.byRoute.get(m[1]);
    if (!m || !decl) return undefined;
    const base = `/directory/${decl.route}`;
    const seg = m[2];
    const route = (api: string, scopes: readonly string[], exec: (c: ApiContext) => ApiResult,
      key: (c: ApiContext) => string | undefined = () => undefined): RouteMatch =>
      ({ api, scopes, execute: exec, objectKey: key });

    if (seg === undefined) {
      if (method === "GET") return route(`GET ${base}`, READ_SCOPES, (c) => this.list(decl, c));
      if (method === "POST") return route(`POST ${base}`, WRITE_SCOPES, (c) => this.create(decl, c), (c) => this.createKey(decl, c));
      return { methodNotAllowed: `${method} ${base}` };
    }
    if (seg === "external-keys") {
      const bulk = this.bulks.get(decl.kind);
      return bulk && externalKeyRoute(this.store, bulk, method);
    }
    if ((seg === "enable" || seg === "disable") && method === "POST") {
      return route(`POST ${base}/${seg}`, WRITE_SCOPES, (c) => this.setSwitch(decl, c, seg === "enable"));
    }
    const api = `${method} ${base}/{id}`;
    const key = (c: ApiContext) => this.itemKey(decl, c, seg);
    switch (method) {
      case "GET": return route(api, READ_SCOPES, (c) => this.getOne(decl, c, seg), key);
      case "PUT": return route(api, WRITE_SCOPES, (c) => this.update(decl, c, seg, "put"), key);
      case "PATCH": return route(api, WRITE_SCOPES, (c) => this.update(decl, c, seg, "patch"), key);
      case "DELETE": return route(api, WRITE_SCOPES, (c) => this.remove(decl, c, seg), key);
      default: return { methodNotAllowed: api };
    }
  }

  // --- operations ------------------------------------------------------------------------------

  private list(decl: KindDecl, ctx: ApiContext): ApiResult {
    const domainId = requireDomain(this.store, intQuery(ctx.query, "domainId") ?? this.store.defaultDomain);
    this.requireFeature(decl, domainId);
    const count = intQuery(ctx.query, "count") ?? 100;
    if (count < 1 || count > 100) throw invalid("count: must be between 1 and 100");
    const after = decodeCursor(ctx.query.get("cursor"));
    const all = this.sorted(decl, domainId);
    const start = after ? all.filter((r) => !isAfter(r, after)).length : 0;
    const page = all.slice(start, start + count);
    const more = start + count < all.length;
    return {
      status: 200,
      body: {
        [decl.listKey]: page.map((r) => present(decl, r.data)),
        responseMetaData: { nextCursor: more ? encodeCursor(page[page.length - 1]) : null },
      },
    };
  }

  private create(decl: KindDecl, ctx: ApiContext): ApiResult {
    const body = requireBody(ctx.body);
    const domainId = this.bodyDomain(body);
    this.requireFeature(decl, domainId);
    const values = buildValues(decl, body, "create");
    this.checkUnique(decl, domainId, values);
    const id = newId(decl.idPrefix);
    const data = { domainId, [decl.idField]: id, ...values };
    this.store.insert(decl.kind, id, data);
    return { status: 201, body: present(decl, data) };
  }

  private getOne(decl: KindDecl, ctx: ApiContext, seg: string): ApiResult {
    return { status: 200, body: present(decl, this.locate(decl, ctx, seg).data) };
  }

  private update(decl: KindDecl, ctx: ApiContext, seg: string, mode: "put" | "patch"): ApiResult {
    const rec = this.locate(decl, ctx, seg);
    const body = requireBody(ctx.body);
    const domainId = rec.data.domainId as number;
    if (decl.putCarriesDomainId && body.domainId !== undefined) {
      // Moving an object between domains is not described anywhere: treat domainId as immutable.
      if (checkInt32(body.domainId, "domainId") !== domainId) {
        throw invalid(`domainId: moving a ${decl.label} to another domain is not supported (stored in ${domainId})`);
      }
    }
    const id = rec.data[decl.idField] as string;
    const values = buildValues(decl, body, mode, rec.data);
    this.checkUnique(decl, domainId, values, id);
    const data = { domainId, [decl.idField]: id, ...values };
    this.store.replace(decl.kind, id, data);
    return { status: 200, body: present(decl, data) };
  }

  private remove(decl: KindDecl, ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locate(decl, ctx, seg);
    this.store.remove(decl.kind, rec.data[decl.idField] as string);
    // Members' values of it read as null from now on (users.ts views a reference to a gone object as none).
    return { status: 204 };
  }

  /** enable/disable: idempotent 204. Disabling wipes every object of the kind in the domain. */
  private setSwitch(decl: KindDecl, ctx: ApiContext, enabled: boolean): ApiResult {
    const domainId = requireDomain(this.store, intQuery(ctx.query, "domainId") ?? this.store.defaultDomain);
    this.switchFeature(decl.kind, domainId, enabled);
    return { status: 204 };
  }

  switchFeature(kind: DirectoryKind, domainId: number, enabled: boolean): void {
    this.store.batch(() => {
      if (!enabled) {
        this.store.removeWhere(kind, (d) => d.domainId === domainId);
        // Members' values of this kind read as null from now on (users.ts: a gone object is no value).
      }
      this.store.setEnabled(domainId, kind, enabled);
    });
  }

  /** The kind's bulk external-key endpoints: list order, resolution and switch as elsewhere. */
  private bulkOf(decl: KindDecl): ExternalKeyBulk {
    return {
      path: `/directory/${decl.route}/external-keys`, kind: decl.kind, listKey: decl.listKey, label: decl.label,
      idField: decl.idField, keyField: decl.externalKeyField, keyScope: decl.keyScope,
      name: (d) => d[decl.nameField],
      rows: (domainId) => this.sorted(decl, domainId).map((rec) => ({ rec, key: [rec.data.displayOrder as number, rec.seq] })),
      resolve: (ref, domainId) => this.resolve(decl, ref, domainId ?? this.store.defaultDomain),
      requireUsable: (domainId) => this.requireFeature(decl, domainId),
      describe: (r) => `"${String(r.data[decl.nameField])}" (${String(r.data[decl.idField])})`,
    };
  }

  // --- addressing --------------------------------------------------------------------------------

  /**
   * Finds the object addressed by an `{id}` segment (ID or `externalKey:{key}`), checking the
   * feature switch first so a disabled kind answers 403 rather than 404.
   *
   * IDs are unique in the tenant and resolve everywhere, except that an explicit domainId query on
   * a domain-scoped kind must match. External keys resolve tenant-wide for tenant-scoped kinds, and
   * for domain-scoped kinds in the domain given by the domainId query, else the body's domainId
   * (PUT/PATCH), else the tenant's first domain.
   */
  private locate(decl: KindDecl, ctx: ApiContext, seg: string): StoredRecord {
    const ref = decodeSegment(decl, seg);
    const queryDomain = this.honoursDomainQuery(decl, ctx) ? intQuery(ctx.query, "domainId") : undefined;
    if (queryDomain !== undefined) requireDomain(this.store, queryDomain);
    let rec = this.resolve(decl, ref, this.keyDomain(decl, ctx, queryDomain));
    if (rec && queryDomain !== undefined && rec.data.domainId !== queryDomain) rec = undefined;
    this.requireFeature(decl, rec ? (rec.data.domainId as number) : this.fallbackDomain(ctx, queryDomain));
    if (!rec) throw new ApiError(404, "NOT_FOUND", `${decl.label} not found`);
    return rec;
  }

  private honoursDomainQuery(decl: KindDecl, ctx: ApiContext): boolean {
    if (decl.keyScope === "tenant") return false;
    return ctx.method === "DELETE" ? decl.deleteTakesDomainId : true;
  }

  private keyDomain(decl: KindDecl, ctx: ApiContext, queryDomain: number | undefined): number {
    if (queryDomain !== undefined) return queryDomain;
    const body = ctx.body;
    if (decl.putCarriesDomainId && isPlainObject(body) && typeof body.domainId === "number") return body.domainId;
    return this.store.defaultDomain;
  }

  /** Domain whose switch decides 403 vs 404 when nothing was found. */
  private fallbackDomain(ctx: ApiContext, queryDomain: number | undefined): number {
    if (queryDomain !== undefined) return queryDomain;
    const q = Number(ctx.query.get("domainId"));
    return this.store.hasDomain(q) ? q : this.store.defaultDomain;
  }

  private resolve(decl: KindDecl, ref: string, keyDomain: number): StoredRecord | undefined {
    return findByRef(this.store, decl.kind, ref, decl.externalKeyField, (d) => decl.keyScope === "tenant" || d.domainId === keyDomain);
  }

  /** Concurrency key of an item request; both addressing styles give the same key. */
  private itemKey(decl: KindDecl, ctx: ApiContext, seg: string): string | undefined {
    try {
      const ref = decodeSegment(decl, seg);
      const queryDomain = this.honoursDomainQuery(decl, ctx) ? intQuery(ctx.query, "domainId") : undefined;
      const keyDomain = this.keyDomain(decl, ctx, queryDomain);
      const rec = this.resolve(decl, ref, keyDomain);
      if (rec) return `${decl.kind}:${String(rec.data.domainId)}:${String(rec.data[decl.idField])}`;
      return `${decl.kind}:${decl.keyScope === "tenant" ? "*" : keyDomain}:${ref}`;
    } catch {
      return undefined;
    }
  }

  private createKey(decl: KindDecl, ctx: ApiContext): string | undefined {
    const b = ctx.body;
    if (!isPlainObject(b) || typeof b[decl.nameField] !== "string") return undefined;
    return `${decl.kind}:${String(b.domainId)}:name=${b[decl.nameField] as string}`;
  }

  // --- checks --------------------------------------------------------------------------------------

  private bodyDomain(body: Obj): number {
    if (body.domainId === undefined || body.domainId === null) throw missing("domainId");
    return requireDomain(this.store, checkInt32(body.domainId, "domainId"));
  }

  private requireFeature(decl: KindDecl, domainId: number): void {
    if (!this.store.isEnabled(domainId, decl.kind)) {
      // Status is unconfirmed (community report shows only the description); 403 chosen.
      throw new ApiError(403, "FORBIDDEN", `The API cannot be used when ${decl.featureFlag} is false.`);
    }
  }

  /** Name: unique per domain and kind. External key: unique per domain or per tenant. */
  private checkUnique(decl: KindDecl, domainId: number, values: Obj, selfId?: string): void {
    const others = (d: Obj) => d[decl.idField] !== selfId;
    const name = values[decl.nameField];
    if (this.store.find(decl.kind, (d) => others(d) && d.domainId === domainId && d[decl.nameField] === name)) {
      throw new ApiError(409, "ALREADY_EXIST", `${decl.nameField}: "${String(name)}" already exists in domain ${domainId}`);
    }
    const key = values[decl.externalKeyField];
    if (key === null || key === undefined) return;
    const clash = this.store.find(decl.kind, (d) => others(d) && d[decl.externalKeyField] === key
      && (decl.keyScope === "tenant" || d.domainId === domainId));
    if (clash) {
      const where = decl.keyScope === "tenant" ? "the tenant" : `domain ${domainId}`;
      throw new ApiError(409, "ALREADY_EXIST", `${decl.externalKeyField}: "${String(key)}" already exists in ${where}`);
    }
  }

  private sorted(decl: KindDecl, domainId?: number): StoredRecord[] {
    return this.store.all(decl.kind)
      .filter((r) => domainId === undefined || r.data.domainId === domainId)
      .sort(compareRecords);
  }

  // --- out-of-band access for tests (Emulator.objects/seed/update/remove) ------------------------------

  objects(kind: DirectoryKind, domainId?: number): Obj[] {
    const decl = declOf(kind);
    return this.sorted(decl, domainId).map((r) => present(decl, r.data));
  }

  /** Inserts without validation (tests may want odd states); missing fields get empty values. */
  seed(kind: DirectoryKind, obj: Obj): Obj {
    const decl = declOf(kind);
    const id = typeof obj[decl.idField] === "string" ? (obj[decl.idField] as string) : newId(decl.idPrefix);
    const data: Obj = { domainId: this.store.defaultDomain, ...clone(obj), [decl.idField]: id };
    for (const f of decl.fields) if (data[f.name] === undefined) data[f.name] = f.empty();
    this.store.insert(kind, id, data);
    return present(decl, data);
  }

  updateRaw(kind: DirectoryKind, id: string, patch: Obj): void {
    const decl = declOf(kind);
    const rec = this.store.get(kind, id);
    if (!rec) throw new Error(`${decl.label} ${id} does not exist`);
    this.store.replace(kind, id, { ...rec.data, ...clone(patch), [decl.idField]: id });
  }

  removeRaw(kind: DirectoryKind, id: string): void {
    if (!this.store.remove(kind, id)) throw new Error(`${declOf(kind).label} ${id} does not exist`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

export function requireBody(body: unknown): Obj {
  if (!isPlainObject(body)) throw new ApiError(400, "BAD_REQUEST", "request body must be a JSON object");
  return body;
}

/**
 * Field values for create / PUT / PATCH. PUT resets omitted optional fields to their empty value;
 * PATCH keeps omitted fields and clears fields sent as null. Unknown properties are ignored.
 */
export function buildValues(decl: { fields: readonly FieldDecl[] }, body: Obj, mode: Mode, current: Obj = {}): Obj {
  const out: Obj = {};
  for (const f of decl.fields) {
    const v = body[f.name];
    if (mode === "patch" && v === undefined) {
      out[f.name] = clone(current[f.name] ?? f.empty());
    } else if (v === undefined || v === null) {
      const presence = mode === "create" ? f.create : mode === "put" ? f.put : "optional";
      if (presence === "required") throw v === undefined ? missing(f.name) : invalid(`${f.name}: must not be null`);
      if (v === null && !f.nullable) throw invalid(`${f.name}: must not be null`);
      out[f.name] = f.empty();
    } else {
      out[f.name] = f.check(v, f.name);
    }
  }
  return out;
}

/** Response shape: every schema property, in documentation order, as a copy. */
function present(decl: KindDecl, data: Obj): Obj {
  const out: Obj = { domainId: data.domainId, [decl.idField]: data[decl.idField] };
  for (const f of decl.fields) out[f.name] = clone(data[f.name] ?? f.empty());
  return out;
}

export function decodeSegment(decl: { idField: string }, seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    throw invalid(`${decl.idField}: malformed percent-encoding in path`);
  }
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

// List order: displayOrder ascending (the documented sort key), then creation order.
function compareRecords(a: StoredRecord, b: StoredRecord): number {
  return (a.data.displayOrder as number) - (b.data.displayOrder as number) || a.seq - b.seq;
}

interface CursorPos { o: number; s: number }

function isAfter(r: StoredRecord, c: CursorPos): boolean {
  const o = r.data.displayOrder as number;
  return o > c.o || (o === c.o && r.seq > c.s);
}

// Cursors are keyset positions (last item's sort key), so pages stay consistent when objects are
// added or removed between calls. Standard base64 on purpose: clients must URL-encode it.
function encodeCursor(last: StoredRecord): string {
  return Buffer.from(JSON.stringify({ o: last.data.displayOrder, s: last.seq })).toString("base64");
}

function decodeCursor(raw: string | null): CursorPos | undefined {
  if (raw === null) return undefined;
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) throw new Error();
    const c = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as unknown;
    if (isPlainObject(c) && Number.isInteger(c.o) && Number.isInteger(c.s)) return { o: c.o as number, s: c.s as number };
  } catch {
    // fall through
  }
  throw invalid("cursor: not a valid cursor");
}

// ---------------------------------------------------------------------------------------------
// Bulk external keys: `POST .../external-keys` and `GET .../external-keys`, one implementation for
// every kind that has them (README "7. External keys" and each kind's page).

/** One kind's bulk external-key endpoints; the kind's module supplies its records and addressing. */
export interface ExternalKeyBulk {
  /** API path of both endpoints, e.g. `/directory/positions/external-keys`. */
  path: string;
  /** Store collection. */
  kind: string;
  /** Array property of the POST body and of the GET answer, e.g. `positions`. */
  listKey: string;
  /** Singular, for messages. */
  label: string;
  idField: string;
  keyField: string;
  /**
   * "domain": every POST item carries `domainId` (required), its `id` is resolved and its key is
   * unique in that domain (positions, levels); "tenant": no domainId, keys unique in the tenant.
   */
  keyScope: "domain" | "tenant";
  /** `name` of a GET entry. */
  name(data: Obj): unknown;
  /** `email` of a GET entry; absent = the kind's entries carry no email. */
  email?(data: Obj): unknown;
  /** The domain's listed records in list order, each with its keyset sort key. */
  rows(domainId: number): Array<{ rec: StoredRecord; key: number[] }>;
  /** Records whose keys count for uniqueness (default: the whole collection). */
  holders?(): StoredRecord[];
  /** The record an item's `id` names (ID, `externalKey:{key}`, and the kind's other forms). */
  resolve(ref: string, domainId: number | undefined): StoredRecord | undefined;
  /** Throws when the kind may not be used in the domain (a switched-off feature). */
  requireUsable?(domainId: number): void;
  /** Throws when the API may not change this record (e.g. an external group, a deleted user). */
  requireWritable?(rec: StoredRecord): void;
  /** How messages name a record. */
  describe(rec: StoredRecord): string;
}

/** Only the directory scopes are listed for the external-key endpoints of every kind. */
const KEY_READ_SCOPES = ["directory", "directory.read"] as const;
const KEY_WRITE_SCOPES = ["directory"] as const;
const BULK_MAX = 50;

/** The route of `{method} {bulk.path}`: GET lists, POST sets; other methods → 405. */
export function externalKeyRoute(store: Store, bulk: ExternalKeyBulk, method: string): MatchOutcome {
  const api = `${method} ${bulk.path}`;
  const route = (scopes: readonly string[], execute: (c: ApiContext) => ApiResult): RouteMatch => ({ api, scopes, execute, objectKey: () => undefined });
  if (method === "GET") return route(KEY_READ_SCOPES, (c) => listExternalKeys(store, bulk, c));
  if (method === "POST") return route(KEY_WRITE_SCOPES, (c) => setExternalKeys(store, bulk, c));
  return { methodNotAllowed: api };
}

/**
 * `{<listKey>: [{domainId, name, (email), id, externalKey}], responseMetaData}` of the query's
 * domainId (default: the first domain), in the kind's list order; `hasExternalKey=true` keeps the
 * records with a key, `false` those without, absent all.
 */
function listExternalKeys(store: Store, bulk: ExternalKeyBulk, ctx: ApiContext): ApiResult {
  const domainId = requireDomain(store, intQuery(ctx.query, "domainId") ?? store.defaultDomain);
  bulk.requireUsable?.(domainId);
  const has = ctx.query.get("hasExternalKey");
  if (has !== null && has !== "true" && has !== "false") throw invalid("hasExternalKey: must be true or false");
  const rows = bulk.rows(domainId).filter((r) => has === null || (has === "true") === (typeof r.rec.data[bulk.keyField] === "string"));
  const page = keysetPage(rows, (r) => r.key, ctx.query);
  const entries = page.items.map(({ rec: { data } }) => ({
    domainId: data.domainId,
    name: bulk.name(data),
    ...(bulk.email ? { email: bulk.email(data) ?? null } : {}),
    id: data[bulk.idField],
    externalKey: data[bulk.keyField] ?? null,
  }));
  return { status: 200, body: { [bulk.listKey]: entries, responseMetaData: { nextCursor: page.nextCursor } } };
}

/**
 * `{<listKey>: [{(domainId), id, externalKey}]}`, 1..50 items: a key adds or overwrites, null
 * deletes; 204. All or nothing: every item is checked before anything changes. A bad body or key,
 * or one object named twice → 400; an unknown object → 404; a key that another object of the
 * scope would hold after the change (also one given twice in the request) → 409. Swapping two
 * objects' keys in one request is fine.
 */
function setExternalKeys(store: Store, bulk: ExternalKeyBulk, ctx: ApiContext): ApiResult {
  const body = requireBody(ctx.body);
  const list = body[bulk.listKey];
  if (list === undefined || list === null) throw missing(bulk.listKey);
  if (!Array.isArray(list)) throw invalid(`${bulk.listKey}: must be an array`);
  if (list.length < 1 || list.length > BULK_MAX) throw invalid(`${bulk.listKey}: must have 1 to ${BULK_MAX} entries`);
  const changes = new Map<string, { rec: StoredRecord; key: string | null }>();
  list.forEach((e: unknown, i) => {
    const at = `${bulk.listKey}[${i}]`;
    if (!isPlainObject(e)) throw invalid(`${at}: must be an object`);
    let domainId: number | undefined;
    if (bulk.keyScope === "domain") {
      if (e.domainId === undefined || e.domainId === null) throw missing(`${at}.domainId`);
      domainId = requireDomain(store, checkInt32(e.domainId, `${at}.domainId`), `${at}.domainId`);
      bulk.requireUsable?.(domainId);
    }
    if (e.id === undefined || e.id === null) throw missing(`${at}.id`);
    if (typeof e.id !== "string" || e.id === "") throw invalid(`${at}.id: must be a non-empty string`);
    if (e.externalKey === undefined) throw missing(`${at}.externalKey`);
    const key = e.externalKey === null ? null : checkExternalKey(e.externalKey, `${at}.externalKey`);
    const rec = bulk.resolve(e.id, domainId);
    if (!rec || (domainId !== undefined && rec.data.domainId !== domainId)) {
      throw new ApiError(404, "NOT_FOUND", `${at}.id: ${bulk.label} ${e.id} not found${domainId === undefined ? "" : ` in domain ${domainId}`}`);
    }
    bulk.requireWritable?.(rec);
    const id = rec.data[bulk.idField] as string;
    if (changes.has(id)) throw invalid(`${at}.id: ${bulk.label} ${bulk.describe(rec)} appears more than once`);
    changes.set(id, { rec, key });
  });
  const holders = bulk.holders?.() ?? store.all(bulk.kind);
  const keyAfter = (r: StoredRecord) => {
    const change = changes.get(r.data[bulk.idField] as string);
    return change ? change.key : r.data[bulk.keyField];
  };
  for (const [id, { rec, key }] of changes) {
    if (key === null) continue;
    const inScope = (r: StoredRecord) => bulk.keyScope === "tenant" || r.data.domainId === rec.data.domainId;
    const holder = holders.find((r) => r.data[bulk.idField] !== id && inScope(r) && keyAfter(r) === key);
    if (holder) {
      const where = bulk.keyScope === "tenant" ? "the tenant" : `domain ${String(rec.data.domainId)}`;
      throw new ApiError(409, "ALREADY_EXIST", `${bulk.keyField}: "${key}" is already used in ${where} by ${bulk.label} ${bulk.describe(holder)}`);
    }
  }
  store.batch(() => {
    for (const [id, { key }] of changes) store.replace(bulk.kind, id, { ...store.get(bulk.kind, id)!.data, [bulk.keyField]: key });
  });
  return { status: 204 };
}

// ---------------------------------------------------------------------------------------------
// Keyset paging (lists of org units, users, groups and the external-key lists)

/** Lexicographic; a prefix sorts first (a parent before its sub-units). */
export function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * One page of an already sorted list (`count` 1..100, default 100). The cursor is the last item's
 * sort key, so a page never repeats or skips items that stayed put. Standard base64 on purpose:
 * clients must URL-encode it.
 */
export function keysetPage<T>(sorted: T[], keyOf: (t: T) => number[], query: URLSearchParams): { items: T[]; nextCursor: string | null } {
  const count = intQuery(query, "count") ?? 100;
  if (count < 1 || count > 100) throw invalid("count: must be between 1 and 100");
  const raw = query.get("cursor");
  const after = raw === null ? undefined : decodeKeyCursor(raw);
  const rest = after ? sorted.filter((t) => compareKeys(keyOf(t), after) > 0) : sorted;
  const items = rest.slice(0, count);
  const nextCursor = rest.length > count ? Buffer.from(JSON.stringify(keyOf(items[items.length - 1]))).toString("base64") : null;
  return { items, nextCursor };
}

function decodeKeyCursor(raw: string): number[] {
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) throw new Error();
    const k = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as unknown;
    if (Array.isArray(k) && k.length > 0 && k.every((n) => Number.isInteger(n))) return k as number[];
  } catch {
    // fall through
  }
  throw invalid("cursor: not a valid cursor");
}
