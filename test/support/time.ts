// Time in tests (not a test file itself): waits on the shared clock (clock/), so a test on a
// fast clock sleeps through a 1-second rule in a tenth of a second, and the count that checks a
// rate rule.
import { clock, setClockSpeed } from "../../clock";

/** How much faster than real time the suites that sleep through the 1-second rules run. */
export const FAST = 10;

/**
 * Runs this test file's clock, and the hosts it starts, FAST times faster: call it at the top of
 * the file, before any hook starts an emulator or a host. The rules stay 1000 ms of that clock.
 */
export function useFastClock(): void {
  setClockSpeed(FAST);
}

/** Resolves after `ms` of the shared clock. */
export const sleep = (ms: number): Promise<void> => clock.sleep(ms);

/** The most of `times` that any window [t, t + windowMs) holds. */
export const mostInAnyWindow = (times: number[], windowMs: number): number =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

/** Runs `fn` in real time (hosts it starts too), then goes back to the file's speed. */
export async function inRealTime<T>(fn: () => Promise<T>): Promise<T> {
  const speed = clock.speed;
  setClockSpeed(1);
  try {
    return await fn();
  } finally {
    setClockSpeed(speed);
  }
}
