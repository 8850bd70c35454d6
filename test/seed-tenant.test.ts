// tools/seed-tenant.ts: the seeded company as the emulator's own API shows it (lists read over
// HTTP with a token), its references, its objects without keys, its determinism, and the shape of
// seeded objects against objects created through the API.
import { Emulator } from "../emulator";
import { SEED_KINDS, type SeedKind, type SeedSummary, seedTenant } from "../tools/seed-tenant";
import { Api, D1, D2, Resp, startEmulator } from "./support/emulator";

/** Per kind: list path, list key, ID and key fields, the external-key endpoint (if any), key pattern. */
const KINDS: Record<SeedKind, { path: string; listKey: string; idField: string; keyField: string; keys?: string; pattern: RegExp }> = {
  positions: { path: "/directory/positions", listKey: "positions", idField: "positionId", keyField: "positionExternalKey", keys: "/directory/positions/external-keys", pattern: /^POS_\d{3}$/ },
  levels: { path: "/directory/levels", listKey: "levels", idField: "levelId", keyField: "levelExternalKey", keys: "/directory/levels/external-keys", pattern: /^LV_\d{2}$/ },
  userTypes: { path: "/directory/user-types", listKey: "userTypes", idField: "userTypeId", keyField: "userTypeExternalKey", keys: "/directory/user-types/external-keys", pattern: /^UT_\d{2}$/ },
  employmentTypes: { path: "/directory/employment-types", listKey: "employmentTypes", idField: "employmentTypeId", keyField: "employmentTypeExternalKey", pattern: /^ET_\d{2}$/ },
  orgUnits: { path: "/orgunits", listKey: "orgUnits", idField: "orgUnitId", keyField: "orgUnitExternalKey", keys: "/orgunits/external-keys", pattern: /^OU_\d{3}$/ },
  users: { path: "/users", listKey: "users", idField: "userId", keyField: "userExternalKey", keys: "/users/external-keys", pattern: /^EMP_\d{4}$/ },
  groups: { path: "/groups", listKey: "groups", idField: "groupId", keyField: "groupExternalKey", keys: "/groups/external-keys", pattern: /^GRP_\d{2}$/ },
};

let emu: Emulator;
let api: Api;
let summary: SeedSummary;
/** Every kind's objects as the API lists them (groups: as GET one shows them, with members). */
const live = {} as Record<SeedKind, any[]>;
const byId = {} as Record<SeedKind, Map<string, any>>;

