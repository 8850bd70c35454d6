// The customProperties section and members' values of it: at most 50 definitions in a domain, and
// each member's value checked against its definition where the spec declares it (type,
// multiValued, options). Values of properties defined outside the spec are checked by shape only.
import { MAX_CUSTOM_PROPERTIES, valueProblem } from "./kinds/customValues";
import type { Planned, Refs } from "./spec";

type Path = (string | number)[];

/** LINE WORKS allows at most 50 custom properties per domain: the 51st entry is the problem. */
export function atMostFifty(entries: Planned[], _refs: Refs, problem: (path: Path, message: string) => void): void {
  for (const p of entries.slice(MAX_CUSTOM_PROPERTIES)) {
    problem(p.path, `is custom property number ${entries.indexOf(p) + 1} (${p.label}): LINE WORKS allows at most ${MAX_CUSTOM_PROPERTIES} per domain; remove ${entries.length - MAX_CUSTOM_PROPERTIES}`);
  }
}

/** Each member's value of a property the spec defines, against that definition. */
export function valuesMatchDefinitions(entries: Planned[], refs: Refs, problem: (path: Path, message: string) => void): void {
  for (const m of entries) {
    const values = m.entry.customProperties;
    if (!values || typeof values !== "object" || Array.isArray(values)) continue;
    for (const [name, value] of Object.entries(values)) {
      const r = refs.resolve("CustomProperty", name);
      if (!("entry" in r) || r.entry.entry.propertyName !== name) continue;
      const why = valueProblem(r.entry.entry, value);
      if (why) problem([...m.path, "customProperties", name], why);
    }
  }
}
