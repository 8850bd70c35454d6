// Ordering rules: never two requests on one object at once (checked by the emulator, which
// rejects overlap), and per-domain writers that keep a rule table's order and spacing.
import { DomainWriters, KeyedMutex } from "../provider/ordering";
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { runProgram } from "../tools/program";
import { startFixture, DOMAIN } from "../tools/fixture";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `n` jobs of `ms` each through `schedule`, recording start/end times. */
async function trace(n: number, ms: number, schedule: (fn: () => Promise<void>) => Promise<void>) {
  const spans: { i: number; start: number; end: number }[] = [];
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      schedule(async () => {
        const start = Date.now();
        await sleep(ms);
        spans.push({ i, start, end: Date.now() });
      }),
    ),
  );
  return spans.sort((a, b) => a.start - b.start);
}

describe("KeyedMutex", () => {
  test("work on one key never overlaps and keeps call order; other keys run alongside", async () => {
    const m = new KeyedMutex();
    const t0 = Date.now();
    const [same, other] = await Promise.all([trace(5, 50, (fn) => m.run("a", fn)), trace(5, 50, (fn) => m.run(`b${Math.random()}`, fn))]);
    expect(same.map((s) => s.i)).toEqual([0, 1, 2, 3, 4]);
    for (let k = 1; k < same.length; k++) expect(same[k].start).toBeGreaterThanOrEqual(same[k - 1].end);
    expect(Math.max(...other.map((s) => s.end)) - t0).toBeLessThan(200); // in parallel (one after another: >= 250 ms)
    expect(m.busy).toBe(0);
  });

  test("a failure does not block the next job", async () => {
    const m = new KeyedMutex();
    await expect(m.run("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(m.run("k", async () => 7)).resolves.toBe(7);
  });
});

describe("DomainWriters", () => {
  test("a sequential rule runs writes one at a time, in order, at least minSpacingMs apart, per domain", async () => {
    const w = new DomainWriters({ OrgUnit: { sequential: true, minSpacingMs: 100 } });
    const [d1, d2] = await Promise.all([trace(4, 30, (fn) => w.schedule("OrgUnit", 1, fn)), trace(4, 30, (fn) => w.schedule("OrgUnit", 2, fn))]);
    for (const spans of [d1, d2]) {
      expect(spans.map((s) => s.i)).toEqual([0, 1, 2, 3]);
      for (let k = 1; k < spans.length; k++) {
        expect(spans[k].start).toBeGreaterThanOrEqual(spans[k - 1].end);
        expect(spans[k].start - spans[k - 1].start).toBeGreaterThanOrEqual(95);
      }
    }
    // The two domains do not wait for each other.
    expect(Math.abs(d1[0].start - d2[0].start)).toBeLessThan(90);
  });

  test("a rate rule spaces starts but lets writes overlap (members: at most 10 per second)", async () => {
    const w = new DomainWriters({ User: { sequential: false, minSpacingMs: 100 } });
    const spans = await trace(6, 250, (fn) => w.schedule("User", 1, fn));
    for (let k = 1; k < spans.length; k++) expect(spans[k].start - spans[k - 1].start).toBeGreaterThanOrEqual(95);
    expect(spans[1].start).toBeLessThan(spans[0].end); // overlapping
    const perSecond = spans.filter((s) => s.start - spans[0].start < 1000).length;
    expect(perSecond).toBeLessThanOrEqual(10);
  });

  test("types without a rule run at once", async () => {
    const w = new DomainWriters({});
    const t0 = Date.now();
    await trace(5, 50, (fn) => w.schedule("Position", 1, fn));
    expect(Date.now() - t0).toBeLessThan(200); // one after another would take >= 250 ms
  });
});

describe("no overlapping requests on one object, through the host", () => {
  test("concurrent update, read and delete of one object are serialized", async () => {
    const f = await startFixture({ latencyMs: 40 }, { snapshotMaxAgeMs: "0" });
    const dir = makeProgramDir("ordering");
    const host = await Host.start({ cwd: dir });
    try {
      const [reg] = await runProgram(dir, `new lineworks.Position("p", { positionName: "Busy", displayOrder: 1, domainId: ${DOMAIN} });`);
      await host.configure(f.config);
      const created = await host.create(urn("Position", "p"), reg.inputs);
      const u = urn("Position", "p");
      await Promise.all([
        host.update(created.id, u, created.properties, { ...reg.inputs, displayOrder: 2 }),
        host.update(created.id, u, created.properties, { ...reg.inputs, displayOrder: 3 }),
        host.read(created.id, u, created.properties),
        host.read(created.id, u, created.properties),
      ]);
      await host.delete(created.id, u, created.properties);
      expect(f.emulator.violations).toEqual([]);
      // The emulator does detect overlap when it happens (so the assertion above can fail).
      const { ApiClient } = await import("../provider/client");
      const raw = new ApiClient(f.settings());
      const o = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Raw", displayOrder: 1 });
      await Promise.allSettled([1, 2].map((n) => raw.request({ method: "PATCH", path: "/directory/positions/{id}", params: { id: o.positionId }, json: { displayOrder: n } })));
      expect(f.emulator.violations.length).toBeGreaterThan(0);
    } finally {
      await host.stop();
      await f.emulator.stop();
      removeDir(dir);
    }
  });
});
