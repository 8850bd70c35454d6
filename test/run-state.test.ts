// A run's state is one object per provider process: configure and every operation use it, and
// resetRun starts a fresh one, as a new process would.
import { configure, currentRun, defaultDomainId, kindOf, resetRun } from "../provider/lifecycle";

const saved = process.env.LINEWORKS_DOMAIN_ID;
beforeEach(() => delete process.env.LINEWORKS_DOMAIN_ID);
afterAll(() => {
  if (saved === undefined) delete process.env.LINEWORKS_DOMAIN_ID;
  else process.env.LINEWORKS_DOMAIN_ID = saved;
  resetRun();
});

test("configure sets the current run's configuration", () => {
  const run = currentRun();
  configure({ domainId: "10000001" });
  expect(currentRun()).toBe(run);
  expect(run.config).toEqual({ domainId: "10000001" });
  expect(defaultDomainId()).toBe(10000001);
});

test("resetRun starts a fresh run: nothing configured, nothing created or adopted", () => {
  configure({ domainId: "10000001" });
  const old = currentRun();
  old.take(kindOf("Position"), "p-1", "created");
  const fresh = resetRun();
  expect(fresh).not.toBe(old);
  expect(currentRun()).toBe(fresh);
  expect(defaultDomainId()).toBeUndefined();
  expect(fresh.takenBy(kindOf("Position"), "p-1")).toBeUndefined();
  expect(old.takenBy(kindOf("Position"), "p-1")).toBe("created");
});
