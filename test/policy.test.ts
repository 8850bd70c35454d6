// The company rules (policy/rules.ts) on resources exactly as lineworks.Directory registers them:
// a Directory declared under Pulumi's mocks in this process, its registrations captured with the
// resources each depends on (as tools/program.ts does). The provider objects are replaced by plain
// ones, as Jest's module registry breaks closure serialization of the real ones; the rules do not
// read them. Each rule passes the company below and fails a changed copy, with its message.
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { keyPattern, memberHasUnit, RULES, titleSet, unitHasLeader, unitNotEmpty, type StackResource } from "../policy/rules";

jest.mock("../provider/dynamic", () => ({ makeProvider: (type: string) => ({ type }), makeFeatureProvider: () => ({ type: "DirectoryFeature" }) }));

const registered: StackResource[] = [];
/** Whether the mocks answer ID outputs (after `up`) or leave them unknown (a first preview). */
let withIds = true;
let dependsOn: string[] = [];

beforeAll(async () => {
  const register = (MockMonitor.prototype as any).registerResource;
  (MockMonitor.prototype as any).registerResource = function (request: any, callback: unknown) {
    dependsOn = request.getDependenciesList().map((urn: string) => urn.split("::").pop()).sort();
    return register.call(this, request, callback);
  };
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, urn: `urn:${args.name}`, props: args.inputs, dependsOn });
        const type = args.type.split(":").pop()!;
        const id = `${args.name}-id`;
        return { id, state: withIds ? { ...args.inputs, [`${type[0].toLowerCase()}${type.slice(1)}Id`]: id } : args.inputs };
      },
      call: (args) => args.inputs,
    },
    "lineworks-policy",
    "test",
    false,
  );
});

const DOMAIN = 10000001;
const member = (email: string, key: string | undefined, lastName: string, orgUnits: object[]) => ({
  email,
  ...(key ? { userExternalKey: key } : {}),
  userName: { lastName, firstName: "Test" },
  privateEmail: email.replace("@example.com", "@private.example.org"),
  organizations: [{ orgUnits }],
});

