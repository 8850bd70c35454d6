// Members (User) in `npm run bench` (tools/bench.ts; `BENCH_ONLY=users` runs this part alone).
// LINE WORKS recommends at most 10 member creates per second per domain, and the provider keeps
// to that itself (TEN_WRITES_PER_SECOND in provider/ordering.ts, creates only); other member
// writes go at the per-API budget. Measured through @pulumi/pulumi's dynamic-provider host against
// the emulator with the documented limit (240 requests per minute per API, the minute scaled like
// the position part: BENCH_TIME_SCALE; the 10/s rule is never scaled):
// 1. writes: create BENCH_USERS members (default 1000), each in one of ten seeded units, with a
//    private email for the invitation (no SSO, LINE WORKS' default passwordConfig MEMBER); a check
//    before each create, as the engine does, then update them all (a new task and a transfer to
//    the next unit: one PATCH each). Per phase from the emulator's log: requests, seconds, writes
//    per second against the binding limit (creates: the smaller of 10/s and the scaled per-API
//    budget; updates: the budget), creates and updates per second side by side,
//    429s, ordering and same-object violations, members live as declared, API calls per member.
// 2. refresh: BENCH_USER_READS members (default 1000) seeded, each read by a fresh host (one
//    `pulumi refresh`); list calls against ceil(M/100)+1.
// 3. state: bytes of inputs + outputs per member as the state stores them, and `__provider`
//    bytes per resource of every type (given by tools/bench.ts) against 1 KB.
import { DOMAIN, type Fixture } from "./fixture";
import { urn, type Host } from "./host";
import { median, phase, readEach, withRun, PARALLEL, type WritePhase, type WriteSpec } from "./bench-orgunits";

type Props = Record<string, any>;

const N_USERS = Number(process.env.BENCH_USERS ?? 1000);
const N_READS = Number(process.env.BENCH_USER_READS ?? 1000);
/** Seeded units the members are spread over. */
const N_UNITS = 10;
/** LINE WORKS' member rule: at most 10 member creates per second per domain (never scaled). */
const RULE_CREATES_PER_SECOND = 10;
const TYPE = "User";

/** The per-API budget as tools/bench.ts runs it: `limit` requests per `windowMs` (1 min / `scale`). */
export interface Budget {
  limit: number;
  windowMs: number;
  scale: number;
}

export type ProviderBytes = Record<string, { text: number; inputsAndOutputs: number; v010InputsAndOutputs: number }>;

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
const name = (i: number) => urn(TYPE, `m${i}`);
const email = (i: number) => `bench.member${i}@example.com`;

function seedUnits(f: Fixture): string[] {
  return Array.from({ length: N_UNITS }, (_, i) => f.emulator.seed("orgUnits", { domainId: DOMAIN, orgUnitName: `Bench unit ${i}`, displayOrder: i + 1 }).orgUnitId);
}

/** One run (withRun) against an emulator enforcing `budget`, and a provider configured for it. */
function scaledRun<T>(dir: string, budget: Budget, fn: (f: Fixture, host: Host) => Promise<T>): Promise<T> {
  const opts = { rateLimitPerMinute: budget.limit, rateWindowMs: budget.windowMs };
  return withRun(dir, opts, { requestsPerMinute: String(budget.limit), rateWindowMs: String(budget.windowMs) }, fn);
}

/** A member's organizations: the primary domain, one primary unit. */
const organizations = (orgUnitId: string) => [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId, primary: true }] }];

/** Members whose live record (emulator) has the declared email, task and primary unit. */
function liveAsDeclared(f: Fixture, declared: { id: string; inputs: Props }[]): number {
  const live = new Map(f.emulator.objects("users", DOMAIN).map((o: Props) => [o.userId, o]));
  return declared.filter(({ id, inputs }) => {
    const o = live.get(id);
    return (
      o?.email === inputs.email &&
      o?.isDeleted === false &&
      (o?.task ?? undefined) === inputs.task &&
      o?.organizations?.[0]?.orgUnits?.[0]?.orgUnitId === inputs.organizations[0].orgUnits[0].orgUnitId
    );
  }).length;
}

