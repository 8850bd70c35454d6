// Ordering rules: per-domain writers that keep a rule table's order and spacing, checked on the
// emulator's arrival log rather than on the client's clock, on a fast clock (the emulator's log
// and the gates share it). That no two requests on one object overlap through the real host is
// ordering-host.test.ts's (it spawns a host).
import { clock } from "../clock";
import { DomainWriters, KeyedMutex, TEN_WRITES_PER_SECOND, currentWriteGate } from "../provider/ordering";
import { WRITE_RULES } from "../provider/kinds";
import { ApiClient } from "../provider/client";
import { startFixture, DOMAIN, type Fixture } from "../tools/fixture";
import { mostInAnyWindow, sleep, useFastClock } from "./support/time";

useFastClock();

/** Runs `n` jobs of `ms` each through `schedule`, recording start/end times and the most that ran at once. */
async function trace(n: number, ms: number, schedule: (fn: () => Promise<void>) => Promise<void>) {
  const spans: { i: number; start: number; end: number }[] = [];
  let running = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      schedule(async () => {
        most = Math.max(most, ++running);
        const start = clock.now();
        await sleep(ms);
        spans.push({ i, start, end: clock.now() });
        running--;
      }),
    ),
  );
  return { spans: spans.sort((a, b) => a.start - b.start), most };
}

