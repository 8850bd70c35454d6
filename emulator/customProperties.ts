// The `/directory/users/custom-properties` collection (custom properties / カスタム項目): the
// definitions of the extra member fields, and the rules members' values follow (users.ts calls
// `customValuesOf` and `presentedValues`). Facts from /work/shared/lineworks-api/users.md
// "Confirmed later"; choices the docs leave open are marked "unconfirmed".
//
// Like the other modules, validation is written by hand and never shares the provider's code.
import {
  ApiContext, ApiError, ApiModule, ApiResult, MatchOutcome, RouteMatch, intQuery, isPlainObject, requireDomain,
} from "./api";
import {
  FieldDecl, buildValues, checkBoolean, checkI18nLanguage, checkInt32, checkString, clone, decodeSegment, invalid, missing, newId, requireBody,
} from "./directory";
import type { Store, StoredRecord } from "./store";

type Obj = Record<string, unknown>;

/** Store collection of this module (test controls address it by this name). */
export type CustomPropertyCollection = "customProperties";

const DEFINITIONS = "customProperties";
const READ_SCOPES = ["user", "user.read", "directory", "directory.read"] as const;
const WRITE_SCOPES = ["user", "directory"] as const;
/** "At most 50 per domain" (directory-user-custom-property-create). */
export const MAX_DEFINITIONS = 50;
/** A multi-valued property holds at most 10 values (the users field table). */
const MAX_VALUES = 10;
const TYPES = ["STRING", "LINK", "INTEGER", "DATE"];

// ---------------------------------------------------------------------------------------------
// Definition fields

function checkPropertyName(v: unknown, field: string): string {
  const s = checkString(v, field, 120);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) throw invalid(`${field}: must contain only letters, digits and "_", starting with a letter or "_"`);
  return s;
}

const checkDisplayName = (v: unknown, field: string) => checkString(v, field, 20);

function checkI18nDisplayNames(v: unknown, field: string): Obj[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  const seen = new Set<string>();
  return v.map((e, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(e)) throw invalid(`${at}: must be an object`);
    if (e.name === undefined || e.name === null) throw missing(`${at}.name`);
    return { language: checkI18nLanguage(e, at, seen), name: checkDisplayName(e.name, `${at}.name`) };
  });
}

function checkEnum(values: string[]) {
  return (v: unknown, field: string) => {
    if (typeof v !== "string" || !values.includes(v)) throw invalid(`${field}: must be one of ${values.join(", ")}`);
    return v;
  };
}

/** At least 2 options, each {optionName ≤ 100, displayName ≤ 20, i18nDisplayNames}; an optionName twice is refused (unconfirmed). */
function checkOptions(v: unknown, field: string): Obj[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  if (v.length < 2) throw invalid(`${field}: must have at least 2 items`);
  const names = new Set<string>();
  return v.map((e, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(e)) throw invalid(`${at}: must be an object`);
    if (e.optionName === undefined || e.optionName === null) throw missing(`${at}.optionName`);
    if (e.displayName === undefined || e.displayName === null) throw missing(`${at}.displayName`);
    const optionName = checkString(e.optionName, `${at}.optionName`, 100);
    if (names.has(optionName)) throw invalid(`${at}.optionName: "${optionName}" appears more than once`);
    names.add(optionName);
    const i18n = e.i18nDisplayNames === undefined || e.i18nDisplayNames === null ? [] : checkI18nDisplayNames(e.i18nDisplayNames, `${at}.i18nDisplayNames`);
    return { optionName, displayName: checkDisplayName(e.displayName, `${at}.displayName`), i18nDisplayNames: i18n };
  });
}

function checkDisplayOrder(v: unknown, field: string): number {
  const n = checkInt32(v, field);
  if (n < 1) throw invalid(`${field}: must be at least 1`);
  return n;
}

const field = (name: string, create: "required" | "optional", check: FieldDecl["check"], empty: () => unknown): FieldDecl =>
  ({ name, create, put: create, nullable: create === "optional", empty, check });

