// Emulator: the rest of the member record (messenger with X's change of name, birthday calendar,
// relations to other members, activationDate and isAwaiting, leaveOfAbsence), over HTTP.
import type { Emulator } from "../emulator";
import { Api, D1, expectError, startTwoDomainEmulator } from "./support/emulator";

const DAY = 24 * 60 * 60 * 1000;
let n = 0;
const body = (over: Record<string, unknown> = {}) => ({ domainId: D1, email: `rec${++n}@example.com`, userName: { lastName: "山田" }, privateEmail: "p@mail.example", ...over });

describe("inside X's change of name (answers say TWITTER, TWITTER still accepted)", () => {
  let emu: Emulator;
  let api: Api;
  beforeAll(async () => ({ emu, api } = await startTwoDomainEmulator({ rateLimitPerMinute: 100_000, twitterAnsweredUntil: Date.now() + DAY, twitterAcceptedUntil: Date.now() + DAY })));
  afterAll(() => emu.stop());

  test("X and TWITTER are stored as one and answered as TWITTER", async () => {
    const a = await api.post("/users", body({ messenger: { protocol: "X", messengerId: "@hanako" } }));
    expect(a.status).toBe(201);
    expect(a.body.messenger).toEqual({ protocol: "TWITTER", customProtocol: null, messengerId: "@hanako" });
    const b = await api.post("/users", body({ messenger: { protocol: "TWITTER", messengerId: "@taro" } }));
    expect(b.body.messenger.protocol).toBe("TWITTER");
  });
});

describe("after X's change of name (the defaults' dates have passed)", () => {
  let emu: Emulator;
  let api: Api;
  beforeAll(async () => ({ emu, api } = await startTwoDomainEmulator({ rateLimitPerMinute: 100_000, twitterAnsweredUntil: 0, twitterAcceptedUntil: 0 })));
  afterAll(() => emu.stop());

  test("messenger: X answered as X, TWITTER refused, CUSTOM needs its name and only it has one", async () => {
    const a = await api.post("/users", body({ messenger: { protocol: "X", messengerId: "@hanako" } }));
    expect(a.body.messenger).toEqual({ protocol: "X", customProtocol: null, messengerId: "@hanako" });
    expectError(await api.post("/users", body({ messenger: { protocol: "TWITTER", messengerId: "@t" } })), 400, "INVALID_PARAMETER", "TWITTER is no longer accepted");
    expectError(await api.post("/users", body({ messenger: { protocol: "CUSTOM", messengerId: "x" } })), 400, "MISSING_PARAMETER", "messenger.customProtocol");
    expectError(await api.post("/users", body({ messenger: { protocol: "LINE", customProtocol: "Slack", messengerId: "x" } })), 400, "INVALID_PARAMETER", "only for protocol CUSTOM");
    expectError(await api.post("/users", body({ messenger: { protocol: "LINE", messengerId: "x".repeat(101) } })), 400, "INVALID_PARAMETER", "messenger.messengerId");
    expectError(await api.post("/users", body({ messenger: { protocol: "MSN", messengerId: "x" } })), 400, "INVALID_PARAMETER", "messenger.protocol");
    const c = await api.post("/users", body({ messenger: { protocol: "CUSTOM", customProtocol: "Slack", messengerId: "hanako" } }));
    expect(c.body.messenger).toEqual({ protocol: "CUSTOM", customProtocol: "Slack", messengerId: "hanako" });
    const cleared = await api.patch(`/users/${a.body.userId}`, { messenger: null });
    expect(cleared.body.messenger).toBeNull();
  });

  test("birthday with its calendar; activationDate in the future makes the member awaiting", async () => {
    const a = await api.post("/users", body({ birthday: "1990-02-28", birthdayCalendarType: "LUNAR", activationDate: "2999-04-01T09:00:00+09:00" }));
    expect(a.body).toMatchObject({ birthday: "1990-02-28", birthdayCalendarType: "LUNAR", activationDate: "2999-04-01T09:00:00+09:00", isAwaiting: true });
    expectError(await api.post("/users", body({ birthdayCalendarType: "JULIAN" })), 400, "INVALID_PARAMETER", "birthdayCalendarType");
    expectError(await api.post("/users", body({ birthday: "1990-02-30" })), 400, "INVALID_PARAMETER", "birthday");
    expectError(await api.post("/users", body({ activationDate: "2027-04-01 09:00" })), 400, "INVALID_PARAMETER", "activationDate");
    const now = await api.patch(`/users/${a.body.userId}`, { activationDate: null });
    expect(now.body).toMatchObject({ activationDate: null, isAwaiting: false, birthdayCalendarType: "LUNAR" });
  });

  test("relations: IDs of existing members only, at most 10, never the member itself; echoed with the key; gone with the member", async () => {
    const boss = (await api.post("/users", body({ userExternalKey: "BOSS" }))).body;
    const a = await api.post("/users", body({ relations: [{ relationUserId: boss.userId, relationName: "上司" }] }));
    expect(a.body.relations).toEqual([{ relationUserId: boss.userId, relationName: "上司", externalKey: "BOSS" }]);
    expectError(await api.post("/users", body({ relations: [{ relationUserId: boss.email, relationName: "上司" }] })), 400, "INVALID_PARAMETER", "does not exist");
    expectError(await api.post("/users", body({ relations: [{ relationUserId: boss.userId }] })), 400, "MISSING_PARAMETER", "relations[0].relationName");
    expectError(await api.post("/users", body({ relations: [{ relationUserId: boss.userId, relationName: "x".repeat(51) }] })), 400, "INVALID_PARAMETER", "relationName");
    const eleven = Array.from({ length: 11 }, (_, i) => ({ relationUserId: boss.userId, relationName: `r${i}` }));
    expectError(await api.post("/users", body({ relations: eleven })), 400, "INVALID_PARAMETER", "at most 10");
    const twice = [{ relationUserId: boss.userId, relationName: "上司" }, { relationUserId: boss.userId, relationName: "上司" }];
    expectError(await api.post("/users", body({ relations: twice })), 400, "INVALID_PARAMETER", "relations[1]");
    expectError(await api.patch(`/users/${a.body.userId}`, { relations: [{ relationUserId: a.body.userId, relationName: "self" }] }), 400, "INVALID_PARAMETER", "its own relation");
    expect((await api.del(`/users/${boss.userId}/forcedelete`)).status).toBe(204);
    expect((await api.get(`/users/${a.body.userId}`)).body.relations).toEqual([]);
  });

  test("leaveOfAbsence is shown as stored, and a PATCH carrying it changes nothing", async () => {
    const a = (await api.post("/users", body())).body;
    expect(a.leaveOfAbsence).toBeNull();
    const leave = { startTime: "2027-01-01T00:00:00+09:00", endTime: "2027-03-31T00:00:00+09:00", isLeaveOfAbsence: true };
    emu.update("users", a.userId, { leaveOfAbsence: leave });
    expect((await api.patch(`/users/${a.userId}`, { leaveOfAbsence: null, task: "t" })).body.leaveOfAbsence).toEqual(leave);
  });
});
