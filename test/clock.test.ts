// The shared clock: real time by default, `speed` times faster when asked, continuous across a
// speed change, and handed to child processes through the environment.
import { CLOCK_SPEED_ENV, Clock, clockEnv, setClockSpeed, clock } from "../clock";

test("at speed 1 the clock is the wall clock", () => {
  const c = new Clock();
  const before = Date.now();
  const now = c.now();
  expect(now).toBeGreaterThanOrEqual(before);
  expect(now).toBeLessThanOrEqual(Date.now());
  expect(c.real(1000)).toBe(1000);
});

test("at speed 10 a sleep of 500 ms of the clock takes about 50 ms, and the clock sees 500", async () => {
  const c = new Clock(10);
  const [t0, r0] = [c.now(), Date.now()];
  await c.sleep(500);
  expect(c.now() - t0).toBeGreaterThanOrEqual(500);
  expect(Date.now() - r0).toBeLessThan(400);
});

test("a speed change neither jumps nor runs back", () => {
  const c = new Clock(10);
  const before = c.now();
  c.setSpeed(1);
  const after = c.now();
  expect(after).toBeGreaterThanOrEqual(before);
  expect(after - before).toBeLessThan(50);
});

test("a speed must be a positive number", () => {
  expect(() => new Clock(0)).toThrow(/positive number/);
  expect(() => new Clock(Number.NaN)).toThrow(/positive number/);
});

test("processes started later get this process's speed", () => {
  setClockSpeed(4);
  expect(clock.speed).toBe(4);
  expect(clockEnv()).toEqual({ [CLOCK_SPEED_ENV]: "4" });
  setClockSpeed(1);
});

test(`${CLOCK_SPEED_ENV} sets the speed a process starts with; a bad value is named`, () => {
  const load = (value: string) => {
    process.env[CLOCK_SPEED_ENV] = value;
    try {
      let speed = 0;
      jest.isolateModules(() => void (speed = (require("../clock") as typeof import("../clock")).clock.speed));
      return speed;
    } finally {
      delete process.env[CLOCK_SPEED_ENV];
    }
  };
  expect(load("3")).toBe(3);
  expect(load("")).toBe(1);
  expect(() => load("fast")).toThrow(`${CLOCK_SPEED_ENV} must be a positive number, not "fast"`);
});
