// Scale in `npm run bench` (tools/bench.ts; `BENCH_ONLY=scale` runs this part alone): a company of
// 1,000, 10,000 and 30,000 members (BENCH_SCALE=1000,10000,30000) in one stack, its members as one
// resource each beside the same members in rosters (BENCH_SCALE_ROSTERS per domain, default 16;
// BENCH_SCALE_LAYOUTS=members,rosters chooses). For each size a tenant is seeded in the emulator
// (tools/seed-tenant.ts: 50 units, 10 groups, positions, levels, ...) and exported as a spec (as
// `pulumi-lineworks export` does); a program declares one Directory over it, and through the
// engine stand-in (tools/engine.ts, @pulumi/pulumi's own dynamic-provider host against the
// emulator at its documented limits, real minute):
// - the first `up` adopts the tenant (lineworks:adoptExisting): resources in the stack, API calls
//   by API, writes (must be 0), wall time;
// - the state: the checkpoint Pulumi would write (tools/checkpoint.ts), bytes per member, and what
//   a DIY backend writes during that first `up` (two whole-snapshot saves per step) and copies to
//   `.bak`;
// - a no-change preview: RPCs to the host by method, wall time, every step the same;
// - a refresh: a fresh host reads every resource of the state (as `pulumi refresh` does, PARALLEL
//   at once): API calls against the floor ceil(N/100) member list pages.
// BENCH_SCALE_MEMBER_MAX (default 10000): above it the per-member layout is not run through the
// host (it would take hours); its figures are then derived from the largest measured size, each
// marked `derived` with how. The roster layout is always measured.
// BENCH_SCALE_REUSE=<results file>[,<file>...]: rows those files measured (a layout at a size) are taken from it
// instead of run again, marked with the file's name — for the per-member runs of an hour or more.
import * as fs from "node:fs";
import * as path from "node:path";
import { clientFor } from "../provider/client";
import { exportSpec } from "../provider/export";
import { checkpointOf, diyWrites, resourceV3, type DiyWrites } from "./checkpoint";
import { pool, PARALLEL } from "./bench-orgunits";
import { runEngine, type EngineRun } from "./engine";
import { DOMAIN, startFixture, type Fixture } from "./fixture";
import { Host } from "./host";
import { makeProgramDir, removeDir } from "./install";
import { seedTenant } from "./seed-tenant";

const SIZES = String(process.env.BENCH_SCALE ?? "1000,10000,30000").split(",").map(Number);
const ROSTERS = Number(process.env.BENCH_SCALE_ROSTERS ?? 16);
const LAYOUTS = String(process.env.BENCH_SCALE_LAYOUTS ?? "members,rosters").split(",") as Layout[];
const MEMBER_MAX = Number(process.env.BENCH_SCALE_MEMBER_MAX ?? 10_000);
const PROJECT = "lineworks-test";
const HOURS = 6 * 3600_000;
const REUSE = process.env.BENCH_SCALE_REUSE;
/** The resource types that hold members: one User each, or a UserRoster of many. */
const MEMBER_TYPES = ["User", "UserRoster"];
/**
 * Heap of the engine stand-in and the host (BENCH_SCALE_HEAP_MB): the stand-in holds the whole
 * stack in one Node process, and 10,000 member resources outgrow Node's default heap (about 4 GB).
 * Both layouts get the same.
 */
const HEAP_MB = Number(process.env.BENCH_SCALE_HEAP_MB ?? 12_288);

type Layout = "members" | "rosters";

const program = (layout: Layout) => `
const d = new lineworks.Directory("org", { spec: require("path").join(process.cwd(), "org.json")${layout === "rosters" ? `, rosters: ${ROSTERS}` : ""} });
`;

const isApi = (e: { path: string }) => e.path.startsWith("/v1.0/");
const byApi = (xs: { api: string }[]) => xs.reduce<Record<string, number>>((a, e) => ((a[e.api] = (a[e.api] ?? 0) + 1), a), {});
const count = <T extends string>(xs: T[]) => xs.reduce<Record<string, number>>((a, x) => ((a[x] = (a[x] ?? 0) + 1), a), {});
const seconds = (t0: number) => Number(((Date.now() - t0) / 1000).toFixed(1));

/** API calls since log entry `from`: by API, in all, writes (anything but a GET; the token endpoint apart). */
function apiCalls(f: Fixture, from: number) {
  const api = f.emulator.log.slice(from).filter(isApi);
  return {
    calls: api.length,
    byApi: byApi(api),
    memberListPages: api.filter((e) => e.api === "GET /users").length,
    writes: api.filter((e) => e.method !== "GET").length,
    status429: f.emulator.log.slice(from).filter((e) => e.status === 429).length,
  };
}

