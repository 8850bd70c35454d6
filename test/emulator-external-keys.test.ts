// Emulator: the bulk external-key endpoints (`POST/GET .../external-keys`) of positions, levels,
// user types, employment types, org units, users and groups, against a real emulator over HTTP. One table of kinds,
// the same checks for each; what only some kinds have (domain-scoped keys, email addressing,
// switches, deleted users) follows.
import { Emulator } from "../emulator";
import { Api, D1, D2, Resp, expectError, startBusyEmulator, startTwoDomainEmulator } from "./support/emulator";

let emu: Emulator;
let api: Api;

beforeAll(async () => {
  ({ emu, api } = await startBusyEmulator());
});
afterAll(() => emu.stop());
afterEach(() => {
  for (const kind of ["groups", "users", "orgUnits", "positions", "levels", "userTypes", "employmentTypes"] as const) {
    for (const o of emu.objects(kind)) emu.remove(kind, o[CASES.find((c) => c.kind === kind)!.idField]);
  }
});

type Kind = "positions" | "levels" | "userTypes" | "employmentTypes" | "orgUnits" | "users" | "groups";

interface Case {
  kind: Kind;
  /** Endpoint path below /v1.0. */
  path: string;
  /** Path of one object, for lookups by `externalKey:`. */
  itemPath: string;
  listKey: string;
  idField: string;
  keyField: string;
  scope: "domain" | "tenant";
  /** Whether the kind's entries carry `email` (and items may name an object by it). */
  email: "address" | "null" | "none";
  /** A seeded object's create body: number i, in domain d, with key k. */
  body(i: number, d: number, k: string | null): Record<string, unknown>;
  /** The `name` of the entry of seeded object i. */
  name(i: number): string;
}

const CASES: Case[] = [
  {
    kind: "positions", path: "/directory/positions/external-keys", itemPath: "/directory/positions", listKey: "positions",
    idField: "positionId", keyField: "positionExternalKey", scope: "domain", email: "none",
    body: (i, d, k) => ({ domainId: d, displayOrder: i, positionName: `Position ${i}`, positionExternalKey: k }),
    name: (i) => `Position ${i}`,
  },
  {
    kind: "levels", path: "/directory/levels/external-keys", itemPath: "/directory/levels", listKey: "levels",
    idField: "levelId", keyField: "levelExternalKey", scope: "domain", email: "none",
    body: (i, d, k) => ({ domainId: d, displayOrder: i, levelName: `Level ${i}`, executive: i === 1, levelExternalKey: k }),
    name: (i) => `Level ${i}`,
  },
  {
    kind: "userTypes", path: "/directory/user-types/external-keys", itemPath: "/directory/user-types", listKey: "userTypes",
    idField: "userTypeId", keyField: "userTypeExternalKey", scope: "tenant", email: "none",
    body: (i, d, k) => ({ domainId: d, displayOrder: i, userTypeName: `Type ${i}`, userTypeExternalKey: k }),
    name: (i) => `Type ${i}`,
  },
  {
    kind: "employmentTypes", path: "/directory/employment-types/external-keys", itemPath: "/directory/employment-types", listKey: "employmentTypes",
    idField: "employmentTypeId", keyField: "employmentTypeExternalKey", scope: "tenant", email: "none",
    body: (i, d, k) => ({ domainId: d, displayOrder: i, employmentTypeName: `Employment ${i}`, employmentTypeExternalKey: k }),
    name: (i) => `Employment ${i}`,
  },
  {
    kind: "orgUnits", path: "/orgunits/external-keys", itemPath: "/orgunits", listKey: "orgUnits",
    idField: "orgUnitId", keyField: "orgUnitExternalKey", scope: "tenant", email: "address",
    body: (i, d, k) => ({ domainId: d, displayOrder: i, orgUnitName: `Unit ${i}`, email: `unit${i}@d${d}.example.com`, orgUnitExternalKey: k }),
    name: (i) => `Unit ${i}`,
  },
  {
    kind: "users", path: "/users/external-keys", itemPath: "/users", listKey: "users",
    idField: "userId", keyField: "userExternalKey", scope: "tenant", email: "address",
    body: (i, d, k) => ({ domainId: d, email: `member${i}@d${d}.example.com`, userName: { lastName: `Last${i}`, firstName: "First" }, userExternalKey: k }),
    name: (i) => `Last${i} First`,
  },
  {
    kind: "groups", path: "/groups/external-keys", itemPath: "/groups", listKey: "groups",
    idField: "groupId", keyField: "groupExternalKey", scope: "tenant", email: "null",
    body: (i, d, k) => ({ domainId: d, groupName: `Group ${i}`, administrators: [], members: [], groupExternalKey: k }),
    name: (i) => `Group ${i}`,
  },
];

