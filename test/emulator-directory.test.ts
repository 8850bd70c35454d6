// Emulator: the directory collections (positions, levels, user types, employment types).
import { Emulator } from "../emulator";
import { Api, D1, D2, KINDS, KindInfo, expectError, startBusyEmulator, startEmulator, validBody } from "./support/emulator";

let emu: Emulator;
let api: Api;

beforeAll(async () => {
  ({ emu, api } = await startBusyEmulator());
});
afterAll(() => emu.stop());

/** Wipes every kind in both domains between tests (disable wipes), then switches back on. */
afterEach(() => {
  for (const k of KINDS) for (const d of [D1, D2]) { emu.setFeature(d, k.kind, false); emu.setFeature(d, k.kind, true); }
});

const long = (n: number, ch = "a") => ch.repeat(n);

describe.each(KINDS)("$kind", (k: KindInfo) => {
  const base = `/directory/${k.route}`;
  const create = (over: Record<string, unknown> = {}) => api.post(base, validBody(k, over));
  const idOf = (r: { body: any }) => r.body[k.idField] as string;

  test("create → 201 with every schema property", async () => {
    const r = await create();
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(k.shape);
    expect(r.body).toMatchObject({ domainId: D1, displayOrder: 1, [k.nameField]: "Staff", [k.extField]: null, i18nNames: [] });
    if (k.hasUserTypeCode) expect(r.body.userTypeCode).toBeNull();
    expect(idOf(r)).toMatch(new RegExp(`^${k.idPrefix}[0-9a-f]*-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
    expect(idOf(r)).toHaveLength(36);
    expect((await api.get(`${base}/${idOf(r)}`)).body).toEqual(r.body);
    expect(emu.objects(k.kind)).toEqual([r.body]);
  });

  test("create with every optional field; unknown fields are ignored", async () => {
    const full = {
      [k.extField]: "EXT_01", i18nNames: [{ name: "スタッフ", language: "ja_JP" }, { name: "Staff", language: "en_US" }],
      ...(k.hasUserTypeCode ? { userTypeCode: "Regular_1" } : {}), surprise: true,
    };
    const r = await create(full);
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty("surprise");
    expect(r.body).toMatchObject({ [k.extField]: "EXT_01", i18nNames: full.i18nNames });
    if (k.hasUserTypeCode) expect(r.body.userTypeCode).toBe("Regular_1");
  });

  test.each([
    ["100 characters", long(100)],
    ["allowed specials", "!@&()-_+[]{},./"],
    ["letters of any script, digits, spaces", "営業 부장 Ünïcode Ελληνικά 123"],
    // The documented rule is about half-width characters only: full-width punctuation and other symbols pass.
    ["full-width punctuation and non-ASCII symbols", "部長・課長〜（東京）R&D＆Sales、€😀"],
  ])("name accepts %s", async (_n, name) => {
    const r = await create({ [k.nameField]: name });
    expect(r.status).toBe(201);
    expect(r.body[k.nameField]).toBe(name);
  });

  test("negative and duplicate displayOrder are allowed", async () => {
    expect((await create({ displayOrder: -5, [k.nameField]: "A" })).status).toBe(201);
    expect((await create({ displayOrder: -5, [k.nameField]: "B" })).status).toBe(201);
  });

  const createCases: Array<[string, Record<string, unknown>, string, string, string?]> = [
    // [case, body override, code, field mentioned, text mentioned]
    ["missing name", { [k.nameField]: undefined }, "MISSING_PARAMETER", k.nameField],
    ["null name", { [k.nameField]: null }, "INVALID_PARAMETER", k.nameField],
    ["empty name", { [k.nameField]: "" }, "INVALID_PARAMETER", k.nameField],
    ["numeric name", { [k.nameField]: 5 }, "INVALID_PARAMETER", k.nameField],
    ["101-character name", { [k.nameField]: long(101) }, "INVALID_PARAMETER", k.nameField, "at most 100"],
    ...["#", "*", "%", "'", "\"", "?", "~", ":", ";", "<", "=", "|", "\\", "$", "^", "`", "\n"].map(
      (ch): [string, Record<string, unknown>, string, string] => [`name with ${JSON.stringify(ch)}`, { [k.nameField]: `A${ch}B` }, "INVALID_PARAMETER", k.nameField]),
    ["missing displayOrder", { displayOrder: undefined }, "MISSING_PARAMETER", "displayOrder"],
    ["fractional displayOrder", { displayOrder: 1.5 }, "INVALID_PARAMETER", "displayOrder"],
    ["string displayOrder", { displayOrder: "1" }, "INVALID_PARAMETER", "displayOrder"],
    ["displayOrder beyond int32", { displayOrder: 2 ** 31 }, "INVALID_PARAMETER", "displayOrder"],
    ["101-character external key", { [k.extField]: long(101) }, "INVALID_PARAMETER", k.extField, "at most 100"],
    ["empty external key", { [k.extField]: "" }, "INVALID_PARAMETER", k.extField],
    ["numeric external key", { [k.extField]: 7 }, "INVALID_PARAMETER", k.extField],
    ...["\\", "%", "#", "/", "?"].map((ch): [string, Record<string, unknown>, string, string] =>
      [`external key with ${ch}`, { [k.extField]: `a${ch}b` }, "INVALID_PARAMETER", k.extField]),
    ["i18nNames not an array", { i18nNames: { name: "x", language: "en_US" } }, "INVALID_PARAMETER", "i18nNames"],
    ["i18nNames element not an object", { i18nNames: ["x"] }, "INVALID_PARAMETER", "i18nNames[0]"],
    ["i18nNames without name", { i18nNames: [{ language: "en_US" }] }, "MISSING_PARAMETER", "i18nNames[0].name"],
    ["i18nNames empty name", { i18nNames: [{ name: "", language: "en_US" }] }, "INVALID_PARAMETER", "i18nNames[0].name"],
    ["i18nNames 101-character name", { i18nNames: [{ name: long(101), language: "en_US" }] }, "INVALID_PARAMETER", "i18nNames[0].name", "at most 100"],
    ["i18nNames without language", { i18nNames: [{ name: "x" }] }, "MISSING_PARAMETER", "i18nNames[0].language"],
    ["i18nNames unknown language", { i18nNames: [{ name: "x", language: "en_US" }, { name: "y", language: "fr_FR" }] }, "INVALID_PARAMETER", "i18nNames[1].language"],
    ["i18nNames duplicate language", { i18nNames: [{ name: "x", language: "en_US" }, { name: "y", language: "en_US" }] }, "INVALID_PARAMETER", "i18nNames[1].language"],
    ["missing domainId", { domainId: undefined }, "MISSING_PARAMETER", "domainId"],
    ["string domainId", { domainId: String(D1) }, "INVALID_PARAMETER", "domainId"],
    ["unknown domainId", { domainId: 999 }, "INVALID_PARAMETER", "domainId"],
    ...(k.kind === "levels" ? [
      ["missing executive", { executive: undefined }, "MISSING_PARAMETER", "executive"],
      ["string executive", { executive: "true" }, "INVALID_PARAMETER", "executive"],
    ] as Array<[string, Record<string, unknown>, string, string]> : []),
    ...(k.hasUserTypeCode ? [
      ["51-character userTypeCode", { userTypeCode: long(51) }, "INVALID_PARAMETER", "userTypeCode", "at most 50"],
      ["userTypeCode starting with a digit", { userTypeCode: "1abc" }, "INVALID_PARAMETER", "userTypeCode"],
      ["userTypeCode with a hyphen", { userTypeCode: "ab-c" }, "INVALID_PARAMETER", "userTypeCode"],
      ["userTypeCode with non-ASCII letters", { userTypeCode: "Ünic" }, "INVALID_PARAMETER", "userTypeCode"],
      ["empty userTypeCode", { userTypeCode: "" }, "INVALID_PARAMETER", "userTypeCode"],
    ] as Array<[string, Record<string, unknown>, string, string]> : []),
  ];

  // Objects, not tuples: rows of different lengths would make jest pass a `done` callback.
  const createRows = createCases.map(([name, over, code, field, text]) => ({ name, over, code, field, text }));
  test.each(createRows)("create rejects $name", async ({ over, code, field, text }) => {
    const body = validBody(k, over);
    for (const key of Object.keys(over)) if (over[key] === undefined) delete body[key];
    const r = await api.post(base, body);
    expectError(r, 400, code, `${field}:`);
    if (text) expect(r.body.description).toContain(text);
    expect(emu.objects(k.kind)).toEqual([]);
  });

  if (k.hasUserTypeCode) {
    test("userTypeCode accepts letters, digits and _ starting with a letter (max 50)", async () => {
      const r = await create({ userTypeCode: `A${long(48, "b")}_` });
      expect(r.status).toBe(201);
    });
  }

  test("malformed bodies", async () => {
    expectError(await api.request("POST", base, "{not json", { "Content-Type": "application/json" }), 400, "BAD_REQUEST");
    expectError(await api.post(base, [validBody(k)]), 400, "BAD_REQUEST");
    expect((await api.request("POST", base, JSON.stringify(validBody(k)), { "Content-Type": "text/plain" })).status).toBe(415);
    // charset parameter is fine
    expect((await api.request("POST", base, JSON.stringify(validBody(k)), { "Content-Type": "application/json; charset=UTF-8" })).status).toBe(201);
  });

  test("name is unique per domain (409 ALREADY_EXIST)", async () => {
    const first = await create({ [k.nameField]: "Manager" });
    const dup = await create({ [k.nameField]: "Manager", displayOrder: 9 });
    expectError(dup, 409, "ALREADY_EXIST", k.nameField);
    expect(dup.body.description).toContain("Manager");
    expect((await create({ [k.nameField]: "Manager", domainId: D2 })).status).toBe(201);
    // rename onto an existing name
    const other = await create({ [k.nameField]: "Other" });
    expectError(await api.patch(`${base}/${idOf(other)}`, { [k.nameField]: "Manager" }), 409, "ALREADY_EXIST", k.nameField);
    expectError(await api.put(`${base}/${idOf(other)}`, validBody(k, { [k.nameField]: "Manager", domainId: undefined })), 409, "ALREADY_EXIST");
    // keeping one's own name is fine
    expect((await api.patch(`${base}/${idOf(first)}`, { [k.nameField]: "Manager", displayOrder: 3 })).status).toBe(200);
  });

  test(`external key is unique per ${k.keyScope}`, async () => {
    const first = await create({ [k.nameField]: "A", [k.extField]: "KEY" });
    const dup = await create({ [k.nameField]: "B", [k.extField]: "KEY" });
    expectError(dup, 409, "ALREADY_EXIST", k.extField);
    const otherDomain = await create({ [k.nameField]: "C", [k.extField]: "KEY", domainId: D2 });
    if (k.keyScope === "domain") expect(otherDomain.status).toBe(201);
    else expectError(otherDomain, 409, "ALREADY_EXIST", k.extField);
    const second = await create({ [k.nameField]: "D" });
    expectError(await api.patch(`${base}/${idOf(second)}`, { [k.extField]: "KEY" }), 409, "ALREADY_EXIST", k.extField);
    expect((await api.patch(`${base}/${idOf(first)}`, { [k.extField]: "KEY" })).status).toBe(200);
  });

  test("missing objects → 404 NOT_FOUND", async () => {
    const id = `${k.idPrefix}-0000-0000-0000-000000000000`;
    for (const r of [
      await api.get(`${base}/${id}`),
      await api.put(`${base}/${id}`, validBody(k)),
      await api.patch(`${base}/${id}`, { displayOrder: 1 }),
      await api.del(`${base}/${id}`),
      await api.get(`${base}/externalKey:nothing`),
    ]) expectError(r, 404, "NOT_FOUND", `${k.label} not found`);
  });

  test("DELETE → 204, then 404", async () => {
    const id = idOf(await create());
    const r = await api.del(`${base}/${id}`);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expectError(await api.get(`${base}/${id}`), 404, "NOT_FOUND");
    expect(emu.objects(k.kind)).toEqual([]);
  });

  test("PUT replaces: omitted optional fields are reset", async () => {
    const id = idOf(await create({
      [k.extField]: "EXT", i18nNames: [{ name: "x", language: "ko_KR" }], ...(k.hasUserTypeCode ? { userTypeCode: "C1" } : {}),
    }));
    const put = { displayOrder: 7, [k.nameField]: "Renamed", ...k.required };
    const r = await api.put(`${base}/${id}`, put);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(k.shape);
    expect(r.body).toMatchObject({ domainId: D1, [k.idField]: id, displayOrder: 7, [k.nameField]: "Renamed", [k.extField]: null, i18nNames: [] });
    if (k.hasUserTypeCode) expect(r.body.userTypeCode).toBeNull();
    expect((await api.get(`${base}/${id}`)).body).toEqual(r.body);
  });

  test("PUT requires the required fields", async () => {
    const id = idOf(await create());
    expectError(await api.put(`${base}/${id}`, { [k.nameField]: "X", ...k.required }), 400, "MISSING_PARAMETER", "displayOrder:");
    expectError(await api.put(`${base}/${id}`, { displayOrder: 1, ...k.required }), 400, "MISSING_PARAMETER", `${k.nameField}:`);
    if (k.kind === "levels") expectError(await api.put(`${base}/${id}`, { displayOrder: 1, levelName: "X" }), 400, "MISSING_PARAMETER", "executive:");
    expectError(await api.put(`${base}/${id}`, { displayOrder: 1, [k.nameField]: "a*b", ...k.required }), 400, "INVALID_PARAMETER", `${k.nameField}:`);
  });

  test("PATCH keeps omitted fields; null clears optional fields", async () => {
    const created = await create({
      [k.extField]: "EXT", i18nNames: [{ name: "x", language: "zh_CN" }], ...(k.hasUserTypeCode ? { userTypeCode: "C1" } : {}),
    });
    const id = idOf(created);
    const r = await api.patch(`${base}/${id}`, { displayOrder: 42 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ...created.body, displayOrder: 42 });
    const cleared = await api.patch(`${base}/${id}`, { [k.extField]: null, i18nNames: null, ...(k.hasUserTypeCode ? { userTypeCode: null } : {}) });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ displayOrder: 42, [k.nameField]: "Staff", [k.extField]: null, i18nNames: [] });
    if (k.hasUserTypeCode) expect(cleared.body.userTypeCode).toBeNull();
    expectError(await api.patch(`${base}/${id}`, { [k.nameField]: null }), 400, "INVALID_PARAMETER", `${k.nameField}:`);
    expectError(await api.patch(`${base}/${id}`, { displayOrder: null }), 400, "INVALID_PARAMETER", "displayOrder:");
    expectError(await api.patch(`${base}/${id}`, { displayOrder: "x" }), 400, "INVALID_PARAMETER", "displayOrder:");
    expectError(await api.patch(`${base}/${id}`, { i18nNames: [{ name: "y", language: "xx" }] }), 400, "INVALID_PARAMETER", "i18nNames[0].language");
    if (k.kind === "levels") {
      expectError(await api.patch(`${base}/${id}`, { executive: null }), 400, "INVALID_PARAMETER", "executive:");
      expect((await api.patch(`${base}/${id}`, { executive: true })).body.executive).toBe(true);
    }
    expect((await api.patch(`${base}/${id}`, {})).status).toBe(200);
  });

  if (k.keyScope === "domain") {
    test("PUT/PATCH accept the stored domainId but refuse another (no moves)", async () => {
      const id = idOf(await create());
      expect((await api.patch(`${base}/${id}`, { domainId: D1, displayOrder: 2 })).status).toBe(200);
      expect((await api.put(`${base}/${id}`, validBody(k, { displayOrder: 3 }))).status).toBe(200);
      expectError(await api.patch(`${base}/${id}`, { domainId: D2 }), 400, "INVALID_PARAMETER", "domainId:");
      expectError(await api.put(`${base}/${id}`, validBody(k, { domainId: D2 })), 400, "INVALID_PARAMETER", "domainId:");
      expectError(await api.patch(`${base}/${id}`, { domainId: "x" }), 400, "INVALID_PARAMETER", "domainId:");
      expect(emu.objects(k.kind)[0].domainId).toBe(D1);
    });

    test("external keys resolve in the domainId query domain (default: first domain)", async () => {
      const a = await create({ [k.extField]: "SAME" });
      const b = await create({ [k.extField]: "SAME", domainId: D2 });
      expect(idOf(await api.get(`${base}/externalKey:SAME`))).toBe(idOf(a));
      expect(idOf(await api.get(`${base}/externalKey:SAME?domainId=${D2}`))).toBe(idOf(b));
      // PUT/PATCH may name the domain in the body
      expect(idOf(await api.patch(`${base}/externalKey:SAME`, { domainId: D2, displayOrder: 8 }))).toBe(idOf(b));
      expect((await api.del(`${base}/externalKey:SAME?domainId=${D2}`)).status).toBe(204);
      expect(emu.objects(k.kind, D2)).toEqual([]);
      expect(emu.objects(k.kind, D1)).toHaveLength(1);
      // an ID with an explicit other domain is not found there
      expectError(await api.get(`${base}/${idOf(a)}?domainId=${D2}`), 404, "NOT_FOUND");
      expect((await api.get(`${base}/${idOf(a)}?domainId=${D1}`)).status).toBe(200);
      expectError(await api.get(`${base}/${idOf(a)}?domainId=abc`), 400, "INVALID_PARAMETER", "domainId:");
    });
  } else {
    test("PUT/PATCH ignore a body domainId (not part of the schema)", async () => {
      const id = idOf(await create());
      const r = await api.patch(`${base}/${id}`, { domainId: D2, displayOrder: 2 });
      expect(r.status).toBe(200);
      expect(r.body.domainId).toBe(D1);
      expect((await api.put(`${base}/${id}`, validBody(k, { domainId: D2 }))).body.domainId).toBe(D1);
    });

    test("external keys resolve across the tenant's domains", async () => {
      const b = await create({ [k.extField]: "TENANT-KEY", domainId: D2 });
      expect(idOf(await api.get(`${base}/externalKey:TENANT-KEY`))).toBe(idOf(b));
      expect((await api.del(`${base}/externalKey:TENANT-KEY`)).status).toBe(204);
      expect(emu.objects(k.kind)).toEqual([]);
    });
  }

  test("externalKey addressing with spaces and non-ASCII, URL-encoded", async () => {
    const key = "営業 チーム (東京) & Co.";
    const created = await create({ [k.extField]: key });
    const id = idOf(created);
    // the whole segment encoded, or only the key
    for (const seg of [encodeURIComponent(`externalKey:${key}`), `externalKey:${encodeURIComponent(key)}`]) {
      const r = await api.get(`${base}/${seg}`);
      expect(r.status).toBe(200);
      expect(idOf(r)).toBe(id);
    }
    const seg = encodeURIComponent(`externalKey:${key}`);
    expect((await api.patch(`${base}/${seg}`, { displayOrder: 9 })).body.displayOrder).toBe(9);
    expect((await api.put(`${base}/${seg}`, validBody(k, { [k.extField]: key, [k.nameField]: "New" }))).body[k.nameField]).toBe("New");
    expect((await api.del(`${base}/${seg}`)).status).toBe(204);
    expect(emu.objects(k.kind)).toEqual([]);
    expectError(await api.get(`${base}/%E0%A4%A`), 400, "INVALID_PARAMETER");
  });

  describe("list", () => {
    test("empty list", async () => {
      const r = await api.get(base);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ [k.listKey]: [], responseMetaData: { nextCursor: null } });
    });

    test("count bounds", async () => {
      for (const c of ["0", "101", "-1", "abc", "1.5"]) expectError(await api.get(`${base}?count=${c}`), 400, "INVALID_PARAMETER", "count");
      expect((await api.get(`${base}?count=1`)).status).toBe(200);
      expect((await api.get(`${base}?count=100`)).status).toBe(200);
    });

    test("domainId query selects the domain; unknown domain → 400", async () => {
      await create({ [k.nameField]: "one" });
      await create({ [k.nameField]: "two", domainId: D2 });
      expect((await api.get(base)).body[k.listKey].map((o: any) => o[k.nameField])).toEqual(["one"]);
      expect((await api.get(`${base}?domainId=${D2}`)).body[k.listKey].map((o: any) => o[k.nameField])).toEqual(["two"]);
      expectError(await api.get(`${base}?domainId=1`), 400, "INVALID_PARAMETER", "domainId");
    });

    test("cursor walk over more than 100 objects, ordered by displayOrder", async () => {
      const seeded = Array.from({ length: 150 }, (_, i) => emu.seed(k.kind, { ...k.required, [k.nameField]: `N${i}`, displayOrder: 150 - i }));
      expect(seeded[0][k.idField]).toMatch(new RegExp(`^${k.idPrefix}`));
      const first = await api.get(base);
      expect(first.body[k.listKey]).toHaveLength(100);
      expect(first.body.responseMetaData.nextCursor).toEqual(expect.any(String));
      const second = await api.get(`${base}?cursor=${encodeURIComponent(first.body.responseMetaData.nextCursor)}`);
      expect(second.body[k.listKey]).toHaveLength(50);
      expect(second.body.responseMetaData.nextCursor).toBeNull();

      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r: any = await api.get(`${base}?count=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(r.status).toBe(200);
        seen.push(...r.body[k.listKey]);
        cursor = r.body.responseMetaData.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(150 / 7));
      expect(seen.map((o) => o[k.idField])).toEqual([...seeded].reverse().map((o) => o[k.idField]));
      expect(seen.map((o) => o.displayOrder)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    });

    test("count=1 pages one at a time; a page that ends exactly at the end has nextCursor null", async () => {
      await create({ [k.nameField]: "a", displayOrder: 1 });
      await create({ [k.nameField]: "b", displayOrder: 2 });
      const p1 = await api.get(`${base}?count=1`);
      expect(p1.body[k.listKey].map((o: any) => o[k.nameField])).toEqual(["a"]);
      const p2 = await api.get(`${base}?count=1&cursor=${encodeURIComponent(p1.body.responseMetaData.nextCursor)}`);
      expect(p2.body[k.listKey].map((o: any) => o[k.nameField])).toEqual(["b"]);
      expect(p2.body.responseMetaData.nextCursor).toBeNull();
      expect((await api.get(`${base}?count=2`)).body.responseMetaData.nextCursor).toBeNull();
    });

    test("invalid cursor → 400", async () => {
      expectError(await api.get(`${base}?cursor=%%%`), 400, "INVALID_PARAMETER", "cursor");
      expectError(await api.get(`${base}?cursor=${encodeURIComponent(Buffer.from("nope").toString("base64"))}`), 400, "INVALID_PARAMETER", "cursor");
    });
  });

  describe("feature switch", () => {
    test("disabled → every CRUD call is 403 naming the flag; enable/disable are idempotent 204", async () => {
      const kept = await create({ [k.nameField]: "other domain", domainId: D2 });
      const id = idOf(await create());
      expect((await api.post(`${base}/disable?domainId=${D1}`)).status).toBe(204);
      expect((await api.post(`${base}/disable?domainId=${D1}`)).status).toBe(204);
      const message = `The API cannot be used when ${k.flag} is false.`;
      for (const r of [
        await api.get(base),
        await api.post(base, validBody(k)),
        await api.get(`${base}/${id}`),
        await api.put(`${base}/${id}`, validBody(k)),
        await api.patch(`${base}/${id}`, { displayOrder: 1 }),
        await api.del(`${base}/${id}`),
      ]) {
        expect(r.status).toBe(403);
        expect(r.body).toEqual({ code: "FORBIDDEN", description: message });
      }
      // disable wiped the domain's objects; the other domain is untouched and usable
      expect(emu.objects(k.kind, D1)).toEqual([]);
      expect(emu.objects(k.kind, D2)).toEqual([kept.body]);
      expect((await api.get(`${base}?domainId=${D2}`)).status).toBe(200);

      expect((await api.post(`${base}/enable?domainId=${D1}`)).status).toBe(204);
      expect((await api.post(`${base}/enable`)).status).toBe(204);
      expect((await api.get(base)).body[k.listKey]).toEqual([]);
      expectError(await api.get(`${base}/${id}`), 404, "NOT_FOUND");
      expect((await create()).status).toBe(201);
    });

    test("disable without domainId applies to the first domain; unknown domain → 400", async () => {
      await create();
      expect((await api.post(`${base}/disable`)).status).toBe(204);
      expect(emu.objects(k.kind)).toEqual([]);
      expectError(await api.get(base), 403, "FORBIDDEN", k.flag);
      expectError(await api.post(`${base}/enable?domainId=5`), 400, "INVALID_PARAMETER", "domainId");
    });

    test("setFeature switches out of band (and wipes on disable)", async () => {
      await create();
      emu.setFeature(D1, k.kind, false);
      expect(emu.objects(k.kind)).toEqual([]);
      expectError(await api.post(base, validBody(k)), 403, "FORBIDDEN", k.flag);
      emu.setFeature(D1, k.kind, true);
      expect((await api.post(base, validBody(k))).status).toBe(201);
    });
  });

  test("seed/update/remove change state out of band", async () => {
    const seeded = emu.seed(k.kind, { [k.nameField]: "Seeded", displayOrder: 3, ...k.required });
    expect(Object.keys(seeded)).toEqual(k.shape);
    const id = seeded[k.idField];
    emu.update(k.kind, id, { [k.nameField]: "Changed" });
    expect((await api.get(`${base}/${id}`)).body[k.nameField]).toBe("Changed");
    emu.remove(k.kind, id);
    expectError(await api.get(`${base}/${id}`), 404, "NOT_FOUND");
    expect(() => emu.remove(k.kind, id)).toThrow();
  });
});

test("kinds are separate collections (employment types are not user types)", async () => {
  const ut = await api.post("/directory/user-types", validBody(KINDS[2], { userTypeExternalKey: "SHARED" }));
  const et = await api.post("/directory/employment-types", validBody(KINDS[3], { employmentTypeExternalKey: "SHARED" }));
  expect([ut.status, et.status]).toEqual([201, 201]);
  expectError(await api.get(`/directory/user-types/${et.body.employmentTypeId}`), 404, "NOT_FOUND");
});

test("initial feature switches from options", async () => {
  const e = await startEmulator({ features: { levels: false } });
  try {
    const a = await Api.connect(e);
    expectError(await a.get("/directory/levels"), 403, "FORBIDDEN", "useLevel is false");
    expect((await a.get("/directory/positions")).status).toBe(200);
  } finally {
    await e.stop();
  }
});
