// The lifecycle of every directory object type, written once: check, diff, create (with adoption
// and lost-response recovery), read, update and delete. A type is a declaration in kinds.ts.
import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import { rawSetting, resolveSettings, secretValues, type RawConfig, type Settings, SETTINGS } from "./config";
import { clientFor, itemRef, type ApiClient } from "./client";
import { ConflictError, LineWorksError, NetworkError, NotFoundError, ServerError, redact } from "./errors";
import { FEATURES, isFeatureOff, KINDS, type Kind } from "./kinds";
import { DomainWriters, KeyedMutex } from "./ordering";
import { SnapshotCache } from "./snapshot";

/** The value Pulumi passes for inputs not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PROVIDER_KEY = "__provider";

type Props = Record<string, any>;
export interface CheckFailure {
  property: string;
  reason: string;
}

// ---- configuration (set by `configure`, read at call time; nothing is kept on the provider object)

let configured: RawConfig | undefined;

export function configure(config: RawConfig | undefined): void {
  configured = config;
}

let resolved: { config: RawConfig | undefined; env: string; value: Settings } | undefined;

/** Settings as of now: re-resolved whenever the configuration or a LINEWORKS_* variable changed. */
export function settings(): Settings {
  const env = Object.values(SETTINGS)
    .map((spec) => process.env[spec.env] ?? "")
    .join("\u0000");
  if (!resolved || resolved.config !== configured || resolved.env !== env) resolved = { config: configured, env, value: resolveSettings(configured) };
  return resolved.value;
}

/** `lineworks:domainId` alone: check needs it before credentials are known to be complete. */
export function defaultDomainId(): number | undefined {
  const v = Number(rawSetting(configured, "domainId"));
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

export function kindOf(type: string): Kind {
  const kind = KINDS[type];
  if (!kind) throw new Error(`unknown LINE WORKS resource type ${type}`);
  return kind;
}

const locks = new KeyedMutex();
const writers = new DomainWriters();
const snapshots = new SnapshotCache<Props>();

/**
 * Every write: one at a time per object (`objectKey`), under the per-domain rule of its type if
 * it has one, and invalidating that type's list snapshots when done.
 */
async function write<T>(kind: Kind, domainId: number, objectKey: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await locks.run(`${kind.type}|${objectKey}`, () => writers.schedule(kind.type, domainId, fn));
  } catch (e) {
    if (e instanceof LineWorksError && isFeatureOff(e, kind.feature)) {
      const f = FEATURES[kind.feature];
      throw new Error(
        `${e.message} The ${f.noun} feature (${f.flag}) is off in domain ${domainId}: declare ` +
          `\`new lineworks.DirectoryFeature("${kind.feature}", { feature: "${kind.feature}" })\` and make this ${kind.noun} depend on it.`,
      );
    }
    throw e;
  } finally {
    snapshots.invalidate(kind.type);
  }
}

export function log(message: string): void {
  let secrets: string[] = [];
  try {
    secrets = secretValues(settings());
  } catch {
    /* not configured: nothing to scrub */
  }
  console.error(redact(`[lineworks] ${message}`, secrets));
}

// ---- values

export const isUnknown = (v: unknown): boolean =>
  v === UNKNOWN || (Array.isArray(v) ? v.some(isUnknown) : !!v && typeof v === "object" && Object.values(v).some(isUnknown));

/** Comparable form of a field: absent and null alike; i18nNames as a set (order is not meaningful). */
function canon(field: string, v: unknown): unknown {
  if (field === "i18nNames") {
    const list = Array.isArray(v) ? v.map((x: any) => ({ language: x?.language, name: x?.name })) : [];
    return list.sort((a, b) => `${a.language}\u0000${a.name}`.localeCompare(`${b.language}\u0000${b.name}`));
  }
  return v === undefined ? null : v;
}

/** The fields a program declared (undefined = not managed: PATCH leaves the live value alone). */
function declaredFields(kind: Kind, props: Props): Props {
  const out: Props = {};
  for (const f of kind.fieldNames) if (props[f] !== undefined) out[f] = props[f];
  return out;
}

