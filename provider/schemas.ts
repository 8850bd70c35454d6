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

/** An external key: at most 100 characters, none of `\ % # / ?`; `null` clears it. */
export const externalKey = () =>
  z
    .string()
    .min(1, "must not be empty (use null to clear it)")
    .max(100, "must be at most 100 characters")
    .regex(/^[^\\%#/?]*$/, 'must not contain \\ % # / or ?')
    .nullable();

export const displayOrder = () =>
  z.number({ error: "must be an integer" }).int("must be an integer").min(INT32_MIN).max(INT32_MAX, "must fit in int32");

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
