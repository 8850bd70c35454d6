// Org units in `npm run bench` (tools/bench.ts; `BENCH_ONLY=orgunits` runs this part alone).
// LINE WORKS requires every org-unit write of a domain to be sequential and at least one second
// apart, and the provider enforces that itself. Measured here through @pulumi/pulumi's
// dynamic-provider host against the emulator with its documented limit (240 requests per real
// minute per API; the 1 s rule is never scaled):
// 1. writes: create BENCH_ORGUNITS units (default 100) as a tree of top-level units with up to nine
//    children each, move every child (new parent and displayOrder), delete them all (children
//    first) — issued as the engine would with --parallel, each step once its dependencies are done.
//    Figures per phase from the emulator's log: writes per second against the rule's one per
//    second, 429s; and the emulator's ordering and same-object violations over the whole run.
// 2. refresh: BENCH_ORGUNIT_READS units (default 1000) seeded as a tree, each read by a fresh host
//    (one `pulumi refresh`); list calls against ceil(M/100)+1.
import type { EmulatorOptions } from "../emulator";
import { startFixture, DOMAIN, type Fixture } from "./fixture";
import { Host, urn } from "./host";

type Props = Record<string, any>;

/** Steps in flight at once, like `pulumi up --parallel 16` (shared with tools/bench.ts). */
export const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 16);

/** Runs `jobs` with at most `parallel` in flight, as the engine does (shared with tools/bench.ts). */
export async function pool<T>(items: T[], parallel: number, job: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await job(items[i], i);
      }
    }),
  );
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/**
 * One `pulumi` run against a fresh emulator: the fixture (`opts`, provider `knobs`) and a host
 * configured for it, given to `fn`; both stopped afterwards (shared with tools/bench.ts).
 */
export async function withRun<T>(dir: string, opts: Partial<EmulatorOptions>, knobs: Record<string, string>, fn: (f: Fixture, host: Host) => Promise<T>): Promise<T> {
  const f = await startFixture(opts, knobs);
  try {
    const host = await Host.start({ cwd: dir });
    try {
      await host.configure(f.config);
      return await fn(f, host);
    } finally {
      await host.stop();
    }
  } finally {
    await f.emulator.stop();
  }
}

const N_UNITS = Number(process.env.BENCH_ORGUNITS ?? 100);
const N_READS = Number(process.env.BENCH_ORGUNIT_READS ?? 1000);
/** The documented limit, over the real minute. */
const LIMIT = 240;
/** The rule: one org-unit write per second per domain. */
const RULE_WRITES_PER_SECOND = 1;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const TYPE = "OrgUnit";

/** A settable promise: a step that others wait for (a parent's create, a child's delete). */
function done<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * `n` units as a tree: `ceil(n/10)` top-level units (parents) and the rest as their children,
 * dealt round-robin (100 → 10 parents × 9 children).
 */
function treeShape(n: number): { parents: number; parentOf: number[] } {
  const parents = Math.max(1, Math.ceil(n / 10));
  return { parents, parentOf: Array.from({ length: n - parents }, (_, c) => c % parents) };
}

/** Which logged requests are a phase's writes (POST/PUT/PATCH/DELETE under `pathPrefix`) and the rule's rate. */
export interface WriteSpec {
  pathPrefix: string;
  perSecond: number;
}

const ORG_UNIT_WRITES: WriteSpec = { pathPrefix: "/v1.0/orgunits", perSecond: RULE_WRITES_PER_SECOND };

/** A write phase's figures from the emulator's log (org units here, members in tools/bench-users.ts). */
export interface WritePhase<P extends string = string> {
  phase: P;
  /** Every /v1.0 request of the phase. */
  requests: number;
  /** Write requests (POST/PUT/PATCH/DELETE under the spec's path) the emulator logged, by API. */
  writes: number;
  writesByApi: Record<string, number>;
  /** Other API calls of the phase (lists, member checks), by API. */
  readsByApi: Record<string, number>;
  /** First write's start to last write's start. */
  seconds: number;
  /** (writes - 1) / seconds: the rate between write starts, and that over the rule's rate. */
  writesPerSecond: number;
  ratio: number;
  /** Most write starts within any one second. */
  peakWritesInOneSecond: number;
  /** Closest and median spacing of consecutive write starts. */
  minGapMs: number;
  medianGapMs: number;
  /** The phase as the engine saw it: first step issued to last step answered; writes over it, and over the rule. */
  wallSeconds: number;
  wallWritesPerSecond: number;
  wallRatio: number;
  status429: number;
}