/** Outputs repeat every input field plus the ID; never `undefined` (the RPC layer rejects it). */
function outputs(kind: Kind, obj: Props, domainId: number): Props {
  const out: Props = { [kind.idField]: obj[kind.idField], domainId: obj.domainId ?? domainId };
  for (const f of kind.fieldNames) out[f] = f === "i18nNames" ? (obj[f] ?? []) : (obj[f] ?? null);
  return out;
}

function differingFields(kind: Kind, live: Props, declared: Props): string[] {
  return Object.keys(declared).filter((f) => !isDeepStrictEqual(canon(f, live[f]), canon(f, declared[f])));
}

// ---- check

function pathString(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
}

function hitsUnknown(value: unknown, path: PropertyKey[]): boolean {
  let v: any = value;
  for (const p of path) {
    if (v === UNKNOWN) return true;
    if (v === null || typeof v !== "object") return false;
    v = v[p as any];
  }
  return v === UNKNOWN;
}

/** Schema failures as check failures naming the property; values unknown during preview pass. */
export function validate(schema: z.ZodType, candidate: Props, label: string): CheckFailure[] {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues
    .filter((issue) => !hitsUnknown(candidate, issue.path))
    .map((issue) => {
      const property = pathString(issue.path);
      const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
      return { property, reason: `${label} ${property} ${message}` };
    });
}

/**
 * Check for any declaration: `domainId` from configuration when omitted, misspelt properties,
 * and every schema rule, each failure naming its property. Nothing is sent to the API.
 */
export function checkDeclaration(schema: z.ZodObject, label: string, news: Props, outputOnly: string[] = []): { inputs: Props; failures: CheckFailure[] } {
  const inputs: Props = { ...news };
  if (inputs.domainId === undefined || inputs.domainId === null) {
    const d = defaultDomainId();
    if (d !== undefined) inputs.domainId = d;
  }
  const failures: CheckFailure[] = [];
  const { [PROVIDER_KEY]: _p, ...candidate } = inputs;
  const known = Object.keys(schema.shape);
  for (const key of Object.keys(candidate)) {
    if (candidate[key] === undefined || outputOnly.includes(key)) delete candidate[key];
    else if (!known.includes(key)) failures.push({ property: key, reason: `${key} is not a property of ${label}; expected one of ${known.join(", ")}` });
  }
  if (candidate.domainId === undefined) {
    failures.push({ property: "domainId", reason: "domainId is not set: give domainId, or set lineworks:domainId (LINEWORKS_DOMAIN_ID)" });
  }
  failures.push(...validate(schema, candidate, label).filter((f) => !(f.property === "domainId" && candidate.domainId === undefined)));
  return { inputs, failures };
}

export function check(type: string, _olds: Props, news: Props) {
  const kind = kindOf(type);
  return checkDeclaration(kind.schema, kind.type, news, [kind.idField]);
}

// ---- diff

export function diff(type: string, _id: string, olds: Props, news: Props) {
  const kind = kindOf(type);
  const changed: string[] = [];
  if (isUnknown(news.domainId) || canon("domainId", olds.domainId) !== canon("domainId", news.domainId)) changed.push("domainId");
  for (const f of kind.fieldNames) {
    if (news[f] === undefined) continue;
    if (isUnknown(news[f]) || !isDeepStrictEqual(canon(f, olds[f]), canon(f, news[f]))) changed.push(f);
  }
  const replaces = changed.includes("domainId") ? ["domainId"] : [];
  // Names and domain-scoped keys are unique per domain, so a copy in the new domain can be made
  // first. A tenant-wide external key would collide with the old object: delete that first.
  const key = news[kind.externalKeyField];
  const deleteBeforeReplace =
    replaces.length > 0 && kind.keyScope === "tenant" && key != null && (isUnknown(key) || key === olds[kind.externalKeyField]);
  return { changes: changed.length > 0, replaces, deleteBeforeReplace, stables: kind.fieldNames.filter((f) => !changed.includes(f)) };
}

// ---- API access

function itemQuery(kind: Kind, domainId: number | undefined) {
  return kind.itemDomainQuery && domainId !== undefined ? { domainId } : undefined;
}

