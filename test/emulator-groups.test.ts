// Emulator: the /groups collection (validation, uniqueness, PUT/PATCH, members and administrators,
// external keys, external and dynamic groups, what user and org-unit changes do to groups), against
// a real emulator over HTTP.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../emulator";
import { Api, D1, D2, Resp, expectError, startBusyEmulator, startEmulator, startTwoDomainEmulator } from "./support/emulator";

const SHAPE = [
  "domainId", "groupId", "groupName", "description", "visible", "useServiceNotification", "serviceManageable",
  "groupExternalKey", "administrators", "members", "useMessage", "useNote", "useCalendar", "useTask", "useFolder",
  "useMail", "groupEmail", "aliasEmails", "canReceiveExternalMail", "toExternalEmails",
  "membersAllowedToUseGroupEmailAsRecipient", "membersAllowedToUseGroupEmailAsSender",
];
const NO_MAIL = {
  useMail: false, groupEmail: null, aliasEmails: [], canReceiveExternalMail: false, toExternalEmails: [],
  membersAllowedToUseGroupEmailAsRecipient: [], membersAllowedToUseGroupEmailAsSender: [],
};
const LIST_SHAPE = SHAPE.filter((k) => k !== "administrators" && k !== "members");
const USE_ALL = { useMessage: true, useNote: true, useCalendar: true, useTask: true, useFolder: true };
const USE_NONE = { useMessage: false, useNote: false, useCalendar: false, useTask: false, useFolder: false };
const DAY = 24 * 60 * 60 * 1000;

let emu: Emulator;
let api: Api;
/** Seeded per test: three users (two in D1, one in D2) and two org units. */
let alice: any, bob: any, carol: any, sales: any, dev: any;

beforeAll(async () => {
  ({ emu, api } = await startBusyEmulator());
});
afterAll(() => emu.stop());
beforeEach(() => {
  alice = emu.seed("users", { email: "alice@example.com", userExternalKey: "ALICE", userName: { lastName: "Alice" } });
  bob = emu.seed("users", { email: "bob@example.com", userExternalKey: "BOB", userName: { lastName: "Bob" } });
  carol = emu.seed("users", { domainId: D2, email: "carol@d2.example.com", userName: { lastName: "Carol" } });
  sales = emu.seed("orgUnits", { orgUnitName: "Sales", orgUnitExternalKey: "SALES" });
  dev = emu.seed("orgUnits", { orgUnitName: "Dev", displayOrder: 2 });
});
afterEach(() => {
  for (const g of emu.objects("groups")) emu.remove("groups", g.groupId);
  for (const u of emu.objects("users")) emu.remove("users", u.userId);
  for (const o of emu.objects("orgUnits")) emu.remove("orgUnits", o.orgUnitId);
});

