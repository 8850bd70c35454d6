// The spec's trees (org units nested by `children`): a nesting deeper than LINE WORKS allows is
// reported at the first entry that goes too deep, by its path, key and the names above it.
import type { Kind } from "./kinds";
import { labelOf } from "./lifecycle/naming";
import type { Planned, SectionRule } from "./spec";

/** The entry and the entries above it, the top first. */
function chainOf(p: Planned): Planned[] {
  const out: Planned[] = [];
  for (let at: Planned | undefined = p; at; at = at.parent) out.unshift(at);
  return out;
}

/** A rule of a tree section: no entry deeper than `kind.maxDepth` levels (org units: 15). */
export const withinDepth =
  (kind: Kind): SectionRule =>
  (entries, _refs, problem) => {
    const max = kind.maxDepth;
    if (!max) return;
    for (const p of entries) {
      const chain = chainOf(p);
      if (chain.length !== max + 1) continue;
      const under = Math.max(0, ...entries.filter((q) => chainOf(q).includes(p)).map((q) => chainOf(q).length - chain.length));
      const path = chain.map((x) => x.entry[kind.nameField] ?? x.label).join(" > ");
      problem(
        p.path,
        `${labelOf(kind, p.entry)} is at level ${chain.length} (${path})${under ? `, with ${under} more level${under === 1 ? "" : "s"} under it` : ""}: ` +
          `LINE WORKS allows at most ${max} levels of ${kind.noun}s. Nest it higher, or take a level out above it`,
      );
    }
  };