/** Create, then update, `n` members through one host (one `pulumi up` each). */
function writes(dir: string, providerText: string, n: number, budget: Budget) {
  const budgetPerSecond = budget.limit / (budget.windowMs / 1000);
  const spec: WriteSpec = { pathPrefix: "/v1.0/users", perSecond: Math.min(RULE_CREATES_PER_SECOND, budgetPerSecond) };
  // Updates are not under the create rule: the per-API budget binds them.
  const updateSpec: WriteSpec = { pathPrefix: "/v1.0/users", perSecond: budgetPerSecond };
  return scaledRun(dir, budget, async (f, host) => {
    const units = seedUnits(f);
    const members = Array.from({ length: n }, (_, i) => i);
    const state: { id: string; inputs: Props; outputs: Props }[] = new Array(n);
    /** Check (as the engine does before every create and update), failing on any failure. */
    const checked = async (i: number, olds: Props, news: Props) => {
      const r = await host.check(name(i), olds, news);
      if (r.failures.length) throw new Error(`check of member ${i} failed: ${JSON.stringify(r.failures)}`);
      return r.inputs;
    };

    const create = await phase(f, "create", members, async (i) => {
      const declared = { __provider: providerText, domainId: DOMAIN, email: email(i), privateEmail: `member${i}@home.example.net`, userName: { lastName: "Bench", firstName: `Member ${i}` }, organizations: organizations(units[i % N_UNITS]) };
      const inputs = await checked(i, {}, declared);
      const r = await host.create(name(i), inputs);
      state[i] = { id: r.id, inputs, outputs: r.properties };
    }, spec);
    const afterCreate = { violations: f.emulator.orderingViolations.length, liveAsDeclared: liveAsDeclared(f, state) };
    const stateBytes = state.map((s) => ({ inputs: bytes(s.inputs), outputs: bytes(s.outputs) }));

    // Update: a new task and a transfer to the next unit, one PATCH each.
    const update = await phase(f, "update", members, async (i) => {
      const news = await checked(i, state[i].inputs, { ...state[i].inputs, task: `Task ${i}`, organizations: organizations(units[(i + 1) % N_UNITS]) });
      const d = await host.diff(state[i].id, name(i), state[i].outputs, news);
      if (d.changes !== "some" || d.replaces.length) throw new Error(`member ${i}: the update diffs as ${d.changes}, replacing [${d.replaces}]`);
      const r = await host.update(state[i].id, name(i), state[i].outputs, news);
      state[i] = { ...state[i], inputs: news, outputs: r.properties };
    }, updateSpec);

    /**
     * Beside the phase's figures: API calls per member, and the writes over the whole seconds they
     * took (first start to one second after the last: the rule's windows, so the free first
     * burst of ten does not count as speed), over the binding limit.
     */
    const more = (p: WritePhase, binding: WriteSpec) => {
      const windowedWritesPerSecond = p.writes / (p.seconds + 1);
      return { ...p, apiCallsPerMember: p.requests / n, windowedWritesPerSecond, bindingPerSecond: binding.perSecond, windowedRatio: windowedWritesPerSecond / binding.perSecond };
    };
    const phases = [more(create, spec), more(update, updateSpec)];
    return {
      n,
      units: N_UNITS,
      parallel: PARALLEL,
      /** The creates' binding limit: the smaller of the member rule and the (scaled) per-API budget, per second. */
      bindingPerSecond: spec.perSecond,
      budgetPerSecond,
      phases,
      /** Member creates and updates per second over the whole seconds they took, side by side. */
      createsPerSecond: phases[0].windowedWritesPerSecond,
      updatesPerSecond: phases[1].windowedWritesPerSecond,
      orderingViolations: f.emulator.orderingViolations.length,
      orderingViolationsAfterCreate: afterCreate.violations,
      sameObjectViolations: f.emulator.violations.length,
      violationSamples: [...f.emulator.orderingViolations, ...f.emulator.violations].slice(0, 5),
      liveAsDeclaredAfterCreate: afterCreate.liveAsDeclared,
      liveAsDeclaredAfterUpdate: liveAsDeclared(f, state),
      stateBytes: {
        inputsMedian: median(stateBytes.map((b) => b.inputs)),
        outputsMedian: median(stateBytes.map((b) => b.outputs)),
        perMemberMedian: median(stateBytes.map((b) => b.inputs + b.outputs)),
      },
    };
  });
}

/** A fresh emulator holding `m` members and a fresh host reading them all, as `pulumi refresh` does. */
function refresh(dir: string, providerText: string, m: number, budget: Budget) {
  return scaledRun(dir, budget, async (f, host) => {
    const units = seedUnits(f);
    const seeded = Array.from({ length: m }, (_, i) =>
      f.emulator.seed("users", { domainId: DOMAIN, email: `seeded.member${i}@example.com`, userName: { lastName: "Seeded", firstName: `Member ${i}` }, organizations: organizations(units[i % N_UNITS]) }),
    );
    return { m, ...(await readEach(f, host, providerText, seeded, { type: TYPE, idField: "userId", listPath: "/v1.0/users" }, (o, r) => r.properties.email === o.email)) };
  });
}

