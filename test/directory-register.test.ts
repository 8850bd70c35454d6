// lineworks.Directory under Pulumi's mocks, in a plain Node program with the packed package
// installed (tools/program.ts): one resource per spec entry named `<dir>-<key or name>`, the feature
// switches its kinds need, references in the spec's words (`externalKey:<key>`, a member's email,
// `name:<name>`) with a dependency on the resource they name, an org unit without a key wired to
// its ID output (the mocks answer "<resource name>-id"), the same registrations whatever the
// entries' order, and a bad spec that fails the program with its problems by line before anything
// registers.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { makeProgramDir, removeDir } from "../tools/install";
import { runProgram, type Registered } from "../tools/program";

const DOMAIN = 10000001;
const CONFIG_DOMAIN = 20000002;
const T = (kind: string) => `pulumi-nodejs:dynamic/lineworks:${kind}`;
const DIRECTORY = "lineworks:index:Directory";
const PROBE = "test:index:Probe";

/** No employment types: their switch must not be registered. */
const SPEC = {
  domainId: DOMAIN,
  positions: [
    { positionName: "Manager", displayOrder: 1, positionExternalKey: "POS_MANAGER" },
    { positionName: "Staff", displayOrder: 2 },
  ],
  levels: [{ levelName: "Executive", displayOrder: 1, levelExternalKey: "LV_EXEC", executive: true }],
  userTypes: [{ userTypeName: "Employee", displayOrder: 1, userTypeExternalKey: "UT_EMP" }],
  orgUnits: [
    {
      orgUnitName: "Head office",
      displayOrder: 1,
      orgUnitExternalKey: "OU_HQ",
      children: [
        { orgUnitName: "Sales", displayOrder: 1, orgUnitExternalKey: "OU_SALES", children: [{ orgUnitName: "Tokyo", displayOrder: 1, orgUnitExternalKey: "OU_TOKYO", useMessage: true }] },
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
      organizations: [{ levelId: "LV_EXEC", orgUnits: [{ orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER", isManager: true }] }],
    },
    {
      email: "taro@example.com",
      userName: { lastName: "Suzuki" },
      privateEmail: "taro@private.example.org",
      organizations: [{ orgUnits: [{ orgUnitId: "Development", positionId: "Staff", primary: true }, { orgUnitId: "externalKey:OU_OUTSIDE", primary: false }] }],
    },
  ],
  groups: [
    {
      groupName: "Everyone",
      groupExternalKey: "GR_ALL",
      administrators: [{ userId: "EMP_0001" }],
      members: [
        { type: "GROUP", id: "GR_LAUNCH" },
        { type: "ORGUNIT", id: "OU_SALES" },
        { type: "USER", id: "TARO@example.com" },
        { type: "USER", id: "externalKey:EMP_9999" },
      ],
    },
    {
      groupName: "Launch",
      groupExternalKey: "GR_LAUNCH",
      administrators: [{ userId: "taro@example.com" }, { userId: "id:user-outside-1" }],
      members: [{ type: "USER", id: "EMP_0001" }],
    },
  ],
};

/** The same entries, every list and the sections in reverse (children too); only the lists inside an entry keep their order. */
function reordered(spec: typeof SPEC): Record<string, unknown> {
  const units = (list: any[] | undefined): any[] | undefined => list && [...list].reverse().map((u) => (u.children ? { ...u, children: units(u.children) } : u));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec).reverse()) {
    const value = (spec as Record<string, any>)[key];
    out[key] = key === "orgUnits" ? units(value) : Array.isArray(value) ? [...value].reverse() : value;
  }
  return out;
}

/** Declares `org` from `spec` (a path or an object) and registers a probe whose inputs are the ID maps. */
const program = (spec: string | object) => `
const org = new lineworks.Directory("org", { spec: ${JSON.stringify(spec)} });
new pulumi.CustomResource(${JSON.stringify(PROBE)}, "ids", {
  positionIds: org.positionIds, levelIds: org.levelIds, userTypeIds: org.userTypeIds, employmentTypeIds: org.employmentTypeIds,
  orgUnitIds: org.orgUnitIds, userIds: org.userIds, groupIds: org.groupIds,
});
`;

/** The spec's problems, caught: a probe carries the message, so the registrations show what else got registered. */
const catching = (spec: string | object) => `
try {
  new lineworks.Directory("org", { spec: ${JSON.stringify(spec)} });
} catch (e) {
  new pulumi.CustomResource(${JSON.stringify(PROBE)}, "error", { name: e.name, message: e.message });
}
`;

const BAD_YAML = [
  /* 1 */ "domainId: 10000001",
  /* 2 */ "orgUnits:",
  /* 3 */ "  - orgUnitName: HQ",
  /* 4 */ "    orgUnitExternalKey: OU_HQ",
  /* 5 */ "    displayOrder: 0",
  /* 6 */ "positions:",
  /* 7 */ "  - positionName: Manager",
  /* 8 */ "    displayOrder: 1",
  /* 9 */ "members:",
  /* 10 */ "  - email: hanako@example.com",
  /* 11 */ "    userName: { lastName: Sato }",
  /* 12 */ "    privateEmail: hanako@private.example.org",
  /* 13 */ "    organizations:",
  /* 14 */ "      - orgUnits:",
  /* 15 */ "          - orgUnitId: OU_HQ",
  /* 16 */ "            positionId: POS_NOPE",
  "",
].join("\n");

describe("lineworks.Directory registers the spec's resources", () => {
  let dir: string;
  let fromFile: Registered[];
  let fromReordered: Registered[];
  let fromConfig: Registered[];
  let failed: Error | undefined;
  let caught: Registered[];
  let sameName: Registered[] | Error;
  let options: Registered[];
  let fromSplit: Registered[];
  let splitFailed: Error | undefined;

  beforeAll(async () => {
    dir = makeProgramDir("directory");
    fs.writeFileSync(path.join(dir, "org.yaml"), stringify(SPEC));
    fs.writeFileSync(path.join(dir, "org-reordered.yaml"), stringify(reordered(SPEC)));
    fs.writeFileSync(path.join(dir, "bad.yaml"), BAD_YAML);
    // One program dir, several programs: runProgram writes its body to one file, so they run one by one.
    fromFile = await runProgram(dir, program(path.join(dir, "org.yaml")));
    // A path relative to the program's directory.
    fromReordered = await runProgram(dir, program("org-reordered.yaml"));
    // An object spec without a domain: lineworks:domainId from config; no positions, levels, user types.
    const { domainId: _, positions: _p, levels: _l, userTypes: _u, ...rest } = SPEC;
    const noKinds = { ...rest, members: rest.members.map(({ userTypeId: _t, ...m }) => ({ ...m, organizations: [{ orgUnits: m.organizations[0].orgUnits.map(({ positionId: _x, ...u }) => u) }] })) };
    fromConfig = await runProgram(dir, program(noKinds), { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": String(CONFIG_DOMAIN) }) });
    failed = await runProgram(dir, program(path.join(dir, "bad.yaml"))).then(
      () => undefined,
      (e: Error) => e,
    );
    caught = await runProgram(dir, catching(path.join(dir, "bad.yaml")));
    // The same spec in two files: Sales (with Tokyo) and its member in parts/sales.yaml, included under Head office.
    const [hq, sales] = [SPEC.orgUnits[0], SPEC.orgUnits[0].children[0]];
    fs.mkdirSync(path.join(dir, "parts"));
    fs.writeFileSync(path.join(dir, "parts", "sales.yaml"), stringify({ orgUnits: [sales], members: [SPEC.members[0]] }));
    fs.writeFileSync(path.join(dir, "split.yaml"), stringify({ ...SPEC, orgUnits: [{ ...hq, children: [{ include: "parts/sales.yaml" }, hq.children[1]] }], members: [SPEC.members[1]] }));
    fromSplit = await runProgram(dir, program("split.yaml"));
    fs.writeFileSync(path.join(dir, "parts", "bad.yaml"), "orgUnits:\n  - orgUnitName: Sales\n    displayOrder: 0\n");
    fs.writeFileSync(path.join(dir, "split-bad.yaml"), "domainId: 10000001\norgUnits: [{ include: parts/bad.yaml }]\n");
    splitFailed = await runProgram(dir, program("split-bad.yaml")).then(
      () => undefined,
      (e: Error) => e,
    );
    // A keyless parent whose name a keyed unit elsewhere shares (allowed: keyed units need no unique name).
    sameName = await runProgram(
      dir,
      program({
        domainId: DOMAIN,
        orgUnits: [
          { orgUnitName: "Sales", displayOrder: 1, children: [{ orgUnitName: "Team", displayOrder: 1 }] },
          { orgUnitName: "Sales", displayOrder: 2, orgUnitExternalKey: "OU_SALES_WEST" },
        ],
      }),
    ).catch((e: Error) => e);
    // protect and retainOnDelete on the component: what each child was given (a transformation
    // sees a child's own options; protect is inherited from the parent after it).
    options = await runProgram(
      dir,
      `const seen = {};
       const d = new lineworks.Directory("org", { spec: ${JSON.stringify(path.join(dir, "org.yaml"))} }, {
         protect: true, retainOnDelete: true,
         transformations: [(a) => { if (a.type.startsWith("pulumi-nodejs:dynamic/")) seen[a.name] = { retainOnDelete: a.opts.retainOnDelete === true }; return undefined; }],
       });
       for (const section of ["positions", "levels", "userTypes", "employmentTypes", "orgUnits", "members", "groups"]) for (const r of Object.values(d[section])) seen[r.__name].protect = r.__protect === true;
       for (const f of Object.values(d.features)) seen[f.__name].protect = f.__protect === true;
       new pulumi.CustomResource("${PROBE}", "options", { seen });`,
    );
  }, 180_000);
  afterAll(() => dir && removeDir(dir));

  const named = (registered: Registered[], name: string) => {
    const r = registered.find((x) => x.name === name);
    if (!r) throw new Error(`nothing named ${name} was registered: ${registered.map((x) => x.name).join(", ")}`);
    return r;
  };
  const inputs = (name: string) => named(fromFile, name).inputs;

  test("every entry registers exactly one resource of its kind named <dir>-<key or name>, and the component", () => {
    const others = fromFile.filter((r) => r.type !== T("DirectoryFeature") && r.type !== PROBE);
    expect(others.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        `${DIRECTORY} org`,
        `${T("Position")} org-POS_MANAGER`,
        `${T("Position")} org-Staff`,
        `${T("Level")} org-LV_EXEC`,
        `${T("UserType")} org-UT_EMP`,
        `${T("OrgUnit")} org-OU_HQ`,
        `${T("OrgUnit")} org-OU_SALES`,
        `${T("OrgUnit")} org-OU_TOKYO`,
        `${T("OrgUnit")} org-Development`,
        `${T("User")} org-EMP_0001`,
        `${T("User")} org-taro@example.com`,
        `${T("Group")} org-GR_ALL`,
        `${T("Group")} org-GR_LAUNCH`,
      ].sort(),
    );
    expect(inputs("org-POS_MANAGER")).toMatchObject({ positionName: "Manager", displayOrder: 1, positionExternalKey: "POS_MANAGER" });
    expect(inputs("org-Staff")).toMatchObject({ positionName: "Staff", displayOrder: 2 });
    expect(inputs("org-LV_EXEC")).toMatchObject({ levelName: "Executive", executive: true });
    expect(inputs("org-OU_TOKYO")).toMatchObject({ orgUnitName: "Tokyo", displayOrder: 1, useMessage: true });
    expect(inputs("org-OU_HQ")).not.toHaveProperty("children");
  });

  test("feature switches only for the kinds present", () => {
    const features = fromFile.filter((r) => r.type === T("DirectoryFeature"));
    expect(features.map((r) => [r.name, r.inputs.feature, r.inputs.domainId]).sort()).toEqual([
      ["org-levels", "levels", DOMAIN],
      ["org-positions", "positions", DOMAIN],
      ["org-userTypes", "userTypes", DOMAIN],
    ]);
    expect(fromConfig.filter((r) => r.type === T("DirectoryFeature"))).toEqual([]);
  });

  // Changed by issue 21: references were wired to the ID outputs; now they are in the spec's words,
  // known at preview, with a dependency on the resource named so the order stays the same.
  test("the tree: a top unit has no parent, a child's parentOrgUnitId is its parent's key, and it depends on it", () => {
    expect(inputs("org-OU_HQ")).not.toHaveProperty("parentOrgUnitId");
    expect(inputs("org-OU_SALES").parentOrgUnitId).toBe("externalKey:OU_HQ");
    expect(inputs("org-Development").parentOrgUnitId).toBe("externalKey:OU_HQ");
    expect(inputs("org-OU_TOKYO").parentOrgUnitId).toBe("externalKey:OU_SALES");
    expect(named(fromFile, "org-OU_HQ").dependsOn).toEqual([]);
    expect(named(fromFile, "org-OU_TOKYO").dependsOn).toEqual(["org-OU_SALES"]);
  });

  // The parent is the entry the child is nested in, not whatever its label resolves to elsewhere.
  // Its name is shared (units' names need not be unique), so it is wired by ID output, not named.
  test("a child's parent is its own parent even when a keyed unit elsewhere has the parent's name; a keyless unit is wired by ID", () => {
    if (sameName instanceof Error) throw sameName;
    expect(named(sameName, "org-Team").inputs.parentOrgUnitId).toBe("org-Sales-id");
    expect(named(sameName, "org-Team").dependsOn).toEqual(["org-Sales"]);
    expect(named(sameName, "org-OU_SALES_WEST").inputs).not.toHaveProperty("parentOrgUnitId");
  });

  test("members: unit, position, level and user type by key, a keyless title by name, a keyless unit by ID output; outside references passed through", () => {
    expect(inputs("org-EMP_0001")).toMatchObject({ email: "hanako@example.com", userExternalKey: "EMP_0001", userTypeId: "externalKey:UT_EMP" });
    expect(inputs("org-EMP_0001").organizations).toEqual([
      { domainId: DOMAIN, primary: true, levelId: "externalKey:LV_EXEC", orgUnits: [{ primary: true, orgUnitId: "externalKey:OU_TOKYO", positionId: "externalKey:POS_MANAGER", isManager: true }] },
    ]);
    expect(inputs("org-taro@example.com").organizations).toEqual([
      {
        domainId: DOMAIN,
        primary: true,
        orgUnits: [
          { orgUnitId: "org-Development-id", positionId: "name:Staff", primary: true },
          { orgUnitId: "externalKey:OU_OUTSIDE", primary: false },
        ],
      },
    ]);
    // Every entry named is a dependency, whatever its form.
    expect(named(fromFile, "org-EMP_0001").dependsOn).toEqual(["org-LV_EXEC", "org-OU_TOKYO", "org-POS_MANAGER", "org-UT_EMP"]);
    expect(named(fromFile, "org-taro@example.com").dependsOn).toEqual(["org-Development", "org-Staff"]);
  });

  test("groups: members and masters by key, a keyless member by email; externalKey: unchanged, id: stripped", () => {
    expect(inputs("org-GR_ALL")).toMatchObject({ groupName: "Everyone", groupExternalKey: "GR_ALL" });
    expect(inputs("org-GR_ALL").members).toEqual([
      { type: "GROUP", id: "externalKey:GR_LAUNCH" },
      { type: "ORGUNIT", id: "externalKey:OU_SALES" },
      { type: "USER", id: "taro@example.com" },
      { type: "USER", id: "externalKey:EMP_9999" },
    ]);
    expect(inputs("org-GR_ALL").administrators).toEqual([{ userId: "externalKey:EMP_0001" }]);
    expect(inputs("org-GR_LAUNCH").members).toEqual([{ type: "USER", id: "externalKey:EMP_0001" }]);
    expect(inputs("org-GR_LAUNCH").administrators).toEqual([{ userId: "taro@example.com" }, { userId: "user-outside-1" }]);
    expect(named(fromFile, "org-GR_ALL").dependsOn).toEqual(["org-EMP_0001", "org-GR_LAUNCH", "org-OU_SALES", "org-taro@example.com"]);
  });

  test("domainId on every resource: the spec's, else lineworks:domainId from config", () => {
    const resources = (registered: Registered[]) => registered.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/lineworks:"));
    expect(resources(fromFile).length).toBeGreaterThan(10);
    for (const r of resources(fromFile)) expect([r.name, r.inputs.domainId]).toEqual([r.name, DOMAIN]);
    expect(resources(fromConfig).map((r) => r.name).sort()).toEqual(
      ["org-Development", "org-EMP_0001", "org-GR_ALL", "org-GR_LAUNCH", "org-OU_HQ", "org-OU_SALES", "org-OU_TOKYO", "org-taro@example.com"].sort(),
    );
    for (const r of resources(fromConfig)) expect([r.name, r.inputs.domainId]).toEqual([r.name, CONFIG_DOMAIN]);
    expect(named(fromConfig, "org-EMP_0001").inputs.organizations[0].domainId).toBe(CONFIG_DOMAIN);
  });

  test("reordering the entries (and sections, and children) registers the same resources with the same inputs", () => {
    // The file really is in another order.
    const again = parse(fs.readFileSync(path.join(dir, "org-reordered.yaml"), "utf8"));
    expect(Object.keys(again)[0]).toBe("groups");
    expect(again.positions.map((p: { positionName: string }) => p.positionName)).toEqual(["Staff", "Manager"]);
    expect(again.orgUnits[0].children.map((u: { orgUnitName: string }) => u.orgUnitName)).toEqual(["Development", "Sales"]);
    const byName = (registered: Registered[]) => Object.fromEntries(registered.map((r) => [`${r.type} ${r.name}`, r.inputs]));
    expect(Object.keys(byName(fromReordered)).sort()).toEqual(Object.keys(byName(fromFile)).sort());
    expect(byName(fromReordered)).toEqual(byName(fromFile));
  });

  test("the ID outputs map each entry's key (else name) to its resource's ID", () => {
    const ids = named(fromFile, "ids").inputs;
    expect(ids.positionIds).toEqual({ POS_MANAGER: "org-POS_MANAGER-id", Staff: "org-Staff-id" });
    expect(ids.levelIds).toEqual({ LV_EXEC: "org-LV_EXEC-id" });
    expect(ids.userTypeIds).toEqual({ UT_EMP: "org-UT_EMP-id" });
    expect(ids.employmentTypeIds).toEqual({});
    expect(ids.orgUnitIds).toEqual({ OU_HQ: "org-OU_HQ-id", OU_SALES: "org-OU_SALES-id", OU_TOKYO: "org-OU_TOKYO-id", Development: "org-Development-id" });
    expect(ids.userIds).toEqual({ EMP_0001: "org-EMP_0001-id", "taro@example.com": "org-taro@example.com-id" });
    expect(ids.groupIds).toEqual({ GR_ALL: "org-GR_ALL-id", GR_LAUNCH: "org-GR_LAUNCH-id" });
  });

  test("protect and retainOnDelete given to the component hold for every object it declares", () => {
    const seen: Record<string, { retainOnDelete: boolean; protect: boolean }> = named(options, "options").inputs.seen;
    const children = fromFile.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).map((r) => r.name).sort();
    expect(Object.keys(seen).sort()).toEqual(children);
    for (const name of children) expect([name, seen[name]]).toEqual([name, { retainOnDelete: true, protect: true }]);
  });

  test("a bad spec fails the program with every problem by line", () => {
    expect(failed).toBeDefined();
    const text = failed!.message;
    expect(text).toContain(`The directory spec ${path.join(dir, "bad.yaml")} has 2 problems; nothing was registered:`);
    expect(text).toContain("  line 5: orgUnits[0].displayOrder: must be at least 1");
    expect(text).toContain("  line 16: members[0].organizations[0].orgUnits[0].positionId: POS_NOPE is not the positionExternalKey or positionName of any entry of positions; write externalKey:POS_NOPE");
    expect(text.indexOf("line 5:")).toBeLessThan(text.indexOf("line 16:"));
  });

  test("a spec in several files registers what one file does; a problem in an included file names that file and line", () => {
    const seen = (registered: Registered[]) => registered.map((r) => `${r.type} ${r.name} ${JSON.stringify(r.inputs)}`).sort();
    expect(seen(fromSplit)).toEqual(seen(fromFile));
    expect(splitFailed?.message).toContain(`The directory spec ${path.join(dir, "split-bad.yaml")} has 1 problem; nothing was registered:`);
    expect(splitFailed?.message).toContain(`  ${path.join("parts", "bad.yaml")} line 3: orgUnits[0].displayOrder: must be at least 1`);
  });

  test("and registers nothing, not even the component", () => {
    expect(caught.map((r) => `${r.type} ${r.name}`)).toEqual([`${PROBE} error`]);
    expect(caught[0].inputs.name).toBe("SpecError");
    expect(caught[0].inputs.message).toContain("line 5: orgUnits[0].displayOrder: must be at least 1");
  });
});
