// Time in tests (not a test file itself): waits on the shared clock (clock/), and the count
// that checks a rate rule.
import { clock } from "../../clock";

/** Resolves after `ms` of the shared clock. */
export const sleep = (ms: number): Promise<void> => clock.sleep(ms);

/** The most of `times` that any window [t, t + windowMs) holds. */
export const mostInAnyWindow = (times: number[], windowMs: number): number =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