export async function getOne(client: ApiClient, kind: Kind, ref: string, domainId?: number): Promise<Props | undefined> {
  try {
    return await client.request<Props>({ method: "GET", path: `${kind.path}/{id}`, params: { id: ref }, searchParams: itemQuery(kind, domainId) });
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

export function listAll(client: ApiClient, kind: Kind, domainId: number): Promise<Props[]> {
  return client.list<Props>(kind.path, kind.listKey, { domainId });
}

interface Found {
  obj: Props;
  by: "externalKey" | "name";
}

/** Finds the object a declaration refers to: by its external key, else by its name in the domain. */
async function findByNaturalKey(client: ApiClient, kind: Kind, inputs: Props): Promise<Found | undefined> {
  const key = inputs[kind.externalKeyField];
  if (typeof key === "string") {
    const obj = await getOne(client, kind, itemRef({ externalKey: key }), inputs.domainId);
    if (obj) return { obj, by: "externalKey" };
  }
  const name = inputs[kind.nameField];
  const obj = (await listAll(client, kind, inputs.domainId)).find((o) => o[kind.nameField] === name);
  return obj ? { obj, by: "name" } : undefined;
}

function describeFound(kind: Kind, found: Found): string {
  const value = found.obj[found.by === "name" ? kind.nameField : kind.externalKeyField];
  return `${found.by === "name" ? kind.nameField : kind.externalKeyField} "${value}" (${kind.idField} ${found.obj[kind.idField]}, domain ${found.obj.domainId})`;
}

/** Makes an existing object match the declaration; returns the converged object. */
async function converge(client: ApiClient, kind: Kind, found: Found, inputs: Props): Promise<Props> {
  if (found.obj.domainId !== undefined && found.obj.domainId !== inputs.domainId) {
    throw new Error(
      `Cannot adopt ${kind.noun} ${describeFound(kind, found)}: it belongs to domain ${found.obj.domainId}, not ${inputs.domainId}. ` +
        `${kind.externalKeyField} is unique across the tenant; choose another key or declare the object in its own domain.`,
    );
  }
  const declared = declaredFields(kind, inputs);
  const changes = differingFields(kind, found.obj, declared);
  if (!changes.length) return found.obj;
  const patch = Object.fromEntries(changes.map((f) => [f, declared[f]]));
  const id = found.obj[kind.idField];
  const res = await client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json: patch });
  return res ?? (await getOne(client, kind, id, inputs.domainId)) ?? { ...found.obj, ...patch };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- CRUD

export async function create(type: string, news: Props): Promise<{ id: string; outs: Props }> {
  const kind = kindOf(type);
  const s = settings();
  const client = clientFor(s);
  const inputs: Props = { ...news, domainId: news.domainId ?? defaultDomainId() };
  const declared = declaredFields(kind, inputs);
  const done = (obj: Props) => ({ id: obj[kind.idField] as string, outs: outputs(kind, obj, inputs.domainId) });

  return write(kind, inputs.domainId, `${inputs.domainId}|name:${inputs[kind.nameField]}`, async () => {
    if (s.adoptExisting) {
      const found = await findByNaturalKey(client, kind, inputs);
      if (found) {
        log(`adopting existing ${kind.noun} ${describeFound(kind, found)}`);
        return done(await converge(client, kind, found, inputs));
      }
    }
    let ambiguous = false; // a POST may have been applied although its response was lost
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await client.request<Props>({ method: "POST", path: kind.path, json: { domainId: inputs.domainId, ...declared } });
        if (created?.[kind.idField]) return done(created);
        const found = await findByNaturalKey(client, kind, inputs);
        if (found) return done(found.obj);
        throw new Error(`LINE WORKS accepted the ${kind.noun} but returned no ${kind.idField}, and it cannot be found by name`);
      } catch (e) {
        if (e instanceof NetworkError || e instanceof ServerError) {
          ambiguous = true;
          const found = await findByNaturalKey(client, kind, inputs);
          if (found && differingFields(kind, found.obj, declared).length === 0) {
            log(`recovered ${kind.noun} "${inputs[kind.nameField]}" whose create response was lost (${found.obj[kind.idField]})`);
            return done(found.obj);
          }
          if (attempt > s.retryLimit) throw e;
          await sleep(client.backoff(attempt));
          continue;
        }
        if (e instanceof ConflictError) {
          const found = await findByNaturalKey(client, kind, inputs);
          if (found && (s.adoptExisting || (ambiguous && differingFields(kind, found.obj, declared).length === 0))) {
            return done(await converge(client, kind, found, inputs));
          }
          throw conflictError(kind, inputs, found, e);
        }
        throw e;
      }
    }
  });
}

