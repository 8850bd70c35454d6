// Emulator: the custom-property definitions (/directory/users/custom-properties) and members'
// values of them, over HTTP: the list key, no GET of one, PATCH by ID or propertyName, fixed
// fields, uniqueness, the 50 limit, and DELETE dropping the values.
import type { Emulator } from "../emulator";
import { Api, D1, D2, expectError, startBusyEmulator } from "./support/emulator";
import { sleep } from "./support/time";

const PATH = "/directory/users/custom-properties";
let emu: Emulator;
let api: Api;

beforeAll(async () => {
  ({ emu, api } = await startBusyEmulator());
});
afterAll(() => emu.stop());
afterEach(() => {
  for (const u of emu.objects("users")) emu.remove("users", u.userId);
  for (const p of emu.objects("customProperties")) emu.remove("customProperties", p.customPropertyId);
});

const def = (over: Record<string, unknown> = {}) => ({ domainId: D1, propertyName: "office", displayName: "Office", propertyType: "STRING", ...over });
async function define(over: Record<string, unknown> = {}): Promise<any> {
  const r = await api.post(PATH, def(over));
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
let n = 0;
async function member(values?: unknown): Promise<any> {
  const r = await api.post("/users", { domainId: D1, email: `cp${++n}@example.com`, userName: { lastName: "山田" }, privateEmail: "x@gmail.com", customProperties: values });
  if (r.status !== 201) throw new Error(`member create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe("definitions", () => {
  it("creates with the documented defaults and lists under customAttributes without paging", async () => {
    const made = await define();
    expect(made).toEqual({
      domainId: D1, customPropertyId: expect.any(String), propertyName: "office", displayName: "Office", i18nDisplayNames: [], propertyType: "STRING",
      displayOrder: null, multiValued: false, options: [], mandatory: false, readAccessType: "ALL", writeAccessType: "ADMIN",
    });
    const list = await api.get(`${PATH}?domainId=${D1}`);
    expect(list.status).toBe(200);
    expect(list.body.customAttributes).toEqual([made]);
    expect(list.body.responseMetaData).toBeUndefined();
    expect((await api.get(`${PATH}?domainId=${D2}`)).body.customAttributes).toEqual([]);
  });

  it("has no GET of one definition", async () => {
    const made = await define();
    expect((await api.get(`${PATH}/${made.customPropertyId}`)).status).toBe(405);
  });

  it("refuses each documented rule", async () => {
    expectError(await api.post(PATH, def({ propertyName: "1st" })), 400, "INVALID_PARAMETER", "propertyName");
    expectError(await api.post(PATH, def({ propertyName: "a".repeat(121) })), 400, "INVALID_PARAMETER", "propertyName");
    expectError(await api.post(PATH, def({ displayName: "x".repeat(21) })), 400, "INVALID_PARAMETER", "displayName");
    expectError(await api.post(PATH, def({ propertyType: "NUMBER" })), 400, "INVALID_PARAMETER", "propertyType");
    expectError(await api.post(PATH, def({ displayOrder: 0 })), 400, "INVALID_PARAMETER", "displayOrder");
    expectError(await api.post(PATH, def({ options: [{ optionName: "a", displayName: "A" }] })), 400, "INVALID_PARAMETER", "options");
    expectError(await api.post(PATH, def({ propertyType: "DATE", options: [{ optionName: "a", displayName: "A" }, { optionName: "b", displayName: "B" }] })), 400, "INVALID_PARAMETER", "options");
    expectError(await api.post(PATH, def({ readAccessType: "ADMIN" })), 400, "INVALID_PARAMETER", "readAccessType");
    expectError(await api.post(PATH, def({ i18nDisplayNames: [{ language: "en_US", name: "x".repeat(21) }] })), 400, "INVALID_PARAMETER", "i18nDisplayNames[0].name");
    expectError(await api.post(PATH, { domainId: D1, displayName: "X", propertyType: "STRING" }), 400, "MISSING_PARAMETER", "propertyName");
  });

  it("keeps propertyName and displayName unique in the domain, not across domains", async () => {
    await define();
    expectError(await api.post(PATH, def({ displayName: "Other" })), 409, "ALREADY_EXIST", "propertyName");
    expectError(await api.post(PATH, def({ propertyName: "other" })), 409, "ALREADY_EXIST", "displayName");
    expect((await api.post(PATH, def({ domainId: D2 }))).status).toBe(201);
  });

  it("allows at most 50 per domain", async () => {
    for (let i = 0; i < 50; i++) await define({ propertyName: `p${i}`, displayName: `P${i}` });
    expectError(await api.post(PATH, def({ propertyName: "p50", displayName: "P50" })), 400, "INVALID_PARAMETER", "at most 50");
    expect((await api.post(PATH, def({ domainId: D2, propertyName: "p50", displayName: "P50" }))).status).toBe(201);
  });

  it("patches by ID or by propertyName, and refuses a change of propertyName, propertyType or multiValued", async () => {
    const made = await define();
    const byId = await api.patch(`${PATH}/${made.customPropertyId}`, { displayName: "勤務地" });
    expect(byId.body.displayName).toBe("勤務地");
    const byName = await api.patch(`${PATH}/office?domainId=${D1}`, { mandatory: true, propertyType: "STRING" });
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ displayName: "勤務地", mandatory: true });
    for (const change of [{ propertyName: "site" }, { propertyType: "LINK" }, { multiValued: true }]) {
      expectError(await api.patch(`${PATH}/${made.customPropertyId}`, change), 400, "INVALID_PARAMETER", "cannot be changed");
    }
    expectError(await api.patch(`${PATH}/nothing?domainId=${D1}`, { mandatory: true }), 404, "NOT_FOUND");
  });
});

describe("members' values", () => {
  it("checks values against the definition: type, multiValued (at most 10), options", async () => {
    await define({ propertyName: "grade", displayName: "Grade", options: [{ optionName: "A", displayName: "A" }, { optionName: "B", displayName: "B" }] });
    await define({ propertyName: "joined", displayName: "Joined", propertyType: "DATE" });
    await define({ propertyName: "year", displayName: "Year", propertyType: "INTEGER", multiValued: true });
    await define({ propertyName: "site", displayName: "Site", propertyType: "LINK" });
    const m = await member({ grade: "A", joined: "2020-04-01", year: [2020, 2021], site: { text: "Wiki", link: "https://example.com" } });
    expect(m.customProperties).toEqual({ grade: "A", joined: "2020-04-01", year: [2020, 2021], site: { text: "Wiki", link: "https://example.com" } });
    const post = (values: unknown) => api.post("/users", { domainId: D1, email: `bad${++n}@example.com`, userName: { lastName: "x" }, privateEmail: "x@gmail.com", customProperties: values });
    expectError(await post({ grade: "C" }), 400, "INVALID_PARAMETER", "customProperties.grade");
    expectError(await post({ joined: "2020-02-30" }), 400, "INVALID_PARAMETER", "customProperties.joined");
    expectError(await post({ year: 2020 }), 400, "INVALID_PARAMETER", "multi-valued");
    expectError(await post({ year: Array(11).fill(1) }), 400, "INVALID_PARAMETER", "at most 10");
    expectError(await post({ grade: ["A"] }), 400, "INVALID_PARAMETER", "single value");
    expectError(await post({ site: { text: "no link" } }), 400, "MISSING_PARAMETER", "customProperties.site.link");
    expectError(await post({ nothing: "x" }), 400, "INVALID_PARAMETER", "no custom property");
  });

  it("PATCH changes only the properties it names; null deletes one", async () => {
    await define();
    await define({ propertyName: "floor", displayName: "Floor", propertyType: "INTEGER" });
    const m = await member({ office: "Tokyo", floor: 3 });
    const r = await api.patch(`/users/${m.userId}`, { customProperties: { floor: 4 } });
    expect(r.body.customProperties).toEqual({ office: "Tokyo", floor: 4 });
    const cleared = await api.patch(`/users/${m.userId}`, { customProperties: { office: null } });
    expect(cleared.body.customProperties).toEqual({ floor: 4 });
  });

  it("a deleted definition's values are gone at once and dropped from the store asynchronously", async () => {
    const made = await define();
    const m = await member({ office: "Tokyo" });
    expect((await api.del(`${PATH}/${made.customPropertyId}?domainId=${D1}`)).status).toBe(204);
    expect((await api.get(`/users/${m.userId}`)).body.customProperties).toEqual({});
    await sleep(20);
    await define(); // the same propertyName again starts empty
    expect((await api.get(`/users/${m.userId}`)).body.customProperties).toEqual({});
    expectError(await api.del(`${PATH}/${made.customPropertyId}?domainId=${D1}`), 404, "NOT_FOUND");
  });
});
