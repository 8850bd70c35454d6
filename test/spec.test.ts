// The directory spec (provider/spec.ts) on its own: a valid spec parses into entries in
// declaration order with references resolved; a bad one lists every problem at once by path (and,
// from a file, by line); the committed JSON Schema is the one the zod schema generates.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { directoryJsonSchema, loadSpecFile, parseSpec, SECTION_NAMES, SpecError, type DirectorySpec, type ParsedSpec, type SpecProblem } from "../provider/spec";
import { SCHEMA_FILE, schemaText } from "../tools/schema";

const DOMAIN = 10000001;

/**
 * A small but complete domain: every section, a 3-level tree, members in units, groups in groups.
 * The members use the shorthand (no domainId or primary in organizations), which the DirectorySpec
 * type allows.
 */
function validSpec(): DirectorySpec {
  return ({
    domainId: DOMAIN,
    positions: [
      { positionName: "Manager", displayOrder: 1, positionExternalKey: "POS_MANAGER" },
      { positionName: "Staff", displayOrder: 2 },
    ],
    levels: [
      { levelName: "Executive", displayOrder: 1, levelExternalKey: "LV_EXEC", executive: true },
      { levelName: "Junior", displayOrder: 2, executive: false },
    ],
    userTypes: [{ userTypeName: "Employee", displayOrder: 1, userTypeExternalKey: "UT_EMP", userTypeCode: "EMP" }],
    employmentTypes: [{ employmentTypeName: "Full time", displayOrder: 1 }],
    orgUnits: [
      {
        orgUnitName: "Head office",
        displayOrder: 1,
        orgUnitExternalKey: "OU_HQ",
        children: [
          { orgUnitName: "Sales", displayOrder: 1, orgUnitExternalKey: "OU_SALES", children: [{ orgUnitName: "Tokyo", displayOrder: 1, orgUnitExternalKey: "OU_TOKYO" }] },
          { orgUnitName: "Development", displayOrder: 2 },
        ],
      },
    ],
    members: [
      {
        email: "hanako@example.com",
        userName: { lastName: "Sato", firstName: "Hanako" },
        userExternalKey: "EMP_0001",
        privateEmail: "hanako@private.example.org",
        userTypeId: "UT_EMP",
        employmentTypeId: "Full time",
        organizations: [{ levelId: "LV_EXEC", orgUnits: [{ orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER", isManager: true }] }],
      },
      {
        email: "Taro@Example.com",
        userName: { lastName: "Suzuki" },
        privateEmail: "taro@private.example.org",
        organizations: [{ levelId: "Junior", orgUnits: [{ orgUnitId: "Development", positionId: "Staff" }] }],
      },
    ],
    groups: [
      // Written before the group it has as a member: declared after it.
      {
        groupName: "Everyone",
        groupExternalKey: "GR_ALL",
        administrators: [{ userId: "EMP_0001" }],
        members: [
          { type: "GROUP", id: "GR_LAUNCH" },
          { type: "ORGUNIT", id: "OU_SALES" },
          { type: "USER", id: "TARO@EXAMPLE.COM" },
        ],
      },
      {
        groupName: "Launch",
        groupExternalKey: "GR_LAUNCH",
        administrators: [{ userId: "taro@example.com" }],
        members: [
          { type: "USER", id: "EMP_0001" },
          { type: "USER", id: "externalKey:EMP_9999" },
          { type: "ORGUNIT", id: "id:ou-outside-1" },
        ],
      },
    ],
  }) satisfies DirectorySpec;
}

/** The SpecError `fn` throws (fails the test when it throws nothing or something else). */
function specError(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error("expected a SpecError, but the spec was accepted");
}

/** The problems of a spec, as `path: message`. */
const problemsOf = (input: unknown, opts: Parameters<typeof parseSpec>[1] = {}): SpecProblem[] => specError(() => parseSpec(input, opts)).problems;
const at = (problems: SpecProblem[], p: string) => problems.filter((x) => x.path === p);

describe("a valid spec", () => {
  let parsed: ParsedSpec;
  beforeAll(() => {
    parsed = parseSpec(validSpec());
  });
  const labels = (section: string) => parsed.entries.filter((p) => p.section === section).map((p) => p.label);
  const entry = (section: string, label: string) => parsed.entries.find((p) => p.section === section && p.label === label)!;

  test("parses into one entry per declared object, labelled by external key, else name (a member's email)", () => {
    expect(parsed.domainId).toBe(DOMAIN);
    expect(labels("positions")).toEqual(["POS_MANAGER", "Staff"]);
    expect(labels("levels")).toEqual(["LV_EXEC", "Junior"]);
    expect(labels("userTypes")).toEqual(["UT_EMP"]);
    expect(labels("employmentTypes")).toEqual(["Full time"]);
    expect(labels("orgUnits").sort()).toEqual(["Development", "OU_HQ", "OU_SALES", "OU_TOKYO"]);
    expect(labels("members")).toEqual(["EMP_0001", "Taro@Example.com"]);
    expect(labels("groups").sort()).toEqual(["GR_ALL", "GR_LAUNCH"]);
    expect(parsed.entries).toHaveLength(2 + 2 + 1 + 1 + 4 + 2 + 2);
  });

  test("sections come in build order, and within one every entry it refers to comes first (parents, a group in a group)", () => {
    const sections = parsed.entries.map((p) => p.section);
    expect(sections.map((s) => SECTION_NAMES.indexOf(s))).toEqual([...sections.map((s) => SECTION_NAMES.indexOf(s))].sort((a, b) => a - b));
    // The tree: each unit after its parent, and the parent recorded by label.
    expect(entry("orgUnits", "OU_HQ").parent).toBeUndefined();
    expect(entry("orgUnits", "OU_SALES").parent?.label).toBe("OU_HQ");
    expect(entry("orgUnits", "Development").parent?.label).toBe("OU_HQ");
    expect(entry("orgUnits", "OU_TOKYO").parent?.label).toBe("OU_SALES");
    const units = labels("orgUnits");
    expect(units.indexOf("OU_HQ")).toBeLessThan(units.indexOf("OU_SALES"));
    expect(units.indexOf("OU_SALES")).toBeLessThan(units.indexOf("OU_TOKYO"));
    expect(units.indexOf("OU_HQ")).toBeLessThan(units.indexOf("Development"));
    // GR_ALL was written first but has GR_LAUNCH as a member.
    expect(labels("groups")).toEqual(["GR_LAUNCH", "GR_ALL"]);
    // Paths stay those of the file, `children` and all.
    expect(entry("orgUnits", "OU_TOKYO").path).toEqual(["orgUnits", 0, "children", 0, "children", 0]);
    expect(entry("groups", "GR_ALL").path).toEqual(["groups", 0]);
    expect(entry("orgUnits", "OU_HQ").entry).not.toHaveProperty("children");
  });

  test("a member's organizations get the spec's domainId, primary: true and a single unit primary: true", () => {
    expect(entry("members", "EMP_0001").entry.organizations).toEqual([
      { domainId: DOMAIN, primary: true, levelId: "LV_EXEC", orgUnits: [{ primary: true, orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER", isManager: true }] },
    ]);
    expect(entry("members", "Taro@Example.com").entry.organizations[0]).toMatchObject({ domainId: DOMAIN, primary: true, orgUnits: [{ primary: true }] });
    // An option domain fills them likewise when the spec names none.
    const { domainId: _, ...noDomain } = validSpec();
    const viaOption = parseSpec(noDomain, { domainId: 20000002 });
    expect(viaOption.domainId).toBe(20000002);
    expect(viaOption.entries.find((p) => p.label === "EMP_0001")!.entry.organizations[0].domainId).toBe(20000002);
    // The spec's own domain wins over the option.
    expect(parseSpec(validSpec(), { domainId: 20000002 }).entries.find((p) => p.label === "EMP_0001")!.entry.organizations[0].domainId).toBe(DOMAIN);
  });

  test("resolve finds entries by external key, by name when keyless, and members by email in any case", () => {
    const label = (type: string, ref: string) => {
      const r = parsed.resolve(type, ref);
      return "entry" in r ? `${r.entry.section}/${r.entry.label}` : `outside ${r.outside}`;
    };
    expect(label("Position", "POS_MANAGER")).toBe("positions/POS_MANAGER");
    expect(label("Position", "Staff")).toBe("positions/Staff");
    expect(label("Level", "Junior")).toBe("levels/Junior");
    expect(label("EmploymentType", "Full time")).toBe("employmentTypes/Full time");
    expect(label("OrgUnit", "Development")).toBe("orgUnits/Development");
    expect(label("OrgUnit", "OU_TOKYO")).toBe("orgUnits/OU_TOKYO");
    expect(label("User", "EMP_0001")).toBe("members/EMP_0001");
    expect(label("User", "HANAKO@example.COM")).toBe("members/EMP_0001");
    expect(label("User", "taro@example.com")).toBe("members/Taro@Example.com");
    expect(label("Group", "GR_LAUNCH")).toBe("groups/GR_LAUNCH");
    // Outside the spec: the key reference as written, an ID without its prefix.
    expect(parsed.resolve("User", "externalKey:EMP_9999")).toEqual({ outside: "externalKey:EMP_9999" });
    expect(parsed.resolve("OrgUnit", "id:ou-outside-1")).toEqual({ outside: "ou-outside-1" });
    // A key is not found in another section.
    expect(parsed.resolve("Level", "POS_MANAGER")).not.toHaveProperty("entry");
  });

  test("a spec with nothing but a domain, or nothing at all, is valid and empty", () => {
    expect(parseSpec({}).entries).toEqual([]);
    expect(parseSpec({ domainId: DOMAIN }).entries).toEqual([]);
  });
});

describe("a bad spec lists every problem at once, by path", () => {
  /** A spec with one of each problem, all in one object. */
  function badSpec(): Record<string, unknown> {
    const spec = validSpec() as Record<string, any>;
    spec.department = [];
    spec.positions.push(
      { positionName: "Director", displayOrder: 3, positionExternalKey: "POS_MANAGER" }, // positions[2]: duplicate key
      { positionName: "Manager", displayOrder: 4, positionExternalKey: "POS_OTHER" }, // positions[3]: duplicate name
    );
    const tree = spec.orgUnits[0].children;
    tree[1].children = [{ orgUnitName: "Deep", displayOrder: 0 }]; // schema problem three levels down
    spec.orgUnits.push(
      { orgUnitName: "Branch", displayOrder: 2 }, // orgUnits[1]
      { orgUnitName: "Branch", displayOrder: 3 }, // orgUnits[2]: same name, neither has a key
      { orgUnitName: "Support", displayOrder: 4, orgUnitExternalKey: "OU_SUP_A" }, // two keyed units of one name: fine
      { orgUnitName: "Support", displayOrder: 5, orgUnitExternalKey: "OU_SUP_B" },
    );
    spec.members.push(
      // members[2]: the same email as members[0] in other case; a second leader of OU_TOKYO; an unknown position; a password.
      {
        email: "HANAKO@example.com",
        userName: { lastName: "Other" },
        userExternalKey: "EMP_0002",
        privateEmail: "other@private.example.org",
        passwordConfig: { passwordCreationType: "ADMIN", password: "hunter2hunter2" },
        organizations: [{ orgUnits: [{ orgUnitId: "OU_TOKYO", positionId: "POS_NOPE", isManager: true }] }],
      },
      // members[3]: a unit named by an ambiguous name.
      { email: "jiro@example.com", userName: { lastName: "Ito" }, privateEmail: "jiro@private.example.org", organizations: [{ orgUnits: [{ orgUnitId: "Support" }] }] },
    );
    spec.groups.push(
      { groupName: "Ring A", groupExternalKey: "GR_A", administrators: [{ userId: "EMP_0001" }], members: [{ type: "GROUP", id: "GR_B" }] }, // groups[2]
      { groupName: "Ring B", groupExternalKey: "GR_B", administrators: [{ userId: "EMP_0001" }], members: [{ type: "GROUP", id: "GR_A" }] }, // groups[3]
      { groupName: "Mirror", groupExternalKey: "GR_SELF", administrators: [{ userId: "EMP_0001" }], members: [{ type: "GROUP", id: "GR_SELF" }] }, // groups[4]
    );
    return spec;
  }

  let problems: SpecProblem[];
  beforeAll(() => {
    problems = problemsOf(badSpec());
  });

  test("a schema problem deep in the tree, by its full path", () => {
    expect(at(problems, "orgUnits[0].children[1].children[0].displayOrder")).toEqual([{ path: "orgUnits[0].children[1].children[0].displayOrder", message: "must be at least 1", line: undefined }]);
  });

  test("an unknown top-level key (the spec is strict), reported at the key itself", () => {
    const strict = problems.filter((p) => p.path === "department");
    expect(strict).toHaveLength(1);
    expect(strict[0].message).toMatch(/^is not a field here/);
  });

  test("a duplicate external key and a duplicate name of a kind whose names are unique", () => {
    expect(at(problems, "positions[2].positionExternalKey").map((p) => p.message)).toEqual([
      "POS_MANAGER is the positionExternalKey of positions[0] too; positionExternalKeys must be unique",
    ]);
    expect(at(problems, "positions[3].positionName").map((p) => p.message)).toEqual(["Manager is the positionName of positions[0] too; positionNames must be unique"]);
  });

  test("members' emails are unique in any case", () => {
    expect(at(problems, "members[2].email").map((p) => p.message)).toEqual(["HANAKO@example.com is the email of members[0] too; emails must be unique"]);
  });

  test("two keyless org units of one name would be one resource; keyed ones of one name are fine", () => {
    const same = at(problems, "orgUnits[2].orgUnitName");
    expect(same).toHaveLength(1);
    expect(same[0].message).toMatch(/^Branch is the orgUnitName of orgUnits\[1\] too, and neither has an orgUnitExternalKey/);
    expect(problems.filter((p) => p.path.startsWith("orgUnits[3]") || p.path.startsWith("orgUnits[4]"))).toEqual([]);
  });

  test("an unknown reference suggests externalKey:, an ambiguous name asks for keys", () => {
    expect(at(problems, "members[2].organizations[0].orgUnits[0].positionId").map((p) => p.message)).toEqual([
      "POS_NOPE is not the positionExternalKey or positionName of any entry of positions; write externalKey:POS_NOPE for a position managed outside this spec",
    ]);
    const ambiguous = at(problems, "members[3].organizations[0].orgUnits[0].orgUnitId");
    expect(ambiguous).toHaveLength(1);
    expect(ambiguous[0].message).toContain("Support is the orgUnitName of 2 orgUnits (orgUnits[3], orgUnits[4])");
    expect(ambiguous[0].message).toContain("orgUnitExternalKey");
  });

  test("a unit has one leader; a password has no place in a spec", () => {
    const leader = at(problems, "members[2].organizations[0].orgUnits[0].isManager");
    expect(leader).toHaveLength(1);
    expect(leader[0].message).toMatch(/^OU_TOKYO has a leader already \(EMP_0001\)/);
    const password = at(problems, "members[2].passwordConfig.password");
    expect(password).toHaveLength(1);
    expect(password[0].message).toMatch(/^a password does not belong in a spec file/);
    // The password itself is never repeated.
    expect(JSON.stringify(problems)).not.toContain("hunter2");
  });

  test("a cycle of groups and a group that lists itself", () => {
    expect(at(problems, "groups[2]").map((p) => p.message)).toEqual(["its references go round in a circle (GR_A -> GR_B -> GR_A): LINE WORKS cannot create any of them first. Take one of these references out (the last is GR_B's members[0].id)"]);
    expect(at(problems, "groups[4]").map((p) => p.message)).toEqual(["refers to itself (GR_SELF)"]);
  });

  test("nothing else: the valid parts raise no problem, and each problem is listed once", () => {
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        "department",
        "positions[2].positionExternalKey",
        "positions[3].positionName",
        "orgUnits[0].children[1].children[0].displayOrder",
        "orgUnits[2].orgUnitName",
        "members[2].email",
        "members[2].organizations[0].orgUnits[0].positionId",
        "members[2].organizations[0].orgUnits[0].isManager",
        "members[2].passwordConfig.password",
        "members[3].organizations[0].orgUnits[0].orgUnitId",
        "groups[2]",
        "groups[4]",
      ].sort(),
    );
  });

  // An entry's label (its resource name `<dir>-<label>` and its key in the ID outputs) is its
  // external key, else its name: a keyless entry named like another entry's key would share it.
  test("a keyless entry whose name is another entry's external key (the same resource name) is a problem", () => {
    const spec = {
      positions: [
        { positionName: "Manager", displayOrder: 1, positionExternalKey: "Staff" },
        { positionName: "Staff", displayOrder: 2 },
      ],
    };
    const found = problemsOf(spec);
    expect(found.filter((p) => p.path.startsWith("positions[1]") || p.path.startsWith("positions[0]"))).toHaveLength(1);
  });

  test("members need a domain: from the spec or the option", () => {
    const { domainId: _, ...noDomain } = validSpec();
    const missing = problemsOf(noDomain);
    expect(at(missing, "domainId")).toHaveLength(1);
    expect(at(missing, "domainId")[0].message).toContain("lineworks:domainId");
    // The organizations then lack their domainId too: the same problem, reported once, not once per member.
    expect(missing.filter((p) => p.path.endsWith(".domainId"))).toEqual([]);
    expect(parseSpec(noDomain, { domainId: DOMAIN }).domainId).toBe(DOMAIN);
    // Without members no domain is needed.
    const { members: __, groups: ___, ...noMembers } = noDomain;
    expect(parseSpec(noMembers).domainId).toBeUndefined();
  });

  test("a unit's allowed members and a group's mailing-list members name member entries (a unit refers forward, no cycle)", () => {
    const spec = {
      domainId: 10000001,
      orgUnits: [{ orgUnitExternalKey: "OU", orgUnitName: "U", displayOrder: 1, membersAllowedToUseOrgUnitEmailAsSender: [{ userId: "EMP_1" }, { userId: "nobody@example.com" }] }],
      members: [{ userExternalKey: "EMP_1", email: "ab@example.com", userName: { lastName: "A" }, organizations: [{ orgUnits: [{ orgUnitId: "OU" }] }] }],
      groups: [{ groupName: "G", administrators: [{ userId: "EMP_1" }], members: [], membersAllowedToUseGroupEmailAsRecipient: [{ userId: "EMP_2" }], groupEmail: "g@" }],
    };
    const found = problemsOf(spec);
    expect(found.map((p) => p.path).sort()).toEqual([
      "groups[0].groupEmail", "groups[0].membersAllowedToUseGroupEmailAsRecipient[0].userId", "orgUnits[0].membersAllowedToUseOrgUnitEmailAsSender[1].userId",
    ]);
    expect(found.find((p) => p.path.startsWith("orgUnits"))!.message).toContain("nobody@example.com is not the userExternalKey or email of any entry of members");
    const fixed = { ...spec, orgUnits: [{ ...spec.orgUnits[0], membersAllowedToUseOrgUnitEmailAsSender: [{ userId: "EMP_1" }] }], groups: [{ ...spec.groups[0], membersAllowedToUseGroupEmailAsRecipient: [{ userId: "ab@example.com" }], groupEmail: "g@example.com" }] };
    const parsed = parseSpec(fixed);
    expect(parsed.entries.map((p) => p.label)).toEqual(["OU", "EMP_1", "G"]);
  });

  test("a spec that is not an object", () => {
    for (const input of [undefined, null, [], "org.yaml", 3]) expect(problemsOf(input)).toEqual([{ path: "", message: expect.stringContaining("must be an object") }]);
  });
});

describe("spec files", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-spec-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };

  // Line numbers are those of this text (1-based); the problems are written so that the order the
  // checks find them in (schema, then sections in build order, then cycles) is not the file's.
  const BAD_YAML = [
    /*  1 */ "groups:",
    /*  2 */ "  - groupName: Loop",
    /*  3 */ "    groupExternalKey: GR_LOOP",
    /*  4 */ "    administrators:",
    /*  5 */ "      - userId: EMP_0001",
    /*  6 */ "    members:",
    /*  7 */ "      - type: GROUP",
    /*  8 */ "        id: GR_LOOP",
    /*  9 */ "members:",
    /* 10 */ "  - email: hanako@example.com",
    /* 11 */ "    userExternalKey: EMP_0001",
    /* 12 */ "    userName: { lastName: Sato }",
    /* 13 */ "    privateEmail: hanako@private.example.org",
    /* 14 */ "    organizations:",
    /* 15 */ "      - orgUnits:",
    /* 16 */ "          - orgUnitId: OU_NOPE",
    /* 17 */ "domainId: 10000001",
    /* 18 */ "orgUnits:",
    /* 19 */ "  - orgUnitName: HQ",
    /* 20 */ "    displayOrder: 1",
    /* 21 */ "    orgUnitExternalKey: OU_HQ",
    /* 22 */ "    children:",
    /* 23 */ "      - orgUnitName: Sales",
    /* 24 */ "        displayOrder: 1",
    /* 25 */ "        children:",
    /* 26 */ "          - orgUnitName: Tokyo",
    /* 27 */ "            displayOrder: 0",
    /* 28 */ "positions:",
    /* 29 */ "  - positionName: Manager",
    /* 30 */ "    displayOrder: 1",
    /* 31 */ "    positionExternalKey: POS_A",
    /* 32 */ "  - positionName: Staff",
    /* 33 */ "    positionExternalKey: POS_A",
    "",
  ].join("\n");

  test("each problem carries the line of the field it is about, sorted by line", () => {
    const e = specError(() => loadSpecFile(write("bad.yaml", BAD_YAML), { cwd: dir }));
    expect(e.source).toBe(path.join(dir, "bad.yaml"));
    expect(e.problems.map((p) => [p.line, p.path])).toEqual([
      [2, "groups[0]"], // the cycle: the entry itself
      [16, "members[0].organizations[0].orgUnits[0].orgUnitId"], // unknown reference
      [27, "orgUnits[0].children[0].children[0].displayOrder"], // schema, two levels down
      [32, "positions[1].displayOrder"], // a missing field: the line of its object
      [33, "positions[1].positionExternalKey"], // duplicate key
    ]);
    expect(e.problems[1].message).toContain("externalKey:OU_NOPE");
    expect(e.problems[3].message).toBe("is required");
  });

  test("the message lists every problem as `line N: path: message`, after the file's path", () => {
    const e = specError(() => loadSpecFile(write("bad.yaml", BAD_YAML), { cwd: dir }));
    const lines = e.message.split("\n");
    expect(lines[0]).toBe(`The directory spec ${path.join(dir, "bad.yaml")} has 5 problems; nothing was registered:`);
    expect(lines.slice(1)).toEqual(e.problems.map((p) => `  line ${p.line}: ${p.path}: ${p.message}`));
    expect(lines[3]).toBe("  line 27: orgUnits[0].children[0].children[0].displayOrder: must be at least 1");
    // Without a file there is no line, and a problem of the spec as a whole says so.
    const bare = specError(() => parseSpec({ positions: [{ positionName: "A" }], nope: 1 }));
    expect(bare.message.split("\n").slice(1)).toEqual(bare.problems.map((p) => `  ${p.path || "(the spec)"}: ${p.message}`));
    expect(bare.message).toMatch(/^The directory spec has 2 problems; nothing was registered:\n/);
    expect(bare.message).toContain("  nope: is not a field here");
    expect(specError(() => parseSpec([])).message).toContain("  (the spec): must be an object");
  });

  test("a valid YAML file parses, with the option's domain", () => {
    const text = ["positions:", "  - positionName: Manager", "    displayOrder: 1", "members:", "  - email: a.b@example.com", "    userName: { lastName: B }", "    organizations:", "      - orgUnits: [{ orgUnitId: 'externalKey:OU_X' }]", ""].join("\n");
    const parsed = loadSpecFile(path.join(dir, write("ok.yaml", text)), { domainId: DOMAIN });
    expect(parsed.source).toBe(path.join(dir, "ok.yaml"));
    expect(parsed.entries.map((p) => p.label)).toEqual(["Manager", "a.b@example.com"]);
    expect(parsed.entries[1].entry.organizations).toEqual([{ domainId: DOMAIN, primary: true, orgUnits: [{ primary: true, orgUnitId: "externalKey:OU_X" }] }]);
  });

  test("a YAML syntax error reports its line", () => {
    const cases: [string, string[], number][] = [
      ["indent.yaml", ["positions:", "  - positionName: Manager", "   displayOrder: 1", ""], 3], // a key indented off its item
      ["twice.yaml", ["domainId: 10000001", "positions: []", "domainId: 10000002", ""], 3], // a key written twice
    ];
    for (const [name, text, line] of cases) {
      const e = specError(() => loadSpecFile(write(name, text.join("\n")), { cwd: dir }));
      expect(e.problems).toHaveLength(1);
      expect(e.problems[0].path).toBe("");
      expect({ file: name, line: e.problems[0].line }).toEqual({ file: name, line });
      expect(e.message).toContain(`  line ${line}: (the spec): `);
    }
  });

  test("an unreadable file names its path", () => {
    const e = specError(() => loadSpecFile("missing.yaml", { cwd: dir }));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0].message).toMatch(/^cannot be read: /);
    expect(e.message).toContain(path.join(dir, "missing.yaml"));
    // A directory is no file either.
    expect(specError(() => loadSpecFile(dir)).message).toContain(dir);
  });

  test("a JSON file works too, with line numbers", () => {
    const parsed = loadSpecFile(write("org.json", JSON.stringify(validSpec(), null, 2)), { cwd: dir });
    expect(parsed.entries.map((p) => p.label)).toEqual(parseSpec(validSpec()).entries.map((p) => p.label));
    const text = JSON.stringify({ domainId: DOMAIN, positions: [{ positionName: "A", displayOrder: 1 }, { positionName: "A", displayOrder: 2 }] }, null, 2);
    const lineOfFirst = text.split("\n").findIndex((l) => l.includes('"positionName": "A"')) + 1;
    const lineOfSecond = text.split("\n").findIndex((l, i, all) => l.includes('"positionName": "A"') && all.slice(0, i).some((x) => x.includes('"positionName": "A"'))) + 1;
    const e = specError(() => loadSpecFile(write("dup.json", text), { cwd: dir }));
    expect(e.problems).toEqual([{ path: "positions[1].positionName", line: lineOfSecond, message: `A is the positionName of positions[0] (line ${lineOfFirst}) too; positionNames must be unique` }]);
  });
});

describe("directory.schema.json", () => {
  const committed = () => fs.readFileSync(SCHEMA_FILE, "utf8");

  test("is the one the zod schema generates", () => {
    const current = committed() === schemaText();
    if (!current) throw new Error(`${SCHEMA_FILE} is not what the spec's zod schema generates: the schema changed without \`npm run schema\`; run it and commit directory.schema.json`);
    expect(current).toBe(true);
  });

  test("describes the org-unit tree recursively and lists every section, strictly", () => {
    const schema = JSON.parse(committed());
    expect(schema).toEqual(JSON.parse(schemaText()));
    expect(Object.keys(schema.properties).sort()).toEqual(["$schema", "domainId", "include", ...SECTION_NAMES].sort());
    expect(schema.additionalProperties).toBe(false);
    // A list of units holds units, or `include` items standing for other files' units.
    const [{ $ref: ref }, includeItem] = schema.properties.orgUnits.items.anyOf;
    expect(ref).toMatch(/^#\/\$defs\//);
    expect(includeItem).toMatchObject({ required: ["include"], additionalProperties: false });
    const unit = schema.$defs[ref.slice("#/$defs/".length)];
    expect(unit.properties.children.items.anyOf).toEqual([{ $ref: ref }, includeItem]);
    expect(unit.properties).toHaveProperty("orgUnitName");
    expect(unit.properties).not.toHaveProperty("parentOrgUnitId");
    expect(unit.additionalProperties).toBe(false);
    // Every other section is an array of strict objects; domainId is not declared per entry.
    for (const s of SECTION_NAMES.filter((x) => x !== "orgUnits")) {
      expect(schema.properties[s].type).toBe("array");
      expect(schema.properties[s].items.additionalProperties).toBe(false);
      expect(schema.properties[s].items.properties).not.toHaveProperty("domainId");
    }
    expect(directoryJsonSchema()).toMatchObject({ properties: schema.properties });
  });

  // parseSpec fills a member's organizations' domainId and primary in before the User kind's rules;
  // the file's schema (and the DirectorySpec type) must accept them left out too.
  test("accepts members in the shorthand parseSpec accepts (organizations without domainId or primary)", () => {
    const schema = JSON.parse(committed());
    const organization = schema.properties.members.items.properties.organizations.items;
    expect(organization.required ?? []).not.toContain("domainId");
    expect(organization.required ?? []).not.toContain("primary");
    expect(organization.properties.orgUnits.items.required ?? []).not.toContain("primary");
  });
});
