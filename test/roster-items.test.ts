// Rosters without a host: the bucket of a key (which must never change between versions: a
// different hash would move every member), what a roster keeps of a member, and check naming the
// member and field. Through the host and the emulator: roster.test.ts.
import { User } from "../provider/kinds";
import { rosterIndex, stableKey } from "../provider/kinds/rosters";
import { compare } from "../provider/lifecycle/diff";
import { DECLARED, UNKNOWN } from "../provider/lifecycle/values";
import { checkRoster } from "../provider/roster/check";
import { resetRun } from "../provider/lifecycle/run";
import { declaredInSet, noteDeclared, setChecked } from "../provider/roster/sets";
import { compact, expand, itemText, itemValue, outputItems, rosterOf, rosterOutputs } from "../provider/roster/items";

const D = 10000001;
const r = rosterOf("UserRoster");
const member = (extra: Record<string, unknown> = {}) => ({
  email: "Taro.Yamada@example.com",
  userName: { lastName: "山田", firstName: "太郎" },
  organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "externalKey:OU_A", primary: true }] }],
  ...extra,
});

test("a key's roster is fixed: FNV-1a of its text, the same on every machine and version", () => {
  expect(["EMP_0001", "EMP_0002", "taro.yamada@example.com"].map((k) => rosterIndex(k, 16))).toEqual([1, 8, 7]);
  const counts = new Array(16).fill(0);
  for (let i = 0; i < 10_000; i++) counts[rosterIndex(`EMP_${String(i).padStart(5, "0")}`, 16)]++;
  expect(Math.min(...counts)).toBeGreaterThan(500);
  expect(Math.max(...counts)).toBeLessThan(750);
});

test("the stable key: the external key, else the email as LINE WORKS compares it", () => {
  expect(stableKey(User, member({ userExternalKey: "EMP_0001" }))).toBe("EMP_0001");
  expect(stableKey(User, member())).toBe("taro.yamada@example.com");
});

test("a roster keeps only the declared fields and the ID, and compares the same as the full outputs", () => {
  const outs = {
    userId: "u-1", domainId: D, ...member(), nickName: null, locale: null, searchable: true, isPending: true, isSuspended: false, [DECLARED]: ["email", "userName", "organizations"],
    organizations: [{ domainId: D, primary: true, levelId: null, orgUnits: [{ orgUnitId: "externalKey:OU_A", primary: true, positionId: null, isManager: false, visible: true, useTeamFeature: true }] }],
  };
  const kept = compact(r, outs, D, true);
  expect(kept).toEqual({ userId: "u-1", ...member(), organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "externalKey:OU_A", primary: true }] }] });
  const back = expand(r, kept, D);
  expect(back.domainId).toBe(D);
  expect(back[DECLARED]).toEqual(["email", "userName", "organizations"]);
  expect(compare(User, back, { ...member(), domainId: D }).changed).toEqual([]);
  // A member in another domain keeps its own.
  expect(compact(r, { ...outs, domainId: 10000002 }, D, true).domainId).toBe(10000002);
});