describe("KeyedMutex", () => {
  test("work on one key never overlaps and keeps call order; other keys run alongside", async () => {
    const m = new KeyedMutex();
    const [same, other] = await Promise.all([trace(5, 50, (fn) => m.run("a", fn)), trace(5, 50, (fn) => m.run(`b${Math.random()}`, fn))]);
    expect(same.spans.map((s) => s.i)).toEqual([0, 1, 2, 3, 4]);
    for (let k = 1; k < same.spans.length; k++) expect(same.spans[k].start).toBeGreaterThanOrEqual(same.spans[k - 1].end);
    expect(same.most).toBe(1);
    expect(other.most).toBe(5); // all five keys were running at once
    expect(m.busy).toBe(0);
  });

  test("a failure does not block the next job", async () => {
    const m = new KeyedMutex();
    await expect(m.run("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(m.run("k", async () => 7)).resolves.toBe(7);
  });
});

describe("DomainWriters rule table", () => {
  test("the documented rules: org units one write per second in order (as the kinds declare them), members ten per second", () => {
    const w = new DomainWriters(WRITE_RULES);
    expect(w.rule("OrgUnit")).toEqual({ sequential: true, limit: 1, windowMs: 1000 });
    expect(w.rule("Position")).toBeUndefined();
    expect(TEN_WRITES_PER_SECOND).toEqual({ sequential: false, limit: 10, windowMs: 1000, only: "create" });
  });

  test("the member rule covers creates only: a member's updates and deletes run outside its gate; the org-unit rule covers every write", async () => {
    const w = new DomainWriters(WRITE_RULES);
    const gateOf = (type: string, op: "create" | "update" | "delete") => w.schedule(type, 1, async () => currentWriteGate(), op);
    expect(await gateOf("User", "create")).toBe(w.gate("User", 1));
    expect(await gateOf("User", "update")).toBeUndefined();
    expect(await gateOf("User", "delete")).toBeUndefined();
    for (const op of ["create", "update", "delete"] as const) expect(await gateOf("OrgUnit", op)).toBe(w.gate("OrgUnit", 1));
  });

  test("an operation runs with its kind and domain's gate; a type without a rule runs with none, even inside one", async () => {
    const w = new DomainWriters({ OrgUnit: { sequential: true, limit: 1, windowMs: 1000 } });
    expect(currentWriteGate()).toBeUndefined();
    const seen = await w.schedule("OrgUnit", 1, async () => {
      await sleep(1);
      const inner = await w.schedule("Position", 1, async () => currentWriteGate());
      return { outer: currentWriteGate(), inner };
    });
    expect(seen.outer).toBe(w.gate("OrgUnit", 1));
    expect(seen.outer).not.toBe(w.gate("OrgUnit", 2));
    expect(seen.inner).toBeUndefined();
    expect(w.gate("Position", 1)).toBeUndefined();
  });

  test("a sequential rule runs operations one at a time in call order; a rate rule lets them run together", async () => {
    const w = new DomainWriters({ OrgUnit: { sequential: true, limit: 1, windowMs: 1000 }, User: { sequential: false, limit: 10, windowMs: 1000 } });
    const seq = await trace(4, 20, (fn) => w.schedule("OrgUnit", 1, fn));
    expect(seq.spans.map((s) => s.i)).toEqual([0, 1, 2, 3]);
    expect(seq.most).toBe(1);
    // No HTTP writes inside: the gate spaces requests, not operations.
    expect((await trace(4, 20, (fn) => w.schedule("User", 1, fn))).most).toBe(4);
    expect((await trace(4, 20, (fn) => w.schedule("Position", 1, fn))).most).toBe(4);
  });
});

/**
 * DomainWriters through real HTTP: the assertions read the emulator's arrival log (`start` is
 * taken when the request reaches the server, `end` before the answer is written), so they check
 * what LINE WORKS would see, with the rule's own bounds, whatever the load on the machine.
 */
describe("DomainWriters at the server", () => {
  const LATENCY = 150;
  let f: Fixture;
  let client: ApiClient;
  beforeAll(async () => {
    f = await startFixture({ latencyMs: LATENCY });
    client = new ApiClient(f.settings());
  });
  afterAll(() => f.emulator.stop());

  const seedPositions = (n: number): string[] =>
    Array.from({ length: n }, (_, i) => f.emulator.seed("positions", { domainId: DOMAIN, positionName: `P${i}-${Math.random()}`, displayOrder: 1 }).positionId as string);
  const patch = (id: string, displayOrder = 2) => client.request({ method: "PATCH", path: "/directory/positions/{id}", params: { id }, json: { displayOrder } });
  /** Arrivals of PATCHes on `ids`, in arrival order, each tagged with the index of its object. */
  const arrivals = (ids: string[]) =>
    f.emulator.log
      .filter((e) => e.method === "PATCH" && ids.some((id) => e.path.endsWith(`/${id}`)))
      .map((e) => ({ ...e, i: ids.findIndex((id) => e.path.endsWith(`/${id}`)) }))
      .sort((a, b) => a.start - b.start || a.seq - b.seq);
  const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

  test("a sequential rule: writes reach the server one at a time, in call order, each windowMs after the previous answer", async () => {
    const w = new DomainWriters({ Position: { sequential: true, limit: 1, windowMs: 200 } });
    const ids = seedPositions(4);
    await Promise.all(ids.map((id, i) => w.schedule("Position", 1, () => patch(id, i + 2))));
    const got = arrivals(ids);
    expect(got.map((e) => [e.i, e.status])).toEqual([0, 1, 2, 3].map((i) => [i, 200]));
    for (let k = 1; k < got.length; k++) {
      expect(got[k].start).toBeGreaterThanOrEqual(got[k - 1].end + 200); // never overlapping, spaced from the answer
      expect(got[k].start - got[k - 1].start).toBeGreaterThanOrEqual(200);
    }
    expect(f.emulator.violations).toEqual([]);
  });

  test("the spacing applies to every write request inside one operation, not to the operation", async () => {
    const w = new DomainWriters({ Position: { sequential: true, limit: 1, windowMs: 200 } });
    const ids = seedPositions(2);
    await Promise.all(
      ids.map((id) =>
        w.schedule("Position", 1, async () => {
          await patch(id, 2);
          await client.request({ method: "GET", path: "/directory/positions/{id}", params: { id } }); // reads are not gated
          await patch(id, 3);
        }),
      ),
    );
    const got = arrivals(ids);
    expect(got.map((e) => e.i)).toEqual([0, 0, 1, 1]);
    for (let k = 1; k < got.length; k++) expect(got[k].start).toBeGreaterThanOrEqual(got[k - 1].end + 200);
  });

  test("a rate rule: no window of windowMs holds more than limit arrivals, and writes do overlap", async () => {
    const w = new DomainWriters({ Position: { sequential: false, limit: 3, windowMs: 300 } });
    const ids = seedPositions(9);
    await Promise.all(ids.map((id) => w.schedule("Position", 1, () => patch(id))));
    const got = arrivals(ids);
    expect(got).toHaveLength(9);
    expect(got.every((e) => e.status === 200)).toBe(true);
    expect(mostInAnyWindow(got.map((e) => e.start), 300)).toBeLessThanOrEqual(3);
    for (let k = 3; k < got.length; k++) expect(got[k].start - got[k - 3].start).toBeGreaterThanOrEqual(300);
    expect(got.some((e, k) => k > 0 && overlap(e, got[k - 1]))).toBe(true);
  });

  test("two domains do not wait for each other", async () => {
    const w = new DomainWriters({ Position: { sequential: true, limit: 1, windowMs: 200 } });
    const one = seedPositions(3);
    const two = seedPositions(3);
    await Promise.all([...one.map((id) => w.schedule("Position", 1, () => patch(id))), ...two.map((id) => w.schedule("Position", 2, () => patch(id)))]);
    const [a, b] = [arrivals(one), arrivals(two)];
    for (const got of [a, b]) {
      expect(got.map((e) => e.i)).toEqual([0, 1, 2]);
      for (let k = 1; k < got.length; k++) expect(got[k].start).toBeGreaterThanOrEqual(got[k - 1].end + 200);
    }
    // The first writes of both domains were at the server together (one shared gate would have
    // kept them a window apart).
    expect(overlap(a[0], b[0])).toBe(true);
  });

  test("a rule that covers creates only does not gate the kind's other writes", async () => {
    const w = new DomainWriters({ Position: { sequential: false, limit: 1, windowMs: 300, only: "create" } });
    const ids = seedPositions(4);
    await Promise.all(ids.map((id) => w.schedule("Position", 1, () => patch(id), "update")));
    const got = arrivals(ids);
    expect(got).toHaveLength(4);
    expect(Math.max(...got.map((e) => e.start))).toBeLessThan(Math.min(...got.map((e) => e.end)));
  });

  test("a type without a rule sends its writes concurrently", async () => {
    const w = new DomainWriters({});
    const ids = seedPositions(4);
    await Promise.all(ids.map((id) => w.schedule("Position", 1, () => patch(id))));
    const got = arrivals(ids);
    expect(got).toHaveLength(4);
    // All four were at the server at the same time.
    expect(Math.max(...got.map((e) => e.start))).toBeLessThan(Math.min(...got.map((e) => e.end)));
  });
});
