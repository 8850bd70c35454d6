// Check: what the engine asks before any API call. It validates a declaration and records which
// fields it declares (diff.ts then says what changes).
import type { z } from "zod";
import { ruleText } from "../words";
import { keyed, listed } from "./sets";
import { defaultDomainId } from "./settings";
import { ADOPT, DECLARED, declaredList, isUnknown, kindOf, UNKNOWN, type Props } from "./values";

const PROVIDER_KEY = "__provider";

export interface CheckFailure {
  property: string;
  reason: string;
}

function pathString(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
}

function hitsUnknown(value: unknown, path: PropertyKey[]): boolean {
  let v: any = value;
  for (const p of path) {
    if (v === UNKNOWN) return true;
    if (v === null || typeof v !== "object") return false;
    v = v[p as any];
  }
  return v === UNKNOWN;
}

/** The declared value at `path`; undefined where the key is absent (null stays null). */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<any>((v, p) => (v !== null && typeof v === "object" ? v[p as any] : undefined), value);
}

/** A declared value as a message shows it: its type, and short scalars themselves. */
function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === "number" || typeof v === "boolean") return `the ${typeof v} ${String(v)}`;
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** One schema issue as the rest of a check failure: "is required", or ": <rule>, got <value>". */
function issueText(issue: z.core.$ZodIssue, candidate: Props, hidden: string[]): string {
  const value = valueAt(candidate, issue.path);
  if (value === undefined) return " is required";
  const rule = ruleText(issue);
  // A secret's value is never repeated, whatever its type.
  const shown = !hidden.includes(String(issue.path[0])) && (issue.code === "invalid_type" || typeof value === "number" || typeof value === "boolean");
  return `: ${rule}${shown ? `, got ${describeValue(value)}` : ""}`;
}

/**
 * Schema failures as check failures naming the property. "is required" only when the key is
 * absent; otherwise the rule and the value's type. Values unknown during preview pass.
 */
export function validate(schema: z.ZodType, candidate: Props, label: string, hidden: string[] = []): CheckFailure[] {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues
    .filter((issue) => !hitsUnknown(candidate, issue.path))
    .map((issue) => {
      const property = pathString(issue.path);
      return { property, reason: `${label} ${property}${issueText(issue, candidate, hidden)}` };
    });
}

/**
 * Check for any declaration: `domainId` from configuration when omitted, misspelt properties,
 * and every schema rule, each failure naming its property. Nothing is sent to the API.
 */
export function checkDeclaration(
  schema: z.ZodObject,
  label: string,
  news: Props,
  outputOnly: string[] = [],
  hidden: string[] = [],
): { inputs: Props; failures: CheckFailure[] } {
  const inputs: Props = { ...news };
  if (inputs.domainId === undefined || inputs.domainId === null) {
    const d = defaultDomainId();
    if (d !== undefined) inputs.domainId = d;
  }
  const failures: CheckFailure[] = [];
  const { [PROVIDER_KEY]: _p, ...candidate } = inputs;
  const known = Object.keys(schema.shape);
  for (const key of Object.keys(candidate)) {
    if (candidate[key] === undefined || outputOnly.includes(key)) delete candidate[key];
    else if (!known.includes(key)) failures.push({ property: key, reason: `${key} is not a property of ${label}; expected one of ${known.join(", ")}` });
  }
  if (candidate.domainId === undefined) {
    failures.push({ property: "domainId", reason: "domainId is not set: give domainId, or set lineworks:domainId (LINEWORKS_DOMAIN_ID)" });
  }
  failures.push(...validate(schema, candidate, label, hidden).filter((f) => !(f.property === "domainId" && candidate.domainId === undefined)));
  return { inputs, failures };
}

/**
 * The program is the truth: a field the previous inputs declared and the new ones omit is sent as
 * `null` (LINE WORKS clears it on PATCH), so the preview shows it going away. A field never
 * declared stays unmanaged. Previous inputs without a declared-field list (an import, or state
 * written before 0.2) clear nothing; this check writes the list for the next run.
 */
export function check(type: string, olds: Props, news: Props) {
  const kind = kindOf(type);
  news = listed(kind, news);
  const { inputs, failures } = checkDeclaration(kind.schema, kind.type, news, [kind.idField, DECLARED, ADOPT, ...kind.readOnly], kind.secretFields);
  for (const f of kind.fieldNames) if (inputs[f] === undefined && kind.traits[f]?.omittedIsDefault) inputs[f] = kind.traits[f]!.default ?? null;
  for (const { property, message } of kind.crossChecks?.(inputs) ?? []) {
    // A rule about a value not known yet (preview) is checked when it is.
    if (!isUnknown(inputs[property.split(/[.[]/)[0]])) failures.push({ property, reason: `${kind.type} ${property} ${message}` });
  }
  const declared = kind.fieldNames.filter((f) => inputs[f] !== undefined);
  for (const f of declaredList(olds ?? {}) ?? []) {
    // A value LINE WORKS assigns cannot be cleared: it becomes unmanaged, and so does a write-only
    // secret (the password stays what it is). Flags go back to their default.
    const t = kind.traits[f];
    if (kind.fieldNames.includes(f) && inputs[f] === undefined && !t?.assigned && !t?.writeOnly) inputs[f] = t?.default ?? null;
  }
  inputs[DECLARED] = declared;
  return { inputs: keyed(kind, inputs), failures };
}
