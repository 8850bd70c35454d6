// check and diff of the Group declaration: every documented group rule fails naming its property,
// members and masters are sets shown by identity (the preview lists exactly who is added and
// removed, in any order), and the room-feature rule is the org units' one.
import { check, configure, diff, UNKNOWN } from "../provider/lifecycle";

const G = "Group";
const D = 10000001;
const group = (extra: Record<string, unknown> = {}) => ({
  domainId: D,
  groupName: "Launch project",
  administrators: [{ userId: "user-1" }],
  members: [
    { id: "user-1", type: "USER" },
    { id: "unit-1", type: "ORGUNIT" },
  ],
  ...extra,
});
const failures = (news: Record<string, unknown>) => check(G, {}, news).failures;
const reasons = (news: Record<string, unknown>) => failures(news).map((f) => f.reason);

beforeEach(() => configure({}));

describe("Group check", () => {
  test("a full valid declaration passes; a member may be an email or externalKey:<key>, of any type", () => {
    expect(
      failures(
        group({
          description: "Everyone on the launch",
          visible: false,
          useServiceNotification: true,
          serviceManageable: false,
          groupExternalKey: "PRJ-LAUNCH",
          administrators: [{ userId: "hanako@example.com" }, { userId: "externalKey:EMP-2" }],
          members: [
            { id: "hanako@example.com", type: "USER" },
            { id: "externalKey:SALES", type: "ORGUNIT" },
            { id: "group-2", type: "GROUP" },
          ],
          useMessage: true,
          useNote: true,
          useCalendar: true,
          useTask: true,
          useFolder: true,
        }),
      ),
    ).toEqual([]);
  });

  test("each documented rule names its property", () => {
    expect(reasons(group({ groupName: "x".repeat(101) }))).toEqual(["Group groupName: must be at most 100 characters"]);
    expect(reasons(group({ groupName: "" }))).toEqual(["Group groupName: must not be empty"]);
    expect(reasons(group({ description: "d".repeat(301) }))).toEqual(["Group description: must be at most 300 characters"]);
    expect(reasons(group({ groupExternalKey: "a/b" }))).toEqual(["Group groupExternalKey: must not contain \\ % # / or ?"]);
    expect(reasons(group({ groupExternalKey: "k".repeat(101) }))).toEqual(["Group groupExternalKey: must be at most 100 characters"]);
    expect(reasons(group({ administrators: [] }))).toEqual(["Group administrators: must name at least one group master: LINE WORKS keeps every group with one"]);
    expect(reasons(group({ members: [{ id: "x", type: "TEAM" }] }))).toEqual(["Group members[0].type: must be USER, ORGUNIT, GROUP"]);
    expect(reasons(group({ members: [{ id: "x" }] }))).toEqual(["Group members[0].type is required"]);
    expect(reasons(group({ members: [{ id: "", type: "USER" }] }))).toEqual(["Group members[0].id: must not be empty (use null for none)"]);
    expect(reasons(group({ members: [{ id: "externalKey:a?b", type: "USER" }] }))).toEqual([
      "Group members[0].id: the key of an externalKey:<key> reference must not contain \\ % # / or ?",
    ]);
    expect(reasons(group({ visible: "yes" }))).toEqual(['Group visible: must be true or false, got the string "yes"']);
    const { administrators: _a, members: _m, ...bare } = group();
    expect(reasons(bare)).toEqual(["Group members is required", "Group administrators is required"]);
    expect(reasons(group({ members: [{ id: "u", type: "USER", role: "x" }] }))[0]).toMatch(/^Group members\[0\]/);
  });

  test("no member and no master twice; the same id of another type is another member", () => {
    expect(reasons(group({ members: [{ id: "u1", type: "USER" }, { id: "u1", type: "ORGUNIT" }, { id: "u1", type: "USER" }] }))).toEqual([
      "Group members[2].id: lists USER u1 a second time",
    ]);
    expect(reasons(group({ administrators: [{ userId: "u1" }, { userId: "u1" }] }))).toEqual(["Group administrators[1].userId: lists u1 a second time"]);
  });

  test("useMessage: false with another room feature true fails as for org units, naming the feature", () => {
    expect(failures(group({ useMessage: false, useCalendar: true, useFolder: true })).map((f) => f.property)).toEqual(["useCalendar", "useFolder"]);
    expect(reasons(group({ useMessage: false, useNote: true }))[0]).toMatch(/^Group useNote cannot be true while useMessage is false/);
    expect(failures(group({ useMessage: true, useNote: true }))).toEqual([]);
  });

  test("values not known yet in a preview pass, and two unknown members are not duplicates", () => {
    const res = check(G, {}, group({ members: [{ id: UNKNOWN, type: "USER" }, { id: UNKNOWN, type: "USER" }], administrators: [{ userId: UNKNOWN }] }));
    expect(res.failures).toEqual([]);
    expect(Object.keys(res.inputs.members)).toEqual(["(not known yet #1)", "(not known yet #2)"]);
  });
});

describe("Group members and masters are sets shown by identity", () => {
  test("check shows the sets as maps by type and id, so a preview lists exactly the members added and removed", () => {
    const before = check(G, {}, group()).inputs;
    expect(before.members).toEqual({ "USER user-1": { id: "user-1", type: "USER" }, "ORGUNIT unit-1": { id: "unit-1", type: "ORGUNIT" } });
    expect(before.administrators).toEqual({ "user-1": { userId: "user-1" } });
    const after = check(G, before, group({ members: [{ id: "unit-1", type: "ORGUNIT" }, { id: "group-9", type: "GROUP" }] })).inputs;
    const keys = (o: object) => new Set(Object.keys(o));
    const added = [...keys(after.members)].filter((k) => !keys(before.members).has(k));
    const removed = [...keys(before.members)].filter((k) => !keys(after.members).has(k));
    expect({ added, removed }).toEqual({ added: ["GROUP group-9"], removed: ["USER user-1"] });
  });

  test("order means nothing: the same members in another order are the same inputs and no change", async () => {
    const a = check(G, {}, group()).inputs;
    const b = check(G, a, group({ members: [...group().members].reverse() })).inputs;
    expect(b.members).toEqual(a.members);
    const outs = { ...a, groupId: "g1", members: group().members, administrators: group().administrators };
    expect((await diff(G, "g1", outs, b)).changes).toBe(false);
  });

  test("diff sees an added member, a changed master and a changed type; the domain replaces", async () => {
    const outs = { groupId: "g1", ...group(), visible: true, useMessage: false };
    const news = (extra: Record<string, unknown>) => check(G, {}, group(extra)).inputs;
    expect(await diff(G, "g1", outs, news({ members: [...group().members, { id: "user-2", type: "USER" }] }))).toMatchObject({ changes: true, replaces: [] });
    expect(await diff(G, "g1", outs, news({ administrators: [{ userId: "user-2" }] }))).toMatchObject({ changes: true, replaces: [] });
    expect((await diff(G, "g1", outs, news({ members: [{ id: "user-1", type: "USER" }, { id: "unit-1", type: "GROUP" }] }))).changes).toBe(true);
    expect((await diff(G, "g1", outs, news({ domainId: 20000002 }))).replaces).toEqual(["domainId"]);
    expect((await diff(G, "g1", outs, news({}))).changes).toBe(false);
  });
});