let n = 0;
const body = (over: Record<string, unknown> = {}) => ({
  domainId: D1, groupName: `Group ${++n}`, administrators: [{ userId: alice.userId }], members: [], ...over,
});
const item = (ref: string) => `/groups/${encodeURIComponent(ref)}`;
/** Creates a group and returns it (fails the test on anything but 201). */
async function create(over: Record<string, unknown> = {}): Promise<any> {
  const r = await api.post("/groups", body(over));
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const user = (id: string) => ({ id, type: "USER" });
const members = async (g: any) => (await api.get(item(g.groupId))).body.members.map((m: any) => `${m.type} ${m.id}`);
const admins = async (g: any) => (await api.get(item(g.groupId))).body.administrators.map((a: any) => a.userId);
/** Every page of a list, following nextCursor. */
async function pages(path: string, key: string): Promise<{ sizes: number[]; items: any[] }> {
  const sizes: number[] = [];
  const all: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const r: Resp = await api.get(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(r.status).toBe(200);
    sizes.push(r.body[key].length);
    all.push(...r.body[key]);
    cursor = r.body.responseMetaData.nextCursor;
  } while (cursor);
  return { sizes, items: all };
}

describe("create and read", () => {
  test("201 with every property and its default; GET by ID and externalKey: gives the same", async () => {
    const r = await api.post("/groups", body({ groupName: "Team A", groupExternalKey: "TEAM-A" }));
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(SHAPE);
    expect(r.body).toEqual({
      domainId: D1, groupId: expect.stringMatching(/^group[0-9a-f-]{31}$/), groupName: "Team A", description: null, visible: true,
      useServiceNotification: false, serviceManageable: true, groupExternalKey: "TEAM-A",
      administrators: [{ userId: alice.userId, userExternalKey: "ALICE" }], members: [], ...USE_NONE, ...NO_MAIL,
    });
    expect((await api.get(item(r.body.groupId))).body).toEqual(r.body);
    expect((await api.get(item("externalKey:TEAM-A"))).body).toEqual(r.body);
    expect(emu.objects("groups")).toEqual([r.body]);
    expect(emu.objects("groups", D2)).toEqual([]);
  });

  test("every field stored; references by email and externalKey: are stored as IDs; external keys echoed and follow renames", async () => {
    const other = await create({ groupExternalKey: "OTHER" });
    const r = await api.post("/groups", body({
      description: "d".repeat(300), visible: false, useServiceNotification: true, serviceManageable: false, ...USE_ALL,
      administrators: [{ userId: "BOB@Example.com" }, { userId: "externalKey:ALICE" }],
      members: [user("bob@example.com"), user("externalKey:ALICE"), user(carol.userId), { id: sales.orgUnitId, type: "ORGUNIT" },
        { id: dev.orgUnitId, type: "ORGUNIT" }, { id: "externalKey:OTHER", type: "GROUP" }],
      unknownProperty: 1,
    }));
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty("unknownProperty");
    expect(r.body).toMatchObject({
      description: "d".repeat(300), visible: false, useServiceNotification: true, serviceManageable: false, ...USE_ALL,
      administrators: [{ userId: bob.userId, userExternalKey: "BOB" }, { userId: alice.userId, userExternalKey: "ALICE" }],
      members: [
        { id: bob.userId, type: "USER", externalKey: "BOB" }, { id: alice.userId, type: "USER", externalKey: "ALICE" },
        { id: carol.userId, type: "USER", externalKey: null }, { id: sales.orgUnitId, type: "ORGUNIT", externalKey: "SALES" },
        { id: dev.orgUnitId, type: "ORGUNIT", externalKey: null }, { id: other.groupId, type: "GROUP", externalKey: "OTHER" },
      ],
    });
    emu.update("users", bob.userId, { userExternalKey: "BOB-2" });
    emu.update("orgUnits", dev.orgUnitId, { orgUnitExternalKey: "DEV" });
    expect((await api.patch(item(other.groupId), { groupExternalKey: "OTHER-2" })).status).toBe(200);
    const g = (await api.get(item(r.body.groupId))).body;
    expect(g.administrators[0]).toEqual({ userId: bob.userId, userExternalKey: "BOB-2" });
    expect(g.members.map((m: any) => m.externalKey)).toEqual(["BOB-2", "ALICE", null, "SALES", "DEV", "OTHER-2"]);
  });

  test("useMessage false forces note, calendar, task and folder off; true keeps them", async () => {
    const off = await create({ ...USE_ALL, useMessage: false });
    expect(off).toMatchObject(USE_NONE);
    const on = await create({ useMessage: true, useCalendar: true });
    expect(on).toMatchObject({ useMessage: true, useNote: false, useCalendar: true, useTask: false, useFolder: false });
  });

  test("limits that are still accepted: 100-character name and key, empty description", async () => {
    const g = await create({ groupName: "名".repeat(100), groupExternalKey: "k".repeat(100), description: "" });
    expect(g).toMatchObject({ groupName: "名".repeat(100), groupExternalKey: "k".repeat(100), description: "" });
  });
});

describe("validation", () => {
  const rejects: Array<{ name: string; over: () => Record<string, unknown>; code?: string; field: string }> = [
    { name: "missing domainId", over: () => ({ domainId: undefined }), code: "MISSING_PARAMETER", field: "domainId" },
    { name: "unknown domainId", over: () => ({ domainId: 5 }), field: "domainId" },
    { name: "string domainId", over: () => ({ domainId: String(D1) }), field: "domainId" },
    { name: "missing groupName", over: () => ({ groupName: undefined }), code: "MISSING_PARAMETER", field: "groupName" },
    { name: "null groupName", over: () => ({ groupName: null }), field: "groupName" },
    { name: "empty groupName", over: () => ({ groupName: "" }), field: "groupName" },
    { name: "101-character groupName", over: () => ({ groupName: "g".repeat(101) }), field: "groupName" },
    { name: "numeric groupName", over: () => ({ groupName: 7 }), field: "groupName" },
    { name: "301-character description", over: () => ({ description: "d".repeat(301) }), field: "description" },
    ...["/", "%", "#", "?", "\\"].map((ch) => ({ name: `external key with ${ch}`, over: () => ({ groupExternalKey: `a${ch}b` }), field: "groupExternalKey" })),
    { name: "101-character external key", over: () => ({ groupExternalKey: "k".repeat(101) }), field: "groupExternalKey" },
    { name: "string visible", over: () => ({ visible: "yes" }), field: "visible" },
    { name: "null useMessage", over: () => ({ useMessage: null }), field: "useMessage" },
    { name: "missing administrators", over: () => ({ administrators: undefined }), code: "MISSING_PARAMETER", field: "administrators" },
    { name: "no administrators", over: () => ({ administrators: [] }), field: "administrators" },
    { name: "administrators not an array", over: () => ({ administrators: { userId: alice.userId } }), field: "administrators" },
    { name: "an administrator without userId", over: () => ({ administrators: [{}] }), code: "MISSING_PARAMETER", field: "administrators[0].userId" },
    { name: "an unknown administrator", over: () => ({ administrators: [{ userId: alice.userId }, { userId: "nobody@example.com" }] }), field: "administrators[1].userId" },
    { name: "an administrator twice (ID and email)", over: () => ({ administrators: [{ userId: alice.userId }, { userId: "ALICE@example.com" }] }), field: "administrators[1].userId" },
    { name: "missing members", over: () => ({ members: undefined }), code: "MISSING_PARAMETER", field: "members" },
    { name: "members not an array", over: () => ({ members: "x" }), field: "members" },
    { name: "a member that is not an object", over: () => ({ members: ["x"] }), field: "members[0]" },
    { name: "a member without type", over: () => ({ members: [{ id: bob.userId }] }), code: "MISSING_PARAMETER", field: "members[0].type" },
    { name: "a member without id", over: () => ({ members: [{ type: "USER" }] }), code: "MISSING_PARAMETER", field: "members[0].id" },
    ...["user", "USERS", "TEAM", "DOMAIN"].map((type) => ({ name: `member type ${type}`, over: () => ({ members: [{ id: bob.userId, type }] }), field: "members[0].type" })),
    { name: "an unknown user", over: () => ({ members: [user(bob.userId), user("externalKey:NOPE")] }), field: "members[1].id" },
    { name: "an unknown org unit", over: () => ({ members: [{ id: "nope", type: "ORGUNIT" }] }), field: "members[0].id" },
    { name: "a user ID given as an org unit", over: () => ({ members: [{ id: bob.userId, type: "ORGUNIT" }] }), field: "members[0].id" },
    { name: "an unknown group", over: () => ({ members: [{ id: "group-nope", type: "GROUP" }] }), field: "members[0].id" },
    { name: "a member twice (email and externalKey:)", over: () => ({ members: [user("bob@example.com"), user("externalKey:BOB")] }), field: "members[1]" },
    { name: "an org unit twice", over: () => ({ members: [{ id: sales.orgUnitId, type: "ORGUNIT" }, { id: "externalKey:SALES", type: "ORGUNIT" }] }), field: "members[1]" },
  ];
  test.each(rejects)("$name → 400", async ({ over, code, field }) => {
    const b: Record<string, unknown> = body(over());
    for (const [k, v] of Object.entries(b)) if (v === undefined) delete b[k];
    expectError(await api.post("/groups", b), 400, code ?? "INVALID_PARAMETER", `${field}:`);
    expect(emu.objects("groups")).toEqual([]);
  });

  test("a group cannot be its own member (PUT, PATCH, member add)", async () => {
    const g = await create({ members: [user(bob.userId)] });
    const self = { id: g.groupId, type: "GROUP" };
    expectError(await api.put(item(g.groupId), body({ groupName: g.groupName, members: [user(bob.userId), self] })), 400, "INVALID_PARAMETER", "members[1].id:");
    expectError(await api.patch(item(g.groupId), { members: [{ id: `externalKey:${"SELF"}`, type: "GROUP" }] }), 400, "INVALID_PARAMETER", "members[0].id:");
    await api.patch(item(g.groupId), { groupExternalKey: "SELF" });
    expectError(await api.patch(item(g.groupId), { members: [{ id: "externalKey:SELF", type: "GROUP" }] }), 400, "INVALID_PARAMETER", "itself");
    expectError(await api.post(`${item(g.groupId)}/members`, self), 400, "INVALID_PARAMETER", "itself");
    expect(await members(g)).toEqual([`USER ${bob.userId}`]);
  });

  test("a body that is not an object → 400 BAD_REQUEST", async () => {
    expectError(await api.post("/groups", [body()]), 400, "BAD_REQUEST");
  });
});

describe("uniqueness", () => {
  test("groupName is unique within a domain, compared without case → 409; another domain may reuse it", async () => {
    const a = await create({ groupName: "Sales Team" });
    expectError(await api.post("/groups", body({ groupName: "SALES team" })), 409, "ALREADY_EXIST", "groupName:");
    const d2 = await create({ domainId: D2, groupName: "sales team", administrators: [{ userId: carol.userId }] });
    expect(d2.domainId).toBe(D2);
    const b = await create({ groupName: "Other" });
    expectError(await api.patch(item(b.groupId), { groupName: "sales TEAM" }), 409, "ALREADY_EXIST", a.groupId);
    expectError(await api.put(item(b.groupId), body({ groupName: "Sales Team" })), 409, "ALREADY_EXIST", "groupName:");
    expect((await api.patch(item(a.groupId), { groupName: "SALES TEAM" })).body.groupName).toBe("SALES TEAM"); // itself
    expect(emu.objects("groups").map((g) => g.groupName)).toEqual(["SALES TEAM", "sales team", "Other"]);
  });

  test("groupExternalKey is unique in the tenant → 409", async () => {
    const a = await create({ groupExternalKey: "KEY-1" });
    expectError(await api.post("/groups", body({ domainId: D2, administrators: [{ userId: carol.userId }], groupExternalKey: "KEY-1" })), 409, "ALREADY_EXIST", "groupExternalKey:");
    const b = await create();
    expectError(await api.patch(item(b.groupId), { groupExternalKey: "KEY-1" }), 409, "ALREADY_EXIST", a.groupId);
    expect((await api.patch(item(a.groupId), { groupExternalKey: "KEY-1" })).status).toBe(200);
    expect((await api.post("/groups", body({ groupExternalKey: "key-1" }))).status).toBe(201); // keys keep their case
  });
});

describe("PUT and PATCH", () => {
  const everything = () => ({
    description: "about", visible: false, useServiceNotification: true, serviceManageable: false, groupExternalKey: "G-1", ...USE_ALL,
  });

  test("PUT replaces: omitted flags go back to their defaults (use* false), description and key cleared", async () => {
    const g = await create({ ...everything(), members: [user(bob.userId)] });
    const r = await api.put(item(g.groupId), { domainId: D1, groupName: "Renamed", administrators: [{ userId: "bob@example.com" }], members: [] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      domainId: D1, groupId: g.groupId, groupName: "Renamed", description: null, visible: true, useServiceNotification: false,
      serviceManageable: true, groupExternalKey: null, administrators: [{ userId: bob.userId, userExternalKey: "BOB" }], members: [], ...USE_NONE, ...NO_MAIL,
    });
    expect((await api.get(item(g.groupId))).body).toEqual(r.body);
  });

  test("PUT requires domainId, groupName, administrators and members", async () => {
    const g = await create();
    const full = { domainId: D1, groupName: "X", administrators: [{ userId: alice.userId }], members: [] };
    for (const k of Object.keys(full)) {
      const b: Record<string, unknown> = { ...full };
      delete b[k];
      expectError(await api.put(item(g.groupId), b), 400, "MISSING_PARAMETER", `${k}:`);
    }
    expect((await api.get(item(g.groupId))).body.groupName).toBe(g.groupName);
  });

  test("PATCH changes only what is given: flags stay; null clears description; useMessage false cascades", async () => {
    const g = await create({ ...everything(), members: [user(bob.userId)] });
    const r = await api.patch(item(g.groupId), { description: null, groupName: "New name" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ...g, ...everything(), description: null, groupName: "New name" });
    const off = await api.patch(item(g.groupId), { useMessage: false });
    expect(off.body).toMatchObject({ ...USE_NONE, visible: false, serviceManageable: false, groupExternalKey: "G-1" });
    expect((await api.patch(item(g.groupId), { useNote: true })).body).toMatchObject({ useMessage: false, useNote: false });
  });

  test("PATCH members / administrators replace the whole list; administrators keep at least 1; members null empties", async () => {
    const g = await create({ members: [user(bob.userId), { id: sales.orgUnitId, type: "ORGUNIT" }] });
    const r = await api.patch(item(g.groupId), { members: [user("alice@example.com")] });
    expect(r.body.members).toEqual([{ id: alice.userId, type: "USER", externalKey: "ALICE" }]);
    expect(r.body.administrators).toEqual([{ userId: alice.userId, userExternalKey: "ALICE" }]);
    expect((await api.patch(item(g.groupId), { administrators: [{ userId: "externalKey:BOB" }] })).body.administrators)
      .toEqual([{ userId: bob.userId, userExternalKey: "BOB" }]);
    expectError(await api.patch(item(g.groupId), { administrators: [] }), 400, "INVALID_PARAMETER", "administrators:");
    expectError(await api.patch(item(g.groupId), { administrators: null }), 400, "INVALID_PARAMETER", "administrators:");
    expect(await admins(g)).toEqual([bob.userId]);
    expect((await api.patch(item(g.groupId), { members: null })).body.members).toEqual([]);
  });

  test("domainId cannot change (PUT or PATCH → 400); the same domainId is fine", async () => {
    const g = await create();
    expectError(await api.patch(item(g.groupId), { domainId: D2 }), 400, "INVALID_PARAMETER", "domainId:");
    expectError(await api.put(item(g.groupId), body({ domainId: D2 })), 400, "INVALID_PARAMETER", "domainId:");
    expect((await api.patch(item(g.groupId), { domainId: D1, visible: false })).body).toMatchObject({ domainId: D1, visible: false });
  });

  test("unknown groups → 404 on GET, PUT, PATCH, DELETE", async () => {
    for (const r of [await api.get(item("group-nope")), await api.put(item("externalKey:nope"), body()),
      await api.patch(item("group-nope"), { visible: true }), await api.del(item("group-nope"))]) {
      expectError(r, 404, "NOT_FOUND", "group not found");
    }
  });
});

describe("delete", () => {
  test("204; then 404; the group leaves other groups' members", async () => {
    const inner = await create({ groupExternalKey: "INNER" });
    const outer = await create({ members: [{ id: "externalKey:INNER", type: "GROUP" }, user(bob.userId)] });
    const r = await api.del(item("externalKey:INNER"));
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expectError(await api.get(item(inner.groupId)), 404, "NOT_FOUND");
    expectError(await api.del(item(inner.groupId)), 404, "NOT_FOUND");
    expect(await members(outer)).toEqual([`USER ${bob.userId}`]);
    expect(emu.objects("groups").map((g) => g.groupId)).toEqual([outer.groupId]);
  });
});

describe("members", () => {
  test("add by ID, email, externalKey: (users) and externalKey: (units) → 201 without a body; listed with external keys", async () => {
    const g = await create();
    const other = await create({ groupExternalKey: "OTHER" });
    const adds = [user("BOB@example.com"), user("externalKey:ALICE"), user(carol.userId), { id: "externalKey:SALES", type: "ORGUNIT" }, { id: other.groupId, type: "GROUP" }];
    for (const m of adds) {
      const r = await api.post(`${item(g.groupId)}/members`, m);
      expect(r.status).toBe(201);
      expect(r.body).toBeUndefined();
    }
    const list = await api.get(`${item(g.groupId)}/members`);
    expect(list.body).toEqual({
      members: [
        { id: bob.userId, type: "USER", externalKey: "BOB" }, { id: alice.userId, type: "USER", externalKey: "ALICE" },
        { id: carol.userId, type: "USER", externalKey: null }, { id: sales.orgUnitId, type: "ORGUNIT", externalKey: "SALES" },
        { id: other.groupId, type: "GROUP", externalKey: "OTHER" },
      ],
      responseMetaData: { nextCursor: null },
    });
    expect((await api.get(item(g.groupId))).body.members).toEqual(list.body.members);
  });

  test("add: already a member (any addressing) → 409; unknown → 400; bad or missing type → 400", async () => {
    const g = await create({ members: [user(bob.userId), { id: sales.orgUnitId, type: "ORGUNIT" }] });
    const path = `${item(g.groupId)}/members`;
    expectError(await api.post(path, user("externalKey:BOB")), 409, "ALREADY_EXIST", bob.userId);
    expectError(await api.post(path, { id: "externalKey:SALES", type: "ORGUNIT" }), 409, "ALREADY_EXIST");
    expectError(await api.post(path, user("ghost@example.com")), 400, "INVALID_PARAMETER", "id:");
    expectError(await api.post(path, { id: "nope", type: "GROUP" }), 400, "INVALID_PARAMETER", "id:");
    expectError(await api.post(path, { id: alice.userId, type: "MEMBER" }), 400, "INVALID_PARAMETER", "type:");
    expectError(await api.post(path, { id: alice.userId }), 400, "MISSING_PARAMETER", "type:");
    expectError(await api.post(path, { type: "USER" }), 400, "MISSING_PARAMETER", "id:");
    expectError(await api.post(`${item("group-nope")}/members`, user(alice.userId)), 404, "NOT_FOUND");
    expect(await members(g)).toEqual([`USER ${bob.userId}`, `ORGUNIT ${sales.orgUnitId}`]);
  });

  test("remove by email and externalKey: (URL-encoded) → 204; type is required; not a member → 404", async () => {
    const g = await create({ members: [user(bob.userId), user(alice.userId), { id: sales.orgUnitId, type: "ORGUNIT" }] });
    const path = (ref: string, type?: string) => `${item(g.groupId)}/members/${encodeURIComponent(ref)}${type ? `?type=${type}` : ""}`;
    expectError(await api.del(path(bob.userId)), 400, "MISSING_PARAMETER", "type:");
    expectError(await api.del(path(bob.userId, "TEAM")), 400, "INVALID_PARAMETER", "type:");
    expectError(await api.del(path(sales.orgUnitId, "USER")), 404, "NOT_FOUND"); // a unit, asked for as a user
    expectError(await api.del(path(carol.userId, "USER")), 404, "NOT_FOUND", "not a member");
    expectError(await api.del(path("ghost@example.com", "USER")), 404, "NOT_FOUND");
    const r = await api.del(path("Bob@Example.com", "USER"));
    expect(r.status).toBe(204);
    expect((await api.del(path("externalKey:ALICE", "USER"))).status).toBe(204);
    expect((await api.del(`${path("externalKey:SALES", "ORGUNIT")}&domainId=${D1}`)).status).toBe(204);
    expect(await members(g)).toEqual([]);
    expectError(await api.del(path(bob.userId, "USER")), 404, "NOT_FOUND");
  });

  test("the member list pages (count 1..100) in stored order", async () => {
    const users = Array.from({ length: 5 }, (_, i) => emu.seed("users", { email: `m${i}@example.com`, userName: { lastName: `M${i}` } }));
    const g = await create({ members: users.map((u) => user(u.userId)) });
    const { sizes, items } = await pages(`${item(g.groupId)}/members?count=2`, "members");
    expect(sizes).toEqual([2, 2, 1]);
    expect(items.map((m) => m.id)).toEqual(users.map((u) => u.userId));
    for (const count of [0, 101]) expectError(await api.get(`${item(g.groupId)}/members?count=${count}`), 400, "INVALID_PARAMETER", "count:");
    expectError(await api.get(`${item(g.groupId)}/members?cursor=!!`), 400, "INVALID_PARAMETER", "cursor:");
    expectError(await api.get(`${item(g.groupId)}/members?domainId=5`), 400, "INVALID_PARAMETER", "domainId:");
  });
});

describe("administrators", () => {
  test("add by email → 201; already (any addressing) → 409; unknown → 400; listed with userExternalKey, paged", async () => {
    const g = await create();
    const path = `${item(g.groupId)}/administrators`;
    const r = await api.post(path, { userId: "bob@example.com" });
    expect(r.status).toBe(201);
    expect(r.body).toBeUndefined();
    expect((await api.post(path, { userId: carol.userId })).status).toBe(201);
    expectError(await api.post(path, { userId: "externalKey:ALICE" }), 409, "ALREADY_EXIST", alice.userId);
    expectError(await api.post(path, { userId: "ghost@example.com" }), 400, "INVALID_PARAMETER", "userId:");
    expectError(await api.post(path, {}), 400, "MISSING_PARAMETER", "userId:");
    const { sizes, items } = await pages(`${path}?count=2`, "administrators");
    expect(sizes).toEqual([2, 1]);
    expect(items).toEqual([
      { userId: alice.userId, userExternalKey: "ALICE" }, { userId: bob.userId, userExternalKey: "BOB" }, { userId: carol.userId, userExternalKey: null },
    ]);
  });

  test("remove by externalKey: → 204; not an administrator → 404; the last one → 400", async () => {
    const g = await create({ administrators: [{ userId: alice.userId }, { userId: bob.userId }], members: [user(alice.userId)] });
    const path = (ref: string) => `${item(g.groupId)}/administrators/${encodeURIComponent(ref)}`;
    expectError(await api.del(path(carol.userId)), 404, "NOT_FOUND", "not an administrator");
    expectError(await api.del(path("ghost@example.com")), 404, "NOT_FOUND");
    expect((await api.del(path("externalKey:BOB"))).status).toBe(204);
    expectError(await api.del(path("alice@example.com")), 400, "BAD_REQUEST", "last administrator");
    expect(await admins(g)).toEqual([alice.userId]);
    expect(await members(g)).toEqual([`USER ${alice.userId}`]); // administrators and members are apart
  });
});

describe("mailing list (Advanced plan; rules undocumented: shapes only)", () => {
  const mail = () => ({
    useMail: true, groupEmail: "team@example.com", aliasEmails: ["team-alias@example.com"], canReceiveExternalMail: true,
    toExternalEmails: ["partner@outside.example"],
    membersAllowedToUseGroupEmailAsRecipient: [{ userId: "bob@example.com" }], membersAllowedToUseGroupEmailAsSender: [{ userId: "externalKey:ALICE" }],
  });

  test("stored as given, allowed members by ID, email or externalKey: echoed with their keys; PATCH changes only what is given; PUT resets", async () => {
    const g = await create({ ...mail() });
    const stored = {
      ...mail(),
      membersAllowedToUseGroupEmailAsRecipient: [{ userId: bob.userId, userExternalKey: "BOB" }],
      membersAllowedToUseGroupEmailAsSender: [{ userId: alice.userId, userExternalKey: "ALICE" }],
    };
    expect(g).toMatchObject(stored);
    expect((await api.get("/groups/external-keys")).body.groups.find((e: any) => e.id === g.groupId).email).toBe("team@example.com");
    const r = await api.patch(item(g.groupId), { toExternalEmails: [], membersAllowedToUseGroupEmailAsSender: [{ userId: bob.userId }] });
    expect(r.body).toMatchObject({ ...stored, toExternalEmails: [], membersAllowedToUseGroupEmailAsSender: [{ userId: bob.userId, userExternalKey: "BOB" }] });
    const put = await api.put(item(g.groupId), { domainId: D1, groupName: g.groupName, administrators: [{ userId: alice.userId }], members: [] });
    expect(put.body).toMatchObject(NO_MAIL);
  });

  test.each([
    ["groupEmail", "not an address"], ["groupEmail", 5], ["aliasEmails", "a@example.com"], ["aliasEmails", ["x"]], ["toExternalEmails", [1]],
    ["useMail", "yes"], ["canReceiveExternalMail", null], ["membersAllowedToUseGroupEmailAsRecipient", [{}]],
    ["membersAllowedToUseGroupEmailAsSender", [{ userId: "nobody@example.com" }]],
  ])("%s %j is refused (400) naming the field", async (field, value) => {
    const r = await api.post("/groups", body({ [field]: value }));
    expect(r.status).toBe(400);
    expect(r.body.description).toContain(field);
  });

  test("a user that goes is no longer presented in the lists", async () => {
    const g = await create({ membersAllowedToUseGroupEmailAsRecipient: [{ userId: bob.userId }, { userId: alice.userId }] });
    emu.remove("users", bob.userId);
    expect((await api.get(item(g.groupId))).body.membersAllowedToUseGroupEmailAsRecipient).toEqual([{ userId: alice.userId, userExternalKey: "ALICE" }]);
  });
});

describe("list", () => {
  test("pages in creation order per domain; entries carry members and administrators, as GET one does (doc: group-list)", async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ members: [user(bob.userId)] })).groupId);
    const d2 = await create({ domainId: D2, administrators: [{ userId: carol.userId }] });
    const { sizes, items } = await pages("/groups?count=2", "groups");
    expect(sizes).toEqual([2, 2, 1]);
    expect(items.map((g) => g.groupId)).toEqual(ids);
    for (const g of items) expect(Object.keys(g)).toEqual(SHAPE);
    expect(items[0]).toEqual((await api.get(item(ids[0]))).body);
    expect(items[0].members).toEqual([{ id: bob.userId, type: "USER", externalKey: expect.anything() }]);
    expect((await api.get(`/groups?domainId=${D2}`)).body).toEqual({ groups: [expect.objectContaining({ groupId: d2.groupId })], responseMetaData: { nextCursor: null } });
    expectError(await api.get("/groups?count=101"), 400, "INVALID_PARAMETER", "count:");
    expectError(await api.get("/groups?domainId=5"), 400, "INVALID_PARAMETER", "domainId:");
  });

  test("with groupListCarriesMembers false the entries carry neither (an answer without them, for the fallback)", async () => {
    const other = await startEmulator({ domainIds: [D1, D2], groupListCarriesMembers: false });
    try {
      const a = await Api.connect(other);
      const u = other.seed("users", { email: "x@example.com", userExternalKey: "X", userName: { lastName: "X" } });
      const g = (await a.post("/groups", { domainId: D1, groupName: "G", administrators: [{ userId: u.userId }], members: [user(u.userId)] })).body;
      const list = (await a.get("/groups")).body.groups;
      const { members: _m, administrators: _a, ...rest } = g;
      expect(list).toEqual([rest]);
      expect(Object.keys(list[0])).toEqual(LIST_SHAPE);
    } finally {
      await other.stop();
    }
  });
});

