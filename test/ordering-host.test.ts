// No two requests on one object at once, through the real dynamic-provider host: the emulator
// rejects overlap and records it, so the assertion can fail.
import { ApiClient } from "../provider/client";
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { runProgram } from "../tools/program";
import { startFixture, DOMAIN } from "../tools/fixture";

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
