// lineworks:maxMemberDeletes, through the dynamic-provider host the engine runs (tools/engine.ts):
// a run deletes at most that many members; the next delete fails before any call, saying how
// many went and how to raise the cap, and the deletes before it stay done (the engine deletes
// resources one by one; there is no transaction to roll back).
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { runEngine, type EngineState } from "../tools/engine";
import { useFastClock } from "./support/time";

useFastClock();

const PEOPLE = ["ichiro", "jiro", "saburo", "shiro"];

/** A unit and the first `n` of PEOPLE in it; `tag` makes the names of one test its own. */
const program = (n: number, tag: string) => `
  const unit = new lineworks.OrgUnit("unit", { orgUnitName: "総務部${tag}", displayOrder: 1 });
  ${PEOPLE.slice(0, n)
    .map(
      (p) => `new lineworks.User("${p}", { email: "${p}${tag}@example.com", userName: { lastName: "${p}" }, privateEmail: "${p}@mail.example",
    organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [{ orgUnitId: unit.orgUnitId, primary: true }] }] });`,
    )
    .join("\n")}
`;

describe("lineworks:maxMemberDeletes caps member deletes per run", () => {
  let f: Fixture;
  let dir: string;
  beforeAll(async () => {
    f = await startFixture();
    dir = makeProgramDir("delete-cap");
  });
  afterAll(async () => {
    await f.emulator.stop();
    removeDir(dir);
  });

  const up = (n: number, state: EngineState | undefined, config: Record<string, string> = {}, tag = "", env: Record<string, string> = {}) =>
    runEngine({ dir, program: { body: program(n, tag) }, mode: "up", state, config: { ...f.config, ...config }, env });
  const deleted = () => f.emulator.objects("users", DOMAIN).filter((u) => u.isDeleted === true).map((u) => u.email).sort();
  const members = (state: EngineState) => Object.values(state.resources).filter((r) => r.type.endsWith(":User")).map((r) => r.name).sort();

  test("with the cap at 2, removing 3 members deletes 2; the third fails before any call, saying how to raise the cap", async () => {
    const first = await up(4, undefined);
    expect(first.errors).toEqual([]);
    const deletesBefore = f.emulator.log.filter((e) => e.method === "DELETE").length;

    const capped = await up(1, first.state, { "lineworks:maxMemberDeletes": "2" });
    expect(capped.errors).toHaveLength(1);
    expect(capped.errors[0]).toMatch(
      /^pulumi-nodejs:dynamic\/lineworks:User resource '\w+': delete failed: Not deleting member "\w+@example\.com" \(.+\): 2 members were deleted in this run, and lineworks:maxMemberDeletes \(LINEWORKS_MAX_MEMBER_DELETES\) allows 2, so the cap is reached and nothing was sent for this one\. The deletes before it have happened\./,
    );
    expect(capped.errors[0]).toContain("`pulumi config set lineworks:maxMemberDeletes 300`, then run `pulumi up` again");
    // Two soft-deleted in LINE WORKS, and only two DELETE calls: the third was never sent.
    expect(deleted()).toHaveLength(2);
    expect(f.emulator.log.filter((e) => e.method === "DELETE").length - deletesBefore).toBe(2);
    // The state forgets the two deleted and keeps the one still there, so the next run deletes it.
    expect(members(capped.state)).toHaveLength(2);
    expect(members(capped.state)).toContain("ichiro");

    // Raised, the next run deletes the rest.
    const raised = await up(1, capped.state, { "lineworks:maxMemberDeletes": "300" });
    expect(raised.errors).toEqual([]);
    expect(deleted()).toEqual(["jiro@example.com", "saburo@example.com", "shiro@example.com"]);
    expect(members(raised.state)).toEqual(["ichiro"]);
  });

  test("the default (20) lets ordinary leavers through; LINEWORKS_MAX_MEMBER_DELETES sets the cap too", async () => {
    const first = await up(4, undefined, {}, "-b");
    expect(first.errors).toEqual([]);
    const three = await up(1, first.state, {}, "-b");
    expect(three.errors).toEqual([]);
    expect(members(three.state)).toEqual(["ichiro"]);
    const none = await up(0, three.state, {}, "-b", { LINEWORKS_MAX_MEMBER_DELETES: "0" });
    expect(none.errors).toEqual([expect.stringMatching(/: 0 members were deleted in this run, and lineworks:maxMemberDeletes \(LINEWORKS_MAX_MEMBER_DELETES\) allows 0, /)]);
    expect(f.emulator.objects("users", DOMAIN).find((u) => u.email === "ichiro-b@example.com")!.isDeleted).toBe(false);
  });
});
