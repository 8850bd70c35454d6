// The policy pack `pulumi preview --policy-pack node_modules/pulumi-lineworks/policy` runs: the
// company rules (rules.ts) as Pulumi policies, each advisory until configured otherwise. Rules on
// the whole directory validate the stack; the key pattern validates each resource as it is declared.
import { PolicyPack, type PolicyResource, type ReportViolation, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { RULES, type Rule, type StackResource } from "./rules";

// @pulumi/policy's markers of a value not known during preview (its proxy throws on reading one).
const UNKNOWN = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/**
 * Properties as plain values, a value not known yet as undefined: the rules then read a new
 * unit's ID output as unknown (and go by the dependencies) instead of the policy being skipped.
 */
export function plain(value: unknown): any {
  const raw = value && typeof value === "object" ? ((value as any).__getSpecialProxyTarget ?? value) : value;
  if (typeof raw === "string") return UNKNOWN.has(raw) ? undefined : raw;
  if (Array.isArray(raw)) return raw.map(plain);
  if (!raw || typeof raw !== "object") return raw;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, plain(v)]));
}

/** A policy resource as the rules read it. */
export function asStackResource(r: Pick<PolicyResource, "type" | "name" | "urn" | "props"> & { dependencies?: { name: string }[] }): StackResource {
  return { type: r.type, name: r.name, urn: r.urn, props: plain(r.props), dependsOn: (r.dependencies ?? []).map((d) => d.name) };
}

const report = (reportViolation: ReportViolation, violations: ReturnType<Rule<unknown>["check"]>) => {
  for (const v of violations) reportViolation(v.message, v.urn);
};

/** One rule as a Pulumi policy. */
export function policyOf(rule: Rule<any>): StackValidationPolicy | ResourceValidationPolicy {
  const common = { name: rule.name, description: rule.description, enforcementLevel: "advisory" as const, configSchema: rule.configSchema };
  if (rule.perResource) {
    return { ...common, validateResource: (args, reportViolation) => report(reportViolation, rule.check([asStackResource(args)], args.getConfig())) };
  }
  return { ...common, validateStack: (args, reportViolation) => report(reportViolation, rule.check(args.resources.map(asStackResource), args.getConfig())) };
}

new PolicyPack("lineworks-company-rules", { policies: RULES.map(policyOf) });
