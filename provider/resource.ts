// The lifecycle of every directory object type, written once: check, diff, create (with adoption
// and lost-response recovery), read, update and delete. A type is a declaration in kinds.ts.
import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import { rawSetting, resolveSettings, secretValues, type RawConfig, type Settings, SETTINGS } from "./config";
import { clientFor, itemRef, type ApiClient } from "./client";
import { answerText, ConflictError, LineWorksError, NetworkError, NotFoundError, ServerError, redact } from "./errors";
import { FEATURES, isFeatureOff, KINDS, type Kind } from "./kinds";
import { DomainWriters, KeyedMutex } from "./ordering";
import { UniqueValues } from "./renames";
import { SnapshotCache } from "./snapshot";

/** The value Pulumi passes for inputs not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PROVIDER_KEY = "__provider";
/**
 * Which fields the program declared, kept beside the inputs and outputs (hidden from the
 * preview, like every `__` property). `check` compares it with the new declaration to clear a
 * field the program stopped declaring, and `read` returns only these fields as inputs, so a
 * refresh never turns live values of fields the program never declared into declared ones.
 */
export const DECLARED = "__declared";

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

// What one provider process (one `pulumi up`, `refresh` or `destroy`) shares across operations.
const locks = new KeyedMutex();
const writers = new DomainWriters();
const snapshots = new SnapshotCache<Props>();
const uniques = new UniqueValues();
/** Objects this run created or adopted, by `type|id`: a later delete or adoption must know. */
const taken = new Map<string, "created" | "adopted">();
const takenBy = (kind: Kind, id: string) => taken.get(`${kind.type}|${id}`);

/**
 * Every write: one at a time per object (`objectKey`), under the per-domain rule of its type if
 * it has one. A failed write leaves the type's list snapshot of the domain in doubt: drop it.
 */
async function write<T>(kind: Kind, domainId: number, objectKey: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await locks.run(`${kind.type}|${objectKey}`, () => writers.schedule(kind.type, domainId, fn));
  } catch (e) {
    snapshots.invalidate(kind.type, domainId);
    if (e instanceof LineWorksError && isFeatureOff(e, kind.feature)) {
      const f = FEATURES[kind.feature];
      throw new Error(
        `${e.summary} The ${f.noun} feature (${f.flag}) is off in domain ${domainId}: declare ` +
          `\`new lineworks.DirectoryFeature("${kind.feature}", { feature: "${kind.feature}" })\` and make this ${kind.noun} depend on it.`,
      );
    }
    throw e;
  }
}

/** The run's list snapshot of a type in a domain (undefined when snapshots are off). */
function snapshotOf(client: ApiClient, kind: Kind, domainId: number, s: Settings): Promise<Map<string, Props> | undefined> {
  return snapshots.get(kind.type, domainId, s.snapshotMaxAgeMs, async () =>
    (await listAll(client, kind, domainId)).map((o): [string, Props] => [o[kind.idField], o]),
  );
}

/** Records a write's known outcome in the run's snapshot (`obj` undefined: deleted). */
function remember(kind: Kind, domainId: number, id: string, obj: Props | undefined): void {
  snapshots.apply(kind.type, domainId, id, obj);
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

/** The declared-field list of checked inputs (absent in state written before it existed). */
function declaredList(props: Props): string[] | undefined {
  const v = props[DECLARED];
  return Array.isArray(v) ? v.filter((f): f is string => typeof f === "string") : undefined;
}

/** Outputs repeat every input field plus the ID; never `undefined` (the RPC layer rejects it). */
function outputs(kind: Kind, obj: Props, domainId: number, declared: string[] | undefined): Props {
  const out: Props = { [kind.idField]: obj[kind.idField], domainId: obj.domainId ?? domainId };
  for (const f of kind.fieldNames) out[f] = f === "i18nNames" ? (obj[f] ?? []) : (obj[f] ?? null);
  if (declared) out[DECLARED] = declared;
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

/** The declared value at `path`; undefined where the key is absent (null stays null). */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<any>((v, p) => (v !== null && typeof v === "object" ? v[p as any] : undefined), value);
}

/** A declared value as a message shows it: its type, and short scalars themselves. */
function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === "number" || typeof v === "boolean") return `the ${typeof v} ${String(v)}`;
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

