// Fields and traits several kinds share: names per language, the message room of units and
// groups, and the defaults of flags and optional references.
import { flag } from "../schemas";
import type { CrossCheck, FieldTraits } from "./traits";

/** Names per language: one item per language, compared by language and name in any order. */
export const I18N_NAMES: FieldTraits = { set: true, shape: { language: {}, name: {} } };

export const off = { default: false };
export const on = { default: true };
export const optionalRef = (kind: string): FieldTraits => ({ references: kind, default: null });

const USE_FLAGS = ["useNote", "useCalendar", "useTask", "useFolder"] as const;

/** The message room of a unit or group and its features: flags, off by default (a PUT that omits them turns them off). */
export const ROOM_FIELDS = {
  useMessage: flag().optional(),
  useNote: flag().optional(),
  useCalendar: flag().optional(),
  useTask: flag().optional(),
  useFolder: flag().optional(),
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
