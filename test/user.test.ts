// Members through the real dynamic-provider host against the emulator: created into a unit with a
// title and a level, renamed, transferred, suspended and unsuspended, moved to another domain,
// drift refreshed and repaired, adopted by external key and by email, destroyed softly by default
// and permanently only when declared — and the password found nowhere but in the create request.
// In real time: the 25 members' test is the member-create rule's one test on the real clock.
import { TEN_WRITES_PER_SECOND } from "../provider/ordering";
import { urn, type Host } from "../tools/host";
import { DOMAIN, leaks } from "../tools/fixture";
import { programSuite, type State } from "./program-suite";
import { mostInAnyWindow, sleep } from "./support/time";

type Props = Record<string, any>;

const OTHER = 20000002;
const PASSWORD = "Pw-7f3a9c1e-only-on-create";
/** Without SSO a member without passwordConfig is invited (MEMBER) at a private address. */
const INVITED = { privateEmail: "someone@mail.example" };

describe("User through the host", () => {
  // One resource of every type: the state each costs is measured on what the SDK registers.
  const suite = programSuite(
    "users",
    `const f = new lineworks.DirectoryFeature("f", { feature: "levels" });
     const p = new lineworks.Position("p", { positionName: "P", displayOrder: 1 });
     const t = new lineworks.UserType("t", { userTypeName: "T", displayOrder: 1 });
     const l = new lineworks.Level("l", { levelName: "L", displayOrder: 1, executive: false });
     const e = new lineworks.EmploymentType("e", { employmentTypeName: "E", displayOrder: 1 });
     const o = new lineworks.OrgUnit("o", { orgUnitName: "O", displayOrder: 1 });
     new lineworks.User("u", { email: "u@example.com", userName: { lastName: "U" }, domainId: ${DOMAIN},
       organizations: [{ domainId: ${DOMAIN}, primary: true, levelId: l.levelId, orgUnits: [{ orgUnitId: o.orgUnitId, primary: true, positionId: p.positionId }] }],
       passwordConfig: { passwordCreationType: "ADMIN", password: "${PASSWORD}" } });`,
  );
  const emu = () => suite.f.emulator;
  const member = (fields: Props) => ({ __provider: suite.provider("User"), domainId: DOMAIN, ...fields });
  const live = (id: string) => emu().objects("users").find((o) => o.userId === id);
  const calls = (from: number) =>
    emu()
      .log.slice(from)
      .filter((e) => e.path.startsWith("/v1.0/users"))
      .map((e) => `${e.method} ${e.path.slice(5).replace(/\/users\/[^/]+/, "/users/{id}")}`);
  const texts: string[] = [];
  const keep = <T>(x: T): T => {
    texts.push(JSON.stringify(x));
    return x;
  };

  let host: Host;
  let unitA: string, unitB: string, posStaff: string, posLead: string, level: string;
  beforeAll(async () => {
    host = await suite.start();
    unitA = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Sales", displayOrder: 1, orgUnitExternalKey: "SALES" }).orgUnitId;
    unitB = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Support", displayOrder: 2, orgUnitExternalKey: "SUPPORT" }).orgUnitId;
    posStaff = emu().seed("positions", { domainId: DOMAIN, positionName: "Staff", displayOrder: 2, positionExternalKey: "STAFF" }).positionId;
    posLead = emu().seed("positions", { domainId: DOMAIN, positionName: "Lead", displayOrder: 1, positionExternalKey: "LEAD" }).positionId;
    level = emu().seed("levels", { domainId: DOMAIN, levelName: "L3", displayOrder: 3, executive: false, levelExternalKey: "L3" }).levelId;
  });

  /** What `pulumi up` does for one resource: check, then create, or diff and update (never a replacement). */
  async function up(h: Host, name: string, fields: Props, prev?: State): Promise<State> {
    const u = urn("User", name);
    const c = keep(await h.check(u, prev?.inputs ?? {}, member(fields)));
    expect(c.failures).toEqual([]);
    if (!prev) {
      const r = keep(await h.create(u, c.inputs));
      return { id: r.id, outs: r.properties, inputs: c.inputs };
    }
    const d = await h.diff(prev.id, u, prev.outs, c.inputs);
    expect(d.replaces).toEqual([]);
    if (d.changes === "none") return { ...prev, inputs: c.inputs };
    const r = keep(await h.update(prev.id, u, prev.outs, c.inputs));
    return { id: prev.id, outs: r.properties, inputs: c.inputs };
  }
  async function noChange(h: Host, name: string, fields: Props, prev: State): Promise<void> {
    const c = await h.check(urn("User", name), prev.inputs, member(fields));
    expect((await h.diff(prev.id, urn("User", name), prev.outs, c.inputs)).changes).toBe("none");
  }

  const hanakoFields = (over: Props = {}) => ({
    email: "Hanako.Sato@example.com",
    userName: { lastName: "佐藤", firstName: "花子" },
    userExternalKey: "EMP-1",
    organizations: [{ domainId: DOMAIN, primary: true, levelId: "externalKey:L3", orgUnits: [{ orgUnitId: unitA, primary: true, positionId: "externalKey:STAFF" }] }],
    passwordConfig: { passwordCreationType: "ADMIN", password: PASSWORD, changePasswordAtNextLogin: true },
    ...over,
  });
  let hanako: State;

  test("the SDK registers the password as a secret, nested outputs wired, and __provider is at most 1 KB for every type", () => {
    const user = suite.registered.find((r) => r.type.endsWith(":User"))!;
    expect(JSON.stringify(user.inputs.passwordConfig)).toContain("1b47061264138c4ac30d75fd1eb44270"); // Pulumi's secret signature
    expect(user.inputs.organizations[0]).toMatchObject({ levelId: "l-id", orgUnits: [{ orgUnitId: "o-id", positionId: "p-id", primary: true }] });
    expect(user.inputs).not.toHaveProperty("__provider", expect.stringContaining(PASSWORD));
    for (const type of ["DirectoryFeature", "Position", "UserType", "Level", "EmploymentType", "OrgUnit", "User"]) {
      expect(Buffer.byteLength(suite.provider(type))).toBeLessThanOrEqual(1024);
    }
  });

  test("a member is created into a unit with a title and a level; pending is a success, and the next run sees no change", async () => {
    const from = emu().log.length;
    hanako = await up(host, "hanako", hanakoFields());
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual(["POST /users"]);
    const l = live(hanako.id)!;
    expect(l).toMatchObject({ email: "hanako.sato@example.com", isPending: true });
    expect(l.organizations[0]).toMatchObject({ levelId: level, orgUnits: [expect.objectContaining({ orgUnitId: unitA, positionId: posStaff, primary: true })] });
    expect(hanako.outs).toMatchObject({ userId: hanako.id, isPending: true, isSuspended: false, isDeleted: false, isAdministrator: false, suspended: false });
    // Declared forms are kept; LINE WORKS' echoes (names of the unit, title, level) are not state.
    expect(hanako.outs.organizations).toEqual([
      { domainId: DOMAIN, primary: true, levelId: "externalKey:L3", orgUnits: [{ orgUnitId: unitA, primary: true, positionId: "externalKey:STAFF", isManager: false, visible: true, useTeamFeature: true }] },
    ]);
    expect(hanako.outs).not.toHaveProperty("passwordConfig");
    await noChange(host, "hanako", hanakoFields({ email: "hanako.sato@EXAMPLE.com" }), hanako);
  });

  test("a rename is one PATCH; a transfer to another team and title is an update, never a move or a replacement", async () => {
    let from = emu().log.length;
    hanako = await up(host, "hanako", hanakoFields({ userName: { lastName: "鈴木", firstName: "花子" } }), hanako);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual(["PATCH /users/{id}"]);
    expect(live(hanako.id)!.userName).toMatchObject({ lastName: "鈴木" });

    from = emu().log.length;
    const transferred = hanakoFields({
      userName: { lastName: "鈴木", firstName: "花子" },
      organizations: [{ domainId: DOMAIN, primary: true, levelId: level, orgUnits: [
        { orgUnitId: "externalKey:SUPPORT", primary: true, positionId: posLead, isManager: true },
        { orgUnitId: unitA, primary: false, visible: false },
      ] }],
    });
    hanako = await up(host, "hanako", transferred, hanako);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual(["PATCH /users/{id}"]);
    const units = live(hanako.id)!.organizations[0].orgUnits;
    expect(units).toEqual(expect.arrayContaining([
      expect.objectContaining({ orgUnitId: unitB, primary: true, positionId: posLead, isManager: true }),
      expect.objectContaining({ orgUnitId: unitA, primary: false, visible: false }),
    ]));
    // Listing the same units in another order changes nothing.
    const reordered = { ...transferred, organizations: [{ ...transferred.organizations[0], orgUnits: [...transferred.organizations[0].orgUnits].reverse() }] };
    await noChange(host, "hanako", reordered, hanako);
  });

  test("suspension: refused clearly while pending, then suspend and unsuspend through their endpoints", async () => {
    let from = emu().log.length;
    const c = await host.check(urn("User", "hanako"), hanako.inputs, member({ ...hanakoFields(), ...fieldsOf(hanako), suspended: true }));
    const err = await host.update(hanako.id, urn("User", "hanako"), hanako.outs, c.inputs).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Cannot set suspended: true on member "hanako.sato@example.com" \(userId [^)]+, userExternalKey "EMP-1"\): it has not logged in yet \(isPending: true\).*suspends only members in use/);
    // Decided from LINE WORKS now (a fresh GET), not from the stored state; nothing was written.
    expect(calls(from)).toEqual(["GET /users/{id}"]);
    expect(live(hanako.id)!.isSuspended).toBe(false);

    // The member logs in between runs; the state still says isPending: true (no refresh).
    emu().update("users", hanako.id, { isPending: false });
    expect(hanako.outs.isPending).toBe(true);
    from = emu().log.length;
    hanako = await up(host, "hanako", { ...fieldsOf(hanako), suspended: true }, hanako);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual(["POST /users/{id}/suspend"]);
    expect(live(hanako.id)).toMatchObject({ isSuspended: true, suspendedReason: "MASTER" });
    expect(hanako.outs).toMatchObject({ suspended: true, isSuspended: true });

    from = emu().log.length;
    hanako = await up(host, "hanako", { ...fieldsOf(hanako), suspended: false }, hanako);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual(["POST /users/{id}/unsuspend"]);
    expect(live(hanako.id)!.isSuspended).toBe(false);
  });

  test("the super admin cannot be suspended: LINE WORKS' answer comes with what it means", async () => {
    const boss = await up(host, "superadmin", { email: "owner@example.com", userName: { lastName: "Owner" }, ...INVITED, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] });
    emu().update("users", boss.id, { isPending: false, isSuperAdmin: true });
    const c = await host.check(urn("User", "superadmin"), boss.inputs, member({ ...fieldsOf(boss), suspended: true }));
    const err = await host.update(boss.id, urn("User", "superadmin"), { ...boss.outs, isPending: false }, c.inputs).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Cannot set suspended: true on member .*LINE WORKS answered 400.*suspends only members in use.*never the super admin/s);
    expect(live(boss.id)!.isSuspended).toBe(false);
  });

  test("an out-of-band change and an admin-console suspension show as drift on refresh and are repaired", async () => {
    emu().update("users", hanako.id, { userName: { lastName: "Changed", firstName: "花子" }, isSuspended: true, suspendedReason: "MASTER" });
    const run = await suite.start();
    const r = keep(await run.read(hanako.id, urn("User", "hanako"), { ...hanako.outs, __provider: suite.provider("User") }, hanako.inputs));
    expect(r.inputs).toMatchObject({ suspended: true, userName: expect.objectContaining({ lastName: "Changed" }) });
    const refreshed: State = { id: hanako.id, outs: r.properties, inputs: r.inputs! };
    hanako = await up(run, "hanako", fieldsOf(hanako), refreshed);
    expect(live(hanako.id)).toMatchObject({ isSuspended: false, userName: expect.objectContaining({ lastName: "鈴木" }) });
  });

  test("a change of domain moves the member (POST /users/{id}/move), never deletes it", async () => {
    const unitOther = emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Branch", displayOrder: 1 }).orgUnitId;
    const from = emu().log.length;
    const moved = { ...fieldsOf(hanako), domainId: OTHER, organizations: [{ domainId: OTHER, primary: true, orgUnits: [{ orgUnitId: unitOther, primary: true }] }] };
    const c = await host.check(urn("User", "hanako"), hanako.inputs, member(moved));
    expect(c.failures).toEqual([]);
    const d = await host.diff(hanako.id, urn("User", "hanako"), hanako.outs, c.inputs);
    expect(d).toMatchObject({ changes: "some", replaces: [] });
    const r = await host.update(hanako.id, urn("User", "hanako"), hanako.outs, c.inputs);
    expect(calls(from).filter((x) => !x.startsWith("GET"))[0]).toBe("POST /users/{id}/move");
    expect(calls(from).some((x) => x.startsWith("DELETE"))).toBe(false);
    expect(live(hanako.id)).toMatchObject({ domainId: OTHER, isDeleted: false });
    expect(r.properties).toMatchObject({ userId: hanako.id, domainId: OTHER });
    hanako = { id: hanako.id, outs: r.properties, inputs: c.inputs };
    await noChange(host, "hanako", moved, hanako);
  });

  test("destroy is LINE WORKS' soft delete; a new create of the address explains the 7 days; adoptExisting restores and converges", async () => {
    const fields = { email: "taro@example.com", userName: { lastName: "Taro" }, ...INVITED, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId: unitA, primary: true }] }] };
    const taro = await up(host, "taro", fields);
    let from = emu().log.length;
    await host.delete(taro.id, urn("User", "taro"), taro.outs);
    expect(calls(from)).toEqual(["DELETE /users/{id}"]);
    expect(live(taro.id)).toMatchObject({ isDeleted: true });
    // Gone for refresh.
    expect((await host.read(taro.id, urn("User", "taro"), { ...taro.outs, __provider: suite.provider("User") })).id).toBe("");

    const c = await host.check(urn("User", "taro2"), {}, member({ ...fields, task: "Back" }));
    const err = await host.create(urn("User", "taro2"), c.inputs).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Cannot create member "taro@example.com".*was deleted and still holds it.*7 days.*adoptExisting.*force-delete/s);

    const adopting = await suite.start({ adoptExisting: "true" });
    from = emu().log.length;
    const back = await adopting.create(urn("User", "taro2"), c.inputs);
    expect(back.id).toBe(taro.id);
    expect(calls(from).filter((x) => !x.startsWith("GET"))).toEqual(["POST /users", "POST /users/{id}/undelete", "PATCH /users/{id}"]);
    expect(live(taro.id)).toMatchObject({ isDeleted: false, task: "Back" });
  });

  test("forceDeleteOnDestroy: true deletes permanently; an administrator is never deleted and the error says why", async () => {
    const fields = { email: "jiro@example.com", userName: { lastName: "Jiro" }, ...INVITED, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }], forceDeleteOnDestroy: true };
    const jiro = await up(host, "jiro", fields);
    expect(jiro.outs.forceDeleteOnDestroy).toBe(true);
    const from = emu().log.length;
    await host.delete(jiro.id, urn("User", "jiro"), jiro.outs);
    expect(calls(from)).toEqual(["DELETE /users/{id}/forcedelete"]);
    expect(live(jiro.id)).toBeUndefined();

    const admin = await up(host, "admin", { email: "boss@example.com", userName: { lastName: "Boss" }, ...INVITED, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] });
    emu().update("users", admin.id, { isAdministrator: true });
    const err = await host.delete(admin.id, urn("User", "admin"), { ...admin.outs, isAdministrator: true }).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Cannot delete member "boss@example.com".*does not delete administrators.*Admin console/s);
    expect(live(admin.id)).toMatchObject({ isDeleted: false });
  });

  test("adoption by external key, else by email (any case)", async () => {
    const byKey = emu().seed("users", { domainId: DOMAIN, email: "keyed@example.com", userName: { lastName: "Keyed" }, userExternalKey: "EMP-9", organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] });
    const byMail = emu().seed("users", { domainId: DOMAIN, email: "mailed@example.com", userName: { lastName: "Mailed" }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] });
    const run = await suite.start({ adoptExisting: "true" });
    const orgs = [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId: unitB, primary: true }] }];
    const a = await up(run, "keyed", { email: "renamed@example.com", userName: { lastName: "Keyed" }, userExternalKey: "EMP-9", organizations: orgs });
    const b = await up(run, "mailed", { email: "MAILED@example.com", userName: { lastName: "Mailed" }, organizations: orgs });
    expect([a.id, b.id]).toEqual([byKey.userId, byMail.userId]);
    expect(live(a.id)).toMatchObject({ email: "renamed@example.com" });
    expect(live(b.id)!.organizations[0].orgUnits[0].orgUnitId).toBe(unitB);
    expect(emu().objects("users").filter((u) => u.email === "mailed@example.com")).toHaveLength(1);
  });

  test("a lost create response is recovered without a second member", async () => {
    emu().inject({ kind: "lose-response", method: "POST", path: "/users" });
    const s = await up(host, "lost", { email: "lost@example.com", userName: { lastName: "Lost" }, ...INVITED, userExternalKey: "EMP-LOST", organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] });
    expect(emu().objects("users").filter((u) => u.email === "lost@example.com").map((u) => u.userId)).toEqual([s.id]);
  });

  test("a lost answer to a suspend or a move is read back, and the action is not repeated", async () => {
    const fields = { email: "lossy@example.com", userName: { lastName: "Lossy" }, ...INVITED, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] };
    let s = await up(host, "lossy", fields);
    emu().update("users", s.id, { isPending: false });
    s = { ...s, outs: { ...s.outs, isPending: false } };
    emu().inject({ kind: "lose-response", method: "POST", path: /\/suspend$/ });
    let from = emu().log.length;
    s = await up(host, "lossy", { ...fields, suspended: true }, s);
    expect(calls(from).filter((c) => c.startsWith("POST"))).toEqual(["POST /users/{id}/suspend"]);
    expect(s.outs.suspended).toBe(true);

    const branch = emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Branch 2", displayOrder: 2 }).orgUnitId;
    emu().inject({ kind: "lose-response", method: "POST", path: /\/move$/ });
    from = emu().log.length;
    s = await up(host, "lossy", { ...fields, suspended: true, domainId: OTHER, organizations: [{ domainId: OTHER, primary: true, orgUnits: [{ orgUnitId: branch, primary: true }] }] }, s);
    expect(calls(from).filter((c) => c.startsWith("POST"))).toEqual(["POST /users/{id}/move"]);
    expect(live(s.id)).toMatchObject({ domainId: OTHER, isSuspended: true });
  });

  test("25 members created at once: at most 10 creates per second, no ordering violation, refresh by paged lists", async () => {
    // The rule's window is per provider process: let the creates of the earlier tests' other hosts
    // leave it, so the emulator's count holds this host's burst alone.
    await sleep(TEN_WRITES_PER_SECOND.windowMs);
    const from = emu().log.length;
    const made = await Promise.all(
      Array.from({ length: 25 }, (_, i) => up(host, `bulk${i}`, { email: `bulk${i}@example.com`, userName: { lastName: `Bulk${i}` }, ...INVITED, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId: unitA, primary: true }] }] })),
    );
    const posts = emu().log.slice(from).filter((e) => e.method === "POST" && e.path === "/v1.0/users");
    expect(posts).toHaveLength(25);
    const { limit, windowMs } = TEN_WRITES_PER_SECOND;
    for (let i = limit; i < posts.length; i++) expect(posts[i].start - posts[i - limit].start).toBeGreaterThanOrEqual(windowMs);
    expect(emu().orderingViolations).toEqual([]);
    expect(emu().violations).toEqual([]);

    // The rule covers creates only: the 25 updates go at the API budget, more than 10 in a second.
    const upd = emu().log.length;
    await Promise.all(made.map((m, i) => up(host, `bulk${i}`, { ...fieldsOf(m), task: "moved" }, m)));
    const patches = emu().log.slice(upd).filter((e) => e.method === "PATCH" && e.path.startsWith("/v1.0/users/"));
    expect(patches).toHaveLength(25);
    expect(mostInAnyWindow(patches.map((e) => e.start), windowMs)).toBeGreaterThan(limit);
    expect(emu().violations).toEqual([]);

    const run = await suite.start();
    const before = emu().log.length;
    for (const m of made) expect((await run.read(m.id, urn("User", "x"), { ...m.outs, __provider: suite.provider("User") })).id).toBe(m.id);
    const reads = emu().log.slice(before).filter((e) => e.path.startsWith("/v1.0/users"));
    expect(reads.every((e) => e.method === "GET" && e.path === "/v1.0/users")).toBe(true);
    expect(reads.length).toBe(Math.ceil(emu().objects("users").filter((u) => u.domainId === DOMAIN && !u.isDeleted).length / 100));
  });

  test("the password is found nowhere: not in outputs, refreshed state, logs, errors or the emulator's log", async () => {
    const all = [...texts, ...[host].map((h) => h.stdout + h.stderr), JSON.stringify(emu().log), JSON.stringify(emu().objects("users"))].join("\n");
    expect(all).toContain("EMP-1"); // the scan sees the member's state
    // check's inputs are what the engine stores encrypted (the SDK made them a secret): only they may hold it.
    const checkInputs = texts.filter((t) => t.includes('"failures"'));
    const rest = texts.filter((t) => !t.includes('"failures"'));
    expect(checkInputs.some((t) => t.includes(PASSWORD))).toBe(true);
    expect(leaks([...rest, ...[host].map((h) => h.stdout + h.stderr), JSON.stringify(emu().log), JSON.stringify(emu().objects("users"))].join("\n"), [PASSWORD, ...suite.f.secrets()])).toEqual([]);
  });
});

/** The declared fields of a state, to declare them again with a change. */
function fieldsOf(s: State): Props {
  const { __provider, __declared, domainId, ...rest } = s.inputs;
  return rest;
}
