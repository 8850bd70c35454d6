// `npx pulumi-lineworks validate <spec>` (cli/validate.ts), in process: exit 0 with a summary for
// a valid spec, 1 with every problem by line (text or JSON), 2 for usage errors, offline. And the
// spec messages it shows, each as the whole sentence a user reads, on the quickstart and on an
// exported 800-member company: a mistyped reference, articles, a member a group still lists, a
// member's units without `primary`, missing and misspelt fields, duplicates and what follows from
// them, and the kinds' rules across fields that used to wait for the preview.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { main as cli } from "../cli";
import type { ValidateReport } from "../cli/validate";
import { Group, KINDS, OrgUnit } from "../provider/kinds";
import { loadSpecFile, parseSpec, SECTION_NAMES, SpecError, type SpecProblem } from "../provider/spec";
import { closest, withArticle } from "../provider/words";
import { DOMAIN, startFixture } from "../tools/fixture";
import { seedTenant } from "../tools/seed-tenant";

const REPO = path.join(__dirname, "..");
const QUICKSTART = "examples/quickstart/org.yaml";
const quickstartText = () => fs.readFileSync(path.join(REPO, QUICKSTART), "utf8");
const quickstart = () => parse(quickstartText());

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "validate-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let files = 0;
/** `text` as a spec file of its own in the temp dir; its path. */
const write = (text: string, ext = "yaml") => {
  const file = path.join(tmp, `spec-${++files}.${ext}`);
  fs.writeFileSync(file, text);
  return file;
};

/** The problems `check` throws (fails the test when it accepts the spec). */
function problemsIn(check: () => unknown): SpecProblem[] {
  try {
    check();
  } catch (e) {
    if (e instanceof SpecError) return e.problems;
    throw e;
  }
  throw new Error("expected problems, but the spec was accepted");
}
/** The problems of a spec object (the quickstart's domain given as configuration would). */
const problemsOf = (spec: unknown, opts: Parameters<typeof parseSpec>[1] = { domainId: DOMAIN }) => problemsIn(() => parseSpec(spec, opts));
/** The problems of a spec file, with lines. */
const fileProblems = (file: string) => problemsIn(() => loadSpecFile(file, { domainId: DOMAIN }));

/** The 1-based line of the `nth` line of `text` that contains `needle`. */
function lineOf(text: string, needle: string, nth = 0): number {
  const lines = text.split("\n").flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (lines[nth] === undefined) throw new Error(`no line ${nth} with ${needle}`);
  return lines[nth];
}