/** The definition's fields in documentation order (domainId and customPropertyId apart). */
const FIELDS: FieldDecl[] = [
  field("propertyName", "required", checkPropertyName, () => null),
  field("displayName", "required", checkDisplayName, () => null),
  field("i18nDisplayNames", "optional", checkI18nDisplayNames, () => []),
  field("propertyType", "required", checkEnum(TYPES), () => null),
  field("displayOrder", "optional", checkDisplayOrder, () => null),
  field("multiValued", "optional", checkBoolean, () => false),
  field("options", "optional", checkOptions, () => []),
  field("mandatory", "optional", checkBoolean, () => false),
  field("readAccessType", "optional", checkEnum(["ALL", "ADMIN_AND_SELF"]), () => "ALL"),
  field("writeAccessType", "optional", checkEnum(["ADMIN", "ADMIN_AND_SELF"]), () => "ADMIN"),
];
/** "cannot be changed" by PATCH (directory-user-custom-property-update-patch). */
const FIXED = ["propertyName", "propertyType", "multiValued"];

const notFound = () => new ApiError(404, "NOT_FOUND", "custom property not found");

// ---------------------------------------------------------------------------------------------
// Handler

export class CustomPropertiesModule implements ApiModule {
  constructor(private readonly store: Store) {}

  match(method: string, path: string): MatchOutcome {
    const m = /^\/directory\/users\/custom-properties(?:\/([^/]+))?$/.exec(path);
    if (!m) return undefined;
    const seg = m[1];
    const route = (api: string, scopes: readonly string[], execute: (c: ApiContext) => ApiResult, key?: (c: ApiContext) => string | undefined): RouteMatch =>
      ({ api, scopes, execute, objectKey: key ?? (() => undefined) });
    if (seg === undefined) {
      const api = `${method} /directory/users/custom-properties`;
      if (method === "GET") return route(api, READ_SCOPES, (c) => this.list(c));
      if (method === "POST") return route(api, WRITE_SCOPES, (c) => this.create(c));
      return { methodNotAllowed: api };
    }
    // No GET of one definition is documented: only the list.
    const api = `${method} /directory/users/custom-properties/{id}`;
    const key = (c: ApiContext) => this.locate(c, seg, true)?.data.customPropertyId as string | undefined;
    if (method === "PATCH") return route(api, WRITE_SCOPES, (c) => this.patch(c, seg), key);
    if (method === "DELETE") return route(api, WRITE_SCOPES, (c) => this.remove(c, seg), key);
    return { methodNotAllowed: api };
  }

  /** Every definition of the domain under `customAttributes`, no paging: displayOrder ascending (null last), then creation order (unconfirmed). */
  private list(ctx: ApiContext): ApiResult {
    const domainId = this.domainOf(ctx);
    return { status: 200, body: { customAttributes: this.of(domainId).map((r) => present(r.data)) } };
  }

  private create(ctx: ApiContext): ApiResult {
    const body = requireBody(ctx.body);
    if (body.domainId === undefined || body.domainId === null) throw missing("domainId");
    const domainId = requireDomain(this.store, checkInt32(body.domainId, "domainId"));
    const values = this.checked(buildValues({ fields: FIELDS }, body, "create"));
    const count = this.of(domainId).length;
    if (count >= MAX_DEFINITIONS) throw invalid(`domain ${domainId} has ${count} custom properties; at most ${MAX_DEFINITIONS} can be created per domain`);
    this.unique(domainId, values);
    const id = newId("custprop");
    const data = { domainId, customPropertyId: id, ...values };
    this.store.insert(DEFINITIONS, id, data);
    return { status: 201, body: present(data) };
  }

  /** PATCH by ID or propertyName; propertyName, propertyType and multiValued cannot change (the same value is accepted). */
  private patch(ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locate(ctx, seg)!;
    const body = requireBody(ctx.body);
    for (const f of FIXED) {
      if (body[f] !== undefined && JSON.stringify(body[f]) !== JSON.stringify(rec.data[f])) {
        throw invalid(`${f}: cannot be changed (custom property ${String(rec.data.propertyName)}); delete the custom property and create it again`);
      }
    }
    const values = this.checked(buildValues({ fields: FIELDS }, body, "patch", rec.data));
    const domainId = rec.data.domainId as number;
    this.unique(domainId, values, rec.data.customPropertyId as string);
    const data = { domainId, customPropertyId: rec.data.customPropertyId, ...values };
    this.store.replace(DEFINITIONS, rec.data.customPropertyId as string, data);
    return { status: 200, body: present(data) };
  }

