// Adoption can never delete what it took over; two resources of one program cannot both take one
// object; adoption at scale reads one list snapshot per type and domain; and a refresh after a
// feature was switched off in the admin console reports its objects gone, so an up brings the
// switch and the objects back. Through the real host against the emulator.
import { urn } from "../tools/host";
import { DOMAIN } from "../tools/fixture";
import { programSuite } from "./program-suite";

describe("adoption and feature switches through the host", () => {
  const suite = programSuite(
    "adoption",
    `new lineworks.Position("p", { positionName: "P", displayOrder: 1, domainId: ${DOMAIN} });
     new lineworks.DirectoryFeature("f", { feature: "positions", domainId: ${DOMAIN} });`,
  );
  const { start, provider } = suite;
  const position = (fields: Record<string, unknown>) => ({ __provider: provider("Position"), domainId: DOMAIN, displayOrder: 1, ...fields });
  const writes = (from: number) => suite.f.emulator.log.slice(from).filter((e) => e.method !== "GET" && e.path.startsWith("/v1.0"));

  test("a resource renamed in the program adopts its object, and the old resource's delete only forgets it", async () => {
    // Run 1 creates the position under the resource name "old-key".
    const run1 = await start();
    const oldUrn = urn("Position", "old-key");
    const v1 = await run1.check(oldUrn, {}, position({ positionName: "Renamed Key", positionExternalKey: "OLD_KEY" }));
    const created = await run1.create(oldUrn, v1.inputs);

    // Run 2 (a new host): the data file's key was edited, so the program names the resource
    // "new-key": Pulumi creates it (adoption finds the object by name) and deletes "old-key".
    const run2 = await start({ adoptExisting: "true" });
    const newUrn = urn("Position", "new-key");
    const v2 = await run2.check(newUrn, {}, position({ positionName: "Renamed Key", positionExternalKey: "NEW_KEY" }));
    const adopted = await run2.create(newUrn, v2.inputs);
    expect(adopted.id).toBe(created.id);
    const from = suite.f.emulator.log.length;
    await run2.delete(created.id, oldUrn, created.properties);
    expect(writes(from)).toEqual([]);
    expect(suite.f.emulator.objects("positions", DOMAIN).find((p) => p.positionId === created.id)).toMatchObject({ positionExternalKey: "NEW_KEY" });
    // The host's stderr (the engine shows it) reaches us a moment after the RPC's answer.
    for (let i = 0; i < 100 && !/not deleted/.test(run2.stderr); i++) await new Promise((r) => setTimeout(r, 20));
    expect(run2.stderr).toMatch(/adopted by another resource in this run: not deleted/);

    // In a later run, deleting the resource that adopted it does delete it.
    const run3 = await start();
    await run3.delete(adopted.id, newUrn, adopted.properties);
    expect(suite.f.emulator.objects("positions", DOMAIN).find((p) => p.positionId === created.id)).toBeUndefined();
  });

  test("two resources of one program that resolve to one object: the second fails before any write, naming it", async () => {
    const seeded = suite.f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Shared", displayOrder: 5, positionExternalKey: "SHARED" });
    const run = await start({ adoptExisting: "true" });
    const a = await run.create(urn("Position", "first"), (await run.check(urn("Position", "first"), {}, position({ positionName: "Shared", positionExternalKey: "SHARED" }))).inputs);
    expect(a.id).toBe(seeded.positionId);
    const from = suite.f.emulator.log.length;
    const second = run.check(urn("Position", "second"), {}, position({ positionName: "Shared", displayOrder: 9 })).then((c) => run.create(urn("Position", "second"), c.inputs));
    await expect(second).rejects.toThrow(new RegExp(`Cannot adopt position positionName "Shared" \\(positionId ${seeded.positionId}.*already adopted it for another resource.*aliases`, "s"));
    expect(writes(from)).toEqual([]);
    expect(suite.f.emulator.objects("positions", DOMAIN).find((p) => p.positionId === seeded.positionId)).toMatchObject({ displayOrder: 1 });
  });

  test("N adopting creates share one list snapshot: ceil(M/100) list calls, not one per create", async () => {
    const d = 20000002;
    const seeded = Array.from({ length: 250 }, (_, i) => suite.f.emulator.seed("positions", { domainId: d, positionName: `Scale ${i}`, displayOrder: i, positionExternalKey: `SCALE_${i}` }));
    const run = await start({ adoptExisting: "true" });
    const from = suite.f.emulator.log.length;
    const decls = seeded.slice(0, 150).map((s, i) => position({ domainId: d, positionName: s.positionName, positionExternalKey: s.positionExternalKey, displayOrder: i % 2 ? s.displayOrder : s.displayOrder + 1000 }));
    const fresh = Array.from({ length: 20 }, (_, i) => position({ domainId: d, positionName: `Scale new ${i}` }));
    const results = await Promise.all(
      [...decls, ...fresh].map(async (news, i) => {
        const u = urn("Position", `scale-${i}`);
        return run.create(u, (await run.check(u, {}, news)).inputs);
      }),
    );
    expect(results.slice(0, 150).map((r) => r.id)).toEqual(seeded.slice(0, 150).map((s) => s.positionId));
    const log = suite.f.emulator.log.slice(from);
    const lists = log.filter((e) => e.method === "GET" && e.path === "/v1.0/directory/positions").length;
    expect(lists).toBeLessThanOrEqual(Math.ceil(250 / 100) + 1);
    expect(log.filter((e) => e.method === "GET" && e.path.startsWith("/v1.0/directory/positions/")).length).toBe(0);
    expect(log.filter((e) => e.method === "PATCH").length).toBe(75); // only the ones that differ
    expect(log.filter((e) => e.method === "POST" && e.path === "/v1.0/directory/positions").length).toBe(20);

    // The refresh of the same run reads the snapshot that its writes kept up to date: no new list.
    const before = suite.f.emulator.log.length;
    const reread = await run.read(results[0].id, urn("Position", "scale-0"), results[0].properties);
    expect(reread.properties.displayOrder).toBe(1000);
    expect(suite.f.emulator.log.length).toBe(before);
  });

  test("a feature switched off in the admin console: refresh reports its objects gone; up re-enables and recreates", async () => {
    const run1 = await start();
    const fu = urn("DirectoryFeature", "f");
    const feature = await run1.create(fu, (await run1.check(fu, {}, { __provider: provider("DirectoryFeature"), domainId: DOMAIN, feature: "positions" })).inputs);
    const pu = urn("Position", "wiped");
    const pv = await run1.check(pu, {}, position({ positionName: "Wiped" }));
    const pos = await run1.create(pu, pv.inputs);

    suite.f.emulator.setFeature(DOMAIN, "positions", false); // wipes every position of the domain

    // `pulumi refresh` (a new run): the feature reads as off, the position as gone — no error.
    const run2 = await start();
    const fr = await run2.read(feature.id, fu, feature.properties);
    expect(fr.properties.enabled).toBe(false);
    expect((await run2.read(pos.id, pu, pos.properties)).id).toBe("");

    // `pulumi up`: the switch shows a change and is turned on first; the position is created again.
    const run3 = await start();
    const fc = await run3.check(fu, fr.inputs ?? feature.properties, { __provider: provider("DirectoryFeature"), domainId: DOMAIN, feature: "positions" });
    expect((await run3.diff(feature.id, fu, fr.properties, fc.inputs)).changes).toBe("some");
    const enabled = await run3.update(feature.id, fu, fr.properties, fc.inputs);
    expect(enabled.properties.enabled).toBe(true);
    const recreated = await run3.create(pu, (await run3.check(pu, {}, position({ positionName: "Wiped" }))).inputs);
    expect(suite.f.emulator.objects("positions", DOMAIN).map((p) => p.positionId)).toContain(recreated.id);
  });
});
