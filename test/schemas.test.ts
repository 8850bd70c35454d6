// check and diff of the shared resource logic, per declared type: every documented rule is a
// failure naming the property, preview's unknown values pass, and diff follows the API's rules.
import { check, configure, diff, UNKNOWN } from "../provider/lifecycle";
import { resolveSettings, ConfigError } from "../provider/config";

const P = "Position";
const U = "UserType";
const position = (extra: Record<string, unknown> = {}) => ({ domainId: 10000001, positionName: "Staff", displayOrder: 1, ...extra });
const userType = (extra: Record<string, unknown> = {}) => ({ domainId: 10000001, userTypeName: "Regular", displayOrder: 1, ...extra });
const failedProps = (type: string, news: Record<string, unknown>) => check(type, {}, news).failures.map((f) => f.property);

beforeEach(() => configure({}));

describe("check", () => {
  test("valid declarations pass and keep their values", () => {
    const news = position({ positionExternalKey: "POS-01", i18nNames: [{ name: "スタッフ", language: "ja_JP" }], __provider: "x" });
    const res = check(P, {}, news);
    expect(res.failures).toEqual([]);
    // The inputs keep every value, plus the list of declared fields (what a later removal clears).
    expect(res.inputs).toEqual({ ...news, __declared: ["positionName", "displayOrder", "positionExternalKey", "i18nNames"] });
    expect(check(U, {}, userType({ userTypeCode: "Full_time1", userTypeExternalKey: "UT 1" })).failures).toEqual([]);
  });

  test.each([
    ["empty name", { positionName: "" }, "positionName"],
    ["name over 100 characters", { positionName: "a".repeat(101) }, "positionName"],
    ["name with a forbidden special character", { positionName: "Sales#1" }, "positionName"],
    ["name with a colon", { positionName: "a:b" }, "positionName"],
    ["missing name", { positionName: undefined }, "positionName"],
    ["fractional displayOrder", { displayOrder: 1.5 }, "displayOrder"],
    ["string displayOrder", { displayOrder: "1" }, "displayOrder"],
    ["displayOrder beyond int32", { displayOrder: 2 ** 31 }, "displayOrder"],
    ["external key with /", { positionExternalKey: "a/b" }, "positionExternalKey"],
    ["external key with %", { positionExternalKey: "50%" }, "positionExternalKey"],
    ["external key with backslash", { positionExternalKey: "a\\b" }, "positionExternalKey"],
    ["external key with ?", { positionExternalKey: "a?" }, "positionExternalKey"],
    ["external key with #", { positionExternalKey: "#1" }, "positionExternalKey"],
    ["external key over 100", { positionExternalKey: "k".repeat(101) }, "positionExternalKey"],
    ["unknown language", { i18nNames: [{ name: "Staff", language: "fr_FR" }] }, "i18nNames[0].language"],
    ["empty i18n name", { i18nNames: [{ name: "", language: "en_US" }] }, "i18nNames[0].name"],
    ["i18n name over 100", { i18nNames: [{ name: "n".repeat(101), language: "en_US" }] }, "i18nNames[0].name"],
    ["a language named twice", { i18nNames: [{ name: "A", language: "en_US" }, { name: "B", language: "en_US" }] }, "i18nNames[1].language"],
    ["name with a control character", { positionName: "Tab\there" }, "positionName"],
    ["misspelt property", { positonName: "x" }, "positonName"],
    ["non-integer domainId", { domainId: 1.5 }, "domainId"],
  ])("Position: %s", (_label, extra, property) => {
    expect(failedProps(P, position(extra))).toContain(property);
  });

  test.each([
    ["code starting with a digit", { userTypeCode: "1abc" }, "userTypeCode"],
    ["code with a hyphen", { userTypeCode: "full-time" }, "userTypeCode"],
    ["code over 50", { userTypeCode: "a".repeat(51) }, "userTypeCode"],
    ["name with a symbol", { userTypeName: "Part*time" }, "userTypeName"],
  ])("UserType: %s", (_label, extra, property) => {
    expect(failedProps(U, userType(extra))).toContain(property);
  });

  test("allowed special characters and any script pass", () => {
    expect(failedProps(P, position({ positionName: "R&D (Tokyo) [A]-{B}_+,./!@ 部長" }))).toEqual([]);
  });

  test("the reason names the property and the rule", () => {
    const [f] = check(P, {}, position({ positionName: "a".repeat(101) })).failures;
    expect(f.reason).toMatch(/positionName/);
    expect(f.reason).toMatch(/100/);
  });

  test("preview's unknown values pass", () => {
    const news = position({ positionName: UNKNOWN, displayOrder: UNKNOWN, positionExternalKey: UNKNOWN, i18nNames: [{ name: UNKNOWN, language: "en_US" }] });
    expect(check(P, {}, news).failures).toEqual([]);
    expect(check(P, {}, position({ i18nNames: UNKNOWN })).failures).toEqual([]);
    expect(check(P, {}, position({ domainId: UNKNOWN })).failures).toEqual([]);
  });

  test("domainId comes from configuration when omitted, and its absence is a failure", () => {
    const { domainId: _d, ...rest } = position();
    const saved = process.env.LINEWORKS_DOMAIN_ID;
    delete process.env.LINEWORKS_DOMAIN_ID;
    try {
      expect(check(P, {}, rest).failures.map((f) => f.property)).toEqual(["domainId"]);
      configure({ "lineworks:domainId": "20000002" });
      expect(check(P, {}, rest).inputs.domainId).toBe(20000002);
    } finally {
      if (saved !== undefined) process.env.LINEWORKS_DOMAIN_ID = saved;
    }
  });
});