const EXPECTED: Record<string, string> = { string: "a string", number: "a number", int: "an integer", boolean: "true or false", array: "a list", object: "an object" };

/** One schema issue as the rest of a check failure: "is required", or ": <rule>, got <value>". */
function issueText(issue: z.core.$ZodIssue, candidate: Props): string {
  const value = valueAt(candidate, issue.path);
  if (value === undefined) return " is required";
  // zod's own wording ("Invalid input: expected string, received number") is rephrased; the
  // schemas' messages ("must be an integer") are kept.
  const expected = issue.code === "invalid_type" ? issue.expected : undefined;
  const rule = /^Invalid input/.test(issue.message) && expected ? `must be ${EXPECTED[expected] ?? expected}` : issue.message;
  const shown = issue.code === "invalid_type" || typeof value === "number" || typeof value === "boolean";
  return `: ${rule}${shown ? `, got ${describeValue(value)}` : ""}`;
}

/**
 * Schema failures as check failures naming the property. "is required" only when the key is
 * absent; otherwise the rule and the value's type. Values unknown during preview pass.
 */
export function validate(schema: z.ZodType, candidate: Props, label: string): CheckFailure[] {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues
    .filter((issue) => !hitsUnknown(candidate, issue.path))
    .map((issue) => {
      const property = pathString(issue.path);
      return { property, reason: `${label} ${property}${issueText(issue, candidate)}` };
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

/**
 * The program is the truth: a field the previous inputs declared and the new ones omit is sent as
 * `null` (LINE WORKS clears it on PATCH), so the preview shows it going away. A field never
 * declared stays unmanaged. Previous inputs without a declared-field list (an import, or state
 * written before 0.2) clear nothing; this check writes the list for the next run.
 */
export function check(type: string, olds: Props, news: Props) {
  const kind = kindOf(type);
  const { inputs, failures } = checkDeclaration(kind.schema, kind.type, news, [kind.idField, DECLARED]);
  const declared = kind.fieldNames.filter((f) => inputs[f] !== undefined);
  for (const f of declaredList(olds ?? {}) ?? []) if (kind.fieldNames.includes(f) && inputs[f] === undefined) inputs[f] = null;
  inputs[DECLARED] = declared;
  return { inputs, failures };
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

/** The object of `items` a declaration refers to: by its external key, else by its name. */
function matchNatural(kind: Kind, inputs: Props, items: Iterable<Props>): Found | undefined {
  const key = inputs[kind.externalKeyField];
  let byName: Props | undefined;
  for (const o of items) {
    if (typeof key === "string" && o[kind.externalKeyField] === key) return { obj: o, by: "externalKey" };
    if (!byName && o[kind.nameField] === inputs[kind.nameField]) byName = o;
  }
  return byName ? { obj: byName, by: "name" } : undefined;
}

/** Finds the object a declaration refers to, live: by its external key (tenant-wide GET), else by its name in the domain. */
async function findByNaturalKey(client: ApiClient, kind: Kind, inputs: Props): Promise<Found | undefined> {
  const key = inputs[kind.externalKeyField];
  if (typeof key === "string") {
    const obj = await getOne(client, kind, itemRef({ externalKey: key }), inputs.domainId);
    if (obj) return { obj, by: "externalKey" };
  }
  return matchNatural(kind, inputs, await listAll(client, kind, inputs.domainId));
}

/**
 * The same lookup for adoption, from the run's list snapshot: N adopting creates in a domain
 * cost ceil(M/100) list calls for M objects, not N lists. (A tenant-wide key held in another
 * domain is not in the snapshot; the create's 409 then finds it live.)
 */
async function findForAdoption(client: ApiClient, kind: Kind, inputs: Props, s: Settings): Promise<Found | undefined> {
  const snap = await snapshotOf(client, kind, inputs.domainId, s);
  return snap ? matchNatural(kind, inputs, snap.values()) : findByNaturalKey(client, kind, inputs);
}

function describeFound(kind: Kind, found: Found): string {
  const value = found.obj[found.by === "name" ? kind.nameField : kind.externalKeyField];
  return `${found.by === "name" ? kind.nameField : kind.externalKeyField} "${value}" (${kind.idField} ${found.obj[kind.idField]}, domain ${found.obj.domainId})`;
}

/**
 * Makes an existing object match the declaration; returns the converged object. Refuses an object
 * that this run already created or adopted for another resource: two resources of one program
 * would fight over it, and deleting one would delete the other's object.
 */
async function adopt(client: ApiClient, kind: Kind, found: Found, inputs: Props): Promise<Props> {
  const id = found.obj[kind.idField];
  const already = takenBy(kind, id);
  if (already) {
    throw new Error(
      `Cannot adopt ${kind.noun} ${describeFound(kind, found)}: this run already ${already} it for another resource of the program. ` +
        `Two resources would manage one object. Remove one of them; to rename a resource in the program, give it \`aliases: [{ name: "<old resource name>" }]\` instead of a new resource.`,
    );
  }
  if (found.obj.domainId !== undefined && found.obj.domainId !== inputs.domainId) {
    throw new Error(
      `Cannot adopt ${kind.noun} ${describeFound(kind, found)}: it belongs to domain ${found.obj.domainId}, not ${inputs.domainId}. ` +
        `${kind.externalKeyField} is unique across the tenant; choose another key or declare the object in its own domain.`,
    );
  }
  taken.set(`${kind.type}|${id}`, "adopted");
  log(`adopting existing ${kind.noun} ${describeFound(kind, found)}`);
  const declared = declaredFields(kind, inputs);
  const changes = differingFields(kind, found.obj, declared);
  if (!changes.length) return found.obj;
  const patch = Object.fromEntries(changes.map((f) => [f, declared[f]]));
  const res = await client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json: patch });
  const obj = res ?? (await getOne(client, kind, id, inputs.domainId)) ?? { ...found.obj, ...patch };
  remember(kind, inputs.domainId, id, obj);
  return obj;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- unique names and keys within one run

/** Key of a unique value: names are unique per domain, external keys per domain or tenant. */
function uniqueKey(kind: Kind, field: string, domainId: number, value: unknown): string {
  const scope = field === kind.externalKeyField && kind.keyScope === "tenant" ? "*" : String(domainId);
  return `${kind.type}|${field}|${scope}|${String(value)}`;
}

/** The unique values `news` takes from `olds` (changed fields only): [given up, taken]. */
function uniqueMoves(kind: Kind, domainId: number, olds: Props, news: Props): [string[], string[]] {
  const holds: string[] = [];
  const wants: string[] = [];
  for (const f of kind.uniqueFields) {
    if (news[f] === undefined || news[f] === olds[f]) continue;
    if (olds[f] != null) holds.push(uniqueKey(kind, f, domainId, olds[f]));
    if (news[f] != null) wants.push(uniqueKey(kind, f, domainId, news[f]));
  }
  return [holds, wants];
}

interface Detour {
  /** Moves the object to temporary values, freeing the ones it holds. */
  away(): Promise<void>;
  /** Puts the old values back after the final write failed. */
  back(): Promise<void>;
}

/**
 * Runs a write that gives up `holds` and takes `wants` so that it succeeds whatever order the
 * engine issues the run's operations in: it waits for operations of this run that still hold a
 * value it wants, and breaks a cycle of such waits with a temporary value (`detour`). A 409 with
 * nobody known to hold the value waits `conflictWaitMs` for such an operation to show up (the
 * engine may not have sent it yet); then `onConflict` tells the user what conflicts.
 */
async function coordinated<T>(
  holds: string[],
  wants: string[],
  attempt: () => Promise<T>,
  opts: { detour?: Detour; onConflict: (e: ConflictError) => Promise<Error> | Error },
): Promise<T> {
  if (!holds.length && !wants.length) return attempt();
  const move = uniques.register(holds, wants);
  let detoured = false;
  let conflict: { error: ConflictError; until: number } | undefined;
  try {
    for (;;) {
      if (uniques.blockers(move).length) {
        if (!detoured && opts.detour && uniques.mustBreakCycle(move)) {
          await opts.detour.away();
          detoured = true;
          uniques.release(move);
        } else {
          await uniques.changed();
          conflict = undefined; // someone moved: try again
        }
        continue;
      }
      if (conflict) {
        const left = conflict.until - Date.now();
        if (left <= 0 || !(await uniques.changed(left))) throw await opts.onConflict(conflict.error);
        continue;
      }
      try {
        return await attempt();
      } catch (e) {
        if (!(e instanceof ConflictError) || !move.wants.size) throw e;
        conflict = { error: e, until: Date.now() + settings().conflictWaitMs };
      }
    }
  } catch (e) {
    if (detoured) {
      try {
        await opts.detour!.back();
      } catch (e2) {
        log(`could not restore the previous name or key after a failed rename (${(e2 as Error).message}); run \`pulumi refresh\` and \`pulumi up\` again`);
      }
    }
    throw e;
  } finally {
    uniques.finish(move);
  }
}

/** A detour through temporary values for the unique fields an update gives up. */
function detourFor(kind: Kind, client: ApiClient, id: string, domainId: number, olds: Props, news: Props): Detour {
  const fields = kind.uniqueFields.filter((f) => news[f] !== undefined && news[f] !== olds[f] && olds[f] != null);
  const patch = async (values: Props) => {
    const res = await write(kind, domainId, `id:${id}`, () => client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json: values }));
    if (res?.[kind.idField]) remember(kind, domainId, id, res);
  };
  const tag = `lineworks-tmp-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    away: () => {
      log(`${kind.noun} ${id}: moving ${fields.join(", ")} to "${tag}" for a moment, to let another rename of this run take the current value`);
      return patch(Object.fromEntries(fields.map((f) => [f, tag])));
    },
    back: () => patch(Object.fromEntries(fields.map((f) => [f, olds[f]]))),
  };
}

// ---- CRUD

export async function create(type: string, news: Props): Promise<{ id: string; outs: Props }> {
  const kind = kindOf(type);
  const s = settings();
  const client = clientFor(s);
  const inputs: Props = { ...news, domainId: news.domainId ?? defaultDomainId() };
  const declared = declaredFields(kind, inputs);
  const list = declaredList(inputs) ?? Object.keys(declared);
  const done = (obj: Props, how: "created" | "adopted") => {
    const id = obj[kind.idField] as string;
    if (how === "created") taken.set(`${kind.type}|${id}`, "created");
    remember(kind, inputs.domainId, id, obj);
    return { id, outs: outputs(kind, obj, inputs.domainId, list) };
  };
  /** A lost create's object: exactly as declared, and not one this run already holds for another resource. */
  const recoverable = (found: Found | undefined): found is Found =>
    !!found && differingFields(kind, found.obj, declared).length === 0 && !takenBy(kind, found.obj[kind.idField]);
  /** An object found by name or key that another operation of this run is moving away: not ours to take. */
  const beingMoved = (found: Found) => kind.uniqueFields.some((f) => found.obj[f] != null && uniques.isHeld(uniqueKey(kind, f, inputs.domainId, found.obj[f])));

  const [, wants] = uniqueMoves(kind, inputs.domainId, {}, inputs);
  return coordinated([], wants, () =>
    write(kind, inputs.domainId, `${inputs.domainId}|name:${inputs[kind.nameField]}`, async () => {
      if (s.adoptExisting) {
        const found = await findForAdoption(client, kind, inputs, s);
        if (found && !beingMoved(found)) return done(await adopt(client, kind, found, inputs), "adopted");
      }
      let ambiguous = false; // a POST may have been applied although its response was lost
      for (let attempt = 1; ; attempt++) {
        try {
          const created = await client.request<Props>({ method: "POST", path: kind.path, json: { domainId: inputs.domainId, ...declared } });
          if (created?.[kind.idField]) return done(created, "created");
          const found = await findByNaturalKey(client, kind, inputs);
          if (found) return done(found.obj, "created");
          throw new Error(`LINE WORKS accepted the ${kind.noun} but returned no ${kind.idField}, and it cannot be found by name`);
        } catch (e) {
          if (e instanceof NetworkError || e instanceof ServerError) {
            ambiguous = true;
            const found = await findByNaturalKey(client, kind, inputs);
            if (recoverable(found)) {
              log(`recovered ${kind.noun} "${inputs[kind.nameField]}" whose create response was lost (${found.obj[kind.idField]})`);
              return done(found.obj, "created");
            }
            if (attempt > s.retryLimit) throw e;
            await sleep(client.backoff(attempt));
            continue;
          }
          if (e instanceof ConflictError) {
            const found = await findByNaturalKey(client, kind, inputs);
            if (found && !beingMoved(found)) {
              if (s.adoptExisting) return done(await adopt(client, kind, found, inputs), "adopted");
              if (ambiguous && recoverable(found)) return done(found.obj, "created");
            }
          }
          throw e;
        }
      }
    }),
    { onConflict: async (e) => conflictError(kind, inputs, await findByNaturalKey(client, kind, inputs).catch(() => undefined), e) },
  );
}

function conflictError(kind: Kind, inputs: Props, found: Found | undefined, e: LineWorksError): Error {
  const what = found
    ? `${kind.noun} ${describeFound(kind, found)} already exists`
    : `a ${kind.noun} with ${kind.nameField} "${inputs[kind.nameField]}"` +
      (inputs[kind.externalKeyField] ? ` or ${kind.externalKeyField} "${inputs[kind.externalKeyField]}"` : "") +
      " already exists";
  return new Error(
    `Cannot create ${kind.noun} "${inputs[kind.nameField]}": ${what} (LINE WORKS ${answerText(e)}). ` +
      `If you renamed this resource in your program, keep managing the same object with the resource option ` +
      `\`aliases: [{ name: "<old resource name>" }]\` instead. ` +
      `To take the existing object over with this program, run \`pulumi config set lineworks:adoptExisting true\` ` +
      `(or set LINEWORKS_ADOPT_EXISTING=true) and run again: it is updated to match the program. ` +
      `Otherwise choose another ${kind.nameField}` +
      (inputs[kind.externalKeyField] ? ` / ${kind.externalKeyField}.` : "."),
  );
}