describe("external keys", () => {
  test("POST sets, overwrites and (null) deletes keys by ID or externalKey: → 204; GET lists them with hasExternalKey", async () => {
    const a = await create({ groupName: "A" });
    const b = await create({ groupName: "B", groupExternalKey: "B-OLD" });
    const c = await create({ groupName: "C", groupExternalKey: "C-OLD" });
    const r = await api.post("/groups/external-keys", { groups: [{ id: a.groupId, externalKey: "A-1" }, { id: "externalKey:B-OLD", externalKey: "B-1" }, { id: c.groupId, externalKey: null }] });
    expect(r.status).toBe(204);
    expect(emu.objects("groups").map((g) => g.groupExternalKey)).toEqual(["A-1", "B-1", null]);
    expect((await api.get(item("externalKey:B-1"))).body.groupId).toBe(b.groupId);
    const all = await api.get("/groups/external-keys");
    expect(all.body).toEqual({
      groups: [
        { domainId: D1, name: "A", email: null, id: a.groupId, externalKey: "A-1" },
        { domainId: D1, name: "B", email: null, id: b.groupId, externalKey: "B-1" },
        { domainId: D1, name: "C", email: null, id: c.groupId, externalKey: null },
      ],
      responseMetaData: { nextCursor: null },
    });
    expect((await api.get("/groups/external-keys?hasExternalKey=true")).body.groups.map((g: any) => g.name)).toEqual(["A", "B"]);
    expect((await api.get("/groups/external-keys?hasExternalKey=false")).body.groups.map((g: any) => g.name)).toEqual(["C"]);
    const { sizes } = await pages("/groups/external-keys?count=1", "groups");
    expect(sizes).toEqual([1, 1, 1]);
    expect((await api.get(`/groups/external-keys?domainId=${D2}`)).body.groups).toEqual([]);
    expectError(await api.get("/groups/external-keys?hasExternalKey=yes"), 400, "INVALID_PARAMETER", "hasExternalKey:");
  });

  test("refusals change nothing: 409 taken (also within one request), 404 unknown, 400 shape; a swap is fine", async () => {
    const a = await create({ groupExternalKey: "A" });
    const b = await create({ groupExternalKey: "B" });
    const d2 = await create({ domainId: D2, administrators: [{ userId: carol.userId }] });
    const post = (groups: unknown) => api.post("/groups/external-keys", { groups });
    expectError(await post([{ id: d2.groupId, externalKey: "A" }]), 409, "ALREADY_EXIST", a.groupId); // tenant-wide
    expectError(await post([{ id: a.groupId, externalKey: "X" }, { id: b.groupId, externalKey: "X" }]), 409, "ALREADY_EXIST");
    expectError(await post([{ id: a.groupId, externalKey: "Y" }, { id: "group-nope", externalKey: "Z" }]), 404, "NOT_FOUND", "groups[1].id:");
    expectError(await post([]), 400, "INVALID_PARAMETER", "groups:");
    expectError(await post(Array.from({ length: 51 }, () => ({ id: a.groupId, externalKey: null }))), 400, "INVALID_PARAMETER", "groups:");
    expectError(await post([{ id: a.groupId, externalKey: "a/b" }]), 400, "INVALID_PARAMETER", "groups[0].externalKey:");
    expectError(await post([{ id: a.groupId }]), 400, "MISSING_PARAMETER", "groups[0].externalKey:");
    expectError(await post([{ id: a.groupId, externalKey: "P" }, { id: "externalKey:A", externalKey: "Q" }]), 400, "INVALID_PARAMETER", "groups[1].id:");
    expectError(await api.post("/groups/external-keys", {}), 400, "MISSING_PARAMETER", "groups:");
    expect(emu.objects("groups").map((g) => g.groupExternalKey)).toEqual(["A", "B", null]);
    expect((await post([{ id: a.groupId, externalKey: "B" }, { id: b.groupId, externalKey: "A" }])).status).toBe(204);
    expect(emu.objects("groups").map((g) => g.groupExternalKey)).toEqual(["B", "A", null]);
  });

  test("scopes: directory and directory.read only (group scopes are refused)", async () => {
    await create();
    expect((await (await Api.connect(emu, "directory.read")).get("/groups/external-keys")).status).toBe(200);
    expectError(await (await Api.connect(emu, "group")).get("/groups/external-keys"), 403, "FORBIDDEN");
    expectError(await (await Api.connect(emu, "directory.read")).post("/groups/external-keys", { groups: [] }), 403, "FORBIDDEN");
  });
});

