// The domain feature switches some kinds need (usePosition, ...), and how an API answer says one
// is off. Errors of the client explain such an answer with the hint registered here.
import { registerExplanation } from "../errors";

/** Domain feature switches (usePosition, useLevel, useUserType, ...), each with enable/disable actions. */
export const FEATURES = {
  positions: { path: "/directory/positions", flag: "usePosition", noun: "positions" },
  levels: { path: "/directory/levels", flag: "useLevel", noun: "levels" },
  userTypes: { path: "/directory/user-types", flag: "useUserType", noun: "user types" },
  employmentTypes: { path: "/directory/employment-types", flag: "useEmploymentType", noun: "employment types" },
} as const;
export type FeatureName = keyof typeof FEATURES;

/**
 * Whether an API error says the feature is off. LINE WORKS words it "cannot be used when
 * usePosition is false"; the HTTP status was not documented (400 or 403), so match the flag.
 */
export function isFeatureOff(e: unknown, feature: FeatureName): boolean {
  const description = (e as { description?: unknown } | null)?.description;
  return typeof description === "string" && description.includes(FEATURES[feature].flag);
}

/** The hint of a 403 that names a switched-off feature. */
registerExplanation(({ description }) => {
  const off = (Object.keys(FEATURES) as FeatureName[]).find((name) => isFeatureOff({ description }, name));
  if (!off) return undefined;
  const feature = FEATURES[off];
  return `The ${feature.noun} feature (${feature.flag}) is off in the domain: declare a lineworks.DirectoryFeature for it (or enable it in the admin console) and make the resources depend on it.`;
});
