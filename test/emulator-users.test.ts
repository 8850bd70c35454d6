// Emulator: the /users collection (validation, echoes, uniqueness, lifecycle, move, paging, the
// member-create rate record), against a real emulator over HTTP.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, MEMBER_CREATES } from "../emulator";
import { Api, D1, D2, Resp, expectError, startBusyEmulator, startTwoDomainEmulator } from "./support/emulator";
import { sleep } from "./support/time";

const SHAPE = [
  "userId", "domainId", "email", "userExternalKey", "userName", "i18nNames", "nickName", "privateEmail", "aliasEmails",
  "userTypeId", "userTypeExternalKey", "userTypeName", "userTypeCode", "employmentTypeId", "employmentTypeExternalKey",
  "employmentTypeName", "searchable", "organizations", "telephone", "cellPhone", "location", "task", "locale", "timeZone",
  "employeeNumber", "hiredDate", "birthday", "activationDate", "birthdayCalendarType", "messenger", "relations", "customProperties", "isAdministrator", "isPending", "isSuspended",
  "suspendedReason", "isDeleted", "isAwaiting", "leaveOfAbsence",
];
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = "Zq8-very-secret-Pa55";

let emu: Emulator;
let api: Api;
/** Directory objects seeded once; org units per test. */
let pos1: any, pos2: any, lvl1: any, lvl2: any, utype: any, etype: any;
let sales: any, dev: any, d2unit: any;

beforeAll(async () => {
  ({ emu, api } = await startBusyEmulator());
  pos1 = emu.seed("positions", { domainId: D1, positionName: "Manager", positionExternalKey: "POS-1", displayOrder: 1 });
  pos2 = emu.seed("positions", { domainId: D2, positionName: "Chief", positionExternalKey: "POS-2", displayOrder: 1 });
  lvl1 = emu.seed("levels", { domainId: D1, levelName: "L1", levelExternalKey: "LV-1", executive: true, displayOrder: 1 });
  lvl2 = emu.seed("levels", { domainId: D2, levelName: "L2", levelExternalKey: "LV-2", executive: false, displayOrder: 1 });
  utype = emu.seed("userTypes", { userTypeName: "Full time", userTypeExternalKey: "UT-1", userTypeCode: "FULL", displayOrder: 1 });
  etype = emu.seed("employmentTypes", { employmentTypeName: "Permanent", employmentTypeExternalKey: "ET-1", displayOrder: 1 });
});
afterAll(() => emu.stop());
beforeEach(() => {
  sales = emu.seed("orgUnits", { domainId: D1, orgUnitName: "Sales", orgUnitExternalKey: "SALES", email: "sales@example.com" });
  dev = emu.seed("orgUnits", { domainId: D1, orgUnitName: "Dev", displayOrder: 2 });
  d2unit = emu.seed("orgUnits", { domainId: D2, orgUnitName: "D2 team", orgUnitExternalKey: "D2-UNIT" });
});
afterEach(() => {
  for (const u of emu.objects("users")) emu.remove("users", u.userId);
  for (const o of emu.objects("orgUnits")) emu.remove("orgUnits", o.orgUnitId);
});

