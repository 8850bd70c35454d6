// The examples and entry points a user meets first: the quickstart program registers what it
// says and converges in one run (a second run changes nothing), the package root loads the SDK,
// `npm run demo` explains a Pulumi CLI it cannot start, and `npm run emulator` stops on kill.
import { execFile, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { main as startEmulatorCli, type CliHandle } from "../emulator/cli";
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir, REPO } from "../tools/install";
import { runProgramModule, type Registered } from "../tools/program";

const QUICKSTART_ENV = { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": "10000001" }) };

/** The quickstart compiled into a program directory that has the packed package installed. */
function quickstartDir(): string {
  const dir = makeProgramDir("quickstart");
  const source = fs.readFileSync(path.join(REPO, "examples", "quickstart", "index.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  fs.writeFileSync(path.join(dir, "index.js"), js);
  fs.copyFileSync(path.join(REPO, "examples", "quickstart", "org.json"), path.join(dir, "org.json"));
  return dir;
}

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lineworks-${label}-`));
}

test("the quickstart registers every position and user type of org.json, and the change-triggered command", async () => {
  const dir = quickstartDir();
  try {
    const org = JSON.parse(fs.readFileSync(path.join(dir, "org.json"), "utf8"));
    const registered = await runProgramModule(dir, "index.js", QUICKSTART_ENV);
    const byType = (t: string) => registered.filter((r) => r.type === t);
    expect(byType("pulumi-nodejs:dynamic/lineworks:Position").map((r) => r.inputs.positionName).sort()).toEqual(org.positions.map((p: any) => p.name).sort());
    expect(byType("pulumi-nodejs:dynamic/lineworks:UserType").map((r) => r.inputs.userTypeCode).sort()).toEqual(org.userTypes.map((u: any) => u.code).sort());
    const [command] = byType("command:local:Command");
    expect(command.inputs.triggers[0]).toContain("Team Leader");
    expect(byType("pulumi-nodejs:dynamic/lineworks:Position").every((r) => r.inputs.domainId === 10000001)).toBe(true);
    // The switches a new tenant may have off are declared, not assumed.
    expect(byType("pulumi-nodejs:dynamic/lineworks:DirectoryFeature").map((r) => r.inputs.feature).sort()).toEqual(["positions", "userTypes"]);
  } finally {
    removeDir(dir);
  }
});

test("require() of the repository root loads the SDK entry", () => {
  const out = execFileSync(process.execPath, ["-e", "const m = require('.'); console.log(JSON.stringify({ p: typeof m.Position, u: typeof m.UserType, l: typeof m.Level, e: typeof m.EmploymentType, f: typeof m.DirectoryFeature, providers: Object.keys(m.providers) }))"], { cwd: REPO, encoding: "utf8" });
  expect(JSON.parse(out)).toEqual({ p: "function", u: "function", l: "function", e: "function", f: "function", providers: ["Position", "UserType", "Level", "EmploymentType", "DirectoryFeature"] });
});

test("the quickstart against a new tenant with its switches off: the first run turns them on and creates everything, a second run (emulator restarted) changes nothing", async () => {
  const dir = quickstartDir();
  const data = tempDir("quickstart-tenant");
  const hosts: Host[] = [];
  let emulator: CliHandle | undefined;
  // One `pulumi up` as the engine runs it: each resource of ours in registration order (the
  // switches come first and the kinds depend on them), create when new, else check and diff.
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
    const changed: string[] = [];
    for (const r of registered.filter((x) => x.type.startsWith("pulumi-nodejs:dynamic/lineworks:"))) {
      const u = urn(r.type.split(":").pop()!, r.name, "lineworks-quickstart");
      const prior = state.get(u);
      const checked = await host.check(u, prior?.inputs ?? {}, r.inputs);
      expect(checked.failures).toEqual([]);
      if (!prior) {
        const created = await host.create(u, checked.inputs);
        state.set(u, { id: created.id, inputs: checked.inputs, outputs: created.properties });
        changed.push(`create ${r.name}`);
        continue;
      }
      const diff = await host.diff(prior.id, u, prior.outputs, checked.inputs);
      if (diff.changes !== "none") changed.push(`${diff.replaces.length ? "replace" : "update"} ${r.name}`);
    }
    await emulator.stop(); // a restart from the data dir, as the next `npm run demo` does
    return { changed, registered };
  };
  try {
    const state = new Map<string, { id: string; inputs: any; outputs: any }>();
    const first = await up(state);
    const org = JSON.parse(fs.readFileSync(path.join(dir, "org.json"), "utf8"));
    expect(first.changed).toHaveLength(2 + org.positions.length + org.userTypes.length);
    const second = await up(state);
    expect(second.changed).toEqual([]);
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