/** Every page of a list, following nextCursor. */
async function all(client: Api, path: string, key: string): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const r: Resp = await client.get(`${path}${sep}count=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body[key]);
    cursor = r.body.responseMetaData.nextCursor;
  } while (cursor);
  return out;
}

async function ok(r: Promise<Resp>, status = 200): Promise<any> {
  const res = await r;
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  emu = await startEmulator({ domainIds: [D1, D2], rateLimitPerMinute: 1_000_000 });
  summary = seedTenant(emu);
  api = await Api.connect(emu);
  for (const kind of SEED_KINDS) {
    const k = KINDS[kind];
    live[kind] = await all(api, `${k.path}?domainId=${D1}`, k.listKey);
    if (kind === "groups") live[kind] = await Promise.all(live[kind].map((g) => ok(api.get(`/groups/${g.groupId}`))));
    byId[kind] = new Map(live[kind].map((o) => [o[k.idField], o]));
  }
});
afterAll(() => emu.stop());

const count = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length;

test("counts and keyless counts per kind: as the summary says and as the API lists", () => {
  expect(summary.domainId).toBe(D1);
  expect(summary.counts).toEqual({ positions: 20, levels: 6, userTypes: 4, employmentTypes: 2, orgUnits: 50, users: 320, groups: 10 });
  expect(summary.keyless).toEqual({ positions: 2, levels: 1, userTypes: 0, employmentTypes: 0, orgUnits: 3, users: 6, groups: 1 });
  for (const kind of SEED_KINDS) {
    const k = KINDS[kind];
    expect([...byId[kind].keys()].sort()).toEqual([...summary.ids[kind]].sort());
    expect(summary.keylessIds[kind]).toHaveLength(summary.keyless[kind]);
    for (const o of live[kind]) {
      if (summary.keylessIds[kind].includes(o[k.idField])) expect(o[k.keyField]).toBeNull();
      else expect(o[k.keyField]).toMatch(k.pattern);
    }
    expect(new Set(live[kind].map((o) => o[k.keyField]).filter((x) => x !== null)).size).toBe(summary.counts[kind] - summary.keyless[kind]);
  }
  // The switches are on; other domains stay empty.
  for (const kind of ["positions", "levels", "userTypes", "employmentTypes"] as const) expect(emu.featureEnabled(D1, kind)).toBe(true);
  for (const kind of SEED_KINDS) expect(emu.objects(kind, D2)).toEqual([]);
});

test("the objects without a key are what GET .../external-keys?hasExternalKey=false lists", async () => {
  for (const kind of SEED_KINDS) {
    const k = KINDS[kind];
    if (!k.keys) continue;
    const keyless = await all(api, `${k.keys}?domainId=${D1}&hasExternalKey=false`, k.listKey);
    expect(keyless.map((e) => e.id).sort()).toEqual([...summary.keylessIds[kind]].sort());
    expect(await all(api, `${k.keys}?hasExternalKey=true`, k.listKey)).toHaveLength(summary.counts[kind] - summary.keyless[kind]);
  }
  // Keyless units: below the top, with names no other unit has.
  const names = live.orgUnits.map((u) => u.orgUnitName);
  for (const id of summary.keylessIds.orgUnits) {
    const u = byId.orgUnits.get(id);
    expect(u.displayLevel).toBeGreaterThan(1);
    expect(count(names, (n) => n === u.orgUnitName)).toBe(1);
  }
});

test("positions, levels, user types, employment types: names unique, i18nNames (ja_JP) on most, executives, user-type codes", () => {
  for (const kind of ["positions", "levels", "userTypes", "employmentTypes"] as const) {
    const list = live[kind];
    const nameField = { positions: "positionName", levels: "levelName", userTypes: "userTypeName", employmentTypes: "employmentTypeName" }[kind];
    expect(new Set(list.map((o) => o[nameField])).size).toBe(list.length);
    expect(count(list, (o) => o.i18nNames.length === 1 && o.i18nNames[0].language === "ja_JP")).toBeGreaterThan(list.length / 2);
    expect(list.map((o) => o.displayOrder)).toEqual(list.map((_o, i) => i + 1));
  }
  expect(count(live.levels, (l) => l.executive)).toBeGreaterThanOrEqual(1);
  expect(count(live.levels, (l) => !l.executive)).toBeGreaterThanOrEqual(1);
  for (const t of [...live.userTypes, ...live.employmentTypes]) expect(t.userTypeCode).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
});

test("org units: exactly four levels (1, 5, 14, 30), parents seeded first, distinct sibling order, derived fields filled", () => {
  const units = live.orgUnits;
  const levels = [1, 2, 3, 4].map((l) => count(units, (u) => u.displayLevel === l));
  expect(levels).toEqual([1, 5, 14, 30]);
  const seedOrder = summary.ids.orgUnits;
  for (const u of units) {
    if (u.displayLevel === 1) {
      expect(u.parentOrgUnitId).toBeNull();
      continue;
    }
    const parent = byId.orgUnits.get(u.parentOrgUnitId);
    expect(parent).toBeDefined();
    expect(parent.displayLevel).toBe(u.displayLevel - 1);
    expect(u.parentExternalKey).toBe(parent.orgUnitExternalKey);
    expect(seedOrder.indexOf(parent.orgUnitId)).toBeLessThan(seedOrder.indexOf(u.orgUnitId));
  }
  const siblings = new Map<string | null, number[]>();
  for (const u of units) siblings.set(u.parentOrgUnitId, [...(siblings.get(u.parentOrgUnitId) ?? []), u.displayOrder]);
  for (const orders of siblings.values()) expect(new Set(orders).size).toBe(orders.length);
  // Every department has teams; every division has departments.
  for (const u of units.filter((x) => x.displayLevel < 4)) expect(count(units, (c) => c.parentOrgUnitId === u.orgUnitId)).toBeGreaterThan(0);
  const emails = units.map((u) => u.email);
  expect(new Set(emails).size).toBe(units.length);
  for (const e of emails) expect(e).toMatch(/^[a-z0-9][a-z0-9._-]{1,63}@d10000001\.example\.com$/);
  expect(count(units, (u) => u.useMessage)).toBeGreaterThan(0);
  expect(count(units, (u) => !u.useMessage)).toBeGreaterThan(0);
  expect(units.every((u) => u.visible === true)).toBe(true);
  expect(count(units, (u) => u.i18nNames.length === 1)).toBeGreaterThan(units.length / 2);
});

test("members: valid unique emails, names, keys, a user type, a level, exactly one primary unit with a position; every reference resolves", () => {
  const users = live.users;
  expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
  let twoUnits = 0;
  let employment = 0;
  for (const u of users) {
    expect(u.email).toMatch(/^[a-z0-9][a-z0-9._-]{1,39}@d10000001\.example\.com$/);
    expect(u.email).not.toMatch(/\.\.|\.@/);
    expect(u.userName.lastName).toMatch(/^[A-Z][a-z]+$/);
    expect(u.userName.firstName).toMatch(/^[A-Z][a-z]+$/);
    expect(byId.userTypes.get(u.userTypeId)).toBeDefined();
    expect(u.userTypeCode).toBe(byId.userTypes.get(u.userTypeId).userTypeCode);
    if (u.employmentTypeId !== null) {
      employment++;
      expect(u.employmentTypeExternalKey).toBe(byId.employmentTypes.get(u.employmentTypeId).employmentTypeExternalKey);
    }
    expect(u).toMatchObject({ domainId: D1, isPending: false, isDeleted: false, isSuspended: false });
    expect(u.organizations).toHaveLength(1);
    const [org] = u.organizations;
    expect(org).toMatchObject({ domainId: D1, primary: true });
    expect(org.levelExternalKey).toBe(byId.levels.get(org.levelId).levelExternalKey);
    const primaries = org.orgUnits.filter((e: any) => e.primary);
    expect(primaries).toHaveLength(1);
    expect(byId.positions.get(primaries[0].positionId)).toBeDefined();
    for (const e of org.orgUnits) {
      const unit = byId.orgUnits.get(e.orgUnitId);
      expect(unit).toBeDefined();
      expect({ key: e.orgUnitExternalKey, name: e.orgUnitName, email: e.orgUnitEmail }).toEqual({ key: unit.orgUnitExternalKey, name: unit.orgUnitName, email: unit.email });
      if (e.positionId !== null) expect(e.positionExternalKey).toBe(byId.positions.get(e.positionId).positionExternalKey);
    }
    expect(new Set(org.orgUnits.map((e: any) => e.orgUnitId)).size).toBe(org.orgUnits.length);
    if (org.orgUnits.length === 2) twoUnits++;
  }
  expect(twoUnits).toBeGreaterThanOrEqual(3);
  expect(employment).toBeGreaterThanOrEqual(2);
  expect(employment).toBeLessThan(10);
  // Keyless positions and the keyless level are held by members (an export must name them somehow).
  const held = new Set(users.flatMap((u) => u.organizations[0].orgUnits.map((e: any) => e.positionId)));
  for (const id of summary.keylessIds.positions) expect(held.has(id)).toBe(true);
  const levelsHeld = new Set(users.map((u) => u.organizations[0].levelId));
  for (const id of summary.keylessIds.levels) expect(levelsHeld.has(id)).toBe(true);
});

test("leaders: at most one per unit, most units have one; every unit has members (GET /orgunits/{id}/members)", async () => {
  let led = 0;
  for (const u of live.orgUnits) {
    const members = await all(api, `/orgunits/${u.orgUnitId}/members`, "members");
    expect(members.length).toBeGreaterThan(0);
    const leaders = count(members, (m) => m.isManager);
    expect(leaders).toBeLessThanOrEqual(1);
    led += leaders;
  }
  expect(led).toBeGreaterThanOrEqual(live.orgUnits.length * 0.8);
  expect(led).toBeLessThan(live.orgUnits.length);
});

test("groups: ordinary, 1-2 administrators who are members, 5-40 members mixing USER, ORGUNIT and one earlier GROUP; all resolve", () => {
  const target: Record<string, SeedKind> = { USER: "users", ORGUNIT: "orgUnits", GROUP: "groups" };
  for (const [i, g] of live.groups.entries()) {
    expect(g).not.toHaveProperty("groupType");
    expect(g.administrators.length).toBeGreaterThanOrEqual(1);
    expect(g.administrators.length).toBeLessThanOrEqual(2);
    const userMembers = g.members.filter((m: any) => m.type === "USER").map((m: any) => m.id);
    for (const a of g.administrators) {
      expect(byId.users.get(a.userId).userExternalKey).toBe(a.userExternalKey);
      expect(userMembers).toContain(a.userId);
    }
    expect(g.members.length).toBeGreaterThanOrEqual(5);
    expect(g.members.length).toBeLessThanOrEqual(40);
    for (const m of g.members) {
      const o = byId[target[m.type]].get(m.id);
      expect(o).toBeDefined();
      expect(m.externalKey).toBe(o[KINDS[target[m.type]].keyField]);
    }
    const types = g.members.map((m: any) => m.type);
    expect(types).toContain("USER");
    expect(types).toContain("ORGUNIT");
    const nested = g.members.filter((m: any) => m.type === "GROUP");
    expect(nested).toHaveLength(i === 0 ? 0 : 1);
    // An earlier group: nesting has no cycle.
    for (const m of nested) expect(summary.ids.groups.indexOf(m.id)).toBeLessThan(summary.ids.groups.indexOf(g.groupId));
  }
  expect(count(live.groups, (g) => g.useMessage)).toBeGreaterThan(0);
  expect(count(live.groups, (g) => !g.useMessage)).toBeGreaterThan(0);
});

describe("a second emulator", () => {
  let emu2: Emulator;
  let api2: Api;
  beforeAll(async () => {
    emu2 = await startEmulator({ domainIds: [D1, D2], rateLimitPerMinute: 1_000_000 });
    api2 = await Api.connect(emu2);
  });
  afterAll(() => emu2.stop());

  test("seeding twice (two emulators) gives identical data, IDs included", () => {
    expect(seedTenant(emu2)).toEqual(summary);
    for (const kind of SEED_KINDS) expect(emu2.objects(kind, D1)).toEqual(emu.objects(kind, D1));
  });

  test("every seeded object passes the API's own validation: PUT back as read → 200 and unchanged", async () => {
    for (const kind of SEED_KINDS) {
      for (const o of emu2.objects(kind, D1)) {
        const r = await api2.put(put(kind, o), o);
        if (r.status !== 200) throw new Error(`${kind} ${JSON.stringify(o)}: ${r.status} ${JSON.stringify(r.body)}`);
      }
      expect(emu2.objects(kind, D1)).toEqual(emu.objects(kind, D1));
    }
  });

  test("an object created through the API has the shape of a seeded one (same properties, same order, nested too)", async () => {
    const seeded = (kind: SeedKind, i = 0) => emu2.objects(kind, D1).find((o) => o[KINDS[kind].idField] === summary.ids[kind][i]);
    const ja = [{ name: "新規", language: "ja_JP" }];
    const dept = live.orgUnits.find((u) => u.displayLevel === 3);
    const created: Record<SeedKind, any> = {
      positions: await ok(api2.post("/directory/positions", { domainId: D1, displayOrder: 99, positionName: "Intern", positionExternalKey: "POS_999", i18nNames: ja }), 201),
      levels: await ok(api2.post("/directory/levels", { domainId: D1, displayOrder: 99, levelName: "Trainee", executive: false, levelExternalKey: "LV_99", i18nNames: ja }), 201),
      userTypes: await ok(api2.post("/directory/user-types", { domainId: D1, displayOrder: 99, userTypeName: "Intern", userTypeCode: "INTERN", userTypeExternalKey: "UT_99", i18nNames: ja }), 201),
      employmentTypes: await ok(api2.post("/directory/employment-types", { domainId: D1, displayOrder: 99, employmentTypeName: "Intern", userTypeCode: "INTERN", employmentTypeExternalKey: "ET_99", i18nNames: ja }), 201),
      orgUnits: await ok(api2.post("/orgunits", { domainId: D1, orgUnitName: "New Team", displayOrder: 99, parentOrgUnitId: dept.orgUnitId, orgUnitExternalKey: "OU_999", i18nNames: ja }), 201),
      users: await ok(api2.post("/users", {
        domainId: D1, email: "new.member@d10000001.example.com", userName: { lastName: "New", firstName: "Member" }, userExternalKey: "EMP_9999",
        privateEmail: "new.member@example.org", userTypeId: summary.ids.userTypes[0], i18nNames: [{ language: "ja_JP", lastName: "新", firstName: "人" }],
        organizations: [{ domainId: D1, primary: true, levelId: summary.ids.levels[5], orgUnits: [{ orgUnitId: dept.orgUnitId, primary: true, positionId: summary.ids.positions[15] }] }],
      }), 201),
      groups: await ok(api2.post("/groups", {
        domainId: D1, groupName: "New Group", groupExternalKey: "GRP_99", administrators: [{ userId: summary.ids.users[0] }],
        members: [{ id: summary.ids.users[0], type: "USER" }, { id: dept.orgUnitId, type: "ORGUNIT" }, { id: summary.ids.groups[0], type: "GROUP" }],
      }), 201),
    };
    for (const kind of SEED_KINDS) {
      const fresh = await ok(api2.get(put(kind, created[kind])));
      const mine = await ok(api2.get(put(kind, seeded(kind, kind === "groups" ? 1 : 0))));
      expect({ kind, shape: shape(fresh) }).toEqual({ kind, shape: shape(mine) });
      expect(JSON.stringify(shape(fresh))).toBe(JSON.stringify(shape(mine)));
    }
    // What the service derives is filled for seeded objects just as for created ones.
    const unit = await ok(api2.get(`/orgunits/${summary.ids.orgUnits[1]}`));
    expect(unit).toMatchObject({ displayLevel: 2, parentExternalKey: "OU_001", email: expect.stringContaining("@d10000001.example.com") });
    const member = await ok(api2.get(`/users/${summary.ids.users[0]}`));
    expect(member.organizations[0].orgUnits[0]).toMatchObject({ positionExternalKey: "POS_001", positionName: "President", orgUnitExternalKey: "OU_001", isManager: true });
    // A created member waits for the first login; seeded members have logged in.
    expect({ created: created.users.isPending, seeded: member.isPending }).toEqual({ created: true, seeded: false });
  });
});

test("options: a smaller company keeps four levels and the keyless objects; impossible options are refused", async () => {
  const small = await startEmulator({ domainIds: [D2] });
  try {
    const s = seedTenant(small, { domainId: D2, members: 60, units: 20, groups: 3 });
    expect(s.counts).toMatchObject({ orgUnits: 20, users: 60, groups: 3 });
    expect(s.keyless).toMatchObject({ positions: 2, levels: 1, orgUnits: 3, users: 6, groups: 1 });
    const units = small.objects("orgUnits", D2);
    expect(new Set(units.map((u) => u.displayLevel))).toEqual(new Set([1, 2, 3, 4]));
    expect(small.objects("users", D2).every((u) => u.email.endsWith("@d10000002.example.com"))).toBe(true);
    expect(() => seedTenant(small, { units: 4 })).toThrow(/units/);
    expect(() => seedTenant(small, { units: 20, members: 10 })).toThrow(/members/);
    expect(() => seedTenant(small, { groups: 1 })).toThrow(/groups/);
  } finally {
    await small.stop();
  }
});

/** Property names, in order, nested (an array: its first item's; an empty array: []); values left out. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length > 0 ? [shape(v[0])] : [];
  if (v !== null && typeof v === "object") return Object.entries(v).map(([k, x]) => (x !== null && typeof x === "object" ? { [k]: shape(x) } : k));
  return "value";
}

/** The item path of an object of a kind. */
function put(kind: SeedKind, o: any): string {
  const k = KINDS[kind];
  return `${k.path}/${o[k.idField]}`;
}
