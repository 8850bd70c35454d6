// A spec's schema issues as the problems a reader acts on: a field left out "is required" (not
// the rule its value would break), an unknown field is named with the field it likely misspells,
// and a member's units or organizations without `primary` are one problem, not one per item.
import type { z } from "zod";
import { closest, ruleText } from "./words";

type Path = (string | number)[];

/** The value at `path`; undefined where it is absent. */
const valueAt = (value: unknown, path: Path): unknown => path.reduce<any>((v, p) => (v !== null && typeof v === "object" ? v[p] : undefined), value);

/** The zod schema that `path` leads to inside `schema` (objects, lists, optional and lazy ones). */
function schemaAt(schema: z.ZodType | undefined, path: Path): z.ZodType | undefined {
  let s: any = schema;
  for (let i = 0; s && i <= path.length; ) {
    const def = s._zod.def;
    if (["optional", "nullable", "default", "readonly", "nonoptional", "catch"].includes(def.type)) s = def.innerType;
    else if (def.type === "pipe") s = def.in;
    else if (def.type === "lazy") s = def.getter();
    else if (i === path.length) break;
    else if (def.type === "array" && typeof path[i] === "number") [s, i] = [def.element, i + 1];
    else if (def.type === "object" && typeof path[i] === "string") [s, i] = [def.shape[path[i]], i + 1];
    else return undefined;
  }
  return s;
}

/** The fields an object at `path` may have. */
const fieldsAt = (schema: z.ZodType, path: Path): string[] => {
  const s: any = schemaAt(schema, path);
  return s?._zod.def.type === "object" ? Object.keys(s._zod.def.shape) : [];
};

const PRIMARY_OF: Record<string, string> = { orgUnits: "units", organizations: "organizations" };

/**
 * The problems of `issues`, zod's answer for `spec` checked with `schema`. `noDomain`: the spec
 * has no domain to fill the members' organizations with, so a missing one is no problem of theirs.
 */
export function schemaProblems(issues: readonly z.core.$ZodIssue[], spec: unknown, schema: z.ZodType, noDomain: boolean): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  const primaries = new Set<string>();
  for (const issue of issues) {
    const path = issue.path as Path;
    if (issue.code === "unrecognized_keys") {
      // At the field itself (its line), not at the object holding it.
      const present = Object.keys((valueAt(spec, path) ?? {}) as object);
      const known = fieldsAt(schema, path).filter((f) => !present.includes(f));
      for (const key of issue.keys) {
        const meant = closest(key, known);
        out.push({ path: [...path, key], message: meant ? `is not a field here: did you mean ${meant}?` : "is not a field here: check its spelling against LINE WORKS' field names (directory.schema.json lists them)" });
      }
      continue;
    }
    const missing = issue.code === "invalid_type" && valueAt(spec, path) === undefined && valueAt(spec, path.slice(0, -1)) !== undefined;
    if (!missing) {
      out.push({ path, message: ruleText(issue) });
      continue;
    }
    const list = path.slice(0, -2);
    const items = valueAt(spec, list);
    const what = PRIMARY_OF[String(list[list.length - 1])];
    if (path[path.length - 1] === "primary" && what && Array.isArray(items) && items.length > 1) {
      // The spec implies `primary` of a single item only: with more, the member's main one is for the file to say.
      if (!primaries.has(list.join("."))) out.push({ path: list, message: `one of the member's ${items.length} ${what} must be primary: true, and the others primary: false` });
      primaries.add(list.join("."));
    } else if (!(noDomain && path[0] === "members" && path[2] === "organizations" && path[4] === "domainId")) {
      out.push({ path, message: "is required" });
    }
  }
  return out;
}
