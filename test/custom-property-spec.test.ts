// The customProperties section of a directory spec: at most 50 definitions, members' values checked
// against the definitions the spec declares (by shape only otherwise), and a review of two specs
// naming definition changes (a replacement marked as deleting every value) and changed values.
import { parseSpec, SpecError } from "../provider/spec";
import { compareSpecs } from "../provider/review/changes";
import { renderSummary } from "../provider/review/summary";

const D = 10000001;
const definitions = [
  { propertyName: "office", displayName: "勤務地", propertyType: "STRING", options: [{ optionName: "tokyo", displayName: "東京" }, { optionName: "osaka", displayName: "大阪" }] },
  { propertyName: "joinedOn", displayName: "入社日", propertyType: "DATE" },
  { propertyName: "projects", displayName: "プロジェクト", propertyType: "INTEGER", multiValued: true },
];
const member = (values: Record<string, unknown>, email = "hanako@example.com") => ({
  email, userName: { lastName: "佐藤" }, privateEmail: "h@mail.example", organizations: [{ orgUnits: [{ orgUnitId: "HQ" }] }], customProperties: values,
});
const spec = (values: Record<string, unknown>, defs: unknown[] = definitions) => ({
  domainId: D,
  customProperties: defs,
  orgUnits: [{ orgUnitName: "本社", orgUnitExternalKey: "HQ", displayOrder: 1 }],
  members: [member(values)],
});
const problems = (s: unknown) => {
  try {
    parseSpec(s);
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems.map((p) => `${p.path}: ${p.message}`);
  }
};

describe("the customProperties section", () => {
  test("values that fit their definitions pass; the definitions come before the members", () => {
    const parsed = parseSpec(spec({ office: "tokyo", joinedOn: "2020-04-01", projects: [1, 2], elsewhere: "defined outside the spec" }));
    const order = parsed.entries.map((p) => p.section);
    expect(order.lastIndexOf("customProperties")).toBeLessThan(order.indexOf("members"));
  });

  test.each([
    [{ office: "nagoya" }, "members[0].customProperties.office", `"nagoya" is not one of the options of office: tokyo, osaka`],
    [{ office: ["tokyo"] }, "members[0].customProperties.office", "is a list, but office is not multiValued: give one value"],
    [{ joinedOn: "2020-02-30" }, "members[0].customProperties.joinedOn", `"2020-02-30" does not fit joinedOn (DATE: a date written YYYY-MM-DD)`],
    [{ projects: 3 }, "members[0].customProperties.projects", "is a single value, but projects is multiValued: give a list (at most 10)"],
    [{ projects: ["x"] }, "members[0].customProperties.projects", `"x" does not fit projects (INTEGER: an integer of at least 0)`],
  ])("%j: %s", (values, path, words) => {
    expect(problems(spec(values))).toEqual([`${path}: ${words}`]);
  });

  test("a value of a property defined outside the spec is checked by shape only", () => {
    expect(problems(spec({ cost: "CC-1" }))).toEqual([]);
    expect(problems(spec({ cost: true })).join("\n")).toContain("members[0].customProperties.cost");
  });

  test("at most 50 definitions; two of one propertyName are one too many", () => {
    const many = Array.from({ length: 52 }, (_, i) => ({ propertyName: `p${i}`, displayName: `P${i}`, propertyType: "STRING" }));
    expect(problems(spec({}, many))).toEqual([
      "customProperties[50]: is custom property number 51 (p50): LINE WORKS allows at most 50 per domain; remove 2",
      "customProperties[51]: is custom property number 52 (p51): LINE WORKS allows at most 50 per domain; remove 2",
    ]);
    const twice = [...definitions, { propertyName: "office", displayName: "オフィス", propertyType: "STRING" }];
    expect(problems(spec({}, twice)).join("\n")).toContain("customProperties[3].propertyName: office is the propertyName of customProperties[0] too");
  });
});

describe("review of two specs", () => {
  test("a definition changed in place, one replaced, and a member's changed value by property", () => {
    const head = spec({ office: "osaka", joinedOn: "2020-04-01" }, [
      { ...definitions[0], displayName: "拠点" },
      { ...definitions[1], propertyType: "STRING" },
      definitions[2],
    ]);
    const changes = compareSpecs(spec({ office: "tokyo", joinedOn: "2020-04-01" }), head);
    expect(changes.catalog).toEqual([
      { section: "customProperties", label: "joinedOn", change: "changed", name: "入社日", fields: ["propertyType"], replaced: ["propertyType"] },
      { section: "customProperties", label: "office", change: "renamed", name: "拠点", oldName: "勤務地" },
    ]);
    expect(changes.members).toEqual([expect.objectContaining({ label: "hanako@example.com", change: "changed", aspects: ["other"], fields: ["customProperties.office"] })]);
    const text = renderSummary(changes);
    expect(text).toContain("| カスタム項目 (custom properties) | 設定変更 (settings) | 入社日 (propertyType) **再作成: 全メンバーの値が削除されます (replaced because propertyType cannot change: every member's value is deleted)** |");
    expect(text).toContain("customProperties.office");
    expect(text).not.toContain("osaka");
  });
});
