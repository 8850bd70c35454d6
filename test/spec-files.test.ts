// A spec in several files (provider/specFiles.ts): `include` at the top of a file and in a list of
// units, read into one spec whose entries are those of a single file; references across files;
// every problem at its own file, path and line; a missing file, a pattern matching none, a
// circle and a second include named at the including file's line; the included file's schema.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { main as cli } from "../cli";
import type { ValidateReport } from "../cli/validate";
import { loadSpecFile, parseSpec, problemText, SpecError, type SpecProblem } from "../provider/spec";
import { readSpecFiles, type SpecReader } from "../provider/specFiles";
import { PART_SCHEMA_FILE, partSchemaText } from "../tools/schema";

const DOMAIN = 10000001;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spec-files-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes files (name to lines) under the temp folder. */
function files(all: Record<string, string[]>): void {
  for (const [name, lines] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), `${lines.join("\n")}\n`);
  }
}

function problems(file = "org.yaml"): SpecProblem[] {
  try {
    loadSpecFile(file, { cwd: dir, domainId: DOMAIN });
  } catch (e) {
    if (e instanceof SpecError) return e.problems;
    throw e;
  }
  throw new Error("expected problems, but the spec was accepted");
}

const MAIN = [
  /* 1 */ "domainId: 10000001",
  /* 2 */ "include: [titles.yaml]",
  /* 3 */ "orgUnits:",
  /* 4 */ "  - orgUnitName: 本社",
  /* 5 */ "    orgUnitExternalKey: OU_HQ",
  /* 6 */ "    displayOrder: 1",
  /* 7 */ "    children:",
  /* 8 */ "      - include: sales.yaml",
  /* 9 */ "      - include: dev/*.yaml",
];
const TITLES = ["positions:", "  - { positionExternalKey: POS_MGR, positionName: 部長, displayOrder: 1 }"];
const SALES = [
  /* 1 */ "orgUnits:",
  /* 2 */ "  - orgUnitName: 営業部",
  /* 3 */ "    orgUnitExternalKey: OU_SALES",
  /* 4 */ "    displayOrder: 1",
  /* 5 */ "members:",
  /* 6 */ "  - email: sato@example.com",
  /* 7 */ "    userExternalKey: EMP_1",
  /* 8 */ "    userName: { lastName: 佐藤 }",
  /* 9 */ "    organizations:",
  /* 10 */ "      - orgUnits: [{ orgUnitId: OU_SALES, positionId: POS_MGR, isManager: true }]",
];
const DEV = [
  "orgUnits:",
  "  - { orgUnitName: 開発部, orgUnitExternalKey: OU_DEV, displayOrder: 2 }",
  "members:",
  "  - email: suzuki@example.com",
  "    userName: { lastName: 鈴木 }",
  "    organizations:",
  "      - orgUnits: [{ orgUnitId: OU_DEV, positionId: POS_MGR }]",
  "groups:",
  "  - groupName: 全社",
  "    members: [{ type: USER, id: EMP_1 }, { type: USER, id: suzuki@example.com }, { type: ORGUNIT, id: OU_HQ }]",
  "    administrators: [{ userId: EMP_1 }]",
];

/** The same spec as one file. */
function single(): unknown {
  const [sales, dev] = [parse(SALES.join("\n")), parse(DEV.join("\n"))];
  return {
    domainId: DOMAIN,
    positions: parse(TITLES.join("\n")).positions,
    orgUnits: [{ orgUnitName: "本社", orgUnitExternalKey: "OU_HQ", displayOrder: 1, children: [...sales.orgUnits, ...dev.orgUnits] }],
    members: [...sales.members, ...dev.members],
    groups: dev.groups,
  };
}

