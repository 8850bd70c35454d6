// Previews in the spec's words (issue 21), through the engine stand-in (tools/engine.ts) against the
// emulator. The state and tenant are those main (40388a1) left after an `up` of the quickstart
// spec plus entries without a key (tools/capture-directory-state.ts): every reference an ID. After
// the upgrade the Directory declares `externalKey:<key>`, emails and `name:<name>`, and the diff
// resolves them to the IDs they name: no change, no write. Then a move reads
// `externalKey:OU_SALES` => `externalKey:OU_DEV`, and a unit created in the same run is named
// before it exists (no unknown).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { runEngine, UNKNOWN, type EngineRun, type EngineState } from "../tools/engine";
import { DIRECTORY_PROGRAM } from "../tools/capture-directory-state";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { useFastClock } from "./support/time";

useFastClock();

const FIXTURE = path.join(__dirname, "fixtures", "directory-state-40388a1");
const OLD: EngineState = JSON.parse(fs.readFileSync(path.join(FIXTURE, "state.json"), "utf8"));

let f: Fixture;
let dir: string;
let tenantDir: string;
/** The state after the first `up` with this build over the old state. */
let upgraded: EngineState;

const engine = (mode: "up" | "preview", state: EngineState) => runEngine({ dir, program: { body: DIRECTORY_PROGRAM }, mode, state, config: f.config });
const writes = () => f.emulator.log.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/")).map((e) => `${e.method} ${e.path}`);
const changes = (run: EngineRun) => run.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}${s.diffs ? ` ${s.diffs.join(",")}` : ""}`).sort();
const urnOf = (state: EngineState, name: string) => Object.keys(state.resources).find((u) => u.endsWith(`::${name}`))!;
const resource = (state: EngineState, name: string) => state.resources[urnOf(state, name)];
const unitOf = (inputs: any, i = 0) => inputs.organizations[0].orgUnits[i];

beforeAll(async () => {
  tenantDir = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-tenant-"));
  const tenant = path.join(tenantDir, "tenant.json");
  fs.copyFileSync(path.join(FIXTURE, "tenant.json"), tenant);
  f = await startFixture({ dataFile: tenant });
  dir = makeProgramDir("directory-preview");
  fs.copyFileSync(path.join(FIXTURE, "org.yaml"), path.join(dir, "org.yaml"));
}, 60_000);

afterAll(async () => {
  await f?.emulator.stop();
  if (dir) removeDir(dir);
  if (tenantDir) removeDir(tenantDir);
});

test("state written by main (IDs in every reference): after the upgrade a preview shows no change, and up writes nothing", async () => {
  // The fixture really holds IDs where the Directory now declares words.
  const old = resource(OLD, "org-EMP_0002");
  expect(unitOf(old.inputs).orgUnitId).toBe(resource(OLD, "org-OU_SALES").id);
  f.emulator.resetLog();
  const preview = await engine("preview", OLD);
  expect(preview.errors).toEqual([]);
  expect(changes(preview)).toEqual([]);
  expect(preview.steps).toHaveLength(Object.keys(OLD.resources).length);
  expect(unitOf(preview.inputs[urnOf(OLD, "org-EMP_0002")])).toMatchObject({ orgUnitId: "externalKey:OU_SALES", positionId: "externalKey:POS_MANAGER" });
  // Telling an ID from the words naming the same object takes one list per kind and domain.
  const reads = f.emulator.log.filter((e) => e.method === "GET").map((e) => e.path);
  expect(reads.sort()).toEqual(["/v1.0/directory/levels", "/v1.0/directory/positions", "/v1.0/directory/user-types", "/v1.0/groups", "/v1.0/orgunits", "/v1.0/users"]);
  const up = await engine("up", OLD);
  expect(up.errors).toEqual([]);
  expect(changes(up)).toEqual([]);
  expect(writes()).toEqual([]);
  upgraded = up.state;
}, 300_000);

test("entries without a key: a title and a level by name, a member by email, a unit by ID (two units may share a name)", () => {
  const support = resource(upgraded, "org-Support").id;
  const aoi = resource(upgraded, "org-aoi.kimura@example.com").inputs;
  expect(aoi.userTypeId).toBe("externalKey:UT_PARTTIME");
  expect(aoi.organizations[0].levelId).toBe("name:Junior");
  expect(aoi.organizations[0].orgUnits).toEqual([
    { orgUnitId: support, positionId: "name:Advisor", primary: true },
    { orgUnitId: "externalKey:OU_HELPDESK", primary: false },
  ]);
  expect(resource(upgraded, "org-OU_HELPDESK").inputs.parentOrgUnitId).toBe(support);
  const desk = resource(upgraded, "org-Support desk").inputs;
  expect(Object.keys(desk.members).sort()).toEqual(["GROUP externalKey:GRP_LAUNCH", `ORGUNIT ${support}`, "USER aoi.kimura@example.com", "USER externalKey:EMP_0005"].sort());
  expect(Object.keys(desk.administrators)).toEqual(["aoi.kimura@example.com"]);
});

test("a move reads externalKey:OU_SALES => externalKey:OU_DEV; a unit created in the same run is named at preview; up applies both", async () => {
  const file = path.join(dir, "org.yaml");
  const spec = parse(fs.readFileSync(file, "utf8"));
  const member = (key: string) => spec.members.find((m: any) => m.userExternalKey === key);
  member("EMP_0002").organizations = [{ orgUnits: [{ orgUnitId: "OU_DEV", positionId: "POS_MANAGER", isManager: false }] }];
  const dev = spec.orgUnits[0].children.find((u: any) => u.orgUnitExternalKey === "OU_DEV");
  dev.children = [{ orgUnitExternalKey: "OU_QA", orgUnitName: "QA", displayOrder: 1 }];
  member("EMP_0004").organizations[0].orgUnits[0].orgUnitId = "OU_QA";
  fs.writeFileSync(file, stringify(spec));

  f.emulator.resetLog();
  const preview = await engine("preview", upgraded);
  expect(preview.errors).toEqual([]);
  expect(changes(preview)).toEqual(["create org-OU_QA", "update org-EMP_0002 organizations", "update org-EMP_0004 organizations"]);
  // What `pulumi preview --diff` shows: the state's inputs against the new ones.
  expect(unitOf(resource(upgraded, "org-EMP_0002").inputs).orgUnitId).toBe("externalKey:OU_SALES");
  expect(unitOf(preview.inputs[urnOf(upgraded, "org-EMP_0002")]).orgUnitId).toBe("externalKey:OU_DEV");
  expect(unitOf(preview.inputs[urnOf(upgraded, "org-EMP_0004")]).orgUnitId).toBe("externalKey:OU_QA");
  expect(JSON.stringify(preview.inputs)).not.toContain(UNKNOWN);
  expect(writes()).toEqual([]);

  const up = await engine("up", upgraded);
  expect(up.errors).toEqual([]);
  expect(changes(up)).toEqual(changes(preview));
  const live = (key: string) => f.emulator.objects("users", DOMAIN).find((u) => u.userExternalKey === key);
  expect(live("EMP_0002").organizations[0].orgUnits[0]).toMatchObject({ orgUnitExternalKey: "OU_DEV", isManager: false });
  expect(live("EMP_0004").organizations[0].orgUnits[0]).toMatchObject({ orgUnitId: up.exports.orgUnitIds?.OU_QA ?? resource(up.state, "org-OU_QA").id });
  // The outputs keep the words, so the next preview compares like with like, with no call to resolve them.
  expect(unitOf(resource(up.state, "org-EMP_0002").outputs).orgUnitId).toBe("externalKey:OU_DEV");
  const again = await engine("preview", up.state);
  expect(again.errors).toEqual([]);
  expect(changes(again)).toEqual([]);
}, 300_000);
