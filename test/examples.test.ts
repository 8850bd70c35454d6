// The examples and entry points a user meets first: the quickstart program declares one Directory
// over org.yaml (positions, user types, an org-unit tree, members and a group), every entry one
// resource referring to the others by key, and converges in one run (a second run changes nothing); the package
// root loads the SDK, `npm run demo` explains a Pulumi CLI it cannot start, and `npm run emulator`
// stops on kill.
import { execFile, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { main as startEmulatorCli, type CliHandle } from "../emulator/cli";
import { runEngine, type EngineRun, type EngineState } from "../tools/engine";
import { makeProgramDir, removeDir, REPO } from "../tools/install";
import { runProgramModule } from "../tools/program";
import { useFastClock } from "./support/time";

// On a fast clock, which the in-process emulator and the engine runs share (processes started
// with an environment of their own keep real time): the org-unit rule in real time is orgunit.test.ts's.
useFastClock();

const QUICKSTART_ENV = { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": "10000001" }) };
const DYNAMIC = "pulumi-nodejs:dynamic/lineworks:";

/** org.yaml as the quickstart's Directory reads it (the spec's own field names). */
interface Unit { orgUnitExternalKey: string; orgUnitName: string; displayOrder: number; useMessage?: boolean; i18nNames?: unknown[]; children?: Unit[] }
interface QuickstartData {
  positions: { positionExternalKey: string; positionName: string; displayOrder: number }[];
  userTypes: { userTypeExternalKey: string; userTypeName: string; userTypeCode?: string }[];
  orgUnits: Unit[];
  members: { userExternalKey: string; email: string; userTypeId?: string; privateEmail: string; organizations: { orgUnits: { orgUnitId: string; positionId?: string; isManager?: boolean }[] }[] }[];
  groups: { groupExternalKey: string; groupName: string; members: { type: string; id: string }[]; administrators: { userId: string }[]; useMessage?: boolean }[];
}
const readData = (dir: string): QuickstartData => parse(fs.readFileSync(path.join(dir, "org.yaml"), "utf8"));
/** The tree flattened, each unit with the key of its parent. */
const unitsOf = (units: Unit[], parent: string | null = null): (Unit & { parent: string | null })[] =>
  units.flatMap((u) => [{ ...u, parent }, ...unitsOf(u.children ?? [], u.orgUnitExternalKey)]);

/** The quickstart compiled into a program directory that has the packed package installed. */
function quickstartDir(): string {
  const dir = makeProgramDir("quickstart");
  const source = fs.readFileSync(path.join(REPO, "examples", "quickstart", "index.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  fs.writeFileSync(path.join(dir, "index.js"), js);
  fs.copyFileSync(path.join(REPO, "examples", "quickstart", "org.yaml"), path.join(dir, "org.yaml"));
  return dir;
}

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lineworks-${label}-`));
}

test("the quickstart declares one Directory over org.yaml: every entry one resource named by its key and referring to others by key, and the change-triggered command", async () => {
  const dir = quickstartDir();
  try {
    const org = readData(dir);
    const registered = await runProgramModule(dir, "index.js", QUICKSTART_ENV);
    const byType = (t: string) => registered.filter((r) => r.type === t || r.type === `${DYNAMIC}${t}`);
    const named = (t: string, key: string) => byType(t).find((r) => r.name === `org-${key}`)!.inputs;
    expect(byType("lineworks:index:Directory").map((r) => r.name)).toEqual(["org"]);
    // Every entry has a key, so every reference is `externalKey:<key>` (issue 21: it was the ID output),
    // and the resource depends on the one it names.
    const id = (key: string) => `externalKey:${key}`;
    expect(byType("Position").map((r) => r.name).sort()).toEqual(org.positions.map((p) => `org-${p.positionExternalKey}`).sort());
    for (const p of org.positions) expect(named("Position", p.positionExternalKey)).toMatchObject({ positionName: p.positionName, displayOrder: p.displayOrder, positionExternalKey: p.positionExternalKey, domainId: 10000001 });
    expect(byType("UserType").map((r) => r.inputs.userTypeCode).sort()).toEqual(org.userTypes.map((u) => u.userTypeCode).sort());
    // The tree: a head office at the top, two departments under it, a team under one of them; a child's parent is its parent's key.
    const units = unitsOf(org.orgUnits);
    expect(units.map((u) => [u.orgUnitExternalKey, u.parent])).toEqual([["OU_HQ", null], ["OU_SALES", "OU_HQ"], ["OU_SALES_TOKYO", "OU_SALES"], ["OU_DEV", "OU_HQ"]]);
    expect(byType("OrgUnit")).toHaveLength(units.length);
    for (const u of units) {
      const inputs = named("OrgUnit", u.orgUnitExternalKey);
      expect(inputs).toMatchObject({ orgUnitName: u.orgUnitName, displayOrder: u.displayOrder, orgUnitExternalKey: u.orgUnitExternalKey, i18nNames: u.i18nNames, domainId: 10000001 });
      expect(inputs.useMessage).toBe(u.useMessage);
      // LINE WORKS assigns the address; the spec declares none. A top-level unit declares no parent.
      expect(inputs).not.toHaveProperty("email");
      if (u.parent) expect(inputs.parentOrgUnitId).toBe(id(u.parent));
      if (u.parent) expect(byType("OrgUnit").find((r) => r.name === `org-${u.orgUnitExternalKey}`)!.dependsOn).toEqual([`org-${u.parent}`]);
      else expect(inputs).not.toHaveProperty("parentOrgUnitId");
    }
    // Members: placed in their unit with their title and user type, all by key; invited, never given a password.
    expect(byType("User")).toHaveLength(org.members.length);
    for (const m of org.members) {
      const inputs = named("User", m.userExternalKey);
      expect(inputs).toMatchObject({ email: m.email, userExternalKey: m.userExternalKey, privateEmail: m.privateEmail, userTypeId: id(m.userTypeId!) });
      const [place] = m.organizations[0].orgUnits;
      expect(inputs.organizations).toEqual([{ domainId: 10000001, primary: true, orgUnits: [{ orgUnitId: id(place.orgUnitId), primary: true, positionId: id(place.positionId!), ...(place.isManager !== undefined ? { isManager: place.isManager } : {}) }] }]);
      expect(JSON.stringify(inputs)).not.toMatch(/"password"/);
    }
    // Groups: masters and members by key, a unit as a member of type ORGUNIT.
    expect(byType("Group").map((r) => r.name)).toEqual(org.groups.map((g) => `org-${g.groupExternalKey}`));
    for (const g of org.groups) {
      const inputs = named("Group", g.groupExternalKey);
      expect(inputs).toMatchObject({ groupName: g.groupName, groupExternalKey: g.groupExternalKey, useMessage: g.useMessage });
      expect(inputs.administrators).toEqual(g.administrators.map((a) => ({ userId: id(a.userId) })));
      expect(inputs.members).toEqual(g.members.map((m) => ({ type: m.type, id: id(m.id) })));
    }
    const [command] = byType("command:local:Command");
    expect(command.inputs.triggers[0]).toContain("Team Leader");
    // Org units count with the units above them, so a move changes the trigger too.
    expect(command.inputs.triggers[0]).toContain("Head Office > Sales > Tokyo Sales Team");
    // The switches a new tenant may have off are declared, not assumed (org units have none).
    expect(byType("DirectoryFeature").map((r) => r.inputs.feature).sort()).toEqual(["positions", "userTypes"]);
  } finally {
    removeDir(dir);
  }
});

test("require() of the repository root loads the SDK entry", () => {
  const out = execFileSync(process.execPath, ["-e", "const m = require('.'); console.log(JSON.stringify({ p: typeof m.Position, u: typeof m.UserType, l: typeof m.Level, e: typeof m.EmploymentType, o: typeof m.OrgUnit, u2: typeof m.User, g: typeof m.Group, c: typeof m.CustomProperty, r: typeof m.UserRoster, f: typeof m.DirectoryFeature, d: typeof m.Directory, s: typeof m.directorySpec.safeParse, providers: Object.keys(m.providers) }))"], { cwd: REPO, encoding: "utf8" });
  expect(JSON.parse(out)).toEqual({ p: "function", u: "function", l: "function", e: "function", o: "function", u2: "function", g: "function", c: "function", r: "function", f: "function", d: "function", s: "function", providers: ["Position", "UserType", "Level", "EmploymentType", "CustomProperty", "OrgUnit", "User", "Group", "UserRoster", "DirectoryFeature"] });
});

test("`npx pulumi-lineworks export`: the installed package's bin is a node script that runs (help, and an export of an empty emulator data dir)", () => {
  const dir = makeProgramDir("bin");
  try {
    const pkg = path.join(dir, "node_modules", "pulumi-lineworks");
    const bin = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).bin["pulumi-lineworks"];
    const file = path.join(pkg, bin);
    expect(fs.readFileSync(file, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(execFileSync(process.execPath, [file, "--help"], { cwd: dir, encoding: "utf8" })).toMatch(/^Usage: npx pulumi-lineworks export/);
    fs.mkdirSync(path.join(dir, "emu")); // --emulator refuses a directory that does not exist (a mistyped one)
    const out = execFileSync(process.execPath, [file, "export", "--emulator", "emu", "--out", "-"], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(parse(out)).toEqual({ domainId: 10000001 });
  } finally {
    removeDir(dir);
  }
});

test("the quickstart against a new tenant with its switches off: the first run turns them on and creates everything (the org-unit tree under the parents org.yaml nests, no ordering violation), a second run (emulator restarted) changes nothing", async () => {
  const dir = quickstartDir();
  const data = tempDir("quickstart-tenant");
  const org = readData(dir);
  let emulator: CliHandle | undefined;
  // One `pulumi up` as the engine runs it (tools/engine.ts): the Directory's children registered
  // through the real dynamic-provider host, each reference resolved to the ID its create returned.
  const up = async (state?: EngineState) => {
    emulator = (await startEmulatorCli(["--port", "0", "--data-dir", data, "--features-off"], {}, { out: () => {} }))!;
    if (!state) expect(emulator.emulator.featureEnabled(10000001, "positions")).toBe(false);
    const run: EngineRun = await runEngine({
      dir,
      program: { module: "index.js" },
      mode: "up",
      state,
      project: "lineworks-quickstart",
      config: {
        "lineworks:apiUrl": emulator.emulator.apiUrl,
        "lineworks:authUrl": emulator.emulator.authUrl,
        "lineworks:clientId": emulator.clientId,
        "lineworks:clientSecret": emulator.clientSecret,
        "lineworks:serviceAccount": emulator.serviceAccount,
        "lineworks:privateKeyFile": emulator.privateKeyFile,
        "lineworks:domainId": String(emulator.domainId),
      },
    });
    const units = emulator.emulator.objects("orgUnits", 10000001);
    const users = emulator.emulator.objects("users", 10000001);
    const groups = emulator.emulator.objects("groups", 10000001);
    const violations = [...emulator.emulator.orderingViolations];
    await emulator.stop(); // a restart from the data dir, as the next `npm run demo` does
    return { run, units, users, groups, violations };
  };
  try {
    const first = await up();
    expect(first.run.errors).toEqual([]);
    const tree = unitsOf(org.orgUnits);
    expect(first.run.steps.map((s) => s.op)).toEqual(Array(2 + org.positions.length + org.userTypes.length + tree.length + org.members.length + org.groups.length).fill("create"));
    // The tree in LINE WORKS: every unit under the parent org.yaml nests it in, at the depth that gives.
    const byKey = (units: any[], key: string) => units.find((u) => u.orgUnitExternalKey === key);
    expect(first.units).toHaveLength(tree.length);
    for (const u of tree) {
      const live = byKey(first.units, u.orgUnitExternalKey);
      expect(live).toMatchObject({
        orgUnitId: first.run.exports.orgUnitIds[u.orgUnitExternalKey],
        orgUnitName: u.orgUnitName,
        displayOrder: u.displayOrder,
        parentOrgUnitId: u.parent ? byKey(first.units, u.parent).orgUnitId : null,
        parentExternalKey: u.parent,
        useMessage: u.useMessage === true,
      });
      expect(live.email).toMatch(/^[^@]{2,}@/); // assigned by LINE WORKS
      expect(first.run.exports.orgUnitEmails[u.orgUnitExternalKey]).toBe(live.email);
    }
    expect(["OU_HQ", "OU_SALES", "OU_DEV", "OU_SALES_TOKYO"].map((k) => byKey(first.units, k).displayLevel)).toEqual([1, 2, 2, 3]);
    // Every member in LINE WORKS, in the unit and with the title org.yaml gives, pending until their first login.
    expect(first.users).toHaveLength(org.members.length);
    for (const m of org.members) {
      const live = first.users.find((x: any) => x.userExternalKey === m.userExternalKey);
      const [place] = m.organizations[0].orgUnits;
      expect(live).toMatchObject({ email: m.email, isPending: true, userTypeExternalKey: m.userTypeId });
      expect(live.organizations[0].orgUnits).toEqual([expect.objectContaining({ orgUnitExternalKey: place.orgUnitId, positionExternalKey: place.positionId, isManager: place.isManager ?? false, primary: true })]);
    }
    // Every group with the masters and members org.yaml lists (a unit as an ORGUNIT member).
    expect(first.groups).toHaveLength(org.groups.length);
    const idOf = (key: string) => first.run.exports.userIds[key] ?? first.run.exports.orgUnitIds[key];
    for (const g of org.groups) {
      const live = first.groups.find((x: any) => x.groupExternalKey === g.groupExternalKey);
      expect(live).toMatchObject({ groupName: g.groupName, useMessage: g.useMessage === true });
      expect(live.administrators.map((a: any) => a.userId).sort()).toEqual(g.administrators.map((a) => idOf(a.userId)).sort());
      expect(live.members.map((m: any) => m.id).sort()).toEqual(g.members.map((m) => idOf(m.id)).sort());
    }
    // Every org-unit write of the domain one at a time, at least a second after the previous one.
    expect(first.violations).toEqual([]);
    const second = await up(first.run.state);
    expect(second.run.errors).toEqual([]);
    expect(second.run.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(second.violations).toEqual([]);
    expect(second.units.map((u: any) => [u.orgUnitId, u.parentOrgUnitId, u.orgUnitName])).toEqual(first.units.map((u: any) => [u.orgUnitId, u.parentOrgUnitId, u.orgUnitName]));
    expect(second.run.exports).toEqual(first.run.exports);
    const saved = JSON.parse(fs.readFileSync(path.join(data, "state.json"), "utf8"));
    expect(saved.features["10000001"]).toMatchObject({ positions: true, userTypes: true, levels: false });
  } finally {
    await emulator?.stop();
    removeDir(dir);
    removeDir(data);
  }
}, 120_000);

test("emulator --features-off: a tenant new to the data dir starts with every switch off; a data dir with state keeps its own", async () => {
  const data = tempDir("features-off");
  const start = async (dir: string, flags: string[]) => (await startEmulatorCli(["--port", "0", "--data-dir", dir, ...flags], {}, { out: () => {} }))!;
  const switches = (h: CliHandle) => (["positions", "levels", "userTypes", "employmentTypes"] as const).map((f) => h.emulator.featureEnabled(10000001, f));
  const fresh = await start(data, ["--features-off"]);
  try {
    expect(switches(fresh)).toEqual([false, false, false, false]);
    fresh.emulator.setFeature(10000001, "positions", true);
  } finally {
    await fresh.stop();
  }
  const again = await start(data, ["--features-off"]);
  try {
    expect(switches(again)).toEqual([true, false, false, false]);
  } finally {
    await again.stop();
    removeDir(data);
  }
  const other = tempDir("features-on");
  const byEnv = (await startEmulatorCli(["--port", "0", "--data-dir", other], { LINEWORKS_EMULATOR_FEATURES_OFF: "1" }, { out: () => {} }))!;
  try {
    expect(switches(byEnv)).toEqual([false, false, false, false]);
  } finally {
    await byEnv.stop();
    removeDir(other);
  }
});

test("npm run demo when no Pulumi CLI can start (none on PATH, the npm package's download impossible): one paragraph, the install link, exit non-zero", async () => {
  const data = tempDir("demo");
  const bin = tempDir("nopulumi");
  // PULUMI_HOME under a regular file: the lazy installer can neither find a cached CLI nor write one,
  // whether or not the network lets its download through.
  const blocker = path.join(bin, "not-a-directory");
  fs.writeFileSync(blocker, "");
  fs.symlinkSync(process.execPath, path.join(bin, "node"));
  try {
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(process.execPath, [path.join(REPO, "scripts", "demo.js")], { env: { PATH: bin, HOME: bin, PULUMI_HOME: path.join(blocker, "pulumi"), LINEWORKS_DEMO_DATA_DIR: data }, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as any).code ?? 1) : 0, out: stdout + stderr }),
      );
    });
    expect(result.code).not.toBe(0);
    const paragraph = result.out.split("\n").find((l) => l.startsWith("Cannot run the demo"));
    expect(paragraph).toBeDefined();
    expect(paragraph).toMatch(/no `pulumi` on PATH/);
    expect(paragraph).toMatch(/npm package `pulumi` could not download the CLI \(.+\)/);
    expect(paragraph).toContain("https://www.pulumi.com/docs/iac/download-install/");
    expect(paragraph).toContain("`npm run emulator`");
    // Nothing was started that it then stops: no emulator settings printed.
    expect(result.out).not.toMatch(/pulumi config set|listening on/);
  } finally {
    removeDir(data);
    removeDir(bin);
  }
}, 90_000);

test("`npm run emulator` in the background, stopped with kill <npm pid>: the port is free", async () => {
  const data = tempDir("emulator-kill");
  // Its own process group, so the cleanup can reach a child that outlived npm.
  const npm = spawn("npm", ["run", "emulator", "--", "--port", "0", "--data-dir", data], { cwd: REPO, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${out}`)), 60_000);
      const seen = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      };
      npm.stdout.on("data", seen);
      npm.stderr.on("data", seen);
    });
    expect(await listening(port)).toBe(true);
    process.kill(npm.pid!, "SIGTERM");
    let free = false;
    for (let i = 0; i < 50 && !free; i++) {
      await new Promise((r) => setTimeout(r, 100));
      free = !(await listening(port));
    }
    expect(free).toBe(true);
  } finally {
    try { process.kill(-npm.pid!, "SIGKILL"); } catch { /* already gone */ }
    removeDir(data);
  }
}, 90_000);

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}