describe("external and dynamic groups", () => {
  test("an external group is listed (groupType EXTERNAL) but cannot be read, changed or deleted → 403", async () => {
    const ext = emu.seed("groups", { groupName: "Partners", groupType: "EXTERNAL", administrators: [{ userId: alice.userId }], members: [user(bob.userId)] });
    expect(ext.groupType).toBe("EXTERNAL");
    const listed = (await api.get("/groups")).body.groups;
    expect(listed).toEqual([expect.objectContaining({ groupId: ext.groupId, groupName: "Partners", groupType: "EXTERNAL" })]);
    const g = item(ext.groupId);
    const refusals: Array<[Promise<Resp>, string]> = [
      [api.get(g), "cannot get an external group"],
      [api.get(`${g}/members`), "cannot get external group members"],
      [api.put(g, body({ groupName: "Partners" })), "cannot update an external group"],
      [api.patch(g, { description: "x" }), "cannot update an external group"],
      [api.del(g), "cannot delete an external group"],
      [api.post(`${g}/members`, user(carol.userId)), "cannot add members to an external group"],
      [api.del(`${g}/members/${bob.userId}?type=USER`), "cannot remove members from an external group"],
      [api.post(`${g}/administrators`, { userId: bob.userId }), "cannot add administrators to an external group"],
      [api.del(`${g}/administrators/${alice.userId}`), "cannot remove administrators from an external group"],
    ];
    for (const [r, says] of refusals) expectError(await r, 403, "FORBIDDEN", says);
    expect(emu.objects("groups")).toEqual([ext]);
  });

  test("a dynamic group: readable; PUT/PATCH ignore members but apply the rest; member add/remove → 400; delete → 204", async () => {
    const dyn = emu.seed("groups", { groupName: "All engineers", groupType: "DYNAMIC", useMessage: true, administrators: [{ userId: alice.userId }], members: [user(bob.userId)] });
    const g = item(dyn.groupId);
    const read = await api.get(g);
    expect(read.body).toMatchObject({ groupType: "DYNAMIC", members: [{ id: bob.userId, type: "USER", externalKey: "BOB" }], useMessage: true });
    const p = await api.patch(g, { description: "auto", members: [user(carol.userId)] });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ description: "auto", useMessage: true, groupType: "DYNAMIC", members: [{ id: bob.userId, type: "USER", externalKey: "BOB" }] });
    const put = await api.put(g, { domainId: D1, groupName: "Engineers", administrators: [{ userId: bob.userId }], members: "not even checked" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ groupName: "Engineers", useMessage: false, description: null, administrators: [{ userId: bob.userId }], members: [{ id: bob.userId }] });
    expect((await api.put(g, { domainId: D1, groupName: "Engineers", administrators: [{ userId: bob.userId }] })).status).toBe(200); // members not required
    expectError(await api.post(`${g}/members`, user(carol.userId)), 400, "BAD_REQUEST", "cannot add members to a dynamic group");
    expectError(await api.del(`${g}/members/${bob.userId}?type=USER`), 400, "BAD_REQUEST", "cannot remove members from a dynamic group");
    expect((await api.post(`${g}/administrators`, { userId: carol.userId })).status).toBe(201);
    expect((await api.get(`${g}/members`)).body.members).toEqual([{ id: bob.userId, type: "USER", externalKey: "BOB" }]);
    expect((await api.del(g)).status).toBe(204);
    expect(emu.objects("groups")).toEqual([]);
  });

  test("a dynamic group seeded unmarked: no groupType in get or list answers; member add refused with the seeded status", async () => {
    const dyn = emu.seed("groups", { groupName: "Unmarked", groupType: "DYNAMIC", typeShown: false, refusalStatus: 403, administrators: [{ userId: alice.userId }], members: [] });
    const g = item(dyn.groupId);
    expect(dyn).not.toHaveProperty("groupType");
    expect((await api.get(g)).body).not.toHaveProperty("groupType");
    expect((await api.get(`/groups?domainId=${D1}`)).body.groups.find((x: any) => x.groupId === dyn.groupId)).not.toHaveProperty("groupType");
    expect(JSON.stringify((await api.get(g)).body)).not.toMatch(/typeShown|refusalStatus/);
    expectError(await api.post(`${g}/members`, user(carol.userId)), 403, "FORBIDDEN", "cannot add members to a dynamic group");
    expect((await api.del(g)).status).toBe(204);
  });

  test("ordinary groups carry no groupType; a bad seeded groupType is refused", async () => {
    expect(await create()).not.toHaveProperty("groupType");
    expect(() => emu.seed("groups", { groupName: "x", groupType: "SECRET" })).toThrow(/groupType/);
  });
});

