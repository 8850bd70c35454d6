// Reorganisations that take effect on their date (人事異動): a map from dates to specs, and which
// of them is in effect at a moment. Pure: the moment is passed in (asOf), so the same choice can
// be made for a dry run (LINEWORKS_AS_OF) and in tests.
//
// Keys: `2027-04-01` (00:00 Japan time), `2027-04-01T09:30` (Japan time too: a key without an
// offset is read as a Japanese administrator means it), or with an offset or Z
// (`2027-04-01T00:00+09:00`, `2027-03-31T15:00Z`). Anything else is an error naming the key.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseText } from "./specText";

export const AS_OF_ENV = "LINEWORKS_AS_OF";
/** The offset of a date or time written without one: Japan time. */
export const DEFAULT_OFFSET = "+09:00";

/** Specs by the date each takes effect: a file path or a spec object each. */
export type DatedSpecs<T = unknown> = Record<string, T>;

/** The spec in effect: its key as written, the moment it took effect, and its value. */
export interface Chosen<T> {
  date: string;
  at: Date;
  spec: T;
}

const FORM = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The moment a date or time means, or undefined when it is none of the forms above. */
export function parseMoment(text: string): Date | undefined {
  const m = FORM.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ?? DEFAULT_OFFSET}`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  // Date rolls 2027-02-30 over to March: a day or an hour out of range is no date.
  if (Number(mo) < 1 || Number(d) < 1 || Number(mo) > 12 || Number(d) > new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate() || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return at;
}

/** A dated map: an object whose keys begin with a digit (a spec's keys never do). */
export function isDated(value: unknown): value is DatedSpecs {
  return !!value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).some((k) => /^\d/.test(k));
}

/** The map's entries, earliest first; an error naming every key that is no date. */
export function datedEntries<T>(dated: DatedSpecs<T>, source = "spec"): Chosen<T>[] {
  const bad = Object.keys(dated).filter((k) => parseMoment(k) === undefined);
  if (bad.length)
    throw new Error(
      `${source}: ${bad.map((k) => JSON.stringify(k)).join(", ")} ${bad.length === 1 ? "is" : "are"} not a date: write 2027-04-01 (00:00 Japan time) or 2027-04-01T00:00+09:00`,
    );
  if (Object.keys(dated).length === 0) throw new Error(`${source}: the dated map is empty`);
  const entries = Object.entries(dated).map(([date, spec]) => ({ date, at: parseMoment(date)!, spec }));
  const seen = new Map<number, string>();
  for (const e of entries) {
    const other = seen.get(e.at.getTime());
    if (other !== undefined) throw new Error(`${source}: ${JSON.stringify(other)} and ${JSON.stringify(e.date)} are the same moment`);
    seen.set(e.at.getTime(), e.date);
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The latest spec whose date has come at `asOf`; an error when none has yet. */
export function chooseSpec<T>(dated: DatedSpecs<T>, asOf: Date, source?: string): Chosen<T> {
  const entries = datedEntries(dated, source);
  const come = entries.filter((e) => e.at.getTime() <= asOf.getTime());
  if (!come.length) throw new Error(`${source ?? "spec"}: no spec is in effect at ${asOf.toISOString()}: the earliest takes effect ${entries[0].date}`);
  return come[come.length - 1];
}

/** The next spec after the one in effect at `asOf` (the coming change), if any. */
export function nextSpec<T>(dated: DatedSpecs<T>, asOf: Date, source?: string): Chosen<T> | undefined {
  return datedEntries(dated, source).find((e) => e.at.getTime() > asOf.getTime());
}

/** The moment to choose at: LINEWORKS_AS_OF (a dry run, a test), else now. */
export function asOfFrom(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): Date {
  const given = env[AS_OF_ENV];
  if (given === undefined || given === "") return new Date(now());
  const at = parseMoment(given);
  if (!at) throw new Error(`${AS_OF_ENV} must be an ISO date or time (2027-04-01, 2027-04-01T00:00+09:00), not ${JSON.stringify(given)}`);
  return at;
}

/**
 * A spec file that holds a dated map (`org.dates.yaml`: `"2027-04-01": org-2027-04.yaml`), its
 * paths made absolute from the file's folder; undefined for a file that holds one spec.
 */
export function readDatedFile(file: string): DatedSpecs | undefined {
  let content: unknown;
  try {
    content = parseText(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined; // not readable or not YAML: the spec loader says why
  }
  if (!isDated(content)) return undefined;
  const dir = path.dirname(file);
  return Object.fromEntries(Object.entries(content).map(([k, v]) => [k, typeof v === "string" ? path.resolve(dir, v) : v]));
}
