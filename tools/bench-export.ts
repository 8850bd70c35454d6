// Export in `npm run bench` (tools/bench.ts; `BENCH_ONLY=export` runs this part alone, in seconds).
// `pulumi-lineworks export` reads a whole domain through paged lists (100 per call) within the
// client's per-API budget. Measured here by calling exportSpec (provider/export.ts) directly, as
// the CLI does, against the emulator holding a seeded company (tools/seed-tenant.ts), once at
// seedTenant's default size (320 members, 50 units, 10 groups) and once larger (BENCH_EXPORT_MEMBERS,
// BENCH_EXPORT_UNITS, BENCH_EXPORT_GROUPS: default 2,000, 200, 40). Both the emulator and the
// provider keep their defaults: 240 requests per real minute per API, rateWindowMs 60,000, the
// sustained-load halving and retry delays as shipped (the fixture's shortened retry delays are
// dropped); nothing is scaled, since an export of these sizes fits in the first window.
// Per kind: objects N, API calls (the export's report, checked against the emulator's log), the
// floor ceil(N/100) list pages and calls/floor. LINE WORKS' group list carries each group's
// members and masters (doc: group-list; the emulator's default), so groups cost their list pages
// alone; groups' calls are split into list pages and per-group pages (0 expected: those are the
// fallback for an answer without the sets, 1 + 2 per group). Then the
// total, wall time, requests per second against the budget, 429s and writes seen by the emulator
// (0 expected: export reads), and the exported spec through parseSpec (0 problems expected).
import type { Settings } from "../provider/config";
import { resolveSettings } from "../provider/config";
import { clientFor } from "../provider/client";
import { exportSpec } from "../provider/export";
import { parseSpec, SECTION_NAMES, SECTIONS, SpecError, type SectionName } from "../provider/spec";
import { startFixture, DOMAIN, type Fixture } from "./fixture";
import { seedTenant, type SeedOptions } from "./seed-tenant";

/** Items per list page (LINE WORKS' largest `count`). */
const PAGE = 100;
const SIZES: Required<Pick<SeedOptions, "members" | "units" | "groups">>[] = [
  { members: 320, units: 50, groups: 10 }, // seedTenant's default company
  {
    members: Number(process.env.BENCH_EXPORT_MEMBERS ?? 2000),
    units: Number(process.env.BENCH_EXPORT_UNITS ?? 200),
    groups: Number(process.env.BENCH_EXPORT_GROUPS ?? 40),
  },
];
/** The fixture's test knobs that are not the provider's defaults; dropped so every knob is as shipped. */
const FIXTURE_ONLY_KNOBS = ["lineworks:retryBaseDelayMs", "lineworks:retryMaxDelayMs"];

const isApi = (e: { path: string }) => e.path.startsWith("/v1.0/");
const count = (xs: { api: string }[]) => xs.reduce<Record<string, number>>((a, e) => ((a[e.api] = (a[e.api] ?? 0) + 1), a), {});

/** Settings as a user's install resolves them: the fixture's endpoints and credentials, every other knob its default. */
function defaultSettings(f: Fixture): Settings {
  return resolveSettings(Object.fromEntries(Object.entries(f.config).filter(([k]) => !FIXTURE_ONLY_KNOBS.includes(k))), {});
}

/** Most entries starting within any `windowMs`. */
function peakInWindow(starts: number[], windowMs: number): number {
  const s = [...starts].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i] - s[j] >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** One export of a freshly seeded tenant of `size`. */
async function exportAtSize(size: (typeof SIZES)[number]) {
  const f = await startFixture(); // the emulator's default limit: 240 per API per 60 s
  try {
    const seeded = seedTenant(f.emulator, { domainId: DOMAIN, ...size });
    const settings = defaultSettings(f);
    const client = clientFor(settings);
    const from = f.emulator.log.length;
    const t0 = Date.now();
    const result = await exportSpec(client, { domainId: DOMAIN });
    const wallSeconds = (Date.now() - t0) / 1000;
    const log = f.emulator.log.slice(from);
    const api = log.filter(isApi);
    const byApi = count(api);

    const kinds = Object.fromEntries(
      SECTION_NAMES.map((s) => {
        const { kind } = SECTIONS[s];
        const n = result.report[s].count;
        const floor = Math.max(1, Math.ceil(n / PAGE));
        const listPages = byApi[`GET ${kind.path}`] ?? 0;
        const perObject = Object.fromEntries(kind.collections.map(([, c]) => [c.noun, byApi[`GET ${kind.path}/{id}${c.suffix}`] ?? 0]));
        const loggedCalls = api.filter((e) => e.api === `GET ${kind.path}` || e.api.startsWith(`GET ${kind.path}/{id}/`)).length;
        const calls = result.report[s].calls;
        return [s, { objects: n, keyless: result.report[s].keyless, calls, loggedCalls, floor, ratio: calls / floor, listPages, perObject, notes: result.report[s].notes }];
      }),
    ) as Record<SectionName, { objects: number; keyless: number; calls: number; loggedCalls: number; floor: number; ratio: number; listPages: number; perObject: Record<string, number>; notes: string[] }>;
    const g = kinds.groups;
    const perGroupPages = Object.values(g.perObject).reduce((a, b) => a + b, 0);

    // Requests against the budget: over the wall time, and the busiest API's peak in any window.
    const perSecondBudget = settings.requestsPerMinute / (settings.rateWindowMs / 1000);
    const busiest = Object.entries(byApi).sort((a, b) => b[1] - a[1])[0] ?? ["none", 0];
    const busiestPeak = peakInWindow(api.filter((e) => e.api === busiest[0]).map((e) => e.start), settings.rateWindowMs);

    // The spec as a file would carry it, through parseSpec.
    let problems = 0;
    let problemSamples: string[] = [];
    try {
      parseSpec(JSON.parse(JSON.stringify(result.spec)));
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      problems = e.problems.length;
      problemSamples = e.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
    }
    /** Sections whose exported count differs from what was seeded (members are seedTenant's users; the seed makes no custom properties). */
    const missed = SECTION_NAMES.filter((sec) => sec !== "customProperties" && kinds[sec].objects !== seeded.counts[sec === "members" ? "users" : sec]);
    const writes = log.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/"));
    const totalCalls = SECTION_NAMES.reduce((a, s) => a + kinds[s].calls, 0);
    return {
      settings,
      size,
      seeded: seeded.counts,
      countsDifferFromSeed: missed,
      kinds,
      groups: { listPages: g.listPages, perGroupPages, perGroup: g.perObject },
      totalCalls,
      clientRequests: client.stats.requests,
      loggedApiCalls: api.length,
      retries: client.stats.retries,
      wallSeconds,
      requestsPerSecond: api.length / wallSeconds,
      budgetPerApiPerSecond: perSecondBudget,
      /** The busiest API: its rate over the wall time (a burst), and its peak in one window against the window's budget. */
      busiestApi: { api: busiest[0], calls: busiest[1], perSecond: busiest[1] / wallSeconds, peakInWindow: busiestPeak, peakOverBudget: busiestPeak / settings.requestsPerMinute },
      status429: log.filter((e) => e.status === 429).length,
      writes: writes.length,
      writeSamples: writes.slice(0, 5).map((e) => e.api),
      tokenRequests: log.filter((e) => e.path.includes("/oauth2/")).length,
      exportProblems: result.problems.length,
      parseSpecProblems: problems,
      problemSamples,
    };
  } finally {
    await f.emulator.stop();
  }
}