describe("users and org units leave groups", () => {
  const move = (u: any, over: Record<string, unknown> = {}) =>
    api.post(`/users/${u.userId}/move`, { organizations: [{ domainId: D2, primary: true, email: `${u.userName.lastName.toLowerCase()}@d2.example.com` }], ...over });

  test("a move without preserveGroup drops the user from every group's members; administrator roles stay", async () => {
    const g1 = await create({ administrators: [{ userId: bob.userId }, { userId: alice.userId }], members: [user(bob.userId), user(alice.userId)] });
    const g2 = await create({ members: [{ id: sales.orgUnitId, type: "ORGUNIT" }, user(bob.userId)] });
    expect((await move(bob)).status).toBe(200);
    expect(await members(g1)).toEqual([`USER ${alice.userId}`]);
    expect(await members(g2)).toEqual([`ORGUNIT ${sales.orgUnitId}`]);
    expect(await admins(g1)).toEqual([bob.userId, alice.userId]);
  });

  test("preserveGroup false does the same; preserveGroup true keeps the memberships; a non-boolean → 400", async () => {
    const g = await create({ members: [user(bob.userId), user(alice.userId)] });
    expectError(await move(bob, { preserveGroup: "yes" }), 400, "INVALID_PARAMETER", "preserveGroup:");
    expect((await api.get(`/users/${bob.userId}`)).body.domainId).toBe(D1);
    expect((await move(bob, { preserveGroup: true })).status).toBe(200);
    expect(await members(g)).toEqual([`USER ${bob.userId}`, `USER ${alice.userId}`]);
    expect((await move(alice, { preserveGroup: false })).status).toBe(200);
    expect(await members(g)).toEqual([`USER ${bob.userId}`]);
  });

  test("a force-deleted user leaves members and administrators; a soft-deleted one stays until purged", async () => {
    const g = await create({ administrators: [{ userId: alice.userId }, { userId: bob.userId }], members: [user(bob.userId), user(alice.userId), user(carol.userId)] });
    expect((await api.del(`/users/${bob.userId}/forcedelete`)).status).toBe(204);
    expect(await members(g)).toEqual([`USER ${alice.userId}`, `USER ${carol.userId}`]);
    expect(await admins(g)).toEqual([alice.userId]);
    const stored = emu.objects("groups")[0];
    expect(stored.members.map((m: any) => m.id)).toEqual([alice.userId, carol.userId]);
    expect((await api.del(`/users/${carol.userId}`)).status).toBe(204); // soft delete
    expect(await members(g)).toEqual([`USER ${alice.userId}`, `USER ${carol.userId}`]);
    emu.update("users", carol.userId, { deletedAt: Date.now() - 8 * DAY }); // purged
    expect(await members(g)).toEqual([`USER ${alice.userId}`]);
    expect((await api.get(`${item(g.groupId)}/members`)).body.members.map((m: any) => m.id)).toEqual([alice.userId]);
  });

  test("a purged administrator is no longer listed", async () => {
    const g = await create({ administrators: [{ userId: alice.userId }, { userId: bob.userId }] });
    emu.update("users", bob.userId, { isDeleted: true, deletedAt: Date.now() - 8 * DAY });
    expect(await admins(g)).toEqual([alice.userId]);
  });

  test("a deleted org unit (and its sub-units) leave every group's members", async () => {
    const child = emu.seed("orgUnits", { orgUnitName: "Sales East", parentOrgUnitId: sales.orgUnitId });
    const g = await create({ members: [{ id: child.orgUnitId, type: "ORGUNIT" }, { id: dev.orgUnitId, type: "ORGUNIT" }, user(bob.userId)] });
    const h = await create({ members: [{ id: sales.orgUnitId, type: "ORGUNIT" }] });
    expect((await api.del(`/orgunits/${sales.orgUnitId}`)).status).toBe(204);
    expect(await members(g)).toEqual([`ORGUNIT ${dev.orgUnitId}`, `USER ${bob.userId}`]);
    expect(await members(h)).toEqual([]);
    expect(emu.objects("groups").map((x) => x.members.length)).toEqual([2, 0]);
  });
});