/** A 409 on an update: another object holds the value, and no operation of this run moves it. */
function updateConflictError(kind: Kind, id: string, olds: Props, news: Props, e: LineWorksError): Error {
  const fields = kind.uniqueFields.filter((f) => news[f] != null && news[f] !== olds[f]);
  const values = fields.map((f) => `${f} "${news[f]}"`).join(" / ");
  return new Error(
    `Cannot change ${kind.noun} ${id} to ${values}: another ${kind.noun} already has it, and no operation of this run renames or deletes that one ` +
      `(LINE WORKS ${answerText(e)}). Choose another value, or rename or delete the other ${kind.noun} in the same program.`,
  );
}

/**
 * Refresh: served from the run's list snapshot of the type (one paged list for all objects of a
 * domain), confirmed with a GET before an object is reported gone. Returns as inputs only the
 * fields the program declared. A feature switched off in the admin console has wiped every
 * object of its kind: they are reported gone, so `pulumi up --refresh` recreates them.
 */
export async function read(type: string, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
  const kind = kindOf(type);
  const s = settings();
  const client = clientFor(s);
  const domainId = typeof props.domainId === "number" ? props.domainId : defaultDomainId();
  let obj: Props | undefined;
  try {
    if (id.startsWith("name:")) {
      // Adoption by name through `pulumi import`: IDs are not shown in the admin console.
      if (domainId === undefined) throw new Error("importing by name needs domainId or lineworks:domainId");
      const snap = await snapshotOf(client, kind, domainId, s);
      obj = [...(snap?.values() ?? (await listAll(client, kind, domainId)))].find((o) => o[kind.nameField] === id.slice(5));
    } else {
      if (domainId !== undefined && !id.includes(":")) obj = (await snapshotOf(client, kind, domainId, s))?.get(id);
      obj ??= await locks.run(`${kind.type}|id:${id}`, () => getOne(client, kind, id, domainId));
    }
  } catch (e) {
    if (!isFeatureOff(e, kind.feature)) throw e;
    log(`${kind.noun} ${id}: the ${FEATURES[kind.feature].flag} feature is off in domain ${domainId}, which deleted every ${kind.noun}; reporting it gone`);
    return {};
  }
  if (!obj) return {};
  const declared = declaredList(props);
  const outs = outputs(kind, obj, domainId!, declared);
  if (!declared && props[kind.idField] !== undefined) {
    // State written before the declared-field list existed: keep the stored inputs as they are.
    return { id: obj[kind.idField], props: outs };
  }
  // An import declares only the required fields; the others stay unmanaged until the program declares them.
  const fields = declared ?? kind.requiredFields;
  const inputs: Props = { domainId: outs.domainId, [DECLARED]: fields };
  for (const f of fields) if (kind.fieldNames.includes(f)) inputs[f] = outs[f];
  return { id: obj[kind.idField], props: { ...outs, [DECLARED]: fields }, inputs };
}

