// `npm run bench`: throughput against the rate budget, refresh cost, tokens per run, state size,
// provider overhead and host memory — through @pulumi/pulumi's dynamic-provider host against the
// emulator enforcing the documented limit (240 requests per minute per API). The minute is
// scaled down (BENCH_TIME_SCALE, default 30: one "minute" lasts 2 s) and every ratio is reported
// against the scaled budget. Prints a table and writes the same figures as JSON.
//
// Org units (tools/bench-orgunits.ts) run at the real minute, since their rule — one write per
// second per domain, in order — is never scaled: BENCH_ORGUNITS (default 100) units are created,
// moved and deleted, and BENCH_ORGUNIT_READS (default 1000) refreshed; figures under `orgUnits`.
// BENCH_ONLY=orgunits runs that part alone (about 6 minutes) and writes
// bench-results/bench-<commit>-orgunits.json, leaving latest.json as it is.
//
// Members (tools/bench-users.ts) run at the scaled minute, but their rule — at most 10 member
// creates per second per domain — is never scaled: BENCH_USERS (default 1000) members are created
// and updated (creates and updates per second side by side), BENCH_USER_READS (default 1000) refreshed, and the state a member costs measured;
// figures under `users`. BENCH_ONLY=users runs that part alone (about 4 minutes) and writes
// bench-results/bench-<commit>-users.json.
//
// Groups (tools/bench-groups.ts) run at the scaled minute: a group of BENCH_GROUP_MEMBERS (default
// 500) seeded members is created, changed by BENCH_GROUP_CHANGE (default 50) members and by
// BENCH_GROUP_LARGE_CHANGE (default 150: one PATCH) and refreshed, its members declared by ID and
// then by email; API calls per step, figures under `groups`. BENCH_ONLY=groups runs that part
// alone (well under a minute) and writes bench-results/bench-<commit>-groups.json.
//
// Export (tools/bench-export.ts) runs at the real minute with the provider's default settings:
// exportSpec over a seeded tenant at seedTenant's default size and a larger one (BENCH_EXPORT_MEMBERS,
// BENCH_EXPORT_UNITS, BENCH_EXPORT_GROUPS: default 2,000, 200, 40); API calls per kind against
// ceil(N/100) list pages, 429s, writes (0) and the spec's problems; figures under `export`.
// BENCH_ONLY=export runs that part alone (seconds; no program, no host) and writes
// bench-results/bench-<commit>-export.json.
//
// Scale (tools/bench-scale.ts) runs only when asked: BENCH_ONLY=scale (an hour or more at the
// default sizes BENCH_SCALE=1000,10000,30000): a seeded tenant in one stack, members as one
// resource each beside rosters; resources, state and DIY checkpoint bytes, a no-change preview's
// RPCs and time, API calls of an adopting first up and of a refresh, and issue 24's goals. Writes
// bench-results/bench-<commit>-scale.json.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { setClockSpeed } from "../clock";
import { startFixture, DOMAIN, type Fixture } from "./fixture";
import { Host, urn } from "./host";
import { makeProgramDir, packPackage, removeDir, REPO } from "./install";
import { orgUnitBench, orgUnitLines, median, pool, withRun, PARALLEL } from "./bench-orgunits";
import { userBench, userLines, type ProviderBytes } from "./bench-users";
import { groupBench, groupLines } from "./bench-groups";
import { exportBench, exportLines } from "./bench-export";
import { scaleBench, scaleLines } from "./bench-scale";
import { providerText as providerTextOf, runProgram } from "./program";

const N_WRITE = Number(process.env.BENCH_WRITES ?? 500);
/** Refresh sizes; README: `BENCH_READS=1000,10000,30000 BENCH_TIME_SCALE=1` for the real minute. */
const N_READS = String(process.env.BENCH_READS ?? "1000").split(",").map(Number);
const N_ADOPT = Number(process.env.BENCH_ADOPTS ?? 1000);
const SCALE = Number(process.env.BENCH_TIME_SCALE ?? 30);
const LIMIT = 240;
const WINDOW_MS = Math.round(60_000 / SCALE);
const ONLY = process.env.BENCH_ONLY; // "orgunits", "users", "groups", "export" or "scale": that part alone
const PARTS = ["orgunits", "users", "groups", "export", "scale"];

