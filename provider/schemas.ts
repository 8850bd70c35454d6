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
const NAME_SPECIALS_TEXT = NAME_SPECIALS_ALLOWED.split("").join(" ");
/** ASCII punctuation and symbols: what the documented rule is about. */
const ASCII_SPECIAL = /^[!-\/:-@\[-`{-~]$/;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * What a name may not hold: half-width special characters outside the documented list, and
 * control characters. The docs only speak of half-width characters, so full-width punctuation
 * common in Japanese names (・ 〜 （ ） ＆) and letters of any script go through to the API,
 * whose own error then surfaces.
 */
function forbiddenNameChars(value: string): { ascii: string[]; control: string[] } {
  const ascii = new Set<string>();
  const control = new Set<string>();
  for (const ch of value) {
    // A guess (the docs say nothing of control characters): a tab or line break in a display name is refused.
    if (/\p{Cc}/u.test(ch)) control.add(codePoint(ch));
    else if (ASCII_SPECIAL.test(ch) && !NAME_SPECIALS_ALLOWED.includes(ch)) ascii.add(ch);
  }
  return { ascii: [...ascii], control: [...control] };
}

/** The message for a name's forbidden characters, or undefined when it has none. */
function nameCharsProblem(value: string): string | undefined {
  const { ascii, control } = forbiddenNameChars(value);
  const problems: string[] = [];
  if (ascii.length) {
    const list = ascii.map((c) => `"${c}"`).join(", ");
    problems.push(
      `${ascii.length === 1 ? `the half-width character ${list} is` : `the half-width characters ${list} are`} not allowed; allowed half-width specials are ${NAME_SPECIALS_TEXT}`,
    );
  }
  if (control.length) problems.push(`control characters (${control.join(", ")}) are not allowed`);
  return problems.length ? problems.join("; ") : undefined;
}

/**
 * A display name: 1-100 characters; of the half-width special characters only
 * `! @ & ( ) - _ + [ ] { } , . /`. Other characters are left to the API.
 */
export const name = () =>
  z
    .string()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .superRefine((v, ctx) => {
      const problem = nameCharsProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** An external key's text: 1-100 characters, none of `\ % # / ?` (they would break `externalKey:{key}` paths). */
const keyText = (emptyMessage: string) =>
  z
    .string()
    .min(1, emptyMessage)
    .max(100, "must be at most 100 characters")
    .regex(/^[^\\%#/?]*$/, 'must not contain \\ % # / or ?');

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

/**
 * Another object's ID, or `externalKey:<key>` of one managed elsewhere (resolved by the provider).
 * IDs are opaque; a key after the prefix follows the external-key rules.
 */
export const reference = () =>
  z
    .string({ error: "must be an ID or externalKey:<key>" })
    .min(1, "must not be empty (use null for none)")
    .superRefine((v, ctx) => {
      if (!v.startsWith(EXTERNAL_KEY_REF)) return;
      const key = keyText("must not be empty").safeParse(v.slice(EXTERNAL_KEY_REF.length));
      if (!key.success) ctx.addIssue({ code: "custom", message: `the key of an externalKey:<key> reference ${key.error.issues[0].message}` });
    });

/** The problem of an email address by LINE WORKS' rules for directory addresses, or undefined. */
function emailProblem(v: string): string | undefined {
  if (v.length > 90) return "must be at most 90 characters";
  const at = v.lastIndexOf("@");
  if (at < 1 || at === v.length - 1 || /\s/.test(v)) return "must be an address like team@example.com";
  // The docs list lower-case letters; addresses compare case-insensitively, so upper case is taken as lower.
  const local = v.slice(0, at).toLowerCase();
  if (local.length < 2 || local.length > 64) return "must have 2-64 characters before the @";
  if (!/^[a-z0-9.\-_!#]+$/.test(local)) return "may hold only a-z 0-9 . - _ ! # before the @";
  if (!/^[a-z0-9!#]/.test(local)) return "must start with a-z, 0-9, ! or #";
  if (local.endsWith(".") || local.includes("..")) return "must not end with a dot or hold two dots in a row before the @";
  return undefined;
}

/** A directory email address (local part 2-64 of a-z 0-9 . - _ ! #, at most 90 in all). */
export const emailAddress = () =>
  z.string({ error: "must be an email address" }).superRefine((v, ctx) => {
    const problem = emailProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A set of addresses: at most `max`, none twice (compared case-insensitively). */
export const emailList = (max: number) =>
  z
    .array(emailAddress())
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
        name: z.string().min(1, "must not be empty").max(100, "must be at most 100 characters"),
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
