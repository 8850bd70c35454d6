// The lifecycle of every directory object type, written once: check, diff, create (with adoption
// and lost-response recovery), read, update and delete. A type is a declaration in kinds.ts.
import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import { rawSetting, secretValues, type RawConfig, type Settings } from "./config";
import { clientFor, itemRef, type ApiClient } from "./client";
import { answerText, ConflictError, InvalidError, LineWorksError, NetworkError, NotFoundError, ServerError, redact, sentence } from "./errors";
import { FEATURES, isFeatureOff, KINDS, shapeOf, type Action, type FieldTraits, type Kind } from "./kinds";
import { currentRun, type Run } from "./lifecycle/run";
import { EXTERNAL_KEY_REF } from "./schemas";

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

// ---- configuration (the run's: set by `configure`, read at call time)

export function configure(config: RawConfig | undefined): void {
  currentRun().configure(config);
}

/** The run's settings as of now. */
export function settings(): Settings {
  return currentRun().settings();
}

/** `lineworks:domainId` alone: check needs it before credentials are known to be complete. */
export function defaultDomainId(): number | undefined {
  const v = Number(rawSetting(currentRun().config, "domainId"));
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

export function kindOf(type: string): Kind {
  const kind = KINDS[type];
  if (!kind) throw new Error(`unknown LINE WORKS resource type ${type}`);
  return kind;
}

/**
 * Every write: one at a time per object (`objectKey`), under the per-domain rule of its type if
 * it has one. A failed write leaves the type's list snapshot of the domain in doubt: drop it.
 */
async function write<T>(run: Run, kind: Kind, domainId: number, objectKey: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await run.locks.run(`${kind.type}|${objectKey}`, () => run.writers.schedule(kind.type, domainId, fn));
  } catch (e) {
    run.snapshots.invalidate(kind.type, domainId);
    explainUneditable(kind, e);
    if (e instanceof LineWorksError && kind.feature && isFeatureOff(e, kind.feature)) {
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
function snapshotOf(run: Run, client: ApiClient, kind: Kind, domainId: number, s: Settings): Promise<Map<string, Props> | undefined> {
  return run.snapshots.get(kind.type, domainId, s.snapshotMaxAgeMs, async () =>
    (await listAll(client, kind, domainId)).map((o): [string, Props] => [o[kind.idField], o]),
  );
}

/** Records a write's known outcome in the run's snapshot (`obj` undefined: deleted). */
function remember(run: Run, kind: Kind, domainId: number, id: string, obj: Props | undefined): void {
  run.snapshots.apply(kind.type, domainId, id, obj);
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

/**
 * Comparable form of a field by its traits: absent and null alike (or the documented default),
 * sets sorted, case-insensitive text lower-cased, objects reduced to their `shape`, inside too.
 */
function canon(kind: Kind, field: string, v: unknown): unknown {
  return canonBy(kind.traits[field] ?? {}, v);
}

/** Whether two values of a field are the same by its traits. */
const same = (kind: Kind, field: string, a: unknown, b: unknown): boolean => isDeepStrictEqual(canon(kind, field, a), canon(kind, field, b));

export function canonBy(t: FieldTraits, v: unknown): unknown {
  const one = (x: unknown): unknown =>
    t.shape && x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(t.shape).sort().map((k) => [k, canonBy(t.shape![k], (x as Props)[k])]))
      : t.caseInsensitive && typeof x === "string"
        ? x.toLowerCase()
        : x;
  if (t.set) {
    const list = Array.isArray(v) ? v.map(one) : [];
    return list.map((x) => [JSON.stringify(x), x] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);
  }
  if (v === undefined || v === null) return t.default ?? null;
  return one(v);
}

/**
 * A value as outputs keep it: objects reduced to their `shape` (LINE WORKS' echoes of referenced
 * names are dropped), and an ID that was declared as `externalKey:<key>` in that form again.
 */
function project(t: FieldTraits, v: unknown, forms: Forms, path: string): unknown {
  if (Array.isArray(v)) return t.set || t.shape ? v.map((x) => project({ ...t, set: false }, x, forms, path)) : v;
  if (typeof t.references === "string" && typeof v === "string") return forms.get(formKey(path, t.references, v)) ?? v;
  if (!t.shape || !v || typeof v !== "object") return v;
  const out: Props = {};
  for (const [k, kt] of shapeOf(t, v as Props)) {
    const x = (v as Props)[k];
    out[k] = x === undefined ? (kt.set ? [] : (kt.default ?? null)) : project(kt, x, forms, `${path}.${k}`);
  }
  return out;
}


/** What an absent live value of a field is shown as: [] for sets, else the default or null. */
function emptyValue(kind: Kind, field: string): unknown {
  const t = kind.traits[field] ?? {};
  return t.set ? [] : (t.default ?? null);
}

/** A live object seen as fields: a toggled state read from its live flag (suspended from isSuspended). */
export function asFields(kind: Kind, obj: Props): Props {
  const out = { ...obj };
  for (const [f, toggle] of kind.toggles) if (obj[toggle.live] !== undefined) out[f] = obj[toggle.live];
  return out;
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

// ---- sets shown by identity, sets with their own endpoints, objects nobody may edit

/** An item of a set as logs, errors and the preview name it: by its identity (`USER user-1`). */
const itemLabel = (t: FieldTraits, item: Props) => (t.identity ?? Object.keys(t.shape ?? {})).map((k) => String(item[k])).join(" ");

/** Sets with an `identity`, as inputs show them: a map by identity, so the preview lists exactly the items added and removed. */
function keyed(kind: Kind, props: Props): Props {
  const out = { ...props };
  for (const f of kind.fieldNames) {
    const identity = kind.traits[f]?.identity;
    if (!identity || !Array.isArray(props[f])) continue;
    let unknown = 0;
    out[f] = Object.fromEntries(
      props[f].map((item: unknown) => {
        const parts = identity.map((k) => (item && typeof item === "object" ? (item as Props)[k] : undefined));
        return [parts.every((p) => typeof p === "string" && p !== UNKNOWN) ? itemLabel(kind.traits[f]!, item as Props) : `(not known yet #${++unknown})`, item];
      }),
    );
  }
  return out;
}

/** The same sets back as lists, as the lifecycle works with them (a list stays a list). */
function listed(kind: Kind, props: Props): Props {
  const out = { ...props };
  for (const f of kind.fieldNames) {
    const v = props[f];
    if (kind.traits[f]?.identity && v && typeof v === "object" && !Array.isArray(v)) out[f] = Object.values(v);
  }
  return out;
}

/** The items a set gains and loses from `live` to `wanted`, compared by the field's traits. */
function setDelta(kind: Kind, field: string, live: unknown, wanted: unknown): { added: Props[]; removed: Props[] } {
  const item = { ...(kind.traits[field] ?? {}), set: false };
  const keyOf = (x: unknown) => JSON.stringify(canonBy(item, x));
  const [from, to] = [live, wanted].map((v) => (Array.isArray(v) ? (v as Props[]) : []));
  const have = new Set(from.map(keyOf));
  const want = new Set(to.map(keyOf));
  return { added: to.filter((x) => !have.has(keyOf(x))), removed: from.filter((x) => !want.has(keyOf(x))) };
}

/** An object with the sets it has endpoints for read from them, where LINE WORKS' answer did not carry them (a group listed without members). */
export async function complete(client: ApiClient, kind: Kind, obj: Props): Promise<Props> {
  const missing = kind.collections.filter(([f]) => !Array.isArray(obj[f]));
  if (!missing.length || typeof obj[kind.idField] !== "string") return obj;
  const out = { ...obj };
  for (const [f, c] of missing) out[f] = await client.list<Props>(`${kind.path}/${encodeURIComponent(obj[kind.idField])}${c.suffix}`, c.listKey);
  return out;
}

/** Adds one item through the set's endpoint. Already there (added out of band, or by an attempt whose answer was lost) is the goal. */
async function addItem(client: ApiClient, kind: Kind, id: string, field: string, item: Props, s: Settings): Promise<void> {
  const t = kind.traits[field]!;
  const c = t.collection!;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.request({ method: "POST", path: `${kind.path}/{id}${c.suffix}`, params: { id }, json: pick(item, Object.keys(t.shape ?? {})) });
      return;
    } catch (e) {
      if (e instanceof ConflictError) return;
      if ((e instanceof NetworkError || e instanceof ServerError) && attempt <= s.retryLimit) {
        await sleep(client.backoff(attempt));
        continue;
      }
      if (e instanceof InvalidError && !kind.uneditable?.answer.test(e.description ?? "")) {
        throw new Error(
          `Cannot add ${c.noun} ${itemLabel(t, item)} to ${kind.noun} ${id}: LINE WORKS answered ${answerText(e)}. ` +
            "Check that it exists (an ID, or another resource's output, so that it is created first), and that its type is right.",
        );
      }
      throw e;
    }
  }
}

/** Removes one item through the set's endpoint (the other identity keys in the query). Already gone is the goal. */
async function removeItem(client: ApiClient, kind: Kind, id: string, field: string, item: Props): Promise<void> {
  const t = kind.traits[field]!;
  const c = t.collection!;
  const query = Object.fromEntries((t.identity ?? []).filter((k) => k !== c.key).map((k) => [k, item[k]]));
  try {
    await client.request({ method: "DELETE", path: `${kind.path}/{id}${c.suffix}/{item}`, params: { id, item: item[c.key] }, searchParams: query });
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
  }
}

/** LINE WORKS' refusal to touch an object nobody may edit (a dynamic group), as the kind explains it. */
function explainUneditable(kind: Kind, e: unknown): void {
  if (e instanceof LineWorksError && kind.uneditable?.answer.test(e.description ?? "")) throw new Error(`${e.summary} ${sentence(kind.uneditable.explain)}`);
}

/** Refuses a live object the kind marks as not editable, before anything is written or recorded. */
function refuseUneditable(kind: Kind, obj: Props): void {
  const what = kind.uneditable?.mark(obj);
  if (what) throw new Error(`${kind.noun} "${obj[kind.nameField]}" (${obj[kind.idField]}) is ${what}. ${sentence(kind.uneditable!.explain)}`);
}

/** The declared forms (`externalKey:<key>`, an email) of references, by `formKey`: what outputs show instead of the IDs they resolved to. */
type Forms = Map<string, string>;
/**
 * Where a declared form holds: the property (without list positions, as LINE WORKS may list items
 * in another order), the kind and the ID. One member may be a group's member by ID and its master by email.
 */
const formKey = (path: string, kind: string, id: string) => `${path.replace(/\[\d+\]/g, "")}|${kind}|${id}`;

/**
 * Outputs repeat every input field (not the write-only ones) plus the ID and the fields LINE WORKS
 * derives; never `undefined` (the RPC layer rejects it). A reference declared as `externalKey:<key>`
 * stays in that form while it names the live value, so the next diff compares like with like. The
 * provider's own settings (`local`) come from `settings`, the declaration that holds them.
 */
function outputs(kind: Kind, obj: Props, domainId: number, declared: string[] | undefined, forms: Forms = new Map(), settings: Props = {}): Props {
  const live = asFields(kind, obj);
  const out: Props = { [kind.idField]: obj[kind.idField], domainId: obj.domainId ?? domainId };
  for (const f of kind.outputFields) {
    const t = kind.traits[f] ?? {};
    const v = t.local ? settings[f] : live[f];
    out[f] = v === undefined || v === null ? emptyValue(kind, f) : project(t, v, forms, f);
  }
  for (const f of kind.readOnly) out[f] = obj[f] ?? null;
  if (declared) out[DECLARED] = declared;
  return out;
}

/** Declared fields whose live value differs (write-only ones cannot be compared). */
function differingFields(kind: Kind, live: Props, declared: Props): string[] {
  const seen = asFields(kind, live);
  return Object.keys(declared).filter((f) => !kind.secretFields.includes(f) && !same(kind, f, seen[f], declared[f]));
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
function issueText(issue: z.core.$ZodIssue, candidate: Props, hidden: string[]): string {
  const value = valueAt(candidate, issue.path);
  if (value === undefined) return " is required";
  // zod's own wording ("Invalid input: expected string, received number") is rephrased; the
  // schemas' messages ("must be an integer") are kept.
  const expected = issue.code === "invalid_type" ? issue.expected : undefined;
  const rule = /^Invalid input/.test(issue.message) && expected ? `must be ${EXPECTED[expected] ?? expected}` : issue.message;
  // A secret's value is never repeated, whatever its type.
  const shown = !hidden.includes(String(issue.path[0])) && (issue.code === "invalid_type" || typeof value === "number" || typeof value === "boolean");
  return `: ${rule}${shown ? `, got ${describeValue(value)}` : ""}`;
}

/**
 * Schema failures as check failures naming the property. "is required" only when the key is
 * absent; otherwise the rule and the value's type. Values unknown during preview pass.
 */
export function validate(schema: z.ZodType, candidate: Props, label: string, hidden: string[] = []): CheckFailure[] {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues
    .filter((issue) => !hitsUnknown(candidate, issue.path))
    .map((issue) => {
      const property = pathString(issue.path);
      return { property, reason: `${label} ${property}${issueText(issue, candidate, hidden)}` };
    });
}

/**
 * Check for any declaration: `domainId` from configuration when omitted, misspelt properties,
 * and every schema rule, each failure naming its property. Nothing is sent to the API.
 */
export function checkDeclaration(
  schema: z.ZodObject,
  label: string,
  news: Props,
  outputOnly: string[] = [],
  hidden: string[] = [],
): { inputs: Props; failures: CheckFailure[] } {
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
  failures.push(...validate(schema, candidate, label, hidden).filter((f) => !(f.property === "domainId" && candidate.domainId === undefined)));
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
  news = listed(kind, news);
  const { inputs, failures } = checkDeclaration(kind.schema, kind.type, news, [kind.idField, DECLARED, ...kind.readOnly], kind.secretFields);
  for (const f of kind.fieldNames) if (inputs[f] === undefined && kind.traits[f]?.omittedIsDefault) inputs[f] = kind.traits[f]!.default ?? null;
  for (const { property, message } of kind.crossChecks?.(inputs) ?? []) {
    // A rule about a value not known yet (preview) is checked when it is.
    if (!isUnknown(inputs[property.split(/[.[]/)[0]])) failures.push({ property, reason: `${kind.type} ${property} ${message}` });
  }
  const declared = kind.fieldNames.filter((f) => inputs[f] !== undefined);
  for (const f of declaredList(olds ?? {}) ?? []) {
    // A value LINE WORKS assigns cannot be cleared: it becomes unmanaged, and so does a write-only
    // secret (the password stays what it is). Flags go back to their default.
    const t = kind.traits[f];
    if (kind.fieldNames.includes(f) && inputs[f] === undefined && !t?.assigned && !t?.writeOnly) inputs[f] = t?.default ?? null;
  }
  inputs[DECLARED] = declared;
  return { inputs: keyed(kind, inputs), failures };
}

// ---- diff

export function diff(type: string, _id: string, olds: Props, news: Props) {
  const kind = kindOf(type);
  news = listed(kind, news);
  const changed: string[] = [];
  if (isUnknown(news.domainId) || canon(kind, "domainId", olds.domainId) !== canon(kind, "domainId", news.domainId)) changed.push("domainId");
  // A write-only secret is never compared: LINE WORKS does not show it, and it is sent on create only.
  for (const f of kind.outputFields) {
    if (news[f] === undefined) continue;
    if (isUnknown(news[f]) || !same(kind, f, olds[f], news[f])) changed.push(f);
  }
  // A kind with an action for a domain change moves (a member keeps its data); others are replaced.
  const replaces = changed.includes("domainId") && !movesDomain(kind) ? ["domainId"] : [];
  // Names and domain-scoped keys are unique per domain, so a copy in the new domain can be made
  // first. A tenant-wide external key would collide with the old object: delete that first.
  const key = news[kind.externalKeyField];
  const deleteBeforeReplace =
    replaces.length > 0 &&
    (!!kind.replaceDeletesFirst || (kind.keyScope === "tenant" && key != null && (isUnknown(key) || key === olds[kind.externalKeyField])));
  return { changes: changed.length > 0, replaces, deleteBeforeReplace, stables: kind.outputFields.filter((f) => !changed.includes(f)) };
}

/** Fields whose change alone calls an action. */
const triggers = (a: Action) => a.when ?? a.fields;
const movesDomain = (kind: Kind) => kind.actions.some((a) => triggers(a).includes("domainId"));

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

/** The objects of `items` a declaration may refer to: the one with its external key, and those with its name (in its `nameScope`). */
interface Matches {
  byKey?: Props;
  byName: Props[];
}

function matchNatural(kind: Kind, inputs: Props, items: Iterable<Props>): Matches {
  const key = inputs[kind.externalKeyField];
  const m: Matches = { byName: [] };
  for (const o of items) {
    if (typeof key === "string" && o[kind.externalKeyField] === key) m.byKey ??= o;
    const inScope = (kind.nameScope ?? []).every((f) => same(kind, f, o[f], inputs[f]));
    if (same(kind, kind.nameField, o[kind.nameField], inputs[kind.nameField]) && inScope) m.byName.push(o);
  }
  return m;
}

/**
 * The one object a declaration refers to: by external key, else by name. Where names need not be
 * unique, objects in `exclude` do not count, and several candidates are refused rather than guessed.
 */
function single(kind: Kind, inputs: Props, m: Matches, exclude?: (id: string) => boolean): Found | undefined {
  if (m.byKey) return { obj: m.byKey, by: "externalKey" };
  const named = exclude ? m.byName.filter((o) => !exclude(o[kind.idField])) : m.byName;
  if (named.length > 1 && kind.uniqueNames === false) throw ambiguousName(kind, inputs, named);
  return named[0] ? { obj: named[0], by: "name" } : undefined;
}

function ambiguousName(kind: Kind, inputs: Props, candidates: Props[]): Error {
  const scope = (kind.nameScope ?? []).map((f) => `${f} ${JSON.stringify(inputs[f] ?? null)}`).join(", ");
  const list = candidates
    .slice(0, 10)
    .map((o) => `${kind.idField} ${o[kind.idField]}${o.email ? ` (${o.email})` : ""}`)
    .join("; ");
  return new Error(
    `Cannot tell which ${kind.noun} "${inputs[kind.nameField]}" is meant: ${candidates.length} ${kind.noun}s in domain ${inputs.domainId} have that ${kind.nameField}` +
      `${scope ? ` and ${scope}` : ""}: ${list}${candidates.length > 10 ? "; …" : ""}. ${kind.nameField} need not be unique in LINE WORKS, so nothing was adopted. ` +
      `Set an external key (${kind.externalKeyField}) on the one to take over (admin console or the external-key API) and declare it, ` +
      `or adopt it by ID with the resource option \`import: "<${kind.idField}>"\`.`,
  );
}

/** Objects this run created or adopted: never a second resource's candidate where names repeat. */
const takenHere = (run: Run, kind: Kind) => (id: string) => run.takenBy(kind, id) !== undefined;

/** Finds the object a declaration refers to, live: by its external key (GET), else by its name in the domain. */
async function findByNaturalKey(client: ApiClient, kind: Kind, inputs: Props, exclude?: (id: string) => boolean): Promise<Found | undefined> {
  return completed(client, kind, await lookUp(client, kind, inputs, exclude));
}

/**
 * A found object with its sets (members listed where the answer lacks them): what adoption and
 * recovery compare. One nobody may edit (a dynamic group) is refused here, before it is read further.
 */
async function completed(client: ApiClient, kind: Kind, found: Found | undefined): Promise<Found | undefined> {
  if (found) refuseUneditable(kind, found.obj);
  return found && { ...found, obj: await complete(client, kind, found.obj) };
}

async function lookUp(client: ApiClient, kind: Kind, inputs: Props, exclude?: (id: string) => boolean): Promise<Found | undefined> {
  const key = inputs[kind.externalKeyField];
  if (typeof key === "string") {
    const obj = await getOne(client, kind, itemRef({ externalKey: key }), inputs.domainId);
    if (obj) return { obj, by: "externalKey" };
  }
  if (kind.nameRef && typeof inputs[kind.nameField] === "string") {
    // The name addresses the object (a member's email): one GET, which also sees a soft-deleted one.
    const obj = await getOne(client, kind, inputs[kind.nameField], inputs.domainId);
    return obj ? { obj, by: "name" } : undefined;
  }
  return single(kind, inputs, matchNatural(kind, inputs, await listAll(client, kind, inputs.domainId)), exclude);
}

/** The objects of the domain as the run's list snapshot holds them, else listed now. */
async function objectsOf(run: Run, client: ApiClient, kind: Kind, domainId: number, s: Settings): Promise<Iterable<Props>> {
  return (await snapshotOf(run, client, kind, domainId, s))?.values() ?? (await listAll(client, kind, domainId));
}

/**
 * The same lookup for adoption, from the run's list snapshot: N adopting creates in a domain
 * cost ceil(M/100) list calls for M objects, not N lists. (A tenant-wide key held in another
 * domain is not in the snapshot; the create's 409 then finds it live.)
 */
async function findForAdoption(run: Run, client: ApiClient, kind: Kind, inputs: Props, s: Settings): Promise<Found | undefined> {
  const exclude = kind.uniqueNames === false ? takenHere(run, kind) : undefined;
  const snap = await snapshotOf(run, client, kind, inputs.domainId, s);
  return snap ? completed(client, kind, single(kind, inputs, matchNatural(kind, inputs, snap.values()), exclude)) : findByNaturalKey(client, kind, inputs, exclude);
}

function describeFound(kind: Kind, found: Found): string {
  const value = found.obj[found.by === "name" ? kind.nameField : kind.externalKeyField];
  return `${found.by === "name" ? kind.nameField : kind.externalKeyField} "${value}" (${kind.idField} ${found.obj[kind.idField]}, domain ${found.obj.domainId})`;
}

// ---- references

/** Whether a reference names an object of `kind` by its name: kinds the name addresses (a member's email), and only a value that is such a name. */
const isNameOf = (kind: Kind, v: string) => !!kind.nameRef && (kind.schema.shape[kind.nameField] as unknown as z.ZodType).safeParse(v).success;

/**
 * The ID a reference by `externalKey:<key>` (or by name, for `nameRef` kinds) names: from the
 * run's snapshot of the kind, else a GET. A soft-deleted object is no longer there to refer to.
 */
async function resolveRef(run: Run, client: ApiClient, kind: Kind, field: string, ref: string, domainId: number, s: Settings): Promise<string> {
  const key = ref.startsWith(EXTERNAL_KEY_REF) ? ref.slice(EXTERNAL_KEY_REF.length) : undefined;
  const [f, value] = key === undefined ? [kind.nameField, ref] : [kind.externalKeyField, key];
  let obj: Props | undefined;
  for (const o of await objectsOf(run, client, kind, domainId, s)) {
    if (same(kind, f, o[f], value)) {
      obj = o;
      break;
    }
  }
  obj ??= await getOne(client, kind, key === undefined ? ref : itemRef({ externalKey: key }), domainId);
  if (!obj || isSoftDeleted(kind, obj)) {
    throw new Error(
      `${field} "${ref}": no ${kind.noun} has ${f} "${value}"${kind.keyScope === "domain" ? ` in domain ${domainId}` : ""}. ` +
        `Create it first, or refer to it by ID or by another resource's output (\`${field}: other.${kind.idField}\`).`,
    );
  }
  return obj[kind.idField];
}

/**
 * Inputs with every `externalKey:<key>` reference resolved to an ID, also inside nested objects
 * (a member's units, titles and levels: each in its organization's domain), and the declared
 * forms to keep in outputs.
 */
async function resolveRefs(run: Run, client: ApiClient, kind: Kind, inputs: Props, s: Settings): Promise<{ resolved: Props; forms: Forms }> {
  const forms: Forms = new Map();
  const walk = async (t: FieldTraits, v: unknown, field: string, domainId: number): Promise<unknown> => {
    if (Array.isArray(v)) return t.set || t.shape ? Promise.all(v.map((x, i) => walk({ ...t, set: false }, x, `${field}[${i}]`, domainId))) : v;
    if (typeof t.references === "string" && typeof v === "string" && (v.startsWith(EXTERNAL_KEY_REF) || isNameOf(kindOf(t.references), v))) {
      const id = await resolveRef(run, client, kindOf(t.references), field, v, domainId, s);
      forms.set(formKey(field, t.references, id), v);
      return id;
    }
    if (!t.shape || !v || typeof v !== "object") return v;
    const here = typeof (v as Props).domainId === "number" ? (v as Props).domainId : domainId;
    const out: Props = { ...(v as Props) };
    for (const [k, kt] of shapeOf(t, out)) if (out[k] !== undefined) out[k] = await walk(kt, out[k], `${field}.${k}`, here);
    return out;
  };
  const resolved = { ...inputs };
  for (const f of kind.fieldNames) if (inputs[f] !== undefined) resolved[f] = await walk(kind.traits[f] ?? {}, inputs[f], f, inputs.domainId);
  return { resolved, forms };
}

/** The same for stored outputs (refresh): a form that no longer resolves is simply not kept. */
async function storedForms(run: Run, client: ApiClient, kind: Kind, props: Props, domainId: number, s: Settings): Promise<Forms> {
  try {
    return (await resolveRefs(run, client, kind, { ...props, domainId }, s)).forms;
  } catch {
    return new Map();
  }
}

// ---- converging an existing object

/**
 * Refuses a move under the object itself or one of its descendants, naming both, before any
 * call (LINE WORKS' own answer to it is not documented).
 */
async function refuseCycle(run: Run, client: ApiClient, kind: Kind, id: string, parent: unknown, domainId: number, s: Settings): Promise<void> {
  if (!kind.parentField || typeof parent !== "string") return;
  const byId = new Map<string, Props>();
  for (const o of await objectsOf(run, client, kind, domainId, s)) byId.set(o[kind.idField], o);
  const label = (x: string) => (byId.get(x) ? `"${byId.get(x)![kind.nameField]}" (${x})` : x);
  const seen = new Set<string>();
  for (let at: string | undefined = parent; at && !seen.has(at); at = byId.get(at)?.[kind.parentField] ?? undefined) {
    seen.add(at);
    if (at !== id) continue;
    const how = parent === id ? "under itself" : `under ${label(parent)}, which is inside it`;
    throw new Error(
      `Cannot move ${kind.noun} ${label(id)} ${how}: a ${kind.noun} cannot be moved under itself or one of its own descendants. ` +
        `Move ${label(parent)} out first (change its own ${kind.parentField}), or choose another ${kind.parentField}.`,
    );
  }
}

/**
 * Brings an existing object from `live` to `wanted` (both with references resolved): the actions
 * that go first (a member's move to another domain), one PATCH for the fields PATCH carries, the
 * other actions (an org unit's move) whose trigger fields differ, then each toggled state
 * (suspension). `patchAll` sends every declared PATCH field once any differs (an update, whose
 * `live` is the stored state and may be stale); otherwise only the differing ones (adoption,
 * `live` read just now). Returns the object as LINE WORKS last answered, or undefined when nothing
 * was sent.
 */
async function converge(run: Run, client: ApiClient, kind: Kind, id: string, live: Props, wanted: Props, s: Settings, patchAll: boolean): Promise<Props | undefined> {
  const declared = declaredFields(kind, wanted);
  const differing = differingFields(kind, live, declared);
  if (live.domainId !== undefined && live.domainId !== wanted.domainId) differing.push("domainId");
  refuseToggles(kind, id, live, declared);
  let obj: Props | undefined;
  const keep = (res: Props | undefined) => {
    obj = res ?? obj;
    if (obj?.[kind.idField]) remember(run, kind, wanted.domainId, id, obj);
  };
  const runActions = async (first: boolean) => {
    for (const action of kind.actions) {
      if (!!action.first !== first || !triggers(action).some((f) => differing.includes(f))) continue;
      if (action.fields.includes(kind.parentField ?? "")) await refuseCycle(run, client, kind, id, declared[kind.parentField!], wanted.domainId, s);
      // Fields the program leaves undeclared are not sent (a move must not clear a member's external key).
      const fields = Object.fromEntries(action.fields.filter((f) => declared[f] !== undefined).map((f) => [f, declared[f]]));
      log(`${kind.noun} ${id}: ${action.verb} (${Object.entries(fields).map(([f, v]) => `${f} ${JSON.stringify(v)}`).join(", ")})`);
      const holds = (now: Props) =>
        (!triggers(action).includes("domainId") || now.domainId === wanted.domainId) && Object.keys(fields).every((f) => same(kind, f, now[f], fields[f]));
      keep(await act(client, kind, id, action.suffix, action.verb, { ...fields, ...action.with }, holds, wanted.domainId, s));
    }
  };
  await runActions(true);
  // Sets with their own endpoints change item by item, unless so many items change that one PATCH carrying the set is less.
  const items = kind.collections
    .filter(([f]) => declared[f] !== undefined && differing.includes(f))
    .map(([f, c]) => ({ f, c, ...setDelta(kind, f, live[f], declared[f]) }));
  const patchedSets = items.filter((x) => x.added.length + x.removed.length > (x.c.patchAbove ?? Infinity)).map((x) => x.f);
  const itemWise = items.filter((x) => !patchedSets.includes(x.f));
  const patchFields = kind.patchFields.filter((f) => declared[f] !== undefined && (!kind.traits[f]?.collection || patchedSets.includes(f)));
  const patching = patchFields.filter((f) => differing.includes(f));
  if (patching.length) {
    const json = Object.fromEntries((patchAll ? patchFields : patching).map((f) => [f, declared[f]]));
    // PATCH leaves fields the program does not declare as they are; domainId never moves.
    keep(await client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json }));
    const ignored = patchedSets.filter((f) => Array.isArray(obj?.[f]) && !same(kind, f, obj![f], declared[f]));
    if (ignored.length) {
      throw new Error(`${kind.noun} ${id}: LINE WORKS accepted the PATCH but did not apply ${ignored.join(", ")}.${kind.uneditable ? ` ${sentence(kind.uneditable.explain)}` : ""}`);
    }
  }
  for (const { f, c, added, removed } of itemWise) log(`${kind.noun} ${id}: ${f}: adding ${added.length} ${c.noun}(s), removing ${removed.length}`);
  // Adds first, in field order, then removes in reverse order: a group never lacks a master, and masters join before members leave.
  for (const { f, added } of itemWise) for (const item of added) await addItem(client, kind, id, f, item, s);
  for (const { f, removed } of [...itemWise].reverse()) for (const item of removed) await removeItem(client, kind, id, f, item);
  await runActions(false);
  const switching = kind.toggles.filter(([f]) => declared[f] !== undefined && differing.includes(f));
  for (const [f] of switching) await switchTo(client, kind, id, f, declared[f] === true, wanted.domainId, s);
  if (switching.length || itemWise.length) keep(await getOne(client, kind, id, wanted.domainId));
  return obj;
}

/** Switches a toggled state through its action (a lost answer is read back); a refusal says what it means. */
async function switchTo(client: ApiClient, kind: Kind, id: string, field: string, want: boolean, domainId: number, s: Settings): Promise<void> {
  const toggle = kind.traits[field]!.toggle!;
  log(`${kind.noun} ${id}: ${field} ${want}`);
  try {
    await act(client, kind, id, want ? toggle.on : toggle.off, `${field} ${want}`, undefined, (now) => now[toggle.live] === want, domainId, s);
  } catch (e) {
    throw want && e instanceof InvalidError ? new Error(`Cannot set ${field}: true on ${kind.noun} ${id}: LINE WORKS answered ${answerText(e)}. ${sentence(toggle.explain)}`) : e;
  }
}

/** A toggled state the live object cannot take (a pending member cannot be suspended): refused before any write. */
function refuseToggles(kind: Kind, id: string, live: Props, declared: Props): void {
  for (const [f, toggle] of kind.toggles) {
    if (!toggle.refuseOn || declared[f] !== true || asFields(kind, live)[f] === true) continue;
    const why = toggle.refuseOn(live);
    if (why) throw new Error(`Cannot set ${f}: true on ${kind.noun} ${live[kind.nameField] ? `"${live[kind.nameField]}" (${id})` : id}: it ${why}.`);
  }
}

/**
 * One action call. The client does not repeat a POST whose answer is lost (it may have been
 * applied): read the object, and repeat the action only if the object does not `hold` its outcome yet.
 */
async function act(
  client: ApiClient,
  kind: Kind,
  id: string,
  suffix: string,
  verb: string,
  json: Props | undefined,
  holds: (now: Props) => boolean,
  domainId: number,
  s: Settings,
): Promise<Props | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await client.request<Props>({ method: "POST", path: `${kind.path}/{id}${suffix}`, params: { id }, json })) || undefined;
    } catch (e) {
      if (!(e instanceof NetworkError || e instanceof ServerError)) throw e;
      const now = await getOne(client, kind, id, domainId);
      if (now && holds(now)) {
        log(`${kind.noun} ${id}: the ${verb} was applied although its answer was lost`);
        return now;
      }
      if (attempt > s.retryLimit) throw e;
      await sleep(client.backoff(attempt));
    }
  }
}

