// Emulator: the /orgunits collection (tree, move, delete cascade, members, the ordering recorder).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, ORG_UNIT_WRITES } from "../emulator";
import { Api, D1, D2, expectError, startBusyEmulator, startEmulator } from "./support/emulator";
import { sleep } from "./support/time";

const SHAPE = [
  "domainId", "orgUnitId", "orgUnitExternalKey", "orgUnitName", "i18nNames", "email", "description", "visible",
  "parentOrgUnitId", "parentExternalKey", "displayOrder", "displayLevel", "aliasEmails", "canReceiveExternalMail",
  "useMessage", "useNote", "useCalendar", "useTask", "useFolder", "useServiceNotification",
  "membersAllowedToUseOrgUnitEmailAsRecipient", "membersAllowedToUseOrgUnitEmailAsSender",
];
const USE_ALL = { useMessage: true, useNote: true, useCalendar: true, useTask: true, useFolder: true };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOCAL_PART = /^[a-z0-9!#][a-z0-9._!#-]{1,63}@/;

let emu: Emulator;
let api: Api;

beforeAll(async () => {
  ({ emu, api } = await startBusyEmulator());
});
afterAll(() => emu.stop());
afterEach(() => {
  for (const u of emu.objects("users")) emu.remove("users", u.userId);
  for (const o of emu.objects("orgUnits")) emu.remove("orgUnits", o.orgUnitId);
});

const body = (over: Record<string, unknown> = {}) => ({ domainId: D1, orgUnitName: "Sales", displayOrder: 1, ...over });
const create = (over: Record<string, unknown> = {}) => api.post("/orgunits", body(over));
const item = (ref: string) => `/orgunits/${encodeURIComponent(ref)}`;
/** Creates a unit and returns its ID (fails the test on anything but 201). */
async function unit(over: Record<string, unknown> = {}): Promise<string> {
  const r = await create(over);
  expect(r.status).toBe(201);
  return r.body.orgUnitId as string;
}
/** Seeds a user who is a member of the unit (there is no Users API yet). */
const member = (orgUnitId: string, entry: Record<string, unknown> = {}, user: Record<string, unknown> = {}, target = emu) =>
  target.seed("users", { email: `u${Math.random().toString(36).slice(2, 8)}@example.com`, ...user,
    organizations: [{ domainId: D1, primary: true, orgUnits: [{ orgUnitId, primary: true, ...entry }] }] });

describe("create and read", () => {
  test("201 with every property, defaults, an auto-assigned email and derived fields", async () => {
    const r = await create({ orgUnitExternalKey: "HQ" });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(SHAPE);
    expect(r.body).toMatchObject({
      domainId: D1, orgUnitExternalKey: "HQ", orgUnitName: "Sales", i18nNames: [], description: null, visible: true,
      parentOrgUnitId: null, parentExternalKey: null, displayOrder: 1, displayLevel: 1, aliasEmails: [],
      canReceiveExternalMail: false, useMessage: false, useNote: false, useCalendar: false, useTask: false, useFolder: false,
      useServiceNotification: false, membersAllowedToUseOrgUnitEmailAsRecipient: [], membersAllowedToUseOrgUnitEmailAsSender: [],
    });
    expect(r.body.orgUnitId).toMatch(UUID);
    expect(r.body.email).toMatch(LOCAL_PART);
    expect((await api.get(item(r.body.orgUnitId))).body).toEqual(r.body);
    expect((await api.get(item("externalKey:HQ"))).body).toEqual(r.body);
    expect(emu.objects("orgUnits")).toEqual([r.body]);
  });

  test("parent by ID or externalKey:; displayLevel and parentExternalKey are derived and follow key changes", async () => {
    const hq = await unit({ orgUnitExternalKey: "HQ 本社" });
    const child = await create({ orgUnitName: "Child", parentOrgUnitId: "externalKey:HQ 本社" });
    expect(child.body).toMatchObject({ parentOrgUnitId: hq, parentExternalKey: "HQ 本社", displayLevel: 2 });
    const grand = await create({ orgUnitName: "Grand", parentOrgUnitId: child.body.orgUnitId, displayOrder: 3 });
    expect(grand.body).toMatchObject({ parentOrgUnitId: child.body.orgUnitId, parentExternalKey: null, displayLevel: 3 });
    expect(new Set([child.body.email, grand.body.email]).size).toBe(2);
    expect((await api.patch(item(hq), { orgUnitExternalKey: "HQ2" })).status).toBe(200);
    expect((await api.get(item(child.body.orgUnitId))).body.parentExternalKey).toBe("HQ2");
  });

  test("every optional field is stored; addresses are lower-cased; unknown properties ignored", async () => {
    const u1 = emu.seed("users", { email: "u1@example.com", userName: { lastName: "U1" } });
    const u2 = emu.seed("users", { email: "u2@example.com", userExternalKey: "U-2", userName: { lastName: "U2" } });
    const { surprise, ...full } = {
      orgUnitExternalKey: "K-1", i18nNames: [{ name: "営業", language: "ja_JP" }], email: "Sales.Team@Example.COM",
      description: "d".repeat(160), aliasEmails: ["!sales@example.com", "#s_2-x@example.com"], canReceiveExternalMail: true,
      ...USE_ALL, useServiceNotification: true,
      membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: u1.userId }], membersAllowedToUseOrgUnitEmailAsSender: [{ userId: "externalKey:U-2", extra: 1 }],
      surprise: true,
    };
    const r = await create({ ...full, surprise });
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty("surprise");
    // Allowed members by ID, email or externalKey:, stored and echoed as IDs.
    expect(r.body).toMatchObject({ ...full, email: "sales.team@example.com", membersAllowedToUseOrgUnitEmailAsSender: [{ userId: u2.userId }] });
    const byEmail = await api.patch(item(r.body.orgUnitId), { membersAllowedToUseOrgUnitEmailAsRecipient: [{ userId: "U2@example.com" }] });
    expect(byEmail.body.membersAllowedToUseOrgUnitEmailAsRecipient).toEqual([{ userId: u2.userId }]);
    expectError(await api.patch(item(r.body.orgUnitId), { membersAllowedToUseOrgUnitEmailAsSender: [{ userId: "nobody@example.com" }] }), 400, "INVALID_PARAMETER", "membersAllowedToUseOrgUnitEmailAsSender[0].userId:");
    expect((await create({ email: `${"a".repeat(64)}@example.com`, description: "" })).status).toBe(201);
    expect((await create({ aliasEmails: Array.from({ length: 20 }, (_, i) => `alias${i}@example.com`) })).status).toBe(201);
  });

  const rejects: Array<{ name: string; over: Record<string, unknown>; code?: string; field: string }> = [
    { name: "missing name", over: { orgUnitName: undefined }, code: "MISSING_PARAMETER", field: "orgUnitName" },
    ...["*", "#", "%", "?", "~", ":", "<", "\\"].map((ch) => ({ name: `name with ${ch}`, over: { orgUnitName: `A${ch}B` }, field: "orgUnitName" })),
    { name: "101-character name", over: { orgUnitName: "n".repeat(101) }, field: "orgUnitName" },
    { name: "161-character description", over: { description: "d".repeat(161) }, field: "description" },
    { name: "numeric description", over: { description: 5 }, field: "description" },
    { name: "1-character local part", over: { email: "a@example.com" }, field: "email" },
    { name: "65-character local part", over: { email: `${"a".repeat(65)}@example.com` }, field: "email" },
    { name: "local part starting with -", over: { email: "-ab@example.com" }, field: "email" },
    { name: "local part starting with .", over: { email: ".ab@example.com" }, field: "email" },
    { name: "local part ending with .", over: { email: "ab.@example.com" }, field: "email" },
    { name: "consecutive dots", over: { email: "a..b@example.com" }, field: "email" },
    { name: "local part with +", over: { email: "a+b@example.com" }, field: "email" },
    { name: "no @", over: { email: "abc.example.com" }, field: "email" },
    { name: "91-character email", over: { email: `${"a".repeat(64)}@${"b".repeat(22)}.com` }, field: "email" },
    { name: "numeric email", over: { email: 7 }, field: "email" },
    { name: "21 aliasEmails", over: { aliasEmails: Array.from({ length: 21 }, (_, i) => `alias${i}@example.com`) }, field: "aliasEmails" },
    { name: "an invalid alias", over: { aliasEmails: ["ok@example.com", "x@example.com"] }, field: "aliasEmails[1]" },
    { name: "an alias twice", over: { aliasEmails: ["ab@example.com", "AB@example.com"] }, field: "aliasEmails[1]" },
    { name: "an alias equal to the email", over: { email: "ab@example.com", aliasEmails: ["ab@example.com"] }, field: "aliasEmails" },
    { name: "displayOrder 0", over: { displayOrder: 0 }, field: "displayOrder" },
    { name: "missing displayOrder", over: { displayOrder: undefined }, code: "MISSING_PARAMETER", field: "displayOrder" },
    { name: "fractional displayOrder", over: { displayOrder: 1.5 }, field: "displayOrder" },
    { name: "missing domainId", over: { domainId: undefined }, code: "MISSING_PARAMETER", field: "domainId" },
    { name: "unknown domainId", over: { domainId: 5 }, field: "domainId" },
    { name: "external key with /", over: { orgUnitExternalKey: "a/b" }, field: "orgUnitExternalKey" },
    { name: "unknown parent", over: { parentOrgUnitId: "externalKey:nope" }, field: "parentOrgUnitId" },
    { name: "string visible", over: { visible: "yes" }, field: "visible" },
    { name: "null useMessage", over: { useMessage: null }, field: "useMessage" },
    { name: "allowed member without userId", over: { membersAllowedToUseOrgUnitEmailAsSender: [{}] }, code: "MISSING_PARAMETER", field: "membersAllowedToUseOrgUnitEmailAsSender[0].userId" },
    { name: "unknown i18n language", over: { i18nNames: [{ name: "x", language: "fr_FR" }] }, field: "i18nNames[0].language" },
  ];
  test.each(rejects)("400 for $name", async ({ over, code, field }) => {
    const b: Record<string, unknown> = body(over);
    for (const k of Object.keys(over)) if (over[k] === undefined) delete b[k];
    expectError(await api.post("/orgunits", b), 400, code ?? "INVALID_PARAMETER", `${field}:`);
    expect(emu.objects("orgUnits")).toEqual([]);
  });

  test("a parent in another domain → 400", async () => {
    const other = await unit({ domainId: D2 });
    expectError(await create({ parentOrgUnitId: other }), 400, "INVALID_PARAMETER", `domain ${D2}`);
  });

  test("names are not unique: two units of one name under one parent", async () => {
    const parent = await unit({ orgUnitName: "Parent" });
    const a = await create({ orgUnitName: "Team", parentOrgUnitId: parent });
    const b = await create({ orgUnitName: "Team", parentOrgUnitId: parent });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.orgUnitId).not.toBe(b.body.orgUnitId);
  });

  test("external keys are unique in the tenant; emails and aliases across units (409 ALREADY_EXIST)", async () => {
    const first = await unit({ orgUnitExternalKey: "KEY", email: "team@example.com" });
    expectError(await create({ orgUnitExternalKey: "KEY", domainId: D2 }), 409, "ALREADY_EXIST", "orgUnitExternalKey:");
    expectError(await create({ email: "TEAM@example.com" }), 409, "ALREADY_EXIST", "email:");
    expectError(await create({ aliasEmails: ["team@example.com"] }), 409, "ALREADY_EXIST", "aliasEmails[0]:");
    const second = await unit({ aliasEmails: ["other@example.com"] });
    expectError(await create({ email: "other@example.com" }), 409, "ALREADY_EXIST", "email:");
    expectError(await api.patch(item(second), { orgUnitExternalKey: "KEY" }), 409, "ALREADY_EXIST", "orgUnitExternalKey:");
    expect((await api.patch(item(first), { orgUnitExternalKey: "KEY", email: "team@example.com" })).status).toBe(200);
    expect(emu.objects("orgUnits")).toHaveLength(2);
  });

  test("404 NOT_FOUND for unknown units on every item route", async () => {
    for (const ref of ["00000000-0000-0000-0000-000000000000", "externalKey:nothing"]) {
      for (const r of [
        await api.get(item(ref)),
        await api.put(item(ref), body({ email: "ab@example.com" })),
        await api.patch(item(ref), {}),
        await api.post(`${item(ref)}/move`, { displayOrder: 1 }),
        await api.del(item(ref)),
        await api.get(`${item(ref)}/members`),
      ]) expectError(r, 404, "NOT_FOUND", "org unit not found");
    }
  });

  test("scopes: orgunit.read and directory.read read, orgunit writes", async () => {
    const reader = await Api.connect(emu, "orgunit.read");
    const id = await unit();
    expect((await reader.get("/orgunits")).status).toBe(200);
    expect((await reader.get(item(id))).status).toBe(200);
    expectError(await reader.post("/orgunits", body()), 403, "FORBIDDEN");
    expectError(await (await Api.connect(emu, "directory.read")).patch(item(id), {}), 403, "FORBIDDEN");
    expect((await (await Api.connect(emu, "orgunit")).post(`${item(id)}/move`, { displayOrder: 2 })).status).toBe(200);
    expectError(await (await Api.connect(emu, "user")).get("/orgunits"), 403, "FORBIDDEN");
  });
});

