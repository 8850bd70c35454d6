// The policy pack as Pulumi loads it (policy/index.ts, with @pulumi/policy's PolicyPack replaced
// by a mock: the real one serves the analyzer protocol and exits without an engine): its
// policies, their enforcement and configuration, each rule wired to the resources Pulumi hands a
// policy (properties behind @pulumi/policy's proxy, which throws on a value not known in preview),
// and the pack directory shipped in the package.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { KEY_FIELDS, RULES } from "../policy/rules";

jest.mock("@pulumi/policy", () => ({ PolicyPack: jest.fn() }));

const { unknownArrayValue, unknownCheckingProxy, unknownStringValue } = jest.requireActual("@pulumi/policy/proxy");
const ROOT = path.join(__dirname, "..");

function loadPack(): { name: string; policies: any[] } {
  const { PolicyPack } = jest.requireMock("@pulumi/policy");
  jest.isolateModules(() => require("../policy/index"));
  expect(PolicyPack).toHaveBeenCalledTimes(1);
  const [name, args] = PolicyPack.mock.calls[0];
  return { name, policies: args.policies };
}

/** A resource as a stack policy receives it. */
const resource = (type: string, name: string, props: Record<string, unknown>, dependencies: { name: string }[] = []) => ({
  type: `pulumi-nodejs:dynamic/lineworks:${type}`,
  name,
  urn: `urn:pulumi:test::p::${type}::${name}`,
  props: unknownCheckingProxy(props),
  dependencies,
});

describe("the policy pack", () => {
  const pack = loadPack();
  const policy = (name: string) => pack.policies.find((p) => p.name === name);

  test("holds each rule, advisory until configured, with its description and config schema", () => {
    expect(pack.name).toBe("lineworks-company-rules");
    expect(pack.policies.map((p) => [p.name, p.enforcementLevel])).toEqual(RULES.map((r) => [r.name, "advisory"]));
    for (const r of RULES) expect(policy(r.name)).toMatchObject({ description: r.description, configSchema: r.configSchema });
    expect(RULES.filter((r) => !r.perResource).every((r) => typeof policy(r.name).validateStack === "function")).toBe(true);
    expect(typeof policy("key-pattern").validateResource).toBe("function");
    expect(Object.keys(policy("key-pattern").configSchema.properties)).toEqual(expect.arrayContaining(["orgUnitExternalKey", "userExternalKey", "positionExternalKey", "groupExternalKey", "requireKeys"]));
  });

  test("a stack rule reads values not known in preview as unknown (no skipped policy) and reports at the unit", () => {
    const resources = [
      resource("OrgUnit", "org-Development", { orgUnitName: "Development", orgUnitId: unknownStringValue, displayOrder: 1 }),
      resource("User", "org-taro@example.com", { email: "taro@example.com", userName: { lastName: "Suzuki" }, organizations: [{ orgUnits: [{ orgUnitId: unknownStringValue }] }] }, [{ name: "org-Development" }]),
    ];
    const report = jest.fn();
    policy("unit-has-leader").validateStack({ resources, getConfig: () => ({}) }, report);
    expect(report.mock.calls).toEqual([[expect.stringContaining('org unit "Development" has 1 member but no leader'), "urn:pulumi:test::p::OrgUnit::org-Development"]]);
    report.mockClear();
    policy("unit-has-leader").validateStack({ resources, getConfig: () => ({ exemptUnits: ["Development"] }) }, report);
    expect(report).not.toHaveBeenCalled();
  });

  test("a member whose organizations are not known yet is not taken for one in no unit", () => {
    const report = jest.fn();
    const resources = [resource("User", "org-EMP_0005", { email: "goro@example.com", userName: { lastName: "Abe" }, organizations: unknownArrayValue })];
    policy("member-has-unit").validateStack({ resources, getConfig: () => ({}) }, report);
    expect(report).not.toHaveBeenCalled();
  });

  test("the key pattern checks each resource with its configuration", () => {
    const args = { ...resource("Position", "org-pos", { positionName: "Manager", positionExternalKey: "manager" }), getConfig: () => ({ positionExternalKey: "POS_[A-Z]+" }) };
    const report = jest.fn();
    policy("key-pattern").validateResource(args, report);
    expect(report.mock.calls).toEqual([['position "Manager" has the key manager, which does not match the company\'s pattern POS_[A-Z]+ for positionExternalKey', args.urn]]);
  });
});

describe("the pack directory in the package", () => {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const pack = JSON.parse(fs.readFileSync(path.join(ROOT, "policy", "package.json"), "utf8"));

  test("is shipped with the compiled pack, and points at it", () => {
    expect(root.files).toEqual(expect.arrayContaining(["dist/policy", "policy/PulumiPolicy.yaml", "policy/package.json"]));
    expect(root.dependencies["@pulumi/policy"]).toBeDefined();
    expect(path.resolve(ROOT, "policy", pack.main)).toBe(path.join(ROOT, "dist", "policy", "index.js"));
    expect(parse(fs.readFileSync(path.join(ROOT, "policy", "PulumiPolicy.yaml"), "utf8")).runtime).toBe("nodejs");
  });

  test("has the package's version (PolicyPack reports the version of the pack directory's package.json)", () => {
    expect(pack.version).toBe(root.version);
  });
});

test("docs/policy.md's table of the rules gives each rule's name and description, and every key-pattern field", () => {
  const section = fs.readFileSync(path.join(ROOT, "docs", "policy.md"), "utf8");
  const rows = section.split("\n").filter((l) => l.startsWith("| `"));
  expect(rows.map((l) => l.split(" | ").slice(0, 2).join(" | "))).toEqual(RULES.map((r) => `| \`${r.name}\` | ${r.description}`));
  const keyRow = rows.find((l) => l.startsWith("| `key-pattern`"))!;
  for (const f of KEY_FIELDS) expect(keyRow).toContain(`\`${f}\``);
});