/**
 * Makes an existing object match the declaration; returns the converged object. Refuses an object
 * that this run already created or adopted for another resource: two resources of one program
 * would fight over it, and deleting one would delete the other's object.
 */
async function adopt(run: Run, client: ApiClient, kind: Kind, found: Found, inputs: Props, s: Settings): Promise<Props> {
  const id = found.obj[kind.idField];
  const already = run.takenBy(kind, id);
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
  run.take(kind, id, "adopted");
  log(`adopting existing ${kind.noun} ${describeFound(kind, found)}`);
  const obj = await converge(run, client, kind, id, found.obj, inputs, s, false);
  if (!obj) return found.obj;
  return obj[kind.idField] ? obj : ((await getOne(client, kind, id, inputs.domainId)) ?? found.obj);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- unique names and keys within one run

/** Key of a unique value: names are unique per domain, external keys per domain or tenant. */
function uniqueKey(kind: Kind, field: string, domainId: number, value: unknown): string {
  // A name that addresses the object (a member's email) is as tenant-wide as its key.
  const tenantWide = kind.keyScope === "tenant" && (field === kind.externalKeyField || (field === kind.nameField && kind.nameRef));
  return `${kind.type}|${field}|${tenantWide ? "*" : String(domainId)}|${String(canon(kind, field, value))}`;
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
  run: Run,
  holds: string[],
  wants: string[],
  attempt: () => Promise<T>,
  opts: { detour?: Detour; onConflict: (e: ConflictError) => Promise<Error> | Error },
): Promise<T> {
  if (!holds.length && !wants.length) return attempt();
  const { uniques } = run;
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
        conflict = { error: e, until: Date.now() + run.settings().conflictWaitMs };
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
function detourFor(run: Run, kind: Kind, client: ApiClient, id: string, domainId: number, olds: Props, news: Props): Detour {
  const fields = kind.uniqueFields.filter((f) => news[f] !== undefined && news[f] !== olds[f] && olds[f] != null);
  const patch = async (values: Props) => {
    const res = await write(run, kind, domainId, `id:${id}`, () => client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json: values }));
    if (res?.[kind.idField]) remember(run, kind, domainId, id, res);
  };
  const tag = `lineworks-tmp-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    away: () => {
      log(`${kind.noun} ${id}: moving ${fields.join(", ")} to "${tag}" for a moment, to let another rename of this run take the current value`);
      return patch(Object.fromEntries(fields.map((f) => [f, kind.traits[f]?.detour?.(tag, String(olds[f])) ?? tag])));
    },
    back: () => patch(Object.fromEntries(fields.map((f) => [f, olds[f]]))),
  };
}

// ---- CRUD

export async function create(type: string, news: Props): Promise<{ id: string; outs: Props }> {
  const kind = kindOf(type);
  const run = currentRun();
  const s = run.settings();
  const client = clientFor(s);
  const declaredInputs: Props = { ...listed(kind, news), domainId: news.domainId ?? defaultDomainId() };
  const list = declaredList(declaredInputs) ?? Object.keys(declaredFields(kind, declaredInputs));
  let forms: Forms = new Map();
  let inputs = declaredInputs; // references resolved to IDs once inside the writer
  const done = async (obj: Props, how: "created" | "adopted") => {
    const id = obj[kind.idField] as string;
    if (how === "created") {
      run.take(kind, id, "created");
      obj = await switchAfterCreate(client, kind, obj, inputs, s);
    }
    obj = await complete(client, kind, obj);
    remember(run, kind, inputs.domainId, id, obj);
    return { id, outs: outputs(kind, obj, inputs.domainId, list, forms, declaredInputs) };
  };
  /** Where names repeat: objects matching by name before the POST, which a lost create cannot have made. */
  let before: Set<string> | undefined;
  /** A lost create's object: exactly as declared, not there before, and not one this run already holds for another resource. */
  const recoverable = (found: Found | undefined): found is Found =>
    !!found &&
    !isSoftDeleted(kind, found.obj) &&
    differingFields(kind, found.obj, pick(declaredFields(kind, inputs), kind.createFields)).length === 0 &&
    !run.takenBy(kind, found.obj[kind.idField]) &&
    !before?.has(found.obj[kind.idField]);
  /** An object found by name or key that another operation of this run is moving away: not ours to take. */
  const beingMoved = (found: Found) => kind.uniqueFields.some((f) => found.obj[f] != null && run.uniques.isHeld(uniqueKey(kind, f, inputs.domainId, found.obj[f])));
  const findLost = () => findByNaturalKey(client, kind, inputs, (id) => !!before?.has(id) || !!run.takenBy(kind, id));

  const [, wants] = uniqueMoves(kind, declaredInputs.domainId, {}, declaredInputs);
  return withoutSecrets(kind, declaredInputs, () => coordinated(run, [], wants, () =>
    write(run, kind, declaredInputs.domainId, `${declaredInputs.domainId}|name:${declaredInputs[kind.nameField]}`, async () => {
      ({ resolved: inputs, forms } = await resolveRefs(run, client, kind, declaredInputs, s));
      if (s.adoptExisting) {
        const found = await findForAdoption(run, client, kind, inputs, s);
        if (found && !beingMoved(found)) return done(await adopt(run, client, kind, found, inputs, s), "adopted");
      }
      if (kind.uniqueNames === false) before = new Set(matchNatural(kind, inputs, await objectsOf(run, client, kind, inputs.domainId, s)).byName.map((o) => o[kind.idField]));
      let ambiguous = false; // a POST may have been applied although its response was lost
      for (let attempt = 1; ; attempt++) {
        try {
          const json = { domainId: inputs.domainId, ...pick(declaredFields(kind, inputs), kind.createFields) };
          const created = await client.request<Props>({ method: "POST", path: kind.path, json });
          if (created?.[kind.idField]) return done(created, "created");
          const found = await findLost();
          if (found) return done(found.obj, "created");
          throw new Error(`LINE WORKS accepted the ${kind.noun} but returned no ${kind.idField}, and it cannot be found by name`);
        } catch (e) {
          if (e instanceof NetworkError || e instanceof ServerError) {
            ambiguous = true;
            const found = await findLost();
            if (recoverable(found)) {
              log(`recovered ${kind.noun} "${inputs[kind.nameField]}" whose create response was lost (${found.obj[kind.idField]})`);
              return done(found.obj, "created");
            }
            if (attempt > s.retryLimit) throw e;
            await sleep(client.backoff(attempt));
            continue;
          }
          if (e instanceof ConflictError) {
            const found = await findByNaturalKey(client, kind, inputs, kind.uniqueNames === false ? takenHere(run, kind) : undefined);
            if (found && isSoftDeleted(kind, found.obj)) {
              if (!s.adoptExisting) throw softDeletedError(kind, inputs, found, e);
              return done(await adopt(run, client, kind, { ...found, obj: await restore(client, kind, found.obj, inputs.domainId, s) }, inputs, s), "adopted");
            }
            if (found && !beingMoved(found)) {
              if (s.adoptExisting) return done(await adopt(run, client, kind, found, inputs, s), "adopted");
              if (ambiguous && recoverable(found)) return done(found.obj, "created");
            }
          }
          throw e;
        }
      }
    }),
    { onConflict: async (e) => conflictError(kind, inputs, await findByNaturalKey(client, kind, inputs).catch(() => undefined), e) },
  ));
}

const pick = (o: Props, fields: string[]): Props => Object.fromEntries(Object.entries(o).filter(([f]) => fields.includes(f)));

/** Shorter strings inside a secret field are not masked (they would mask ordinary words of a message). */
const SECRET_MIN_LENGTH = 4;

/** Every string inside the write-only fields of a declaration (a member's password). */
function secretsOf(kind: Kind, inputs: Props): string[] {
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === "string" && v.length >= SECRET_MIN_LENGTH) out.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  for (const f of kind.secretFields) collect(inputs[f]);
  return out;
}

/** Runs `fn`; an error that would repeat a write-only secret (an API answer echoing it) has it masked. */
async function withoutSecrets<T>(kind: Kind, inputs: Props, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const secrets = secretsOf(kind, inputs);
    const message = e instanceof Error ? e.message : String(e);
    if (!secrets.some((x) => message.includes(x))) throw e;
    throw new Error(redact(message, secrets, SECRET_MIN_LENGTH));
  }
}

// ---- soft delete

export const isSoftDeleted = (kind: Kind, obj: Props) => !!kind.softDelete && obj[kind.softDelete.flag] === true;

function softDeletedError(kind: Kind, inputs: Props, found: Found, e: LineWorksError): Error {
  return new Error(
    `Cannot create ${kind.noun} "${inputs[kind.nameField]}": ${kind.noun} ${describeFound(kind, found)} was deleted and still holds it ` +
      `(LINE WORKS ${answerText(e)}). ${sentence(kind.softDelete!.explain)}`,
  );
}

/** Brings a soft-deleted object back (a lost answer is read back before the restore is repeated). Call it inside a write. */
async function restore(client: ApiClient, kind: Kind, obj: Props, domainId: number, s: Settings): Promise<Props> {
  const id = obj[kind.idField];
  log(`${kind.noun} ${id} (${obj[kind.nameField]}) was deleted and is restored to be adopted`);
  const sd = kind.softDelete!;
  // Runs inside the create's write (its per-domain rule applies); a nested write() could wait on itself.
  const now = await act(client, kind, id, sd.restore, "restore", undefined, (o) => o[sd.flag] !== true, domainId, s);
  return now?.[kind.idField] ? now : ((await getOne(client, kind, id, domainId)) ?? { ...obj, [sd.flag]: false });
}

/**
 * After a create: the toggled states the program declares (a member created suspended). A state
 * the new object cannot take yet (a pending member cannot be suspended) is not an error of the
 * create, which succeeded: it is logged, the outputs show the live state, and the next preview
 * shows the difference.
 */
async function switchAfterCreate(client: ApiClient, kind: Kind, obj: Props, inputs: Props, s: Settings): Promise<Props> {
  for (const [f, toggle] of kind.toggles) {
    if (inputs[f] === undefined || same(kind, f, asFields(kind, obj)[f], inputs[f])) continue;
    const id = obj[kind.idField];
    const refused = inputs[f] === true ? toggle.refuseOn?.(obj) : undefined;
    if (refused) {
      log(`${kind.noun} "${obj[kind.nameField]}" (${id}) was created, but ${f}: true is not applied: it ${refused}`);
      continue;
    }
    const want = inputs[f] === true;
    try {
      await switchTo(client, kind, id, f, want, inputs.domainId, s);
      obj = { ...obj, [toggle.live]: want };
    } catch (e) {
      // Failing now would lose the created object from the state: report, and let the next run converge.
      log(`${kind.noun} "${obj[kind.nameField]}" (${id}) was created, but setting ${f}: ${want} failed: ${(e as Error).message}`);
    }
  }
  return obj;
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
  const run = currentRun();
  const s = run.settings();
  const client = clientFor(s);
  const domainId = typeof props.domainId === "number" ? props.domainId : defaultDomainId();
  let obj: Props | undefined;
  try {
    if (id.startsWith("name:")) {
      // Adoption by name through `pulumi import`: IDs are not shown in the admin console.
      if (domainId === undefined) throw new Error("importing by name needs domainId or lineworks:domainId");
      const wanted = { [kind.nameField]: id.slice(5), domainId };
      const named = [...(await objectsOf(run, client, kind, domainId, s))].filter((o) => same(kind, kind.nameField, o[kind.nameField], wanted[kind.nameField]));
      if (named.length > 1 && kind.uniqueNames === false) throw ambiguousName({ ...kind, nameScope: [] }, wanted, named);
      obj = named[0];
    } else {
      if (domainId !== undefined && !id.includes(":")) obj = (await snapshotOf(run, client, kind, domainId, s))?.get(id);
      obj ??= await run.locks.run(`${kind.type}|id:${id}`, () => getOne(client, kind, id, domainId));
    }
    // A soft-deleted object is gone for the program (restorable in LINE WORKS for a while; `up` then says how).
    if (!obj || isSoftDeleted(kind, obj)) return {};
    refuseUneditable(kind, obj);
    obj = await complete(client, kind, obj);
  } catch (e) {
    explainUneditable(kind, e);
    if (!kind.feature || !isFeatureOff(e, kind.feature)) throw e;
    log(`${kind.noun} ${id}: the ${FEATURES[kind.feature].flag} feature is off in domain ${domainId}, which deleted every ${kind.noun}; reporting it gone`);
    return {};
  }
  const declared = declaredList(props);
  const outs = outputs(kind, obj, domainId!, declared, await storedForms(run, client, kind, props, domainId!, s), props);
  if (!declared && props[kind.idField] !== undefined) {
    // State written before the declared-field list existed: keep the stored inputs as they are.
    return { id: obj[kind.idField], props: outs };
  }
  // An import declares only the required fields; the others stay unmanaged until the program declares them.
  const fields = declared ?? kind.requiredFields;
  const inputs: Props = { domainId: outs.domainId, [DECLARED]: fields };
  // A write-only secret is not read back: refreshed inputs no longer hold it (nor does the state).
  for (const f of fields) if (kind.outputFields.includes(f)) inputs[f] = outs[f];
  return { id: obj[kind.idField], props: { ...outs, [DECLARED]: fields }, inputs: keyed(kind, inputs) };
}

export async function update(type: string, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const kind = kindOf(type);
  news = listed(kind, news);
  const run = currentRun();
  const s = run.settings();
  const client = clientFor(s);
  const [holds, wants] = uniqueMoves(kind, news.domainId, olds, news);
  return coordinated(
    run,
    holds,
    wants,
    () =>
      write(run, kind, news.domainId, `id:${id}`, async () => {
        const { resolved, forms } = await resolveRefs(run, client, kind, news, s);
        // The stored state resolved in its own domain: a domain change is then seen (a member's move).
        const live = (await resolveRefs(run, client, kind, { ...olds, domainId: olds.domainId ?? news.domainId }, s).catch(() => ({ resolved: olds }))).resolved;
        const res = await converge(run, client, kind, id, live, resolved, s, true);
        const found = res?.[kind.idField] ? res : await getOne(client, kind, id, news.domainId);
        if (!found) throw new Error(`${kind.noun} ${id} disappeared during the update; run \`pulumi refresh\``);
        const obj = await complete(client, kind, found);
        remember(run, kind, news.domainId, id, obj);
        return { outs: outputs(kind, obj, news.domainId, declaredList(news), forms, news) };
      }),
    { detour: detourFor(run, kind, client, id, news.domainId, olds, news), onConflict: (e) => updateConflictError(kind, id, olds, news, e) },
  );
}

