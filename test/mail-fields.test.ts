// Who may use an org unit's address, its service notifications, and a group's mailing list
// (Advanced plan), through the real dynamic-provider host against the emulator: written as
// declared (members by email or externalKey:, kept in that form in outputs), read back by
// refresh without drift; a group's mailing-list fields never sent while left out, never reset
// when a program stops declaring them; a unit naming a member not created yet is created without
// that member, and the next run adds it. Then a Directory through the engine stand-in: a unit
// allowing its own members converges in two `up`s, and export writes the fields back.
import { parse } from "yaml";
import { main as cli } from "../cli";
import { runEngine, type EngineRun, type EngineState } from "../tools/engine";
import { urn, type Host } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { programSuite, upOne, type State } from "./program-suite";

type Props = Record<string, any>;

describe("mail fields through the host", () => {
  const suite = programSuite(
    "mail-fields",
    `new lineworks.Group("g", { groupName: "G", administrators: [{ userId: "x@example.com" }], members: [] });
     new lineworks.OrgUnit("o", { orgUnitName: "O", displayOrder: 1 });`,
  );
  const emu = () => suite.f.emulator;
  const props = (type: string, fields: Props) => ({ __provider: suite.provider(type), domainId: DOMAIN, ...fields });
  const liveGroup = (id: string) => emu().objects("groups").find((o) => o.groupId === id)!;
  const liveUnit = (id: string) => emu().objects("orgUnits").find((o) => o.orgUnitId === id)!;
  const ids = (list: Props[]) => list.map((m) => m.userId).sort();

  const up = (h: Host, type: string, name: string, fields: Props, prev?: State) => upOne(h, urn(type, name), props(type, fields), prev);
  async function noChange(h: Host, type: string, name: string, fields: Props, prev: State): Promise<void> {
    const c = await h.check(urn(type, name), prev.inputs, props(type, fields));
    expect((await h.diff(prev.id, urn(type, name), prev.outs, c.inputs)).changes).toBe("none");
  }

  let host: Host;
  let hanako: string, taro: string;
  const person = (email: string, key: string) =>
    emu().seed("users", { domainId: DOMAIN, email, userName: { lastName: key }, userExternalKey: key, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] }).userId as string;
  beforeAll(async () => {
    host = await suite.start();
    hanako = person("hanako@example.com", "EMP-1");
    taro = person("taro@example.com", "EMP-2");
  });

  const mail = () => ({
    useMail: true,
    groupEmail: "launch@example.com",
    aliasEmails: ["launch-team@example.com"],
    canReceiveExternalMail: true,
    toExternalEmails: ["partner@outside.example"],
    membersAllowedToUseGroupEmailAsRecipient: [{ userId: "hanako@example.com" }, { userId: "externalKey:EMP-2" }],
    membersAllowedToUseGroupEmailAsSender: [{ userId: hanako }],
  });
  const base = { groupName: "Launch", administrators: [{ userId: "hanako@example.com" }], members: [] };

  test("a group's mailing list is written as declared, members by email or externalKey:; outputs keep those forms; refresh shows no drift", async () => {
    const g = await up(host, "Group", "launch", { ...base, ...mail() });
    const live = liveGroup(g.id);
    expect(live).toMatchObject({ useMail: true, groupEmail: "launch@example.com", aliasEmails: ["launch-team@example.com"], canReceiveExternalMail: true, toExternalEmails: ["partner@outside.example"] });
    expect(ids(live.membersAllowedToUseGroupEmailAsRecipient)).toEqual([hanako, taro].sort());
    expect(ids(live.membersAllowedToUseGroupEmailAsSender)).toEqual([hanako]);
    expect(ids(g.outs.membersAllowedToUseGroupEmailAsRecipient)).toEqual(ids(mail().membersAllowedToUseGroupEmailAsRecipient));
    await noChange(host, "Group", "launch", { ...base, ...mail(), toExternalEmails: ["PARTNER@outside.example"] }, g);
    const r = await (await suite.start()).read(g.id, urn("Group", "launch"), { ...g.outs, __provider: suite.provider("Group") }, g.inputs);
    expect(r.inputs!.membersAllowedToUseGroupEmailAsRecipient).toEqual(g.inputs.membersAllowedToUseGroupEmailAsRecipient);
    await noChange(host, "Group", "launch", { ...base, ...mail() }, { id: g.id, outs: r.properties, inputs: r.inputs! });
  });

  test("left out, a group's mailing list is never sent: values set in the admin console stay through an update", async () => {
    const g = await up(host, "Group", "plain", { ...base, groupName: "Plain" });
    expect(g.inputs).not.toHaveProperty("useMail");
    emu().update("groups", g.id, { useMail: true, groupEmail: "plain@example.com", membersAllowedToUseGroupEmailAsSender: [{ userId: taro }] });
    const after = await up(host, "Group", "plain", { ...base, groupName: "Plain", description: "now with a description" }, g);
    expect(liveGroup(after.id)).toMatchObject({ description: "now with a description", useMail: true, groupEmail: "plain@example.com" });
    expect(ids(liveGroup(after.id).membersAllowedToUseGroupEmailAsSender)).toEqual([taro]);
  });

  test("a program that stops declaring them leaves them alone (never reset to a default or null)", async () => {
    const g = await up(host, "Group", "stop", { ...base, groupName: "Stop", ...mail() });
    const c = await host.check(urn("Group", "stop"), g.inputs, props("Group", { ...base, groupName: "Stop", description: "d" }));
    expect(c.failures).toEqual([]);
    for (const f of Object.keys(mail())) expect([f, c.inputs[f]]).toEqual([f, undefined]);
    await up(host, "Group", "stop", { ...base, groupName: "Stop", description: "d" }, g);
    expect(liveGroup(g.id)).toMatchObject({ useMail: true, groupEmail: "launch@example.com", toExternalEmails: ["partner@outside.example"] });
  });

  test("check refuses a mailing-list value of the wrong shape, naming the field, before any call", async () => {
    const from = emu().log.length;
    const c = await host.check(urn("Group", "bad"), {}, props("Group", { ...base, groupName: "Bad", groupEmail: "not an address", toExternalEmails: "x@example.com", membersAllowedToUseGroupEmailAsSender: [{ id: hanako }] }));
    expect([...new Set(c.failures.map((x) => x.property.replace(/\[.*$/, "")))].sort()).toEqual(["groupEmail", "membersAllowedToUseGroupEmailAsSender", "toExternalEmails"]);
    expect(c.failures.find((x) => x.property === "groupEmail")?.reason).toMatch(/Group groupEmail: must be an address like someone@example.com/);
    expect(emu().log.length).toBe(from);
  });

  test("an org unit's service notifications and allowed members, by email and externalKey:; a change adds and removes; refresh shows no drift", async () => {
    const fields = { orgUnitName: "Sales", displayOrder: 1, useServiceNotification: true, membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: "taro@example.com" }], membersAllowedToUseOrgUnitEmailAsSender: [{ userId: "externalKey:EMP-1" }] };
    let o = await up(host, "OrgUnit", "sales", fields);
    expect(liveUnit(o.id)).toMatchObject({ useServiceNotification: true, membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: taro }], membersAllowedToUseOrgUnitEmailAsSender: [{ userId: hanako }] });
    expect(o.outs.membersAllowedToUseOrgUnitEmailAsSender).toEqual([{ userId: "externalKey:EMP-1" }]);
    await noChange(host, "OrgUnit", "sales", fields, o);
    const more = { ...fields, membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: "hanako@example.com" }], useServiceNotification: false };
    o = await up(host, "OrgUnit", "sales", more, o);
    expect(liveUnit(o.id)).toMatchObject({ useServiceNotification: false, membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: hanako }] });
    const r = await (await suite.start()).read(o.id, urn("OrgUnit", "sales"), { ...o.outs, __provider: suite.provider("OrgUnit") }, o.inputs);
    await noChange(host, "OrgUnit", "sales", more, { id: o.id, outs: r.properties, inputs: r.inputs! });
  });

  test("a unit naming a member not created yet is created without that member; once the member exists, the next run adds it", async () => {
    const fields = { orgUnitName: "New team", displayOrder: 2, membersAllowedToUseOrgUnitEmailAsSender: [{ userId: "hanako@example.com" }, { userId: "newcomer@example.com" }] };
    let o = await up(host, "OrgUnit", "new-team", fields);
    expect(liveUnit(o.id).membersAllowedToUseOrgUnitEmailAsSender).toEqual([{ userId: hanako }]);
    expect(o.outs.membersAllowedToUseOrgUnitEmailAsSender).toEqual([{ userId: "hanako@example.com" }]);
    const newcomer = person("newcomer@example.com", "EMP-9");
    const run = await suite.start();
    o = await up(run, "OrgUnit", "new-team", fields, o);
    expect(ids(liveUnit(o.id).membersAllowedToUseOrgUnitEmailAsSender)).toEqual([hanako, newcomer].sort());
    await noChange(run, "OrgUnit", "new-team", fields, o);
  });
});