test("check names the member and the field, the key rule, and a member declared twice", () => {
  const { failures, inputs } = checkRoster("UserRoster", {}, {
    domainId: D,
    members: {
      "taro.yamada@example.com": member({ email: "taro yamada@example.com" }),
      EMP_0009: member({ userExternalKey: "EMP_0002", email: "hanako@example.com" }),
      EMP_0003: member({ userExternalKey: "EMP_0003", email: "Hanako@example.com", passwordConfig: { passwordCreationType: "ADMIN", password: "s3cret-pass" } }),
    },
  });
  expect(failures.map((f) => f.property).sort()).toEqual(['members["EMP_0009"]', 'members["EMP_0009"].email', 'members["taro.yamada@example.com"].email']);
  expect(failures.find((f) => f.property === 'members["taro.yamada@example.com"].email')!.reason).toMatch(/^UserRoster members\["taro.yamada@example.com"\]\.email: /);
  expect(failures.find((f) => f.property === 'members["EMP_0009"]')!.reason).toMatch(/the key must be the member's userExternalKey, else its email: "EMP_0002"/);
  expect(failures.find((f) => f.property === 'members["EMP_0009"].email')!.reason).toMatch(/"hanako@example.com" is also members\["EMP_0003"\]'s email; one member cannot be declared twice/);
  // The password leaves the members map for the separate secret input.
  expect(JSON.stringify(inputs.members)).not.toContain("s3cret-pass");
  expect(inputs.secrets).toEqual({ EMP_0003: { passwordConfig: { passwordCreationType: "ADMIN", password: "s3cret-pass" } } });
});

test("a member crosses as one JSON text with keys sorted; objects from older state read the same", () => {
  const text = itemText({ userName: { lastName: "山田", firstName: "太郎" }, email: "a@example.com" });
  expect(text).toBe('{"email":"a@example.com","userName":{"firstName":"太郎","lastName":"山田"}}');
  expect(itemValue(text)).toEqual({ email: "a@example.com", userName: { firstName: "太郎", lastName: "山田" } });
  expect(itemValue({ email: "a@example.com" })).toEqual({ email: "a@example.com" });
  expect(itemValue(UNKNOWN)).toBe(UNKNOWN);
  expect(() => itemValue("[1]")).toThrow(/not a JSON object/);
  // Outputs: each member as text, ID inside; read back as objects, and from older state (objects) the same.
  const outs = rosterOutputs(D, { b: { userId: "u-2", email: "b@example.com" }, a: { userId: "u-1", email: "a@example.com" } });
  expect(outs).toEqual({ domainId: D, members: { a: '{"email":"a@example.com","userId":"u-1"}', b: '{"email":"b@example.com","userId":"u-2"}' } });
  expect(outputItems(outs)).toEqual({ a: { userId: "u-1", email: "a@example.com" }, b: { userId: "u-2", email: "b@example.com" } });
  expect(outputItems({ domainId: D, members: { a: { userId: "u-1", email: "a@example.com" } } })).toEqual({ a: { userId: "u-1", email: "a@example.com" } });
});

test("check takes a member as text or as an object, keeps it as text, and names a text that is not an object", () => {
  const asObject = checkRoster("UserRoster", {}, { domainId: D, members: { "taro.yamada@example.com": member() } });
  const asText = checkRoster("UserRoster", {}, { domainId: D, members: { "taro.yamada@example.com": JSON.stringify(member()) } });
  expect(asObject.failures).toEqual([]);
  expect(asText.inputs.members).toEqual(asObject.inputs.members);
  const kept = asText.inputs.members["taro.yamada@example.com"];
  expect(typeof kept).toBe("string");
  expect(JSON.parse(kept).email).toBe("Taro.Yamada@example.com");
  const bad = checkRoster("UserRoster", {}, { domainId: D, members: { "x@example.com": "{not json" } });
  expect(bad.failures.map((f) => f.property)).toEqual(['members["x@example.com"]']);
  expect(bad.failures[0].reason).toMatch(/must be an object \(a member's fields\)/);
});

test("a roster's set answers once every roster of it was checked: by key, by name, or none; a set never complete gives up once", async () => {
  const run = resetRun();
  const waiting = setChecked(run, "UserRoster", D, [0, 2], 5_000);
  noteDeclared(run, "UserRoster", D, [0, 2], [["EMP_0001", "a@example.com"]]);
  noteDeclared(run, "UserRoster", D, [1, 2], [["EMP_0009", "taro@example.com"], ["EMP_0002", undefined]]);
  expect(await waiting).toBe(true);
  expect(declaredInSet(run, "UserRoster", D, [0, 2], "EMP_0007", "Taro@example.com")).toEqual({ roster: 1, by: "name" });
  expect(declaredInSet(run, "UserRoster", D, [0, 2], "EMP_0002", undefined)).toEqual({ roster: 1, by: "key" });
  expect(declaredInSet(run, "UserRoster", D, [0, 2], "EMP_0008", "z@example.com")).toBeNull();
  // Another count is another set; one that is never all checked (a --target run) times out once, then gives up at once.
  noteDeclared(run, "UserRoster", D, [0, 3], [["EMP_0001", "a@example.com"]]);
  expect(await setChecked(run, "UserRoster", D, [0, 3], 20)).toBe(false);
  const t0 = Date.now();
  expect(await setChecked(run, "UserRoster", D, [0, 3], 5_000)).toBe(false);
  expect(Date.now() - t0).toBeLessThan(1_000);
  // A new run knows nothing of the last.
  expect(await setChecked(resetRun(), "UserRoster", D, [0, 2], 20)).toBe(false);
});
