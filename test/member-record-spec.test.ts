// The members section of a Directory spec with the rest of the member record: relations name
// other entries by key or email (else `externalKey:`/`id:` outside the spec), a relation that
// names no entry, a member related to itself and two members related both ways fail by path,
// and every new field's rule is checked with the path in the file. Review and export of them.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { main as cli } from "../cli";
import { compareSpecs } from "../provider/review/changes";
import { renderSummary } from "../provider/review/summary";
import { MEMBER_WORDS } from "../provider/review/text";
import { directoryJsonSchema, loadSpecFile, parseSpec, SpecError, type SpecProblem } from "../provider/spec";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";

const OTHER = 20000002;

const member = (email: string, key: string | undefined, extra: Record<string, unknown> = {}) => ({
  email, ...(key ? { userExternalKey: key } : {}), userName: { lastName: "山田" }, privateEmail: "p@mail.example", organizations: [{ orgUnits: [] }], ...extra,
});
const rel = (relationUserId: string, relationName = "上司") => ({ relations: [{ relationUserId, relationName }] });
const problems = (members: unknown[]): SpecProblem[] => {
  try {
    parseSpec({ domainId: 10000001, members });
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems;
  }
};

test("relations by key, by email and to objects outside the spec are accepted, and order the boss first", () => {
  const parsed = parseSpec({
    domainId: 10000001,
    members: [
      member("hanako@example.com", "EMP_H", { relations: [{ relationUserId: "EMP_BOSS", relationName: "上司" }, { relationUserId: "Taro@example.com", relationName: "同僚" }, { relationUserId: "externalKey:OUT", relationName: "秘書" }, { relationUserId: "id:user-1", relationName: "メンター" }] }),
      member("boss@example.com", "EMP_BOSS"),
      member("taro@example.com", undefined),
    ],
  });
  expect(parsed.entries.map((p) => p.label)).toEqual(["EMP_BOSS", "taro@example.com", "EMP_H"]);
  expect(parsed.resolve("User", "externalKey:OUT")).toEqual({ outside: "externalKey:OUT" });
});

