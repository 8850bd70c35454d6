// The rest of the member record through the real dynamic-provider host against the emulator:
// messenger (a declared TWITTER goes out as X; a live TWITTER equals X), birthday with its
// calendar, relations to other members by email or key (resolved before writing, kept as
// declared), activationDate, and leaveOfAbsence shown but never sent. Then a Directory whose
// members relate to each other, `export` of it, and `up` over the export: no change.
// The emulator stands inside X's change of name: it answers TWITTER for X and refuses TWITTER
// as input, so every write that succeeds proves the provider sent X.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { main as cli } from "../cli";
import { runEngine, type EngineRun } from "../tools/engine";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { urn, type Host } from "../tools/host";
import { programSuite, type State } from "./program-suite";

type Props = Record<string, any>;
const DAY = 24 * 60 * 60 * 1000;
const INSIDE_THE_CHANGE = { twitterAnsweredUntil: Date.now() + 365 * DAY, twitterAcceptedUntil: 0 };
const ORG = [{ domainId: DOMAIN, primary: true, orgUnits: [] }];

describe("the rest of the member record through the host", () => {
  const suite = programSuite(
    "member-record",
    `new lineworks.User("u", { email: "u@example.com", userName: { lastName: "U" }, privateEmail: "u@mail.example", domainId: ${DOMAIN},
       organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [] }],
       messenger: { protocol: "X", messengerId: "@u" }, birthday: "1990-01-02", birthdayCalendarType: "SOLAR",
       relations: [{ relationUserId: "boss@example.com", relationName: "上司" }], activationDate: "2030-04-01T09:00:00+09:00" });`,
    { emulator: INSIDE_THE_CHANGE },
  );
  const emu = () => suite.f.emulator;
  const member = (fields: Props) => ({ __provider: suite.provider("User"), domainId: DOMAIN, ...fields });
  const live = (id: string) => emu().objects("users").find((o) => o.userId === id);
  const writes = (from: number) =>
    emu()
      .log.slice(from)
      .filter((e) => e.path.startsWith("/v1.0/users") && e.method !== "GET")
      .map((e) => `${e.method} ${e.path.slice(5).replace(/\/users\/[^/]+/, "/users/{id}")}`);

  let host: Host;
  let boss: Props, peer: Props;
  beforeAll(async () => {
    host = await suite.start();
    boss = emu().seed("users", { domainId: DOMAIN, email: "boss@example.com", userName: { lastName: "上司" }, userExternalKey: "BOSS", organizations: ORG });
    peer = emu().seed("users", { domainId: DOMAIN, email: "peer@example.com", userName: { lastName: "同僚" }, userExternalKey: "PEER", organizations: ORG });
  });

  async function up(name: string, fields: Props, prev?: State): Promise<State> {
    const u = urn("User", name);
    const c = await host.check(u, prev?.inputs ?? {}, member(fields));
    expect(c.failures).toEqual([]);
    if (!prev) {
      const r = await host.create(u, c.inputs);
      return { id: r.id, outs: r.properties, inputs: c.inputs };
    }
    const d = await host.diff(prev.id, u, prev.outs, c.inputs);
    expect(d.replaces).toEqual([]);
    if (d.changes === "none") return { ...prev, inputs: c.inputs };
    const r = await host.update(prev.id, u, prev.outs, c.inputs);
    return { id: prev.id, outs: r.properties, inputs: c.inputs };
  }
  const changes = async (name: string, fields: Props, prev: State) =>
    (await host.diff(prev.id, urn("User", name), prev.outs, (await host.check(urn("User", name), prev.inputs, member(fields))).inputs)).changes;

  const hanako = (over: Props = {}): Props => ({
    email: "hanako@example.com",
    userName: { lastName: "佐藤", firstName: "花子" },
    privateEmail: "hanako@mail.example",
    organizations: ORG,
    messenger: { protocol: "TWITTER", messengerId: "@hanako" },
    birthday: "1990-02-28",
    birthdayCalendarType: "LUNAR",
    relations: [
      { relationUserId: "Boss@example.com", relationName: "上司" },
      { relationUserId: "externalKey:PEER", relationName: "メンター" },
    ],
    activationDate: "2999-04-01T09:00:00+09:00",
    ...over,
  });
  let state: State;

  test("the SDK registers the new fields as declared", () => {
    const user = suite.registered.find((r) => r.type.endsWith(":User"))!;
    expect(user.inputs).toMatchObject({ messenger: { protocol: "X", messengerId: "@u" }, birthdayCalendarType: "SOLAR", relations: [{ relationUserId: "boss@example.com", relationName: "上司" }] });
  });

  test("create: TWITTER goes out as X, relations are resolved to IDs and kept as declared, the member awaits its activationDate", async () => {
    const from = emu().log.length;
    state = await up("hanako", hanako());
    expect(writes(from)).toEqual(["POST /users"]); // TWITTER as input would have been refused
    const l = live(state.id)!;
    expect(l.messenger).toEqual({ protocol: "TWITTER", customProtocol: null, messengerId: "@hanako" }); // LINE WORKS' answer in the transition
    expect(l.relations).toEqual(
      expect.arrayContaining([
        { relationUserId: boss.userId, relationName: "上司", externalKey: "BOSS" },
        { relationUserId: peer.userId, relationName: "メンター", externalKey: "PEER" },
      ]),
    );
    expect(l).toMatchObject({ birthday: "1990-02-28", birthdayCalendarType: "LUNAR", activationDate: "2999-04-01T09:00:00+09:00", isAwaiting: true });
    expect(state.outs).toMatchObject({
      messenger: { protocol: "X", customProtocol: null, messengerId: "@hanako" },
      birthday: "1990-02-28",
      birthdayCalendarType: "LUNAR",
      activationDate: "2999-04-01T09:00:00+09:00",
      isAwaiting: true,
      leaveOfAbsence: null,
    });
    expect(state.outs.relations).toEqual(
      expect.arrayContaining([
        { relationUserId: "Boss@example.com", relationName: "上司" },
        { relationUserId: "externalKey:PEER", relationName: "メンター" },
      ]),
    );
  });

  test("no change: the same declaration, X for TWITTER, relations in another order or by ID", async () => {
    expect(await changes("hanako", hanako(), state)).toBe("none");
    expect(await changes("hanako", hanako({ messenger: { protocol: "X", messengerId: "@hanako" } }), state)).toBe("none");
    expect(await changes("hanako", hanako({ relations: [{ relationUserId: peer.userId, relationName: "メンター" }, { relationUserId: "externalKey:BOSS", relationName: "上司" }] }), state)).toBe("none");
    expect(await changes("hanako", hanako({ messenger: { protocol: "X", messengerId: "@hanako2" } }), state)).toBe("some");
  });

  test("refresh: no drift while LINE WORKS answers TWITTER; a leave set in LINE WORKS shows as an output", async () => {
    const run = await suite.start();
    const r = await run.read(state.id, urn("User", "hanako"), { ...state.outs, __provider: suite.provider("User") }, state.inputs);
    expect(r.properties).toEqual({ ...state.outs, __provider: suite.provider("User") });
    expect(r.inputs?.messenger).toEqual({ protocol: "X", customProtocol: null, messengerId: "@hanako" });

    const leave = { startTime: "2027-01-01T00:00:00+09:00", endTime: "2027-03-31T23:59:59+09:00", isLeaveOfAbsence: true };
    emu().update("users", state.id, { leaveOfAbsence: leave });
    const again = await (await suite.start()).read(state.id, urn("User", "hanako"), { ...state.outs, __provider: suite.provider("User") }, state.inputs);
    expect(again.properties.leaveOfAbsence).toEqual(leave);
    expect(again.inputs).not.toHaveProperty("leaveOfAbsence");
    state = { ...state, outs: again.properties, inputs: again.inputs! };
  });

  test("an update is one PATCH without leaveOfAbsence; the leave stays as LINE WORKS has it", async () => {
    const from = emu().log.length;
    state = await up("hanako", hanako({ relations: [{ relationUserId: "peer@example.com", relationName: "上司" }], birthdayCalendarType: "SOLAR", activationDate: null }), state);
    expect(writes(from)).toEqual(["PATCH /users/{id}"]);
    const l = live(state.id)!;
    expect(l.relations).toEqual([{ relationUserId: peer.userId, relationName: "上司", externalKey: "PEER" }]);
    expect(l).toMatchObject({ birthdayCalendarType: "SOLAR", activationDate: null, isAwaiting: false, leaveOfAbsence: { isLeaveOfAbsence: true } });
    expect(state.outs).toMatchObject({ relations: [{ relationUserId: "peer@example.com", relationName: "上司" }], leaveOfAbsence: { isLeaveOfAbsence: true }, isAwaiting: false });
  });

  test("fields no longer declared are cleared; a relation to no member fails naming the field and the address", async () => {
    const { messenger: _m, relations: _r, birthday: _b, birthdayCalendarType: _c, activationDate: _a, ...rest } = hanako();
    state = await up("hanako", rest, state);
    expect(live(state.id)).toMatchObject({ messenger: null, relations: [], birthday: null, birthdayCalendarType: null });
    expect(state.outs).toMatchObject({ messenger: null, relations: [] });

    const c = await host.check(urn("User", "hanako"), state.inputs, member(hanako({ relations: [{ relationUserId: "nobody@example.com", relationName: "上司" }] })));
    const err = await host.update(state.id, urn("User", "hanako"), state.outs, c.inputs).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/relations\[0\]\.relationUserId "nobody@example\.com": no member has email "nobody@example\.com"/);
    expect(live(state.id)!.relations).toEqual([]);
  });
});

