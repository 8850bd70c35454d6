// Custom properties (カスタム項目): the rules of a definition's name, and of the values members
// hold, by shape alone (a member's check) and against the definition (a spec that declares both).
import { z } from "zod";

export const PROPERTY_TYPES = ["STRING", "LINK", "INTEGER", "DATE"] as const;
/** At most this many definitions per domain (directory-user-custom-property-create). */
export const MAX_CUSTOM_PROPERTIES = 50;
/** A multi-valued property holds at most this many values per member. */
export const MAX_VALUES = 10;
export const LINK_TEXT_MAX = 100;
export const LINK_MAX = 300;

const NAME_RULE = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const PROPERTY_NAME_RULE = "at most 120 of `A-Z a-z 0-9 _`, starting with a letter or `_`";

/** propertyName: the key members' values are stored under. */
export const propertyName = () =>
  z
    .string({ error: "must be a string" })
    .min(1, "must not be empty")
    .max(120, "must be at most 120 characters")
    .regex(NAME_RULE, "must be letters, digits and _ only, starting with a letter or _");

const link = () =>
  z.strictObject({
    text: z.string({ error: "must be a string" }).max(LINK_TEXT_MAX, `must be at most ${LINK_TEXT_MAX} characters`).nullable().optional(),
    link: z.string({ error: "must be a string" }).min(1, "must not be empty").max(LINK_MAX, `must be at most ${LINK_MAX} characters`),
  });
const scalar = () =>
  z.union([z.string({ error: "must be a string" }), z.number().int("must be an integer").min(0, "must be at least 0"), link()], {
    error: "must be a string (STRING, DATE), an integer of at least 0 (INTEGER) or {text, link} (LINK)",
  });

/** A member's values by propertyName, checked by shape: what a value can be whatever its definition. */
export const customPropertyValues = () =>
  z.record(
    propertyName(),
    z.union([scalar(), z.array(scalar()).max(MAX_VALUES, `must have at most ${MAX_VALUES} values`)]).nullable(),
    { error: "must be an object of values by propertyName" },
  );

type Props = Record<string, any>;
const isDate = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** What is wrong with one member's value of a known definition (undefined when nothing), for a problem at the value's path. */
export function valueProblem(def: Props, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const type = def.propertyType as string;
  if (Array.isArray(value) && def.multiValued !== true) return `is a list, but ${def.propertyName} is not multiValued: give one value`;
  if (!Array.isArray(value) && def.multiValued === true) return `is a single value, but ${def.propertyName} is multiValued: give a list (at most ${MAX_VALUES})`;
  const values = Array.isArray(value) ? value : [value];
  if (values.length > MAX_VALUES) return `has ${values.length} values; a member holds at most ${MAX_VALUES}`;
  const options = Array.isArray(def.options) ? def.options.map((o: Props) => o?.optionName) : undefined;
  for (const v of values) {
    const ok =
      type === "STRING" ? typeof v === "string" :
      type === "DATE" ? isDate(v) :
      type === "INTEGER" ? Number.isInteger(v) && (v as number) >= 0 :
      type === "LINK" ? !!v && typeof v === "object" && typeof (v as Props).link === "string" : true;
    if (!ok) return `${JSON.stringify(v)} does not fit ${def.propertyName} (${type}: ${TYPE_WORDS[type] ?? type})`;
    if (type === "STRING" && options?.length && !options.includes(v)) return `"${v}" is not one of the options of ${def.propertyName}: ${options.join(", ")}`;
  }
  return undefined;
}

const TYPE_WORDS: Record<string, string> = {
  STRING: "text",
  DATE: "a date written YYYY-MM-DD",
  INTEGER: "an integer of at least 0",
  LINK: "{text, link}",
};