export type OrgUnitPhase = WritePhase<"create" | "move" | "delete">;

function phaseFigures<P extends string>(f: Fixture, phase: P, from: number, wallMs: number, spec: WriteSpec): WritePhase<P> {
  const entries = f.emulator.log.slice(from).filter((e) => e.path.startsWith("/v1.0/"));
  const writes = entries.filter((e) => e.path.startsWith(spec.pathPrefix) && WRITE_METHODS.has(e.method));
  const count = (es: typeof entries) => es.reduce<Record<string, number>>((a, e) => ((a[e.api] = (a[e.api] ?? 0) + 1), a), {});
  const starts = writes.map((e) => e.start).sort((a, b) => a - b);
  const gaps = starts.slice(1).map((s, i) => s - starts[i]);
  const seconds = starts.length ? (starts[starts.length - 1] - starts[0]) / 1000 : 0;
  const writesPerSecond = seconds > 0 ? (writes.length - 1) / seconds : NaN;
  const wallWritesPerSecond = writes.length / (wallMs / 1000);
  let peak = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i] - starts[j] >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return {
    phase,
    requests: entries.length,
    writes: writes.length,
    writesByApi: count(writes),
    readsByApi: count(entries.filter((e) => !writes.includes(e))),
    seconds,
    writesPerSecond,
    ratio: writesPerSecond / spec.perSecond,
    peakWritesInOneSecond: peak,
    minGapMs: gaps.length ? Math.min(...gaps) : NaN,
    medianGapMs: median(gaps),
    wallSeconds: wallMs / 1000,
    wallWritesPerSecond,
    wallRatio: wallWritesPerSecond / spec.perSecond,
    status429: entries.filter((e) => e.status === 429).length,
  };
}

/** Runs `steps` through the pool and returns the phase's figures (writes as `spec` says; org units unless told). */
export async function phase<T, P extends string>(
  f: Fixture,
  name: P,
  items: T[],
  step: (item: T, i: number) => Promise<void>,
  spec: WriteSpec = ORG_UNIT_WRITES,
): Promise<WritePhase<P>> {
  const from = f.emulator.log.length;
  const t0 = Date.now();
  await pool(items, PARALLEL, step);
  return phaseFigures(f, name, from, Date.now() - t0, spec);
}