type Props = Record<string, any>;

function peakMemoryMiB(pid?: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

interface Phase {
  phase: string;
  api: string;
  requests: number;
  seconds: number;
  status429: number;
  /** Requests per second in the whole windows the phase spanned, over the budget's rate. */
  ratioWholeWindows: number;
  /** Requests over the phase's wall time, over the budget's rate (includes the first free burst). */
  ratioRaw: number;
}

function phaseFigures(f: Fixture, phase: string, api: string, from: number): Phase {
  const entries = f.emulator.log.slice(from).filter((e) => e.api === api);
  const t0 = Math.min(...entries.map((e) => e.start));
  const t1 = Math.max(...entries.map((e) => e.end));
  const windows = Math.max(1, Math.floor((t1 - t0) / WINDOW_MS));
  const inWhole = entries.filter((e) => e.start < t0 + windows * WINDOW_MS && e.status !== 429).length;
  const budgetPerMs = LIMIT / WINDOW_MS;
  return {
    phase,
    api,
    requests: entries.length,
    seconds: (t1 - t0) / 1000,
    status429: entries.filter((e) => e.status === 429).length,
    ratioWholeWindows: inWhole / (windows * WINDOW_MS) / budgetPerMs,
    ratioRaw: entries.length / Math.max(1, t1 - t0) / budgetPerMs,
  };
}

/**
 * `__provider` bytes per resource and type, as a user's install writes them: a program declaring
 * one resource of each type runs (runProgram) with the packed package and a real @pulumi/pulumi
 * beside it (makeProgramDir links @pulumi/pulumi, which then cannot read the package's `exports`
 * and writes the longer file path). State holds the text twice: in the inputs, and in the outputs,
 * where the host copies it unchanged (test/upgrade.test.ts checks that). 0.1.0: its texts as captured
 * in test/fixtures/provider-0.1.0.json.
 */
async function providerBytesPerType(): Promise<ProviderBytes> {
  const dir = makeProgramDir("bench-provider");
  try {
    const scope = path.join(dir, "node_modules", "@pulumi");
    fs.rmSync(scope, { recursive: true, force: true });
    fs.mkdirSync(scope);
    for (const e of fs.readdirSync(path.join(REPO, "node_modules", "@pulumi"))) {
      const from = path.join(REPO, "node_modules", "@pulumi", e);
      if (e === "pulumi") fs.cpSync(from, path.join(scope, e), { recursive: true });
      else fs.symlinkSync(from, path.join(scope, e));
    }
    const registered = await runProgram(dir, `
      new lineworks.DirectoryFeature("f", { feature: "positions", domainId: ${DOMAIN} });
      new lineworks.Position("p", { positionName: "P", displayOrder: 1, domainId: ${DOMAIN} });
      new lineworks.UserType("u", { userTypeName: "U", displayOrder: 1, domainId: ${DOMAIN} });
      new lineworks.Level("l", { levelName: "L", displayOrder: 1, executive: false, domainId: ${DOMAIN} });
      new lineworks.EmploymentType("e", { employmentTypeName: "E", displayOrder: 1, domainId: ${DOMAIN} });
      const o = new lineworks.OrgUnit("o", { orgUnitName: "O", displayOrder: 1, domainId: ${DOMAIN} });
      const m = new lineworks.User("m", { email: "m@example.com", userName: { lastName: "M" }, domainId: ${DOMAIN},
        organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [{ orgUnitId: o.orgUnitId, primary: true }] }] });
      new lineworks.Group("g", { groupName: "G", domainId: ${DOMAIN}, administrators: [{ userId: m.userId }], members: [{ id: o.orgUnitId, type: "ORGUNIT" }] });`);
    const v010: Record<string, string> = JSON.parse(fs.readFileSync(path.join(REPO, "test", "fixtures", "provider-0.1.0.json"), "utf8")).providers;
    return Object.fromEntries(
      registered.map((r) => {
        const type = r.type.split(":").pop()!;
        const text = Buffer.byteLength(r.inputs.__provider);
        return [type, { text, inputsAndOutputs: 2 * text, v010InputsAndOutputs: 2 * Buffer.byteLength(v010[type] ?? "") }];
      }),
    );
  } finally {
    removeDir(dir);
  }
}

/** A fresh emulator holding `n` positions and a fresh host reading them all, as `pulumi refresh` does. */
function refreshAtScale(dir: string, providerText: string, n: number) {
  return withRun(dir, { rateLimitPerMinute: LIMIT, rateWindowMs: WINDOW_MS }, { requestsPerMinute: String(LIMIT), rateWindowMs: String(WINDOW_MS) }, async (f, host) => {
    const seeded = Array.from({ length: n }, (_, i) => f.emulator.seed("positions", { domainId: DOMAIN, positionName: `Seeded ${i}`, displayOrder: i }));
    const from = f.emulator.log.length;
    const t0 = Date.now();
    let found = 0;
    await pool(seeded, PARALLEL, async (o, i) => {
      const r = await host.read(o.positionId, urn("Position", `s${i}`), { __provider: providerText, domainId: DOMAIN, positionId: o.positionId });
      if (r.id === o.positionId) found++;
    });
    const seconds = (Date.now() - t0) / 1000;
    const api = f.emulator.log.slice(from).filter((e) => e.path.startsWith("/v1.0"));
    const listCalls = api.filter((e) => e.method === "GET" && e.path === "/v1.0/directory/positions").length;
    return { n, found, listCalls, apiCalls: api.length, target: Math.ceil(n / 100) + 1, oneGetPerObject: n, seconds };
  });
}

/** `n` adopting creates (lineworks:adoptExisting) into a domain that already holds them, half of them differing. */
function adoptionAtScale(dir: string, providerText: string, n: number) {
  const knobs = { requestsPerMinute: String(LIMIT), rateWindowMs: String(WINDOW_MS), adoptExisting: "true" };
  return withRun(dir, { rateLimitPerMinute: LIMIT, rateWindowMs: WINDOW_MS }, knobs, async (f, host) => {
    for (let i = 0; i < n; i++) f.emulator.seed("positions", { domainId: DOMAIN, positionName: `Existing ${i}`, displayOrder: i });
    const from = f.emulator.log.length;
    const t0 = Date.now();
    await pool(Array.from({ length: n }, (_, i) => i), PARALLEL, async (i) => {
      await host.create(urn("Position", `a${i}`), { __provider: providerText, domainId: DOMAIN, positionName: `Existing ${i}`, displayOrder: i % 2 ? i : i + 1 });
    });
    const api = f.emulator.log.slice(from).filter((e) => e.path.startsWith("/v1.0"));
    return {
      n,
      listCalls: api.filter((e) => e.method === "GET" && e.path === "/v1.0/directory/positions").length,
      getCalls: api.filter((e) => e.method === "GET" && e.path.startsWith("/v1.0/directory/positions/")).length,
      patches: api.filter((e) => e.method === "PATCH").length,
      target: Math.ceil(n / 100) + 2,
      seconds: (Date.now() - t0) / 1000,
    };
  });
}

function commitOf(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/** Writes `result` to bench-results/`names` (each a file name) and says so. */
function writeResults(result: unknown, names: string[]): void {
  const outDir = path.join(REPO, "bench-results");
  fs.mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(result, null, 2) + "\n";
  for (const name of names) fs.writeFileSync(path.join(outDir, name), json);
  console.log(`\nfigures written to ${names.map((n) => `bench-results/${n}`).join(" and ")}`);
}

async function main() {
  // Figures are in real time: a LINEWORKS_CLOCK_SPEED left in the environment does not apply, here
  // or in the hosts started (they get this speed).
  setClockSpeed(1);
  if (ONLY !== undefined && !PARTS.includes(ONLY)) throw new Error(`BENCH_ONLY: only ${PARTS.map((p) => `"${p}"`).join(", ")} are known, not "${ONLY}"`);
  if (ONLY === "export") {
    // The provider's code called directly, as the CLI does: no package, program or host needed.
    const exported = await exportBench();
    const commit = commitOf();
    console.log(`\npulumi-lineworks benchmark (${commit}), export only\n`);
    for (const line of exportLines(exported)) console.log(line);
    writeResults({ when: new Date().toISOString(), commit, export: exported }, [`bench-${commit}-export.json`]);
    return;
  }
  packPackage(path.join(REPO, ".tmp", "bench-pack"));
  if (ONLY === "scale") {
    const scale = await scaleBench();
    const commit = commitOf();
    console.log(`\npulumi-lineworks benchmark (${commit}), scale only\n`);
    for (const line of scaleLines(scale)) console.log(line);
    writeResults({ when: new Date().toISOString(), commit, scale }, [`bench-${commit}-scale.json`]);
    return;
  }
  const dir = makeProgramDir("bench");
  const fixtures: Fixture[] = [];
  const hosts: Host[] = [];
  try {
    const registered = await runProgram(dir, `
      for (let i = 0; i < 20; i++) new lineworks.Position("p" + i, { positionName: "P" + i, displayOrder: i, domainId: ${DOMAIN} });
      const o = new lineworks.OrgUnit("o", { orgUnitName: "O", displayOrder: 1, domainId: ${DOMAIN} });
      const m = new lineworks.User("m", { email: "m@example.com", userName: { lastName: "M" }, domainId: ${DOMAIN},
        organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [{ orgUnitId: o.orgUnitId, primary: true }] }] });
      new lineworks.Group("g", { groupName: "G", administrators: [{ userId: m.userId }], members: [{ id: m.userId, type: "USER" }], domainId: ${DOMAIN} });`);
    const providerText = providerTextOf(registered, "Position");
    const orgUnitText = providerTextOf(registered, "OrgUnit");
    const userText = providerTextOf(registered, "User");
    const groupText = providerTextOf(registered, "Group");
    const budget = { limit: LIMIT, windowMs: WINDOW_MS, scale: SCALE };
    if (ONLY === "orgunits") {
      const orgUnits = await orgUnitBench(dir, orgUnitText);
      const commit = commitOf();
      console.log(`\npulumi-lineworks benchmark (${commit}), org units only\n`);
      for (const line of orgUnitLines(orgUnits)) console.log(line);
      writeResults({ when: new Date().toISOString(), commit, orgUnits }, [`bench-${commit}-orgunits.json`]);
      return;
    }
    if (ONLY === "users") {
      const users = await userBench(dir, userText, budget, providerBytesPerType);
      const commit = commitOf();
      console.log(`\npulumi-lineworks benchmark (${commit}), members only\n`);
      for (const line of userLines(users)) console.log(line);
      writeResults({ when: new Date().toISOString(), commit, users }, [`bench-${commit}-users.json`]);
      return;
    }
    if (ONLY === "groups") {
      const groups = await groupBench(dir, groupText, budget);
      const commit = commitOf();
      console.log(`\npulumi-lineworks benchmark (${commit}), groups only\n`);
      for (const line of groupLines(groups)) console.log(line);
      writeResults({ when: new Date().toISOString(), commit, groups }, [`bench-${commit}-groups.json`]);
      return;
    }
    const stateBytes = registered.filter((r) => r.type.endsWith(":Position")).map((r) => Buffer.byteLength(JSON.stringify(r.inputs)));
    const knobs = { requestsPerMinute: String(LIMIT), rateWindowMs: String(WINDOW_MS) };
    const f = await startFixture({ rateLimitPerMinute: LIMIT, rateWindowMs: WINDOW_MS }, knobs);
    fixtures.push(f);
    const fast = await startFixture({ rateLimitPerMinute: 1_000_000 }, { requestsPerMinute: "1000000", snapshotMaxAgeMs: "0" });
    fixtures.push(fast);
    const host = await Host.start({ cwd: dir });
    hosts.push(host);
    await host.configure(f.config);

    // 1. Write throughput: create, update and delete N positions.
    const inputs = Array.from({ length: N_WRITE }, (_, i): Props => ({ __provider: providerText, domainId: DOMAIN, positionName: `Bench ${i}`, displayOrder: i }));
    const created: { id: string; properties: Props }[] = new Array(N_WRITE);
    let from = f.emulator.log.length;
    await pool(inputs, PARALLEL, async (inp, i) => void (created[i] = await host.create(urn("Position", `b${i}`), inp)));
    const phases = [phaseFigures(f, "create", "POST /directory/positions", from)];
    from = f.emulator.log.length;
    await pool(created, PARALLEL, async (c, i) => void (await host.update(c.id, urn("Position", `b${i}`), c.properties, { ...inputs[i], displayOrder: i + 1000 })));
    phases.push(phaseFigures(f, "update", "PATCH /directory/positions/{id}", from));
    from = f.emulator.log.length;
    await pool(created, PARALLEL, async (c, i) => void (await host.delete(c.id, urn("Position", `b${i}`), c.properties)));
    phases.push(phaseFigures(f, "delete", "DELETE /directory/positions/{id}", from));

    // 2. Refresh cost: read N positions (a fresh host, as a new `pulumi refresh` would start),
    //    and adoption cost: N adopting creates into a domain of N positions.
    const refreshes = [];
    for (const n of N_READS) refreshes.push(await refreshAtScale(dir, providerText, n));
    const adoption = await adoptionAtScale(dir, providerText, N_ADOPT);

    // 3. Provider time per operation beyond the HTTP round trip (no budget pressure here).
    const probe = await Host.start({ cwd: dir });
    hosts.push(probe);
    await probe.configure(fast.config);
    const one = await probe.create(urn("Position", "probe"), { __provider: providerText, domainId: DOMAIN, positionName: "Probe", displayOrder: 0 });
    const overheads: number[] = [];
    for (let i = 1; i <= 200; i++) {
      const before = fast.emulator.log.length;
      const s = performance.now();
      const wallStart = Date.now();
      await probe.update(one.id, urn("Position", "probe"), one.properties, { __provider: providerText, domainId: DOMAIN, positionName: "Probe", displayOrder: i });
      const rpcMs = performance.now() - s;
      const http = fast.emulator.log.slice(before).filter((e) => e.start >= wallStart - 1).reduce((a, e) => a + (e.end - e.start), 0);
      overheads.push(rpcMs - http);
    }

    // One credential set; each host process (one per `pulumi` command) holds its own token.
    // The same RPC path without HTTP: a diff. What update costs beyond both is the provider's own.
    const diffs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await probe.diff(one.id, urn("Position", "probe"), one.properties, { __provider: providerText, domainId: DOMAIN, positionName: "Probe", displayOrder: i });
      diffs.push(performance.now() - s);
    }

    // 4. Org units: writes under the one-per-second rule, and refresh (real minute; own fixtures and hosts).
    const orgUnits = await orgUnitBench(dir, orgUnitText);

    // 5. Members: writes under the 10-per-second rule, refresh, and the state a member costs.
    const perType = await providerBytesPerType();
    const users = await userBench(dir, userText, budget, async () => perType);

    // 6. Groups: API calls of a large group's create, changes and refresh.
    const groups = await groupBench(dir, groupText, budget);

    // 7. Export: a seeded tenant read whole at two sizes (default settings, its own emulators).
    const exported = await exportBench();

    const tokenRequests = f.emulator.log.filter((e) => e.path.endsWith("/oauth2/v2.0/token")).length;
    const tokenHosts = 1; // `host` alone used this credential set and emulator
    const result = {
      when: new Date().toISOString(),
      commit: commitOf(),
      budget: { limitPerWindow: LIMIT, windowMs: WINDOW_MS, timeScale: SCALE, parallel: PARALLEL },
      writes: { n: N_WRITE, phases },
      refresh: refreshes,
      adoption,
      tokens: { requests: tokenRequests, hostProcesses: tokenHosts, perRun: tokenRequests / tokenHosts, target: 1 },
      state: { providerBytes: Buffer.byteLength(providerText), resourceStateBytesMedian: median(stateBytes) },
      overhead: { operations: overheads.length, medianMs: Number(median(overheads).toFixed(2)), diffRpcMedianMs: Number(median(diffs).toFixed(2)) },
      memory: { hostPeakMiB: Number(Math.max(...hosts.map((h) => peakMemoryMiB(h.pid))).toFixed(1)) },
      providerBytesPerType: perType,
      orgUnits,
      users,
      groups,
      export: exported,
    };

    const pad = (s: unknown, n: number) => String(s).padEnd(n);
    console.log(`\npulumi-lineworks benchmark (${result.commit}) — budget ${LIMIT}/window, window ${WINDOW_MS} ms (1 min / ${SCALE}), parallel ${PARALLEL}\n`);
    console.log(`${pad("phase", 8)}${pad("API", 34)}${pad("requests", 10)}${pad("seconds", 9)}${pad("429s", 6)}${pad("ratio (whole windows)", 23)}ratio (raw)`);
    for (const p of phases) {
      console.log(`${pad(p.phase, 8)}${pad(p.api, 34)}${pad(p.requests, 10)}${pad(p.seconds.toFixed(2), 9)}${pad(p.status429, 6)}${pad(p.ratioWholeWindows.toFixed(3), 23)}${p.ratioRaw.toFixed(3)}`);
    }
    for (const r of refreshes) {
      console.log(`${r === refreshes[0] ? "\n" : ""}refresh of ${r.n} positions: ${r.listCalls} list calls, ${r.apiCalls} API calls in all (target <= ${r.target}; one GET per object would be ${r.n}), ${r.found} found, ${r.seconds.toFixed(1)} s wall`);
    }
    console.log(`adoption: ${adoption.n} adopting creates into a domain of ${adoption.n} positions: ${adoption.listCalls} list calls (target <= ${adoption.target}), ${adoption.getCalls} GETs, ${adoption.patches} PATCHes (the ones that differ), ${adoption.seconds.toFixed(1)} s`);
    console.log(`token requests per run: ${result.tokens.perRun} (${tokenRequests} over ${tokenHosts} host processes = ${tokenHosts} runs, one credential set; target 1)`);
    console.log(`__provider: ${result.state.providerBytes} bytes per resource; whole inputs ${result.state.resourceStateBytesMedian} bytes (median)`);
    console.log(`__provider bytes per resource (inputs + outputs), as a user's install writes them: ${Object.entries(result.providerBytesPerType).map(([t, b]) => `${t} ${b.inputsAndOutputs} (0.1.0: ${b.v010InputsAndOutputs || "no such type"})`).join(", ")}`);
    console.log(`provider time per update beyond the HTTP round trip: ${result.overhead.medianMs} ms (median of ${overheads.length}; includes gRPC and the host — a diff RPC, which makes no HTTP call, takes ${result.overhead.diffRpcMedianMs} ms)`);
    console.log(`host peak memory (VmHWM): ${result.memory.hostPeakMiB} MiB`);
    console.log("");
    for (const line of orgUnitLines(orgUnits)) console.log(line);
    console.log("");
    for (const line of userLines(users)) console.log(line);
    console.log("");
    for (const line of groupLines(groups)) console.log(line);
    console.log("");
    for (const line of exportLines(exported)) console.log(line);
    writeResults(result, [`bench-${result.commit}.json`, "latest.json"]);
  } finally {
    for (const h of hosts) await h.stop();
    for (const x of fixtures) await x.emulator.stop();
    removeDir(dir);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
