// Every error about an object names it: each kind's error paths through the real dynamic-provider
// host against the emulator (a create LINE WORKS refuses, API errors on create, update, delete
// and refresh, an adoption refused, and a refusal found in the middle of an adoption's writes: a
// group whose key finds a dynamic group that no answer marks), each error checked for the
// object's name, and its ID and external key where they are known.
import { urn, type Host } from "../tools/host";
import { DOMAIN } from "../tools/fixture";
import { programSuite } from "./program-suite";

type Props = Record<string, any>;

interface KindCase {
  type: string;
  idField: string;
  /** The emulator collection, and the API path of the kind. */
  collection: string;
  path: string;
  /** A declaration with this name (and key); `name` is what an error must show. */
  declare: (tag: string) => Props;
  name: (tag: string) => string;
  key: (tag: string) => string;
}

describe("errors name their object", () => {
  const suite = programSuite(
    "errnames",
    `new lineworks.Position("p", { positionName: "P", displayOrder: 1 });
     new lineworks.Level("l", { levelName: "L", displayOrder: 1, executive: false });
     new lineworks.UserType("t", { userTypeName: "T", displayOrder: 1 });
     new lineworks.EmploymentType("e", { employmentTypeName: "E", displayOrder: 1 });
     new lineworks.OrgUnit("o", { orgUnitName: "O", displayOrder: 1 });
     new lineworks.User("u", { email: "u@example.com", userName: { lastName: "U" }, privateEmail: "u@mail.example", organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [] }] });
     new lineworks.Group("g", { groupName: "G", administrators: [{ userId: "u@example.com" }], members: [] });`,
    { knobs: { retryLimit: "1" } },
  );
  const emu = () => suite.f.emulator;
  let master: string;

  const KINDS: KindCase[] = [
    { type: "Position", idField: "positionId", collection: "positions", path: "/directory/positions", declare: (t) => ({ positionName: `役職 ${t}`, positionExternalKey: `POS-${t}`, displayOrder: 1 }), name: (t) => `役職 ${t}`, key: (t) => `POS-${t}` },
    { type: "Level", idField: "levelId", collection: "levels", path: "/directory/levels", declare: (t) => ({ levelName: `職級 ${t}`, levelExternalKey: `LV-${t}`, displayOrder: 1, executive: false }), name: (t) => `職級 ${t}`, key: (t) => `LV-${t}` },
    { type: "UserType", idField: "userTypeId", collection: "userTypes", path: "/directory/user-types", declare: (t) => ({ userTypeName: `権限 ${t}`, userTypeExternalKey: `UT-${t}`, displayOrder: 1 }), name: (t) => `権限 ${t}`, key: (t) => `UT-${t}` },
    { type: "EmploymentType", idField: "employmentTypeId", collection: "employmentTypes", path: "/directory/employment-types", declare: (t) => ({ employmentTypeName: `雇用 ${t}`, employmentTypeExternalKey: `ET-${t}`, displayOrder: 1 }), name: (t) => `雇用 ${t}`, key: (t) => `ET-${t}` },
    { type: "OrgUnit", idField: "orgUnitId", collection: "orgUnits", path: "/orgunits", declare: (t) => ({ orgUnitName: `営業・${t}`, orgUnitExternalKey: `OU-${t}`, displayOrder: 1 }), name: (t) => `営業・${t}`, key: (t) => `OU-${t}` },
    {
      type: "User", idField: "userId", collection: "users", path: "/users",
      declare: (t) => ({ email: `err.${t.toLowerCase()}@example.com`, userName: { lastName: "山田", firstName: t }, userExternalKey: `EMP-${t}`, privateEmail: "someone@mail.example", organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] }),
      name: (t) => `err.${t.toLowerCase()}@example.com`, key: (t) => `EMP-${t}`,
    },
    { type: "Group", idField: "groupId", collection: "groups", path: "/groups", declare: (t) => ({ groupName: `委員会 ${t}`, groupExternalKey: `GRP-${t}`, administrators: [{ userId: master }], members: [] }), name: (t) => `委員会 ${t}`, key: (t) => `GRP-${t}` },
  ];

  let host: Host;
  beforeAll(async () => {
    host = await suite.start();
    master = emu().seed("users", { domainId: DOMAIN, email: "master@example.com", userName: { lastName: "Master" }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] }).userId;
  });

  /** The kind's external-key field: the one of its declaration's keys that holds `key(tag)`. */
  const keyField = (k: KindCase) => Object.keys(k.declare("x")).find((f) => k.declare("x")[f] === k.key("x"))!;
  const declared = (k: KindCase, tag: string) => ({ __provider: suite.provider(k.type), domainId: DOMAIN, ...k.declare(tag) });
  async function checked(h: Host, k: KindCase, tag: string, olds: Props = {}): Promise<Props> {
    const c = await h.check(urn(k.type, tag), olds, declared(k, tag));
    expect(c.failures).toEqual([]);
    return c.inputs;
  }
  async function created(k: KindCase, tag: string): Promise<{ id: string; outs: Props; inputs: Props }> {
    const inputs = await checked(host, k, tag);
    const r = await host.create(urn(k.type, tag), inputs);
    return { id: r.id, outs: r.properties, inputs };
  }
  const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected the operation to fail"); }, (e: Error) => e.message);
  /** The object's name, and its ID and key where known, are in the message. */
  function expectNamed(message: string, k: KindCase, tag: string, id?: string): void {
    expect(message).toContain(k.name(tag));
    if (id) expect(message).toContain(id);
    expect(message).toContain(k.key(tag));
  }
  /** A 500 on every attempt (the retries included) of `method` under `path`. */
  const failing = (method: string, path: string) => emu().inject({ kind: "500", method, path, times: 50 });
  afterEach(() => emu().clearFaults());

  describe.each(KINDS)("$type", (k) => {
    test("create that LINE WORKS refuses (409: the name or key is taken)", async () => {
      emu().seed(k.collection as any, { domainId: DOMAIN, ...k.declare("Taken") });
      expectNamed(await failure(created(k, "Taken")), k, "Taken");
    });

    test("create, update, refresh and delete with an API error: the answer comes with the object", async () => {
      failing("POST", k.path);
      expectNamed(await failure(created(k, "Boom")), k, "Boom");
      emu().clearFaults();

      const made = await created(k, "Live");
      const props = { ...made.outs, __provider: suite.provider(k.type) };
      failing("GET", k.path);
      const run = await suite.start({ retryLimit: "1", snapshotMaxAgeMs: "0" });
      expectNamed(await failure(run.read(made.id, urn(k.type, "Live"), props, made.inputs)), k, "Live", made.id);
      emu().clearFaults();

      failing("DELETE", k.path);
      expectNamed(await failure(host.delete(made.id, urn(k.type, "Live"), props)), k, "Live", made.id);
      emu().clearFaults();

      // Gone out of band: the update's answer is a 404, which names nothing by itself.
      emu().remove(k.collection as any, made.id);
      const news = await checked(host, k, "Live", made.inputs);
      const changed = { ...news, ...(k.type === "User" ? { task: "moved" } : k.type === "Group" ? { description: "moved" } : { displayOrder: 2 }) };
      expectNamed(await failure(host.update(made.id, urn(k.type, "Live"), made.outs, changed)), k, "Live", made.id);
    });

    test("update that LINE WORKS refuses (409: another object has the key)", async () => {
      emu().seed(k.collection as any, { domainId: DOMAIN, ...k.declare("Other") });
      const mine = await created(k, "Mine");
      const c = await host.check(urn(k.type, "Mine"), mine.inputs, { ...declared(k, "Mine"), [keyField(k)]: k.key("Other") });
      expect(c.failures).toEqual([]);
      // The object as it is (its name, ID and key now), and the value it cannot take.
      const message = await failure(host.update(mine.id, urn(k.type, "Mine"), mine.outs, c.inputs));
      expectNamed(message, k, "Mine", mine.id);
      expect(message).toContain(k.key("Other"));
    });

    test("adoption refused: one object taken over by two resources", async () => {
      const seeded = emu().seed(k.collection as any, { domainId: DOMAIN, ...k.declare("Twice") });
      const run = await suite.start({ adoptExisting: "true" });
      const inputs = await checked(run, k, "Twice");
      await run.create(urn(k.type, "Twice"), inputs);
      expectNamed(await failure(run.create(urn(k.type, "Twice-again"), inputs)), k, "Twice", seeded[k.idField]);
    });
  });

  test("deletes LINE WORKS refuses: an org unit with a member, an administrator", async () => {
    const [unit, user] = ["OrgUnit", "User"].map((t) => KINDS.find((k) => k.type === t)!);
    const staffed = await created(unit, "Staffed");
    emu().seed("users", { domainId: DOMAIN, email: "staff@example.com", userName: { lastName: "Staff" }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId: staffed.id, primary: true }] }] });
    expectNamed(await failure(host.delete(staffed.id, urn("OrgUnit", "Staffed"), { ...staffed.outs, __provider: suite.provider("OrgUnit") })), unit, "Staffed", staffed.id);
    const admin = await created(user, "Admin");
    emu().update("users", admin.id, { isAdministrator: true });
    const props = { ...admin.outs, isAdministrator: true, __provider: suite.provider("User") };
    expectNamed(await failure(host.delete(admin.id, urn("User", "Admin"), props)), user, "Admin", admin.id);
  });

  describe("a group whose key finds a dynamic group that no answer marks", () => {
    const group = KINDS.find((k) => k.type === "Group")!;
    test.each([400, 403])("the member add LINE WORKS refuses (%i) in the middle of the adoption names the group", async (status) => {
      const tag = `Dynamic${status}`;
      const dyn = emu().seed("groups", { domainId: DOMAIN, ...group.declare(tag), groupName: `全社員 ${status}`, groupType: "DYNAMIC", typeShown: false, refusalStatus: status, administrators: [{ userId: master }], members: [] });
      const run = await suite.start({ adoptExisting: "true" });
      const c = await run.check(urn("Group", tag), {}, { ...declared(group, tag), members: [{ id: master, type: "USER" }] });
      const message = await failure(run.create(urn("Group", tag), c.inputs));
      // The group found (its live name), its ID and key, and what LINE WORKS said and means.
      expect(message).toContain(`全社員 ${status}`);
      expect(message).toContain(dyn.groupId);
      expect(message).toContain(group.key(tag));
      expect(message).toMatch(/cannot add members to a dynamic group/);
      expect(message).toMatch(/does not let anyone edit dynamic groups/);
      expect(emu().objects("groups").find((g) => g.groupId === dyn.groupId)!.members).toEqual([]);
    });
  });
});
