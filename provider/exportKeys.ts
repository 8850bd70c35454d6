// The external keys `export --assign-keys` gives objects that have none: keys a person can read
// and type, stable for the same tenant. Members by their employee number (or the local part of
// their email), everything else by a slug of its name (`Sales Division` -> `sales-division`, an
// en_US name standing in for a Japanese one), else a short code from a hash of the object's ID
// (`ou-k3f9q2`). Never a UUID: a key stays in the tenant for good, and people read it in every
// reference of the spec and in HR exports.
import { createHash } from "node:crypto";
import { SECTIONS, type SectionName } from "./spec";

type Props = Record<string, any>;

/** What a member's generated key is made of (`--member-key`). */
export type MemberKey = "employeeNumber" | "email";
export const MEMBER_KEYS: readonly MemberKey[] = ["employeeNumber", "email"];

/** One key to write: the object, the name it shows, the key. */
export interface KeyAssignment {
  section: SectionName;
  id: string;
  name: string;
  key: string;
}

/** The prefix of coded keys, by section: `pos-k3f9q2`. */
const CODE_PREFIX: Record<SectionName, string> = { positions: "pos", levels: "lvl", userTypes: "ut", employmentTypes: "et", customProperties: "cp", orgUnits: "ou", members: "user", groups: "grp" };
/** LINE WORKS takes at most 100 characters; the base stays shorter so a `-2` suffix always fits. */
const MAX_BASE = 90;
/** Crockford's base32, lower case: no i, l, o, u to misread. */
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

/** Cut to MAX_BASE, without a dangling separator. */
const cut = (s: string) => s.slice(0, MAX_BASE).replace(/[-._]+$/, "");

/** `Sales Division` -> `sales-division`; undefined when the name is not ASCII (accents aside) or has no letter or digit. */
export function slugOf(name: unknown): string | undefined {
  if (typeof name !== "string") return undefined;
  // NFKD turns full-width Latin into ASCII and splits accents off their letters (Café -> Cafe).
  const plain = name.normalize("NFKD").replace(/\p{M}/gu, "");
  if (!/^[\x20-\x7e]*$/.test(plain)) return undefined;
  return cut(plain.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "")) || undefined;
}

/** `ou-k3f9q2`: the section's prefix and 30 bits of a hash of the object's ID in base32. */
export function codeOf(section: SectionName, id: string): string {
  const n = createHash("sha256").update(id).digest().readUInt32BE(0) >>> 2;
  let code = "";
  for (let i = 0; i < 6; i++) code += BASE32[(n >>> (5 * (5 - i))) & 31];
  return `${CODE_PREFIX[section]}-${code}`;
}

/** An employee number as a key: as written, with the characters keys may not hold (`\ % # / ?`, spaces) as `-`. */
function employeeNumberKey(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  return cut(v.trim().replace(/[\\%#/?\s]+/g, "-").replace(/^-+/, "")) || undefined;
}

/** `Taro.Yamada@example.com` -> `taro.yamada`; undefined when not ASCII. */
function emailKey(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const local = v.slice(0, v.lastIndexOf("@") >= 0 ? v.lastIndexOf("@") : v.length).toLowerCase();
  if (!/^[\x20-\x7e]*$/.test(local)) return undefined;
  return cut(local.replace(/[^a-z0-9._-]+/g, "-").replace(/^[-._]+/, "")) || undefined;
}

/** The name in en_US from i18nNames, if any. */
const englishName = (o: Props) => (Array.isArray(o.i18nNames) ? o.i18nNames.find((n: Props) => n?.language === "en_US")?.name : undefined);

/** How a section's objects read as keys, where not by name: members by employee number or email. */
const READABLE: Partial<Record<SectionName, (o: Props, memberKey: MemberKey) => string | undefined>> = {
  members: (o, memberKey) => (memberKey === "employeeNumber" ? (employeeNumberKey(o.employeeNumber) ?? emailKey(o.email)) : emailKey(o.email)),
};

/** The key an object would get before uniqueness: readable where its data allows, else a code. */
function candidate(section: SectionName, o: Props, memberKey: MemberKey): string {
  const { kind } = SECTIONS[section];
  const readable = READABLE[section] ?? ((x: Props) => slugOf(x[kind.nameField]) ?? slugOf(englishName(x)));
  return readable(o, memberKey) ?? codeOf(section, String(o[kind.idField]));
}

/**
 * Keys for the objects of `objects` (in the spec's order) that have none, unique among the keys
 * the section holds (compared without case, to be safe whichever way LINE WORKS compares): the
 * second object wanting a key gets `-2`, the third `-3`. The same objects give the same keys.
 */
export function planKeys(section: SectionName, objects: Props[], memberKey: MemberKey = "employeeNumber"): KeyAssignment[] {
  const { kind } = SECTIONS[section];
  const has = (o: Props) => typeof o[kind.externalKeyField] === "string";
  const taken = new Set(objects.filter(has).map((o) => String(o[kind.externalKeyField]).toLowerCase()));
  const out: KeyAssignment[] = [];
  for (const o of objects.filter((x) => !has(x))) {
    const base = candidate(section, o, memberKey);
    let key = base;
    for (let n = 2; taken.has(key.toLowerCase()); n++) key = `${base}-${n}`;
    taken.add(key.toLowerCase());
    out.push({ section, id: String(o[kind.idField]), name: String(o[kind.nameField]), key });
  }
  return out;
}
