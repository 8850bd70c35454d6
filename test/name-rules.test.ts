// The provider and the emulator agree on every name rule: a table of names goes through the
// provider's check and through the emulator's validation (a PATCH of a live object, over HTTP),
// and both must accept or both refuse. Where LINE WORKS documents only half-width specials,
// full-width punctuation such as ・ passes on both sides (README §11); lengths count characters.
import type { Emulator } from "../emulator";
import { check } from "../provider/lifecycle";
import { Api, D1, startBusyEmulator } from "./support/emulator";

type Props = Record<string, any>;

/** Names every rule sees: ordinary, full-width punctuation, half-width specials in and out of the lists, controls, lengths. */
const NAMES: [string, string][] = [
  ["kanji", "山田"],
  ["full-width middle dot", "営業・企画"],
  ["full-width punctuation", "Ａ＆Ｂ（株）〜本社"],
  ["emoji", "チーム😀"],
  ["half-width katakana", "ｴｲｷﾞｮｳ"],
  ["ideographic space", "山田\u3000太郎"],
  ["allowed half-width specials", "R&D (1) [a]-{b}_c+d,e.f/g!h@i"],
  ["apostrophe", "O'Brien"],
  ["hash", "No#1"],
  ["caret and tilde", "a^b~c"],
  ["backtick", "a`b"],
  ["percent", "50%"],
  ["colon", "a:b"],
  ["question mark", "why?"],
  ["quote", 'say "hi"'],
  ["tab", "a\tb"],
  ["line break", "a\nb"],
  ["empty", ""],
  ["only spaces", "  "],
  ["100 characters", "a".repeat(100)],
  ["101 characters", "a".repeat(101)],
  ["80 characters", "名".repeat(80)],
  ["81 characters", "名".repeat(81)],
  ["100 astral characters", "𠮷".repeat(100)],
  ["101 astral characters", "𠮷".repeat(101)],
];

/** Phonetic names are katakana: their own table. */
const PHONETIC: [string, string][] = [
  ["katakana", "ヤマダ"],
  ["with a middle dot", "ジョン・スミス"],
  ["long vowel mark", "サトー"],
  ["ヴ and small ヵ", "ヴァヵ"],
  ["ideographic space", "ヤマダ\u3000タロウ"],
  ["hiragana", "やまだ"],
  ["half-width katakana", "ﾔﾏﾀﾞ"],
  ["latin", "Yamada"],
  ["empty", ""],
  ["100 characters", "ア".repeat(100)],
  ["101 characters", "ア".repeat(101)],
];

interface Rule {
  /** The resource type and field, as the table reports it. */
  rule: string;
  type: string;
  /** A valid declaration with `v` in the field. */
  declare: (v: string) => Props;
  /** The emulator's object to change, and the PATCH body carrying `v`. */
  path: () => string;
  patch: (v: string) => Props;
}

let emu: Emulator;
let api: Api;
const ids: Record<string, string> = {};
beforeAll(async () => {
  ({ emu, api } = await startBusyEmulator());
  ids.position = emu.seed("positions", { domainId: D1, positionName: "P", displayOrder: 1 }).positionId;
  ids.level = emu.seed("levels", { domainId: D1, levelName: "L", displayOrder: 1, executive: false }).levelId;
  ids.userType = emu.seed("userTypes", { userTypeName: "T", displayOrder: 1 }).userTypeId;
  ids.employmentType = emu.seed("employmentTypes", { employmentTypeName: "E", displayOrder: 1 }).employmentTypeId;
  ids.orgUnit = emu.seed("orgUnits", { domainId: D1, orgUnitName: "O", displayOrder: 1 }).orgUnitId;
  ids.user = emu.seed("users", { domainId: D1, email: "names@example.com", userName: { lastName: "N" }, organizations: [{ domainId: D1, primary: true, orgUnits: [] }] }).userId;
  ids.group = emu.seed("groups", { domainId: D1, groupName: "G", administrators: [{ userId: ids.user }], members: [] }).groupId;
});
afterAll(() => emu.stop());

const member = (over: Props): Props => ({
  domainId: D1,
  email: "names@example.com",
  userName: { lastName: "山田" },
  privateEmail: "someone@mail.example",
  organizations: [{ domainId: D1, primary: true, orgUnits: [] }],
  ...over,
});

const flat = (type: string, field: string, path: () => string, base: Props): Rule => ({
  rule: `${type}.${field}`,
  type,
  declare: (v) => ({ domainId: D1, ...base, [field]: v }),
  path,
  patch: (v) => ({ [field]: v }),
});

