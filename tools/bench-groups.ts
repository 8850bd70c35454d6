// Groups in `npm run bench` (tools/bench.ts; `BENCH_ONLY=groups` runs this part alone).
// A group's `members` and `administrators` are authoritative sets: an update writes only the items
// that changed, one call each (POST /groups/{id}/members, DELETE /groups/{id}/members/{id}), or
// one PATCH carrying the whole set when more than 100 items change. Measured through
// @pulumi/pulumi's dynamic-provider host against the emulator with the documented limit (240
// requests per minute per API, the minute scaled by BENCH_TIME_SCALE like the other parts), each
// step a fresh host (one `pulumi up` or `refresh`) on the same emulator:
// 1. create: a group of BENCH_GROUP_MEMBERS (default 500) seeded members and one seeded master,
//    check + create as the engine does; API calls (writes, reads) from the emulator's log.
// 2. change: BENCH_GROUP_CHANGE (default 50) members changed, half removed and half added (other
//    seeded members): check + diff + update; calls against the change (one write per changed
//    member plus a constant), not the group's size; the live group against the declaration,
//    ordering and same-object violations, 429s.
// 3. large change: BENCH_GROUP_LARGE_CHANGE (default 150, above the 100 threshold) members
//    changed the same way: one PATCH expected.
// 4. refresh: the group read by a fresh host with its stored state, as `pulumi refresh` does;
//    calls against 1 list page (the group list carries members and masters: doc group-list).
// Then the same steps with the members declared by email, resolved by the provider: the extra
// calls per step (expected: the users list, ceil(users/100) pages, once per run; not a GET per email).
import { DOMAIN, type Fixture } from "./fixture";
import { urn, type Host } from "./host";
import { phase, withRun, type WritePhase, type WriteSpec } from "./bench-orgunits";
import type { Budget } from "./bench-users";
import { Runs } from "./runs";
import { Group } from "../provider/kinds";

type Props = Record<string, any>;

const N_MEMBERS = Number(process.env.BENCH_GROUP_MEMBERS ?? 500);
const N_CHANGE = Number(process.env.BENCH_GROUP_CHANGE ?? 50);
const N_LARGE = Number(process.env.BENCH_GROUP_LARGE_CHANGE ?? 150);
/** Items per list page (LINE WORKS' largest `count`). */
const PAGE = 100;
/** Changed members above which the provider sends one PATCH carrying the set (the kind's own threshold). */
const PATCH_ABOVE = Group.traits.members!.collection!.patchAbove!;
const TYPE = "Group";

const email = (i: number) => `bench.groupmember${i}@example.com`;

/** A group step's calls from the emulator's log (phase figures, for one step of one resource). */
function callsOf(p: WritePhase) {
  return {
    requests: p.requests,
    writes: p.writes,
    reads: p.requests - p.writes,
    writesByApi: p.writesByApi,
    readsByApi: p.readsByApi,
    status429: p.status429,
    seconds: p.wallSeconds,
  };
}
type Calls = ReturnType<typeof callsOf>;

/** How the live group's members compare with the declared member IDs. */
function liveMembers(f: Fixture, groupId: string, declared: string[]) {
  const g = f.emulator.objects("groups", DOMAIN).find((o: Props) => o.groupId === groupId);
  const live: Props[] = g?.members ?? [];
  const want = new Set(declared);
  const have = new Set(live.filter((m) => m.type === "USER").map((m) => m.id));
  return {
    live: live.length,
    declared: declared.length,
    missing: declared.filter((id) => !have.has(id)).length,
    extra: live.filter((m) => m.type !== "USER" || !want.has(m.id)).length,
  };
}

/**
 * One scenario against a fresh emulator: `total` seeded members and a master, and the group's
 * create, change, large change and refresh, each a fresh host; the members declared `by` their
 * user IDs or their emails.
 */