export async function update(type: string, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const kind = kindOf(type);
  const client = clientFor(settings());
  const patch = declaredFields(kind, news);
  const [holds, wants] = uniqueMoves(kind, news.domainId, olds, news);
  return coordinated(
    holds,
    wants,
    () =>
      write(kind, news.domainId, `id:${id}`, async () => {
        // PATCH leaves fields the program does not declare as they are; domainId never moves.
        const res = await client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json: patch });
        const obj = res?.[kind.idField] ? res : await getOne(client, kind, id, news.domainId);
        if (!obj) throw new Error(`${kind.noun} ${id} disappeared during the update; run \`pulumi refresh\``);
        remember(kind, news.domainId, id, obj);
        return { outs: outputs(kind, obj, news.domainId, declaredList(news)) };
      }),
    { detour: detourFor(kind, client, id, news.domainId, olds, news), onConflict: (e) => updateConflictError(kind, id, olds, news, e) },
  );
}

export async function remove(type: string, id: string, props: Props): Promise<void> {
  const kind = kindOf(type);
  const client = clientFor(settings());
  if (takenBy(kind, id) === "adopted") {
    // Another resource of this run took this object over (e.g. the program renamed the resource
    // without `aliases`): deleting it would delete what that resource now manages.
    log(`${kind.noun} ${id} was adopted by another resource in this run: not deleted, only forgotten by this resource`);
    return;
  }
  const [holds] = uniqueMoves(kind, props.domainId, props, Object.fromEntries(kind.uniqueFields.map((f) => [f, null])));
  await coordinated(
    holds,
    [],
    () =>
      write(kind, props.domainId, `id:${id}`, async () => {
        try {
          await client.request({ method: "DELETE", path: `${kind.path}/{id}`, params: { id }, searchParams: itemQuery(kind, props.domainId) });
        } catch (e) {
          if (e instanceof NotFoundError) return; // already gone: the goal of a delete
          // A disabled feature has wiped every object of its kind, this one included.
          if (isFeatureOff(e, kind.feature)) return;
          throw e;
        } finally {
          remember(kind, props.domainId, id, undefined);
        }
      }),
    { onConflict: (e) => e },
  );
}
