// The org tree is at most 15 levels deep (Admin guide): a spec that nests org units deeper is
// refused before anything is registered, at the first unit too deep, by its path and key.
import { parseSpec, SpecError } from "../provider/spec";

/** Units nested `levels` deep, each with a key `OU-<level>`; the deepest may have children of its own. */
function nested(levels: number): Record<string, any> {
  let unit: Record<string, any> | undefined;
  for (let level = levels; level >= 1; level--) {
    unit = { orgUnitName: `階層${level}`, orgUnitExternalKey: `OU-${level}`, displayOrder: 1, ...(unit ? { children: [unit] } : {}) };
  }
  return { domainId: 10000001, orgUnits: [unit] };
}
const pathAt = (level: number) => `orgUnits[0]${".children[0]".repeat(level - 1)}`;

function problemsOf(spec: unknown) {
  try {
    parseSpec(spec);
  } catch (e) {
    if (e instanceof SpecError) return e.problems;
    throw e;
  }
  return [];
}

test("15 levels are fine", () => {
  expect(problemsOf(nested(15))).toEqual([]);
});

test("a 16th level is refused at that unit, naming it by path and key, with the units above it", () => {
  const problems = problemsOf(nested(16));
  expect(problems).toHaveLength(1);
  expect(problems[0].path).toBe(pathAt(16));
  expect(problems[0].message).toMatch(/^org unit "階層16" \(orgUnitExternalKey "OU-16"\) is at level 16 \(階層1 > 階層2 > .* > 階層16\): LINE WORKS allows at most 15 levels of org units/);
});

test("deeper still: one problem, at the first unit too deep, saying how many levels hang under it", () => {
  const problems = problemsOf(nested(18));
  expect(problems.map((p) => p.path)).toEqual([pathAt(16)]);
  expect(problems[0].message).toContain("with 2 more levels under it");
});