/** `text` with the `nth` occurrence of `from` replaced by `to`. */
function replaceNth(text: string, from: string, to: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(from, at + 1);
  if (at < 0) throw new Error(`no occurrence ${nth} of ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

interface Run {
  code: number;
  out: string;
  err: string[];
}

async function run(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env: opts.env ?? {}, cwd: opts.cwd ?? REPO });
  return { code, out, err };
}

// ---------------------------------------------------------------------------------------------
// The messages, one by one.

describe("spec messages say what to do", () => {
  test("1. a mistyped reference gets 'did you mean', only when one name is close", () => {
    const spec = quickstart();
    spec.members[3].organizations[0].orgUnits[0].positionId = "POS_STAF";
    expect(problemsOf(spec)).toEqual([
      {
        path: "members[3].organizations[0].orgUnits[0].positionId",
        line: undefined,
        message: "POS_STAF is not the positionExternalKey or positionName of any entry of positions: did you mean POS_STAFF?",
      },
    ]);
    // Case and leading zeros aside first (POS_0013 is POS_013, not POS_001 one edit away too); then
    // the nearest within a quarter of the length; never one of several as near.
    expect(closest("POS_0013", ["POS_001", "POS_013", "POS_012"])).toBe("POS_013");
    expect(closest("Manger", ["Manager", "Staff"])).toBe("Manager");
    expect(closest("EMP_0002", ["EMP_0001", "EMP_0003"])).toBeUndefined();
    expect(closest("OU_NOPE", ["OU_HQ", "OU_SALES", "OU_DEV"])).toBeUndefined();
  });

  test("2. articles by noun: an org unit, a position, a user type", () => {
    const spec = quickstart();
    spec.members[3].organizations[0].orgUnits[0].orgUnitId = "OU_NOPE";
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "members[3].organizations[0].orgUnits[0].orgUnitId: OU_NOPE is not the orgUnitExternalKey or orgUnitName of any entry of orgUnits; write externalKey:OU_NOPE for an org unit managed outside this spec",
    ]);
    expect(Object.values(KINDS).map((k) => withArticle(k.noun))).toEqual(["a position", "a user type", "a level", "an employment type", "a custom property", "an org unit", "a member", "a group"]);
  });

  test("3. a member removed while a group still lists it: remove it from the group", () => {
    const spec = quickstart();
    spec.members = spec.members.filter((m: { userExternalKey: string }) => m.userExternalKey !== "EMP_0002");
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "groups[0].members[0].id: EMP_0002 is not the userExternalKey or email of any entry of members: remove it from group Product launch",
      "groups[0].administrators[0].userId: EMP_0002 is not the userExternalKey or email of any entry of members: remove it from the administrators of group Product launch",
    ]);
    // A close name is suggested first, the group still named.
    const typo = quickstart();
    typo.groups[0].members[0].id = "EMP_00002";
    expect(problemsOf(typo).map((p) => p.message)).toEqual([
      "EMP_00002 is not the userExternalKey or email of any entry of members: did you mean EMP_0002? If not, remove it from group Product launch",
    ]);
  });

  test("4. a member's units without primary: one sentence, not one per unit", () => {
    const spec = quickstart();
    spec.members[3].organizations[0].orgUnits.push({ orgUnitId: "OU_DEV" });
    expect(problemsOf(spec)).toEqual([
      { path: "members[3].organizations[0].orgUnits", line: undefined, message: "one of the member's 2 units must be primary: true, and the others primary: false" },
    ]);
    // One marked and one left out says the same; and organizations alike.
    spec.members[3].organizations[0].orgUnits[0].primary = true;
    expect(problemsOf(spec).map((p) => p.message)).toEqual(["one of the member's 2 units must be primary: true, and the others primary: false"]);
    const orgs = quickstart();
    orgs.members[0].organizations.push({ domainId: 20000002, orgUnits: [{ orgUnitId: "externalKey:OU_OTHER" }] });
    expect(problemsOf(orgs).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "members[0].organizations: one of the member's 2 organizations must be primary: true, and the others primary: false",
    ]);
  });

  test("5. a required field left out 'is required', whatever its rule", () => {
    const spec = quickstart();
    delete spec.positions[1].displayOrder;
    delete spec.orgUnits[0].children[1].displayOrder;
    delete spec.members[4].organizations;
    delete spec.groups[0].administrators;
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "positions[1].displayOrder: is required",
      "orgUnits[0].children[1].displayOrder: is required",
      "members[4].organizations: is required",
      "groups[0].administrators: is required",
    ]);
    // A value of the wrong type still says the rule (the schema's words, else zod's rephrased).
    const typed = quickstart();
    typed.positions[1].displayOrder = "10";
    typed.groups[0].groupName = 7;
    expect(problemsOf(typed).map((p) => `${p.path}: ${p.message}`)).toEqual(["positions[1].displayOrder: must be an integer", "groups[0].groupName: must be a string"]);
  });

  test("6. a misspelt field: the missing one is required, the unknown one named with the field it likely means", () => {
    const spec = quickstart();
    const position = spec.positions[1];
    position.positionNam = position.positionName;
    delete position.positionName;
    const unit = spec.orgUnits[0].children[0].children[0];
    unit.orgUnitNme = unit.orgUnitName;
    delete unit.orgUnitName;
    spec.members[0].organizations[0].orgUnits[0].positonId = "POS_PRESIDENT";
    delete spec.members[0].organizations[0].orgUnits[0].positionId;
    spec.members[1].departmnt = "Sales"; // nothing close: the old advice
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "positions[1].positionName: is required",
      "positions[1].positionNam: is not a field here: did you mean positionName?",
      "orgUnits[0].children[0].children[0].orgUnitName: is required",
      "orgUnits[0].children[0].children[0].orgUnitNme: is not a field here: did you mean orgUnitName?",
      "members[0].organizations[0].orgUnits[0].positonId: is not a field here: did you mean positionId?",
      "members[1].departmnt: is not a field here: check its spelling against LINE WORKS' field names (directory.schema.json lists them)",
    ]);
  });

  test("7. a duplicate name is reported at the later entry, naming the first by path and line", () => {
    const text = quickstartText().replace("positionName: Staff,", "positionName: Manager,");
    expect(fileProblems(write(text))).toEqual([
      {
        path: "positions[3].positionName",
        line: lineOf(text, "POS_STAFF"),
        message: `Manager is the positionName of positions[1] (line ${lineOf(text, "positionExternalKey: POS_MANAGER")}) too; positionNames must be unique`,
      },
    ]);
  });

  test("8. a key changed to another entry's leaves its references dangling: one problem, not one per reference", () => {
    // The quickstart with EMP_0002's key slipped to EMP_0001, and Development's to Sales'.
    const spec = quickstart();
    spec.members[1].userExternalKey = "EMP_0001";
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "members[1].userExternalKey: EMP_0001 is the userExternalKey of members[0] too; userExternalKeys must be unique. " +
        "2 references to EMP_0002 name no entry, the first groups[0].members[0].id. If EMP_0002 was the userExternalKey of one of the two, put it back",
    ]);
    // A close name that is the duplicate's own is the slip too (OU_SALES_TOKYO -> OU_SALES_TKY).
    const units = quickstart();
    units.orgUnits[0].children[0].children[0].orgUnitExternalKey = "OU_SALES_TKY";
    units.orgUnits[0].children[1].orgUnitExternalKey = "OU_SALES_TKY";
    expect(problemsOf(units).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "members[4].organizations[0].orgUnits[0].orgUnitId: OU_DEV is not the orgUnitExternalKey or orgUnitName of any entry of orgUnits; write externalKey:OU_DEV for an org unit managed outside this spec",
      "orgUnits[0].children[1].orgUnitExternalKey: OU_SALES_TKY is the orgUnitExternalKey of orgUnits[0].children[0].children[0] too; orgUnitExternalKeys must be unique. " +
        "3 references to OU_SALES_TOKYO name no entry, the first members[2].organizations[0].orgUnits[0].orgUnitId. If OU_SALES_TOKYO was the orgUnitExternalKey of one of the two, put it back",
    ]);
    // OU_DEV, far from every duplicate, is no follow-on: reported on its own, as is an unrelated reference.
    spec.members[4].organizations[0].orgUnits[0].orgUnitId = "OU_NOPE";
    expect(problemsOf(spec).map((p) => p.path)).toEqual(["members[4].organizations[0].orgUnits[0].orgUnitId", "members[1].userExternalKey"]);
  });

  test("8. two keyless units of one name: references to the name follow from it", () => {
    const spec = quickstart();
    delete spec.orgUnits[0].children[0].orgUnitExternalKey;
    spec.orgUnits[0].children.push({ orgUnitName: "Sales", displayOrder: 3 });
    spec.members[1].organizations[0].orgUnits[0].orgUnitId = "Sales";
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "orgUnits[0].children[2].orgUnitName: Sales is the orgUnitName of orgUnits[0].children[0] too, and neither has an orgUnitExternalKey: " +
        "give them keys (`npx pulumi-lineworks export --assign-keys` does it for a tenant). A reference to Sales cannot tell the two apart: members[1].organizations[0].orgUnits[0].orgUnitId",
    ]);
  });

  test("9. the kinds' rules across fields are the spec's too: useMessage: false with useCalendar: true", () => {
    const spec = quickstart();
    Object.assign(spec.groups[0], { useMessage: false, useCalendar: true });
    Object.assign(spec.orgUnits[0].children[1], { useMessage: false, useFolder: true });
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "orgUnits[0].children[1].useFolder: cannot be true while useMessage is false: LINE WORKS turns useFolder off together with the message room; declare useMessage: true, or useFolder: false",
      "groups[0].useCalendar: cannot be true while useMessage is false: LINE WORKS turns useCalendar off together with the message room; declare useMessage: true, or useCalendar: false",
    ]);
    // The kind's own check, word for word (the one `pulumi preview` runs).
    expect(Group.crossChecks!({ useMessage: false, useCalendar: true })[0].message).toBe(problemsOf(spec)[1].message);
    expect(OrgUnit.crossChecks!({ useMessage: false, useFolder: true })[0].message).toBe(problemsOf(spec)[0].message);
  });

  test("a member's rules across fields too, each field reported once", () => {
    const spec = quickstart();
    spec.members[0].passwordConfig = { passwordCreationType: "MEMBER" };
    delete spec.members[0].privateEmail;
    spec.members[1].passwordConfig = { passwordCreationType: "ADMIN" };
    expect(problemsOf(spec).map((p) => `${p.path}: ${p.message}`)).toEqual([
      // Not "password is required": a password has no place in a file either.
      "members[1].passwordConfig.passwordCreationType: ADMIN needs a password, and a password does not belong in a spec file: use passwordCreationType: MEMBER " +
        "(LINE WORKS mails an invitation to privateEmail), or declare this member as a lineworks.User with the password from a secret config value",
      "members[0].privateEmail: is required when passwordCreationType is MEMBER (the default): LINE WORKS mails the invitation to set a password there",
    ]);
  });

  test("a spec without a domain says so once, not once per member", () => {
    expect(problemsOf(quickstart(), {}).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "domainId: is needed for the members' organizations: set it here or with `pulumi config set lineworks:domainId <id>`",
    ]);
    // And not at all when the domain comes later (validate, offline).
    expect(parseSpec(quickstart(), { domainLater: true }).domainId).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// The same on an exported company of 800 members (export in process, against a seeded emulator).

describe("on an exported 800-member spec", () => {
  let text: string;
  let spec: any;

  beforeAll(async () => {
    const f = await startFixture();
    try {
      seedTenant(f.emulator, { members: 800, units: 80, groups: 20 });
      const r = await run(["export", "--out", path.join(tmp, "org800.yaml")], { env: f.env, cwd: tmp });
      expect(r.code).toBe(0);
    } finally {
      await f.emulator.stop();
    }
    text = fs.readFileSync(path.join(tmp, "org800.yaml"), "utf8");
    spec = parse(text);
  });

  test("validates as exported", async () => {
    const r = await run(["validate", "org800.yaml"], { cwd: tmp });
    expect([r.code, r.out, r.err]).toEqual([0, "org800.yaml is valid: positions 20, levels 6, userTypes 4, employmentTypes 2, orgUnits 80, members 800, groups 20\n", []]);
  });

  test("1. POS_0013 for POS_013: did you mean POS_013?", () => {
    const edited = replaceNth(text, "positionId: POS_013\n", "positionId: POS_0013\n");
    const m = spec.members.findIndex((x: any) => x.organizations[0].orgUnits[0].positionId === "POS_013");
    expect(fileProblems(write(edited))).toEqual([
      {
        path: `members[${m}].organizations[0].orgUnits[0].positionId`,
        line: lineOf(edited, "positionId: POS_0013"),
        message: "POS_0013 is not the positionExternalKey or positionName of any entry of positions: did you mean POS_013?",
      },
    ]);
  });

  test("8. a unit's key slipped to its neighbour's: one problem, with the references it broke", () => {
    const edited = replaceNth(text, "orgUnitExternalKey: OU_010\n", "orgUnitExternalKey: OU_011\n");
    const refs = spec.members.flatMap((x: any, i: number) => (x.organizations[0].orgUnits[0].orgUnitId === "OU_010" ? [i] : []));
    expect(refs.length).toBeGreaterThan(3);
    const problems = fileProblems(write(edited));
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(lineOf(edited, "orgUnitExternalKey: OU_011", 1));
    expect(problems[0].message).toBe(
      `OU_011 is the orgUnitExternalKey of ${problems[0].path.replace(/\[1\]\.orgUnitExternalKey$/, "[0]")} (line ${lineOf(edited, "orgUnitExternalKey: OU_011")}) too; orgUnitExternalKeys must be unique. ` +
        `${refs.length} references to OU_010 name no entry, the first members[${refs[0]}].organizations[0].orgUnits[0].orgUnitId (line ${lineOf(edited, "orgUnitId: OU_010")}). ` +
        "If OU_010 was the orgUnitExternalKey of one of the two, put it back",
    );
  });

  test("3. a member removed while groups list it", () => {
    const group = spec.groups.findIndex((g: any) => g.members.some((m: any) => m.type === "USER"));
    const key = spec.groups[group].members.find((m: any) => m.type === "USER").id;
    const edited = stringify({ ...spec, members: spec.members.filter((m: any) => m.userExternalKey !== key) });
    const problems = fileProblems(write(edited)).filter((p) => p.path.startsWith(`groups[${group}].members`));
    expect(problems.map((p) => p.message)).toEqual([`${key} is not the userExternalKey or email of any entry of members: remove it from group ${spec.groups[group].groupName}`]);
  });
});

// ---------------------------------------------------------------------------------------------
// The verb.

describe("npx pulumi-lineworks validate", () => {
  test("the quickstart is valid: exit 0, one line of counts per section, offline (no settings at all)", async () => {
    const r = await run(["validate", QUICKSTART]);
    expect(r).toEqual({ code: 0, out: `${QUICKSTART} is valid: positions 4, userTypes 3, orgUnits 4, members 5, groups 1\n`, err: [] });
  });

  const BAD = [
    /*  1 */ "domainId: 10000001",
    /*  2 */ "positions:",
    /*  3 */ "  - { positionExternalKey: POS_A, positionName: Manager, displayOrder: 1 }",
    /*  4 */ "  - { positionExternalKey: POS_B, positionName: Staff }",
    /*  5 */ "groups:",
    /*  6 */ "  - groupName: Launch",
    /*  7 */ "    useMessage: false",
    /*  8 */ "    useCalendar: true",
    /*  9 */ "    members: []",
    /* 10 */ "    administrators: [{ userId: EMP_0001 }]",
    "",
  ].join("\n");
  const BAD_PROBLEMS = [
    { path: "positions[1].displayOrder", line: 4, message: "is required" },
    { path: "groups[0].useCalendar", line: 8, message: "cannot be true while useMessage is false: LINE WORKS turns useCalendar off together with the message room; declare useMessage: true, or useCalendar: false" },
    { path: "groups[0].administrators[0].userId", line: 10, message: "EMP_0001 is not the userExternalKey or email of any entry of members: remove it from the administrators of group Launch" },
  ];

  test("problems: exit 1, each by line and path on stdout, in the file's order", async () => {
    const file = write(BAD);
    const r = await run(["validate", path.basename(file)], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    expect(r.out).toBe(`${path.basename(file)} has 3 problems:\n${BAD_PROBLEMS.map((p) => `  line ${p.line}: ${p.path}: ${p.message}\n`).join("")}`);
  });

  test("--format json: the problems with path, line and message; the counts of a valid spec", async () => {
    const file = write(BAD);
    const bad = await run(["validate", "--format", "json", file]);
    expect(bad.code).toBe(1);
    const report: ValidateReport = JSON.parse(bad.out);
    expect(report).toEqual({ spec: file, valid: false, counts: null, problems: BAD_PROBLEMS.map((p) => ({ file, ...p })) });
    expect(Object.keys(report)).toEqual(["spec", "valid", "counts", "problems"]);
    // Flags may come before the verb, as for export.
    const good = await run(["--format", "json", "validate", QUICKSTART]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toEqual({
      spec: QUICKSTART,
      valid: true,
      counts: { positions: 4, levels: 0, userTypes: 3, employmentTypes: 0, customProperties: 0, orgUnits: 4, members: 5, groups: 1 },
      problems: [],
    });
    expect(Object.keys(JSON.parse(good.out).counts)).toEqual(SECTION_NAMES);
  });

  test("a YAML syntax error: exit 1 with its line, the spec as a whole", async () => {
    const r = await run(["validate", "--format", "json", write("positions:\n  - positionName: Manager\n   displayOrder: 1\n")]);
    expect(r.code).toBe(1);
    const report: ValidateReport = JSON.parse(r.out);
    expect(report.problems.map((p) => [p.path, p.line])).toEqual([["", 3]]);
  });

  test("the domain: --domain or LINEWORKS_DOMAIN_ID fills the members' organizations; a bad one is a usage error", async () => {
    // Another primary domain than the spec's: a rule only a known domain can check.
    const spec = quickstart();
    spec.members[0].organizations[0].domainId = 20000002;
    const file = write(stringify(spec));
    expect((await run(["validate", file])).code).toBe(0);
    const given = await run(["validate", file, "--domain", "10000001"]);
    expect(given.code).toBe(1);
    expect(given.out).toContain("members[0].domainId: 10000001 is not the domain of the primary organization (20000002)");
    expect((await run(["validate", file], { env: { LINEWORKS_DOMAIN_ID: "10000001" } })).code).toBe(1);
    const bad = await run(["validate", file, "--domain", "tokyo"]);
    expect([bad.code, bad.out, bad.err]).toEqual([2, "", ["--domain must be a domain ID (a positive integer), not tokyo"]]);
    const badEnv = await run(["validate", file], { env: { LINEWORKS_DOMAIN_ID: "x" } });
    expect([badEnv.code, badEnv.err]).toEqual([2, ["LINEWORKS_DOMAIN_ID must be a domain ID (a positive integer), not x"]]);
  });

  test.each([
    ["no spec", ["validate"], "missing <spec>"],
    ["two specs", ["validate", "a.yaml", "b.yaml"], "unexpected operand b.yaml"],
    ["an unknown flag", ["validate", QUICKSTART, "--bogus"], "Unknown flag --bogus"],
    ["--format xml", ["validate", QUICKSTART, "--format", "xml"], "--format must be text or json, not xml"],
    ["a file that does not exist", ["validate", "nope.yaml"], "nope.yaml: no such file"],
    ["a directory", ["validate", "examples"], "examples: no such file"],
  ])("%s: exit 2, said on stderr", async (_what, argv, said) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.join("\n")).toContain(said);
  });

  test("--help shows the operand, the format and the exit codes; the verb list names validate", async () => {
    const r = await run(["validate", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage: npx pulumi-lineworks validate <spec> [--format text|json] [--domain ID]");
    expect(r.out).toMatch(/\n {2}<spec> +the spec file, YAML or JSON \(org\.yaml\)\n/);
    expect(r.out).toContain("Exit status: 0 the spec is valid, 1 it has problems");
    const all = await run(["--help"]);
    expect(all.out).toContain("npx pulumi-lineworks validate <spec>");
    expect(all.out).toMatch(/\n {2}validate +check a Directory spec file offline/);
  });
});