/** `pulumi refresh`: a fresh host reads every resource of `run`'s state. */
async function refresh(f: Fixture, dir: string, run: EngineRun) {
  const host = await Host.start({ cwd: dir, project: PROJECT });
  try {
    await host.configure(f.config);
    const from = f.emulator.log.length;
    const t0 = Date.now();
    const entries = Object.entries(run.state.resources);
    let found = 0;
    await pool(entries, PARALLEL, async ([urn, r]) => {
      const read = await host.read(r.id, urn, r.outputs, r.inputs);
      if (read.id === r.id) found++;
    });
    return { resources: entries.length, found, ...apiCalls(f, from), seconds: seconds(t0) };
  } finally {
    await host.stop();
  }
}

interface Measured {
  layout: Layout;
  members: number;
  measured: true;
  /** The results file this row was measured in, when taken from an earlier run (BENCH_SCALE_REUSE). */
  reusedFrom?: string;
  resources: { total: number; byType: Record<string, number> };
  adoption: ReturnType<typeof apiCalls> & { steps: Record<string, number>; errors: string[]; seconds: number };
  state: { checkpointBytes: number; bytesPerMember: number; memberResourceBytesPerMember: number; diy: DiyWrites };
  preview: { rpcs: Record<string, number>; rpcTotal: number; steps: Record<string, number>; errors: string[]; seconds: number };
  refresh: Awaited<ReturnType<typeof refresh>>;
}
interface Derived {
  layout: Layout;
  members: number;
  measured: false;
  how: string;
  resources: { total: number };
  state: { checkpointBytes: number; bytesPerMember: number; memberResourceBytesPerMember: number; diy: DiyWrites };
  preview: { rpcTotal: number; seconds: number };
  adoption: { writes: number; memberListPages: number; calls: number };
  refresh: { memberListPages: number; calls: number };
}
/** A layout whose run failed: what failed, so the table says so instead of leaving the size out. */
interface Failed {
  layout: Layout;
  members: number;
  measured: false;
  failed: string;
}
export type ScaleRow = Measured | Derived | Failed;
const figures = (r: ScaleRow): r is Measured | Derived => !("failed" in r);