describe("PUT and PATCH", () => {
  test("PATCH keeps omitted fields, ignores parentOrgUnitId and displayOrder; null clears", async () => {
    const parent = await unit({ orgUnitName: "Parent" });
    const created = await create({
      parentOrgUnitId: parent, displayOrder: 4, orgUnitExternalKey: "P", description: "text",
      aliasEmails: ["al@example.com"], ...USE_ALL, i18nNames: [{ name: "x", language: "en_US" }],
    });
    const id = created.body.orgUnitId as string;
    const r = await api.patch(item(id), { orgUnitName: "Renamed", parentOrgUnitId: null, displayOrder: 9, domainId: D1 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ...created.body, orgUnitName: "Renamed" });
    const cleared = await api.patch(item(id), { orgUnitExternalKey: null, description: null, aliasEmails: null, i18nNames: null });
    expect(cleared.body).toMatchObject({ orgUnitExternalKey: null, description: null, aliasEmails: [], i18nNames: [], useNote: true });
    for (const field of ["visible", "useNote", "canReceiveExternalMail", "orgUnitName", "email"]) {
      expectError(await api.patch(item(id), { [field]: null }), 400, "INVALID_PARAMETER", `${field}:`);
    }
    expectError(await api.patch(item(id), { domainId: D2 }), 400, "INVALID_PARAMETER", "domainId:");
    expect((await api.get(item(id))).body).toEqual(cleared.body);
  });

  test("PUT resets omitted fields (use* flags off), keeps an omitted name, requires email and domainId", async () => {
    const parent = await unit({ orgUnitName: "Parent" });
    const created = await create({ parentOrgUnitId: parent, displayOrder: 2, ...USE_ALL, useServiceNotification: true, description: "d", orgUnitExternalKey: "X" });
    const id = created.body.orgUnitId as string;
    expectError(await api.put(item(id), { domainId: D1, orgUnitName: "A" }), 400, "MISSING_PARAMETER", "email:");
    expectError(await api.put(item(id), { email: created.body.email }), 400, "MISSING_PARAMETER", "domainId:");
    const r = await api.put(item(id), { domainId: D1, email: created.body.email, useMessage: true, useTask: true, parentOrgUnitId: null, displayOrder: 7 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      ...created.body, useMessage: true, useNote: false, useCalendar: false, useTask: true, useFolder: false,
      useServiceNotification: false, description: null, orgUnitExternalKey: null,
    });
    expect(r.body).toMatchObject({ orgUnitName: "Sales", parentOrgUnitId: parent, displayOrder: 2, displayLevel: 2 });
  });

  test("useMessage false forces note, calendar, task and folder off", async () => {
    const off = await create({ useMessage: false, useNote: true, useCalendar: true, useTask: true, useFolder: true, useServiceNotification: true });
    expect(off.body).toMatchObject({ useMessage: false, useNote: false, useCalendar: false, useTask: false, useFolder: false, useServiceNotification: true });
    const on = await create({ ...USE_ALL });
    expect(on.body).toMatchObject(USE_ALL);
    const r = await api.patch(item(on.body.orgUnitId), { useMessage: false });
    expect(r.body).toMatchObject({ useMessage: false, useNote: false, useCalendar: false, useTask: false, useFolder: false });
    expect((await api.patch(item(on.body.orgUnitId), { useNote: true })).body.useNote).toBe(false);
  });
});