/** A delete LINE WORKS refused for a reason the kind declares (an org unit with members): what it means and what to do. */
async function deleteRefused(client: ApiClient, kind: Kind, id: string, props: Props, e: LineWorksError): Promise<Error> {
  const refusal = kind.deleteRefusal!;
  let blockers = "";
  if (refusal.blockers) {
    const b = refusal.blockers;
    try {
      const page = await client.request<Props>({ method: "GET", path: b.path, params: { id }, searchParams: { count: 100 } });
      const items: Props[] = Array.isArray(page?.[b.listKey]) ? page[b.listKey] : [];
      const shown = items.slice(0, 5).map(b.label).join(", ");
      blockers = items.length ? ` Its ${b.noun}: ${shown}${items.length > 5 ? ` and ${items.length - 5}${page?.responseMetaData?.nextCursor ? "+" : ""} more` : ""}.` : ` It has no ${b.noun}: the members are in a unit under it.`;
    } catch {
      /* the explanation stands without the list */
    }
  }
  const name = props[kind.nameField] ? `"${props[kind.nameField]}" (${id})` : id;
  const explain = typeof refusal.explain === "function" ? refusal.explain(props) : refusal.explain;
  return new Error(`Cannot delete ${kind.noun} ${name}: LINE WORKS answered ${answerText(e)}. ${sentence(explain)}${blockers}`);
}