export type ExportBench = Awaited<ReturnType<typeof exportBench>>;

/** Both sizes, each against its own emulator, with the provider's default settings. */
export async function exportBench() {
  const all = [];
  for (const size of SIZES) all.push(await exportAtSize(size));
  const { settings } = all[0];
  const runs = all.map(({ settings: _, ...run }) => run);
  return {
    settings: {
      requestsPerMinute: settings.requestsPerMinute,
      rateWindowMs: settings.rateWindowMs,
      sustainedAfterMs: settings.sustainedAfterMs,
      retryBaseDelayMs: settings.retryBaseDelayMs,
      retryMaxDelayMs: settings.retryMaxDelayMs,
      emulatorLimitPerWindow: 240,
      emulatorWindowMs: 60_000,
    },
    pageSize: PAGE,
    runs,
  };
}

/** The figures as a few lines for the console. */
export function exportLines(r: ExportBench): string[] {
  const s = r.settings;
  const lines = [
    `export (exportSpec against the emulator, seeded tenant; provider defaults: ${s.requestsPerMinute} requests per ${s.rateWindowMs} ms per API, ` +
      `nothing scaled; emulator ${s.emulatorLimitPerWindow} per ${s.emulatorWindowMs} ms per API; floor = ceil(N/${r.pageSize}) list pages):`,
  ];
  for (const x of r.runs) {
    lines.push(`  ${x.size.members} members, ${x.size.units} units, ${x.size.groups} groups:`);
    lines.push(
      `    ${SECTION_NAMES.map((sec) => {
        const k = x.kinds[sec];
        return `${sec} ${k.objects} objects ${k.calls} calls (floor ${k.floor}, ${k.ratio.toFixed(2)}x)`;
      }).join("; ")}` + (x.countsDifferFromSeed.length ? `; counts differ from the seed for ${x.countsDifferFromSeed.join(", ")}` : "; every seeded object exported"),
    );
    const g = x.groups;
    lines.push(
      `    groups: ${x.kinds.groups.calls} calls = ${g.listPages} list page${g.listPages === 1 ? "" : "s"} + ${g.perGroupPages} per-group pages ` +
        `(${Object.entries(g.perGroup).map(([noun, k]) => `${k} ${noun}`).join(", ")}; target 0: the group list carries members and masters, ` +
        `without them each group would cost its own member and master pages, ${x.kinds.groups.floor + 2 * x.kinds.groups.objects} calls)`,
    );
    const mismatch = SECTION_NAMES.filter((sec) => x.kinds[sec].calls !== x.kinds[sec].loggedCalls);
    lines.push(
      `    total ${x.totalCalls} API calls (emulator log ${x.loggedApiCalls}${mismatch.length ? `; report and log differ for ${mismatch.join(", ")}` : ""}; ${x.retries} retries, ${x.tokenRequests} token request${x.tokenRequests === 1 ? "" : "s"}), ` +
        `${x.wallSeconds.toFixed(2)} s wall, ${x.requestsPerSecond.toFixed(1)} requests/s in all; busiest API ${x.busiestApi.api}: ${x.busiestApi.calls} calls ` +
        `(${x.busiestApi.perSecond.toFixed(1)}/s over the wall time, a burst within one window; sustained budget ${x.budgetPerApiPerSecond.toFixed(1)}/s), ` +
        `peak ${x.busiestApi.peakInWindow} in one ${s.rateWindowMs} ms window = ${x.busiestApi.peakOverBudget.toFixed(2)} of its ${s.requestsPerMinute}`,
    );
    lines.push(
      `    429s ${x.status429} (target 0), writes that reached the emulator ${x.writes} (target 0)${x.writeSamples.length ? ` [${x.writeSamples.join(", ")}]` : ""}, ` +
        `parseSpec problems ${x.parseSpecProblems} (target 0; exportSpec's own ${x.exportProblems})`,
    );
    for (const p of x.problemSamples) lines.push(`      ${p}`);
  }
  return lines;
}