function scenario(dir: string, providerText: string, budget: Budget, by: "userId" | "email") {
  const opts = { rateLimitPerMinute: budget.limit, rateWindowMs: budget.windowMs };
  const knobs = { requestsPerMinute: String(budget.limit), rateWindowMs: String(budget.windowMs) };
  const spec: WriteSpec = { pathPrefix: "/v1.0/groups", perSecond: budget.limit / (budget.windowMs / 1000) };
  return withRun(dir, opts, knobs, async (f, first) => {
    const runs = new Runs(() => dir, () => f);
    try {
      // Members are a window of the seeded users: [start, start + N_MEMBERS); a change slides it by half the change.
      const total = N_MEMBERS + Math.ceil(N_CHANGE / 2) + Math.ceil(N_LARGE / 2);
      const seed = (i: number, lastName: string, mail: string) =>
        f.emulator.seed("users", { domainId: DOMAIN, email: mail, userName: { lastName, firstName: `${i}` }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] }).userId as string;
      const master = seed(0, "Master", "bench.groupmaster@example.com");
      const ids = Array.from({ length: total }, (_, i) => seed(i, "Member", email(i)));
      const ref = (i: number) => (by === "userId" ? ids[i] : email(i));
      const window = (start: number) => Array.from({ length: N_MEMBERS }, (_, k) => start + k);
      const fields = (start: number): Props => ({
        __provider: providerText,
        domainId: DOMAIN,
        groupName: `Bench group by ${by}`,
        administrators: [{ userId: master }],
        members: window(start).map((i) => ({ id: ref(i), type: "USER" })),
      });
      const name = urn(TYPE, `g-${by}`);
      let state = { id: "", inputs: {} as Props, outputs: {} as Props };
      let checkCalls = 0;
      /** Check, counting the calls it makes (none expected: it works on the declaration). */
      const checked = async (host: Host, news: Props) => {
        const from = f.emulator.log.length;
        const r = await host.check(name, state.inputs, news);
        checkCalls = f.emulator.log.slice(from).filter((e) => e.path.startsWith("/v1.0/")).length;
        if (r.failures.length) throw new Error(`check of the group failed: ${JSON.stringify(r.failures)}`);
        return r.inputs;
      };

      // 1. Create: check + create, one run.
      const created = await phase(f, "create", [0], async () => {
        const inputs = await checked(first, fields(0));
        const r = await first.create(name, inputs);
        state = { id: r.id, inputs, outputs: r.properties };
      }, spec);
      const create = { ...callsOf(created), checkCalls, members: liveMembers(f, state.id, window(0).map((i) => ids[i])) };

      // 2 and 3. A change of `n` members (n/2 out, n/2 in) as one run: check (the preview's added and removed), diff, update.
      let start = 0;
      const change = async (label: string, n: number) => {
        const host = await runs.start();
        start += Math.ceil(n / 2);
        let preview = { added: 0, removed: 0 };
        const p = await phase(f, label, [0], async () => {
          const news = await checked(host, fields(start));
          const was = new Set(Object.keys(state.inputs.members));
          const now = Object.keys(news.members);
          preview = { added: now.filter((k) => !was.has(k)).length, removed: was.size - now.filter((k) => was.has(k)).length };
          const d = await host.diff(state.id, name, state.outputs, news);
          if (d.changes !== "some" || d.replaces.length) throw new Error(`${label}: the group diffs as ${d.changes}, replacing [${d.replaces}]`);
          const r = await host.update(state.id, name, state.outputs, news);
          state = { ...state, inputs: news, outputs: r.properties };
        }, spec);
        const calls = callsOf(p);
        const changed = preview.added + preview.removed;
        /** The provider's rule: one write per changed member, or one PATCH above the threshold. */
        const expectedWrites = changed > PATCH_ABOVE ? 1 : changed;
        return { ...calls, checkCalls, changed, preview, expectedWrites, writesPerChangedMember: calls.writes / changed, callsPerChangedMember: calls.requests / changed, members: liveMembers(f, state.id, window(start).map((i) => ids[i])) };
      };
      const small = await change("change", N_CHANGE);
      const large = await change("large change", N_LARGE);

      // 4. Refresh: a fresh host reads the group with its stored state, as `pulumi refresh` does.
      const reader = await runs.start();
      let refreshed = { members: 0, drift: -1 };
      const read = await phase(f, "refresh", [0], async () => {
        const r = await reader.read(state.id, name, { ...state.outputs, __provider: providerText }, state.inputs);
        const was = new Set(Object.keys(state.inputs.members));
        const now = Object.keys(r.inputs?.members ?? {});
        refreshed = { members: (r.properties.members ?? []).length, drift: now.filter((k) => !was.has(k)).length + [...was].filter((k) => !now.includes(k)).length };
      }, spec);
      const refresh = { ...callsOf(read), ...refreshed, target: 1 };

      return {
        by,
        usersInDomain: total + 1,
        create,
        change: small,
        largeChange: large,
        refresh,
        orderingViolations: f.emulator.orderingViolations.length,
        sameObjectViolations: f.emulator.violations.length,
        violationSamples: [...f.emulator.orderingViolations, ...f.emulator.violations].slice(0, 5),
        status429: f.emulator.log.filter((e) => e.status === 429).length,
      };
    } finally {
      await runs.stopAll();
    }
  });
}

export type GroupBench = Awaited<ReturnType<typeof groupBench>>;

