// Org-unit fault soak: a tree built, reshaped (renames, moves, reorders) and destroyed through the
// real host while the emulator injects faults on the org-unit API — 429, 503, dropped
// connections, and writes (creates, PATCHes, moves, deletes) whose answer is lost after the
// server applied them. The end state is exactly the declared tree at every step, with no unit
// duplicated or lost, and no two org-unit writes of the domain closer than a second — of a fast
// clock, which the host and the emulator share.
import { urn, type Host } from "../tools/host";
import { DOMAIN, prng } from "../tools/fixture";
import { programSuite } from "./program-suite";
import { useFastClock } from "./support/time";

useFastClock();

type Props = Record<string, any>;
interface Unit {
  name: string;
  parent?: string;
  order: number;
  title: string;
  id?: string;
  inputs?: Props;
  outs?: Props;
}


describe("org units under injected faults", () => {
  const suite = programSuite("orgunit-soak", `new lineworks.OrgUnit("u", { orgUnitName: "U", displayOrder: 1, domainId: ${DOMAIN} });`, {
    emulator: { rateLimitPerMinute: 1_000_000 },
    knobs: { requestsPerMinute: "1000000", retryLimit: "8", retryBaseDelayMs: "5", retryMaxDelayMs: "100" },
  });
  const emu = () => suite.f.emulator;
  let host: Host;
  beforeAll(async () => {
    host = await suite.start();
  });

  test("a tree built, reshaped and destroyed under ~20 % faults ends exactly as declared at every step", async () => {
    const units: Unit[] = [
      ...["East", "West", "North"].map((n, i) => ({ name: n, order: i + 1, title: `${n} Division` })),
      ...["E1", "E2", "W1", "W2", "N1", "N2"].map((n, i) => ({ name: n, parent: { E: "East", W: "West", N: "North" }[n[0]]!, order: (i % 2) + 1, title: `Team ${n}` })),
    ];
    const byName = (n: string) => units.find((u) => u.name === n)!;
    const declared = (u: Unit): Props => ({
      __provider: suite.provider("OrgUnit"),
      domainId: DOMAIN,
      orgUnitName: u.title,
      displayOrder: u.order,
      orgUnitExternalKey: `SOAK_${u.name}`,
      ...(u.parent ? { parentOrgUnitId: byName(u.parent).id } : {}),
    });
    async function apply(u: Unit): Promise<void> {
      const r = urn("OrgUnit", u.name);
      const c = await host.check(r, u.inputs ?? {}, declared(u));
      expect(c.failures).toEqual([]);
      if (!u.id) {
        const created = await host.create(r, c.inputs);
        Object.assign(u, { id: created.id, inputs: c.inputs, outs: created.properties });
        return;
      }
      const d = await host.diff(u.id, r, u.outs!, c.inputs);
      expect(d.replaces).toEqual([]);
      if (d.changes === "none") return;
      const updated = await host.update(u.id, r, u.outs!, c.inputs);
      Object.assign(u, { inputs: c.inputs, outs: updated.properties });
    }
    /** The emulator holds exactly the declared units: names, parents, orders, keys; nothing else. */
    function expectDeclaredTree(): void {
      const live = emu().objects("orgUnits", DOMAIN);
      expect(live.map((o) => o.orgUnitExternalKey).sort()).toEqual(units.filter((u) => u.id).map((u) => `SOAK_${u.name}`).sort());
      for (const u of units.filter((x) => x.id)) {
        expect(live.find((o) => o.orgUnitId === u.id)).toMatchObject({ orgUnitName: u.title, displayOrder: u.order, parentOrgUnitId: u.parent ? byName(u.parent).id : null });
      }
    }

    emu().randomFaults({ rate: 0.2, kinds: ["429", "503", "drop", "lose-response"], seed: 20261127, methods: ["POST", "PATCH", "DELETE"] });
    // Build: parents first (their IDs are the children's parentOrgUnitId), siblings concurrently
    // as the engine does with --parallel.
    await Promise.all(units.filter((u) => !u.parent).map(apply));
    await Promise.all(units.filter((u) => u.parent).map(apply));
    expectDeclaredTree();

    // Reshape: renames (PATCH), moves to another division, reorders (move), and both at once.
    // Besides the random faults: the first moves are applied but their answers lost, then one fails.
    emu().inject({ kind: "lose-response", method: "POST", path: /\/move$/, times: 2 });
    emu().inject({ kind: "503", method: "POST", path: /\/move$/, times: 1 });
    const rnd = prng(11);
    const tops = ["East", "West", "North"];
    for (let round = 0; round < 3; round++) {
      const changed = units.filter((u) => u.parent).filter(() => rnd() < 0.5);
      for (const u of changed) {
        const r = rnd();
        if (r < 0.3) u.title = `${u.title.split(" v")[0]} v${round}`;
        else if (r < 0.6) u.parent = tops[(tops.indexOf(u.parent!) + 1) % tops.length];
        else if (r < 0.8) u.order += 1;
        else Object.assign(u, { title: `${u.title.split(" v")[0]} v${round}`, parent: tops[Math.floor(rnd() * 3)] });
      }
      await Promise.all(changed.map(apply));
      expectDeclaredTree();
    }

    // Destroy: children first, then their parents.
    for (const level of [units.filter((u) => u.parent), units.filter((u) => !u.parent)]) {
      await Promise.all(level.map((u) => host.delete(u.id!, urn("OrgUnit", u.name), u.outs!)));
      for (const u of level) u.id = undefined;
    }
    emu().randomFaults(null);
    expect(emu().objects("orgUnits", DOMAIN)).toEqual([]);

    const faults = emu().log.filter((e) => e.fault && e.path.startsWith("/v1.0/orgunits"));
    const lost = new Set(faults.filter((e) => e.fault === "lose-response").map((e) => e.api));
    expect([...lost].sort()).toEqual(expect.arrayContaining(["POST /orgunits", "POST /orgunits/{id}/move"]));
    expect(faults.length).toBeGreaterThan(5);
    expect(emu().orderingViolations).toEqual([]);
    expect(emu().violations).toEqual([]);
  }, 180_000);
});
