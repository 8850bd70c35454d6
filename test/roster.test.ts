// Member rosters (issue 24 §1) through the engine stand-in (tools/engine.ts) and the real
// dynamic-provider host, against the emulator's write log: a Directory with `rosters: 3` creates,
// previews nothing after, moves a member and changes a title as field changes, suspends, soft
// deletes, adopts, survives a failure midway without duplicates or second writes, refreshes by
// list, and switches to one resource per member and back writing nothing to LINE WORKS.
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { Host } from "../tools/host";
import { runEngine, UNKNOWN, type EngineRun, type EngineState } from "../tools/engine";
import { DOMAIN, leaks, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { useFastClock } from "./support/time";

useFastClock();

const PASSWORD = "R0ster-Secret-Pw!";
const PROGRAM = `const n = process.env.ROSTERS;
const org = new lineworks.Directory("org", { spec: "org.yaml", ...(n === "" ? {} : { rosters: Number(n) }) });
return { userIds: org.userIds };`;

const key = (i: number) => `EMP_${String(i).padStart(3, "0")}`;
const member = (i: number, unit = "OU_A", position = "POS_STAFF") => ({
  userExternalKey: key(i),
  email: `m${i}@example.com`,
  userName: { lastName: "社員", firstName: String(i) },
  privateEmail: `m${i}@mail.example`,
  organizations: [{ primary: true, orgUnits: [{ orgUnitId: unit, primary: true, positionId: position }] }],
});
type Member = ReturnType<typeof member> & Record<string, unknown>;

let people: Member[] = Array.from({ length: 6 }, (_, i) => member(i + 1));
people[0] = { ...people[0], passwordConfig: { passwordCreationType: "MEMBER" } };

let f: Fixture;
let dir: string;
let state: EngineState | undefined;

function writeSpec() {
  const spec = {
    domainId: DOMAIN,
    positions: [
      { positionExternalKey: "POS_STAFF", positionName: "Staff", displayOrder: 1 },
      { positionExternalKey: "POS_LEAD", positionName: "Lead", displayOrder: 2 },
    ],
    orgUnits: [
      { orgUnitExternalKey: "OU_A", orgUnitName: "A", displayOrder: 1 },
      { orgUnitExternalKey: "OU_B", orgUnitName: "B", displayOrder: 2 },
    ],
    members: people,
  };
  fs.writeFileSync(path.join(dir, "org.yaml"), stringify(spec));
}

const engine = (mode: "up" | "preview", rosters: number | "", config: Record<string, string> = {}) => {
  writeSpec();
  return runEngine({ dir, program: { body: PROGRAM }, mode, state, config: { ...f.config, ...config }, env: { ROSTERS: String(rosters) } });
};
const up = async (rosters: number | "", config: Record<string, string> = {}) => {
  const run = await engine("up", rosters, config);
  state = run.state;
  return run;
};
const writes = () => f.emulator.log.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/")).map((e) => `${e.method} ${e.path}`);
const changes = (run: EngineRun) => run.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`).sort();
const users = () => f.emulator.objects("users", DOMAIN);
const live = (i: number) => users().find((u) => u.userExternalKey === key(i));
const rosters = () => Object.entries(state!.resources).filter(([, r]) => r.type.endsWith(":UserRoster"));
/** The members whose declared inputs differ between the state and a preview: what `preview --diff` lists. */
const changedMembers = (run: EngineRun) =>
  rosters().flatMap(([urn, r]) => {
    const next = run.inputs[urn]?.members ?? {};
    const keys = [...new Set([...Object.keys(r.inputs.members), ...Object.keys(next)])];
    return keys.filter((k) => JSON.stringify(r.inputs.members[k]) !== JSON.stringify(next[k]));
  });

const DOMAIN2 = 10000002;

beforeAll(async () => {
  f = await startFixture({ domainIds: [DOMAIN, DOMAIN2] });
  dir = makeProgramDir("roster");
}, 60_000);

afterAll(async () => {
  await f?.emulator.stop();
  if (dir) removeDir(dir);
});

test("create: three rosters hold six members; a preview and an up after it write nothing", async () => {
  const run = await up(3);
  expect(run.errors).toEqual([]);
  expect(rosters().map(([, r]) => r.name).sort()).toEqual([0, 1, 2].map((i) => `org-roster-${DOMAIN}-${i}`));
  expect(run.steps.filter((s) => s.type.endsWith(":User"))).toEqual([]);
  expect(users()).toHaveLength(6);
  expect(writes().filter((w) => w === "POST /v1.0/users")).toHaveLength(6);
  expect(Object.keys(run.exports.userIds).sort()).toEqual(people.map((p) => p.userExternalKey));
  expect(run.exports.userIds[key(3)]).toBe(live(3).userId);
  // State keeps only what it compares: no echoed live fields. Each member is one JSON text (the
  // form Pulumi converts fastest, and the CLI still diffs field by field); IDs also as a flat map.
  const [, one] = rosters().find(([, r]) => r.outputs.members[key(1)])!;
  expect(typeof one.outputs.members[key(1)]).toBe("string");
  expect(Object.keys(JSON.parse(one.outputs.members[key(1)])).sort()).toEqual(["email", "organizations", "privateEmail", "userExternalKey", "userId", "userName"]);
  expect(Object.keys(JSON.parse(one.inputs.members[key(1)])).sort()).toEqual(["email", "organizations", "privateEmail", "userExternalKey", "userName"]);
  expect(one.inputs.secrets[key(1)]).toEqual({ passwordConfig: { passwordCreationType: "MEMBER" } });

  f.emulator.resetLog();
  const preview = await engine("preview", 3);
  expect(preview.errors).toEqual([]);
  expect(changes(preview)).toEqual([]);
  const again = await up(3);
  expect(again.errors).toEqual([]);
  expect(changes(again)).toEqual([]);
  expect(writes()).toEqual([]);
}, 300_000);

test("state per member stays small", () => {
  // The members' part of inputs and outputs (a roster's own fields, __provider among them, are shared by hundreds).
  const bytes = rosters().reduce((n, [, r]) => n + JSON.stringify(r.inputs.members).length + JSON.stringify(r.outputs.members).length, 0);
  const perMember = bytes / people.length;
  console.log(`roster state: ${Math.round(perMember)} bytes per member (inputs + outputs)`);
  // About 640 bytes when members were objects; as JSON text each quote is escaped in the checkpoint (+15%).
  expect(perMember).toBeLessThan(800);
});

test("state written when rosters kept members as objects still previews no change, and its IDs still resolve", async () => {
  // Before members crossed as JSON text, inputs and outputs held each member as an object, and
  // such a state must read the same.
  const saved = state!;
  const objects = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, JSON.parse(v as string)]));
  state = {
    resources: Object.fromEntries(
      Object.entries(saved.resources).map(([urn, r]) => {
        if (!r.type.endsWith(":UserRoster")) return [urn, r];
        return [urn, { ...r, inputs: { ...r.inputs, members: objects(r.inputs.members) }, outputs: { ...r.outputs, members: objects(r.outputs.members) } }];
      }),
    ),
  };
  try {
    f.emulator.resetLog();
    const preview = await engine("preview", 3);
    expect(preview.errors).toEqual([]);
    expect(changes(preview)).toEqual([]);
    expect(preview.exports.userIds[key(3)]).toBe(live(3).userId);
    expect(writes()).toEqual([]);
  } finally {
    state = saved;
  }
}, 300_000);

test("a move to another unit and a title change are field changes of exactly those members: one PATCH each", async () => {
  people[1] = member(2, "OU_B");
  people[2] = member(3, "OU_A", "POS_LEAD");
  f.emulator.resetLog();
  const preview = await engine("preview", 3);
  expect(preview.errors).toEqual([]);
  expect(preview.steps.filter((s) => s.op !== "same").every((s) => s.op === "update" && s.type.endsWith(":UserRoster"))).toBe(true);
  expect(changedMembers(preview).sort()).toEqual([key(2), key(3)]);
  const run = await up(3);
  expect(run.errors).toEqual([]);
  expect(writes().sort()).toEqual([`PATCH /v1.0/users/${live(2).userId}`, `PATCH /v1.0/users/${live(3).userId}`].sort());
  const units = (i: number) => live(i).organizations[0].orgUnits[0];
  expect(units(2).orgUnitId).toBe(f.emulator.objects("orgUnits", DOMAIN).find((u) => u.orgUnitExternalKey === "OU_B").orgUnitId);
  expect(units(3).positionId).toBe(f.emulator.objects("positions", DOMAIN).find((p) => p.positionExternalKey === "POS_LEAD").positionId);
}, 300_000);

test("suspend: the member's own endpoint, nothing else", async () => {
  f.emulator.update("users", live(4).userId, { isPending: false }); // the first login happened
  people[3] = { ...member(4), suspended: true };
  f.emulator.resetLog();
  const run = await up(3);
  expect(run.errors).toEqual([]);
  expect(writes()).toEqual([`POST /v1.0/users/${live(4).userId}/suspend`]);
  expect(live(4).isSuspended).toBe(true);
}, 300_000);

test("a member left out is soft-deleted (restorable), not force-deleted", async () => {
  const gone = live(6).userId;
  people = people.filter((p) => p.userExternalKey !== key(6));
  f.emulator.resetLog();
  const run = await up(3);
  expect(run.errors).toEqual([]);
  expect(writes()).toEqual([`DELETE /v1.0/users/${gone}`]);
  expect(users().find((u) => u.userId === gone)!.isDeleted).toBe(true);
}, 300_000);

test("a member LINE WORKS already has is taken over by key, without a write where it matches", async () => {
  const unit = f.emulator.objects("orgUnits", DOMAIN).find((u) => u.orgUnitExternalKey === "OU_A").orgUnitId;
  const staff = f.emulator.objects("positions", DOMAIN).find((p) => p.positionExternalKey === "POS_STAFF").positionId;
  const seeded = f.emulator.seed("users", {
    domainId: DOMAIN, email: "m7@example.com", userExternalKey: key(7), userName: { lastName: "社員", firstName: "7" }, privateEmail: "m7@mail.example",
    organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId: unit, primary: true, positionId: staff }] }],
  });
  people.push(member(7));
  f.emulator.resetLog();
  const run = await up(3);
  expect(run.errors).toEqual([]);
  expect(writes()).toEqual([]);
  expect(run.exports.userIds[key(7)]).toBe(seeded.userId);
}, 300_000);

test("a member whose create answer was lost is found again, not created twice", async () => {
  people.push(member(11));
  f.emulator.inject({ kind: "lose-response", method: "POST", path: "/users" });
  f.emulator.resetLog();
  const run = await up(3);
  expect(run.errors).toEqual([]);
  expect(writes()).toEqual(["POST /v1.0/users"]);
  expect(users().filter((u) => u.email === "m11@example.com")).toHaveLength(1);
  expect(run.exports.userIds[key(11)]).toBe(live(11).userId);
}, 300_000);

test("a failure midway leaves LINE WORKS consistent; the next up creates only what is missing, with no second write", async () => {
  people.push(member(8), { ...member(9), organizations: [{ primary: true, orgUnits: [{ orgUnitId: "externalKey:OU_MISSING", primary: true, positionId: "POS_STAFF" }] }] }, member(10));
  f.emulator.resetLog();
  const failed = await up(3);
  expect(failed.errors.join("\n")).toMatch(/members\["EMP_009"\]: .*OU_MISSING/);
  expect(failed.errors.join("\n")).toMatch(/1 member\(s\) failed/);
  expect(writes().filter((w) => w === "POST /v1.0/users")).toHaveLength(2);
  expect(live(9)).toBeUndefined();

  people[people.length - 2] = member(9);
  f.emulator.resetLog();
  const run = await up(3);
  expect(run.errors).toEqual([]);
  expect(writes()).toEqual(["POST /v1.0/users"]);
  expect(users().filter((u) => /^m(8|9|10)@/.test(u.email))).toHaveLength(3);
}, 300_000);

test("refresh reads every member of a roster from one list of the domain", async () => {
  const host = await Host.start({ cwd: dir });
  try {
    await host.configure(f.config);
    f.emulator.resetLog();
    for (const [urn, r] of rosters()) {
      const got = await host.read(r.id, urn, r.outputs, r.inputs);
      expect(got.properties.members).toEqual(r.outputs.members);
    }
    expect(f.emulator.log.filter((e) => e.method === "GET" && e.path === "/v1.0/users")).toHaveLength(1);
    expect(writes()).toEqual([]);
  } finally {
    await host.stop();
  }
}, 120_000);

test("switching to one resource per member (rosters: 0) and back writes nothing; each preview says so once", async () => {
  f.emulator.resetLog();
  const preview = await engine("preview", 0);
  expect(preview.errors).toEqual([]);
  expect(preview.programLog!.match(/nothing is deleted/g)).toHaveLength(1);
  const toMembers = await up(0);
  expect(toMembers.errors).toEqual([]);
  expect(changes(toMembers).filter((c) => c.startsWith("delete"))).toEqual([0, 1, 2].map((i) => `delete org-roster-${DOMAIN}-${i}`));
  expect(changes(toMembers).filter((c) => c.startsWith("create"))).toHaveLength(people.length);
  expect(writes()).toEqual([]);

  const back = await engine("preview", 3);
  expect(back.programLog!.match(/nothing is deleted/g)).toHaveLength(1);
  const toRosters = await up(3);
  expect(toRosters.errors).toEqual([]);
  expect(changes(toRosters).filter((c) => c.startsWith("delete"))).toHaveLength(people.length);
  expect(writes()).toEqual([]);
  expect(users().filter((u) => !u.isDeleted)).toHaveLength(people.length);
  // Nothing to say on a run that switches nothing.
  expect((await engine("preview", 3)).programLog).not.toMatch(/nothing is deleted/);
}, 300_000);

test("changing the number of rosters moves members between them and writes nothing", async () => {
  f.emulator.resetLog();
  const run = await up(2);
  expect(run.errors).toEqual([]);
  expect(changes(run)).toContain(`delete org-roster-${DOMAIN}-2`);
  expect(writes()).toEqual([]);
  expect(rosters().flatMap(([, r]) => Object.keys(r.outputs.members)).sort()).toEqual(people.map((p) => p.userExternalKey).sort());
  expect(users().filter((u) => !u.isDeleted)).toHaveLength(people.length);
}, 300_000);

test("lineworks:maxMemberDeletes counts the members a roster deletes", async () => {
  const [a, b] = [live(8).userId, live(10).userId];
  people = people.filter((p) => p.userExternalKey !== key(8) && p.userExternalKey !== key(10));
  f.emulator.resetLog();
  const run = await up(2, { "lineworks:maxMemberDeletes": "1" });
  expect(run.errors.join("\n")).toMatch(/1 member was deleted in this run, and lineworks:maxMemberDeletes/);
  expect(writes().filter((w) => w.startsWith("DELETE"))).toHaveLength(1);
  expect([a, b].filter((id) => users().find((u) => u.userId === id)!.isDeleted)).toHaveLength(1);
}, 300_000);

test("a UserRoster of its own: check names the member and field; a password travels as a secret and never reaches outputs", async () => {
  const roster = (members: Record<string, unknown>) => `new lineworks.UserRoster("own", { domainId: ${DOMAIN}, members: ${JSON.stringify(members)} });`;
  const bad = await runEngine({ dir, program: { body: roster({ "pw@example.com": { email: "p w@example.com", userName: { lastName: "x" }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] } }) }, mode: "preview", config: f.config });
  expect(bad.failures.flatMap((x) => x.failures.map((y: any) => y.property))).toEqual(['members["pw@example.com"].email']);
  expect(bad.errors.join("\n")).toMatch(/UserRoster members\["pw@example.com"\]\.email: /);

  const withPassword = { "pw@example.com": { email: "pw@example.com", userName: { lastName: "x" }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }], passwordConfig: { passwordCreationType: "ADMIN", password: PASSWORD } } };
  const run = await runEngine({ dir, program: { body: roster(withPassword) }, mode: "up", config: f.config });
  expect(run.errors).toEqual([]);
  const [urn, r] = Object.entries(run.state.resources).find(([, x]) => x.name === "own")!;
  expect(run.inputs[urn].secrets["pw@example.com"].passwordConfig.password).toBe(PASSWORD);
  expect(leaks(JSON.stringify(r.outputs) + JSON.stringify(r.inputs.members) + run.hostLog + JSON.stringify(users()), [PASSWORD])).toEqual([]);
  expect(users().find((u) => u.email === "pw@example.com")).toBeDefined();
}, 300_000);

test("a member with an output in it (a unit made in the same program) is unknown in the first preview and sent once known", async () => {
  const program = {
    body: `const unit = new lineworks.OrgUnit("roster-unit", { domainId: ${DOMAIN}, orgUnitName: "名簿課", displayOrder: 9 });
new lineworks.UserRoster("with-output", { domainId: ${DOMAIN}, members: { "out@example.com": { email: "out@example.com", privateEmail: "out@mail.example", userName: { lastName: "出力" }, organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [{ orgUnitId: unit.orgUnitId, primary: true }] }] } } });`,
  };
  const preview = await runEngine({ dir, program, mode: "preview", config: f.config });
  expect(preview.errors).toEqual([]);
  const urn = Object.keys(preview.inputs).find((u) => u.endsWith("::with-output"))!;
  expect(preview.inputs[urn].members["out@example.com"]).toBe(UNKNOWN);
  const run = await runEngine({ dir, program, mode: "up", config: f.config });
  expect(run.errors).toEqual([]);
  const unit = f.emulator.objects("orgUnits", DOMAIN).find((u) => u.orgUnitName === "名簿課");
  expect(users().find((u) => u.email === "out@example.com").organizations[0].orgUnits[0].orgUnitId).toBe(unit.orgUnitId);
  expect(JSON.parse(run.inputs[urn].members["out@example.com"]).organizations[0].orgUnits[0].orgUnitId).toBe(unit.orgUnitId);
}, 300_000);

test("a member's move to another domain is an update of that member: POST /move, no delete, no create", async () => {
  const mover = (domainId: number) => ({
    "mv@example.com": { email: "mv@example.com", domainId, userName: { lastName: "移動" }, privateEmail: "mv@mail.example", organizations: [{ domainId, primary: true, orgUnits: [] }] },
  });
  const program = (domainId: number) => ({ body: `new lineworks.UserRoster("movers", { domainId: ${DOMAIN}, members: ${JSON.stringify(mover(domainId))} });` });
  const first = await runEngine({ dir, program: program(DOMAIN), mode: "up", config: f.config });
  expect(first.errors).toEqual([]);
  const id = users().find((u) => u.email === "mv@example.com")!.userId;
  f.emulator.resetLog();
  const moved = await runEngine({ dir, program: program(DOMAIN2), mode: "up", config: f.config, state: first.state });
  expect(moved.errors).toEqual([]);
  expect(moved.steps.find((x) => x.name === "movers")!.op).toBe("update");
  // As for a User resource: the move, then the PATCH of the declared fields; never a delete or a create.
  expect(writes()[0]).toBe(`POST /v1.0/users/${id}/move`);
  expect(writes().filter((w) => w.startsWith("DELETE") || w === "POST /v1.0/users")).toEqual([]);
  expect(f.emulator.objects("users", DOMAIN2).find((u) => u.userId === id)).toBeDefined();
  const [, r] = Object.entries(moved.state.resources).find(([, x]) => x.name === "movers")!;
  expect(JSON.parse(r.outputs.members["mv@example.com"]).domainId).toBe(DOMAIN2);
}, 300_000);

test("through the whole suite: never two requests on one member at once, and member creates within 10 per second per domain", () => {
  expect(f.emulator.violations).toEqual([]);
  expect(f.emulator.orderingViolations).toEqual([]);
});
