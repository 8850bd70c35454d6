// The examples and entry points a user meets first: the quickstart program registers what it
// says (positions, user types, an org-unit tree, members and a group from org.yaml) and converges in one run (a
// second run changes nothing), the package root loads the SDK,
// `npm run demo` explains a Pulumi CLI it cannot start, and `npm run emulator` stops on kill.
import { execFile, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { main as startEmulatorCli, type CliHandle } from "../emulator/cli";
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir, REPO } from "../tools/install";
import { runProgramModule, type Registered } from "../tools/program";

const QUICKSTART_ENV = { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": "10000001" }) };
const ORG_UNIT = "pulumi-nodejs:dynamic/lineworks:OrgUnit";
const USER = "pulumi-nodejs:dynamic/lineworks:User";
const GROUP = "pulumi-nodejs:dynamic/lineworks:Group";

interface QuickstartData {
  positions: { key: string; name: string; code?: string }[];
  userTypes: { key: string; name: string; code?: string }[];
  orgUnits: { key: string; name: string; ja: string; order: number; parent?: string; teamRoom?: boolean }[];
  members: { key: string; email: string; last: string; first?: string; unit: string; title?: string; leader?: boolean; type?: string; invite: string }[];
  groups: { key: string; name: string; masters: string[]; members: string[]; room?: boolean }[];
}
const readData = (dir: string): QuickstartData => parse(fs.readFileSync(path.join(dir, "org.yaml"), "utf8"));

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

test("the quickstart registers every position, user type and org unit of org.yaml, and the change-triggered command", async () => {
  const dir = quickstartDir();
  try {
    const org = readData(dir);
    const registered = await runProgramModule(dir, "index.js", QUICKSTART_ENV);
    const byType = (t: string) => registered.filter((r) => r.type === t);
    expect(byType("pulumi-nodejs:dynamic/lineworks:Position").map((r) => r.inputs.positionName).sort()).toEqual(org.positions.map((p) => p.name).sort());
    expect(byType("pulumi-nodejs:dynamic/lineworks:UserType").map((r) => r.inputs.userTypeCode).sort()).toEqual(org.userTypes.map((u) => u.code).sort());
    // The data file holds a small tree: a head office at the top, two departments under it, a team under one of them.
    expect(org.orgUnits.map((u) => [u.key, u.parent ?? null])).toEqual([["OU_HQ", null], ["OU_SALES", "OU_HQ"], ["OU_DEV", "OU_HQ"], ["OU_SALES_TOKYO", "OU_SALES"]]);
    const units = byType(ORG_UNIT);
    expect(units.map((r) => r.name).sort()).toEqual(org.orgUnits.map((u) => u.key).sort());
    for (const u of org.orgUnits) {
      const r = units.find((x) => x.name === u.key)!;
      expect(r.inputs).toMatchObject({ orgUnitName: u.name, displayOrder: u.order, orgUnitExternalKey: u.key, i18nNames: [{ language: "ja_JP", name: u.ja }], useMessage: u.teamRoom === true });
      // LINE WORKS assigns the address; the program does not declare one.
      expect(r.inputs).not.toHaveProperty("email");
    }
    // The top-level unit declares no parent; a child's parentOrgUnitId is its parent's output
    // (the mocks answer "<resource name>-id" for it).
    expect(units.find((r) => r.name === "OU_HQ")!.inputs).not.toHaveProperty("parentOrgUnitId");
    for (const u of org.orgUnits.filter((x) => x.parent)) expect(units.find((r) => r.name === u.key)!.inputs.parentOrgUnitId).toBe(`${u.parent}-id`);
    // Members: placed in their unit with their title and user type, all wired by output; invited, never given a password.
    const users = byType(USER);
    expect(users.map((r) => r.name).sort()).toEqual(org.members.map((m) => m.key).sort());
    for (const m of org.members) {
      const r = users.find((x) => x.name === m.key)!;
      expect(r.inputs).toMatchObject({ email: m.email, userExternalKey: m.key, privateEmail: m.invite, userTypeId: `${m.type}-id` });
      expect(r.inputs.organizations).toEqual([{ domainId: 10000001, primary: true, orgUnits: [{ orgUnitId: `${m.unit}-id`, primary: true, positionId: `${m.title}-id`, isManager: m.leader ?? false }] }]);
      expect(JSON.stringify(r.inputs.passwordConfig)).not.toMatch(/"password"/);
    }
    // Groups: masters and members wired by output, a unit as a member of type ORGUNIT.
    const groups = byType(GROUP);
    expect(groups.map((r) => r.name)).toEqual(org.groups.map((g) => g.key));
    for (const g of org.groups) {
      const r = groups.find((x) => x.name === g.key)!;
      const unitKeys = new Set(org.orgUnits.map((u) => u.key));
      expect(r.inputs).toMatchObject({ groupName: g.name, groupExternalKey: g.key, useMessage: g.room === true });
      expect(r.inputs.administrators).toEqual(g.masters.map((k) => ({ userId: `${k}-id` })));
      expect(r.inputs.members).toEqual(g.members.map((k) => ({ id: `${k}-id`, type: unitKeys.has(k) ? "ORGUNIT" : "USER" })));
    }
    const [command] = byType("command:local:Command");
    expect(command.inputs.triggers[0]).toContain("Team Leader");
    // Org units count with the units above them, so a move changes the trigger too.
    expect(command.inputs.triggers[0]).toContain("Head Office > Sales > Tokyo Sales Team");
    expect([...byType("pulumi-nodejs:dynamic/lineworks:Position"), ...units].every((r) => r.inputs.domainId === 10000001)).toBe(true);
    // The switches a new tenant may have off are declared, not assumed (org units have none).
    expect(byType("pulumi-nodejs:dynamic/lineworks:DirectoryFeature").map((r) => r.inputs.feature).sort()).toEqual(["positions", "userTypes"]);
  } finally {
    removeDir(dir);
  }
});

test("require() of the repository root loads the SDK entry", () => {
  const out = execFileSync(process.execPath, ["-e", "const m = require('.'); console.log(JSON.stringify({ p: typeof m.Position, u: typeof m.UserType, l: typeof m.Level, e: typeof m.EmploymentType, o: typeof m.OrgUnit, u2: typeof m.User, g: typeof m.Group, f: typeof m.DirectoryFeature, providers: Object.keys(m.providers) }))"], { cwd: REPO, encoding: "utf8" });
  expect(JSON.parse(out)).toEqual({ p: "function", u: "function", l: "function", e: "function", o: "function", u2: "function", g: "function", f: "function", providers: ["Position", "UserType", "Level", "EmploymentType", "OrgUnit", "User", "Group", "DirectoryFeature"] });
});

test("the quickstart against a new tenant with its switches off: the first run turns them on and creates everything (the org-unit tree under the parents org.yaml names, no ordering violation), a second run (emulator restarted) changes nothing", async () => {
  const dir = quickstartDir();
  const data = tempDir("quickstart-tenant");
  const org = readData(dir);
  const hosts: Host[] = [];
  let emulator: CliHandle | undefined;
  const unitUrn = (key: string) => urn("OrgUnit", key, "lineworks-quickstart");
  // One `pulumi up` as the engine runs it: each resource of ours in registration order (the
  // switches come first and the kinds depend on them), create when new, else check and diff.
  // An org unit waits for its parent, whose `orgUnitId` output becomes the child's
  // `parentOrgUnitId`: the mocks that registered the program answered "<parent resource>-id",
  // which the engine's part here replaces with the ID the parent's create returned.
  const up = async (state: Map<string, { id: string; inputs: any; outputs: any }>) => {
    emulator = (await startEmulatorCli(["--port", "0", "--data-dir", data, "--features-off"], {}, { out: () => {} }))!;
    if (state.size === 0) expect(emulator.emulator.featureEnabled(10000001, "positions")).toBe(false);
    const host = await Host.start({ cwd: dir, project: "lineworks-quickstart" });
    hosts.push(host);
    await host.configure({
      "lineworks:apiUrl": emulator.emulator.apiUrl,
      "lineworks:authUrl": emulator.emulator.authUrl,
      "lineworks:clientId": emulator.clientId,
      "lineworks:clientSecret": emulator.clientSecret,
      "lineworks:serviceAccount": emulator.serviceAccount,
      "lineworks:privateKeyFile": emulator.privateKeyFile,
      "lineworks:domainId": String(emulator.domainId),
    });
    const registered: Registered[] = await runProgramModule(dir, "index.js", QUICKSTART_ENV);
    const ours = registered.filter((x) => x.type.startsWith("pulumi-nodejs:dynamic/lineworks:"));
    const depth = (key: string): number => {
      const parent = org.orgUnits.find((u) => u.key === key)?.parent;
      return parent ? 1 + depth(parent) : 0;
    };
    const ordered = [
      ...ours.filter((x) => x.type !== ORG_UNIT && x.type !== USER && x.type !== GROUP),
      ...ours.filter((x) => x.type === ORG_UNIT).sort((a, b) => depth(a.name) - depth(b.name)),
      ...ours.filter((x) => x.type === USER),
      ...ours.filter((x) => x.type === GROUP),
    ];
    const ids = new Map<string, string>(); // resource name -> the ID its create returned
    // The mocks answered "<resource name>-id" for every output a resource passed on (a parent's
    // orgUnitId, a member's unit, title and user type, nested too); the engine passes the real ID.
    // A secret (the SDK makes passwordConfig one) reaches the provider unwrapped: the host accepts no secrets.
    const SIG = "4dabf18193072939515e22adb298388d";
    const wire = (v: any): any =>
      typeof v === "string" && /-id$/.test(v) && ids.has(v.slice(0, -3)) ? ids.get(v.slice(0, -3))
        : v && typeof v === "object" && v[SIG] === "1b47061264138c4ac30d75fd1eb44270" ? wire(v.value)
        : Array.isArray(v) ? v.map(wire)
          : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "__provider" ? x : wire(x)]))
            : v;
    for (const [u, st] of state) ids.set(u.split("::").pop()!, st.id);
    const changed: string[] = [];
    for (const r of ordered) {
      const u = urn(r.type.split(":").pop()!, r.name, "lineworks-quickstart");
      const prior = state.get(u);
      const inputs = wire(r.inputs);
      const checked = await host.check(u, prior?.inputs ?? {}, inputs);
      expect(checked.failures).toEqual([]);
      if (!prior) {
        const created = await host.create(u, checked.inputs);
        state.set(u, { id: created.id, inputs: checked.inputs, outputs: created.properties });
        ids.set(r.name, created.id);
        changed.push(`create ${r.name}`);
        continue;
      }
      const diff = await host.diff(prior.id, u, prior.outputs, checked.inputs);
      if (diff.changes !== "none") changed.push(`${diff.replaces.length ? "replace" : "update"} ${r.name}`);
    }
    const units = emulator.emulator.objects("orgUnits", 10000001);
    const users = emulator.emulator.objects("users", 10000001);
    const groups = emulator.emulator.objects("groups", 10000001);
    const violations = [...emulator.emulator.orderingViolations];
    await emulator.stop(); // a restart from the data dir, as the next `npm run demo` does
    return { changed, registered, units, users, groups, violations };
  };
  try {
    const state = new Map<string, { id: string; inputs: any; outputs: any }>();
    const first = await up(state);
    expect(first.changed).toHaveLength(2 + org.positions.length + org.userTypes.length + org.orgUnits.length + org.members.length + org.groups.length);
    // The tree in LINE WORKS: every unit under the parent org.yaml names, at the depth that gives.
    const byKey = (units: any[], key: string) => units.find((u) => u.orgUnitExternalKey === key);
    expect(first.units).toHaveLength(org.orgUnits.length);
    for (const u of org.orgUnits) {
      const live = byKey(first.units, u.key);
      expect(live).toMatchObject({
        orgUnitId: state.get(unitUrn(u.key))!.id,
        orgUnitName: u.name,
        displayOrder: u.order,
        parentOrgUnitId: u.parent ? byKey(first.units, u.parent).orgUnitId : null,
        parentExternalKey: u.parent ?? null,
        useMessage: u.teamRoom === true,
      });
      expect(live.email).toMatch(/^[^@]{2,}@/); // assigned by LINE WORKS
    }
    expect(["OU_HQ", "OU_SALES", "OU_DEV", "OU_SALES_TOKYO"].map((k) => byKey(first.units, k).displayLevel)).toEqual([1, 2, 2, 3]);
    // Every member in LINE WORKS, in the unit and with the title org.yaml gives, pending until their first login.
    expect(first.users).toHaveLength(org.members.length);
    for (const m of org.members) {
      const live = first.users.find((x: any) => x.userExternalKey === m.key);
      expect(live).toMatchObject({ email: m.email, isPending: true, userTypeExternalKey: m.type });
      expect(live.organizations[0].orgUnits).toEqual([expect.objectContaining({ orgUnitExternalKey: m.unit, positionExternalKey: m.title, isManager: m.leader ?? false, primary: true })]);
    }
    // Every group with the masters and members org.yaml lists (a unit as an ORGUNIT member).
    expect(first.groups).toHaveLength(org.groups.length);
    const idOf = (key: string) => first.users.find((x: any) => x.userExternalKey === key)?.userId ?? byKey(first.units, key).orgUnitId;
    for (const g of org.groups) {
      const live = first.groups.find((x: any) => x.groupExternalKey === g.key);
      expect(live).toMatchObject({ groupName: g.name, useMessage: g.room === true });
      expect(live.administrators.map((a: any) => a.userId).sort()).toEqual(g.masters.map(idOf).sort());
      expect(live.members.map((m: any) => m.id).sort()).toEqual(g.members.map(idOf).sort());
    }
    // Every org-unit write of the domain one at a time, at least a second after the previous one.
    expect(first.violations).toEqual([]);
    const second = await up(state);
    expect(second.changed).toEqual([]);
    expect(second.violations).toEqual([]);
    expect(second.units.map((u: any) => [u.orgUnitId, u.parentOrgUnitId, u.orgUnitName])).toEqual(first.units.map((u: any) => [u.orgUnitId, u.parentOrgUnitId, u.orgUnitName]));
    // The command's trigger, the one input of the other provider, is the same text both times.
    const trigger = (r: Registered[]) => r.find((x) => x.type === "command:local:Command")!.inputs.triggers;
    expect(trigger(second.registered)).toEqual(trigger(first.registered));
    const saved = JSON.parse(fs.readFileSync(path.join(data, "state.json"), "utf8"));
    expect(saved.features["10000001"]).toMatchObject({ positions: true, userTypes: true, levels: false });
  } finally {
    for (const h of hosts) await h.stop();
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
