// A roster that would delete a member waits for the other rosters of its Directory to be checked
// (provider/roster/sets.ts). When one of them is not checked in the run, as in `pulumi up --target`
// (the engine stubs the Check of resources it does not target), the wait ends and the member is
// not deleted: the roster cannot tell whether the other roster now holds it. Here the other
// roster's registration is held back (its domainId arrives late) beyond the wait, on a clock fast
// enough that the ten-minute wait takes two seconds.
import { setClockSpeed } from "../clock";
import { rosterIndex } from "../provider/kinds/rosters";
import { runEngine } from "../tools/engine";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";

setClockSpeed(300);

let f: Fixture;
let dir: string;

beforeAll(async () => {
  f = await startFixture();
  dir = makeProgramDir("roster-target");
}, 60_000);

afterAll(async () => {
  await f?.emulator.stop();
  if (dir) removeDir(dir);
});

const person = (key: string) => ({
  email: `${key.toLowerCase()}@example.com`, userExternalKey: key, userName: { lastName: "対象" }, privateEmail: `${key.toLowerCase()}@mail.example`,
  organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }],
});

test("a roster whose sibling is not checked in the run leaves a member it lost undeleted, says why, and the next full run deletes it", async () => {
  const keys = ["EMP_T1", "EMP_T2", "EMP_T3", "EMP_T4", "EMP_T5", "EMP_T6"];
  const bucket = (i: number, ks: string[]) => Object.fromEntries(ks.filter((k) => rosterIndex(k, 2) === i).map((k) => [k, person(k)]));
  const gone = keys.find((k) => rosterIndex(k, 2) === 0)!;
  const program = (late: boolean, ks: string[]) => ({
    body: `new lineworks.UserRoster("target-0", { domainId: ${DOMAIN}, bucket: [0, 2], members: ${JSON.stringify(bucket(0, ks))} });
const one = ${JSON.stringify(bucket(1, ks))};
new lineworks.UserRoster("target-1", { domainId: ${late ? `new Promise((r) => setTimeout(() => r(${DOMAIN}), 6000))` : DOMAIN}, bucket: [1, 2], members: one });`,
  });
  const first = await runEngine({ dir, program: program(false, keys), mode: "up", config: f.config });
  expect(first.errors).toEqual([]);
  const id = f.emulator.objects("users", DOMAIN).find((u) => u.userExternalKey === gone)!.userId;
  f.emulator.resetLog();
  const run = await runEngine({ dir, program: program(true, keys.filter((k) => k !== gone)), mode: "up", config: f.config, state: first.state });
  expect(run.errors).toEqual([]);
  expect(f.emulator.log.filter((e) => e.method === "DELETE")).toEqual([]);
  expect(f.emulator.objects("users", DOMAIN).find((u) => u.userId === id)!.isDeleted ?? false).toBe(false);
  expect(run.hostLog).toContain(`UserRoster members["${gone}"]: not deleted: the other rosters of this Directory were not all checked in this run (a run with --target?)`);
  // The next full run deletes it.
  const again = await runEngine({ dir, program: program(false, keys.filter((k) => k !== gone)), mode: "up", config: f.config, state: run.state });
  expect(again.errors).toEqual([]);
  expect(f.emulator.log.filter((e) => e.method === "DELETE").map((e) => e.path)).toEqual([`/v1.0/users/${id}`]);
}, 120_000);
