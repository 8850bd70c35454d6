// Fields and traits several kinds share: names per language, the message room of units and
// groups, the defaults of flags and optional references, and the descriptions alike across kinds.
import { flag } from "../schemas";
import type { CrossCheck, FieldTraits } from "./traits";

/** Names per language: one item per language, compared by language and name in any order. */
export const I18N_NAMES: FieldTraits = { set: true, shape: { language: {}, name: {} } };

export const off = { default: false };
export const on = { default: true };
export const optionalRef = (kind: string): FieldTraits => ({ references: kind, default: null });

/** A display name's rule (`name()`). */
export const NAME_DESCRIPTION = "1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`";
export const UNIQUE_NAME_DESCRIPTION = `${NAME_DESCRIPTION}; unique in the domain`;
export const SORT_KEY_DESCRIPTION = "sort key, ascending (an int32); negative and duplicate values are allowed";
export const I18N_NAMES_DESCRIPTION = "the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100 characters; order means nothing";
export const USER_TYPE_CODE_DESCRIPTION = "at most 50 of `A-Z a-z 0-9 _`, starting with a letter; `null` clears it";
/** An external key's rule, with where it must be unique (the kind's `keyScope`). */
export const externalKeyDescription = (scope: "domain" | "tenant") =>
  `your own key (from the HR system, say): at most 100 characters, none of \`\\ % # / ?\`, unique ${scope === "tenant" ? "across the tenant" : "in the domain"}. \`null\` clears it; left out, it is left alone`;
/** `domainId`'s default, and what a change of it does. */
export const domainIdDescription = (change: string) => `defaults to \`lineworks:domainId\`; ${change}`;

const USE_FLAGS = ["useNote", "useCalendar", "useTask", "useFolder"] as const;

/** The message room of a unit or group and its features: flags, off by default (a PUT that omits them turns them off). */
export const roomFields = (owner: "unit" | "group") => {
  const room = () =>
    flag()
      .optional()
      .describe(
        `default \`false\`: the ${owner}'s message room (\`useMessage\`) and its note, calendar, task and folder features. ` +
          "`useMessage: false` together with another of them `true` fails in the preview: LINE WORKS would silently turn the others off",
      );
  return { useMessage: room(), useNote: room(), useCalendar: room(), useTask: room(), useFolder: room() };
};
export const ROOM_TRAITS = { useMessage: off, useNote: off, useCalendar: off, useTask: off, useFolder: off };

/** LINE WORKS turns the other room features off with useMessage (units and groups): a preview would promise what the API undoes. */
export const roomFeatures: CrossCheck = (v) =>
  v.useMessage === false
    ? USE_FLAGS.filter((f) => v[f] === true).map((f) => ({
        property: f,
        message: `cannot be true while useMessage is false: LINE WORKS turns ${f} off together with the message room; declare useMessage: true, or ${f}: false`,
      }))
    : [];
