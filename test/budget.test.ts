// The sliding-window budget on its own clock: never more than `limit` sends in any window, FIFO,
// paused by the server's word, and halved for sustained use as LINE WORKS advises.
import { SlidingWindowBudget } from "../provider/budget";

async function sendTimes(budget: SlidingWindowBudget, n: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => budget.acquire().then(() => void times.push(Date.now()))));
  return times;
}

const maxInAnyWindow = (times: number[], windowMs: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

test("no window of the budget's length holds more than the limit", async () => {
  const times = await sendTimes(new SlidingWindowBudget({ limit: 5, windowMs: 200 }), 17);
  expect(times).toHaveLength(17);
  expect(maxInAnyWindow(times, 200)).toBeLessThanOrEqual(5);
  expect(times[16] - times[0]).toBeGreaterThanOrEqual(600); // 17 sends need at least 3 more windows
});

test("pauseFor holds every send until the server's reset", async () => {
  const b = new SlidingWindowBudget({ limit: 100, windowMs: 1000 });
  const t0 = Date.now();
  b.pauseFor(150);
  await b.acquire();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
});

test("after sustainedAfterMs of continuous use the limit halves, and recovers after an idle window", async () => {
  const b = new SlidingWindowBudget({ limit: 10, windowMs: 100, marginMs: 0, sustainedAfterMs: 300 });
  expect(b.currentLimit()).toBe(10);
  const early = await sendTimes(b, 10);
  expect(maxInAnyWindow(early, 100)).toBe(10);
  const t0 = Date.now();
  while (Date.now() - t0 < 350) await sendTimes(b, 3); // keep it busy past 300 ms
  expect(b.currentLimit()).toBe(5);
  const late = await sendTimes(b, 12);
  expect(maxInAnyWindow(late, 100)).toBeLessThanOrEqual(5);
  await new Promise((r) => setTimeout(r, 250)); // idle for more than a window
  await b.acquire();
  expect(b.currentLimit()).toBe(10);
});