/** One layout over the seeded tenant in `f`: adoption, state, preview, refresh. */
async function measure(f: Fixture, dir: string, layout: Layout, members: number, log: (s: string) => void): Promise<Measured> {
  const config = { ...f.config, "lineworks:adoptExisting": "true" };
  const engine = (mode: "up" | "preview", state?: EngineRun["state"]) =>
    runEngine({ dir, program: { body: program(layout) }, mode, state, config, env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` }, project: PROJECT, timeoutMs: HOURS });
  log(`  ${layout}: first up by adoption`);
  let from = f.emulator.log.length;
  let t0 = Date.now();
  const up = await engine("up");
  const adoption = { ...apiCalls(f, from), steps: count(up.steps.map((s) => s.op)), errors: up.errors.slice(0, 5), seconds: seconds(t0) };
  if (up.errors.length) throw new Error(`${layout} at ${members}: the first up failed: ${up.errors.slice(0, 3).join("\n")}`);
  const checkpoint = checkpointOf(PROJECT, up);
  const types = count(Object.values(up.state.resources).map((r) => r.type.split(":").pop()!));
  // The members' own resources (User, or UserRoster) as the checkpoint holds them.
  const memberBytes = Object.entries(up.state.resources)
    .filter(([, r]) => MEMBER_TYPES.includes(r.type.split(":").pop()!))
    .reduce((n, [urn, r]) => n + Buffer.byteLength(JSON.stringify(resourceV3(PROJECT, urn, r))), 0);

  log(`  ${layout}: no-change preview`);
  t0 = Date.now();
  const preview = await engine("preview", up.state);
  const previewFigures = {
    rpcs: preview.rpcs,
    rpcTotal: Object.values(preview.rpcs).reduce((a, b) => a + b, 0),
    steps: count(preview.steps.map((s) => s.op)),
    errors: preview.errors.slice(0, 5),
    seconds: seconds(t0),
  };
  log(`  ${layout}: refresh`);
  from = f.emulator.log.length;
  const refreshed = await refresh(f, dir, up);
  return {
    layout,
    members,
    measured: true,
    resources: { total: checkpoint.resources, byType: types },
    adoption,
    state: {
      checkpointBytes: checkpoint.bytes,
      bytesPerMember: Math.round(checkpoint.bytes / members),
      memberResourceBytesPerMember: Math.round(memberBytes / members),
      diy: diyWrites(PROJECT, up),
    },
    preview: previewFigures,
    refresh: refreshed,
  };
}

/**
 * The per-member layout at a size too large to run, from the largest measured size `m`: the
 * stack's other resources are the same; state grows by `m`'s bytes per member; DIY writes follow
 * the measured sum scaled by (N/m)² (two whole-snapshot saves per step; the unit test of
 * tools/checkpoint.ts shows the square); preview RPCs are two per resource, and its time scales
 * with them; API calls at the measured calls per member list page.
 */
function derive(m: Measured, members: number): Derived {
  const k = members / m.members;
  const others = m.resources.total - m.members;
  const stateBytes = m.state.checkpointBytes + (members - m.members) * m.state.bytesPerMember;
  const sq = (x: number) => Math.round(x * k * k);
  const rpcTotal = m.preview.rpcTotal + 2 * (members - m.members);
  return {
    layout: "members",
    members,
    measured: false,
    how: `derived from the ${m.members}-member run: resources + ${members - m.members} members; state + ${m.state.bytesPerMember} bytes per member; DIY writes × (${members}/${m.members})²; preview RPCs 2 per resource, time in proportion; member list pages ceil(N/100)`,
    resources: { total: others + members },
    state: {
      checkpointBytes: stateBytes,
      bytesPerMember: m.state.bytesPerMember,
      memberResourceBytesPerMember: m.state.memberResourceBytesPerMember,
      diy: { saves: m.state.diy.saves + 2 * (members - m.members), bytes: sq(m.state.diy.bytes), bakBytes: sq(m.state.diy.bakBytes), finalBytes: stateBytes, peakBytes: stateBytes },
    },
    preview: { rpcTotal, seconds: Number(((m.preview.seconds * rpcTotal) / m.preview.rpcTotal).toFixed(1)) },
    adoption: { writes: 0, memberListPages: Math.ceil(members / 100), calls: m.adoption.calls - m.adoption.memberListPages + Math.ceil(members / 100) },
    refresh: { memberListPages: Math.ceil(members / 100), calls: m.refresh.calls - m.refresh.memberListPages + Math.ceil(members / 100) },
  };
}

/** A tenant of `members` seeded and exported to `dir`/org.json. */
async function seedAndExport(f: Fixture, dir: string, members: number) {
  seedTenant(f.emulator, { domainId: DOMAIN, members, units: 50, groups: 10 });
  const result = await exportSpec(clientFor(f.settings()), { domainId: DOMAIN });
  fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(result.spec));
  return { specBytes: fs.statSync(path.join(dir, "org.json")).size };
}

export interface Goal {
  goal: string;
  target: string;
  value: string;
  pass: boolean;
}

/** Issue 24's goals for 10,000 members (else the size nearest it) in rosters, against members. */
function goals(rows: ScaleRow[]): Goal[] {
  const at = SIZES.includes(10_000) ? 10_000 : SIZES[SIZES.length - 1];
  const m = rows.find((r) => r.layout === "members" && r.members === at);
  const r = rows.find((r) => r.layout === "rosters" && r.members === at) as Measured | undefined;
  if (!m || !r || !figures(m) || !figures(r)) return [];
  const floor = Math.ceil(at / 100);
  return [
    // Checkpoint bytes: what the backend writes to keep the state during the first up (the N² cost);
    // the state itself holds every member's declared fields either way, so it is shown beside.
    {
      goal: `checkpoint bytes a DIY backend writes for the first up at ${at} members`,
      target: "<= 1/100 of per-member",
      value: `${mb(r.state.diy.bytes)} vs ${mb(m.state.diy.bytes)} = 1/${(m.state.diy.bytes / r.state.diy.bytes).toFixed(0)} (the state itself: ${mb(r.state.checkpointBytes)} vs ${mb(m.state.checkpointBytes)} = 1/${(m.state.checkpointBytes / r.state.checkpointBytes).toFixed(1)})`,
      pass: r.state.diy.bytes * 100 <= m.state.diy.bytes,
    },
    { goal: `no-change preview at ${at} members`, target: ">= 10x faster than per-member", value: `${r.preview.seconds} s vs ${m.preview.seconds} s = ${(m.preview.seconds / r.preview.seconds).toFixed(1)}x`, pass: m.preview.seconds >= 10 * r.preview.seconds },
    { goal: `refresh at ${at} members`, target: `member list pages = ceil(N/100) = ${floor}`, value: `${r.refresh.memberListPages} pages, ${r.refresh.calls} API calls in all`, pass: r.refresh.memberListPages === floor },
    { goal: `adoption at ${at} members`, target: "writes nothing", value: `${r.adoption.writes} writes, ${r.adoption.memberListPages} member list pages, ${r.adoption.calls} API calls in all`, pass: r.adoption.writes === 0 },
  ];
}

export type ScaleBench = Awaited<ReturnType<typeof scaleBench>>;

export async function scaleBench(log: (s: string) => void = (s) => console.error(s)) {
  const rows: ScaleRow[] = [];
  const specs: Record<number, number> = {};
  const earlier: Measured[] = (REUSE ? REUSE.split(",") : []).flatMap((file) =>
    JSON.parse(fs.readFileSync(file, "utf8")).scale.rows.filter((r: ScaleRow) => r.measured).map((r: Measured) => ({ ...r, reusedFrom: r.reusedFrom ?? path.basename(file) })),
  );
  for (const members of SIZES) {
    const f = await startFixture();
    const dir = makeProgramDir(`bench-scale-${members}`);
    try {
      log(`scale: ${members} members`);
      let seeded = false;
      for (const layout of LAYOUTS) {
        const reused = earlier.find((r) => r.layout === layout && r.members === members);
        if (reused) {
          rows.push(reused);
          continue;
        }
        if (layout === "members" && members > MEMBER_MAX) {
          const base = rows.filter((r): r is Measured => r.layout === "members" && r.measured).pop();
          if (base) rows.push(derive(base, members));
          continue;
        }
        if (!seeded) specs[members] = (await seedAndExport(f, dir, members)).specBytes;
        seeded = true;
        // A failed run is a figure too (at 30,000 members, say): recorded, and the next one runs.
        rows.push(await measure(f, dir, layout, members, log).catch((e: Error) => ({ layout, members, measured: false as const, failed: e.message.split("\n")[0] })));
      }
    } finally {
      await f.emulator.stop();
      removeDir(dir);
    }
  }
  return { sizes: SIZES, rosters: ROSTERS, memberMax: MEMBER_MAX, parallel: PARALLEL, heapMb: HEAP_MB, specBytes: specs, rows, goals: goals(rows) };
}

const mb = (n: number) => (n >= 1e12 ? `${(n / 1e12).toFixed(2)} TB` : n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`);

/** The figures as a table and the goals, for the console. */
export function scaleLines(r: ScaleBench): string[] {
  const pad = (s: unknown, n: number) => String(s).padEnd(n);
  const head = ["members", "layout", "resources", "state", "per member", "member res./m", "DIY first up", ".bak copies", "saves", "preview RPCs", "preview s", "adopt calls/writes", "refresh calls (users pages)"];
  const widths = [9, 9, 11, 10, 12, 15, 14, 13, 8, 14, 11, 20, 28];
  const line = (cells: unknown[]) => cells.map((c, i) => pad(c, widths[i])).join("").trimEnd();
  const out = [`scale (one Directory over a seeded tenant, adoptExisting; rosters: ${r.rosters} per domain; * = derived, not run; + = measured in an earlier run):`, line(head)];
  for (const x of r.rows) {
    if (!figures(x)) {
      out.push(line([x.members, x.layout, `FAILED: ${x.failed}`]));
      continue;
    }
    const star = x.measured ? (x.reusedFrom ? "+" : "") : "*";
    out.push(line([x.members, x.layout + star, x.resources.total, mb(x.state.checkpointBytes), x.state.bytesPerMember, x.state.memberResourceBytesPerMember ?? "-", mb(x.state.diy.bytes), mb(x.state.diy.bakBytes), x.state.diy.saves,
      x.preview.rpcTotal, x.preview.seconds, `${x.adoption.calls}/${x.adoption.writes}`, `${x.refresh.calls} (${x.refresh.memberListPages})`]));
  }
  for (const x of r.rows) if (figures(x) && !x.measured) out.push(`  * ${x.members} ${x.layout}: ${x.how}`);
  for (const x of r.rows) if (figures(x) && x.measured && x.reusedFrom) out.push(`  + ${x.members} ${x.layout}: measured in an earlier run, ${x.reusedFrom}`);
  if (r.goals.length) out.push("goals (issue 24, rosters against members):");
  for (const g of r.goals) out.push(`  ${g.pass ? "PASS" : "FAIL"}  ${g.goal}: ${g.target} — ${g.value}`);
  return out;
}