  /** 204; members' values of it are deleted asynchronously (they are no longer shown at once, and gone from the store a moment later). */
  private remove(ctx: ApiContext, seg: string): ApiResult {
    const rec = this.locate(ctx, seg)!;
    const { domainId, propertyName, customPropertyId } = rec.data as { domainId: number; propertyName: string; customPropertyId: string };
    this.store.remove(DEFINITIONS, customPropertyId);
    setImmediate(() => this.dropValues(domainId, propertyName));
    return { status: 204 };
  }

  private dropValues(domainId: number, propertyName: string): void {
    // A definition of that name created meanwhile starts empty too: its values were the old one's.
    this.store.batch(() => {
      for (const r of this.store.all("users")) {
        const values = r.data.customProperties;
        if (r.data.domainId !== domainId || !isPlainObject(values) || !(propertyName in values)) continue;
        const { [propertyName]: _gone, ...rest } = values;
        this.store.replace("users", r.data.userId as string, { ...r.data, customProperties: rest });
      }
    });
  }

  // --- rules ---------------------------------------------------------------------------------------

  private checked(values: Obj): Obj {
    const options = values.options as Obj[];
    if (options.length && values.propertyType !== "STRING") throw invalid(`options: only a STRING custom property has options, not ${String(values.propertyType)}`);
    return values;
  }

  /** propertyName and displayName are unique in the domain. */
  private unique(domainId: number, values: Obj, self?: string): void {
    for (const f of ["propertyName", "displayName"]) {
      const other = this.of(domainId).find((r) => r.data[f] === values[f] && r.data.customPropertyId !== self);
      if (other) throw new ApiError(409, "ALREADY_EXIST", `${f}: "${String(values[f])}" already exists in domain ${domainId}`);
    }
  }

  private domainOf(ctx: ApiContext): number {
    return requireDomain(this.store, intQuery(ctx.query, "domainId") ?? this.store.defaultDomain);
  }

  private of(domainId: number): StoredRecord[] {
    const order = (r: StoredRecord) => (typeof r.data.displayOrder === "number" ? r.data.displayOrder : Number.MAX_SAFE_INTEGER);
    return this.store.all(DEFINITIONS).filter((r) => r.data.domainId === domainId).sort((a, b) => order(a) - order(b) || a.seq - b.seq);
  }

  /** By ID, else by propertyName in the `domainId` query's domain. */
  private locate(ctx: ApiContext, seg: string, lenient = false): StoredRecord | undefined {
    const ref = decodeSegment({ idField: "customPropertyId" }, seg);
    const byId = this.store.get(DEFINITIONS, ref);
    if (byId) return byId;
    let domainId: number | undefined;
    try {
      domainId = this.domainOf(ctx);
    } catch (e) {
      if (lenient) return undefined;
      throw e;
    }
    const found = this.of(domainId).find((r) => r.data.propertyName === ref);
    if (!found && !lenient) throw notFound();
    return found;
  }

  // --- out-of-band access for tests (Emulator.objects/seed/update/remove) ------------------------------

  objects(_kind: CustomPropertyCollection, domainId?: number): Obj[] {
    return this.store.domainIds.filter((d) => domainId === undefined || d === domainId).flatMap((d) => this.of(d).map((r) => present(r.data)));
  }

  seed(_kind: CustomPropertyCollection, obj: Obj): Obj {
    const data: Obj = { domainId: this.store.defaultDomain, ...clone(obj) };
    data.customPropertyId ??= newId("custprop");
    this.store.insert(DEFINITIONS, data.customPropertyId as string, data);
    return present(data);
  }