describe("a Directory whose members relate to each other: up, export, up over the export", () => {
  let suiteDir: string;
  let f: Fixture;
  const spec = {
    orgUnits: [{ orgUnitName: "本社", orgUnitExternalKey: "HQ", displayOrder: 1 }],
    members: [
      // The member listed first refers to the one after it: the Directory creates the boss first.
      {
        email: "hanako@example.com", userExternalKey: "EMP_HANAKO", userName: { lastName: "佐藤" }, privateEmail: "h@mail.example",
        organizations: [{ orgUnits: [{ orgUnitId: "HQ" }] }],
        messenger: { protocol: "TWITTER", messengerId: "@hanako" }, birthday: "1990-02-28", birthdayCalendarType: "SOLAR",
        relations: [{ relationUserId: "EMP_BOSS", relationName: "上司" }, { relationUserId: "taro@example.com", relationName: "同僚" }],
        activationDate: "2999-04-01T09:00:00+09:00",
      },
      { email: "boss@example.com", userExternalKey: "EMP_BOSS", userName: { lastName: "上司" }, privateEmail: "b@mail.example", organizations: [{ orgUnits: [{ orgUnitId: "HQ" }] }] },
      { email: "taro@example.com", userName: { lastName: "太郎" }, privateEmail: "t@mail.example", organizations: [{ orgUnits: [{ orgUnitId: "HQ" }] }] },
    ],
  };
  const program = (from: string) => ({ body: `new lineworks.Directory("org", { spec: ${from} }); return {};` });
  let first: EngineRun;
  beforeAll(async () => {
    f = await startFixture(INSIDE_THE_CHANGE);
    suiteDir = makeProgramDir("member-record-export");
    first = await runEngine({ dir: suiteDir, program: program(JSON.stringify(spec)), mode: "up", config: f.config, timeoutMs: 300_000 });
  }, 600_000);
  afterAll(async () => {
    await f?.emulator.stop();
    if (suiteDir) removeDir(suiteDir);
  });

  test("up: relations by key and by email are wired as dependencies and written as IDs", () => {
    expect(first.errors).toEqual([]);
    const users = f.emulator.objects("users");
    const byEmail = (e: string) => users.find((u) => u.email === e)!;
    const posts = f.emulator.log.filter((e) => e.method === "POST" && e.path === "/v1.0/users");
    expect(posts.length).toBe(3);
    const hanako = byEmail("hanako@example.com");
    expect(hanako.relations).toEqual(
      expect.arrayContaining([
        { relationUserId: byEmail("boss@example.com").userId, relationName: "上司", externalKey: "EMP_BOSS" },
        { relationUserId: byEmail("taro@example.com").userId, relationName: "同僚", externalKey: null },
      ]),
    );
    const res = Object.entries(first.state.resources);
    const urnOf = (name: string) => res.find(([, r]) => r.name === name)![0];
    const deps = first.state.resources[urnOf("org-EMP_HANAKO")].dependencies ?? [];
    expect(deps).toEqual(expect.arrayContaining([urnOf("org-EMP_BOSS"), urnOf("org-taro@example.com")]));
    expect(first.state.resources[urnOf("org-EMP_HANAKO")].outputs.relations).toEqual(
      expect.arrayContaining([{ relationUserId: "externalKey:EMP_BOSS", relationName: "上司" }, { relationUserId: "taro@example.com", relationName: "同僚" }]),
    );
  });

  test("export writes the new fields in the spec's words, and up over the export changes nothing", async () => {
    const err: string[] = [];
    const code = await cli(["export", "--out", "org.yaml", "--domain", String(DOMAIN)], { out: () => {}, err: (l) => err.push(l), env: f.env, cwd: suiteDir });
    expect({ code, err: err.filter((l) => /problem|refuse/i.test(l)) }).toEqual({ code: 0, err: [] });
    const exported = parse(fs.readFileSync(path.join(suiteDir, "org.yaml"), "utf8"));
    const hanako = exported.members.find((m: Props) => m.email === "hanako@example.com");
    expect(hanako).toMatchObject({
      messenger: { protocol: "X", messengerId: "@hanako" },
      birthday: "1990-02-28",
      birthdayCalendarType: "SOLAR",
      activationDate: "2999-04-01T09:00:00+09:00",
    });
    expect(hanako.relations).toEqual(expect.arrayContaining([{ relationUserId: "EMP_BOSS", relationName: "上司" }, { relationUserId: "taro@example.com", relationName: "同僚" }]));
    expect(hanako).not.toHaveProperty("leaveOfAbsence");
    expect(hanako).not.toHaveProperty("isAwaiting");

    const from = f.emulator.log.length;
    const again = await runEngine({ dir: suiteDir, program: program(JSON.stringify(path.join(suiteDir, "org.yaml"))), mode: "up", state: first.state, config: f.config, timeoutMs: 300_000 });
    expect(again.errors).toEqual([]);
    expect(again.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(f.emulator.log.slice(from).filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/"))).toEqual([]);
  }, 600_000);
});