let n = 0;
const body = (over: Record<string, unknown> = {}) => ({
  domainId: D1, email: `user${++n}@example.com`, userName: { lastName: "山田", firstName: "太郎" }, privateEmail: "taro@gmail.com", ...over,
});
const item = (ref: string) => `/users/${encodeURIComponent(ref)}`;
/** Creates a user and returns it (fails the test on anything but 201). */
async function create(over: Record<string, unknown> = {}): Promise<any> {
  const r = await api.post("/users", body(over));
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const org = (orgUnits: Record<string, unknown>[], over: Record<string, unknown> = {}) => ({ domainId: D1, primary: true, orgUnits, ...over });
const units = (r: Resp) => r.body.organizations.flatMap((o: any) => o.orgUnits);

describe("create and read", () => {
  test("201 with every property and its default; pending; one organization for the primary domain", async () => {
    const r = await api.post("/users", body({ email: "Taro.Yamada@Example.COM" }));
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(SHAPE);
    expect(r.body).toEqual({
      userId: expect.stringMatching(/^user[0-9a-f-]{32}$/), domainId: D1, email: "taro.yamada@example.com", userExternalKey: null,
      userName: { lastName: "山田", firstName: "太郎", phoneticLastName: null, phoneticFirstName: null },
      i18nNames: [], nickName: null, privateEmail: "taro@gmail.com", aliasEmails: [],
      userTypeId: null, userTypeExternalKey: null, userTypeName: null, userTypeCode: null,
      employmentTypeId: null, employmentTypeExternalKey: null, employmentTypeName: null, searchable: true,
      organizations: [{ domainId: D1, primary: true, email: null, levelId: null, levelExternalKey: null, levelName: null, executive: null, organizationName: null, orgUnits: [] }],
      telephone: null, cellPhone: null, location: null, task: null, locale: null, timeZone: null, employeeNumber: null,
      hiredDate: null, birthday: null, activationDate: null, birthdayCalendarType: null, messenger: null, relations: [], customProperties: {},
      isAdministrator: false, isPending: true, isSuspended: false, suspendedReason: null, isDeleted: false, isAwaiting: false, leaveOfAbsence: null,
    });
    for (const ref of [r.body.userId, "TARO.YAMADA@example.com", "taro.yamada@example.com"]) {
      expect((await api.get(item(ref))).body).toEqual(r.body);
    }
    expect(emu.objects("users")).toEqual([r.body]);
    expect(emu.objects("users", D2)).toEqual([]);
  });

  test("every optional field is stored; references by externalKey: are stored as IDs with their echoes", async () => {
    const full = {
      userExternalKey: "EMP 001/x".replace("/", "-"), i18nNames: [{ language: "en_US", firstName: "Taro", lastName: "Yamada" }, { language: "ko_KR", lastName: "야마다" }],
      nickName: "Taro (T)", aliasEmails: ["Alias.One@example.com", "alias-2@example.com"], searchable: false,
      telephone: "03-1234-5678", cellPhone: "+81(90)1234*5678#P", location: "東京 本社", task: "Sales & support",
      locale: "ja_JP", timeZone: "Asia/Tokyo", employeeNumber: "E-0001", hiredDate: "2020-04-01", birthday: "1990-02-28",
      activationDate: "2030-01-01T09:00:00+09:00",
      userName: { lastName: "山田", firstName: "太郎", phoneticLastName: "ヤマダ", phoneticFirstName: "タロー　ジュニア" },
      userTypeId: "externalKey:UT-1", employmentTypeId: etype.employmentTypeId,
      organizations: [
        { domainId: D2, primary: false, levelId: "externalKey:LV-2", email: "Taro@D2.example.com", orgUnits: [{ orgUnitId: "externalKey:D2-UNIT", positionId: "externalKey:POS-2" }] },
        { domainId: D1, primary: true, levelId: lvl1.levelId, orgUnits: [
          { orgUnitId: dev.orgUnitId, visible: false, useTeamFeature: false },
          { orgUnitId: "externalKey:SALES", primary: true, positionId: "externalKey:POS-1", isManager: true },
        ] },
      ],
    };
    const r = await api.post("/users", body({ ...full, unknownProperty: 1 }));
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty("unknownProperty");
    expect(r.body).toMatchObject({
      ...full, aliasEmails: ["alias.one@example.com", "alias-2@example.com"],
      i18nNames: [{ language: "en_US", firstName: "Taro", lastName: "Yamada" }, { language: "ko_KR", firstName: null, lastName: "야마다" }],
      userTypeId: utype.userTypeId, userTypeExternalKey: "UT-1", userTypeName: "Full time", userTypeCode: "FULL",
      employmentTypeId: etype.employmentTypeId, employmentTypeExternalKey: "ET-1", employmentTypeName: "Permanent",
      organizations: [
        { domainId: D2, primary: false, email: "taro@d2.example.com", levelId: lvl2.levelId, levelExternalKey: "LV-2", levelName: "L2", executive: false, organizationName: null,
          orgUnits: [{ orgUnitId: d2unit.orgUnitId, orgUnitExternalKey: "D2-UNIT", orgUnitName: "D2 team", orgUnitEmail: d2unit.email, primary: true,
            positionId: pos2.positionId, positionExternalKey: "POS-2", positionName: "Chief", isManager: false, visible: true, useTeamFeature: true }] },
        { domainId: D1, primary: true, email: null, levelId: lvl1.levelId, levelExternalKey: "LV-1", levelName: "L1", executive: true, organizationName: null,
          orgUnits: [
            { orgUnitId: dev.orgUnitId, orgUnitExternalKey: null, orgUnitName: "Dev", orgUnitEmail: dev.email, primary: false,
              positionId: null, positionExternalKey: null, positionName: null, isManager: false, visible: false, useTeamFeature: false },
            { orgUnitId: sales.orgUnitId, orgUnitExternalKey: "SALES", orgUnitName: "Sales", orgUnitEmail: "sales@example.com", primary: true,
              positionId: pos1.positionId, positionExternalKey: "POS-1", positionName: "Manager", isManager: true, visible: true, useTeamFeature: true },
          ] },
      ],
    });
    expect((await api.get(item("externalKey:EMP 001-x"))).body).toEqual(r.body);
  });

  test("no primary flag: the first organization and the first unit become primary", async () => {
    const u = await create({ organizations: [{ domainId: D1, orgUnits: [{ orgUnitId: sales.orgUnitId }, { orgUnitId: dev.orgUnitId }] }] });
    expect(u.organizations[0].primary).toBe(true);
    expect(u.organizations[0].orgUnits.map((x: any) => x.primary)).toEqual([true, false]);
  });

  test("limits that are still accepted: 40+40 names, every allowed special, 40-character local part, 10 aliases, 30 units", async () => {
    const many = Array.from({ length: 30 }, (_, i) => emu.seed("orgUnits", { orgUnitName: `T${i}` }).orgUnitId);
    const u = await create({
      email: `${"a".repeat(40)}@example.com`,
      userName: { lastName: "L".repeat(40), firstName: "F!@&()-_+[]{},./#'`^~ é 名 ١".padEnd(40, "x") },
      aliasEmails: Array.from({ length: 10 }, (_, i) => `alias${i}@example.com`),
      organizations: [org(many.map((orgUnitId) => ({ orgUnitId })))],
      timeZone: "UTC", telephone: "0\u30001", employeeNumber: "1",
    });
    expect(u.organizations[0].orgUnits).toHaveLength(30);
    expect((await create({ userName: { firstName: "Only" }, timeZone: "America/Argentina/Buenos_Aires" })).userName)
      .toEqual({ lastName: null, firstName: "Only", phoneticLastName: null, phoneticFirstName: null });
  });
});

describe("validation", () => {
  const rejects: Array<{ name: string; over: Record<string, unknown>; code?: string; field: string; says?: string }> = [
    { name: "missing domainId", over: { domainId: undefined }, code: "MISSING_PARAMETER", field: "domainId" },
    { name: "unknown domainId", over: { domainId: 5 }, field: "domainId" },
    { name: "missing email", over: { email: undefined }, code: "MISSING_PARAMETER", field: "email" },
    // local part: 1 or 41 characters, a first character other than a-z 0-9, dots, other characters; host not a domain name
    ...["a", "a".repeat(41), "_ab", ".ab", "ab.", "a..b", "a+b", "a!b"].map((local) => ({ name: `email ${local}@…`, over: { email: `${local}@example.com` }, field: "email" })),
    { name: "host not a domain name", over: { email: "ab@exa_mple.com" }, field: "email" },
    { name: "91-character email", over: { email: `${"a".repeat(40)}@${"b".repeat(46)}.com` }, field: "email" },
    { name: "missing userName", over: { userName: undefined }, code: "MISSING_PARAMETER", field: "userName" },
    { name: "userName without last and first name", over: { userName: { phoneticLastName: "ヤマダ" } }, code: "MISSING_PARAMETER", field: "userName.lastName" },
    { name: "81-character lastName", over: { userName: { lastName: "x".repeat(81) } }, field: "userName.lastName" },
    { name: "lastName + firstName over 80", over: { userName: { lastName: "x".repeat(40), firstName: "y".repeat(41) } }, field: "userName" },
    // Full-width punctuation such as ・ is accepted (README §11; test/name-rules.test.ts): only half-width specials and controls are refused.
    ...["*", "%", ":", "<", "$", "|", "\t"].map((ch) => ({ name: `lastName with ${JSON.stringify(ch)}`, over: { userName: { lastName: `A${ch}B` } }, field: "userName.lastName" })),
    { name: "hiragana phonetic name", over: { userName: { lastName: "山田", phoneticLastName: "やまだ" } }, field: "userName.phoneticLastName" },
    { name: "101-character phonetic name", over: { userName: { lastName: "山田", phoneticFirstName: "タ".repeat(101) } }, field: "userName.phoneticFirstName" },
    { name: "unknown i18n language", over: { i18nNames: [{ language: "fr_FR", lastName: "x" }] }, field: "i18nNames[0].language" },
    { name: "an i18n language twice", over: { i18nNames: [{ language: "en_US", lastName: "x" }, { language: "en_US", lastName: "y" }] }, field: "i18nNames[1].language" },
    { name: "101-character i18n firstName", over: { i18nNames: [{ language: "en_US", firstName: "x".repeat(101) }] }, field: "i18nNames[0].firstName" },
    { name: "101-character nickName", over: { nickName: "n".repeat(101) }, field: "nickName" },
    { name: "nickName with *", over: { nickName: "a*b" }, field: "nickName" },
    { name: "privateEmail not an address", over: { privateEmail: "not-an-address" }, field: "privateEmail" },
    { name: "257-character privateEmail", over: { privateEmail: `a@${"b".repeat(250)}.com` }, field: "privateEmail" },
    { name: "11 aliasEmails", over: { aliasEmails: Array.from({ length: 11 }, (_, i) => `alias${i}@example.com`) }, field: "aliasEmails" },
    { name: "an alias twice", over: { aliasEmails: ["ab@example.com", "AB@example.com"] }, field: "aliasEmails[1]" },
    { name: "an invalid alias", over: { aliasEmails: ["ok@example.com", "x@example.com"] }, field: "aliasEmails[1]" },
    { name: "an alias equal to the email", over: { email: "same@example.com", aliasEmails: ["same@example.com"] }, field: "aliasEmails" },
    { name: "external key with /", over: { userExternalKey: "a/b" }, field: "userExternalKey" },
    { name: "external key with ?", over: { userExternalKey: "a?b" }, field: "userExternalKey" },
    { name: "101-character external key", over: { userExternalKey: "k".repeat(101) }, field: "userExternalKey" },
    { name: "telephone with letters", over: { telephone: "03-abc" }, field: "telephone" },
    { name: "telephone without a digit", over: { telephone: "+-" }, field: "telephone" },
    { name: "101-character cellPhone", over: { cellPhone: "1".repeat(101) }, field: "cellPhone" },
    { name: "101-character location", over: { location: "l".repeat(101) }, field: "location" },
    { name: "101-character task", over: { task: "t".repeat(101) }, field: "task" },
    { name: "empty employeeNumber", over: { employeeNumber: "" }, field: "employeeNumber" },
    { name: "21-character employeeNumber", over: { employeeNumber: "1".repeat(21) }, field: "employeeNumber" },
    { name: "hiredDate with slashes", over: { hiredDate: "2024/01/01" }, field: "hiredDate" },
    { name: "birthday that does not exist", over: { birthday: "2023-02-29" }, field: "birthday" },
    { name: "activationDate without time", over: { activationDate: "2030-01-01" }, field: "activationDate" },
    { name: "hyphen locale", over: { locale: "ja-JP" }, field: "locale", says: "ja_JP" },
    { name: "unknown locale", over: { locale: "fr_FR" }, field: "locale" },
    { name: "time zone without an area", over: { timeZone: "Tokyo" }, field: "timeZone" },
    { name: "string searchable", over: { searchable: "yes" }, field: "searchable" },
    { name: "null searchable", over: { searchable: null }, field: "searchable" },
    { name: "unknown userTypeId", over: { userTypeId: "externalKey:nope" }, field: "userTypeId" },
    { name: "unknown employmentTypeId", over: { employmentTypeId: "employ-nope" }, field: "employmentTypeId" },
    { name: "two primary organizations", over: { organizations: [org([]), org([], { domainId: D2 })] }, field: "organizations[1].primary" },
    { name: "an organization of an unknown domain", over: { organizations: [org([], { domainId: 7 })] }, field: "organizations[0].domainId" },
    { name: "one domain twice", over: { organizations: [org([]), org([], { primary: false })] }, field: "organizations[1].domainId" },
    { name: "primary organization in another domain", over: { organizations: [org([], { domainId: D2 })] }, field: "organizations[0].domainId" },
    { name: "31 org units", over: { organizations: [org(Array(31).fill({ orgUnitId: "x" }))] }, field: "organizations[0].orgUnits" },
    { name: "two primary org units", over: { organizations: [org([{ orgUnitId: "externalKey:SALES", primary: true }, { orgUnitId: "DEV", primary: true }])] }, field: "organizations[0].orgUnits[1].primary" },
    { name: "an org unit twice", over: { organizations: [org([{ orgUnitId: "externalKey:SALES" }, { orgUnitId: "SALES-ID" }])] }, field: "organizations[0].orgUnits[1].orgUnitId" },
    { name: "missing orgUnitId", over: { organizations: [org([{ primary: true }])] }, code: "MISSING_PARAMETER", field: "organizations[0].orgUnits[0].orgUnitId" },
    { name: "unknown orgUnitId", over: { organizations: [org([{ orgUnitId: "externalKey:SALES" }, { orgUnitId: "nope" }])] }, field: "organizations[0].orgUnits[1].orgUnitId" },
    { name: "org unit of another domain", over: { organizations: [org([{ orgUnitId: "externalKey:D2-UNIT" }])] }, field: "organizations[0].orgUnits[0].orgUnitId" },
    { name: "position of another domain", over: { organizations: [org([{ orgUnitId: "externalKey:SALES", positionId: "externalKey:POS-2" }])] }, field: "organizations[0].orgUnits[0].positionId" },
    { name: "unknown levelId", over: { organizations: [org([], { levelId: "externalKey:LV-2" })] }, field: "organizations[0].levelId" },
    { name: "string isManager", over: { organizations: [org([{ orgUnitId: "externalKey:SALES", isManager: "yes" }])] }, field: "organizations[0].orgUnits[0].isManager" },
    { name: "ADMIN password creation without password", over: { passwordConfig: { passwordCreationType: "ADMIN" } }, code: "MISSING_PARAMETER", field: "passwordConfig.password" },
    { name: "MEMBER password creation without privateEmail", over: { privateEmail: undefined }, field: "privateEmail" },
    { name: "unknown password creation type", over: { passwordConfig: { passwordCreationType: "SSO" } }, field: "passwordConfig.passwordCreationType" },
  ];
  test.each(rejects)("400 for $name", async ({ over, code, field, says }) => {
    const b: Record<string, unknown> = body(over);
    for (const k of Object.keys(over)) if (over[k] === undefined) delete b[k];
    // Two of the cases name units by ID placeholders: fill in the real IDs.
    const text = JSON.stringify(b).replace(/"DEV"/g, JSON.stringify(dev.orgUnitId)).replace(/"SALES-ID"/g, JSON.stringify(sales.orgUnitId));
    const r = await api.post("/users", JSON.parse(text));
    expectError(r, 400, code ?? "INVALID_PARAMETER");
    expect(r.body.description.startsWith(`${field}:`)).toBe(true);
    if (says) expect(r.body.description).toContain(says);
    expect(emu.objects("users")).toEqual([]);
  });

  test("ADMIN password creation needs no privateEmail", async () => {
    const u = await create({ privateEmail: undefined, passwordConfig: { passwordCreationType: "ADMIN", password: PASSWORD, changePasswordAtNextLogin: true } });
    expect(u.privateEmail).toBeNull();
    expect(u).not.toHaveProperty("passwordConfig");
  });
});

describe("PUT and PATCH", () => {
  test("PUT replaces: omitted optional fields are cleared, passwordConfig ignored, domainId/email/userName required", async () => {
    const u = await create({ telephone: "03-1111", userExternalKey: "K1", organizations: [org([{ orgUnitId: sales.orgUnitId }])] });
    const r = await api.put(item(u.userId), { domainId: D1, email: "Renamed@example.com", userName: { lastName: "鈴木" }, passwordConfig: { passwordCreationType: "ADMIN", password: PASSWORD } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      userId: u.userId, email: "renamed@example.com", userName: { lastName: "鈴木", firstName: null }, telephone: null, userExternalKey: null,
      privateEmail: null, isPending: true, organizations: [{ domainId: D1, primary: true, orgUnits: [] }],
    });
    expect((await api.get(item("renamed@example.com"))).body).toEqual(r.body);
    for (const f of ["domainId", "email", "userName"]) {
      const b: Record<string, unknown> = { domainId: D1, email: "renamed@example.com", userName: { lastName: "x" } };
      delete b[f];
      expectError(await api.put(item(u.userId), b), 400, "MISSING_PARAMETER", `${f}:`);
    }
  });

  test("PATCH merges top-level fields, null clears, organizations replaced as a whole", async () => {
    const u = await create({ telephone: "03-1111", location: "Osaka", organizations: [org([{ orgUnitId: sales.orgUnitId }, { orgUnitId: dev.orgUnitId }])] });
    const r = await api.patch(item(u.email), { telephone: null, task: "New", organizations: [org([{ orgUnitId: "externalKey:SALES", isManager: true }])] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ telephone: null, location: "Osaka", task: "New", userName: u.userName, privateEmail: u.privateEmail });
    expect(units(r).map((x: any) => [x.orgUnitName, x.primary, x.isManager])).toEqual([["Sales", true, true]]);
    const cleared = await api.patch(item(u.userId), { organizations: null });
    expect(cleared.body.organizations).toEqual([expect.objectContaining({ domainId: D1, primary: true, orgUnits: [] })]);
    expectError(await api.patch(item(u.userId), { userName: null }), 400, "INVALID_PARAMETER", "userName:");
    expectError(await api.patch(item(u.userId), { email: null }), 400, "INVALID_PARAMETER", "email:");
    expectError(await api.patch(item(u.userId), { telephone: "x" }), 400, "INVALID_PARAMETER", "telephone:");
  });

  test("a different domainId in PUT or PATCH → 400 pointing to move", async () => {
    const u = await create();
    const r = await api.patch(item(u.userId), { domainId: D2 });
    expectError(r, 400, "INVALID_PARAMETER", "domainId:");
    expect(r.body.description).toContain("POST /users/{userId}/move");
    expectError(await api.put(item(u.userId), { domainId: D2, email: u.email, userName: u.userName }), 400, "INVALID_PARAMETER", "move");
    expect((await api.patch(item(u.userId), { domainId: D1, nickName: "ok" })).body.nickName).toBe("ok");
  });

  test("echoes follow renames of the referenced objects", async () => {
    const u = await create({ userTypeId: utype.userTypeId, organizations: [org([{ orgUnitId: sales.orgUnitId, positionId: pos1.positionId }], { levelId: lvl1.levelId })] });
    expect((await api.patch(`/orgunits/${sales.orgUnitId}`, { orgUnitName: "Sales & Marketing", orgUnitExternalKey: "SM" })).status).toBe(200);
    emu.update("positions", pos1.positionId, { positionName: "Head" });
    emu.update("levels", lvl1.levelId, { levelName: "Senior" });
    emu.update("userTypes", utype.userTypeId, { userTypeName: "Regular" });
    const r = await api.get(item(u.userId));
    expect(units(r)[0]).toMatchObject({ orgUnitId: sales.orgUnitId, orgUnitName: "Sales & Marketing", orgUnitExternalKey: "SM", positionName: "Head" });
    expect(r.body.organizations[0].levelName).toBe("Senior");
    expect(r.body.userTypeName).toBe("Regular");
    emu.update("positions", pos1.positionId, { positionName: "Manager" });
    emu.update("levels", lvl1.levelId, { levelName: "L1" });
    emu.update("userTypes", utype.userTypeId, { userTypeName: "Full time" });
  });
});

describe("uniqueness and leaders", () => {
  test("email (any case) and external key are tenant-unique → 409", async () => {
    const a = await create({ email: "taken@example.com", userExternalKey: "EMP1" });
    expectError(await api.post("/users", body({ email: "TAKEN@example.com", domainId: D2, organizations: [org([], { domainId: D2 })] })), 409, "ALREADY_EXIST", "email:");
    expectError(await api.post("/users", body({ userExternalKey: "EMP1" })), 409, "ALREADY_EXIST", "userExternalKey:");
    const b = await create();
    expectError(await api.patch(item(b.userId), { email: "Taken@example.com" }), 409, "ALREADY_EXIST", a.userId);
    expect((await api.patch(item(a.userId), { email: "taken@example.com", userExternalKey: "EMP1" })).status).toBe(200); // itself
  });

  test("a soft-deleted member still holds its email and key until purged", async () => {
    const a = await create({ email: "gone@example.com", userExternalKey: "GONE" });
    expect((await api.del(item(a.userId))).status).toBe(204);
    for (const over of [{ email: "gone@example.com" }, { userExternalKey: "GONE" }]) {
      const r = await api.post("/users", body(over));
      expectError(r, 409, "ALREADY_EXIST");
      expect(r.body.description).toContain("deleted member");
    }
    emu.update("users", a.userId, { deletedAt: Date.now() - 8 * DAY });
    expect((await create({ email: "gone@example.com", userExternalKey: "GONE" })).email).toBe("gone@example.com");
  });

  test("isManager on one user unsets the unit's previous leader", async () => {
    const first = await create({ organizations: [org([{ orgUnitId: sales.orgUnitId, isManager: true }, { orgUnitId: dev.orgUnitId, isManager: true }])] });
    const second = await create({ organizations: [org([{ orgUnitId: "externalKey:SALES", isManager: true }])] });
    const f = await api.get(item(first.userId));
    expect(units(f).map((x: any) => [x.orgUnitName, x.isManager])).toEqual([["Sales", false], ["Dev", true]]);
    const members = await api.get(`/orgunits/${sales.orgUnitId}/members`);
    expect(members.body.members.map((m: any) => [m.userId, m.isManager])).toEqual([[first.userId, false], [second.userId, true]]);
    await api.patch(item(first.userId), { organizations: [org([{ orgUnitId: sales.orgUnitId, isManager: true }])] });
    expect(units(await api.get(item(second.userId)))[0].isManager).toBe(false);
  });
});

describe("delete, undelete, force delete", () => {
  test("soft delete: readable with isDeleted, hidden from lists and members; writes 400; a second delete 404", async () => {
    const u = await create({ organizations: [org([{ orgUnitId: sales.orgUnitId }])] });
    const other = await create();
    expect(emu.objects("users").find((x) => x.userId === u.userId).isDeleted).toBe(false);
    const r = await api.del(item(u.email));
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect((await api.get(item(u.userId))).body).toMatchObject({ userId: u.userId, isDeleted: true });
    expect((await api.get("/users")).body.users.map((x: any) => x.userId)).toEqual([other.userId]);
    expect((await api.get(`/orgunits/${sales.orgUnitId}/members`)).body.members).toEqual([]);
    expect(emu.objects("users").find((x) => x.userId === u.userId).isDeleted).toBe(true);
    expectError(await api.patch(item(u.userId), { nickName: "x" }), 400, "INVALID_PARAMETER", "deleted");
    expectError(await api.put(item(u.userId), { domainId: D1, email: u.email, userName: u.userName }), 400, "INVALID_PARAMETER", "deleted");
    expectError(await api.post(`${item(u.userId)}/suspend`), 400, "INVALID_PARAMETER", "deleted");
    expectError(await api.post(`${item(u.userId)}/move`, { organizations: [org([], { domainId: D2 })] }), 400, "INVALID_PARAMETER", "deleted");
    expectError(await api.del(item(u.userId)), 404, "NOT_FOUND");
  });

  test("undelete within 7 days → 200 + user; not deleted → 400; after 7 days purged (404, 400 on undelete)", async () => {
    const u = await create({ organizations: [org([{ orgUnitId: sales.orgUnitId, isManager: true }])] });
    expectError(await api.post(`${item(u.userId)}/undelete`), 400, "INVALID_PARAMETER", "not deleted");
    await api.del(item(u.userId));
    emu.update("users", u.userId, { deletedAt: Date.now() - 6 * DAY });
    const back = await api.post(`${item(u.userId)}/undelete`);
    expect(back.status).toBe(200);
    expect(back.body).toEqual({ ...u, isDeleted: false });
    expect((await api.get("/users")).body.users.map((x: any) => x.userId)).toEqual([u.userId]);

    await api.del(item(u.userId));
    emu.update("users", u.userId, { deletedAt: Date.now() - 7 * DAY - 1000 });
    expectError(await api.get(item(u.userId)), 404, "NOT_FOUND");
    expectError(await api.get(item(u.email)), 404, "NOT_FOUND");
    expectError(await api.post(`${item(u.userId)}/undelete`), 400, "INVALID_PARAMETER", "more than 7 days");
    expect(emu.objects("users")).toEqual([]);
    emu.remove("users", u.userId);
  });

  test("undelete drops memberships of units deleted meanwhile and leaves a new leader in place", async () => {
    const u = await create({ organizations: [org([{ orgUnitId: sales.orgUnitId, isManager: true }, { orgUnitId: dev.orgUnitId }])] });
    await api.del(item(u.userId));
    expect((await api.del(`/orgunits/${dev.orgUnitId}`)).status).toBe(204);
    const lead = await create({ organizations: [org([{ orgUnitId: sales.orgUnitId, isManager: true }])] });
    const back = await api.post(`${item(u.userId)}/undelete`);
    expect(units(back).map((x: any) => [x.orgUnitName, x.isManager])).toEqual([["Sales", false]]);
    expect(units(await api.get(item(lead.userId)))[0].isManager).toBe(true);
  });

  test("administrators cannot be deleted nor force-deleted", async () => {
    const u = await create();
    emu.update("users", u.userId, { isAdministrator: true });
    const r = await api.del(item(u.userId));
    expectError(r, 400, "INVALID_PARAMETER", "administrators cannot be deleted");
    expectError(await api.del(`${item(u.userId)}/forcedelete`), 400, "INVALID_PARAMETER", "administrators cannot be deleted");
    expect((await api.get(item(u.userId))).body).toMatchObject({ isAdministrator: true, isDeleted: false });
  });

  test("force delete removes a user at once, soft-deleted or not; it cannot be undeleted", async () => {
    const a = await create();
    const b = await create();
    await api.del(item(b.userId));
    for (const u of [a, b]) {
      const r = await api.del(`${item(u.userId)}/forcedelete`);
      expect(r.status).toBe(204);
      expectError(await api.get(item(u.userId)), 404, "NOT_FOUND");
      expectError(await api.post(`${item(u.userId)}/undelete`), 404, "NOT_FOUND");
    }
    expect(emu.objects("users")).toEqual([]);
    expect((await create({ email: a.email })).email).toBe(a.email);
  });

  test("an org unit whose only members are soft-deleted can be deleted", async () => {
    const u = await create({ organizations: [org([{ orgUnitId: sales.orgUnitId }])] });
    expectError(await api.del(`/orgunits/${sales.orgUnitId}`), 400, "BAD_REQUEST");
    await api.del(item(u.userId));
    expect((await api.del(`/orgunits/${sales.orgUnitId}`)).status).toBe(204);
    // the deleted user still reads; the vanished unit shows without echoes
    expect(units(await api.get(item(u.userId)))[0]).toMatchObject({ orgUnitId: sales.orgUnitId, orgUnitName: null });
  });
});

describe("suspend and unsuspend", () => {
  test("a pending user cannot be suspended; an active one can; unsuspend clears", async () => {
    const u = await create();
    const r = await api.post(`${item(u.userId)}/suspend`);
    expectError(r, 400, "INVALID_PARAMETER", "only members in use (who have logged in) can be suspended");
    emu.update("users", u.userId, { isPending: false }); // the first login happened
    expectError(await api.post(`${item("externalKey:none")}/suspend`), 404, "NOT_FOUND");
    expect((await api.post(`${item(u.email)}/suspend`)).status).toBe(204);
    expect((await api.get(item(u.userId))).body).toMatchObject({ isPending: false, isSuspended: true, suspendedReason: "MASTER" });
    const un = await api.post(`${item(u.userId)}/unsuspend`);
    expect(un.status).toBe(204);
    expect((await api.get(item(u.userId))).body).toMatchObject({ isSuspended: false, suspendedReason: null });
  });

  test("the super admin cannot be suspended", async () => {
    const admin = emu.seed("users", { email: "boss@example.com", userName: { lastName: "Boss" }, isAdministrator: true, isSuperAdmin: true });
    expect(admin).toMatchObject({ domainId: D1, isPending: false, isAdministrator: true });
    expect(admin).not.toHaveProperty("isSuperAdmin");
    expectError(await api.post(`${item(admin.userId)}/suspend`), 400, "INVALID_PARAMETER", "super administrator");
  });
});

describe("move", () => {
  test("to another domain: domain, email, key and organizations change together", async () => {
    const u = await create({ userExternalKey: "OLD", organizations: [org([{ orgUnitId: sales.orgUnitId }])] });
    const r = await api.post(`${item("externalKey:OLD")}/move`, {
      organizations: [{ domainId: D2, primary: true, email: "Moved@D2.example.com", levelId: "externalKey:LV-2", orgUnits: [{ orgUnitId: "externalKey:D2-UNIT", positionId: pos2.positionId }] }],
      userExternalKey: "NEW", preserveGroup: true,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userId: u.userId, domainId: D2, email: "moved@d2.example.com", userExternalKey: "NEW", userName: u.userName });
    expect(units(r)).toEqual([expect.objectContaining({ orgUnitId: d2unit.orgUnitId, positionName: "Chief", primary: true })]);
    expect((await api.get(`/users?domainId=${D2}`)).body.users.map((x: any) => x.userId)).toEqual([u.userId]);
    expect((await api.get("/users")).body.users).toEqual([]);
    expect((await api.get(`/orgunits/${sales.orgUnitId}/members`)).body.members).toEqual([]);
  });

  test("the key from the primary organization when the root has none; no email keeps the address", async () => {
    const u = await create({ userExternalKey: "OLD" });
    const r = await api.post(`${item(u.userId)}/move`, { organizations: [{ domainId: D2, userExternalKey: "FROM-ORG" }] });
    expect(r.body).toMatchObject({ domainId: D2, email: u.email, userExternalKey: "FROM-ORG" });
  });

  test("refused: same domain, no organizations, units of another domain, super admin", async () => {
    const u = await create();
    expectError(await api.post(`${item(u.userId)}/move`, { organizations: [org([])] }), 400, "INVALID_PARAMETER", "organizations:");
    expectError(await api.post(`${item(u.userId)}/move`, {}), 400, "MISSING_PARAMETER", "organizations:");
    expectError(await api.post(`${item(u.userId)}/move`, { organizations: [] }), 400, "INVALID_PARAMETER", "organizations:");
    expectError(await api.post(`${item(u.userId)}/move`, { organizations: [org([{ orgUnitId: sales.orgUnitId }], { domainId: D2 })] }), 400, "INVALID_PARAMETER", "organizations[0].orgUnits[0].orgUnitId:");
    emu.update("users", u.userId, { isSuperAdmin: true });
    expectError(await api.post(`${item(u.userId)}/move`, { organizations: [org([], { domainId: D2 })] }), 400, "INVALID_PARAMETER", "super administrator");
    expect((await api.get(item(u.userId))).body.domainId).toBe(D1);
  });
});

describe("list, addressing, scopes", () => {
  test("250 users in pages of 100, creation order, no duplicates; domains apart; bad count/cursor → 400", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => emu.seed("users", { email: `p${i}@example.com`, userName: { lastName: `P${i}` } }).userId);
    emu.seed("users", { domainId: D2, email: "elsewhere@example.com", userName: { lastName: "D2" } });
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const r: Resp = await api.get(`/users?count=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(r.status).toBe(200);
      sizes.push(r.body.users.length);
      seen.push(...r.body.users.map((x: any) => x.userId));
      cursor = r.body.responseMetaData.nextCursor;
      if (sizes.length === 1) await create(); // a user added while paging shows at the end
    } while (cursor);
    expect(sizes).toEqual([100, 100, 51]);
    expect(seen.slice(0, 250)).toEqual(ids);
    expect(new Set(seen).size).toBe(251);
    expect((await api.get("/users")).body.users).toHaveLength(100);
    expect((await api.get(`/users?domainId=${D2}`)).body).toEqual({ users: [expect.objectContaining({ email: "elsewhere@example.com", domainId: D2 })], responseMetaData: { nextCursor: null } });
    for (const q of ["count=0", "count=101", "cursor=%%%", "domainId=5"]) expectError(await api.get(`/users?${q}`), 400, "INVALID_PARAMETER");
  });

  test("unknown users → 404; unsupported methods → 405; logged under route templates", async () => {
    const u = await create({ userExternalKey: "営業 1/a".replace("/", "-") });
    expect((await api.get(item("externalKey:営業 1-a"))).body.userId).toBe(u.userId);
    for (const ref of ["nobody", "nobody@example.com", "externalKey:nobody"]) expectError(await api.get(item(ref)), 404, "NOT_FOUND");
    expectError(await api.del(item("nobody")), 404, "NOT_FOUND");
    emu.resetLog();
    expect((await api.request("PUT", "/users", {})).status).toBe(405);
    expect((await api.get(`${item(u.userId)}/suspend`)).status).toBe(405);
    expect((await api.post(`${item(u.userId)}/forcedelete`)).status).toBe(405);
    await api.post(`${item(u.userId)}/unsuspend`);
    expect(emu.log.map((e) => [e.api, e.status])).toEqual([
      ["PUT /users", 405], ["GET /users/{id}/suspend", 405], ["POST /users/{id}/forcedelete", 405], ["POST /users/{id}/unsuspend", 204],
    ]);
  });

  test("scopes: user / user.read / directory.read read; user writes; orgunit does neither", async () => {
    const u = await create();
    for (const scope of ["user", "user.read", "directory.read"]) {
      const a = await Api.connect(emu, scope);
      expect((await a.get(item(u.userId))).status).toBe(200);
      expect((await a.get("/users")).status).toBe(200);
    }
    expectError(await (await Api.connect(emu, "user.read")).patch(item(u.userId), { nickName: "x" }), 403, "FORBIDDEN");
    expect((await (await Api.connect(emu, "user")).patch(item(u.userId), { nickName: "x" })).status).toBe(200);
    expectError(await (await Api.connect(emu, "orgunit")).get(item(u.userId)), 403, "FORBIDDEN");
  });
});

describe("the password is never kept nor shown", () => {
  test("not in any response, the log, the test controls nor the data file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-emu-users-"));
    const dataFile = path.join(dir, "state.json");
    const { emu: e, api: a } = await startTwoDomainEmulator({ dataFile });
    try {
      const pc = { passwordCreationType: "ADMIN", password: PASSWORD };
      const responses: Resp[] = [];
      const c = await a.post("/users", body({ passwordConfig: pc }));
      responses.push(c);
      responses.push(await a.post("/users", body({ passwordConfig: { ...pc, passwordCreationType: "ADMN" } })));
      responses.push(await a.post("/users", body({ email: c.body.email, passwordConfig: pc })));
      responses.push(await a.get(item(c.body.userId)), await a.get("/users"));
      responses.push(await a.put(item(c.body.userId), { domainId: D1, email: c.body.email, userName: c.body.userName, passwordConfig: pc }));
      responses.push(await a.patch(item(c.body.userId), { passwordConfig: pc, nickName: "n" }));
      e.seed("users", { email: "seeded@example.com", passwordConfig: pc });
      for (const r of responses) expect(JSON.stringify(r.body)).not.toContain(PASSWORD);
      expect(c.body).not.toHaveProperty("passwordConfig");
      expect(JSON.stringify(e.log)).not.toContain(PASSWORD);
      expect(JSON.stringify(e.objects("users"))).not.toContain(PASSWORD);
      expect(fs.readFileSync(dataFile, "utf8")).not.toContain(PASSWORD);
      expect(fs.readFileSync(dataFile, "utf8")).toContain('"passwordCreationType": "ADMIN"');
    } finally {
      await e.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("users (soft-deleted ones too) survive a restart through the data file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-emu-users-"));
  const dataFile = path.join(dir, "state.json");
  try {
    const { emu: first, api: a } = await startTwoDomainEmulator({ dataFile });
    let kept: any;
    let gone: any;
    try {
      kept = (await a.post("/users", body({ userExternalKey: "KEPT" }))).body;
      gone = (await a.post("/users", body())).body;
      await a.del(item(gone.userId));
    } finally {
      await first.stop();
    }
    const { emu: second, api: a2 } = await startTwoDomainEmulator({ dataFile });
    try {
      expect((await a2.get(item("externalKey:KEPT"))).body).toEqual(kept);
      expect((await a2.get(item(gone.userId))).body.isDeleted).toBe(true);
      expect((await a2.get("/users")).body.users.map((x: any) => x.userId)).toEqual([kept.userId]);
      expect((await a2.post(`${item(gone.userId)}/undelete`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("ordering record and concurrency", () => {
  let e: Emulator;
  let a: Api;
  const startWith = async (latencyMs = 0) => { ({ emu: e, api: a } = await startTwoDomainEmulator({ latencyMs })); };
  afterEach(() => e.stop());
  const createIn = (domainId: number) =>
    a.post("/users", body({ domainId, organizations: [{ domainId, primary: true }] }));

  test("11 creates in one domain within a second: one violation, nothing refused", async () => {
    await startWith();
    const rs = await Promise.all(Array.from({ length: 11 }, () => createIn(D1)));
    expect(rs.map((r) => r.status)).toEqual(Array(11).fill(201));
    expect(e.orderingViolations).toHaveLength(1);
    expect(e.orderingViolations[0]).toMatch(/POST \/v1\.0\/users \(member create, domain 10000001\) is write 11 within \d+ ms .*at most 10 per 1000 ms/);
    expect(e.violations).toEqual([]);
  });

  test("10 per second (and 10 more in another domain) are fine", async () => {
    await startWith();
    await Promise.all([...Array.from({ length: 10 }, () => createIn(D1)), ...Array.from({ length: 10 }, () => createIn(D2))]);
    await sleep(MEMBER_CREATES.windowMs + 100);
    await Promise.all(Array.from({ length: 10 }, () => createIn(D1)));
    expect(e.objects("users")).toHaveLength(30);
    expect(e.orderingViolations).toEqual([]);
  });

  test("the rule records member creates only: 11 updates of members within a second record nothing", async () => {
    await startWith();
    const users = [];
    for (let i = 0; i < 11; i++) {
      users.push((await createIn(D1)).body);
      await sleep(MEMBER_CREATES.windowMs / 10 + 5); // creates kept within the rule
    }
    expect(e.orderingViolations).toEqual([]);
    const rs = await Promise.all(users.map((u) => a.patch(item(u.userId), { task: "moved" })));
    expect(rs.map((r) => r.status)).toEqual(Array(11).fill(200));
    expect(e.orderingViolations).toEqual([]);
  });

  test("overlapping writes on one user (ID, email, externalKey:) → 409 CONFLICT and a violation", async () => {
    await startWith(150);
    const u = (await a.post("/users", body({ userExternalKey: "営業 1" }))).body;
    const [x, y, z] = await Promise.all([
      a.patch(item(u.userId), { nickName: "X" }),
      sleep(30).then(() => a.patch(item(u.email.toUpperCase()), { nickName: "Y" })),
      sleep(30).then(() => a.post(`${item("externalKey:営業 1")}/suspend`)),
    ]);
    expect(x.status).toBe(200);
    expectError(y, 409, "CONFLICT");
    expectError(z, 409, "CONFLICT");
    expect(e.violations).toHaveLength(2);
    expect(e.violations[0]).toContain(`users:${u.userId}`);
    expect(e.orderingViolations).toEqual([]);
  });
});
