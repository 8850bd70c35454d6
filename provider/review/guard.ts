// The mass-removal guard: how many members, units and groups a change may remove before
// `pulumi-lineworks diff --fail-on-removals` stops it. Removing a member is LINE WORKS' soft
// delete: restorable for 7 days, but the member leaves every chat room at once and that chat
// data does not come back. A merge that drops 300 lines of YAML should need someone to say so.
import type { Changes } from "./model";

/** What a change is limited on: the count removed and the base's count it is a share of. */
export type Guarded = "members" | "units" | "groups";

/** A limit: at most `count` removed, or `percent` of the base's count, whichever is larger. */
export interface RemovalLimit {
  count?: number;
  percent?: number;
}

/**
 * The defaults (`--guard`, or `default` as a flag's value), in one place: 10 members or 5 % of
 * them, whichever is larger, so a small directory is not stopped by a handful of leavers and a
 * large one still stops well before a dropped file. Units and groups: 5, or 5 % of them.
 */
export const DEFAULT_REMOVAL_LIMITS: Readonly<Record<Guarded, RemovalLimit>> = {
  members: { count: 10, percent: 5 },
  units: { count: 5, percent: 5 },
  groups: { count: 5, percent: 5 },
};

/** The pull-request label that approves a change over a limit (the example workflow reads it). */
export const ALLOW_LABEL = "lineworks-allow-removals";
/** The file a change adds to approve itself (the example workflow looks for it). */
export const ALLOW_FILE = ".lineworks/allow-removals";

/** The `diff` flag that sets each limit. */
export type GuardFlag = "fail-on-removals" | "fail-on-unit-removals" | "fail-on-group-removals";

/** Each guarded thing: its flag, and how a count of it reads. */
export const GUARDS: Readonly<Record<Guarded, { flag: GuardFlag; noun: (n: number) => string; verb: string }>> = {
  members: { flag: "fail-on-removals", noun: (n) => (n === 1 ? "member" : "members"), verb: "would leave" },
  units: { flag: "fail-on-unit-removals", noun: (n) => (n === 1 ? "unit" : "units"), verb: "would be removed" },
  groups: { flag: "fail-on-group-removals", noun: (n) => (n === 1 ? "group" : "groups"), verb: "would be removed" },
};

/** A flag's value as a limit: `12`, `5%`, or `default`; a message when it is none of them. */
export function parseLimit(what: Guarded, text: string): RemovalLimit | string {
  if (text === "default") return DEFAULT_REMOVAL_LIMITS[what];
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (m && m[2]) {
    const percent = Number(m[1]);
    if (percent <= 100) return { percent };
  } else if (m && /^\d+$/.test(m[1])) return { count: Number(m[1]) };
  return `--${GUARDS[what].flag} takes a count (10), a share of the base's ${GUARDS[what].noun(2)} (5%) or "default", not ${JSON.stringify(text)}`;
}

/** How many may be removed out of `base`. */
export function allowed(limit: RemovalLimit, base: number): number {
  return Math.max(limit.count ?? 0, limit.percent === undefined ? 0 : Math.floor((limit.percent * base) / 100));
}

const removedOf = (changes: Changes, what: Guarded): number =>
  what === "members" ? changes.counts.members.left : what === "units" ? changes.counts.units.removed : changes.counts.groups.removed;

const baseOf = (changes: Changes, what: Guarded): number => changes.counts.base[what];

/** How the limit was set, in words: "10", "5% of 240", "the larger of 10 and 5% of 240". */
function limitText(limit: RemovalLimit, base: number): string {
  const share = `${limit.percent}% of ${base}`;
  if (limit.percent === undefined) return String(limit.count);
  return limit.count === undefined ? share : `the larger of ${limit.count} and ${share}`;
}

/**
 * A sentence per limit the change goes over (none: within every limit). Each names the count,
 * the limit, and the three ways to allow it.
 */
export function overLimits(changes: Changes, limits: Partial<Record<Guarded, RemovalLimit>>): string[] {
  const out: string[] = [];
  for (const what of Object.keys(GUARDS) as Guarded[]) {
    const limit = limits[what];
    if (!limit) continue;
    const removed = removedOf(changes, what);
    const base = baseOf(changes, what);
    const max = allowed(limit, base);
    if (removed <= max) continue;
    const g = GUARDS[what];
    const how = limitText(limit, base);
    out.push(
      `${removed} ${g.noun(removed)} ${g.verb} (more than the ${max} allowed${how === String(max) ? "" : `: ${how}`}). ` +
        `To allow it, add the label \`${ALLOW_LABEL}\` to the pull request, or add the file \`${ALLOW_FILE}\` in this change, or raise --${g.flag}.`,
    );
  }
  return out;
}
