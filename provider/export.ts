// `pulumi-lineworks export`: a tenant's directory as a Directory spec. Each kind is read with its
// paged list (100 per call, within the client's rate budget); every entry holds the fields its
// resource compares, without the values LINE WORKS takes as the default, so that a program over
// the file adopts every object with no change. References become the other entry's external key,
// else its name; objects outside the domain are referred to as `externalKey:<key>` (else `id:<ID>`).
import type { ApiClient } from "./client";
import { currentWord, isFeatureOff, mapRefs, shapeOf, type FieldTraits, type Kind } from "./kinds";
import { asFields, canonBy, complete, isSoftDeleted } from "./lifecycle";
import { planKeys, type KeyAssignment, type MemberKey } from "./exportKeys";
import { EXTERNAL_KEY_REF } from "./schemas";
import { ID_REF, parseSpec, SECTION_NAMES, SECTIONS, SpecError, type DirectorySpec, type SectionName, type SpecProblem } from "./spec";

type Props = Record<string, any>;

export interface ExportOptions {
  domainId: number;
  /**
   * Give objects without an external key a readable one first (exportKeys.ts): with `write`, through
   * the bulk external-key endpoints; without, only planned (the result's `keys`, the spec unchanged).
   */
  assignKeys?: { write: boolean; memberKey?: MemberKey };
  /** Hears progress ("members: 300 read"). */
  progress?: (message: string) => void;
}

export interface SectionReport {
  /** Objects written to the spec. */
  count: number;
  /** Of those, how many have no external key (referred to by name). */
  keyless: number;
  /** Keys written by --assign-keys. */
  assigned: number;
  /** API calls spent on the section (lists, a group's members and masters where the list lacks them, key writes). */
  calls: number;
  /** Why the section was left out or objects skipped (a switch off, dynamic groups). */
  notes: string[];
}

export interface ExportResult {
  spec: DirectorySpec;
  report: Record<SectionName, SectionReport>;
  /** What Directory would refuse in the exported spec (live data breaking a rule the spec checks). */
  problems: SpecProblem[];
  /** The keys --assign-keys wrote, or would write (`assignKeys.write` false), in the spec's order. */
  keys: KeyAssignment[];
}

const BULK_MAX = 50;

/** The live objects of each section of a domain, sets completed, soft-deleted and uneditable ones left out. */
async function readSection(client: ApiClient, section: SectionName, opts: ExportOptions, report: SectionReport): Promise<Props[] | undefined> {
  const { kind } = SECTIONS[section];
  const progress = (n: number) => n >= 100 && opts.progress?.(`${section}: ${n} read`);
  let objects: Props[];
  try {
    objects = await client.list<Props>(kind.path, kind.listKey, { domainId: opts.domainId }, progress);
  } catch (e) {
    if (kind.feature && isFeatureOff(e, kind.feature)) {
      report.notes.push(`the ${kind.feature} switch is off in domain ${opts.domainId}: no ${section} exported`);
      return undefined;
    }
    throw e;
  }
  objects = objects.filter((o) => (o.domainId === undefined || o.domainId === opts.domainId) && !isSoftDeleted(kind, o));
  const out: Props[] = [];
  for (const o of objects) {
    const why = kind.uneditable?.mark(o);
    if (why) {
      report.notes.push(`${kind.noun} ${o[kind.nameField]} (${o[kind.idField]}) left out: ${why}, which LINE WORKS lets nobody edit`);
      continue;
    }
    // The list carries a group's members and masters (doc: group-list); an answer without them costs each group its own pages.
    const paged = kind.collections.some(([f]) => !Array.isArray(o[f]));
    out.push(await complete(client, kind, o));
    if (paged && out.length % 10 === 0) opts.progress?.(`${section}: ${out.length} of ${objects.length} with their ${kind.collections.map(([f]) => f).join(" and ")}`);
  }
  return out;
}

/** Readable keys for the objects without one (in the spec's order), written through the kind's bulk endpoint (50 per call) when asked. */
async function assignKeys(client: ApiClient, section: SectionName, objects: Props[], opts: ExportOptions, report: SectionReport): Promise<KeyAssignment[]> {
  const { kind } = SECTIONS[section];
  const keys = planKeys(section, objects, opts.assignKeys?.memberKey);
  if (!opts.assignKeys?.write) return keys;
  const items = keys.map((k) => ({ ...(kind.keyScope === "domain" ? { domainId: opts.domainId } : {}), id: k.id, externalKey: k.key }));
  for (let i = 0; i < items.length; i += BULK_MAX) {
    await client.request({ method: "POST", path: `${kind.path}/external-keys`, json: { [kind.listKey]: items.slice(i, i + BULK_MAX) } });
    report.calls++;
  }
  const byId = new Map(objects.map((o) => [String(o[kind.idField]), o]));
  for (const k of keys) byId.get(k.id)![kind.externalKeyField] = k.key;
  report.assigned = keys.length;
  return keys;
}

