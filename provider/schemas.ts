// Field rules shared by the directory resources, as documented by LINE WORKS. Each resource's
// schema is assembled from these; TypeScript types are derived from the schemas with z.infer.
import { z } from "zod";

export const LANGUAGES = ["ja_JP", "ko_KR", "en_US", "zh_CN", "zh_TW"] as const;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The half-width (ASCII) special characters the docs allow in a name. The positions, levels, user
 * types and employment types pages list the same set for their name fields.
 */
const NAME_SPECIALS_ALLOWED = "!@&()-_+[]{},./";
/** A member's names (userName, nickName, i18nNames) allow five more: `# ' \` ^ ~` (doc: user-get). */
const PERSON_NAME_SPECIALS_ALLOWED = NAME_SPECIALS_ALLOWED + "#'`^~";
/** ASCII punctuation and symbols: what the documented rule is about. */
const ASCII_SPECIAL = /^[!-\/:-@\[-`{-~]$/;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * What a name may not hold: half-width special characters outside the documented list, and
 * control characters. The docs only speak of half-width characters, so full-width punctuation
 * common in Japanese names (・ 〜 （ ） ＆) and letters of any script go through to the API,
 * whose own error then surfaces.
 */
function forbiddenNameChars(value: string, allowed: string): { ascii: string[]; control: string[] } {
  const ascii = new Set<string>();
  const control = new Set<string>();
  for (const ch of value) {
    // A guess (the docs say nothing of control characters): a tab or line break in a display name is refused.
    if (/\p{Cc}/u.test(ch)) control.add(codePoint(ch));
    else if (ASCII_SPECIAL.test(ch) && !allowed.includes(ch)) ascii.add(ch);
  }
  return { ascii: [...ascii], control: [...control] };
}

/** The message for a name's forbidden characters, or undefined when it has none. */
function nameCharsProblem(value: string, allowed = NAME_SPECIALS_ALLOWED): string | undefined {
  const { ascii, control } = forbiddenNameChars(value, allowed);
  const problems: string[] = [];
  if (ascii.length) {
    const list = ascii.map((c) => `"${c}"`).join(", ");
    problems.push(
      `${ascii.length === 1 ? `the half-width character ${list} is` : `the half-width characters ${list} are`} not allowed; allowed half-width specials are ${allowed.split("").join(" ")}`,
    );
  }
  if (control.length) problems.push(`control characters (${control.join(", ")}) are not allowed`);
  return problems.length ? problems.join("; ") : undefined;
}

/**
 * Lengths count characters (Unicode code points), not UTF-16 units: 𠮷 is one character, as the
 * emulator counts it (LINE WORKS does not say; both sides make the same choice).
 */
const atMost = (s: z.ZodString, max: number): z.ZodString =>
  // JSON Schema's maxLength counts code points too: editors keep showing the limit.
  s.refine((v) => [...v].length <= max, `must be at most ${max} characters`).meta({ maxLength: max });

/**
 * A display name: 1-100 characters; of the half-width special characters only
 * `! @ & ( ) - _ + [ ] { } , . /`. Other characters are left to the API.
 */
export const name = (max = 100, allowed = NAME_SPECIALS_ALLOWED) =>
  atMost(z.string().min(1, "must not be empty"), max).superRefine((v, ctx) => {
    const problem = nameCharsProblem(v, allowed);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A part of a member's name: at most `max` characters, the half-width specials of member names. */
export const personName = (max: number) => name(max, PERSON_NAME_SPECIALS_ALLOWED);

/** An external key's text: 1-100 characters, none of `\ % # / ?` (they would break `externalKey:{key}` paths). */
const keyText = (emptyMessage: string) =>
  z
    .string()
    .min(1, emptyMessage)
    .max(100, "must be at most 100 characters")
    .regex(/^[^\\%#/?]*$/, 'must not contain \\ % # / or ?');

/** The key of an `externalKey:<key>` reference: made once, as a schema per reference cost 0.1 ms (1 s for 10,000 members). */
let refKey: z.ZodString | undefined;

/** An external key: at most 100 characters, none of `\ % # / ?`; `null` clears it. */
export const externalKey = () => keyText("must not be empty (use null to clear it)").nullable();

export const displayOrder = () =>
  z.number({ error: "must be an integer" }).int("must be an integer").min(INT32_MIN).max(INT32_MAX, "must fit in int32");

/** Order among siblings where the API wants a positive integer (org units: min 1). */
export const siblingOrder = () =>
  z.number({ error: "must be an integer" }).int("must be an integer").min(1, "must be at least 1").max(INT32_MAX, "must fit in int32");

export const flag = () => z.boolean({ error: "must be true or false" });

/** A free text of at most `max` characters; `null` clears it. */
export const description = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullable();

/** How the API addresses an object by its external key (`/positions/externalKey:{key}`), and how a reference names one. */
export const EXTERNAL_KEY_REF = "externalKey:";
/** How a reference names an object by its name (the provider resolves it from the kind's list; a name two objects share is refused). */
export const NAME_REF = "name:";

/**
 * Another object's ID, or `externalKey:<key>` (or `name:<name>`) of one managed elsewhere
 * (resolved by the provider). IDs are opaque; a key after the prefix follows the external-key rules.
 */
export const reference = () =>
  z
    .string({ error: "must be an ID or externalKey:<key>" })
    .min(1, "must not be empty (use null for none)")
    .superRefine((v, ctx) => {
      if (v.startsWith(NAME_REF) && v.length === NAME_REF.length) ctx.addIssue({ code: "custom", message: "the name of a name:<name> reference must not be empty" });
      if (!v.startsWith(EXTERNAL_KEY_REF)) return;
      const key = (refKey ??= keyText("must not be empty")).safeParse(v.slice(EXTERNAL_KEY_REF.length));
      if (!key.success) ctx.addIssue({ code: "custom", message: `the key of an externalKey:<key> reference ${key.error.issues[0].message}` });
    });

/** Rules of the part before the @ of a directory address. */
interface LocalPartRule {
  max: number;
  chars: RegExp;
  charsText: string;
  first: RegExp;
  firstText: string;
}
/** Org-unit and group addresses: 2-64 of a-z 0-9 . - _ ! #, starting with a-z, 0-9, ! or #. */
const UNIT_LOCAL: LocalPartRule = { max: 64, chars: /^[a-z0-9.\-_!#]+$/, charsText: "a-z 0-9 . - _ ! #", first: /^[a-z0-9!#]/, firstText: "a-z, 0-9, ! or #" };
/** A member's login ID and alias addresses: 2-40 of a-z 0-9 . - _, starting with a letter or digit (doc: user-get). */
export const MEMBER_LOCAL: LocalPartRule = { max: 40, chars: /^[a-z0-9.\-_]+$/, charsText: "a-z 0-9 . - _", first: /^[a-z0-9]/, firstText: "a-z or 0-9" };

/** The problem of an email address by LINE WORKS' rules for directory addresses, or undefined. */
function emailProblem(v: string, rule: LocalPartRule): string | undefined {
  if (v.length > 90) return "must be at most 90 characters";
  const at = v.lastIndexOf("@");
  if (at < 1 || at === v.length - 1 || /\s/.test(v)) return "must be an address like team@example.com";
  // The docs list lower-case letters; addresses compare case-insensitively, so upper case is taken as lower.
  const local = v.slice(0, at).toLowerCase();
  if (local.length < 2 || local.length > rule.max) return `must have 2-${rule.max} characters before the @`;
  if (!rule.chars.test(local)) return `may hold only ${rule.charsText} before the @`;
  if (!rule.first.test(local)) return `must start with ${rule.firstText}`;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return "must not start or end with a dot or hold two dots in a row before the @";
  return undefined;
}

/** A directory email address (by default an org unit's: local part 2-64 of a-z 0-9 . - _ ! #, at most 90 in all). */
export const emailAddress = (rule: LocalPartRule = UNIT_LOCAL) =>
  z.string({ error: "must be an email address" }).superRefine((v, ctx) => {
    const problem = emailProblem(v, rule);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Any address outside the directory (a member's private address): at most `max`, local part <= 64, domain <= 253. */
export const mailAddress = (max: number) =>
  z
    .string({ error: "must be an email address" })
    .max(max, `must be at most ${max} characters`)
    .superRefine((v, ctx) => {
      const at = v.lastIndexOf("@");
      const ok = at > 0 && at < v.length - 1 && !/\s/.test(v) && at <= 64 && v.length - at - 1 <= 253 && /^[^@]+\.[^@.]+$/.test(v.slice(at + 1));
      if (!ok) ctx.addIssue({ code: "custom", message: "must be an address like someone@example.com (at most 64 characters before the @, 253 after)" });
    })
    .nullable();

/** A set of addresses: at most `max`, none twice (compared case-insensitively). */
export const emailList = (max: number, rule: LocalPartRule = UNIT_LOCAL) =>
  z
    .array(emailAddress(rule))
    .max(max, `must hold at most ${max} addresses`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        if (typeof a !== "string") return;
        if (seen.has(a.toLowerCase())) ctx.addIssue({ code: "custom", path: [i], message: `lists ${a} a second time` });
        seen.add(a.toLowerCase());
      });
    });

export const domainId = () =>
  z.number({ error: "must be an integer domain ID" }).int("must be an integer domain ID").min(1).max(INT32_MAX);

/** Names per language. One name per language (a second one for the same language is ambiguous). */
export const i18nNames = () =>
  z
    .array(
      z.object({
        name: atMost(z.string().min(1, "must not be empty"), 100),
        language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` }),
      }),
    )
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.language)) ctx.addIssue({ code: "custom", path: [i, "language"], message: `names ${item.language} a second time` });
        seen.add(item.language);
      });
    });

/** userTypeCode: at most 50 of A-Z a-z 0-9 _, starting with a letter. */
export const userTypeCode = () =>
  z
    .string()
    .max(50, "must be at most 50 characters")
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must start with a letter and hold only A-Z, a-z, 0-9 and _")
    .nullable();

export type I18nName = z.infer<ReturnType<typeof i18nNames>>[number];

// ---- members (doc: user-get)

/** The User API writes locales with an underscore (`ja_JP`); SCIM's `ja-JP` is refused with the right form. */
export const locale = () =>
  z.string({ error: `must be one of ${LANGUAGES.join(", ")}` }).superRefine((v, ctx) => {
    if ((LANGUAGES as readonly string[]).includes(v)) return;
    const fixed = v.replace("-", "_");
    ctx.addIssue({
      code: "custom",
      message: (LANGUAGES as readonly string[]).includes(fixed)
        ? `must be written ${fixed}: the User API uses an underscore (${fixed}), not SCIM's hyphen form (${v})`
        : `must be one of ${LANGUAGES.join(", ")}`,
    });
  });

/** Zones asked about already: building a DateTimeFormat costs ~0.2 ms, 2 s for a spec of 10,000 members. */
const zones = new Map<string, boolean>();
const knownZone = (v: string): boolean => {
  let known = zones.get(v);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: v });
      known = true;
    } catch {
      known = false;
    }
    zones.set(v, known);
  }
  return known;
};

/** An IANA time zone ID (`Asia/Tokyo`), as this machine's time-zone database knows them. */
export const timeZone = () =>
  z.string({ error: "must be an IANA time zone such as Asia/Tokyo" }).superRefine((v, ctx) => {
    if (!knownZone(v)) {
      ctx.addIssue({ code: "custom", message: "must be an IANA time zone such as Asia/Tokyo or Europe/Berlin" });
    }
  });

/** A phone number: at most 100 of 0-9 + - * # P T p t ( ) and the ideographic space, with at least one digit. */
export const phone = () =>
  z
    .string()
    .regex(/^(?=.*[0-9])[0-9+\-*#PTpt()\u3000]{0,100}$/, "must hold at least one digit and only 0-9 + - * # P T ( ) (at most 100)")
    .nullable();

/** A calendar date `YYYY-MM-DD` that exists. */
export const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "must be a date that exists")
    .nullable();

/** Free text of at most `max` characters; `null` clears it. */
export const text = (max: number, min = 0) =>
  z
    .string()
    .min(min, `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .nullable();

/** A phonetic name: the katakana block (with ・ and ー) and spaces, not empty (`null` clears it). */
const katakana = (max: number) =>
  atMost(z.string().min(1, "must not be empty (use null to clear it)"), max)
    .regex(/^[\u30A0-\u30FF\u3000 ]+$/, "must be written in katakana")
    .nullable()
    .optional();

/** `userName`: at least one of lastName / firstName, each <= 80 and both together <= 80; phonetic names in katakana. */
export const userName = () =>
  z
    .strictObject({
      lastName: personName(80).nullable().optional(),
      firstName: personName(80).nullable().optional(),
      phoneticLastName: katakana(100),
      phoneticFirstName: katakana(100),
    })
    .superRefine((v, ctx) => {
      if (!v.lastName && !v.firstName) ctx.addIssue({ code: "custom", message: "needs a lastName or a firstName" });
      const both = [...(v.lastName ?? "")].length + [...(v.firstName ?? "")].length;
      if (both > 80) ctx.addIssue({ code: "custom", message: `lastName and firstName together must be at most 80 characters, got ${both}` });
    });

/** A member's names per language: `{language, firstName?, lastName?}`, one item per language. */
export const userI18nNames = () =>
  z
    .array(
      z.strictObject({
        language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` }),
        firstName: personName(100).nullable().optional(),
        lastName: personName(100).nullable().optional(),
      }),
    )
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.language)) ctx.addIssue({ code: "custom", path: [i, "language"], message: `names ${item.language} a second time` });
        seen.add(item.language);
      });
    });