  updateRaw(_kind: CustomPropertyCollection, id: string, patch: Obj): void {
    const rec = this.store.get(DEFINITIONS, id);
    if (!rec) throw new Error(`customProperties ${id} does not exist`);
    this.store.replace(DEFINITIONS, id, { ...rec.data, ...clone(patch), customPropertyId: id });
  }

  removeRaw(_kind: CustomPropertyCollection, id: string): void {
    if (!this.store.remove(DEFINITIONS, id)) throw new Error(`customProperties ${id} does not exist`);
  }
}

function present(data: Obj): Obj {
  const out: Obj = { domainId: data.domainId, customPropertyId: data.customPropertyId };
  for (const f of FIELDS) out[f.name] = clone(data[f.name] ?? f.empty());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Members' values (users.ts)

const definitionsOf = (store: Store, domainId: number) => store.all(DEFINITIONS).filter((r) => r.data.domainId === domainId).map((r) => r.data);

/**
 * A member's `customProperties` of a create, PUT or PATCH body, checked against the domain's
 * definitions. PATCH changes only the properties it names (null deletes one); PUT and create
 * replace the whole map (unconfirmed: the docs do not say how PATCH treats the map).
 */
export function customValuesOf(store: Store, body: Obj, mode: "create" | "put" | "patch", current: Obj, domainId: number): Obj {
  const given = body.customProperties;
  const stored = isPlainObject(current.customProperties) ? current.customProperties : {};
  if (given === undefined) return mode === "patch" ? clone(stored) : {};
  if (given === null) return mode === "patch" ? clone(stored) : {};
  if (!isPlainObject(given)) throw invalid("customProperties: must be an object of values by propertyName");
  const defs = new Map(definitionsOf(store, domainId).map((d) => [d.propertyName as string, d]));
  const out: Obj = mode === "patch" ? clone(stored) : {};
  for (const [name, v] of Object.entries(given)) {
    const def = defs.get(name);
    if (!def) throw invalid(`customProperties.${name}: no custom property "${name}" is defined in domain ${domainId}`);
    if (v === null) delete out[name];
    else out[name] = checkValue(def, v, `customProperties.${name}`);
  }
  return out;
}

function checkValue(def: Obj, v: unknown, at: string): unknown {
  if (def.multiValued === true) {
    if (!Array.isArray(v)) throw invalid(`${at}: must be an array (the custom property is multi-valued)`);
    if (v.length > MAX_VALUES) throw invalid(`${at}: must have at most ${MAX_VALUES} values`);
    return v.map((x, i) => checkOne(def, x, `${at}[${i}]`));
  }
  if (Array.isArray(v)) throw invalid(`${at}: must be a single value (the custom property is not multi-valued)`);
  return checkOne(def, v, at);
}

function checkOne(def: Obj, v: unknown, at: string): unknown {
  switch (def.propertyType) {
    case "STRING": {
      if (typeof v !== "string") throw invalid(`${at}: must be a string`);
      const options = (def.options as Obj[] | undefined) ?? [];
      if (options.length && !options.some((o) => o.optionName === v)) throw invalid(`${at}: "${v}" is not an optionName of the custom property`);
      return v;
    }
    case "DATE": {
      const ok = typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
      if (!ok) throw invalid(`${at}: must be a date YYYY-MM-DD`);
      return v;
    }
    case "INTEGER":
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw invalid(`${at}: must be an integer of at least 0`);
      return v;
    default: {
      if (!isPlainObject(v)) throw invalid(`${at}: must be an object {text, link}`);
      if (v.link === undefined || v.link === null) throw missing(`${at}.link`);
      const link = checkString(v.link, `${at}.link`, 300);
      const text = v.text === undefined || v.text === null ? null : checkString(v.text, `${at}.text`, 100, 0);
      return { text, link };
    }
  }
}

/** A member's values as presented: only those of properties defined in the member's domain now. */
export function presentedValues(store: Store, data: Obj): Obj {
  const values = isPlainObject(data.customProperties) ? data.customProperties : {};
  const defined = new Set(definitionsOf(store, data.domainId as number).map((d) => d.propertyName as string));
  return Object.fromEntries(Object.entries(values).filter(([k]) => defined.has(k)).map(([k, v]) => [k, clone(v)]));
}
