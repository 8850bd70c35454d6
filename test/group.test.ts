// Groups through the real dynamic-provider host against the emulator: a group of members and a
// unit created in one call; members added and removed and masters changed item by item through
// their endpoints (the preview's inputs show exactly who); a large change in one PATCH; an
// out-of-band member addition refreshed as drift and repaired; adoption by name and by external
// key; dynamic and external groups refused; a member's move keeping its groups; destroy.
import { urn, type Host } from "../tools/host";
import { DOMAIN } from "../tools/fixture";
import { programSuite, upOne, type State } from "./program-suite";

type Props = Record<string, any>;

const OTHER = 20000002;

describe("Group through the host", () => {
  const suite = programSuite(
    "groups",
    `const o = new lineworks.OrgUnit("o", { orgUnitName: "O", displayOrder: 1 });
     const u = new lineworks.User("u", { email: "u@example.com", userName: { lastName: "U" }, domainId: ${DOMAIN}, privateEmail: "u@mail.example",
       organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [{ orgUnitId: o.orgUnitId, primary: true }] }] });
     new lineworks.Group("g", { groupName: "G", administrators: [{ userId: u.userId }],
       members: [{ id: u.userId, type: "USER" }, { id: o.orgUnitId, type: "ORGUNIT" }, { id: "taro@example.com", type: "USER" }] });`,
  );
  const emu = () => suite.f.emulator;
  const props = (type: string, fields: Props) => ({ __provider: suite.provider(type), domainId: DOMAIN, ...fields });
  const live = (id: string) => emu().objects("groups").find((o) => o.groupId === id);
  /** Group calls since `from`, IDs replaced by placeholders; GETs left out unless asked. */
  const writes = (from: number, reads = false) =>
    emu()
      .log.slice(from)
      .filter((e) => e.path.startsWith("/v1.0/groups") && (reads || e.method !== "GET"))
      .map((e) => `${e.method} ${e.path.slice(5).replace(/\/groups\/[^/]+/, "/groups/{id}").replace(/\/(members|administrators)\/[^/]+/, "/$1/{id}")}`);
  const sorted = (items: Props[]) => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const memberSet = (g: Props) => sorted(g.members.map((m: Props) => ({ id: m.id, type: m.type })));
  const masters = (g: Props) => g.administrators.map((a: Props) => a.userId).sort();

  const up = (h: Host, type: string, name: string, fields: Props, prev?: State) => upOne(h, urn(type, name), props(type, fields), prev);
  const upGroup = (h: Host, name: string, fields: Props, prev?: State) => up(h, "Group", name, fields, prev);
  async function noChange(h: Host, name: string, fields: Props, prev: State): Promise<void> {
    const c = await h.check(urn("Group", name), prev.inputs, props("Group", fields));
    expect((await h.diff(prev.id, urn("Group", name), prev.outs, c.inputs)).changes).toBe("none");
  }
  /** The members a preview shows added and removed: the keys of the inputs' member map that appear and disappear. */
  function previewOf(before: Props, after: Props, field = "members") {
    const was = new Set(Object.keys(before[field]));
    const now = new Set(Object.keys(after[field]));
    return { added: [...now].filter((k) => !was.has(k)).sort(), removed: [...was].filter((k) => !now.has(k)).sort() };
  }
  const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: Error) => e);

  let host: Host;
  let hanako: string, taro: string, jiro: string, sales: string, committee: string;
  const person = (email: string, key: string, domainId = DOMAIN) =>
    emu().seed("users", { domainId, email, userName: { lastName: key }, userExternalKey: key, organizations: [{ domainId, primary: true, orgUnits: [] }] }).userId as string;
  beforeAll(async () => {
    host = await suite.start();
    hanako = person("hanako@example.com", "EMP-1");
    taro = person("taro@example.com", "EMP-2");
    jiro = person("jiro@example.com", "EMP-3");
    sales = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Sales", displayOrder: 1, orgUnitExternalKey: "SALES" }).orgUnitId;
    committee = emu().seed("groups", { domainId: DOMAIN, groupName: "Committee", administrators: [{ userId: hanako }], members: [] }).groupId;
  });

  test("the SDK wires members and masters from other resources' outputs; __provider is at most 1 KB", () => {
    const g = suite.registered.find((r) => r.type.endsWith(":Group"))!;
    expect(g.inputs.administrators).toEqual([{ userId: "u-id" }]);
    expect(g.inputs.members).toEqual([{ id: "u-id", type: "USER" }, { id: "o-id", type: "ORGUNIT" }, { id: "taro@example.com", type: "USER" }]);
    expect(Buffer.byteLength(suite.provider("Group"))).toBeLessThanOrEqual(1024);
  });

  const launchFields = (over: Props = {}) => ({
    groupName: "Launch",
    groupExternalKey: "PRJ-LAUNCH",
    description: "Everyone on the launch",
    administrators: [{ userId: "hanako@example.com" }],
    members: [
      { id: hanako, type: "USER" },
      { id: "externalKey:EMP-2", type: "USER" },
      { id: "externalKey:SALES", type: "ORGUNIT" },
    ],
    useMessage: true,
    useCalendar: true,
    ...over,
  });
  let launch: State;

  test("a group of members and a unit is one POST; declared forms are kept, and the same members in another order are no change", async () => {
    const from = emu().log.length;
    launch = await upGroup(host, "launch", launchFields());
    expect(writes(from)).toEqual(["POST /groups"]);
    const g = live(launch.id)!;
    expect(memberSet(g)).toEqual(sorted([{ id: hanako, type: "USER" }, { id: taro, type: "USER" }, { id: sales, type: "ORGUNIT" }]));
    expect(masters(g)).toEqual([hanako]);
    expect(g).toMatchObject({ groupName: "Launch", useMessage: true, useCalendar: true, useNote: false, visible: true });
    expect(launch.outs).toMatchObject({ groupId: launch.id, administrators: [{ userId: "hanako@example.com" }], serviceManageable: true });
    expect(sorted(launch.outs.members)).toEqual(sorted(launchFields().members));
    await noChange(host, "launch", launchFields({ members: [...launchFields().members].reverse() }), launch);
  });

  test("members added and removed: the preview lists exactly who, and only those are written, one call each", async () => {
    const fields = launchFields({ members: [{ id: hanako, type: "USER" }, { id: "externalKey:SALES", type: "ORGUNIT" }, { id: jiro, type: "USER" }, { id: committee, type: "GROUP" }] });
    const c = await host.check(urn("Group", "launch"), launch.inputs, props("Group", fields));
    expect(previewOf(launch.inputs, c.inputs)).toEqual({ added: [`GROUP ${committee}`, `USER ${jiro}`], removed: ["USER externalKey:EMP-2"] });
    const from = emu().log.length;
    launch = await upGroup(host, "launch", fields, launch);
    expect(writes(from)).toEqual(["POST /groups/{id}/members", "POST /groups/{id}/members", "DELETE /groups/{id}/members/{id}"]);
    expect(memberSet(live(launch.id)!)).toEqual(sorted([{ id: hanako, type: "USER" }, { id: sales, type: "ORGUNIT" }, { id: jiro, type: "USER" }, { id: committee, type: "GROUP" }]));
    await noChange(host, "launch", fields, launch);
  });

  test("masters changed with another field: the PATCH carries only that field, the new master is added before the old one is removed", async () => {
    const fields = { ...launchFields(), members: launch.outs.members, description: "Launch, phase 2", administrators: [{ userId: "taro@example.com" }] };
    const c = await host.check(urn("Group", "launch"), launch.inputs, props("Group", fields));
    expect(previewOf(launch.inputs, c.inputs, "administrators")).toEqual({ added: ["taro@example.com"], removed: ["hanako@example.com"] });
    const from = emu().log.length;
    launch = await upGroup(host, "launch", fields, launch);
    expect(writes(from)).toEqual(["PATCH /groups/{id}", "POST /groups/{id}/administrators", "DELETE /groups/{id}/administrators/{id}"]);
    const g = live(launch.id)!;
    expect(masters(g)).toEqual([taro]);
    expect(g.description).toBe("Launch, phase 2");
    expect(memberSet(g)).toHaveLength(4);
    expect(launch.outs.administrators).toEqual([{ userId: "taro@example.com" }]);
  });

  test("a member added out of band shows as drift on refresh, and the next up removes it", async () => {
    const before = live(launch.id)!;
    emu().update("groups", launch.id, { members: [...before.members.map((m: Props) => ({ id: m.id, type: m.type })), { id: taro, type: "USER" }] });
    const run = await suite.start();
    const r = await run.read(launch.id, urn("Group", "launch"), { ...launch.outs, __provider: suite.provider("Group") }, launch.inputs);
    expect(previewOf(launch.inputs, r.inputs!)).toEqual({ added: [`USER ${taro}`], removed: [] });
    const refreshed: State = { id: launch.id, outs: r.properties, inputs: r.inputs! };
    const fields = { ...launchFields(), members: launch.outs.members, description: "Launch, phase 2", administrators: [{ userId: "taro@example.com" }] };
    const from = emu().log.length;
    launch = await upGroup(run, "launch", fields, refreshed);
    expect(writes(from)).toEqual(["DELETE /groups/{id}/members/{id}"]);
    expect(memberSet(live(launch.id)!)).toEqual(memberSet(before));
  });

  test("a lost answer to a member add is not an error: the add is repeated and LINE WORKS' 409 says it is there", async () => {
    const fields = { ...launchFields(), members: [...launch.outs.members, { id: "taro@example.com", type: "USER" }], description: "Launch, phase 2", administrators: [{ userId: "taro@example.com" }] };
    emu().inject({ kind: "lose-response", method: "POST", path: /\/groups\/[^/]+\/members$/ });
    const from = emu().log.length;
    launch = await upGroup(host, "launch", fields, launch);
    expect(writes(from)).toEqual(["POST /groups/{id}/members", "POST /groups/{id}/members"]);
    expect(live(launch.id)!.members.filter((m: Props) => m.id === taro)).toHaveLength(1);
  });

  test("an unknown member is refused with LINE WORKS' answer and what to check; nothing else is written", async () => {
    const fields = { ...launchFields(), members: [...launch.outs.members, { id: "group-does-not-exist", type: "GROUP" }], description: "Launch, phase 2", administrators: [{ userId: "taro@example.com" }] };
    const c = await host.check(urn("Group", "launch"), launch.inputs, props("Group", fields));
    const err = await failure(host.update(launch.id, urn("Group", "launch"), launch.outs, c.inputs));
    expect(err?.message).toMatch(/Cannot add member GROUP group-does-not-exist to group .*LINE WORKS answered 400.*Check that it exists/s);
    const missing = await failure(upGroup(host, "ghost", { groupName: "Ghost", administrators: [{ userId: "nobody@example.com" }], members: [] }));
    expect(missing?.message).toMatch(/administrators\[0\]\.userId "nobody@example.com": no member has email "nobody@example.com".*Create it first/s);
  });

  test("more than 100 changes go in one PATCH carrying the set; a few again item by item", async () => {
    const many = Array.from({ length: 120 }, (_, i) => person(`bulk${i}@example.com`, `BULK-${i}`));
    const big = await upGroup(host, "big", { groupName: "Everyone", administrators: [{ userId: hanako }], members: [] });
    let from = emu().log.length;
    let state = await upGroup(host, "big", { groupName: "Everyone", administrators: [{ userId: hanako }], members: many.map((id) => ({ id, type: "USER" })) }, big);
    expect(writes(from)).toEqual(["PATCH /groups/{id}"]);
    expect(live(big.id)!.members).toHaveLength(120);
    from = emu().log.length;
    state = await upGroup(host, "big", { groupName: "Everyone", administrators: [{ userId: hanako }], members: many.slice(3).map((id) => ({ id, type: "USER" })) }, state);
    expect(writes(from)).toEqual(Array(3).fill("DELETE /groups/{id}/members/{id}"));
    expect(live(big.id)!.members).toHaveLength(117);
    expect(state.outs.members).toHaveLength(117);
  });

  test("adoption by name converges members and masters item by item; by external key it renames", async () => {
    const seeded = emu().seed("groups", { domainId: DOMAIN, groupName: "Safety committee", administrators: [{ userId: taro }], members: [{ id: hanako, type: "USER" }, { id: taro, type: "USER" }] }).groupId;
    const keyed = emu().seed("groups", { domainId: DOMAIN, groupName: "Old name", groupExternalKey: "C-3", administrators: [{ userId: hanako }], members: [{ id: sales, type: "ORGUNIT" }] }).groupId;
    const run = await suite.start({ adoptExisting: "true" });
    let from = emu().log.length;
    const safety = await upGroup(run, "safety", { groupName: "Safety committee", administrators: [{ userId: hanako }], members: [{ id: hanako, type: "USER" }, { id: "jiro@example.com", type: "USER" }] });
    expect(safety.id).toBe(seeded);
    expect(writes(from)).toEqual([
      "POST /groups/{id}/members",
      "POST /groups/{id}/administrators",
      "DELETE /groups/{id}/administrators/{id}",
      "DELETE /groups/{id}/members/{id}",
    ]);
    expect(memberSet(live(seeded)!)).toEqual(sorted([{ id: hanako, type: "USER" }, { id: jiro, type: "USER" }]));
    expect(masters(live(seeded)!)).toEqual([hanako]);
    from = emu().log.length;
    const renamed = await upGroup(run, "c3", { groupName: "New name", groupExternalKey: "C-3", administrators: [{ userId: hanako }], members: [{ id: "externalKey:SALES", type: "ORGUNIT" }] });
    expect(renamed.id).toBe(keyed);
    expect(writes(from)).toEqual(["PATCH /groups/{id}"]);
    expect(live(keyed)!.groupName).toBe("New name");
  });

  test("dynamic and external groups are refused by adoption and refresh with an explanation, nothing written", async () => {
    const dynamic = emu().seed("groups", { domainId: DOMAIN, groupName: "Tokyo staff", groupType: "DYNAMIC", administrators: [{ userId: hanako }], members: [{ id: taro, type: "USER" }] }).groupId;
    emu().seed("groups", { domainId: DOMAIN, groupName: "Partner group", groupExternalKey: "PARTNER", groupType: "EXTERNAL", administrators: [{ userId: hanako }], members: [] });
    const run = await suite.start({ adoptExisting: "true" });
    const from = emu().log.length;
    const dyn = await failure(upGroup(run, "tokyo", { groupName: "Tokyo staff", administrators: [{ userId: hanako }], members: [] }));
    expect(dyn?.message).toMatch(/group "Tokyo staff" \(.+\) is a dynamic group\. LINE WORKS does not let anyone edit dynamic groups.*pulumi state delete/s);
    const ext = await failure(upGroup(run, "partner", { groupName: "Partner group", administrators: [{ userId: hanako }], members: [] }));
    expect(ext?.message).toMatch(/external group.*LINE WORKS does not let anyone edit/s);
    expect(writes(from)).toEqual([]);
    const refreshed = await failure(run.read(dynamic, urn("Group", "tokyo"), props("Group", { groupId: dynamic, groupName: "Tokyo staff", administrators: [], members: [] })));
    expect(refreshed?.message).toMatch(/is a dynamic group/);
    // Without a mark to go by (imported by key, read with one GET), LINE WORKS' refusal is explained the same way.
    const imported = await failure(run.read("externalKey:PARTNER", urn("Group", "partner"), props("Group", {})));
    expect(imported?.message).toMatch(/403 FORBIDDEN: cannot get an external group.*LINE WORKS does not let anyone edit dynamic groups .* or external groups/s);
  });

  test("a member's move to another domain keeps its groups (preserveGroup)", async () => {
    const unit = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Mover unit", displayOrder: 9 }).orgUnitId;
    const unitOther = emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Abroad", displayOrder: 1 }).orgUnitId;
    const fields = (domainId: number, orgUnitId: string) => ({
      email: "mover@example.com",
      userName: { lastName: "Mover" },
      privateEmail: "mover@mail.example",
      domainId,
      organizations: [{ domainId, primary: true, orgUnits: [{ orgUnitId, primary: true }] }],
    });
    const mover = await up(host, "User", "mover", fields(DOMAIN, unit));
    const team = await upGroup(host, "team", { groupName: "Team", administrators: [{ userId: hanako }], members: [{ id: mover.id, type: "USER" }] });
    await up(host, "User", "mover", fields(OTHER, unitOther), mover);
    expect(emu().objects("users").find((u) => u.userId === mover.id)!.domainId).toBe(OTHER);
    expect(memberSet(live(team.id)!)).toEqual([{ id: mover.id, type: "USER" }]);
  });

  test("destroy deletes the group; it is gone for refresh", async () => {
    const from = emu().log.length;
    await host.delete(launch.id, urn("Group", "launch"), launch.outs);
    expect(writes(from)).toEqual(["DELETE /groups/{id}"]);
    expect(live(launch.id)).toBeUndefined();
    expect((await host.read(launch.id, urn("Group", "launch"), { ...launch.outs, __provider: suite.provider("Group") })).id).toBe("");
    // Over the whole suite: never two requests on one group at once.
    expect(emu().violations).toEqual([]);
  });
});
