// tools/engine.ts, the stand-in for the engine's part of `pulumi up` / `pulumi preview`: a program
// whose inputs are other resources' outputs (a unit under another unit, a member in that unit with
// a title) runs against the emulator with real IDs; a preview over the returned state shows no
// change; one edited input is one update with that field; a removed resource is deleted; a check
// failure names the property; exports and a component's children come back as the engine gives them.
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { urn } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { runEngine, UNKNOWN, type EngineRun, type EngineState, type Step } from "../tools/engine";
import { useFastClock } from "./support/time";

// On a fast clock, which the engine runs and their hosts share: the org units' one-write-a-second
// rule is orgunit.test.ts's, in real time.
useFastClock();

interface Declared {
  staffOrder?: number | string;
  leadOrder?: number | string;
  withStaff?: boolean;
  /** More declarations (before the exports). */
  extra?: string;
}

/** Two titles, a unit with a child unit, a member in the child unit with a title; the IDs exported. */
const program = ({ staffOrder = 2, leadOrder = 1, withStaff = true, extra = "" }: Declared = {}) => `
  const lead = new lineworks.Position("lead", { positionName: "Lead", displayOrder: ${leadOrder} });
  ${withStaff ? `const staff = new lineworks.Position("staff", { positionName: "Staff", displayOrder: ${staffOrder} });` : ""}
  const hq = new lineworks.OrgUnit("hq", { orgUnitName: "HQ", displayOrder: 1 });
  const team = new lineworks.OrgUnit("team", { orgUnitName: "Team", displayOrder: 1, parentOrgUnitId: hq.orgUnitId });
  const taro = new lineworks.User("taro", { email: "taro@example.com", userName: { lastName: "Taro" }, privateEmail: "taro@mail.example",
    organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [{ orgUnitId: team.orgUnitId, primary: true, positionId: lead.positionId }] }] });
  ${extra}
  return { ids: { lead: lead.positionId, ${withStaff ? "staff: staff.positionId," : ""} hq: hq.orgUnitId, team: team.orgUnitId, taro: taro.userId } };
`;

const ops = (run: EngineRun) => Object.fromEntries(run.steps.map((s) => [s.name, s.op]));
const changes = (run: EngineRun) => run.steps.filter((s) => s.op !== "same");