const RULES: Rule[] = [
  flat("Position", "positionName", () => `/directory/positions/${ids.position}`, { displayOrder: 1 }),
  flat("Level", "levelName", () => `/directory/levels/${ids.level}`, { displayOrder: 1, executive: false }),
  flat("UserType", "userTypeName", () => `/directory/user-types/${ids.userType}`, { displayOrder: 1 }),
  flat("EmploymentType", "employmentTypeName", () => `/directory/employment-types/${ids.employmentType}`, { displayOrder: 1 }),
  flat("OrgUnit", "orgUnitName", () => `/orgunits/${ids.orgUnit}`, { displayOrder: 1 }),
  flat("Group", "groupName", () => `/groups/${ids.group}`, { members: [], administrators: [{ userId: "u" }] }),
  {
    rule: "Position.i18nNames[].name",
    type: "Position",
    declare: (v) => ({ domainId: D1, positionName: "P", displayOrder: 1, i18nNames: [{ language: "en_US", name: v }] }),
    path: () => `/directory/positions/${ids.position}`,
    patch: (v) => ({ i18nNames: [{ language: "en_US", name: v }] }),
  },
  { rule: "User.userName.lastName", type: "User", declare: (v) => member({ userName: { lastName: v } }), path: () => `/users/${ids.user}`, patch: (v) => ({ userName: { lastName: v } }) },
  {
    rule: "User.userName.firstName",
    type: "User",
    declare: (v) => member({ userName: { lastName: "山", firstName: v } }),
    path: () => `/users/${ids.user}`,
    patch: (v) => ({ userName: { lastName: "山", firstName: v } }),
  },
  { rule: "User.nickName", type: "User", declare: (v) => member({ nickName: v }), path: () => `/users/${ids.user}`, patch: (v) => ({ nickName: v }) },
  {
    rule: "User.i18nNames[].lastName",
    type: "User",
    declare: (v) => member({ i18nNames: [{ language: "en_US", lastName: v }] }),
    path: () => `/users/${ids.user}`,
    patch: (v) => ({ i18nNames: [{ language: "en_US", lastName: v }] }),
  },
];

const PHONETIC_RULES: Rule[] = ["phoneticLastName", "phoneticFirstName"].map((f) => ({
  rule: `User.userName.${f}`,
  type: "User",
  declare: (v) => member({ userName: { lastName: "山田", [f]: v } }),
  path: () => `/users/${ids.user}`,
  patch: (v) => ({ userName: { lastName: "山田", [f]: v } }),
}));

/** Each side's verdict on one name: accepted, or the reason it was refused. */
async function verdicts(r: Rule, v: string): Promise<{ provider: string; emulator: string }> {
  const failures = check(r.type, {}, r.declare(v)).failures;
  const res = await api.patch(r.path(), r.patch(v));
  if (res.status !== 200 && res.status !== 400) throw new Error(`${r.rule}: the emulator answered ${res.status} ${JSON.stringify(res.body)}`);
  return {
    provider: failures.length ? `refused (${failures.map((f) => f.reason).join("; ")})` : "accepted",
    emulator: res.status === 200 ? "accepted" : `refused (${res.body.description})`,
  };
}

/** Every disagreement of the table, as a line naming the rule, the name and both verdicts. */
async function disagreements(rules: Rule[], names: [string, string][]): Promise<string[]> {
  const out: string[] = [];
  for (const r of rules) {
    for (const [what, v] of names) {
      const { provider, emulator } = await verdicts(r, v);
      if (provider.startsWith("accepted") !== emulator.startsWith("accepted")) out.push(`${r.rule} ${what} ${JSON.stringify(v)}: provider ${provider}, emulator ${emulator}`);
    }
  }
  return out;
}

describe("provider and emulator agree on names", () => {
  test("display names of every kind, group names, i18n names and members' names", async () => {
    expect(await disagreements(RULES, NAMES)).toEqual([]);
  });

  test("phonetic names", async () => {
    expect(await disagreements(PHONETIC_RULES, PHONETIC)).toEqual([]);
  });

  test("the table is not vacuous: each side accepts ・ and refuses a half-width % in a display name", async () => {
    const position = RULES[0];
    expect(await verdicts(position, "営業・企画")).toEqual({ provider: "accepted", emulator: "accepted" });
    const refused = await verdicts(position, "50%");
    expect(refused.provider).toMatch(/^refused .*"%"/);
    expect(refused.emulator).toMatch(/^refused .*"%"/);
    // A member's name takes ・ too (the emulator once refused it), and # which display names refuse.
    expect(await verdicts(RULES.find((r) => r.rule === "User.userName.lastName")!, "中黒・#1")).toEqual({ provider: "accepted", emulator: "accepted" });
  });
});