test("groups survive a restart; deletes through the API leave no stale references in the data file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-emu-groups-"));
  const dataFile = path.join(dir, "state.json");
  try {
    const { emu: first, api: a } = await startTwoDomainEmulator({ dataFile });
    let g: any;
    try {
      const [x, y] = ["x", "y"].map((k) => first.seed("users", { email: `${k}@example.com`, userExternalKey: k.toUpperCase(), userName: { lastName: k } }));
      const unit = first.seed("orgUnits", { orgUnitName: "U" });
      const inner = (await a.post("/groups", { domainId: D1, groupName: "Inner", administrators: [{ userId: x.userId }], members: [] })).body;
      const r = await a.post("/groups", {
        domainId: D1, groupName: "Outer", groupExternalKey: "OUTER", administrators: [{ userId: x.userId }, { userId: y.userId }],
        members: [user(x.userId), user(y.userId), { id: unit.orgUnitId, type: "ORGUNIT" }, { id: inner.groupId, type: "GROUP" }],
      });
      expect(r.status).toBe(201);
      expect((await a.del(`/users/${y.userId}/forcedelete`)).status).toBe(204);
      expect((await a.del(`/orgunits/${unit.orgUnitId}`)).status).toBe(204);
      expect((await a.del(item(inner.groupId))).status).toBe(204);
      const stored = JSON.parse(fs.readFileSync(dataFile, "utf8")).objects.groups.map((o: any) => o.data);
      expect(stored).toEqual([expect.objectContaining({ groupId: r.body.groupId, members: [{ id: x.userId, type: "USER" }], administrators: [{ userId: x.userId }] })]);
      g = (await a.get(item(r.body.groupId))).body;
      expect(g.members).toEqual([{ id: x.userId, type: "USER", externalKey: "X" }]);
    } finally {
      await first.stop();
    }
    const { emu: second, api: a2 } = await startTwoDomainEmulator({ dataFile });
    try {
      expect((await a2.get(item("externalKey:OUTER"))).body).toEqual(g);
      expect(second.objects("groups")).toEqual([g]);
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("test controls, scopes, routes", () => {
  test("seed fills defaults; update with a raw members array (an email, resolved when presented); remove", async () => {
    const g = emu.seed("groups", { groupName: "Raw" });
    expect(g).toEqual({
      domainId: D1, groupId: expect.stringMatching(/^group/), groupName: "Raw", description: null, visible: true, useServiceNotification: false,
      serviceManageable: true, groupExternalKey: null, administrators: [], members: [], ...USE_NONE, ...NO_MAIL,
    });
    emu.update("groups", g.groupId, { members: [user("bob@example.com"), { id: sales.orgUnitId, type: "ORGUNIT" }], administrators: [{ userId: alice.userId }] });
    expect((await api.get(item(g.groupId))).body).toMatchObject({
      members: [{ id: bob.userId, type: "USER", externalKey: "BOB" }, { id: sales.orgUnitId, type: "ORGUNIT", externalKey: "SALES" }],
      administrators: [{ userId: alice.userId, userExternalKey: "ALICE" }],
    });
    expectError(await api.post(`${item(g.groupId)}/members`, user(bob.userId)), 409, "ALREADY_EXIST");
    emu.remove("groups", g.groupId);
    expect(emu.objects("groups")).toEqual([]);
    expect(() => emu.remove("groups", g.groupId)).toThrow();
  });

  test("scopes: group / group.read / directory.read read; group writes; orgunit and user do neither", async () => {
    const g = await create();
    for (const scope of ["group", "group.read", "directory.read"]) {
      const a = await Api.connect(emu, scope);
      expect((await a.get(item(g.groupId))).status).toBe(200);
      expect((await a.get("/groups")).status).toBe(200);
      expect((await a.get(`${item(g.groupId)}/members`)).status).toBe(200);
    }
    const reader = await Api.connect(emu, "group.read");
    expectError(await reader.patch(item(g.groupId), { visible: false }), 403, "FORBIDDEN");
    expectError(await reader.post(`${item(g.groupId)}/members`, user(bob.userId)), 403, "FORBIDDEN");
    const writer = await Api.connect(emu, "group");
    expect((await writer.patch(item(g.groupId), { visible: false })).status).toBe(200);
    expect((await writer.post(`${item(g.groupId)}/members`, user(bob.userId))).status).toBe(201);
    for (const scope of ["orgunit", "user"]) expectError(await (await Api.connect(emu, scope)).get(item(g.groupId)), 403, "FORBIDDEN");
  });

  test("unsupported methods → 405; requests are logged under route templates", async () => {
    const g = await create();
    emu.resetLog();
    expect((await api.patch("/groups", {})).status).toBe(405);
    expect((await api.post(item(g.groupId), {})).status).toBe(405);
    expect((await api.put(`${item(g.groupId)}/members`, {})).status).toBe(405);
    expect((await api.get(`${item(g.groupId)}/administrators/${alice.userId}`)).status).toBe(405);
    expect((await api.del("/groups/external-keys")).status).toBe(405);
    expect((await api.get(`${item(g.groupId)}/administrators`)).status).toBe(200);
    expect((await api.del(`${item(g.groupId)}/members/${alice.userId}?type=USER`)).status).toBe(404);
    expect(emu.log.map((e) => [e.api, e.status])).toEqual([
      ["PATCH /groups", 405], ["POST /groups/{id}", 405], ["PUT /groups/{id}/members", 405],
      ["GET /groups/{id}/administrators/{userId}", 405], ["DELETE /groups/external-keys", 405],
      ["GET /groups/{id}/administrators", 200], ["DELETE /groups/{id}/members/{memberId}", 404],
    ]);
  });
});
