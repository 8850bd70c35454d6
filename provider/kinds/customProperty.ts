// Custom properties (カスタム項目): the definitions of the extra fields members carry (entry
// year, office, cost centre). Members hold the values (User.customProperties, by propertyName).
import { z } from "zod";
import { flag, LANGUAGES } from "../schemas";
import { MAX_CUSTOM_PROPERTIES, PROPERTY_NAME_RULE, PROPERTY_TYPES, propertyName } from "./customValues";
import { defineKind } from "./define";
import { domainIdDescription, off } from "./shared";

const displayName = () => z.string({ error: "must be a string" }).min(1, "must not be empty").max(20, "must be at most 20 characters");

/** Display names per language: one each, at most 20 characters. */
const i18nDisplayNames = () =>
  z
    .array(z.strictObject({ language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` }), name: displayName() }))
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.language)) ctx.addIssue({ code: "custom", path: [i, "language"], message: `names ${item.language} a second time` });
        seen.add(item.language);
      });
    })
    .nullable();
const I18N = { set: true, shape: { language: {}, name: {} } };
const I18N_DESCRIPTION = "`[{language, name}]`: the display name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 20 characters; order means nothing";

const options = () =>
  z
    .array(
      z.strictObject({
        optionName: z.string({ error: "must be a string" }).min(1, "must not be empty").max(100, "must be at most 100 characters"),
        displayName: displayName(),
        i18nDisplayNames: i18nDisplayNames().optional(),
      }),
    )
    .min(2, "must have at least 2 options")
    .nullable();

const REPLACES =
  "cannot change in LINE WORKS: a change replaces the definition, which deletes every member's value of it, and is refused unless `allowReplaceDeletingValues: true`";

/**
 * A custom property's definition. propertyName is its key (LINE WORKS has no external key for
 * custom properties, and PATCH addresses one by propertyName too); displayName its name, unique in
 * the domain. propertyName, propertyType and multiValued cannot change: a change replaces the
 * definition, and the delete drops every member's value, so it is refused unless the program
 * opts in. LINE WORKS has no GET of one definition: reads use the domain's list (no paging).
 */
export const CustomProperty = defineKind({
  type: "CustomProperty",
  noun: "custom property",
  path: "/directory/users/custom-properties",
  listKey: "customAttributes",
  idField: "customPropertyId",
  nameField: "displayName",
  externalKeyField: "propertyName",
  keyScope: "domain",
  itemDomainQuery: true,
  listOnly: true,
  // Adoption by displayName only where the propertyName matches too (a different propertyName cannot be patched in).
  nameScope: ["propertyName"],
  // propertyName stays unique: the old definition goes before its replacement is created.
  replaceDeletesFirst: true,
  maxPerDomain: MAX_CUSTOM_PROPERTIES,
  domainIdDescription: domainIdDescription(`changing it replaces the definition (every member's value of it is deleted; refused unless allowReplaceDeletingValues)`),
  fields: {
    propertyName: propertyName().describe(`the key of members' values (\`customProperties.<propertyName>\`): ${PROPERTY_NAME_RULE}, unique in the domain; ${REPLACES}`),
    displayName: displayName().describe("1-20 characters, unique in the domain: what the admin console and profiles show"),
    i18nDisplayNames: i18nDisplayNames().optional().describe(I18N_DESCRIPTION),
    propertyType: z.enum(PROPERTY_TYPES, { error: `must be one of ${PROPERTY_TYPES.join(", ")}` }).describe(
      `\`STRING\`, \`LINK\` (\`{text, link}\`), \`INTEGER\` (at least 0) or \`DATE\` (\`YYYY-MM-DD\`); ${REPLACES}`,
    ),
    displayOrder: z
      .number({ error: "must be an integer" })
      .int("must be an integer")
      .min(1, "must be at least 1")
      .max(2147483647, "must fit in int32")
      .nullable()
      .optional()
      .describe("at least 1; duplicates allowed; `null` puts it last"),
    multiValued: flag().optional().describe(`default \`false\`: \`true\` lets a member hold up to 10 values; ${REPLACES}`),
    options: options()
      .optional()
      .describe("STRING only: the values to choose from, at least 2, each `{optionName (at most 100), displayName (1-20), i18nDisplayNames?}`; order means nothing"),
    mandatory: flag().optional().describe("default `false`: members must have a value"),
    readAccessType: z.enum(["ALL", "ADMIN_AND_SELF"], { error: "must be ALL or ADMIN_AND_SELF" }).optional().describe("`ALL` (default): everyone sees the values; `ADMIN_AND_SELF`: administrators and the member"),
    writeAccessType: z.enum(["ADMIN", "ADMIN_AND_SELF"], { error: "must be ADMIN or ADMIN_AND_SELF" }).optional().describe("`ADMIN` (default): administrators write the values; `ADMIN_AND_SELF`: the member too"),
    allowReplaceDeletingValues: flag()
      .optional()
      .describe(
        "default `false`: a change of propertyName, propertyType, multiValued or domainId replaces the definition, and the delete drops every member's value of it. " +
          "`true` allows that replacement (the preview warns); remove it again afterwards. Never sent to LINE WORKS",
      ),
  },
  traits: {
    propertyName: { replaces: true },
    // A rename swap parks the name at a temporary value, which must fit in 20 characters.
    displayName: { detour: (tag) => tag.slice(-20) },
    i18nDisplayNames: I18N,
    propertyType: { replaces: true },
    multiValued: { ...off, replaces: true },
    options: { set: true, shape: { optionName: {}, displayName: {}, i18nDisplayNames: I18N } },
    mandatory: off,
    readAccessType: { default: "ALL" },
    writeAccessType: { default: "ADMIN" },
    allowReplaceDeletingValues: { local: true, default: false },
  },
  replaceOptIn: {
    field: "allowReplaceDeletingValues",
    destroys: (olds) => `LINE WORKS deletes EVERY MEMBER'S VALUE of "${olds.propertyName}" with the old definition; the new one starts empty`,
    after: "Declare the values again on the members (customProperties) to restore them, and remove allowReplaceDeletingValues afterwards",
  },
  crossChecks: (v) => {
    const failures: { property: string; message: string }[] = [];
    if (Array.isArray(v.options) && v.options.length && v.propertyType !== undefined && v.propertyType !== "STRING") {
      failures.push({ property: "options", message: `are for STRING properties only; this one is ${String(v.propertyType)}: remove options, or make it STRING` });
    }
    const names = Array.isArray(v.options) ? v.options.map((o: any) => o?.optionName) : [];
    const twice = names.findIndex((n: unknown, i: number) => names.indexOf(n) !== i);
    if (twice >= 0) failures.push({ property: `options[${twice}].optionName`, message: `"${names[twice]}" is an optionName of another option too: each option needs its own` });
    return failures;
  },
});
