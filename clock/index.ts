// One clock for every wait and every duration measured against a rule: the provider's budgets,
// write gates, snapshots, token renewal and rename waits, and the emulator's rule recorders and
// request log. Both sides import this leaf module (the emulator never imports provider/), so a
// test can run the LINE WORKS rules on a faster clock and the provider and the emulator still
// agree on what "one second" is.
//
// Virtual time runs `speed` times faster than real time; every duration here (sleep, timers,
// now() differences) is in virtual milliseconds, so the rules stay 1000 ms. The speed is 1 (real
// time) unless LINEWORKS_CLOCK_SPEED says otherwise when the process starts, or setClockSpeed()
// changes it; processes a test spawns (dynamic-provider hosts, emulators) are handed the variable
// so they keep the same time as the test.
//
// Epoch stamps stay real. now() is for durations and deadlines compared inside one process: at a
// speed above 1 it runs ahead of the wall clock (by (speed - 1) times the time since the last
// speed change), and two processes started at different moments disagree on it. So what another
// process or a file reads as a date — JWT iat/exp in epoch seconds, a soft delete's deletedAt —
// keeps Date.now(); only the lengths of time that cross processes (a token's expires_in, a
// rateLimit-reset) are virtual, and both sides scale those alike.

export const CLOCK_SPEED_ENV = "LINEWORKS_CLOCK_SPEED";

/** A speed from the environment or a caller: a positive finite number. */
function checkedSpeed(value: number, source: string, given: string = String(value)): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${source} must be a positive number, not ${JSON.stringify(given)}`);
  return value;
}

function speedFromEnv(): number {
  const raw = process.env[CLOCK_SPEED_ENV];
  return raw === undefined || raw === "" ? 1 : checkedSpeed(Number(raw), CLOCK_SPEED_ENV, raw);
}

export class Clock {
  private rate: number;
  // The real and virtual times of the last speed change: now() continues from there, so a speed
  // change never makes time jump or run backwards.
  private realAt = Date.now();
  private virtualAt = this.realAt;

  constructor(speed = 1) {
    this.rate = checkedSpeed(speed, "clock speed");
  }

  /** How many times faster than real time this clock runs (1: real time). */
  get speed(): number {
    return this.rate;
  }

  /** Virtual milliseconds; equal to Date.now() at speed 1. Compare only with now() of this process. */
  now(): number {
    return this.virtualAt + (Date.now() - this.realAt) * this.rate;
  }

  /** Real milliseconds that `ms` of this clock take. */
  real(ms: number): number {
    return ms / this.rate;
  }

  /**
   * Resolves after `ms` of this clock, never earlier: a timer may fire a real millisecond before
   * Date.now() says it is due, which a fast clock multiplies, so it waits again for what is left.
   */
  async sleep(ms: number): Promise<void> {
    const until = this.now() + ms;
    let left = ms;
    do {
      await new Promise<void>((resolve) => setTimeout(resolve, left > 0 ? Math.ceil(this.real(left)) : 0));
      left = until - this.now();
    } while (left > 0);
  }

  /** setTimeout with the delay in this clock's milliseconds; clear it with clearTimeout. */
  setTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
    return setTimeout(fn, this.real(ms));
  }

  /** Changes the speed from now on; timers already set keep their real delay. */
  setSpeed(speed: number): void {
    const v = this.now();
    this.rate = checkedSpeed(speed, "clock speed");
    this.realAt = Date.now();
    this.virtualAt = v;
  }
}

/** The clock of this process. */
export const clock = new Clock(speedFromEnv());

/**
 * Runs this process's clock at `speed` (1: real time). Processes started afterwards get the same
 * speed through clockEnv().
 */
export function setClockSpeed(speed: number): void {
  clock.setSpeed(speed);
}

/** The environment entry that gives a child process this process's clock speed. */
export function clockEnv(): Record<string, string> {
  return { [CLOCK_SPEED_ENV]: String(clock.speed) };
}