let n = 0;
/** Seeds one object of the case's kind (numbered in seeding order, so lists follow it). */
function seed(c: Case, key: string | null, d = D1): any {
  const o = emu.seed(c.kind, c.body(++n, d, key));
  return { ...o, n };
}

describe.each(CASES)("$kind", (c: Case) => {
  const post = (items: unknown) => api.post(c.path, { [c.listKey]: items });
  /** An item of the request body; domain-scoped kinds carry the object's domainId. */
  const item = (o: any, externalKey: unknown, id: string = o[c.idField]) =>
    (c.scope === "domain" ? { domainId: o.domainId, id, externalKey } : { id, externalKey });
  const keys = () => emu.objects(c.kind).map((o) => o[c.keyField]);
  const lookup = (ref: string) => api.get(`${c.itemPath}/${encodeURIComponent(ref)}${c.scope === "domain" ? `?domainId=${D1}` : ""}`);
  const entry = (o: any, externalKey: string | null) => ({
    domainId: o.domainId, name: c.name(o.n), ...(c.email === "none" ? {} : { email: c.email === "null" ? null : o.email }), id: o[c.idField], externalKey,
  });

  test("sets a key where none was, overwrites one, deletes with null (204); `externalKey:` lookups follow", async () => {
    const a = seed(c, null);
    const b = seed(c, "B-OLD");
    const cc = seed(c, "C-OLD");
    const r = await post([item(a, "A-NEW"), item(b, "B-NEW", "externalKey:B-OLD"), item(cc, null)]);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect(keys()).toEqual(["A-NEW", "B-NEW", null]);
    expect((await lookup("externalKey:A-NEW")).body[c.idField]).toBe(a[c.idField]);
    expect((await lookup("externalKey:B-NEW")).body[c.idField]).toBe(b[c.idField]);
    for (const gone of ["externalKey:B-OLD", "externalKey:C-OLD"]) expect((await lookup(gone)).status).toBe(404);
    // The full object shows the new key too.
    expect((await lookup(b[c.idField])).body[c.keyField]).toBe("B-NEW");
    // Setting the same key again, and deleting a key that is not there, are no-ops that succeed.
    expect((await post([item(a, "A-NEW"), item(cc, null)])).status).toBe(204);
    expect(keys()).toEqual(["A-NEW", "B-NEW", null]);
  });

  test("keys of 100 characters and of any other characters than \\ % # / ? are accepted", async () => {
    const a = seed(c, null);
    const b = seed(c, null);
    const odd = "key:with spaces,ümlauts&日本語+[x]";
    expect((await post([item(a, "k".repeat(100)), item(b, odd)])).status).toBe(204);
    expect(keys()).toEqual(["k".repeat(100), odd]);
    expect((await lookup(`externalKey:${odd}`)).body[c.idField]).toBe(b[c.idField]);
  });

  test("a swap of two keys in one request is fine", async () => {
    const a = seed(c, "A");
    const b = seed(c, "B");
    expect((await post([item(a, "B"), item(b, "A")])).status).toBe(204);
    expect(keys()).toEqual(["B", "A"]);
  });

  test("refusals change nothing (all or nothing): 404 unknown, 409 taken, 400 bad body or key", async () => {
    const a = seed(c, "A");
    const b = seed(c, "B");
    const free = seed(c, null);
    const L = c.listKey;
    const refusals: Array<[Resp, number, string, string]> = [
      [await post([item(free, "F"), item(a, "X", `${c.kind}-nope`)]), 404, "NOT_FOUND", `${L}[1].id:`],
      [await post([item(free, "F"), item(a, "X", "externalKey:NOPE")]), 404, "NOT_FOUND", `${L}[1].id:`],
      [await post([item(free, "F"), item(a, "B")]), 409, "ALREADY_EXIST", b[c.idField]],
      [await post([item(free, "SAME"), item(a, "SAME")]), 409, "ALREADY_EXIST", c.keyField],
      [await post([item(free, "F"), item(a, "P"), item(a, "Q", "externalKey:A")]), 400, "INVALID_PARAMETER", `${L}[2].id:`],
      [await post([item(free, "F"), item(a, "k".repeat(101))]), 400, "INVALID_PARAMETER", `${L}[1].externalKey:`],
      [await post([item(free, "F"), item(a, "")]), 400, "INVALID_PARAMETER", `${L}[1].externalKey:`],
      [await post([item(free, "F"), item(a, 7)]), 400, "INVALID_PARAMETER", `${L}[1].externalKey:`],
      [await post([item(free, "F"), { ...item(a, "X"), externalKey: undefined }]), 400, "MISSING_PARAMETER", `${L}[1].externalKey:`],
      [await post([item(free, "F"), { ...item(a, "X"), id: undefined }]), 400, "MISSING_PARAMETER", `${L}[1].id:`],
      [await post([item(free, "F"), item(a, "X", "")]), 400, "INVALID_PARAMETER", `${L}[1].id:`],
      [await post([item(free, "F"), "x"]), 400, "INVALID_PARAMETER", `${L}[1]:`],
      [await post([]), 400, "INVALID_PARAMETER", `${L}:`],
      [await post(Array.from({ length: 51 }, () => item(free, null))), 400, "INVALID_PARAMETER", `${L}:`],
      [await post({}), 400, "INVALID_PARAMETER", `${L}:`],
      [await api.post(c.path, {}), 400, "MISSING_PARAMETER", `${L}:`],
      [await api.post(c.path, [1]), 400, "BAD_REQUEST", "body"],
    ];
    for (const ch of "\\%#/?") refusals.push([await post([item(free, "F"), item(a, `a${ch}b`)]), 400, "INVALID_PARAMETER", `${L}[1].externalKey:`]);
    for (const [r, status, code, mentions] of refusals) expectError(r, status, code, mentions);
    expect(keys()).toEqual(["A", "B", null]);
  });

  test("50 items are accepted, 51 refused", async () => {
    const objs = Array.from({ length: 51 }, () => seed(c, null));
    expectError(await post(objs.map((o, i) => item(o, `K${i}`))), 400, "INVALID_PARAMETER", "1 to 50");
    expect(keys().every((k) => k === null)).toBe(true);
    expect((await post(objs.slice(0, 50).map((o, i) => item(o, `K${i}`)))).status).toBe(204);
    expect(keys()).toEqual([...Array.from({ length: 50 }, (_, i) => `K${i}`), null]);
  });

  test("GET lists {domainId, name, (email), id, externalKey} of the domain; hasExternalKey filters; pages follow nextCursor", async () => {
    const a = seed(c, "A");
    const b = seed(c, null);
    const d = seed(c, "D");
    const other = seed(c, "OTHER", D2);
    const all = await api.get(c.path);
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ [c.listKey]: [entry(a, "A"), entry(b, null), entry(d, "D")], responseMetaData: { nextCursor: null } });
    expect(Object.keys(all.body[c.listKey][0])).toEqual(Object.keys(entry(a, "A")));
    expect((await api.get(`${c.path}?hasExternalKey=true`)).body[c.listKey]).toEqual([entry(a, "A"), entry(d, "D")]);
    expect((await api.get(`${c.path}?hasExternalKey=false`)).body[c.listKey]).toEqual([entry(b, null)]);
    expect((await api.get(`${c.path}?domainId=${D2}`)).body[c.listKey]).toEqual([entry(other, "OTHER")]);
    // Paging: two by two, each page's cursor leads to the next; the filter holds across pages.
    const first = await api.get(`${c.path}?count=2`);
    expect(first.body[c.listKey]).toEqual([entry(a, "A"), entry(b, null)]);
    const cursor = first.body.responseMetaData.nextCursor;
    expect(typeof cursor).toBe("string");
    const second = await api.get(`${c.path}?count=2&cursor=${encodeURIComponent(cursor)}`);
    expect(second.body).toEqual({ [c.listKey]: [entry(d, "D")], responseMetaData: { nextCursor: null } });
    const keyed = await api.get(`${c.path}?count=1&hasExternalKey=true`);
    expect(keyed.body[c.listKey]).toEqual([entry(a, "A")]);
    const next = await api.get(`${c.path}?count=1&hasExternalKey=true&cursor=${encodeURIComponent(keyed.body.responseMetaData.nextCursor)}`);
    expect(next.body).toEqual({ [c.listKey]: [entry(d, "D")], responseMetaData: { nextCursor: null } });
    expectError(await api.get(`${c.path}?hasExternalKey=yes`), 400, "INVALID_PARAMETER", "hasExternalKey:");
    expectError(await api.get(`${c.path}?count=101`), 400, "INVALID_PARAMETER", "count:");
    expectError(await api.get(`${c.path}?cursor=nope!`), 400, "INVALID_PARAMETER", "cursor:");
    expectError(await api.get(`${c.path}?domainId=123`), 400, "INVALID_PARAMETER", "domainId:");
  });

  test("a seeded object whose key the endpoint changed is found by `externalKey:` in other requests too", async () => {
    const a = seed(c, "SEEDED");
    expect((await post([item(a, "CHANGED")])).status).toBe(204);
    expect((await lookup("externalKey:CHANGED")).body[c.idField]).toBe(a[c.idField]);
    expect((await post([item(a, "AGAIN", "externalKey:CHANGED")])).status).toBe(204);
    expect(keys()).toEqual(["AGAIN"]);
  });

  if (c.scope === "tenant") {
    test("keys are unique in the tenant: a key held in another domain → 409; items carry no domainId", async () => {
      const a = seed(c, null);
      const other = seed(c, "TAKEN", D2);
      expectError(await post([item(a, "TAKEN")]), 409, "ALREADY_EXIST", other[c.idField]);
      expect((await post([item(other, "MOVED"), item(a, "TAKEN")])).status).toBe(204);
      expect(emu.objects(c.kind).map((o) => o[c.keyField])).toEqual(["TAKEN", "MOVED"]);
    });
  } else {
    test("keys are unique in a domain: items need domainId; ids and `externalKey:` resolve in the item's domain", async () => {
      const a = seed(c, "SAME");
      const b = seed(c, "SAME", D2);
      const free = seed(c, null);
      expect(keys()).toEqual(["SAME", "SAME", null]);
      expectError(await post([{ id: a[c.idField], externalKey: "X" }]), 400, "MISSING_PARAMETER", `${c.listKey}[0].domainId:`);
      expectError(await post([{ domainId: "x", id: a[c.idField], externalKey: "X" }]), 400, "INVALID_PARAMETER", `${c.listKey}[0].domainId:`);
      expectError(await post([{ domainId: 42, id: a[c.idField], externalKey: "X" }]), 400, "INVALID_PARAMETER", `${c.listKey}[0].domainId:`);
      // An ID of another domain's object is not found in the item's domain.
      expectError(await post([{ domainId: D1, id: b[c.idField], externalKey: "X" }]), 404, "NOT_FOUND", `domain ${D1}`);
      expectError(await post([item(free, "SAME")]), 409, "ALREADY_EXIST", a[c.idField]);
      // `externalKey:SAME` names a different object in each domain.
      expect((await post([{ domainId: D2, id: "externalKey:SAME", externalKey: "B2" }, { domainId: D1, id: "externalKey:SAME", externalKey: "A1" }])).status).toBe(204);
      expect(keys()).toEqual(["A1", "B2", null]);
      expect((await post([item(free, "B2")])).status).toBe(204); // B2 is held in D2 only
    });

    test("a switched-off kind answers 403 for the domain (GET and POST)", async () => {
      const a = seed(c, null);
      emu.setFeature(D2, c.kind as "positions" | "levels", false);
      expectError(await api.get(`${c.path}?domainId=${D2}`), 403, "FORBIDDEN");
      expectError(await post([{ domainId: D2, id: a[c.idField], externalKey: "X" }]), 403, "FORBIDDEN");
      emu.setFeature(D2, c.kind as "positions" | "levels", true);
    });
  }

  test("scopes: directory writes; directory.read only reads; unsupported methods → 405", async () => {
    const a = seed(c, null);
    const reader = await Api.connect(emu, "directory.read");
    expect((await reader.get(c.path)).status).toBe(200);
    expectError(await reader.post(c.path, { [c.listKey]: [item(a, "X")] }), 403, "FORBIDDEN");
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expectError(await api.request(method, c.path, {}), 405, "METHOD_NOT_ALLOWED");
    }
    expect(emu.log.slice(-3).map((e) => e.api)).toEqual(["PUT", "PATCH", "DELETE"].map((m) => `${m} ${c.path}`));
  });
});

