// One declaration per directory object type: its API paths, field rules and natural keys. The
// CRUD, diff, adoption and recovery logic in lifecycle/ is written once and driven by these.
// Each kind has its file; this module is what the rest of the provider imports.
import type { WriteRule } from "../ordering";
import type { Kind } from "./define";
import { CustomProperty } from "./customProperty";
import { EmploymentType } from "./employmentType";
import { Group } from "./group";
import { Level } from "./level";
import { OrgUnit } from "./orgUnit";
import { Position } from "./position";
import { User } from "./user";
import { UserType } from "./userType";

export { FEATURES, isFeatureOff, type FeatureName } from "./features";
export type { Action, Collection, CrossCheck, FieldTraits, ReplaceOptIn, SoftDelete, Toggle } from "./traits";
export { defineKind, type Kind, type KindInputs, type KindSpec } from "./define";
export { currentWord, formOf, isForm, mapRefs, shapeOf } from "./refs";
export { CustomProperty, EmploymentType, Group, Level, OrgUnit, Position, User, UserType };

const BY_TYPE = { Position, UserType, Level, EmploymentType, CustomProperty, OrgUnit, User, Group };
export type KindName = keyof typeof BY_TYPE;
/** Every kind by its type name; each kind's declaration is checked against what the lifecycle reads. */
export const KINDS: Record<string, Kind> = BY_TYPE;

/** The per-domain write rules the kinds declare, by type: what the provider's writers enforce. */
export const WRITE_RULES: Record<string, WriteRule> = Object.fromEntries(
  Object.values(KINDS).flatMap((k) => (k.writeRule ? [[k.type, k.writeRule]] : [])),
);