/** Every unit led, none empty, every member placed and titled. */
const COMPANY = {
  domainId: DOMAIN,
  positions: [
    { positionName: "Manager", displayOrder: 1, positionExternalKey: "POS_MANAGER" },
    { positionName: "Staff", displayOrder: 2, positionExternalKey: "POS_STAFF" },
  ],
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
    member("hanako@example.com", "EMP_0001", "Sato", [{ orgUnitId: "OU_HQ", positionId: "POS_MANAGER", isManager: true }]),
    member("jiro@example.com", "EMP_0002", "Tanaka", [{ orgUnitId: "OU_SALES", positionId: "POS_MANAGER", isManager: true }]),
    member("saburo@example.com", "EMP_0003", "Ito", [{ orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER", isManager: true }]),
    member("shiro@example.com", "EMP_0004", "Kato", [{ orgUnitId: "OU_TOKYO", positionId: "POS_STAFF" }]),
    member("taro@example.com", undefined, "Suzuki", [{ orgUnitId: "Development", positionId: "Staff", isManager: true }]),
  ],
};
type Company = typeof COMPANY;

let count = 0;
/** The resources a Directory declares from `spec` (a changed copy of the company). */
async function declare(change: (c: Company) => void = () => {}, ids = true, rosters?: number): Promise<StackResource[]> {
  // JSON, not structuredClone: its arrays are of another realm than Jest's, and Pulumi would send them as objects.
  const spec: Company = JSON.parse(JSON.stringify(COMPANY));
  change(spec);
  const { Directory } = await import("../sdk/directory");
  const name = `org${++count}`;
  withIds = ids;
  const from = registered.length;
  const d = new Directory(name, { spec: spec as any, ...(rosters ? { rosters } : {}) });
  await new Promise((resolve) => pulumi.all([d.orgUnitIds, d.userIds, d.positionIds]).apply(resolve));
  return registered.slice(from).filter((r) => r.name.startsWith(`${name}-`));
}

/** The messages in order (the rules report in the order resources registered). */
const messages = (violations: { message: string }[]) => violations.map((v) => v.message).sort();
const findMember = (c: Company, email: string) => c.members.find((m) => m.email === email)!;

describe("the resources the rules read", () => {
  test("are the Directory's: LINE WORKS field names, references in its words or an ID output, dependencies by name", async () => {
    const resources = await declare();
    const taro = resources.find((r) => r.name.endsWith("-taro@example.com"))!;
    expect(taro.type).toBe("pulumi-nodejs:dynamic/lineworks:User");
    expect(taro.props.organizations[0].orgUnits[0]).toMatchObject({ orgUnitId: expect.stringMatching(/-Development-id$/), isManager: true });
    expect(taro.dependsOn).toEqual([expect.stringMatching(/-Development$/), expect.stringMatching(/-POS_STAFF$/)]);
    const tokyo = resources.find((r) => r.name.endsWith("-OU_TOKYO"))!;
    expect(tokyo.props).toMatchObject({ orgUnitName: "Tokyo", parentOrgUnitId: "externalKey:OU_SALES" });
  });

  test("a unit without a key is found by its ID output (as a policy sees outputs), else by the dependency on it", async () => {
    const resources = (await declare()).map((r) => structuredClone(r));
    const development = resources.find((r) => r.name.endsWith("-Development"))!;
    const taro = resources.find((r) => r.name.endsWith("-taro@example.com"))!;
    development.props.orgUnitId = "ou-development";
    taro.props.organizations[0].orgUnits[0].orgUnitId = "ou-development";
    taro.dependsOn = [];
    expect(unitHasLeader(resources)).toEqual([]);
    expect(unitNotEmpty(resources)).toEqual([]);
  });

  test("in a first preview (IDs unknown), the tree under a unit without a key is told by the dependencies", async () => {
    const resources = await declare((c) => {
      c.orgUnits[0].children![1].children = [{ orgUnitName: "Team", displayOrder: 1 }] as any;
      findMember(c, "taro@example.com").organizations[0].orgUnits = [{ orgUnitId: "Team", isManager: true } as any];
    }, false);
    const team = resources.find((r) => r.name.endsWith("-Team"))!;
    expect(team.props.parentOrgUnitId).toBeUndefined();
    expect(unitNotEmpty(resources)).toEqual([]);
    expect(messages(titleSet(resources, { units: ["Development"], includeSubUnits: true }))).toEqual([
      'member "Suzuki Test" (taro@example.com) has no title (positionId) in org unit "Team", which is under "Development": set positionId in that orgUnits entry',
    ]);
  });
});

describe("unit-has-leader", () => {
  test("passes when every unit with members has one marked isManager, whatever the form of the reference", async () => {
    expect(unitHasLeader(await declare())).toEqual([]);
    // A first preview: the keyless unit's ID is not known; the member's dependency names it.
    expect(unitHasLeader(await declare(undefined, false))).toEqual([]);
  });

  test("names a unit whose members have no leader, and leaves exempt units alone", async () => {
    const resources = await declare((c) => {
      findMember(c, "saburo@example.com").organizations[0].orgUnits = [{ orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER" }];
      findMember(c, "taro@example.com").organizations[0].orgUnits = [{ orgUnitId: "Development", positionId: "Staff" }];
    });
    const violations = unitHasLeader(resources);
    expect(messages(violations)).toEqual([
      'org unit "Development" has 1 member but no leader: mark its leader with isManager: true in that member\'s orgUnits entry for the unit, or list the unit in exemptUnits',
      'org unit "Tokyo" (OU_TOKYO) has 2 members but no leader: mark its leader with isManager: true in that member\'s orgUnits entry for the unit, or list the unit in exemptUnits',
    ]);
    const tokyo = violations.find((v) => v.message.includes("OU_TOKYO"))!;
    expect(tokyo.name).toMatch(/-OU_TOKYO$/);
    expect(tokyo.urn).toMatch(/-OU_TOKYO$/);
    expect(messages(unitHasLeader(resources, { exemptUnits: ["OU_TOKYO", "Development"] }))).toEqual([]);
  });

  test("a leader of another unit does not lead this one", async () => {
    const resources = await declare((c) => {
      findMember(c, "jiro@example.com").organizations[0].orgUnits = [{ orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER" }, { orgUnitId: "OU_SALES", positionId: "POS_MANAGER", isManager: true, primary: false } as any];
      (findMember(c, "jiro@example.com").organizations[0].orgUnits[0] as any).primary = true;
      findMember(c, "saburo@example.com").organizations[0].orgUnits = [{ orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER" }];
    });
    expect(messages(unitHasLeader(resources))).toEqual([expect.stringContaining('org unit "Tokyo" (OU_TOKYO) has 3 members but no leader')]);
  });
});

describe("member-has-unit", () => {
  test("passes when every member is in a unit, one managed elsewhere too", async () => {
    expect(memberHasUnit(await declare())).toEqual([]);
    const outside = await declare((c) => {
      findMember(c, "shiro@example.com").organizations[0].orgUnits = [{ orgUnitId: "externalKey:OU_OUTSIDE" } as any];
    });
    expect(memberHasUnit(outside)).toEqual([]);
  });

  test("names a member in no unit by name, email and key, and leaves exempt members alone", async () => {
    const resources = await declare((c) => {
      findMember(c, "shiro@example.com").organizations[0].orgUnits = [];
      findMember(c, "taro@example.com").organizations[0].orgUnits = [];
    });
    expect(messages(memberHasUnit(resources))).toEqual([
      'member "Kato Test" (shiro@example.com, EMP_0004) is in no org unit: add an orgUnits entry to their organizations, or list them in exemptMembers',
      'member "Suzuki Test" (taro@example.com) is in no org unit: add an orgUnits entry to their organizations, or list them in exemptMembers',
    ]);
    expect(memberHasUnit(resources, { exemptMembers: ["EMP_0004", "TARO@example.com"] })).toEqual([]);
  });
});

describe("unit-not-empty", () => {
  test("passes when each unit has members or units under it (a parent with only units under it too)", async () => {
    expect(unitNotEmpty(await declare())).toEqual([]);
    expect(unitNotEmpty(await declare(undefined, false))).toEqual([]);
  });

  test("names an empty unit, and leaves exempt units alone", async () => {
    const resources = await declare((c) => {
      c.orgUnits[0].children!.push({ orgUnitName: "Planning", displayOrder: 3, orgUnitExternalKey: "OU_PLAN" } as any);
      findMember(c, "taro@example.com").organizations[0].orgUnits = [{ orgUnitId: "OU_HQ", positionId: "POS_STAFF" }];
    });
    expect(messages(unitNotEmpty(resources))).toEqual([
      'org unit "Development" is empty (no members, no units under it): add its members, remove it, or list it in exemptUnits',
      'org unit "Planning" (OU_PLAN) is empty (no members, no units under it): add its members, remove it, or list it in exemptUnits',
    ]);
    expect(unitNotEmpty(resources, { exemptUnits: ["Development", "OU_PLAN"] })).toEqual([]);
  });
});

describe("members kept in rosters (Directory rosters: n)", () => {
  // The same company, its members in UserRoster resources (each member one JSON text): every rule
  // says what it says of member resources. Before, the rules read User resources only, and saw
  // every unit of a roster stack empty and leaderless.
  const broken = (c: Company) => {
    c.orgUnits[0].children!.push({ orgUnitName: "Planning", displayOrder: 3, orgUnitExternalKey: "OU_PLAN" } as any);
    findMember(c, "saburo@example.com").organizations[0].orgUnits = [{ orgUnitId: "OU_TOKYO", positionId: "POS_MANAGER" }];
    findMember(c, "shiro@example.com").organizations[0].orgUnits = [];
  };
  test.each([
    ["unit-has-leader", unitHasLeader],
    ["member-has-unit", memberHasUnit],
    ["unit-not-empty", unitNotEmpty],
  ] as const)("%s reads the members inside the rosters", async (_, rule) => {
    const inRosters = await declare(broken, true, 3);
    expect(inRosters.some((r) => r.type.endsWith(":UserRoster"))).toBe(true);
    expect(inRosters.some((r) => r.type.endsWith(":User"))).toBe(false);
    const found = messages(rule(inRosters));
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(messages(rule(await declare(broken))));
    expect(rule(await declare(undefined, true, 3))).toEqual([]);
  });
});

describe("title-set", () => {
  const untitled = (c: Company) => {
    findMember(c, "shiro@example.com").organizations[0].orgUnits = [{ orgUnitId: "OU_TOKYO" } as any];
    findMember(c, "taro@example.com").organizations[0].orgUnits = [{ orgUnitId: "Development", isManager: true } as any];
  };

  test("checks nothing until units are chosen, and passes when their members have titles", async () => {
    expect(titleSet(await declare(untitled))).toEqual([]);
    expect(titleSet(await declare(), { units: ["OU_SALES", "Development"], includeSubUnits: true })).toEqual([]);
  });

  test("names the member without a title in a chosen unit, and in the units under it with includeSubUnits", async () => {
    const resources = await declare(untitled);
    expect(messages(titleSet(resources, { units: ["OU_TOKYO"] }))).toEqual([
      'member "Kato Test" (shiro@example.com, EMP_0004) has no title (positionId) in org unit "Tokyo" (OU_TOKYO): set positionId in that orgUnits entry',
    ]);
    expect(titleSet(resources, { units: ["OU_SALES"] })).toEqual([]);
    expect(messages(titleSet(resources, { units: ["OU_HQ"], includeSubUnits: true }))).toEqual([
      'member "Kato Test" (shiro@example.com, EMP_0004) has no title (positionId) in org unit "Tokyo" (OU_TOKYO), which is under "Head office" (OU_HQ): set positionId in that orgUnits entry',
      'member "Suzuki Test" (taro@example.com) has no title (positionId) in org unit "Development", which is under "Head office" (OU_HQ): set positionId in that orgUnits entry',
    ]);
  });
});

describe("key-pattern", () => {
  const PATTERNS = { orgUnitExternalKey: "OU_[A-Z]+", userExternalKey: "EMP_\\d{4}", positionExternalKey: "POS_[A-Z]+" };

  test("checks nothing without patterns, and passes keys that match", async () => {
    const resources = await declare();
    expect(keyPattern(resources)).toEqual([]);
    expect(keyPattern(resources, PATTERNS)).toEqual([]);
  });

  test.each([
    ["member resources", undefined],
    ["members in rosters", 3],
  ])("names the object whose key breaks its kind's pattern (the whole key), and a missing key with requireKeys: %s", async (_, rosters) => {
    const resources = await declare((c) => {
      c.orgUnits[0].children![0].orgUnitExternalKey = "sales-01";
      findMember(c, "jiro@example.com").organizations[0].orgUnits[0].orgUnitId = "sales-01";
      findMember(c, "shiro@example.com").userExternalKey = "EMP_00044";
    }, true, rosters);
    expect(resources.some((r) => r.type.endsWith(":UserRoster"))).toBe(!!rosters);
    expect(messages(keyPattern(resources, PATTERNS))).toEqual([
      'member "shiro@example.com" has the key EMP_00044, which does not match the company\'s pattern EMP_\\d{4} for userExternalKey',
      'org unit "Sales" has the key sales-01, which does not match the company\'s pattern OU_[A-Z]+ for orgUnitExternalKey',
    ]);
    expect(messages(keyPattern(resources, { ...PATTERNS, requireKeys: true }))).toEqual([
      'member "shiro@example.com" has the key EMP_00044, which does not match the company\'s pattern EMP_\\d{4} for userExternalKey',
      'member "taro@example.com" has no userExternalKey: give it a key that matches EMP_\\d{4}',
      'org unit "Development" has no orgUnitExternalKey: give it a key that matches OU_[A-Z]+',
      'org unit "Sales" has the key sales-01, which does not match the company\'s pattern OU_[A-Z]+ for orgUnitExternalKey',
    ]);
  });
  test("a pattern that is no regular expression is a configuration error, named", async () => {
    const resources = await declare();
    expect(() => keyPattern(resources, { orgUnitExternalKey: "OU_[" })).toThrow("key-pattern's orgUnitExternalKey in the policy configuration, OU_[, is not a regular expression");
  });
});

describe("the rules", () => {
  test("each has a name, a description and a config schema with defaults", () => {
    expect(RULES.map((r) => r.name)).toEqual(["unit-has-leader", "member-has-unit", "unit-not-empty", "title-set", "key-pattern"]);
    for (const r of RULES) {
      expect(r.description).toMatch(/\.$/);
      expect(Object.keys(r.configSchema.properties).length).toBeGreaterThan(0);
    }
  });
});