export type UserBench = Awaited<ReturnType<typeof userBench>>;

/**
 * All three parts, with the User `__provider` text a program registered (from `dir`, a program
 * directory); `providerBytesPerType` measures that text for every type as a user's install writes it.
 */
export async function userBench(dir: string, providerText: string, budget: Budget, providerBytesPerType: () => Promise<ProviderBytes>) {
  const w = await writes(dir, providerText, N_USERS, budget);
  const perType = await providerBytesPerType();
  return {
    budget: { limitPerWindow: budget.limit, windowMs: budget.windowMs, timeScale: budget.scale, rule: `at most ${RULE_CREATES_PER_SECOND} member creates per second per domain (never scaled); other writes at the per-API budget` },
    writes: w,
    refresh: await refresh(dir, providerText, N_READS, budget),
    state: {
      ...w.stateBytes,
      providerBytes: Buffer.byteLength(providerText),
      per10000Members: w.stateBytes.perMemberMedian * 10_000,
      providerBytesPerType: perType,
      providerTextAtMost1KiB: Object.values(perType).every((b) => b.text <= 1024),
    },
  };
}

/** The figures as a few lines for the console. */
export function userLines(r: UserBench): string[] {
  const w = r.writes;
  const phaseText = (p: UserBench["writes"]["phases"][number]) =>
    `${p.phase} ${p.writes} writes (${Object.entries(p.writesByApi).map(([api, k]) => `${k} ${api}`).join(", ")}) in ${p.seconds.toFixed(1)} s: ` +
    `${p.windowedWritesPerSecond.toFixed(2)} writes/s over the whole seconds = ratio ${p.windowedRatio.toFixed(3)} to the binding ${p.bindingPerSecond}/s ` +
    `(between first and last start ${p.writesPerSecond.toFixed(2)}/s; over the wall time ${p.wallSeconds.toFixed(1)} s ${p.wallWritesPerSecond.toFixed(2)}/s), ` +
    `at most ${p.peakWritesInOneSecond} in any second, ${p.status429} 429s; ${p.requests} requests = ${p.apiCallsPerMember.toFixed(2)} API calls per member` +
    (Object.keys(p.readsByApi).length ? ` (other calls: ${Object.entries(p.readsByApi).map(([api, k]) => `${k} ${api}`).join(", ")})` : "");
  const x = r.refresh;
  const s = r.state;
  return [
    `members (${r.budget.limitPerWindow}/window per API, window ${r.budget.windowMs} ms = 1 min / ${r.budget.timeScale}, i.e. ${w.budgetPerSecond}/s; ` +
      `rule: 10 member creates/s per domain, never scaled; binding ${w.bindingPerSecond}/s for creates, ${w.budgetPerSecond}/s for updates; parallel ${w.parallel}; ${w.n} members in ${w.units} units):`,
    ...w.phases.map((p) => `  ${phaseText(p)}`),
    `  member creates ${w.createsPerSecond.toFixed(2)}/s, member updates ${w.updatesPerSecond.toFixed(2)}/s (over the whole seconds each took)`,
    `  ordering violations ${w.orderingViolations} (target 0), same-object violations ${w.sameObjectViolations} (target 0); ` +
      `live as declared after create ${w.liveAsDeclaredAfterCreate}/${w.n}, after update ${w.liveAsDeclaredAfterUpdate}/${w.n}`,
    ...w.violationSamples.map((v) => `    ${v}`),
    `  refresh of ${x.m} members: ${x.listCalls} list calls GET /users (target <= ${x.target}; one GET per member would be ${x.m}), ` +
      `${x.apiCalls} API calls in all (the token endpoint apart: ${x.tokenRequests}), ${x.status429} 429s, ${x.found}/${x.m} found, ${x.seconds.toFixed(1)} s wall`,
    `  state per member (median of ${w.n}): ${s.perMemberMedian} bytes (inputs ${s.inputsMedian} + outputs ${s.outputsMedian}, __provider ${s.providerBytes} in each); ` +
      `10,000 members: ${s.per10000Members} bytes (${(s.per10000Members / 1024 / 1024).toFixed(1)} MiB)`,
    `  __provider text per resource: ${Object.entries(s.providerBytesPerType).map(([t, b]) => `${t} ${b.text}`).join(", ")} bytes — ` +
      `${s.providerTextAtMost1KiB ? "at most 1 KB for every type" : "OVER 1 KB for " + Object.entries(s.providerBytesPerType).filter(([, b]) => b.text > 1024).map(([t]) => t).join(", ")}`,
  ];
}