/** Both scenarios (members by ID, then by email), with the Group `__provider` text a program registered (from `dir`). */
export async function groupBench(dir: string, providerText: string, budget: Budget) {
  const byId = await scenario(dir, providerText, budget, "userId");
  const byEmail = await scenario(dir, providerText, budget, "email");
  const steps = ["create", "change", "largeChange", "refresh"] as const;
  const extra = Object.fromEntries(
    steps.map((s) => {
      const [a, b] = [byId[s], byEmail[s]];
      const apis = new Set([...Object.keys(a.readsByApi), ...Object.keys(b.readsByApi)]);
      const byApi = Object.fromEntries([...apis].map((api) => [api, (b.readsByApi[api] ?? 0) - (a.readsByApi[api] ?? 0)]).filter(([, k]) => k !== 0));
      return [s, { requests: b.requests - a.requests, writes: b.writes - a.writes, readsByApi: byApi }];
    }),
  ) as Record<(typeof steps)[number], { requests: number; writes: number; readsByApi: Record<string, number> }>;
  return {
    budget: { limitPerWindow: budget.limit, windowMs: budget.windowMs, timeScale: budget.scale },
    members: N_MEMBERS,
    change: N_CHANGE,
    largeChange: N_LARGE,
    patchAbove: PATCH_ABOVE,
    byId,
    byEmail,
    /** What declaring the members by email costs beyond declaring them by ID, per step. */
    emailExtra: {
      ...extra,
      userListPages: Math.ceil(byEmail.usersInDomain / PAGE),
      /** GETs of single users over the whole email scenario (a GET per email would be `members` per step). */
      singleUserGets: steps.reduce((a, s) => a + Object.entries(byEmail[s].readsByApi).filter(([api]) => api.startsWith("GET /users/")).reduce((b, [, k]) => b + k, 0), 0),
    },
  };
}

/** The figures as a few lines for the console. */
export function groupLines(r: GroupBench): string[] {
  const apis = (m: Record<string, number>) => Object.entries(m).map(([api, k]) => `${k} ${api}`).join(", ") || "none";
  const calls = (c: Calls) =>
    `${c.requests} API calls (${c.writes} writes: ${apis(c.writesByApi)}; ${c.reads} reads: ${apis(c.readsByApi)}), ${c.status429} 429s, ${c.seconds.toFixed(2)} s`;
  const live = (m: ReturnType<typeof liveMembers>) => `live group ${m.live} members (declared ${m.declared}; missing ${m.missing}, extra ${m.extra})`;
  const changeText = (label: string, c: GroupBench["byId"]["change"]) =>
    `${label}: ${c.changed} members changed (preview +${c.preview.added} −${c.preview.removed}): ${calls(c)}; ` +
    `${c.writesPerChangedMember.toFixed(2)} writes and ${c.callsPerChangedMember.toFixed(2)} calls per changed member; ${live(c.members)} — ` +
    (c.changed > r.patchAbove
      ? `above ${r.patchAbove} changes the target is one PATCH: ${c.writes === 1 && c.writesByApi["PATCH /groups/{id}"] === 1 ? "so it is" : `NOT MET (${c.writes} writes)`}`
      : `the target is one write per changed member (${c.expectedWrites}) plus a constant read or two, not calls in proportion to the group's size (${r.members}): ` +
        `${c.writes === c.expectedWrites && c.reads <= 2 ? "so it is" : `NOT MET (${c.writes} writes, ${c.reads} reads)`}`);
  const x = r.byId;
  const e = r.byEmail;
  const extraText = (s: "create" | "change" | "largeChange" | "refresh") => {
    const d = r.emailExtra[s];
    return `${s} ${d.requests >= 0 ? "+" : ""}${d.requests} (${apis(d.readsByApi)}${d.writes ? `; writes ${d.writes >= 0 ? "+" : ""}${d.writes}` : ""})`;
  };
  return [
    `groups (${r.budget.limitPerWindow}/window per API, window ${r.budget.windowMs} ms = 1 min / ${r.budget.timeScale}; ` +
      `a group of ${r.members} seeded members and 1 master, each step a fresh host; PATCH above ${r.patchAbove} changes):`,
    `  create (check + create): ${calls(x.create)}; check made ${x.create.checkCalls} calls; ${live(x.create.members)}`,
    `  ${changeText(`change by ${r.change}`, x.change)}`,
    `  ${changeText(`large change by ${r.largeChange}`, x.largeChange)}`,
    `  refresh (fresh host, stored state): ${calls(x.refresh)} (target ${x.refresh.target} list page: it carries the members and masters; ` +
      `without them ${1 + Math.ceil(r.members / PAGE) + 1}); ` +
      `${x.refresh.members} members read, drift ${x.refresh.drift}`,
    `  ordering violations ${x.orderingViolations} (target 0), same-object violations ${x.sameObjectViolations} (target 0), 429s in the run ${x.status429} (target 0)`,
    ...x.violationSamples.map((v) => `    ${v}`),
    `  members declared by email (${e.usersInDomain} users in the domain = ${r.emailExtra.userListPages} list pages): calls beyond declaring by ID: ` +
      `${(["create", "change", "largeChange", "refresh"] as const).map(extraText).join("; ")}; ` +
      `GETs of single users in all ${r.emailExtra.singleUserGets} (one per email would be ${r.members} per step)`,
    `    by email: create ${e.create.requests} calls, change ${e.change.requests} (${live(e.change.members)}), large change ${e.largeChange.requests}, refresh ${e.refresh.requests}; ` +
      `ordering violations ${e.orderingViolations}, same-object ${e.sameObjectViolations}, 429s ${e.status429}`,
  ];
}
