// A large run keeps LINE WORKS' per-API rate budget (the scale bench's 30,000-member failure,
// scaled down): a seeded company of 2,000 members in rosters, with groups that name members, is
// adopted and refreshed through the host against an emulator allowing 12 requests per minute per
// API, so the member list (20 pages) spans windows. The adopting `up` paces itself: no 429. The
// refresh starts right after another process spent all but one request of `GET /users`' window:
// it must wait for the window's reset (before the fix its retries were cut at retryMaxDelayMs,
// all fell inside the window, and it failed with 429). Both read ceil(N/100) member pages in all.
import * as fs from "node:fs";
import * as path from "node:path";
import { clock } from "../clock";
import { clientFor } from "../provider/client";
import { exportSpec } from "../provider/export";
import { runEngine, type EngineRun } from "../tools/engine";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { Host } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { seedTenant } from "../tools/seed-tenant";
import { sleep, useFastClock } from "./support/time";

useFastClock();

const MEMBERS = 2000;
const PAGES = Math.ceil(MEMBERS / 100);
/** Requests per minute per API, at the emulator and in the provider's budget alike. */
const LIMIT = 12;
const WINDOW = 60_000;

let f: Fixture;
let dir: string;
let adopted: EngineRun;

/** API calls since log entry `from`, as `status API` counts. */
const calls = (from: number) =>
  f.emulator.log
    .slice(from)
    .filter((e) => e.path.startsWith("/v1.0/"))
    .reduce<Record<string, number>>((a, e) => ((a[`${e.status} ${e.api}`] = (a[`${e.status} ${e.api}`] ?? 0) + 1), a), {});

beforeAll(async () => {
  // The fixture's retryMaxDelayMs (2 s) is far shorter than the window, as in the scale bench.
  f = await startFixture({ rateLimitPerMinute: LIMIT, rateWindowMs: WINDOW }, { requestsPerMinute: String(LIMIT), rateWindowMs: String(WINDOW) });
  dir = makeProgramDir("rate-scale");
  seedTenant(f.emulator, { domainId: DOMAIN, members: MEMBERS, units: 50, groups: 10 });
  const { spec } = await exportSpec(clientFor(f.settings()), { domainId: DOMAIN });
  expect(spec.groups?.length).toBeGreaterThan(0);
  fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(spec));
}, 120_000);

afterAll(async () => {
  await f?.emulator.stop();
  if (dir) removeDir(dir);
});

/** Another process's reads (here: this test's own client) that leave one request of a fresh window. */
async function spendWindow(): Promise<number> {
  await sleep(WINDOW);
  const start = clock.now();
  const other = clientFor(f.settings());
  for (let i = 0; i < LIMIT - 1; i++) await other.request({ method: "GET", path: "/users", searchParams: { domainId: DOMAIN, count: 1 } });
  return start;
}

const PROGRAM = `new lineworks.Directory("org", { spec: require("path").join(process.cwd(), "org.json"), rosters: 4 });`;

test("an adopting up paces itself across windows: no 429, the member list read once, nothing written", async () => {
  await sleep(WINDOW);
  const from = f.emulator.log.length;
  adopted = await runEngine({ dir, program: { body: PROGRAM }, mode: "up", config: { ...f.config, "lineworks:adoptExisting": "true" } });
  expect(adopted.errors).toEqual([]);
  const c = calls(from);
  expect(c["200 GET /users"]).toBe(PAGES);
  // Only successful reads: no 429, and adoption writes nothing.
  expect(Object.keys(c).filter((k) => !k.startsWith("200 GET "))).toEqual([]);
}, 300_000);

test("a refresh just after another process spent the window waits for its reset, and reads ceil(N/100) member pages", async () => {
  const host = await Host.start({ cwd: dir, project: "lineworks-test" });
  try {
    await host.configure(f.config);
    const spent = await spendWindow();
    const from = f.emulator.log.length;
    const entries = Object.entries(adopted.state.resources);
    const read = await Promise.all(entries.map(([urn, r]) => host.read(r.id, urn, r.outputs, r.inputs)));
    expect(read.map((r) => r.id)).toEqual(entries.map(([, r]) => r.id));
    // The situation this test is about did arise: the refresh's first page came inside the window
    // the other reads had spent (before the fix, its retries all fell inside it too, and it failed).
    const pages = f.emulator.log.slice(from).filter((e) => e.api === "GET /users");
    expect(pages[0].start).toBeLessThan(spent + WINDOW);
    expect(pages.filter((e) => e.status === 200)).toHaveLength(PAGES);
  } finally {
    await host.stop();
  }
}, 300_000);