describe("include", () => {
  test("the files make the spec one file would: units under the unit that includes them, references across files", () => {
    files({ "org.yaml": MAIN, "titles.yaml": TITLES, "sales.yaml": SALES, "dev/team.yaml": DEV });
    const parsed = loadSpecFile("org.yaml", { cwd: dir });
    const one = parseSpec(single());
    expect(parsed.entries.map((p) => [p.section, p.label, p.parent?.label, p.entry])).toEqual(one.entries.map((p) => [p.section, p.label, p.parent?.label, p.entry]));
    // The member in sales.yaml holds the position of titles.yaml, and the group in dev/ the unit of org.yaml.
    const sato = parsed.entries.find((p) => p.label === "EMP_1")!;
    expect(parsed.resolve("Position", sato.entry.organizations[0].orgUnits[0].positionId)).toEqual({ entry: parsed.entries.find((p) => p.label === "POS_MGR") });
    expect(parsed.resolve("OrgUnit", "OU_HQ")).toEqual({ entry: parsed.entries.find((p) => p.label === "OU_HQ") });
    expect(readSpecFiles(path.join(dir, "org.yaml")).files.map((f) => path.relative(dir, f))).toEqual(["org.yaml", "titles.yaml", "sales.yaml", path.join("dev", "team.yaml")]);
  });

  test("an included file's own includes are relative to it; top-level includes of a file included under a unit sit under that unit", () => {
    files({
      "org.yaml": ["orgUnits:", "  - orgUnitName: 本社", "    displayOrder: 1", "    children: [{ include: dept/sales.yaml }]"],
      "dept/sales.yaml": ["include: tokyo.yaml", "positions: [{ positionName: 課長, displayOrder: 2 }]"],
      "dept/tokyo.yaml": ["orgUnits: [{ orgUnitName: 東京, displayOrder: 1 }]"],
    });
    const parsed = loadSpecFile("org.yaml", { cwd: dir });
    expect(parsed.entries.map((p) => [p.label, p.parent?.label])).toEqual([["課長", undefined], ["本社", undefined], ["東京", "本社"]]);
  });

  test("a problem in an included file is at that file's path and line; the message names the file", () => {
    const bad = [...SALES];
    bad[3] = "    displayOrder: 0";
    files({ "org.yaml": MAIN, "titles.yaml": TITLES, "sales.yaml": bad, "dev/team.yaml": [...DEV.slice(0, 6), "      - orgUnits: [{ orgUnitId: OU_DEVV, positionId: POS_MGR }]", ...DEV.slice(7)] });
    const e = (() => {
      try {
        loadSpecFile("org.yaml", { cwd: dir, domainId: DOMAIN });
      } catch (x) {
        return x as SpecError;
      }
    })()!;
    expect(e.problems).toEqual([
      { file: path.join(dir, "sales.yaml"), path: "orgUnits[0].displayOrder", line: 4, message: "must be at least 1" },
      {
        file: path.join(dir, "dev", "team.yaml"),
        path: "members[0].organizations[0].orgUnits[0].orgUnitId",
        line: 7,
        message: "OU_DEVV is not the orgUnitExternalKey or orgUnitName of any entry of orgUnits: did you mean OU_DEV?",
      },
    ]);
    expect(e.message.split("\n").slice(1)).toEqual([
      "  sales.yaml line 4: orgUnits[0].displayOrder: must be at least 1",
      `  ${path.join("dev", "team.yaml")} line 7: members[0].organizations[0].orgUnits[0].orgUnitId: OU_DEVV is not the orgUnitExternalKey or orgUnitName of any entry of orgUnits: did you mean OU_DEV?`,
    ]);
  });

  test("a key used in two files: the later is the problem, the first named by its file and line", () => {
    // The include stands before the positions: its entries come first.
    files({ "org.yaml": [...MAIN.slice(0, 2), "positions: [{ positionExternalKey: POS_MGR, positionName: 課長, displayOrder: 2 }]"], "titles.yaml": TITLES });
    expect(problems()).toEqual([
      { path: "positions[0].positionExternalKey", line: 3, message: "POS_MGR is the positionExternalKey of positions[0] (titles.yaml line 2) too; positionExternalKeys must be unique" },
    ]);
    files({ "org.yaml": ["positions: [{ positionExternalKey: POS_MGR, positionName: 課長, displayOrder: 2 }]", "include: [titles.yaml]"] });
    expect(problems()).toEqual([
      { file: path.join(dir, "titles.yaml"), path: "positions[0].positionExternalKey", line: 2, message: "POS_MGR is the positionExternalKey of positions[0] (org.yaml line 1) too; positionExternalKeys must be unique" },
    ]);
  });

  test("a file that does not exist: named at the including file's line", () => {
    files({ "org.yaml": MAIN, "titles.yaml": TITLES, "dev/team.yaml": DEV });
    const found = problems();
    expect(found).toEqual([{ path: "orgUnits[0].children[0].include", line: 8, message: "cannot include sales.yaml: no such file" }]);
    expect(problemText(found[0])).toBe("line 8: orgUnits[0].children[0].include: cannot include sales.yaml: no such file");
  });

  test("a missing file in an included file: named with that file", () => {
    files({ "org.yaml": ["include: [a.yaml]"], "a.yaml": ["positions: []", "include:", "  - sub/b.yaml"] });
    expect(problems()).toEqual([{ file: path.join(dir, "a.yaml"), path: "include[0]", line: 3, message: `cannot include ${path.join("sub", "b.yaml")}: no such file` }]);
  });

  test("a pattern that matches no file, or has a wildcard in a folder", () => {
    files({ "org.yaml": ["include: [dev/*.yaml, '*/x.yaml']"], "dev/readme.md": ["nothing"] });
    expect(problems().map((p) => [p.path, p.line, p.message])).toEqual([
      ["include[0]", 1, "dev/*.yaml matches no file in dev"],
      ["include[1]", 1, "*/x.yaml: only the file name may hold * or ?, not a folder"],
    ]);
  });

  test("files including each other in a circle, and a file included twice", () => {
    files({ "org.yaml": ["include: [a.yaml]"], "a.yaml": ["include: b.yaml"], "b.yaml": ["include: [a.yaml]"] });
    expect(problems()).toEqual([
      { file: path.join(dir, "b.yaml"), path: "include[0]", line: 1, message: "includes a.yaml, which is already being read (a.yaml -> b.yaml -> a.yaml): files cannot include each other in a circle" },
    ]);
    files({ "org.yaml": ["include: [org.yaml]"] });
    expect(problems()[0].message).toBe("includes org.yaml, which is already being read (org.yaml -> org.yaml): files cannot include each other in a circle");
    files({ "org.yaml": ["include:", "  - a.yaml", "  - b.yaml"], "a.yaml": ["positions: []"], "b.yaml": ["include: a.yaml"] });
    expect(problems()).toEqual([
      { file: path.join(dir, "b.yaml"), path: "include", line: 1, message: "a.yaml is included already (org.yaml line 2): include each file once, or its entries would be declared twice" },
    ]);
  });

  test("an included file holds sections: no domainId, no unknown key, no list; its YAML errors by its line", () => {
    files({ "org.yaml": ["include: [a.yaml, b.yaml, c.yaml]"], "a.yaml": ["domainId: 10000001", "postions: []", "members: {}"], "b.yaml": ["- positionName: x"], "c.yaml": ["positions:", "  - a: 1", "   b: 2"] });
    const found = problems().map((p) => [path.basename(p.file ?? "org.yaml"), p.line, p.path, p.message]);
    expect(found.slice(0, 4)).toEqual([
      ["a.yaml", 1, "domainId", "belongs in the main spec file (org.yaml) only: the spec has one domain"],
      ["a.yaml", 2, "postions", "is not a section: did you mean positions?"],
      ["a.yaml", 3, "members", "must be a list"],
      ["b.yaml", 1, "", "an included file holds sections (positions, levels, userTypes, employmentTypes, orgUnits, members, groups), not a list"],
    ]);
    expect(found[4].slice(0, 3)).toEqual(["c.yaml", 3, ""]);
    expect(problemText(problems()[4], dir)).toMatch(/^c\.yaml line 3: \(the file\): /);
  });

  test("a main file whose orgUnits is no list: the schema reports it, whatever its includes hold", () => {
    files({ "org.yaml": ["include: a.yaml", "orgUnits: nope"], "a.yaml": ["orgUnits: [{ orgUnitName: A, displayOrder: 1 }]"] });
    expect(problems().map((p) => [p.line, p.path])).toEqual([[2, "orgUnits"]]);
  });

  test("an include item holds only the path; include must name files", () => {
    files({ "org.yaml": ["orgUnits:", "  - include: a.yaml", "    orgUnitName: x", "  - include: 3"], "a.yaml": ["orgUnits: []"] });
    expect(problems().map((p) => [p.line, p.path, p.message])).toEqual([
      [3, "orgUnits[0].orgUnitName", "does not belong beside include: an include item holds only the file path; the units are in that file"],
      [4, "orgUnits[1].include", "must be a file path, or a list of them, relative to this file (sales.yaml, dev/*.yaml)"],
    ]);
  });

  test("a spec object cannot include: it has no folder to read from", () => {
    expect(() => parseSpec({ include: ["a.yaml"] })).toThrow("include: names files, so it works in a spec file");
  });

  test("another reader (a git ref): the files come from it, the pattern lists its folder", () => {
    const store: Record<string, string> = { "/r/org.yaml": "include: [parts/*.yaml]\n", "/r/parts/a.yaml": "positions: [{ positionName: A, displayOrder: 1 }]\n" };
    const reader: SpecReader = {
      read: (f) => store[f] ?? (() => { throw new Error("not at that ref"); })(),
      list: (d) => Object.keys(store).filter((f) => path.dirname(f) === d).map((f) => path.basename(f)),
    };
    expect(loadSpecFile("/r/org.yaml", { reader }).entries.map((p) => p.label)).toEqual(["A"]);
    store["/r/org.yaml"] = "include: [parts/a.yaml, parts/b.yaml]\n";
    expect(() => loadSpecFile("/r/org.yaml", { reader })).toThrow("line 1: include[1]: cannot include parts/b.yaml: not at that ref");
  });
});