describe("move", () => {
  test("re-parent, reorder, to top level; the subtree's displayLevel follows", async () => {
    const a = await unit({ orgUnitName: "A", orgUnitExternalKey: "A" });
    const b = await unit({ orgUnitName: "B", displayOrder: 2 });
    const b1 = await unit({ orgUnitName: "B1", parentOrgUnitId: b });
    const b11 = await unit({ orgUnitName: "B11", parentOrgUnitId: b1 });
    const moved = await api.post(`${item(b)}/move`, { parentOrgUnitId: "externalKey:A", displayOrder: 5 });
    expect(moved.status).toBe(200);
    expect(Object.keys(moved.body)).toEqual(SHAPE);
    expect(moved.body).toMatchObject({ orgUnitId: b, parentOrgUnitId: a, parentExternalKey: "A", displayOrder: 5, displayLevel: 2 });
    const levels = () => Object.fromEntries(emu.objects("orgUnits").map((o) => [o.orgUnitName, o.displayLevel]));
    expect(levels()).toEqual({ A: 1, B: 2, B1: 3, B11: 4 });
    expect((await api.get(item(b11))).body.displayLevel).toBe(4);
    // reorder among the same siblings
    expect((await api.post(`${item(b)}/move`, { parentOrgUnitId: a, displayOrder: 1 })).body).toMatchObject({ parentOrgUnitId: a, displayOrder: 1 });
    // to the top level with null, and with the parent omitted
    expect((await api.post(`${item(b1)}/move`, { parentOrgUnitId: null, displayOrder: 3 })).body)
      .toMatchObject({ parentOrgUnitId: null, parentExternalKey: null, displayLevel: 1, displayOrder: 3 });
    expect(levels()).toEqual({ A: 1, B: 2, B1: 1, B11: 2 });
    expect((await api.post(`${item(b)}/move`, { displayOrder: 2 })).body).toMatchObject({ parentOrgUnitId: null, displayLevel: 1 });
  });

  test("under itself or one of its descendants → 400 naming both; bad bodies → 400", async () => {
    const top = await unit({ orgUnitName: "Top" });
    const mid = await unit({ orgUnitName: "Mid", parentOrgUnitId: top });
    const leaf = await unit({ orgUnitName: "Leaf", parentOrgUnitId: mid });
    const r = await api.post(`${item(top)}/move`, { parentOrgUnitId: leaf, displayOrder: 1 });
    expectError(r, 400, "INVALID_PARAMETER", "parentOrgUnitId:");
    for (const s of ["Top", top, "Leaf", leaf]) expect(r.body.description).toContain(s);
    expectError(await api.post(`${item(mid)}/move`, { parentOrgUnitId: mid, displayOrder: 1 }), 400, "INVALID_PARAMETER", "parentOrgUnitId:");
    expectError(await api.post(`${item(mid)}/move`, { parentOrgUnitId: top }), 400, "MISSING_PARAMETER", "displayOrder:");
    expectError(await api.post(`${item(mid)}/move`, { displayOrder: 0 }), 400, "INVALID_PARAMETER", "displayOrder:");
    expectError(await api.post(`${item(mid)}/move`, { parentOrgUnitId: "nope", displayOrder: 1 }), 400, "INVALID_PARAMETER", "parentOrgUnitId:");
    expectError(await api.post(`${item(mid)}/move`, { parentOrgUnitId: await unit({ domainId: D2 }), displayOrder: 1 }), 400, "INVALID_PARAMETER", "parentOrgUnitId:");
    expect(emu.objects("orgUnits", D1).map((o) => [o.orgUnitName, o.displayLevel])).toEqual([["Top", 1], ["Mid", 2], ["Leaf", 3]]);
  });

  test("the tree is at most 15 levels deep: a create or a move (with the units under it) below level 15 → 400", async () => {
    const chain: string[] = [];
    for (let level = 1; level <= 15; level++) chain.push(await unit({ orgUnitName: `L${level}`, parentOrgUnitId: chain[level - 2] ?? null }));
    expect(emu.objects("orgUnits", D1).map((o) => o.displayLevel)).toContain(15);
    const deep = await create({ orgUnitName: "L16", parentOrgUnitId: chain[14] });
    expectError(deep, 400, "INVALID_PARAMETER", "parentOrgUnitId:");
    expect(deep.body.description).toMatch(/level 16.*at most 15 levels/);
    // A top-level unit with one child may go under level 13 (reaching 15), not under level 14 (16).
    const top = await unit({ orgUnitName: "Team", displayOrder: 2 });
    await unit({ orgUnitName: "Sub", parentOrgUnitId: top });
    const refused = await api.post(`${item(top)}/move`, { parentOrgUnitId: chain[13], displayOrder: 1 });
    expectError(refused, 400, "INVALID_PARAMETER", "parentOrgUnitId:");
    expect(refused.body.description).toMatch(/"Team".*1 level\(s\) under it.*"L14".*level 16/);
    expect((await api.post(`${item(top)}/move`, { parentOrgUnitId: chain[12], displayOrder: 1 })).status).toBe(200);
    expect(emu.objects("orgUnits", D1).find((o) => o.orgUnitName === "Sub")!.displayLevel).toBe(15);
  });

  test("a hidden parent only takes hidden children (create, PUT, PATCH, move)", async () => {
    const hidden = await unit({ orgUnitName: "Hidden", visible: false });
    const open = await unit({ orgUnitName: "Open" });
    expectError(await create({ parentOrgUnitId: hidden }), 400, "INVALID_PARAMETER", "visible:");
    expectError(await create({ parentOrgUnitId: hidden, visible: true }), 400, "INVALID_PARAMETER", "Hidden");
    const child = await create({ parentOrgUnitId: hidden, visible: false });
    expect(child.status).toBe(201);
    const id = child.body.orgUnitId as string;
    expectError(await api.patch(item(id), { visible: true }), 400, "INVALID_PARAMETER", "visible:");
    expectError(await api.put(item(id), { domainId: D1, email: child.body.email }), 400, "INVALID_PARAMETER", "visible:");
    expect((await api.put(item(id), { domainId: D1, email: child.body.email, visible: false })).status).toBe(200);
    expectError(await api.post(`${item(open)}/move`, { parentOrgUnitId: hidden, displayOrder: 1 }), 400, "INVALID_PARAMETER", "visible:");
    expect((await api.patch(item(open), { visible: false })).status).toBe(200);
    expect((await api.post(`${item(open)}/move`, { parentOrgUnitId: hidden, displayOrder: 1 })).status).toBe(200);
  });
});