describe("tools/engine.ts against the emulator", () => {
  let f: Fixture;
  let dir: string;
  let state: EngineState;
  const engine = (mode: "up" | "preview", declared: Declared = {}, prior: EngineState | undefined = state) =>
    runEngine({ dir, program: { body: program(declared) }, mode, state: prior, config: f.config });
  const emu = () => f.emulator;
  const idOf = (name: string) => Object.values(state.resources).find((r) => r.name === name)!.id;

  beforeAll(async () => {
    f = await startFixture();
    dir = makeProgramDir("engine-harness");
  });
  afterAll(async () => {
    await f.emulator.stop();
    removeDir(dir);
  });

  test("the first up creates everything, each reference resolved to the real ID; exports are the real IDs", async () => {
    const run = await engine("up", {}, undefined);
    expect(run.errors).toEqual([]);
    expect(run.failures).toEqual([]);
    expect(ops(run)).toEqual({ lead: "create", staff: "create", hq: "create", team: "create", taro: "create" });
    state = run.state;
    // URNs as the engine writes them for top-level resources.
    expect(Object.keys(state.resources).sort()).toEqual(
      [urn("Position", "lead"), urn("Position", "staff"), urn("OrgUnit", "hq"), urn("OrgUnit", "team"), urn("User", "taro")].sort(),
    );
    const units = emu().objects("orgUnits", DOMAIN);
    const hq = units.find((u) => u.orgUnitName === "HQ")!;
    const team = units.find((u) => u.orgUnitName === "Team")!;
    expect(hq.orgUnitId).toBe(idOf("hq"));
    expect(team).toMatchObject({ orgUnitId: idOf("team"), parentOrgUnitId: hq.orgUnitId, displayLevel: 2 });
    const taro = emu().objects("users", DOMAIN).find((u) => u.email === "taro@example.com")!;
    expect(taro.userId).toBe(idOf("taro"));
    expect(taro.organizations[0].orgUnits[0]).toMatchObject({ orgUnitId: team.orgUnitId, positionId: idOf("lead"), primary: true });
    expect(run.exports).toEqual({ ids: { lead: idOf("lead"), staff: idOf("staff"), hq: idOf("hq"), team: idOf("team"), taro: idOf("taro") } });
    // The state holds what the next run's check and diff need, and the order deletes reverse.
    expect(state.resources[urn("OrgUnit", "team")]).toMatchObject({ type: "pulumi-nodejs:dynamic/lineworks:OrgUnit", name: "team", inputs: { parentOrgUnitId: hq.orgUnitId }, outputs: { orgUnitId: team.orgUnitId } });
    const order = Object.values(state.resources).map((r) => r.name);
    expect(order.indexOf("hq")).toBeLessThan(order.indexOf("team"));
    expect(order.indexOf("team")).toBeLessThan(order.indexOf("taro"));
    expect(run.hostLog).not.toContain(f.clientSecret);
    // Each create begun and ended once (a child's after its parent's end); one check and create RPC each.
    expect(run.journal).toHaveLength(10);
    for (const u of Object.keys(state.resources)) {
      expect(run.journal.filter((e) => e.urn === u).map((e) => `${e.op} ${e.event}`)).toEqual(["create begin", "create end"]);
    }
    const at = (u: string, event: string) => run.journal.findIndex((e) => e.urn === u && e.event === event);
    expect(at(urn("OrgUnit", "hq"), "end")).toBeLessThan(at(urn("OrgUnit", "team"), "begin"));
    expect(run.rpcs).toMatchObject({ configure: 1, check: 5, create: 5 });
    expect(run.rpcs.diff).toBeUndefined();
  });

  test("a preview over the returned state: every resource the same, the state unchanged", async () => {
    const run = await engine("preview");
    expect(run.errors).toEqual([]);
    expect(ops(run)).toEqual({ lead: "same", staff: "same", hq: "same", team: "same", taro: "same" });
    // The engine's round trips: one check and one diff per resource, nothing journaled.
    expect(run.rpcs).toEqual({ configure: 1, check: 5, diff: 5 });
    expect(run.journal).toEqual([]);
    expect(run.state).toEqual(state);
    expect(run.exports.ids.team).toBe(idOf("team"));
  });

  test("one edited input: the preview shows that one update with the field; up applies it", async () => {
    const preview = await engine("preview", { staffOrder: 7 });
    expect(preview.errors).toEqual([]);
    expect(changes(preview)).toEqual([{ urn: urn("Position", "staff"), type: "pulumi-nodejs:dynamic/lineworks:Position", name: "staff", op: "update", diffs: ["displayOrder"] }]);
    expect(preview.steps).toHaveLength(5);
    expect(emu().objects("positions", DOMAIN).find((p) => p.positionId === idOf("staff"))!.displayOrder).toBe(2);

    const up = await engine("up", { staffOrder: 7 });
    expect(up.errors).toEqual([]);
    expect(changes(up).map((s) => [s.name, s.op, s.diffs])).toEqual([["staff", "update", ["displayOrder"]]]);
    state = up.state;
    expect(state.resources[urn("Position", "staff")].outputs.displayOrder).toBe(7);
    expect(emu().objects("positions", DOMAIN).find((p) => p.positionId === idOf("staff"))!.displayOrder).toBe(7);
    expect(ops(await engine("preview", { staffOrder: 7 }))).toEqual({ lead: "same", staff: "same", hq: "same", team: "same", taro: "same" });
  });

  test("a resource removed from the program: the preview shows its delete, up deletes it", async () => {
    const staffId = idOf("staff");
    const preview = await engine("preview", { withStaff: false });
    expect(preview.errors).toEqual([]);
    expect(changes(preview)).toEqual([{ urn: urn("Position", "staff"), type: "pulumi-nodejs:dynamic/lineworks:Position", name: "staff", op: "delete" }]);
    expect(emu().objects("positions", DOMAIN).map((p) => p.positionId)).toContain(staffId);

    const up = await engine("up", { withStaff: false });
    expect(up.errors).toEqual([]);
    expect(changes(up).map((s: Step) => [s.name, s.op])).toEqual([["staff", "delete"]]);
    state = up.state;
    expect(Object.values(state.resources).map((r) => r.name).sort()).toEqual(["hq", "lead", "taro", "team"]);
    expect(emu().objects("positions", DOMAIN).map((p) => p.positionId)).not.toContain(staffId);
    expect(up.exports.ids).toEqual({ lead: idOf("lead"), hq: idOf("hq"), team: idOf("team"), taro: idOf("taro") });
  });

  test("a check failure: the property and reason in failures and errors, nothing written, the state kept", async () => {
    const writes = emu().log.filter((e) => e.method !== "GET").length;
    const run = await engine("up", { leadOrder: 1.5, withStaff: false });
    expect(run.failures).toEqual([{ urn: urn("Position", "lead"), failures: [expect.objectContaining({ property: "displayOrder", reason: expect.stringMatching(/integer/) })] }]);
    expect(run.errors.some((e) => e.includes("'lead'") && e.includes("displayOrder"))).toBe(true);
    // The member waits on the title's ID: it fails with it and is left as it was.
    expect(run.steps.map((s) => s.name).sort()).toEqual(["hq", "team"]);
    expect(run.state).toEqual(state);
    expect(emu().log.filter((e) => e.method !== "GET").length).toBe(writes);
  });

  test("a provider error in create: its message in errors, what succeeded in the state, no delete until a run succeeds", async () => {
    emu().seed("positions", { positionName: "Taken", displayOrder: 9 });
    const extra = `new lineworks.Position("dup", { positionName: "Taken", displayOrder: 5 });
      new lineworks.Position("extra", { positionName: "Extra", displayOrder: 6 });`;
    const run = await engine("up", { withStaff: false, extra });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/'dup'.*create failed: .*Taken/s);
    expect(changes(run).map((s) => [s.name, s.op])).toEqual([["extra", "create"]]);
    expect(Object.values(run.state.resources).map((r) => r.name).sort()).toEqual(["extra", "hq", "lead", "taro", "team"]);
    state = run.state;
    const extraId = idOf("extra");
    // A failing run deletes nothing, even what it no longer declares; the next successful run does.
    const dup = `new lineworks.Position("dup", { positionName: "Taken", displayOrder: 5 });`;
    const failing = await engine("up", { withStaff: false, extra: dup });
    expect(failing.errors).toEqual([expect.stringMatching(/'dup'.*create failed/s)]);
    expect(changes(failing)).toEqual([]);
    expect(failing.state).toEqual(state);
    expect(emu().objects("positions", DOMAIN).map((p) => p.positionId)).toContain(extraId);
    const after = await engine("up", { withStaff: false });
    expect(after.errors).toEqual([]);
    expect(changes(after).map((s) => [s.name, s.op])).toEqual([["extra", "delete"]]);
    state = after.state;
    expect(emu().objects("positions", DOMAIN).map((p) => p.positionId)).not.toContain(extraId);
  });

  test("a component's children: URNs under the component's type, outputs through registerOutputs, unknown IDs in a preview", async () => {
    const body = `
      class Directory extends pulumi.ComponentResource {
        constructor(name, args, opts) {
          super("lineworks:index:Directory", name, {}, opts);
          this.root = new lineworks.OrgUnit(name + "-root", { orgUnitName: args.root, displayOrder: 3 }, { parent: this });
          this.sub = new lineworks.OrgUnit(name + "-sub", { orgUnitName: args.root + " Sub", displayOrder: 1, parentOrgUnitId: this.root.orgUnitId }, { parent: this });
          this.registerOutputs({ rootId: this.root.orgUnitId, subId: this.sub.orgUnitId });
        }
      }
      const d = new Directory("dir", { root: "Branch" });
      return { rootId: d.root.orgUnitId, subId: d.sub.orgUnitId, parentOfSub: d.sub.parentOrgUnitId };`;
    const child = (name: string) => `urn:pulumi:test::lineworks-test::lineworks:index:Directory$pulumi-nodejs:dynamic/lineworks:OrgUnit::${name}`;
    const preview = await runEngine({ dir, program: { body }, mode: "preview", config: f.config });
    expect(preview.errors).toEqual([]);
    expect(preview.steps.map((s) => [s.urn, s.op])).toEqual([[child("dir-root"), "create"], [child("dir-sub"), "create"]]);
    expect(preview.exports).toEqual({ rootId: UNKNOWN, subId: UNKNOWN, parentOfSub: UNKNOWN });
    expect(preview.state).toEqual({ resources: {} });

    const up = await runEngine({ dir, program: { body }, mode: "up", config: f.config });
    expect(up.errors).toEqual([]);
    expect(Object.keys(up.state.resources)).toEqual([child("dir-root"), child("dir-sub")]);
    const rootId = up.state.resources[child("dir-root")].id;
    expect(up.state.resources[child("dir-sub")]).toMatchObject({ parent: "urn:pulumi:test::lineworks-test::lineworks:index:Directory::dir" });
    expect(up.exports).toEqual({ rootId, subId: up.state.resources[child("dir-sub")].id, parentOfSub: rootId });
    expect(emu().objects("orgUnits", DOMAIN).find((u) => u.orgUnitName === "Branch Sub")).toMatchObject({ parentOrgUnitId: rootId });

    // Removing the component deletes its children, the child unit first.
    const gone = await runEngine({ dir, program: { body: "" }, mode: "up", state: up.state, config: f.config });
    expect(gone.errors).toEqual([]);
    expect(gone.steps.map((s) => [s.name, s.op])).toEqual([["dir-sub", "delete"], ["dir-root", "delete"]]);
    expect(gone.state).toEqual({ resources: {} });
    expect(emu().objects("orgUnits", DOMAIN).filter((u) => u.orgUnitName.startsWith("Branch"))).toEqual([]);
  });
});
