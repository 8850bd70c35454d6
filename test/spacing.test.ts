// Spacing measured where it matters, on the emulator's arrival log: the API client takes a slot
// of the per-domain write gate for every write attempt and a slot of the per-API budget for
// every attempt, holds both until the attempt's answer (or failure) is in, and the gap between
// two arrivals is then never below the rule, whatever the lag in either process. Retries, 401
// renewals, dropped connections and failed writes must release their slots (a limit-1 gate
// would otherwise deadlock on its own earlier attempt). On a fast clock, which the gates and the
// emulator's log share.
import { DomainWriters } from "../provider/ordering";
import { ApiClient } from "../provider/client";
import { NotFoundError } from "../provider/errors";
import { startFixture, DOMAIN, type Fixture } from "../tools/fixture";
import type { LogEntry } from "../emulator";
import { sleep, useFastClock } from "./support/time";

useFastClock();

const GAP = 200;

describe("write gate and API budget, at the server", () => {
  let f: Fixture;
  let client: ApiClient;
  beforeAll(async () => {
    f = await startFixture({ latencyMs: 100 }, { retryBaseDelayMs: "10", retryMaxDelayMs: "100" });
    client = new ApiClient(f.settings());
  });
  afterAll(() => f.emulator.stop());

  const seedPosition = () => f.emulator.seed("positions", { domainId: DOMAIN, positionName: `P-${Math.random()}`, displayOrder: 1 }).positionId as string;
  const patch = (id: string, displayOrder = 2) => client.request({ method: "PATCH", path: "/directory/positions/{id}", params: { id }, json: { displayOrder } });
  /** Every attempt that reached the server for `ids` (failed ones too), in arrival order. */
  const arrivals = (ids: string[], method = "PATCH"): LogEntry[] =>
    f.emulator.log.filter((e) => e.method === method && ids.some((id) => e.path.endsWith(`/${id}`))).sort((a, b) => a.start - b.start || a.seq - b.seq);
  const expectSpaced = (got: LogEntry[]) => {
    for (let k = 1; k < got.length; k++) expect(got[k].start).toBeGreaterThanOrEqual(got[k - 1].end + GAP);
  };
  /** After a window with nothing running, a gate counts nothing: no slot was left pending. */
  const expectNoSlotLeft = async (w: DomainWriters) => {
    await sleep(GAP + 1);
    expect(w.gate("Position", 1)!.inFlightWindow()).toBe(0);
  };
  /** A limit-1 gate alone (operations not sequential): the gate is what spaces the requests. */
  const gated = () => new DomainWriters({ Position: { sequential: false, limit: 1, windowMs: GAP } });

  test("a write retried after a 503 takes the gate again, spaced from the failed attempt's answer", async () => {
    const w = gated();
    const [a, b] = [seedPosition(), seedPosition()];
    f.emulator.inject({ kind: "503", method: "PATCH", path: `/directory/positions/${a}` });
    await Promise.all([w.schedule("Position", 1, () => patch(a)), w.schedule("Position", 1, () => patch(b))]);
    const got = arrivals([a, b]);
    expect(got.map((e) => e.status).sort()).toEqual([200, 200, 503]);
    expectSpaced(got);
    await expectNoSlotLeft(w);
  });

  test("attempts with no answer (dropped connection, lost response) release their slot when retried", async () => {
    const w = gated();
    const [a, b] = [seedPosition(), seedPosition()];
    f.emulator.inject({ kind: "drop", method: "PATCH", path: `/directory/positions/${a}` });
    f.emulator.inject({ kind: "lose-response", method: "PATCH", path: `/directory/positions/${b}` });
    await Promise.all([w.schedule("Position", 1, () => patch(a)), w.schedule("Position", 1, () => patch(b))]);
    const got = arrivals([a, b]);
    expect(got.map((e) => e.fault ?? String(e.status)).sort()).toEqual(["200", "200", "drop", "lose-response"]);
    expectSpaced(got);
    await expectNoSlotLeft(w);
  });

  test("a 401 renewal repeats the write under a limit-1 gate without waiting on itself forever", async () => {
    const w = gated();
    const a = seedPosition();
    await patch(a, 5); // a token first, so the next request is the one that meets the expiry
    f.emulator.expireTokens();
    await w.schedule("Position", 1, () => patch(a, 6));
    const got = arrivals([a]).slice(1);
    expect(got.map((e) => e.status)).toEqual([401, 200]);
    expectSpaced(got);
    await expectNoSlotLeft(w);
  });

  test("a failed write releases its slot: the next write follows one gap after its answer", async () => {
    const w = gated();
    const [a, missing] = [seedPosition(), "no-such-position"];
    const results = await Promise.allSettled([w.schedule("Position", 1, () => patch(missing)), w.schedule("Position", 1, () => patch(a))]);
    expect(results[0].status === "rejected" && results[0].reason).toBeInstanceOf(NotFoundError);
    expect(results[1].status).toBe("fulfilled");
    const got = arrivals([a, missing]);
    expect(got.map((e) => e.status).sort()).toEqual([200, 404]);
    expectSpaced(got);
    await expectNoSlotLeft(w);
  });

  test("writes outside a ruled operation and reads inside one take no gate slot", async () => {
    const w = gated();
    const ids = [seedPosition(), seedPosition(), seedPosition()];
    await w.schedule("Position", 1, async () => {
      await Promise.all(ids.map((id) => client.request({ method: "GET", path: "/directory/positions/{id}", params: { id } })));
      expect(w.gate("Position", 1)!.inFlightWindow()).toBe(0);
    });
    await Promise.all(ids.map((id) => patch(id)));
    const got = arrivals(ids);
    expect(Math.max(...got.map((e) => e.start))).toBeLessThan(Math.min(...got.map((e) => e.end))); // all at once
  });

  test("the per-API budget counts each request until its answer: no window of arrivals holds more than the limit", async () => {
    // A fresh emulator: budgets are shared per tenant URL, app and API, and `client` made one already.
    const g = await startFixture({ latencyMs: 100 });
    let got: LogEntry[];
    try {
      const budgeted = new ApiClient(g.settings({ requestsPerMinute: "3", rateWindowMs: "300" }));
      const ids = Array.from({ length: 8 }, () => g.emulator.seed("positions", { domainId: DOMAIN, positionName: `B-${Math.random()}`, displayOrder: 1 }).positionId as string);
      await Promise.all(ids.map((id) => budgeted.request({ method: "PATCH", path: "/directory/positions/{id}", params: { id }, json: { displayOrder: 3 } })));
      got = g.emulator.log.filter((e) => e.method === "PATCH").sort((a, b) => a.start - b.start || a.seq - b.seq);
    } finally {
      await g.emulator.stop();
    }
    expect(got).toHaveLength(8);
    expect(got.every((e) => e.status === 200)).toBe(true);
    for (let k = 3; k < got.length; k++) expect(got[k].start - got[k - 3].start).toBeGreaterThanOrEqual(300);
    for (let k = 3; k < got.length; k++) expect(got[k].start).toBeGreaterThanOrEqual(got[k - 3].end + 300);
  });
});
