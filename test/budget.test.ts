// The sliding-window budget on its own clock: never more than `limit` sends in any window, FIFO,
// paused by the server's word, and halved for sustained use as LINE WORKS advises. A send is
// recorded inside its slot (between the grant and done()), which is where a request's arrival
// at the server lies, and the assertions use the rule's own bounds, with no margin: they hold
// whatever the load on the machine. They run on a fast clock: every time here is the clock's.
import { clock } from "../clock";
import { SlidingWindowBudget } from "../provider/budget";
import { mostInAnyWindow, sleep, useFastClock } from "./support/time";

useFastClock();

/** Blocks the event loop, as a loaded machine does. */
function stall(ms: number): void {
  const until = clock.now() + ms;
  while (clock.now() < until);
}

/**
 * Sends `n` requests through the budget at once: each records its "arrival" somewhere inside
 * its slot (after `before` ms, with the event loop stalled for `stallMs`), then holds the slot
 * for `after` ms more before done().
 */
async function sendTimes(budget: SlidingWindowBudget, n: number, shape: (i: number) => { before?: number; stallMs?: number; after?: number } = () => ({})): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const { before = 0, stallMs = 0, after = 0 } = shape(i);
      const slot = await budget.acquire();
      if (before) await sleep(before);
      if (stallMs) stall(stallMs);
      times.push(clock.now());
      if (after) await sleep(after);
      slot.done();
    }),
  );
  return times.sort((a, b) => a - b);
}

test("no window of the budget's length holds more than the limit", async () => {
  const times = await sendTimes(new SlidingWindowBudget({ limit: 5, windowMs: 200 }), 17);
  expect(times).toHaveLength(17);
  expect(mostInAnyWindow(times, 200)).toBeLessThanOrEqual(5);
  expect(times[15] - times[0]).toBeGreaterThanOrEqual(600); // sends 0, 5, 10, 15 are a window apart each
});

test("however late a send happens inside its slot, and however long the slot is held, no window holds more than the limit", async () => {
  // Arrivals anywhere between grant and done(), some after a stalled event loop: the case where
  // counting from the grant would let two requests reach the server too close together.
  const shape = (i: number) => ({ before: (i * 37) % 60, stallMs: i % 4 === 1 ? 25 : 0, after: (i * 53) % 80 });
  const times = await sendTimes(new SlidingWindowBudget({ limit: 3, windowMs: 100 }), 20, shape);
  expect(times).toHaveLength(20);
  expect(mostInAnyWindow(times, 100)).toBeLessThanOrEqual(3);
});

test("a limit-1 gate grants nothing while a slot is pending, then one window after it is done", async () => {
  const gate = new SlidingWindowBudget({ limit: 1, windowMs: 50 });
  const first = await gate.acquire();
  let second: { grantedAt: number } | undefined;
  const next = gate.acquire().then((s) => (second = s));
  await sleep(120); // more than two windows: a pending slot still holds the gate
  expect(second).toBeUndefined();
  expect(gate.inFlightWindow()).toBe(1);
  const doneAt = clock.now();
  first.done();
  const s = await next;
  expect(s.grantedAt).toBeGreaterThanOrEqual(doneAt + 50);
  s.done();
});

test("done() is idempotent: a slot completes once and counts once", async () => {
  const gate = new SlidingWindowBudget({ limit: 2, windowMs: 50 });
  const a = await gate.acquire();
  a.done();
  a.done();
  await sleep(60); // a has left the window
  expect(gate.inFlightWindow()).toBe(0);
  const held = [await gate.acquire(), await gate.acquire()];
  let third: { done(): void } | undefined;
  const next = gate.acquire().then((s) => (third = s));
  await sleep(120); // pending slots do not age out: the gate stays full however long this takes
  expect(third).toBeUndefined();
  for (const s of held) s.done();
  (await next).done();
});

test("slots are granted in call order", async () => {
  const gate = new SlidingWindowBudget({ limit: 2, windowMs: 30 });
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 7 }, (_, i) =>
      gate.acquire().then((slot) => {
        order.push(i);
        slot.done();
      }),
    ),
  );
  expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
});

test("pauseFor holds every send until the server's reset", async () => {
  const b = new SlidingWindowBudget({ limit: 100, windowMs: 1000 });
  const t0 = clock.now();
  b.pauseFor(150);
  const slot = await b.acquire();
  expect(slot.grantedAt).toBeGreaterThanOrEqual(t0 + 150);
  slot.done();
});

test("after sustainedAfterMs of continuous use the limit halves, and recovers after an idle window", async () => {
  const b = new SlidingWindowBudget({ limit: 10, windowMs: 100, sustainedAfterMs: 300 });
  expect(b.currentLimit()).toBe(10);
  // Ten slots held at once: the full limit is available at first.
  const early = await Promise.all(Array.from({ length: 10 }, () => b.acquire()));
  expect(b.inFlightWindow()).toBe(10);
  for (const s of early) s.done();
  const t0 = clock.now();
  while (clock.now() - t0 < 350) await sendTimes(b, 3); // keep it busy past 300 ms
  expect(b.currentLimit()).toBe(5);
  const late = await sendTimes(b, 12);
  expect(mostInAnyWindow(late, 100)).toBeLessThanOrEqual(5);
  expect(late[10] - late[0]).toBeGreaterThanOrEqual(200); // sends 0, 5, 10 are a window apart each
  await sleep(250); // idle for more than a window
  const slot = await b.acquire();
  expect(b.currentLimit(slot.grantedAt)).toBe(10);
  slot.done();
});