describe("diff", () => {
  const outs = { positionId: "p1", ...position({ positionExternalKey: null, i18nNames: [{ name: "A", language: "en_US" }, { name: "B", language: "ja_JP" }] }) };

  test("an unchanged program is no change", async () => {
    expect((await diff(P, "p1", outs, position({ i18nNames: [{ name: "A", language: "en_US" }, { name: "B", language: "ja_JP" }] }))).changes).toBe(false);
  });

  test("reordering i18nNames alone is no change", async () => {
    expect((await diff(P, "p1", outs, position({ i18nNames: [{ language: "ja_JP", name: "B" }, { language: "en_US", name: "A" }] }))).changes).toBe(false);
  });

  test("an i18nNames item is its language and name: other properties LINE WORKS may echo make no change", async () => {
    const echoed = { ...outs, i18nNames: [{ name: "B", language: "ja_JP", id: "x" }, { name: "A", language: "en_US", id: "y" }] };
    expect((await diff(P, "p1", echoed, position({ i18nNames: [{ name: "A", language: "en_US" }, { name: "B", language: "ja_JP" }] }))).changes).toBe(false);
    expect((await diff(P, "p1", echoed, position({ i18nNames: [{ name: "A2", language: "en_US" }, { name: "B", language: "ja_JP" }] }))).changes).toBe(true);
  });

  test("an undeclared optional field is left alone; null clears", async () => {
    expect((await diff(P, "p1", { ...outs, positionExternalKey: "K" }, position())).changes).toBe(false);
    expect((await diff(P, "p1", { ...outs, positionExternalKey: "K" }, position({ positionExternalKey: null }))).changes).toBe(true);
  });

  test("a rename or reorder updates in place", async () => {
    const d = await diff(P, "p1", outs, position({ positionName: "Senior Staff" }));
    expect(d).toMatchObject({ changes: true, replaces: [] });
    expect(await diff(P, "p1", outs, position({ displayOrder: 2 }))).toMatchObject({ changes: true, replaces: [] });
  });

  test("a domainId change replaces; delete first only when a tenant-wide key would collide", async () => {
    expect(await diff(P, "p1", { ...outs, positionExternalKey: "K" }, position({ domainId: 20000002, positionExternalKey: "K" }))).toMatchObject({
      changes: true,
      replaces: ["domainId"],
      deleteBeforeReplace: false,
    });
    const ut = { userTypeId: "u1", ...userType({ userTypeExternalKey: "UT" }) };
    expect(await diff(U, "u1", ut, userType({ domainId: 20000002, userTypeExternalKey: "UT" }))).toMatchObject({ replaces: ["domainId"], deleteBeforeReplace: true });
    expect(await diff(U, "u1", ut, userType({ domainId: 20000002, userTypeExternalKey: "UT2" }))).toMatchObject({ replaces: ["domainId"], deleteBeforeReplace: false });
  });

  test("unknown values during preview count as changes", async () => {
    expect((await diff(P, "p1", outs, position({ positionName: UNKNOWN }))).changes).toBe(true);
    expect((await diff(P, "p1", outs, position({ domainId: UNKNOWN }))).replaces).toEqual(["domainId"]);
  });
});