/** Create, move and delete `n` units through one host (one `pulumi up` each, as the engine drives the provider). */
function writes(dir: string, providerText: string, n: number) {
  return withRun(dir, { rateLimitPerMinute: LIMIT }, { requestsPerMinute: String(LIMIT) }, async (f, host) => {
    const { parents, parentOf } = treeShape(n);
    const units = Array.from({ length: n }, (_, i) => i); // parents first, then children
    const childOf = (i: number) => i - parents; // index into parentOf
    const siblingOrder = (i: number) => (i < parents ? i + 1 : Math.floor(childOf(i) / parents) + 1);
    const name = (i: number) => urn(TYPE, `u${i}`);
    const state: { id: string; inputs: Props; outputs: Props }[] = new Array(n);
    const created = units.map(() => done<string>());

    /** Check (as the engine does before every create and update), failing on any failure. */
    const checked = async (i: number, olds: Props, news: Props) => {
      const r = await host.check(name(i), olds, news);
      if (r.failures.length) throw new Error(`check of unit ${i} failed: ${JSON.stringify(r.failures)}`);
      return r.inputs;
    };

    // Create: a child's parentOrgUnitId is its parent's output, so its steps wait for the parent's create.
    const create = await phase(f, "create", units, async (i) => {
      const parentOrgUnitId = i < parents ? null : await created[parentOf[childOf(i)]].promise;
      const inputs = await checked(i, {}, { __provider: providerText, domainId: DOMAIN, orgUnitName: `Bench unit ${i}`, displayOrder: siblingOrder(i), parentOrgUnitId });
      const r = await host.create(name(i), inputs);
      state[i] = { id: r.id, inputs, outputs: r.properties };
      created[i].resolve(r.id);
    });
    const afterCreate = f.emulator.objects("orgUnits", DOMAIN).length;

    // Move every child under the next parent (itself when there is one parent), after the siblings there.
    const children = units.slice(parents);
    const newParentOf = (i: number) => (parentOf[childOf(i)] + 1) % parents;
    const move = await phase(f, "move", children, async (i) => {
      const news = await checked(i, state[i].inputs, { ...state[i].inputs, parentOrgUnitId: state[newParentOf(i)].id, displayOrder: siblingOrder(i) + 100 });
      const d = await host.diff(state[i].id, name(i), state[i].outputs, news);
      if (d.changes !== "some" || d.replaces.length) throw new Error(`unit ${i}: the move diffs as ${d.changes}, replacing [${d.replaces}]`);
      const r = await host.update(state[i].id, name(i), state[i].outputs, news);
      state[i] = { ...state[i], inputs: news, outputs: r.properties };
    });
    const live = new Map(f.emulator.objects("orgUnits", DOMAIN).map((o: Props) => [o.orgUnitId, o]));
    const movedAsDeclared = children.filter((i) => {
      const o = live.get(state[i].id);
      return o?.parentOrgUnitId === state[newParentOf(i)].id && o?.displayOrder === siblingOrder(i) + 100;
    }).length;

    // Delete: the engine deletes dependents first, so a parent waits for the units now under it.
    const deleted = units.map(() => done());
    const under = (p: number) => children.filter((c) => newParentOf(c) === p);
    const del = await phase(f, "delete", [...children, ...units.slice(0, parents)], async (i) => {
      if (i < parents) await Promise.all(under(i).map((c) => deleted[c].promise));
      await host.delete(state[i].id, name(i), state[i].outputs);
      deleted[i].resolve();
    });

    return {
      n,
      tree: { topLevel: parents, children: children.length },
      parallel: PARALLEL,
      phases: [create, move, del],
      orderingViolations: f.emulator.orderingViolations.length,
      sameObjectViolations: f.emulator.violations.length,
      violationSamples: [...f.emulator.orderingViolations, ...f.emulator.violations].slice(0, 5),
      unitsAfterCreate: afterCreate,
      movedAsDeclared,
      unitsAfterDelete: f.emulator.objects("orgUnits", DOMAIN).length,
    };
  });
}

/** A fresh emulator holding `m` units as a tree and a fresh host reading them all, as `pulumi refresh` does. */
function refresh(dir: string, providerText: string, m: number) {
  return withRun(dir, { rateLimitPerMinute: LIMIT }, { requestsPerMinute: String(LIMIT) }, async (f, host) => {
    const { parents, parentOf } = treeShape(m);
    const seeded: Props[] = [];
    for (let i = 0; i < m; i++) {
      const parentOrgUnitId = i < parents ? null : seeded[parentOf[i - parents]].orgUnitId;
      seeded.push(f.emulator.seed("orgUnits", { domainId: DOMAIN, orgUnitName: `Seeded unit ${i}`, displayOrder: i + 1, parentOrgUnitId }));
    }
    const tree = { topLevel: parents, children: m - parents };
    return { m, tree, ...(await readEach(f, host, providerText, seeded, { type: TYPE, idField: "orgUnitId", listPath: "/v1.0/orgunits" }, (o, r) => r.properties.parentOrgUnitId === o.parentOrgUnitId)) };
  });
}

/**
 * Each of `seeded` read by `host` (a fresh one: one `pulumi refresh`), PARALLEL at once; from the
 * emulator's log: list calls (GET `listPath`) against ceil(M/100)+1, API calls, token requests,
 * 429s, and the objects found (same ID, and `matches`). Shared with tools/bench-users.ts.
 */
