// What the rosters of one set (a Directory's `rosters: n`, in one domain) declare in this run. A
// roster whose member left it cannot tell alone whether the member was removed, moved to another
// roster of the set (the number of rosters changed), or declared under a new key (it got its first
// `userExternalKey`): only the other rosters know. Every roster's check runs in this process as
// the engine registers it, so a roster about to delete members waits until the whole set was
// checked and asks it; a member declared anywhere in the set is not deleted. A `--target` run
// checks only the targeted resources (the engine stubs the others' Check: pulumi/pulumi
// pkg/resource/deploy/step_generator.go), so the wait has a bound, and past it nothing is deleted.
import { clock } from "../../clock";
import type { Run } from "../lifecycle/run";

interface SetState {
  count: number;
  /** Bucket indexes checked so far. */
  seen: Set<number>;
  /** Stable keys and names (lower case) declared, with the roster declaring each. */
  keys: Map<string, number>;
  names: Map<string, number>;
  waiters: (() => void)[];
  /** A wait for this set ran out: later ones in the run give up at once. */
  gaveUp?: boolean;
}

const runs = new WeakMap<Run, Map<string, SetState>>();

const setOf = (run: Run, type: string, domainId: unknown, count: number): SetState => {
  let sets = runs.get(run);
  if (!sets) runs.set(run, (sets = new Map()));
  const id = `${type}|${domainId}|${count}`;
  let s = sets.get(id);
  if (!s) sets.set(id, (s = { count, seen: new Set(), keys: new Map(), names: new Map(), waiters: [] }));
  return s;
};

/** A bucket `[index, count]` as a roster's inputs hold it, if it is one. */
export const bucketOf = (b: unknown): [number, number] | undefined =>
  Array.isArray(b) && b.length === 2 && b.every(Number.isInteger) && b[0] >= 0 && b[0] < b[1] ? (b as [number, number]) : undefined;

/** Check saw roster `bucket` of a set declare these members (stable key and name each). */
export function noteDeclared(run: Run, type: string, domainId: unknown, bucket: [number, number], members: [string, string | undefined][]): void {
  const s = setOf(run, type, domainId, bucket[1]);
  for (const [key, name] of members) {
    s.keys.set(key, bucket[0]);
    if (name) s.names.set(name.toLowerCase(), bucket[0]);
  }
  s.seen.add(bucket[0]);
  if (s.seen.size === s.count) for (const w of s.waiters.splice(0)) w();
}

/**
 * Whether every roster of the set was checked in this run, waiting at most `timeoutMs` (once per
 * run: a set that was not complete then is taken as one this run never completes).
 */
export async function setChecked(run: Run, type: string, domainId: unknown, bucket: [number, number], timeoutMs: number): Promise<boolean> {
  const s = setOf(run, type, domainId, bucket[1]);
  if (s.seen.size === s.count) return true;
  if (s.gaveUp) return false;
  const complete = await new Promise<boolean>((resolve) => {
    const timer = clock.setTimeout(() => resolve(false), timeoutMs);
    s.waiters.push(() => (clearTimeout(timer), resolve(true)));
  });
  if (!complete) s.gaveUp = true;
  return complete;
}

/** Where a checked set declares a member with this key, else this name: `{ roster, by }`, or `null` if none does. */
export function declaredInSet(run: Run, type: string, domainId: unknown, bucket: [number, number], key: string, name: string | undefined) {
  const s = setOf(run, type, domainId, bucket[1]);
  if (s.keys.has(key)) return { roster: s.keys.get(key)!, by: "key" as const };
  const n = name?.toLowerCase();
  if (n && s.names.has(n)) return { roster: s.names.get(n)!, by: "name" as const };
  return null;
}