/** `duplicate` when `key` of two items is the same (values not yet known pass). */
export function noTwice<T>(items: T[], key: (item: T) => unknown, field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<unknown>();
  items.forEach((item, i) => {
    const k = key(item);
    if (typeof k !== "string" && typeof k !== "number") return;
    if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i, field], message: `lists ${k} a second time` });
    seen.add(k);
  });
}

/** `passwordConfig`: write-only, sent on create only. */
export const passwordConfig = () =>
  z.strictObject({
    /** Default MEMBER (LINE WORKS' default): the member sets the password from an invitation. */
    passwordCreationType: z.enum(["ADMIN", "MEMBER"], { error: "must be ADMIN or MEMBER" }).optional(),
    password: z.string({ error: "must be a string" }).min(1, "must not be empty").optional(),
    changePasswordAtNextLogin: flag().optional(),
  });

/** A group's name: 1-100 characters, unique in the domain (LINE WORKS documents no character rule). */
export const groupName = () => atMost(z.string({ error: "must be a string" }).min(1, "must not be empty"), 100);

export const GROUP_MEMBER_TYPES = ["USER", "ORGUNIT", "GROUP"] as const;

/**
 * A group's members: `{id, type}`, a member at most once. A USER's id may be its ID, its email or
 * `externalKey:<key>`; an ORGUNIT's or GROUP's its ID or `externalKey:<key>`.
 */
export const groupMembers = () =>
  z
    .array(
      z.strictObject({
        id: reference(),
        type: z.enum(GROUP_MEMBER_TYPES, { error: `must be ${GROUP_MEMBER_TYPES.join(", ")}` }),
      }),
    )
    .superRefine((members, ctx) => noTwice(members, (m) => (typeof m.id === "string" ? `${m.type} ${m.id}` : undefined), "id", ctx));

/** A group's masters (グループマスター): at least one `{userId}`, each once; a userId may be an ID, an email or `externalKey:<key>`. */
export const groupAdministrators = () =>
  z
    .array(z.strictObject({ userId: reference() }))
    .min(1, "must name at least one group master: LINE WORKS keeps every group with one")
    .superRefine((admins, ctx) => noTwice(admins, (a) => a.userId, "userId", ctx));