export async function readEach(
  f: Fixture,
  host: Host,
  providerText: string,
  seeded: Props[],
  what: { type: string; idField: string; listPath: string },
  matches: (seeded: Props, read: { properties: Props }) => boolean,
) {
  const from = f.emulator.log.length;
  const t0 = Date.now();
  let found = 0;
  await pool(seeded, PARALLEL, async (o, i) => {
    const id = o[what.idField];
    const r = await host.read(id, urn(what.type, `s${i}`), { __provider: providerText, domainId: DOMAIN, [what.idField]: id });
    if (r.id === id && matches(o, r)) found++;
  });
  const seconds = (Date.now() - t0) / 1000;
  const log = f.emulator.log.slice(from);
  const api = log.filter((e) => e.path.startsWith("/v1.0/"));
  return {
    listCalls: api.filter((e) => e.method === "GET" && e.path === what.listPath).length,
    /** Every /v1.0 request; the token endpoint (not under /v1.0) is counted apart. */
    apiCalls: api.length,
    tokenRequests: log.filter((e) => e.path.endsWith("/oauth2/v2.0/token")).length,
    status429: log.filter((e) => e.status === 429).length,
    found,
    target: Math.ceil(seeded.length / 100) + 1,
    seconds,
  };
}

export type OrgUnitBench = Awaited<ReturnType<typeof orgUnitBench>>;

/** Both parts, with the OrgUnit `__provider` text a program registered (from `dir`, a program directory). */
export async function orgUnitBench(dir: string, providerText: string) {
  return {
    budget: { limitPerMinute: LIMIT, windowMs: 60_000, rule: "one org-unit write per second per domain, in order" },
    writes: await writes(dir, providerText, N_UNITS),
    refresh: await refresh(dir, providerText, N_READS),
  };
}

/** The figures as a few lines for the console. */
export function orgUnitLines(r: OrgUnitBench): string[] {
  const w = r.writes;
  const phaseText = (p: OrgUnitPhase) =>
    `${p.phase} ${p.writes} writes in ${p.seconds.toFixed(1)} s = ${p.writesPerSecond.toFixed(3)} writes/s ` +
    `(ratio ${p.ratio.toFixed(3)} to the 1/s rule; over the wall time ${p.wallSeconds.toFixed(1)} s: ${p.wallWritesPerSecond.toFixed(3)}), ` +
    `spacing min ${p.minGapMs} ms / median ${p.medianGapMs} ms, ${p.status429} 429s`;
  const others = (p: OrgUnitPhase) => Object.entries(p.readsByApi).map(([api, k]) => `${k} ${api}`).join(", ") || "none";
  const x = r.refresh;
  return [
    `org units (real minute, ${r.budget.limitPerMinute}/min per API; rule: 1 write/s per domain, in order; parallel ${w.parallel}; ` +
      `${w.n} units = ${w.tree.topLevel} top-level × up to ${Math.ceil(w.tree.children / w.tree.topLevel)} children):`,
    ...w.phases.map((p) => `  ${phaseText(p)}; other calls: ${others(p)}`),
    `  ordering violations ${w.orderingViolations} (target 0), same-object violations ${w.sameObjectViolations}; ` +
      `units after create ${w.unitsAfterCreate}/${w.n}, moved as declared ${w.movedAsDeclared}/${w.tree.children}, left after delete ${w.unitsAfterDelete}`,
    ...w.violationSamples.map((v) => `    ${v}`),
    `  refresh of ${x.m} units (${x.tree.topLevel} top-level, ${x.tree.children} children): ${x.listCalls} list calls (target <= ${x.target}; one GET per unit would be ${x.m}), ` +
      `${x.apiCalls} API calls in all (the token endpoint apart: ${x.tokenRequests}), ${x.status429} 429s, ${x.found}/${x.m} found with their parent, ${x.seconds.toFixed(1)} s wall`,
  ];
}