describe("delete", () => {
  test("refused while a sub-unit has a member; afterwards the member-less subtree goes", async () => {
    const top = await unit({ orgUnitName: "Top" });
    const mid = await unit({ orgUnitName: "Mid", parentOrgUnitId: top, orgUnitExternalKey: "MID" });
    const leaf = await unit({ orgUnitName: "Leaf", parentOrgUnitId: mid });
    const sibling = await unit({ orgUnitName: "Sibling", displayOrder: 2 });
    const user = member(leaf);
    expect(user.userId).toEqual(expect.any(String));
    for (const ref of [top, "externalKey:MID", leaf]) {
      const r = await api.del(item(ref));
      expectError(r, 400, "BAD_REQUEST");
      expect(r.body.description).toBe("The org unit cannot be deleted because it or one of its sub-units has members.");
    }
    expect(emu.objects("orgUnits")).toHaveLength(4);
    emu.remove("users", user.userId);
    const r = await api.del(item(top));
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect(emu.objects("orgUnits").map((o) => o.orgUnitId)).toEqual([sibling]);
    for (const id of [top, mid, leaf]) expectError(await api.get(item(id)), 404, "NOT_FOUND");
    expectError(await api.del(item(top)), 404, "NOT_FOUND");
  });
});

describe("list and members", () => {
  test("count=2 walks a 5-unit tree depth first, consistently, without duplicates", async () => {
    const b = await unit({ orgUnitName: "B", displayOrder: 2 });
    const a = await unit({ orgUnitName: "A", displayOrder: 1 });
    await unit({ orgUnitName: "B1", parentOrgUnitId: b, displayOrder: 1 });
    await unit({ orgUnitName: "A2", parentOrgUnitId: a, displayOrder: 2 });
    await unit({ orgUnitName: "A1", parentOrgUnitId: a, displayOrder: 1 });
    await unit({ orgUnitName: "Other domain", domainId: D2 });
    const whole = await api.get("/orgunits");
    expect(whole.body.orgUnits.map((o: any) => o.orgUnitName)).toEqual(["A", "A1", "A2", "B", "B1"]);
    expect(whole.body.responseMetaData).toEqual({ nextCursor: null });
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const r: any = await api.get(`/orgunits?domainId=${D1}&count=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(r.status).toBe(200);
      pages.push(r.body.orgUnits.map((o: any) => o.orgUnitName));
      cursor = r.body.responseMetaData.nextCursor;
    } while (cursor);
    expect(pages).toEqual([["A", "A1"], ["A2", "B"], ["B1"]]);
    expect((await api.get(`/orgunits?domainId=${D2}`)).body.orgUnits.map((o: any) => o.orgUnitName)).toEqual(["Other domain"]);
    for (const q of ["count=0", "count=101", "cursor=%%%", `cursor=${encodeURIComponent(Buffer.from("nope").toString("base64"))}`, "domainId=5"]) {
      expectError(await api.get(`/orgunits?${q}`), 400, "INVALID_PARAMETER");
    }
  });

  test("a page boundary survives a unit added before it", async () => {
    for (const n of [1, 2, 3, 4]) await unit({ orgUnitName: `U${n}`, displayOrder: n });
    const p1 = await api.get("/orgunits?count=2");
    await unit({ orgUnitName: "U0", displayOrder: 1 }); // sorts before U2, i.e. on the first page
    const p2 = await api.get(`/orgunits?count=2&cursor=${encodeURIComponent(p1.body.responseMetaData.nextCursor)}`);
    expect([...p1.body.orgUnits, ...p2.body.orgUnits].map((o: any) => o.orgUnitName)).toEqual(["U1", "U2", "U3", "U4"]);
  });

  test("members: direct members only, with their membership flags", async () => {
    const top = await unit({ orgUnitName: "Top" });
    const sub = await unit({ orgUnitName: "Sub", parentOrgUnitId: top });
    const plain = member(top, {}, { userExternalKey: "E1" });
    const lead = member(top, { isManager: true, visible: false, useTeamFeature: false });
    member(sub);
    const r = await api.get(`${item(top)}/members`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      members: [
        { userId: plain.userId, userExternalKey: "E1", isManager: false, visible: true, useTeamFeature: true },
        { userId: lead.userId, userExternalKey: null, isManager: true, visible: false, useTeamFeature: false },
      ],
      responseMetaData: { nextCursor: null },
    });
    const p1 = await api.get(`${item(top)}/members?count=1&domainId=${D1}`);
    expect(p1.body.members.map((m: any) => m.userId)).toEqual([plain.userId]);
    const p2 = await api.get(`${item(top)}/members?count=1&cursor=${encodeURIComponent(p1.body.responseMetaData.nextCursor)}`);
    expect(p2.body).toEqual({ members: [expect.objectContaining({ userId: lead.userId })], responseMetaData: { nextCursor: null } });
    expect((await api.get(`${item(sub)}/members`)).body.members).toHaveLength(1);
    expect(emu.objects("users", D1)).toHaveLength(3);
    expect(emu.objects("users", D2)).toEqual([]);
  });

  test("test controls: seed has derived fields, update moves or renames out of band, remove", async () => {
    const top = emu.seed("orgUnits", { orgUnitName: "Top", orgUnitExternalKey: "T" });
    expect(Object.keys(top)).toEqual(SHAPE);
    expect(top).toMatchObject({ domainId: D1, displayLevel: 1, parentOrgUnitId: null, visible: true, useMessage: false });
    const child = emu.seed("orgUnits", { orgUnitName: "Child", parentOrgUnitId: top.orgUnitId, displayOrder: 2 });
    expect(child).toMatchObject({ displayLevel: 2, parentExternalKey: "T" });
    const other = emu.seed("orgUnits", { orgUnitName: "Other", displayOrder: 3 });
    emu.update("orgUnits", child.orgUnitId, { parentOrgUnitId: other.orgUnitId, orgUnitName: "Renamed" });
    expect((await api.get(item(child.orgUnitId))).body).toMatchObject({ orgUnitName: "Renamed", parentOrgUnitId: other.orgUnitId, displayLevel: 2, parentExternalKey: null });
    emu.remove("orgUnits", child.orgUnitId);
    expectError(await api.get(item(child.orgUnitId)), 404, "NOT_FOUND");
    expect(() => emu.remove("orgUnits", child.orgUnitId)).toThrow();
    expect(() => emu.update("users", "nobody", {})).toThrow();
  });

  test("operations are logged (and rate-limited) under their route templates", async () => {
    const id = await unit();
    emu.resetLog();
    await api.post(`${item(id)}/move`, { displayOrder: 2 });
    await api.get(`${item(id)}/members`);
    await api.request("PUT", `${item(id)}/move`, {});
    expect(emu.log.map((e) => [e.api, e.status])).toEqual([
      ["POST /orgunits/{id}/move", 200], ["GET /orgunits/{id}/members", 200], ["PUT /orgunits/{id}/move", 405],
    ]);
  });
});

describe("ordering recorder and concurrency", () => {
  let e: Emulator;
  let a: Api;
  const startWith = async (latencyMs = 0) => {
    e = await startEmulator({ domainIds: [D1, D2], latencyMs });
    a = await Api.connect(e);
  };
  afterEach(() => e.stop());

  test("two quick writes of a domain are recorded, not refused; other domains and reads are separate", async () => {
    await startWith();
    const first = await a.post("/orgunits", body({ orgUnitName: "A" }));
    expect((await a.post("/orgunits", body({ orgUnitName: "B", domainId: D2 }))).status).toBe(201);
    await a.get("/orgunits");
    await a.get(item(first.body.orgUnitId));
    expect(e.orderingViolations).toEqual([]);
    const second = await a.patch(item(first.body.orgUnitId), { orgUnitName: "A2" });
    expect(second.status).toBe(200);
    expect(e.orderingViolations).toHaveLength(1);
    expect(e.orderingViolations[0]).toMatch(new RegExp(`PATCH .* ms after #${e.log.find((l) => l.status === 201)!.seq} POST`));
    expect(e.violations).toEqual([]);
    // a failed write counts as well
    expectError(await a.post("/orgunits", body({ displayOrder: 0 })), 400, "INVALID_PARAMETER");
    expect(e.orderingViolations).toHaveLength(2);
  });

  test("two creates a little more than the rule's spacing apart are fine", async () => {
    await startWith();
    await a.post("/orgunits", body({ orgUnitName: "A" }));
    await sleep(ORG_UNIT_WRITES.minSpacingMs + 100);
    await a.post("/orgunits", body({ orgUnitName: "B" }));
    expect(e.orderingViolations).toEqual([]);
  });

  test("overlapping writes are recorded as overlapping", async () => {
    await startWith(150);
    const [x, y] = await Promise.all([
      a.post("/orgunits", body({ orgUnitName: "A" })),
      sleep(30).then(() => a.post("/orgunits", body({ orgUnitName: "B" }))),
    ]);
    expect([x.status, y.status]).toEqual([201, 201]); // not refused: different objects
    expect(e.orderingViolations).toHaveLength(1);
    expect(e.orderingViolations[0]).toContain("overlapping");
    expect(e.violations).toEqual([]);
  });

  test("overlapping requests on one unit (ID and externalKey:) → 409 CONFLICT and a violation", async () => {
    await startWith(150);
    const id = (await a.post("/orgunits", body({ orgUnitExternalKey: "営業 1" }))).body.orgUnitId as string;
    const [x, y] = await Promise.all([
      a.patch(item(id), { orgUnitName: "X" }),
      sleep(30).then(() => a.post(`${item("externalKey:営業 1")}/move`, { displayOrder: 2 })),
    ]);
    expect(x.status).toBe(200);
    expectError(y, 409, "CONFLICT");
    expect(e.violations).toHaveLength(1);
    expect(e.violations[0]).toContain(id);
  });
});

test("org units and users survive a restart through the data file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-emu-ou-"));
  const dataFile = path.join(dir, "state.json");
  try {
    const first = await startEmulator({ dataFile });
    let top: any;
    try {
      const a = await Api.connect(first);
      top = (await a.post("/orgunits", body({ orgUnitExternalKey: "TOP" }))).body;
      await a.post("/orgunits", body({ orgUnitName: "Sub", parentOrgUnitId: "externalKey:TOP" }));
      member(top.orgUnitId, {}, {}, first);
      first.seed("users", { email: "x@example.com", organizations: [] }); // a member of nothing
    } finally {
      await first.stop();
    }
    const second = await startEmulator({ dataFile });
    try {
      const a = await Api.connect(second);
      expect((await a.get(item("externalKey:TOP"))).body).toEqual(top);
      expect((await a.get("/orgunits")).body.orgUnits.map((o: any) => [o.orgUnitName, o.displayLevel])).toEqual([["Sales", 1], ["Sub", 2]]);
      expect(second.objects("users")).toHaveLength(2);
      expectError(await a.del(item(top.orgUnitId)), 400, "BAD_REQUEST");
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