describe("configuration", () => {
  test("missing settings are listed together, by config key and environment variable", () => {
    let err: unknown;
    try {
      resolveSettings({}, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const k of ["lineworks:clientId (or LINEWORKS_CLIENT_ID)", "lineworks:clientSecret", "lineworks:serviceAccount", "lineworks:privateKey", "LINEWORKS_PRIVATE_KEY_FILE"]) {
      expect(msg).toContain(k);
    }
  });

  test("stack config wins over the environment; defaults apply", () => {
    const s = resolveSettings(
      { "lineworks:clientId": "from-config", "lineworks:clientSecret": "s", "lineworks:serviceAccount": "sa", "lineworks:privateKey": "k" },
      { LINEWORKS_CLIENT_ID: "from-env", LINEWORKS_REQUESTS_PER_MINUTE: "60" },
    );
    expect(s.clientId).toBe("from-config");
    expect(s.requestsPerMinute).toBe(60);
    expect(s.apiUrl).toBe("https://www.worksapis.com/v1.0");
    expect(s.authUrl).toBe("https://auth.worksmobile.com/oauth2/v2.0/token");
  });

  test("a malformed secret is reported without its value", () => {
    expect(() => resolveSettings({ "lineworks:clientId": "c", "lineworks:clientSecret": "s", "lineworks:serviceAccount": "sa", "lineworks:privateKey": "k", "lineworks:requestsPerMinute": "lots" }, {})).toThrow(
      /requestsPerMinute/,
    );
  });
});

describe("OrgUnit check", () => {
  const O = "OrgUnit";
  const orgUnit = (extra: Record<string, unknown> = {}) => ({ domainId: 10000001, orgUnitName: "Sales", displayOrder: 1, ...extra });

  test("valid declarations pass; a left-out parent declares the top level", () => {
    const res = check(O, {}, orgUnit({ email: "Sales.Team_1@example.com", aliasEmails: ["#ops@example.com", "!x@example.com"], parentOrgUnitId: "externalKey:HQ", useMessage: true, useNote: true }));
    expect(res.failures).toEqual([]);
    expect(check(O, {}, orgUnit()).inputs.parentOrgUnitId).toBeNull();
    expect(check(O, {}, orgUnit({ description: "x".repeat(160), useMessage: false, useNote: false })).failures).toEqual([]);
  });

  test.each([
    ["displayOrder 0", { displayOrder: 0 }, "displayOrder"],
    ["negative displayOrder", { displayOrder: -1 }, "displayOrder"],
    ["description over 160", { description: "d".repeat(161) }, "description"],
    ["one-character local part", { email: "a@example.com" }, "email"],
    ["local part over 64", { email: `${"a".repeat(65)}@example.com` }, "email"],
    ["address over 90", { email: `${"a".repeat(64)}@${"b".repeat(30)}.jp` }, "email"],
    ["leading dot", { email: ".ab@example.com" }, "email"],
    ["trailing dot", { email: "ab.@example.com" }, "email"],
    ["two dots", { email: "a..b@example.com" }, "email"],
    ["starts with -", { email: "-ab@example.com" }, "email"],
    ["forbidden character", { email: "a+b@example.com" }, "email"],
    ["no domain", { email: "team@" }, "email"],
    ["21 aliases", { aliasEmails: Array.from({ length: 21 }, (_, i) => `alias${i}@example.com`) }, "aliasEmails"],
    ["an alias twice, in two cases", { aliasEmails: ["ab@example.com", "AB@example.com"] }, "aliasEmails[1]"],
    ["a bad alias", { aliasEmails: ["ok@example.com", "x@example.com"] }, "aliasEmails[1]"],
    ["empty parent", { parentOrgUnitId: "" }, "parentOrgUnitId"],
    ["externalKey: parent without key", { parentOrgUnitId: "externalKey:" }, "parentOrgUnitId"],
    ["useMessage false with useFolder true", { useMessage: false, useFolder: true }, "useFolder"],
    ["visible as a string", { visible: "yes" }, "visible"],
  ])("%s fails naming %s", (_label, extra, property) => {
    expect(failedProps(O, orgUnit(extra))).toEqual([property]);
  });

  test("the useMessage rule waits for a value unknown during preview", () => {
    expect(check(O, {}, orgUnit({ useMessage: UNKNOWN, useNote: true })).failures).toEqual([]);
    expect(check(O, {}, orgUnit({ useMessage: false, useNote: UNKNOWN })).failures).toEqual([]);
  });

  test("a change of parent or order is an update, never a replacement; a domain change replaces, deleting first", async () => {
    const olds = { ...check(O, {}, orgUnit({ parentOrgUnitId: "p1" })).inputs, orgUnitId: "u1" };
    expect(await diff(O, "u1", olds, check(O, {}, orgUnit({ parentOrgUnitId: "p2", displayOrder: 3 })).inputs)).toMatchObject({ changes: true, replaces: [] });
    expect(await diff(O, "u1", olds, check(O, {}, orgUnit({ parentOrgUnitId: UNKNOWN })).inputs)).toMatchObject({ changes: true, replaces: [] });
    expect(await diff(O, "u1", olds, check(O, {}, orgUnit({ parentOrgUnitId: "p1", domainId: 20000002 })).inputs)).toMatchObject({ replaces: ["domainId"], deleteBeforeReplace: true });
  });
});
