// Field rules shared by the directory resources, as documented by LINE WORKS. Each resource's
// schema is assembled from these; TypeScript types are derived from the schemas with z.infer.
import { z } from "zod";

export const LANGUAGES = ["ja_JP", "ko_KR", "en_US", "zh_CN", "zh_TW"] as const;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Punctuation and symbols other than these are refused in names. */
const NAME_SPECIALS_ALLOWED = "!@&()-_+[]{},./";

export function forbiddenNameChars(value: string): string[] {
  const bad = new Set<string>();
  for (const ch of value) {
    if (/\p{Cc}/u.test(ch)) bad.add(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
    else if (/[\p{P}\p{S}]/u.test(ch) && !NAME_SPECIALS_ALLOWED.includes(ch)) bad.add(ch);
  }
  return [...bad];
}

/** A display name: 1-100 characters, only `! @ & ( ) - _ + [ ] { } , . /` as special characters. */
export const name = () =>
  z
    .string()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .superRefine((v, ctx) => {
      const bad = forbiddenNameChars(v);
      if (bad.length) {
        ctx.addIssue({
          code: "custom",
          message: `contains ${bad.map((c) => `"${c}"`).join(", ")}; the only special characters allowed are ${NAME_SPECIALS_ALLOWED.split("").join(" ")}`,
        });
      }
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
