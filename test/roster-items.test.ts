// Rosters without a host: the bucket of a key (which must never change between versions: a
// different hash would move every member), what a roster keeps of a member, and check naming the
// member and field. Through the host and the emulator: roster.test.ts.
import { User } from "../provider/kinds";
import { rosterIndex, stableKey } from "../provider/kinds/rosters";
import { compare } from "../provider/lifecycle/diff";
import { DECLARED } from "../provider/lifecycle/values";
import { checkRoster } from "../provider/roster/check";
import { compact, expand, rosterOf } from "../provider/roster/items";

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