export async function remove(type: string, id: string, props: Props): Promise<void> {
  const kind = kindOf(type);
  const run = currentRun();
  const client = clientFor(run.settings());
  if (run.takenBy(kind, id) === "adopted") {
    // Another resource of this run took this object over (e.g. the program renamed the resource
    // without `aliases`): deleting it would delete what that resource now manages.
    log(`${kind.noun} ${id} was adopted by another resource in this run: not deleted, only forgotten by this resource`);
    return;
  }
  const [holds] = uniqueMoves(kind, props.domainId, props, Object.fromEntries(kind.uniqueFields.map((f) => [f, null])));
  await coordinated(
    run,
    holds,
    [],
    () =>
      write(run, kind, props.domainId, `id:${id}`, async () => {
        try {
          // LINE WORKS' soft delete unless the program declared the permanent one.
          const force = kind.softDelete?.force && props[kind.softDelete.force.field] === true ? kind.softDelete.force.suffix : "";
          if (force) log(`${kind.noun} ${id}: deleted permanently (${kind.softDelete!.force!.field}: true); it cannot be restored`);
          await client.request({ method: "DELETE", path: `${kind.path}/{id}${force}`, params: { id }, searchParams: itemQuery(kind, props.domainId) });
          remember(run, kind, props.domainId, id, undefined);
        } catch (e) {
          // Already gone (a parent's delete takes member-less units under it along): the goal of a delete.
          if (e instanceof NotFoundError) return remember(run, kind, props.domainId, id, undefined);
          // A disabled feature has wiped every object of its kind, this one included.
          if (kind.feature && isFeatureOff(e, kind.feature)) return remember(run, kind, props.domainId, id, undefined);
          if (kind.deleteRefusal && (e instanceof InvalidError || e instanceof ConflictError)) throw await deleteRefused(client, kind, id, props, e);
          throw e;
        }
      }),
    { onConflict: (e) => e },
  );
}