test("a relation naming no entry says how to name one outside; itself and both ways are refused with what to do", () => {
  expect(problems([member("aa@example.com", "EMP_A", rel("EMP_B")), member("cc@example.com", "EMP_C")])).toEqual([
    expect.objectContaining({ path: "members[0].relations[0].relationUserId", message: "EMP_B is not the userExternalKey or email of any entry of members; write externalKey:EMP_B for a member managed outside this spec" }),
  ]);
  // Once each: by email the member's own rule says it, by key the spec's order.
  expect(problems([member("aa@example.com", "EMP_A", rel("aa@example.com"))])).toEqual([
    expect.objectContaining({ path: "members[0].relations[0].relationUserId", message: "names the member itself (aa@example.com): a relation is to another member" }),
  ]);
  expect(problems([member("aa@example.com", "EMP_A", rel("EMP_A"))])).toEqual([expect.objectContaining({ path: "members[0]", message: "refers to itself (EMP_A)" })]);
  const both = problems([member("aa@example.com", "EMP_A", rel("EMP_B", "部下")), member("bb@example.com", "EMP_B", rel("EMP_A"))]);
  expect(both).toHaveLength(1);
  expect(both[0].message).toMatch(/go round in a circle \(EMP_A -> EMP_B -> EMP_A\).*Take one of these references out \(the last is EMP_B's relations\[0\]\.relationUserId\)/);
});

test("every new field's rule fails by its path in the spec", () => {
  const found = problems([
    member("aa@example.com", "EMP_A", {
      messenger: { protocol: "CUSTOM", messengerId: "x" },
      birthday: "2001-02-29",
      birthdayCalendarType: "MOON",
      activationDate: "2027-04-01",
      relations: [{ relationUserId: "EMP_A" }],
    }),
  ]).map((p) => p.path);
  expect(found).toEqual(
    expect.arrayContaining([
      "members[0].messenger.customProtocol",
      "members[0].birthday",
      "members[0].birthdayCalendarType",
      "members[0].activationDate",
      "members[0].relations[0].relationName",
    ]),
  );
});

test("the JSON Schema for editors knows the new fields", () => {
  const text = JSON.stringify(directoryJsonSchema());
  for (const word of ["messenger", "customProtocol", "birthdayCalendarType", "relationUserId", "activationDate", "LUNAR"]) expect(text).toContain(word);
  expect(text).not.toContain("leaveOfAbsence");
});

test("review: a change of relations reads in names and emails, before and after; birthday and messenger stay private", () => {
  const base = {
    domainId: 10000001,
    members: [
      member("hanako@example.com", "EMP_H", { relations: [{ relationUserId: "EMP_BOSS", relationName: "上司" }], birthday: "1990-02-28" }),
      member("boss@example.com", "EMP_BOSS", { userName: { lastName: "上田", firstName: "部長" } }),
      member("taro@example.com", undefined, { userName: { lastName: "山本", firstName: "太郎" } }),
    ],
  };
  const head = {
    ...base,
    members: [
      member("hanako@example.com", "EMP_H", { relations: [{ relationUserId: "taro@example.com", relationName: "上司" }, { relationUserId: "externalKey:OUT", relationName: "秘書" }], birthday: "1990-03-01", messenger: { protocol: "X", messengerId: "@h" } }),
      ...base.members.slice(1),
    ],
  };
  const changes = compareSpecs(base, head);
  expect(changes.members).toEqual([
    expect.objectContaining({
      label: "hanako@example.com",
      aspects: ["other"],
      fields: ["relations"],
      relations: {
        before: [{ relationName: "上司", name: "上田 部長", label: "boss@example.com" }],
        after: [
          { relationName: "上司", name: "山本 太郎", label: "taro@example.com" },
          { relationName: "秘書", name: "externalKey:OUT", label: "externalKey:OUT" },
        ],
      },
    }),
  ]);
  const text = renderSummary(changes);
  expect(text).toContain("### 関係 (Relations): 1");
  expect(text).toContain("| 山田 `hanako@example.com` | 上司: 上田 部長 `boss@example.com` | 上司: 山本 太郎 `taro@example.com`; 秘書: externalKey:OUT `externalKey:OUT` |");
  // Birthday and messenger are private: neither their values nor their names reach the review.
  expect(text).not.toMatch(/birthday|messenger|1990|@h\b/);
  expect(text).not.toContain(`### ${MEMBER_WORDS.other.split(" ")[0]}`); // no table of other fields: only relations changed in it
  // Relations in another order, or the same member by key instead of email: no change.
  const same = { ...base, members: [member("hanako@example.com", "EMP_H", { relations: [{ relationUserId: "boss@example.com", relationName: "上司" }], birthday: "1990-02-28" }), ...base.members.slice(1)] };
  expect(compareSpecs(base, same).members).toEqual([]);
});

describe("export of the member record (in process, against a seeded emulator)", () => {
  let f: Fixture;
  let dir: string;
  beforeAll(async () => {
    f = await startFixture({ twitterAnsweredUntil: Date.now() + 86_400_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "member-record-export-"));
  });
  afterAll(async () => {
    await f.emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("relations in the spec's words (outside the domain: externalKey:, else id:), X for TWITTER, no outputs", async () => {
    const emu = f.emulator;
    const unit = emu.seed("orgUnits", { domainId: DOMAIN, orgUnitName: "本社", orgUnitExternalKey: "HQ", displayOrder: 1 }).orgUnitId;
    const org = (domainId: number) => [{ domainId, primary: true, orgUnits: domainId === DOMAIN ? [{ orgUnitId: unit, primary: true }] : [] }];
    const boss = emu.seed("users", { email: "boss@example.com", userName: { lastName: "上司" }, userExternalKey: "EMP_BOSS", organizations: org(DOMAIN) });
    const away = emu.seed("users", { email: "away@example.com", userName: { lastName: "支社" }, userExternalKey: "EMP_AWAY", organizations: org(OTHER) });
    const keyless = emu.seed("users", { email: "nokey@example.com", userName: { lastName: "鍵無" }, organizations: org(OTHER) });
    emu.seed("users", {
      email: "hanako@example.com", userName: { lastName: "佐藤" }, organizations: org(DOMAIN),
      messenger: { protocol: "X", customProtocol: null, messengerId: "@hanako" }, birthday: "1990-02-28", birthdayCalendarType: "LUNAR",
      relations: [{ relationUserId: boss.userId, relationName: "上司" }, { relationUserId: away.userId, relationName: "メンター" }, { relationUserId: keyless.userId, relationName: "同期" }],
      leaveOfAbsence: { startTime: "2027-01-01T00:00:00+09:00", endTime: null, isLeaveOfAbsence: true },
    });
    const err: string[] = [];
    const code = await cli(["export", "--out", "org.yaml", "--domain", String(DOMAIN)], { out: () => {}, err: (l) => err.push(l), env: f.env, cwd: dir });
    expect(code).toBe(0);
    const spec = parse(fs.readFileSync(path.join(dir, "org.yaml"), "utf8"));
    const hanako = spec.members.find((m: Record<string, unknown>) => m.email === "hanako@example.com");
    expect(hanako).toMatchObject({ messenger: { protocol: "X", messengerId: "@hanako" }, birthday: "1990-02-28", birthdayCalendarType: "LUNAR" });
    expect(hanako.messenger).not.toHaveProperty("customProtocol");
    expect(hanako.relations).toEqual([
      { relationUserId: "EMP_BOSS", relationName: "上司" },
      { relationUserId: "externalKey:EMP_AWAY", relationName: "メンター" },
      { relationUserId: `id:${keyless.userId}`, relationName: "同期" },
    ]);
    expect(hanako).not.toHaveProperty("leaveOfAbsence");
    expect(() => loadSpecFile(path.join(dir, "org.yaml"))).not.toThrow();
  });
});
