// check and diff of the rest of the member record: each rule of messenger, birthday,
// birthdayCalendarType, relations and activationDate fails naming its property before any call;
// X compares equal to TWITTER, relations compare as a set.
import { check, configure, diff } from "../provider/lifecycle";

const U = "User";
const D = 10000001;
const member = (extra: Record<string, unknown> = {}) => ({
  domainId: D,
  email: "hanako.sato@example.com",
  userExternalKey: "EMP-1",
  userName: { lastName: "佐藤", firstName: "花子" },
  privateEmail: "h@mail.example",
  organizations: [{ domainId: D, primary: true, orgUnits: [] }],
  ...extra,
});
const failures = (news: Record<string, unknown>) => check(U, {}, news).failures;

beforeEach(() => configure({}));

describe("the rest of the member record: check", () => {
  test("a full valid declaration passes", () => {
    expect(
      failures(member({
        birthday: "1990-02-28",
        birthdayCalendarType: "LUNAR",
        messenger: { protocol: "CUSTOM", customProtocol: "Slack", messengerId: "hanako" },
        relations: [{ relationUserId: "boss@example.com", relationName: "上司" }, { relationUserId: "externalKey:EMP-9", relationName: "メンター" }],
        activationDate: "2027-04-01T09:00:00+09:00",
      })),
    ).toEqual([]);
    expect(failures(member({ messenger: null, activationDate: null, birthday: null, birthdayCalendarType: null, relations: [] }))).toEqual([]);
    expect(failures(member({ messenger: { protocol: "TWITTER", messengerId: "@h" }, activationDate: "2027-04-01T00:00:00Z" }))).toEqual([]);
  });

  test.each([
    ["an unknown protocol", { messenger: { protocol: "MSN", messengerId: "x" } }, "messenger.protocol", "must be one of LINE, FACEBOOK, TWITTER, X, CUSTOM"],
    ["no messengerId", { messenger: { protocol: "LINE" } }, "messenger.messengerId", "is required"],
    ["an empty messengerId", { messenger: { protocol: "LINE", messengerId: "" } }, "messenger.messengerId", "must not be empty"],
    ["a messengerId over 100", { messenger: { protocol: "LINE", messengerId: "x".repeat(101) } }, "messenger.messengerId", "at most 100"],
    ["CUSTOM without its name", { messenger: { protocol: "CUSTOM", messengerId: "x" } }, "messenger.customProtocol", "is required when protocol is CUSTOM: the name of the messenger"],
    ["a name for another protocol", { messenger: { protocol: "X", customProtocol: "Slack", messengerId: "x" } }, "messenger.customProtocol", "belongs to protocol CUSTOM only"],
    ["a customProtocol over 100", { messenger: { protocol: "CUSTOM", customProtocol: "c".repeat(101), messengerId: "x" } }, "messenger.customProtocol", "at most 100"],
    ["a misspelt messenger key", { messenger: { protocol: "LINE", messengerID: "x", messengerId: "x" } }, "messenger", "messengerID"],
    ["a birthday that does not exist", { birthday: "1990-02-30" }, "birthday", "must be a date that exists"],
    ["a birthday in another form", { birthday: "1990/02/28" }, "birthday", "YYYY-MM-DD"],
    ["another calendar", { birthdayCalendarType: "JULIAN" }, "birthdayCalendarType", "SOLAR (Gregorian) or LUNAR"],
    ["eleven relations", { relations: Array.from({ length: 11 }, (_, i) => ({ relationUserId: `u${i}@example.com`, relationName: "同僚" })) }, "relations", "at most 10"],
    ["a relation without a name", { relations: [{ relationUserId: "boss@example.com" }] }, "relations[0].relationName", "is required"],
    ["a relationName over 50", { relations: [{ relationUserId: "boss@example.com", relationName: "名".repeat(51) }] }, "relations[0].relationName", "at most 50"],
    ["an empty relationUserId", { relations: [{ relationUserId: "", relationName: "上司" }] }, "relations[0].relationUserId", "must not be empty"],
    ["a bad key in a relation", { relations: [{ relationUserId: "externalKey:a/b", relationName: "上司" }] }, "relations[0].relationUserId", "must not contain"],
    ["one relation twice", { relations: [{ relationUserId: "Boss@example.com", relationName: "上司" }, { relationUserId: "boss@example.com", relationName: "上司" }] }, "relations[1]", "a second time"],
    ["the member itself by email", { relations: [{ relationUserId: "HANAKO.SATO@example.com", relationName: "自分" }] }, "relations[0].relationUserId", "names the member itself"],
    ["the member itself by key", { relations: [{ relationUserId: "externalKey:EMP-1", relationName: "自分" }] }, "relations[0].relationUserId", "names the member itself"],
    ["an activationDate without its offset", { activationDate: "2027-04-01T09:00:00" }, "activationDate", "YYYY-MM-DDThh:mm:ss+09:00"],
    ["an activationDate that does not exist", { activationDate: "2027-02-30T09:00:00+09:00" }, "activationDate", "that exists"],
    ["an activationDate at 25 o'clock", { activationDate: "2027-02-03T25:00:00+09:00" }, "activationDate", "that exists"],
  ])("%s fails naming %s", (_label, extra, property, words) => {
    const f = failures(member(extra));
    const mine = f.filter((x) => x.property === property);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0].reason).toContain(property.split("[")[0]);
    expect(mine[0].reason).toContain(words);
  });
});

describe("the rest of the member record: diff", () => {
  const outs = (extra: Record<string, unknown>) => ({ userId: "u1", ...member(), searchable: true, relations: [], ...extra });
  const news = (extra: Record<string, unknown>) => check(U, {}, member(extra)).inputs;

  test("a declared X equals a live TWITTER, and a declared TWITTER a live X; another id is a change", async () => {
    expect((await diff(U, "u1", outs({ messenger: { protocol: "TWITTER", customProtocol: null, messengerId: "@h" } }), news({ messenger: { protocol: "X", messengerId: "@h" } }))).changes).toBe(false);
    expect((await diff(U, "u1", outs({ messenger: { protocol: "X", customProtocol: null, messengerId: "@h" } }), news({ messenger: { protocol: "TWITTER", messengerId: "@h" } }))).changes).toBe(false);
    expect((await diff(U, "u1", outs({ messenger: { protocol: "X", customProtocol: null, messengerId: "@h" } }), news({ messenger: { protocol: "X", messengerId: "@h2" } }))).changes).toBe(true);
    expect((await diff(U, "u1", outs({ messenger: { protocol: "X", customProtocol: null, messengerId: "@h" } }), news({ messenger: { protocol: "LINE", messengerId: "@h" } }))).changes).toBe(true);
  });

  test("relations are a set: another order is no change, another name is", async () => {
    const a = { relationUserId: "u2", relationName: "上司" };
    const b = { relationUserId: "u3", relationName: "部下" };
    expect((await diff(U, "u1", outs({ relations: [a, b] }), news({ relations: [b, a] }))).changes).toBe(false);
    expect((await diff(U, "u1", outs({ relations: [a, b] }), news({ relations: [b, { ...a, relationName: "メンター" }] }))).changes).toBe(true);
  });

  test("birthday, its calendar and activationDate compare as written", async () => {
    expect((await diff(U, "u1", outs({ birthday: "1990-02-28", birthdayCalendarType: "SOLAR" }), news({ birthday: "1990-02-28", birthdayCalendarType: "LUNAR" }))).changes).toBe(true);
    expect((await diff(U, "u1", outs({ activationDate: null }), news({ activationDate: null }))).changes).toBe(false);
  });
});
