// A reorganisation that takes effect on its date (issue 25), through the engine stand-in
// (tools/engine.ts) against the emulator: LINEWORKS_AS_OF on either side of 2027-04-01 00:00 JST.
// Before it, a preview and an up of the dated program change nothing; from it on, the member
// moves unit, and specDate says which spec is in effect. The map written in the program (an object
// and a path) chooses the same way; a key that is no date stops the run, named.
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { runEngine, type EngineRun, type EngineState } from "../tools/engine";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { useFastClock } from "./support/time";

useFastClock();

const BEFORE = "2027-03-31T23:59:59+09:00";
const AFTER = "2027-04-01T00:00:00+09:00";
const PROGRAM = `const org = new lineworks.Directory("org", { spec: "org.dates.yaml" });
return { specDate: org.specDate, units: org.orgUnitIds };`;

const spec = (unit: string) => ({
  domainId: DOMAIN,
  orgUnits: [
    { orgUnitExternalKey: "OU_SALES", orgUnitName: "Sales", displayOrder: 1 },
    { orgUnitExternalKey: "OU_DEV", orgUnitName: "Development", displayOrder: 2 },
  ],
  members: [{ userExternalKey: "EMP_0001", email: "taro.yamada@example.com", userName: { lastName: "山田", firstName: "太郎" }, privateEmail: "taro@mail.example", organizations: [{ orgUnits: [{ orgUnitId: unit }] }] }],
});

let f: Fixture;
let dir: string;
let state: EngineState | undefined;

const engine = (mode: "up" | "preview", asOf: string, body = PROGRAM) =>
  runEngine({ dir, program: { body }, mode, state, config: f.config, env: { LINEWORKS_AS_OF: asOf } });
/** The map written in the program: an object and a path (from the working directory). */
const inline = (map: Record<string, unknown>) => `const org = new lineworks.Directory("org", { spec: ${JSON.stringify(map)} });
return { specDate: org.specDate };`;
const writes = () => f.emulator.log.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/")).map((e) => `${e.method} ${e.path}`);
const changes = (run: EngineRun) => run.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`).sort();
const unitOfMember = (run: EngineRun) => Object.values(run.state.resources).find((r) => r.inputs?.userExternalKey === "EMP_0001")!.inputs.organizations[0].orgUnits[0].orgUnitId;

beforeAll(async () => {
  f = await startFixture();
  dir = makeProgramDir("dated");
  fs.writeFileSync(path.join(dir, "org.yaml"), stringify(spec("OU_SALES")));
  fs.mkdirSync(path.join(dir, "specs"));
  fs.writeFileSync(path.join(dir, "specs", "org-2027-04.yaml"), stringify(spec("OU_DEV")));
  // Paths in the map are relative to its own folder.
  fs.writeFileSync(path.join(dir, "org.dates.yaml"), '"2026-12-01": org.yaml\n"2027-04-01": specs/org-2027-04.yaml\n');
}, 60_000);

afterAll(async () => {
  await f?.emulator.stop();
  if (dir) removeDir(dir);
});

test("before the date: the spec in effect is applied, and a preview and an up after it write nothing", async () => {
  const first = await engine("up", BEFORE);
  expect(first.errors).toEqual([]);
  expect(first.exports.specDate).toBe("2026-12-01");
  expect(unitOfMember(first)).toBe("externalKey:OU_SALES");
  state = first.state;

  f.emulator.resetLog();
  const preview = await engine("preview", BEFORE);
  expect(preview.errors).toEqual([]);
  expect(changes(preview)).toEqual([]);
  const up = await engine("up", BEFORE);
  expect(up.errors).toEqual([]);
  expect(changes(up)).toEqual([]);
  expect(writes()).toEqual([]);
  state = up.state;
}, 300_000);

test("from the date: the preview shows the move, and up moves the member", async () => {
  f.emulator.resetLog();
  const preview = await engine("preview", AFTER);
  expect(preview.errors).toEqual([]);
  expect(preview.exports.specDate).toBe("2027-04-01");
  expect(changes(preview)).toEqual(["update org-EMP_0001"]);
  expect(writes()).toEqual([]);

  const up = await engine("up", AFTER);
  expect(up.errors).toEqual([]);
  expect(changes(up)).toEqual(["update org-EMP_0001"]);
  expect(unitOfMember(up)).toBe("externalKey:OU_DEV");
  // The write is the member's, and nothing else.
  expect(writes().length).toBeGreaterThan(0);
  expect(writes().every((w) => w.includes("/users/"))).toBe(true);
  state = up.state;
}, 300_000);

test("a map in the program: the spec object in effect is what the state holds; a key that is no date is named", async () => {
  f.emulator.resetLog();
  const same = await engine("preview", "2027-06-01", inline({ "2026-12-01": spec("OU_SALES"), "2027-04-01T00:00+09:00": "specs/org-2027-04.yaml" }));
  expect(same.errors).toEqual([]);
  expect(same.exports.specDate).toBe("2027-04-01T00:00+09:00");
  expect(changes(same)).toEqual([]);
  const back = await engine("preview", "2027-01-01", inline({ "2026-12-01": spec("OU_SALES"), "2027-04-01": "specs/org-2027-04.yaml" }));
  expect(changes(back)).toEqual(["update org-EMP_0001"]);
  const typo = await engine("preview", "2027-06-01", inline({ "2026-12-01": "org.yaml", "2027-4-1": "specs/org-2027-04.yaml" }));
  expect(typo.errors.join("\n")).toMatch(/spec: "2027-4-1" is not a date: write 2027-04-01 \(00:00 Japan time\)/);
  expect(typo.steps).toEqual([]);
  expect(writes()).toEqual([]);
}, 300_000);

test("a bad LINEWORKS_AS_OF stops the run before anything is registered, naming it", async () => {
  f.emulator.resetLog();
  const run = await engine("preview", "next April");
  expect(run.errors.join("\n")).toMatch(/LINEWORKS_AS_OF must be an ISO date or time .*"next April"/);
  expect(run.steps).toEqual([]);
}, 120_000);
