// check and diff of the User declaration: every documented member rule fails naming its property,
// the password is never repeated in a message, and diff follows the member's capabilities (sets,
// case-insensitive email, defaults, write-only secrets, a domain change is a move).
import { check, configure, diff, UNKNOWN } from "../provider/lifecycle";

const U = "User";
const D = 10000001;
const member = (extra: Record<string, unknown> = {}) => ({
  domainId: D,
  email: "hanako.sato@example.com",
  userName: { lastName: "佐藤", firstName: "花子" },
  organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "unit-1", primary: true }] }],
  ...extra,
});
const failures = (news: Record<string, unknown>) => check(U, {}, news).failures;
const failedProps = (news: Record<string, unknown>) => failures(news).map((f) => f.property);

beforeEach(() => configure({}));

describe("User check", () => {
  test("a full valid declaration passes", () => {
    const res = check(U, {}, member({
      userExternalKey: "EMP-1",
      userName: { lastName: "O'Neil", firstName: "Ann-Marie", phoneticLastName: "オニール", phoneticFirstName: "アン" },
      i18nNames: [{ language: "en_US", firstName: "Hanako", lastName: "Sato" }],
      nickName: "Hana~chan",
      privateEmail: "hanako@gmail.example",
      aliasEmails: ["h.sato@example.com"],
      locale: "ja_JP",
      timeZone: "Asia/Tokyo",
      telephone: "+81-3-1234-5678",
      cellPhone: "090(1234)5678",
      location: "Tokyo",
      task: "Sales",
      employeeNumber: "00042",
      hiredDate: "2024-04-01",
      userTypeId: "externalKey:REGULAR",
      searchable: false,
      organizations: [
        { domainId: D, primary: true, levelId: "externalKey:L3", orgUnits: [
          { orgUnitId: "unit-1", primary: true, positionId: "externalKey:MGR", isManager: true },
          { orgUnitId: "externalKey:PROJECT", primary: false, visible: false, useTeamFeature: false },
        ] },
        { domainId: 10000002, primary: false, orgUnits: [] },
      ],
      passwordConfig: { passwordCreationType: "ADMIN", password: "s3cret-Pass", changePasswordAtNextLogin: true },
      suspended: false,
      forceDeleteOnDestroy: true,
    }));
    expect(res.failures).toEqual([]);
  });

  test.each([
    ["email local part of 1 character", { email: "a@example.com" }, "email"],
    ["email local part over 40", { email: `${"a".repeat(41)}@example.com` }, "email"],
    ["email with !", { email: "a!b@example.com" }, "email"],
    ["email starting with a dot", { email: ".ab@example.com" }, "email"],
    ["email with two dots", { email: "a..b@example.com" }, "email"],
    ["email without @", { email: "hanako" }, "email"],
    ["email over 90", { email: `ab@${"d".repeat(90)}.com` }, "email"],
    ["missing email", { email: undefined }, "email"],
    ["missing userName", { userName: undefined }, "userName"],
    ["userName without last and first name", { userName: { phoneticLastName: "サトウ" } }, "userName"],
    ["lastName over 80", { userName: { lastName: "a".repeat(81) } }, "userName.lastName"],
    ["lastName + firstName over 80", { userName: { lastName: "a".repeat(40), firstName: "b".repeat(41) } }, "userName"],
    ["a name with a forbidden special character", { userName: { lastName: "Sato;" } }, "userName.lastName"],
    ["phonetic name not in katakana", { userName: { lastName: "佐藤", phoneticLastName: "さとう" } }, "userName.phoneticLastName"],
    ["a misspelt userName key", { userName: { lastName: "佐藤", fistName: "花子" } }, "userName"],
    ["i18nNames language twice", { i18nNames: [{ language: "en_US", lastName: "A" }, { language: "en_US", lastName: "B" }] }, "i18nNames[1].language"],
    ["i18nNames unknown language", { i18nNames: [{ language: "fr_FR", lastName: "A" }] }, "i18nNames[0].language"],
    ["nickName over 100", { nickName: "n".repeat(101) }, "nickName"],
    ["privateEmail not an address", { privateEmail: "hanako" }, "privateEmail"],
    ["privateEmail over 256", { privateEmail: `a@${"d".repeat(256)}.com` }, "privateEmail"],
    ["11 aliasEmails", { aliasEmails: Array.from({ length: 11 }, (_, i) => `alias${i}@example.com`) }, "aliasEmails"],
    ["an alias twice", { aliasEmails: ["ab@example.com", "AB@example.com"] }, "aliasEmails[1]"],
    ["SCIM's locale form", { locale: "ja-JP" }, "locale"],
    ["unknown locale", { locale: "fr_FR" }, "locale"],
    ["unknown time zone", { timeZone: "Tokyo" }, "timeZone"],
    ["telephone with letters", { telephone: "call me" }, "telephone"],
    ["cellPhone without a digit", { cellPhone: "+-" }, "cellPhone"],
    ["location over 100", { location: "l".repeat(101) }, "location"],
    ["task over 100", { task: "t".repeat(101) }, "task"],
    ["employeeNumber over 20", { employeeNumber: "1".repeat(21) }, "employeeNumber"],
    ["empty employeeNumber", { employeeNumber: "" }, "employeeNumber"],
    ["hiredDate in another form", { hiredDate: "2024/04/01" }, "hiredDate"],
    ["hiredDate that does not exist", { hiredDate: "2024-02-30" }, "hiredDate"],
    ["userExternalKey with /", { userExternalKey: "a/b" }, "userExternalKey"],
    ["searchable as a string", { searchable: "yes" }, "searchable"],
    ["no organization", { organizations: [] }, "organizations"],
    ["two primary organizations", { organizations: [
      { domainId: D, primary: true, orgUnits: [] }, { domainId: 10000002, primary: true, orgUnits: [] }] }, "organizations"],
    ["no primary organization", { organizations: [{ domainId: D, primary: false, orgUnits: [] }] }, "organizations"],
    ["one domain twice", { organizations: [
      { domainId: D, primary: true, orgUnits: [] }, { domainId: D, primary: false, orgUnits: [] }] }, "organizations[1].domainId"],
    ["two primary units", { organizations: [{ domainId: D, primary: true, orgUnits: [
      { orgUnitId: "u1", primary: true }, { orgUnitId: "u2", primary: true }] }] }, "organizations[0].orgUnits"],
    ["no primary unit", { organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "u1", primary: false }] }] }, "organizations[0].orgUnits"],
    ["a unit twice", { organizations: [{ domainId: D, primary: true, orgUnits: [
      { orgUnitId: "u1", primary: true }, { orgUnitId: "u1", primary: false }] }] }, "organizations[0].orgUnits[1].orgUnitId"],
    ["31 units", { organizations: [{ domainId: D, primary: true, orgUnits: Array.from({ length: 31 }, (_, i) => ({ orgUnitId: `u${i}`, primary: i === 0 })) }] }, "organizations[0].orgUnits"],
    ["a unit without orgUnitId", { organizations: [{ domainId: D, primary: true, orgUnits: [{ primary: true }] }] }, "organizations[0].orgUnits[0].orgUnitId"],
    ["a bad key in a reference", { organizations: [{ domainId: D, primary: true, levelId: "externalKey:a/b", orgUnits: [] }] }, "organizations[0].levelId"],
    ["a misspelt unit key", { organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "u1", primary: true, isManger: true }] }] }, "organizations[0].orgUnits[0]"],
    ["domainId not the primary organization's", { domainId: 10000002 }, "domainId"],
    ["ADMIN without a password", { passwordConfig: { passwordCreationType: "ADMIN" } }, "passwordConfig.password"],
    ["MEMBER without a privateEmail", { passwordConfig: { passwordCreationType: "MEMBER" } }, "privateEmail"],
    ["passwordConfig without a type (MEMBER, the default) and no privateEmail", { passwordConfig: { changePasswordAtNextLogin: true } }, "privateEmail"],
    ["unknown passwordCreationType", { passwordConfig: { passwordCreationType: "SSO" } }, "passwordConfig.passwordCreationType"],
    ["suspended as a string", { suspended: "true" }, "suspended"],
    ["forceDeleteOnDestroy as a number", { forceDeleteOnDestroy: 1 }, "forceDeleteOnDestroy"],
  ])("%s fails, naming the property", (_label, extra, property) => {
    const f = failures(member(extra));
    expect(f.map((x) => x.property)).toContain(property);
    for (const x of f) expect(x.reason).toContain(x.property);
  });

  test("full-width punctuation of Japanese names passes; a refused half-width character names the allowed ones", () => {
    for (const n of ["佐藤・田中", "花子〜", "佐藤（旧姓）", "R&D＆Sales"]) expect(failures(member({ userName: { lastName: n }, nickName: n }))).toEqual([]);
    expect(failures(member({ userName: { lastName: "Sato;" } }))[0].reason).toBe(
      `User userName.lastName: the half-width character ";" is not allowed; allowed half-width specials are ! @ & ( ) - _ + [ ] { } , . / # ' \` ^ ~`,
    );
  });

  test("a hyphen locale is answered with the underscore form", () => {
    expect(failures(member({ locale: "en-US" }))[0].reason).toContain("must be written en_US");
  });

  test("the password is never repeated in a check failure, whatever is wrong with it", () => {
    for (const password of [12345678, true, ["hunter2-secret"], { x: "hunter2-secret" }, ""]) {
      const f = failures(member({ passwordConfig: { passwordCreationType: "ADMIN", password } }));
      expect(f.map((x) => x.property)).toContain("passwordConfig.password");
      const text = JSON.stringify(f);
      expect(text).not.toContain("12345678");
      expect(text).not.toContain("hunter2");
    }
  });

  test("values unknown during preview pass, nested ones too", () => {
    expect(failedProps(member({ organizations: UNKNOWN }))).toEqual([]);
    expect(failedProps(member({ organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: UNKNOWN, primary: true, positionId: UNKNOWN }] }] }))).toEqual([]);
    expect(failedProps(member({ passwordConfig: UNKNOWN }))).toEqual([]);
  });

  test("a password the program stops declaring is not cleared; a flag goes back to its default", () => {
    const first = check(U, {}, member({ passwordConfig: { passwordCreationType: "ADMIN", password: "s3cret-Pass" }, searchable: false, suspended: true }));
    const next = check(U, first.inputs, member());
    expect(next.failures).toEqual([]);
    expect(next.inputs.passwordConfig).toBeUndefined();
    expect(next.inputs.searchable).toBe(true);
    expect(next.inputs.suspended).toBe(false);
  });
});