describe("kind-specific addressing and rules", () => {
  const users = CASES.find((c) => c.kind === "users")!;
  const units = CASES.find((c) => c.kind === "orgUnits")!;

  test("users: an item may name the member by login email (any case); the kind's own scopes do not reach the endpoints", async () => {
    const a = seed(users, null);
    expect((await api.post(users.path, { users: [{ id: a.email.toUpperCase(), externalKey: "BY-MAIL" }] })).status).toBe(204);
    expect((await api.get(`/users/${encodeURIComponent("externalKey:BY-MAIL")}`)).body.userId).toBe(a.userId);
    const userScope = await Api.connect(emu, "user");
    expectError(await userScope.get(users.path), 403, "FORBIDDEN");
    expectError(await userScope.post(users.path, { users: [{ id: a.userId, externalKey: null }] }), 403, "FORBIDDEN");
  });

  test("users: a soft-deleted member is not listed and cannot be changed (400), but still holds its key (409)", async () => {
    const gone = seed(users, "GONE");
    const a = seed(users, null);
    expect((await api.del(`/users/${gone.userId}`)).status).toBe(204);
    expect((await api.get(users.path)).body.users.map((u: any) => u.id)).toEqual([a.userId]);
    expectError(await api.post(users.path, { users: [{ id: gone.userId, externalKey: null }] }), 400, "INVALID_PARAMETER", "deleted");
    expectError(await api.post(users.path, { users: [{ id: a.userId, externalKey: "GONE" }] }), 409, "ALREADY_EXIST", gone.userId);
  });

  test("org units: an item may name the unit by its email; entries carry the unit's email; list order is the tree's", async () => {
    const parent = seed(units, null);
    const child = emu.seed("orgUnits", { ...units.body(++n, D1, "CHILD"), parentOrgUnitId: parent.orgUnitId, displayOrder: 1 });
    const sibling = seed(units, null); // displayOrder above parent's: after the parent's subtree
    expect((await api.get(units.path)).body.orgUnits.map((u: any) => u.id)).toEqual([parent.orgUnitId, child.orgUnitId, sibling.orgUnitId]);
    expect((await api.post(units.path, { orgUnits: [{ id: parent.email.toUpperCase(), externalKey: "PARENT" }] })).status).toBe(204);
    // The child's derived parentExternalKey follows.
    expect((await api.get(`/orgunits/${child.orgUnitId}`)).body.parentExternalKey).toBe("PARENT");
    expectError(await api.post(units.path, { orgUnits: [{ id: "nobody@d10000001.example.com", externalKey: "X" }] }), 404, "NOT_FOUND");
  });

  test("groups: an external group's key cannot be changed (403); nothing changes", async () => {
    const admin = seed(users, null);
    const ext = emu.seed("groups", { groupName: "Partners", groupType: "EXTERNAL", administrators: [{ userId: admin.userId }], members: [] });
    const g = seed(CASES.find((c) => c.kind === "groups")!, null);
    expectError(await api.post("/groups/external-keys", { groups: [{ id: g.groupId, externalKey: "G" }, { id: ext.groupId, externalKey: "E" }] }), 403, "FORBIDDEN");
    expect(emu.objects("groups").map((o) => o.groupExternalKey)).toEqual([null, null]);
  });
});

describe("rate budgets", () => {
  test("the bulk writes and reads count per API and domain like every other request (429 past the limit)", async () => {
    const { emu: small, api: smallApi } = await startTwoDomainEmulator({ rateLimitPerMinute: 2 });
    try {
      const u = small.seed("users", { email: "a@example.com", userName: { lastName: "A" } });
      const send = () => smallApi.post("/users/external-keys", { users: [{ id: u.userId, externalKey: "K" }] });
      expect((await send()).status).toBe(204);
      const second = await send();
      expect(second.status).toBe(204);
      expect(second.headers.get("rateLimit-remaining")).toBe("0");
      expectError(await send(), 429, "TOO_MANY_REQUESTS");
      // Another API (the GET) and another kind's endpoint have their own budgets.
      expect((await smallApi.get("/users/external-keys")).status).toBe(200);
      expect((await smallApi.get("/orgunits/external-keys")).status).toBe(200);
    } finally {
      await small.stop();
    }
  });
});