/**
 * A section's objects in the order of the spec, decided before any key is assigned so that keys
 * move no entry: units depth first with siblings by displayOrder; the rest by displayOrder (negative
 * ones too), then key and name, so the file reads like the admin console and exports diff cleanly.
 */
function specOrder(section: SectionName, objects: Props[]): Props[] {
  const { kind, children } = SECTIONS[section];
  const byOrder = (a: Props, b: Props) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0);
  if (children && kind.parentField) {
    const ids = new Set(objects.map((o) => o[kind.idField]));
    const parentOf = (o: Props) => (o[kind.parentField!] && ids.has(o[kind.parentField!]) ? o[kind.parentField!] : null);
    const out: Props[] = [];
    const visit = (parent: string | null) => {
      for (const o of objects.filter((x) => parentOf(x) === parent).sort(byOrder)) {
        out.push(o);
        visit(o[kind.idField]);
      }
    };
    visit(null);
    return out;
  }
  const tie = (o: Props) => `${o[kind.externalKeyField] ?? ""}\0${o[kind.nameField]}`;
  return [...objects].sort((a, b) => byOrder(a, b) || (tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0));
}

/** Whether `v` is what LINE WORKS takes when the field is left out (its default, null, an empty set). */
// An open map without values (a member with no custom property values) is left out too.
const isDefault = (t: FieldTraits, v: unknown) =>
  JSON.stringify(canonBy(t, v)) === JSON.stringify(canonBy(t, undefined)) || (!!t.openMap && !!v && typeof v === "object" && Object.keys(v).length === 0);

/**
 * A live value as a spec declares it: objects reduced to their shape without defaults, IDs as
 * references (`ref`), and the shorthand the spec fills back in (a member's only organization
 * and unit are primary; its domain is the spec's).
 */
function declared(t: FieldTraits, v: unknown, ref: (kind: string, id: string) => string, domainId: number): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => declared({ ...t, set: false }, x, ref, domainId));
    if (items.length === 1 && items[0] && typeof items[0] === "object" && (items[0] as Props).primary === true && t.shape && "primary" in t.shape) {
      delete (items[0] as Props).primary;
      keepEmptySets(t, v[0], items[0] as Props);
    }
    return items;
  }
  if (typeof t.references === "string" && typeof v === "string") return ref(t.references, v);
  if (!t.shape || !v || typeof v !== "object") return currentWord(t, v);
  const out: Props = {};
  for (const [k, kt] of shapeOf(t, v as Props)) {
    const x = (v as Props)[k];
    if (x === undefined || isDefault(kt, x) || (k === "domainId" && x === domainId)) continue;
    out[k] = declared(kt, x, ref, domainId);
  }
  keepEmptySets(t, v, out);
  return out;
}

/**
 * An object with nothing left to say keeps its empty sets (a member in no unit: `{ orgUnits: [] }`),
 * which the spec requires and `{}` would not give.
 */
function keepEmptySets(t: FieldTraits, live: unknown, out: Props): void {
  if (Object.keys(out).length || !live || typeof live !== "object") return;
  for (const [k] of shapeOf(t, live as Props)) if (Array.isArray((live as Props)[k]) && !(live as Props)[k].length) out[k] = [];
}