describe("User diff", () => {
  const outs = (extra: Record<string, unknown> = {}) => ({
    userId: "u-1",
    ...member(),
    organizations: [{ domainId: D, primary: true, levelId: null, orgUnits: [{ orgUnitId: "unit-1", primary: true, positionId: null, isManager: false, visible: true, useTeamFeature: true }] }],
    userName: { lastName: "佐藤", firstName: "花子", phoneticLastName: null, phoneticFirstName: null },
    aliasEmails: ["b@example.com", "a@example.com"],
    isPending: true,
    ...extra,
  });

  test("no change: defaults, order of sets and units, case of addresses, the password", async () => {
    const news = member({
      email: "Hanako.Sato@EXAMPLE.com",
      aliasEmails: ["A@example.com", "b@example.com"],
      passwordConfig: { passwordCreationType: "ADMIN", password: "another-one" },
    });
    expect((await diff(U, "u-1", outs(), news)).changes).toBe(false);
    const twoUnits = (order: number[]) => [{ domainId: D, primary: true, orgUnits: order.map((i) => ({ orgUnitId: `unit-${i}`, primary: i === 1 })) }];
    expect((await diff(U, "u-1", outs({ organizations: twoUnits([1, 2]) }), member({ organizations: twoUnits([2, 1]) }))).changes).toBe(false);
  });

  test("a transfer to another team or title is an update; a domain change is a move, never a replacement", async () => {
    const moved = member({ organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "unit-2", primary: true, positionId: "pos-1" }] }] });
    expect(await diff(U, "u-1", outs(), moved)).toMatchObject({ changes: true, replaces: [] });
    const otherDomain = member({ domainId: 10000002, organizations: [{ domainId: 10000002, primary: true, orgUnits: [] }] });
    expect(await diff(U, "u-1", outs(), otherDomain)).toMatchObject({ changes: true, replaces: [] });
  });

  test("suspension, a leader flag and forceDeleteOnDestroy are changes", async () => {
    expect((await diff(U, "u-1", outs({ suspended: false }), member({ suspended: true }))).changes).toBe(true);
    expect((await diff(U, "u-1", outs({ forceDeleteOnDestroy: false }), member({ forceDeleteOnDestroy: true }))).changes).toBe(true);
    const leader = member({ organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "unit-1", primary: true, isManager: true }] }] });
    expect((await diff(U, "u-1", outs(), leader)).changes).toBe(true);
  });
});
