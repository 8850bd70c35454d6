// What a spec's broken references and duplicates say. A reference that names no entry suggests
// the name it likely misspells, or in a group says to take it out; a key or name given to a
// second entry is one problem, with the references it likely broke folded into it instead of each
// reported apart (a key changed to another entry's leaves every reference to the old key dangling).
import type { Kind } from "./kinds";
import { EXTERNAL_KEY_REF } from "./schemas";
import { closest, editDistance, withArticle } from "./words";

type Path = (string | number)[];

/** A reference that names no entry (`named` empty), or a name several entries have. */
export interface Unresolved {
  path: Path;
  /** The section it refers to, and that section's kind. */
  section: string;
  kind: Kind;
  ref: string;
  named: { path: Path }[];
  /** The group it is listed in, for a group's member or administrator. */
  group?: { name: string; administrators: boolean };
}

/** A key or name another entry has too, reported at the later entry. */
export interface Duplicate {
  section: string;
  path: Path;
  value: string;
  /** The field holding it, and whether it is compared without case (emails). */
  field: string;
  fold: boolean;
  message: string;
  followOns: Unresolved[];
}

type Problem = (path: Path, message: string) => void;

/** What `u` says on its own. */
function unresolvedText(u: Unresolved, meant: string | undefined, where: (path: Path) => string): string {
  const { kind } = u;
  if (u.named.length) {
    return `${u.ref} is the ${kind.nameField} of ${u.named.length} ${u.section} (${u.named.map((p) => where(p.path)).join(", ")}): give them ${kind.externalKeyField}s and refer to one by its key`;
  }
  const none = `${u.ref} is not the ${kind.externalKeyField} or ${kind.nameField} of any entry of ${u.section}`;
  if (u.group) {
    // A group still listing an entry that was taken out of the spec: the group is what to change.
    const from = u.group.administrators ? `the administrators of group ${u.group.name}` : `group ${u.group.name}`;
    return `${none}: ${meant ? `did you mean ${meant}? If not, remove` : "remove"} it from ${from}`;
  }
  return meant ? `${none}: did you mean ${meant}?` : `${none}; write ${EXTERNAL_KEY_REF}${u.ref} for ${withArticle(kind.noun)} managed outside this spec`;
}

/** Two edits at most: a key changed by a slip of the hand (OU_010 to OU_011) into another entry's. */
const SLIP = 2;

/**
 * The duplicate `u` follows from, if any: one sharing the name it gives, else the nearest within
 * a slip. A reference far from every duplicate is reported on its own (it is no follow-on).
 */
function causeOf(u: Unresolved, dups: Duplicate[]): Duplicate | undefined {
  const mine = dups.filter((d) => d.section === u.section);
  const fold = (d: Duplicate, v: string) => (d.fold ? v.toLowerCase() : v);
  if (u.named.length) return mine.find((d) => fold(d, d.value) === fold(d, u.ref));
  const near = mine.map((d) => [d, editDistance(fold(d, d.value), fold(d, u.ref))] as const).filter(([, n]) => n <= SLIP);
  return near.sort((a, b) => a[1] - b[1])[0]?.[0];
}

/** The follow-ons of `d`, a sentence per reference written alike. */
function followOnText(d: Duplicate, where: (path: Path) => string): string {
  const byRef = new Map<string, Unresolved[]>();
  for (const u of d.followOns) byRef.set(u.ref, [...(byRef.get(u.ref) ?? []), u]);
  return [...byRef].map(([ref, us]) => {
    const [what, first] = us.length === 1 ? [`A reference to ${ref}`, ":"] : [`${us.length} references to ${ref}`, ", the first"];
    return us[0].named.length
      ? ` ${what} cannot tell the two apart${first} ${where(us[0].path)}.`
      : ` ${what} name${us.length === 1 ? "s" : ""} no entry${first} ${where(us[0].path)}. If ${ref} was the ${d.field} of one of the two, put it back.`;
  }).join("").replace(/\.$/, "");
}

/**
 * Reports `unresolved` and `dups`: a reference that may follow from a duplicate (none suggests a
 * misspelling) in the duplicate's problem, every other one apart.
 */
export function reportRefs(unresolved: Unresolved[], dups: Duplicate[], namesOf: (section: string) => string[], where: (path: Path) => string, problem: Problem): void {
  for (const u of unresolved) {
    const meant = u.named.length ? undefined : closest(u.ref, namesOf(u.section));
    // A close name that is itself the duplicate's is the slip, not the reference.
    const cause = meant === undefined ? causeOf(u, dups) : dups.find((d) => d.section === u.section && d.value === meant);
    if (cause) cause.followOns.push(u);
    else problem(u.path, unresolvedText(u, meant, where));
  }
  for (const d of dups) problem(d.path, `${d.message}${d.followOns.length ? `.${followOnText(d, where)}` : ""}`);
}