/** Reads domain `opts.domainId` and returns it as a spec, with what was read, skipped and refused per section. */
export async function exportSpec(client: ApiClient, opts: ExportOptions): Promise<ExportResult> {
  const report = Object.fromEntries(SECTION_NAMES.map((s) => [s, { count: 0, keyless: 0, assigned: 0, calls: 0, notes: [] } as SectionReport])) as Record<SectionName, SectionReport>;
  const live = {} as Record<SectionName, Props[] | undefined>;
  const keys: KeyAssignment[] = [];
  for (const section of SECTION_NAMES) {
    const before = client.stats.requests;
    opts.progress?.(`reading ${section}`);
    const objects = await readSection(client, section, opts, report[section]);
    report[section].calls += client.stats.requests - before;
    live[section] = objects && specOrder(section, objects);
    if (opts.assignKeys && live[section]) keys.push(...(await assignKeys(client, section, live[section]!, opts, report[section])));
  }

  // Every object of the spec by kind and ID, with how entries refer to it: its key, else its name (unless another has that name).
  const labels = new Map<string, string>();
  for (const section of SECTION_NAMES) {
    const { kind } = SECTIONS[section];
    // Names compared as the spec resolves them (members' emails without case).
    const nameOf = (o: Props) => (kind.traits[kind.nameField]?.caseInsensitive ? String(o[kind.nameField]).toLowerCase() : String(o[kind.nameField]));
    const names = new Map<string, number>();
    for (const o of live[section] ?? []) names.set(nameOf(o), (names.get(nameOf(o)) ?? 0) + 1);
    for (const o of live[section] ?? []) {
      const key = o[kind.externalKeyField];
      labels.set(`${kind.type}\0${o[kind.idField]}`, typeof key === "string" ? key : names.get(nameOf(o)) === 1 ? o[kind.nameField] : `${ID_REF}${o[kind.idField]}`);
    }
  }
  const foreign = new Map<string, string>(); // references to objects outside the spec, from the echoes LINE WORKS gives
  const ref = (type: string, id: string) => labels.get(`${type}\0${id}`) ?? foreign.get(`${type}\0${id}`) ?? `${ID_REF}${id}`;

  const spec: Props = { domainId: opts.domainId };
  for (const section of SECTION_NAMES) {
    const objects = live[section];
    if (!objects?.length) continue;
    const { kind, children } = SECTIONS[section];
    noteForeignKeys(kind, objects, foreign);
    const entryOf = (o: Props): Props => {
      const fields = asFields(kind, o);
      const order = [kind.externalKeyField, kind.nameField, ...kind.fieldNames.filter((f) => f !== kind.externalKeyField && f !== kind.nameField)];
      const entry: Props = {};
      for (const f of order) {
        const t = kind.traits[f] ?? {};
        if (t.writeOnly || t.local || f === kind.parentField || fields[f] === undefined || isDefault(t, fields[f])) continue;
        entry[f] = declared(t, fields[f], ref, opts.domainId);
      }
      return entry;
    };
    report[section].count = objects.length;
    report[section].keyless = objects.filter((o) => typeof o[kind.externalKeyField] !== "string").length;
    if (children && kind.parentField) {
      // The tree: each unit under its parent, in specOrder's order.
      const ids = new Set(objects.map((o) => o[kind.idField]));
      const under = (parent: string | null): Props[] =>
        objects
          .filter((o) => (o[kind.parentField!] && ids.has(o[kind.parentField!]) ? o[kind.parentField!] : null) === parent)
          .map((o) => {
            const below = under(o[kind.idField]);
            return below.length ? { ...entryOf(o), [children]: below } : entryOf(o);
          });
      spec[section] = under(null);
    } else {
      spec[section] = objects.map(entryOf);
    }
  }

  let problems: SpecProblem[] = [];
  try {
    parseSpec(spec);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    problems = e.problems;
  }
  return { spec: spec as DirectorySpec, report, problems, keys };
}

/**
 * Objects outside the spec (a unit of another domain in a member's organizations) that LINE WORKS
 * echoes with their external key (`orgUnitExternalKey` beside `orgUnitId`): referred to as
 * `externalKey:<key>`, which stays true when the ID is not known to the program.
 */
function noteForeignKeys(kind: Kind, objects: Props[], foreign: Map<string, string>): void {
  for (const o of objects) {
    mapRefs(kind, o, (type, id, path, holder) => {
      // The echo beside `<x>Id` is `<x>ExternalKey`; a member's relation echoes plain `externalKey`.
      const field = String(path[path.length - 1]);
      const key = (field.endsWith("Id") ? holder[`${field.slice(0, -2)}ExternalKey`] : undefined) ?? holder.externalKey;
      if (typeof id === "string" && typeof key === "string") foreign.set(`${type}\0${id}`, `${EXTERNAL_KEY_REF}${key}`);
      return id;
    });
  }
}

/** Counts of the report by section as a sentence ("3 org units, 6 members"): objects without a key, or keys assigned. */
export function countsText(report: Record<SectionName, SectionReport>, what: "keyless" | "assigned"): string {
  return SECTION_NAMES.filter((s) => report[s][what] > 0)
    .map((s) => `${report[s][what]} ${report[s][what] === 1 ? SECTIONS[s].kind.noun : s.replace(/([A-Z])/g, " $1").toLowerCase()}`)
    .join(", ");
}