describe("validate with includes", () => {
  async function run(argv: string[]) {
    let out = "";
    const code = await cli(argv, { out: (t) => (out += t), err: () => undefined, env: {}, cwd: dir });
    return { code, out };
  }

  test("a bad line in an included file: the file, its line and path, in text and JSON", async () => {
    const bad = [...SALES];
    bad[9] = "      - orgUnits: [{ orgUnitId: OU_SALES, positionId: POS_MGRR }]";
    files({ "org.yaml": MAIN, "titles.yaml": TITLES, "sales.yaml": bad, "dev/team.yaml": DEV });
    const text = await run(["validate", "org.yaml"]);
    expect(text.code).toBe(1);
    const message = "POS_MGRR is not the positionExternalKey or positionName of any entry of positions: did you mean POS_MGR?";
    expect(text.out).toBe(`org.yaml has 1 problem:\n  sales.yaml line 10: members[0].organizations[0].orgUnits[0].positionId: ${message}\n`);
    const json: ValidateReport = JSON.parse((await run(["validate", "--format", "json", "org.yaml"])).out);
    expect(json.problems).toEqual([{ file: "sales.yaml", path: "members[0].organizations[0].orgUnits[0].positionId", line: 10, message }]);
    files({ "sales.yaml": SALES });
    expect(await run(["validate", "org.yaml"])).toEqual({ code: 0, out: "org.yaml is valid: positions 1, orgUnits 3, members 2, groups 1\n" });
  });

  test("each spec of a dated map may include files", async () => {
    files({ "org.yaml": MAIN, "titles.yaml": TITLES, "sales.yaml": SALES, "dev/team.yaml": DEV, "next/org.yaml": ["include: ../titles.yaml", "orgUnits: [{ include: [../sales.yaml] }]"] });
    fs.writeFileSync(path.join(dir, "org.dates.yaml"), '"2026-12-01": org.yaml\n"2027-04-01": next/org.yaml\n');
    const r = await run(["validate", "org.dates.yaml"]);
    expect(r.out).toBe(
      "org.dates.yaml is a dated map of 2 specs:\n2026-12-01: org.yaml is valid: positions 1, orgUnits 3, members 2, groups 1\n2027-04-01: next/org.yaml is valid: positions 1, orgUnits 1, members 1\n",
    );
    expect(r.code).toBe(0);
  });
});

describe("directory-part.schema.json", () => {
  test("is the one the zod schema generates: the sections and include, without domainId", () => {
    const committed = fs.readFileSync(PART_SCHEMA_FILE, "utf8");
    if (committed !== partSchemaText()) throw new Error(`${PART_SCHEMA_FILE} is not what the zod schema generates: run \`npm run schema\` and commit it`);
    const schema = JSON.parse(committed);
    expect(Object.keys(schema.properties).sort()).toEqual(["$schema", "customProperties", "employmentTypes", "groups", "include", "levels", "members", "orgUnits", "positions", "userTypes"]);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("chart with includes", () => {
  test("draws the units and members of every file", async () => {
    files({ "org.yaml": MAIN, "titles.yaml": TITLES, "sales.yaml": SALES, "dev/team.yaml": DEV });
    let out = "";
    const code = await cli(["chart", "org.yaml", "--out", "-"], { out: (t) => (out += t), err: () => undefined, env: {}, cwd: dir });
    expect(code).toBe(0);
    for (const name of ["本社", "営業部", "開発部", "佐藤", "鈴木"]) expect(out).toContain(name);
  });
});