function conflictError(kind: Kind, inputs: Props, found: Found | undefined, e: LineWorksError): Error {
  const what = found
    ? `${kind.noun} ${describeFound(kind, found)} already exists`
    : `a ${kind.noun} with ${kind.nameField} "${inputs[kind.nameField]}"` +
      (inputs[kind.externalKeyField] ? ` or ${kind.externalKeyField} "${inputs[kind.externalKeyField]}"` : "") +
      " already exists";
  return new Error(
    `Cannot create ${kind.noun} "${inputs[kind.nameField]}": ${what} (LINE WORKS ${e.status} ${e.code}: ${e.description ?? ""}). ` +
      `To manage the existing object with this program, run \`pulumi config set lineworks:adoptExisting true\` ` +
      `(or set LINEWORKS_ADOPT_EXISTING=true) and run again: it is taken over and updated to match the program. ` +
      `Otherwise choose another ${kind.nameField}` +
      (inputs[kind.externalKeyField] ? ` / ${kind.externalKeyField}.` : "."),
  );
}

/**
 * Refresh: served from a list snapshot of the type when one is fresh (one paged list for all
 * objects of a domain), confirmed with a GET before an object is reported gone.
 */
export async function read(type: string, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
  const kind = kindOf(type);
  const s = settings();
  const client = clientFor(s);
  const domainId = typeof props.domainId === "number" ? props.domainId : defaultDomainId();
  let obj: Props | undefined;
  if (id.startsWith("name:")) {
    // Adoption by name through `pulumi import`: IDs are not shown in the admin console.
    if (domainId === undefined) throw new Error("importing by name needs domainId or lineworks:domainId");
    obj = (await listAll(client, kind, domainId)).find((o) => o[kind.nameField] === id.slice(5));
  } else {
    if (domainId !== undefined && !id.includes(":")) {
      const snap = await snapshots.get(kind.type, domainId, s.snapshotMaxAgeMs, async () =>
        (await listAll(client, kind, domainId)).map((o): [string, Props] => [o[kind.idField], o]),
      );
      obj = snap?.get(id);
    }
    obj ??= await locks.run(`${kind.type}|id:${id}`, () => getOne(client, kind, id, domainId));
  }
  if (!obj) return {};
  const outs = outputs(kind, obj, domainId!);
  const inputs: Props = { domainId: outs.domainId };
  for (const f of kind.fieldNames) if (outs[f] !== null && !(Array.isArray(outs[f]) && outs[f].length === 0)) inputs[f] = outs[f];
  return { id: obj[kind.idField], props: outs, inputs };
}

export async function update(type: string, id: string, _olds: Props, news: Props): Promise<{ outs: Props }> {
  const kind = kindOf(type);
  const client = clientFor(settings());
  const patch = declaredFields(kind, news);
  return write(kind, news.domainId, `id:${id}`, async () => {
    // PATCH leaves fields the program does not declare as they are; domainId never moves.
    const res = await client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json: patch });
    const obj = res?.[kind.idField] ? res : await getOne(client, kind, id, news.domainId);
    if (!obj) throw new Error(`${kind.noun} ${id} disappeared during the update; run \`pulumi refresh\``);
    return { outs: outputs(kind, obj, news.domainId) };
  });
}

export async function remove(type: string, id: string, props: Props): Promise<void> {
  const kind = kindOf(type);
  const client = clientFor(settings());
  await write(kind, props.domainId, `id:${id}`, async () => {
    try {
      await client.request({ method: "DELETE", path: `${kind.path}/{id}`, params: { id }, searchParams: itemQuery(kind, props.domainId) });
    } catch (e) {
      if (e instanceof NotFoundError) return; // already gone: the goal of a delete
      // A disabled feature has wiped every object of its kind, this one included.
      if (isFeatureOff(e, kind.feature)) return;
      throw e;
    }
  });
}