describe("mail fields in a Directory spec", () => {
  let f: Fixture;
  let dir: string;
  const spec = {
    orgUnits: [
      {
        orgUnitExternalKey: "OU_HQ", orgUnitName: "HQ", displayOrder: 1, useServiceNotification: true,
        membersAllowedToUseOrgUnitEmailAsSender: [{ userId: "EMP_1" }], membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: "jiro@example.com" }],
      },
    ],
    members: [
      { userExternalKey: "EMP_1", email: "ichiro@example.com", privateEmail: "ichiro@mail.example", userName: { lastName: "Ichiro" }, organizations: [{ orgUnits: [{ orgUnitId: "OU_HQ" }] }] },
      { email: "jiro@example.com", privateEmail: "jiro@mail.example", userName: { lastName: "Jiro" }, organizations: [{ orgUnits: [{ orgUnitId: "OU_HQ" }] }] },
    ],
    groups: [
      {
        groupExternalKey: "GRP_ALL", groupName: "All", administrators: [{ userId: "EMP_1" }], members: [{ type: "USER", id: "jiro@example.com" }],
        useMail: true, groupEmail: "all@example.com", membersAllowedToUseGroupEmailAsRecipient: [{ userId: "jiro@example.com" }],
      },
    ],
  };
  const up = (state?: EngineState) =>
    runEngine({ dir, program: { body: `new lineworks.Directory("org", { spec: ${JSON.stringify(spec)} });` }, mode: "up", state, config: f.config });
  const changes = (run: EngineRun) => run.steps.filter((x) => x.op !== "same").map((x) => `${x.op} ${x.name}`).sort();
  const user = (email: string) => f.emulator.objects("users").find((u) => u.email === email)!.userId as string;

  beforeAll(async () => {
    f = await startFixture();
    dir = makeProgramDir("mail-directory");
  });
  afterAll(async () => {
    await f?.emulator.stop();
    if (dir) removeDir(dir);
  });

  test("a unit allowing its own members: the first up creates everything and leaves them out with a warning; the second adds them; a third changes nothing", async () => {
    const first = await up();
    expect(first.errors).toEqual([]);
    expect(first.steps.every((x) => x.op === "create")).toBe(true);
    const hq = () => f.emulator.objects("orgUnits").find((o) => o.orgUnitExternalKey === "OU_HQ")!;
    expect(hq()).toMatchObject({ useServiceNotification: true, membersAllowedToUseOrgUnitEmailAsSender: [], membersAllowedToUseOrgUnitEmailAsRecipient: [] });
    expect(first.hostLog).toMatch(/membersAllowedToUseOrgUnitEmailAsSender\[0\]\.userId "externalKey:EMP_1" names no member yet .*the next `pulumi up` adds it/);
    // The group comes after its members: its mailing list is complete at once.
    const group = f.emulator.objects("groups").find((g) => g.groupExternalKey === "GRP_ALL")!;
    expect(group).toMatchObject({ useMail: true, groupEmail: "all@example.com" });
    expect(group.membersAllowedToUseGroupEmailAsRecipient.map((m: Props) => m.userId)).toEqual([user("jiro@example.com")]);

    const second = await up(first.state);
    expect(second.errors).toEqual([]);
    expect(changes(second)).toEqual(["update org-OU_HQ"]);
    expect(hq()).toMatchObject({ membersAllowedToUseOrgUnitEmailAsSender: [{ userId: user("ichiro@example.com") }], membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: user("jiro@example.com") }] });

    const third = await up(second.state);
    expect(third.errors).toEqual([]);
    expect(changes(third)).toEqual([]);
  });

  test("export writes the fields back in the spec's words (members by key, else email)", async () => {
    let out = "";
    const code = await cli(["export", "--out", "-"], { out: (t) => (out += t), err: () => {}, env: f.env, cwd: dir });
    expect(code).toBe(0);
    const exported = parse(out);
    expect(exported.orgUnits[0]).toMatchObject(spec.orgUnits[0]);
    expect(exported.groups[0]).toMatchObject(spec.groups[0]);
    expect(exported.groups[0]).not.toHaveProperty("toExternalEmails");
  });
});
