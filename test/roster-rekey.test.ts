// A member's stable key changes when it gets its first userExternalKey (it was keyed by email):
// in the same roster or another, the member is the same person, so the run must keep it (one PATCH
// that sets the key), never delete it as "removed" while the new key takes it over.
import { rosterIndex } from "../provider/kinds/rosters";
import { runEngine, type EngineState } from "../tools/engine";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { useFastClock } from "./support/time";

useFastClock();

let f: Fixture;
let dir: string;

beforeAll(async () => {
  f = await startFixture();
  dir = makeProgramDir("roster-rekey");
}, 60_000);

afterAll(async () => {
  await f?.emulator.stop();
  if (dir) removeDir(dir);
});

const writes = () => f.emulator.log.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/")).map((e) => `${e.method} ${e.path}`);
const person = (email: string, key?: string) => ({
  email,
  ...(key ? { userExternalKey: key } : {}),
  userName: { lastName: "鍵" },
  privateEmail: `${email.split("@")[0]}@mail.example`,
  organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }],
});

/** One UserRoster per bucket of `count`, as a Directory makes them (`bucket: [i, count]`), each holding its members. */
const rosters = (prefix: string, count: number, members: Record<string, unknown>) => ({
  body: Array.from({ length: count }, (_, i) => {
    const mine = Object.fromEntries(Object.entries(members).filter(([k]) => rosterIndex(k, count) === i));
    return `new lineworks.UserRoster("${prefix}-${i}", { domainId: ${DOMAIN}, bucket: [${i}, ${count}], members: ${JSON.stringify(mine)} });`;
  }).join("\n"),
});

test.each([
  ["the same roster", 1],
  ["whichever roster the new key hashes to", 7],
])("a member keyed by email that gets a userExternalKey is kept, in %s", async (_what, count) => {
  const email = `rekey${count}@example.com`;
  const program = (members: Record<string, unknown>) => rosters(`rekey${count}`, count, members);
  const first = await runEngine({ dir, program: program({ [email]: person(email) }), mode: "up", config: f.config });
  expect(first.errors).toEqual([]);
  const id = f.emulator.objects("users", DOMAIN).find((u) => u.email === email)!.userId;
  let state: EngineState = first.state;
  f.emulator.resetLog();
  const run = await runEngine({ dir, program: program({ [`EMP_RK${count}`]: person(email, `EMP_RK${count}`) }), mode: "up", config: f.config, state });
  state = run.state;
  expect(run.errors).toEqual([]);
  expect(writes()).toEqual([`PATCH /v1.0/users/${id}`]);
  const live = f.emulator.objects("users", DOMAIN).find((u) => u.userId === id)!;
  expect([live.isDeleted ?? false, live.userExternalKey]).toEqual([false, `EMP_RK${count}`]);
}, 300_000);

test("a member removed in the same run as the number of rosters changes is deleted; the others only move", async () => {
  const people = Object.fromEntries(["A", "B", "C", "D"].map((x) => [`EMP_MV${x}`, person(`move${x.toLowerCase()}@example.com`, `EMP_MV${x}`)]));
  const first = await runEngine({ dir, program: rosters("moving", 3, people), mode: "up", config: f.config });
  expect(first.errors).toEqual([]);
  const idOf = (k: string) => f.emulator.objects("users", DOMAIN).find((u) => u.userExternalKey === k)!.userId;
  // EMP_MVA sits in roster 1 of 3, which stays, and hashes to roster 0 of 2: its roster alone would take it for moved.
  const leaving = "EMP_MVA";
  const gone = idOf(leaving);
  const { [leaving]: _left, ...staying } = people;
  f.emulator.resetLog();
  const run = await runEngine({ dir, program: rosters("moving", 2, staying), mode: "up", config: f.config, state: first.state });
  expect(run.errors).toEqual([]);
  expect(writes()).toEqual([`DELETE /v1.0/users/${gone}`]);
  const live = (k: string) => f.emulator.objects("users", DOMAIN).find((u) => u.userExternalKey === k)!;
  expect(Object.keys(staying).map((k) => live(k).isDeleted ?? false)).toEqual([false, false, false]);
  expect(live(leaving).isDeleted).toBe(true);
}, 300_000);
