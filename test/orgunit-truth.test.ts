// OrgUnit's field traits through the real host: fields the program stops declaring go back to
// their documented defaults (flags) or are cleared, an assigned email becomes unmanaged instead;
// email case and alias order make no diff; a lost create is recovered even where a unit of the
// same name already existed; references and imports by name fail clearly when they are not unique
// or do not exist; a unit its parent's delete already took along counts as deleted.
import { urn, type Host } from "../tools/host";
import { DOMAIN } from "../tools/fixture";
import { programSuite } from "./program-suite";
import { useFastClock } from "./support/time";

// On a fast clock, which the hosts share: the org units' rule in real time is orgunit.test.ts's.
useFastClock();

type Props = Record<string, any>;

describe("OrgUnit fields and recovery through the host", () => {
  const suite = programSuite("orgunit-truth", `new lineworks.OrgUnit("u", { orgUnitName: "U", displayOrder: 1, domainId: ${DOMAIN} });`, { knobs: { snapshotMaxAgeMs: "0" } });
  const emu = () => suite.f.emulator;
  const unit = (fields: Props) => ({ __provider: suite.provider("OrgUnit"), domainId: DOMAIN, ...fields });
  const live = (id: string) => emu().objects("orgUnits").find((o) => o.orgUnitId === id);
  const posts = (from: number) => emu().log.slice(from).filter((e) => e.method === "POST" && e.path === "/v1.0/orgunits");
  let host: Host;
  beforeAll(async () => {
    host = await suite.start();
  });

  test("flags the program stops declaring go back to their defaults, other fields are cleared, the assigned email stays", async () => {
    const u = urn("OrgUnit", "truth");
    const full = { orgUnitName: "Truth", displayOrder: 1, useMessage: true, useNote: true, visible: false, description: "temporary", email: "truth.team@example.com", aliasEmails: ["t1@example.com"] };
    const v1 = await host.check(u, {}, unit(full));
    expect(v1.failures).toEqual([]);
    const created = await host.create(u, v1.inputs);
    expect(live(created.id)).toMatchObject({ useMessage: true, useNote: true, visible: false, email: "truth.team@example.com" });

    const v2 = await host.check(u, v1.inputs, unit({ orgUnitName: "Truth", displayOrder: 1, useMessage: true }));
    expect(v2.inputs).toMatchObject({ useNote: false, visible: true, description: null, aliasEmails: null, parentOrgUnitId: null });
    expect(v2.inputs).not.toHaveProperty("email");
    expect((await host.diff(created.id, u, created.properties, v2.inputs)).changes).toBe("some");
    const updated = await host.update(created.id, u, created.properties, v2.inputs);
    expect(live(created.id)).toMatchObject({ useMessage: true, useNote: false, visible: true, description: null, aliasEmails: [], email: "truth.team@example.com" });
    expect(updated.properties.email).toBe("truth.team@example.com");

    const v3 = await host.check(u, v2.inputs, unit({ orgUnitName: "Truth", displayOrder: 1, useMessage: true }));
    expect((await host.diff(created.id, u, updated.properties, v3.inputs)).changes).toBe("none");
    await host.delete(created.id, u, updated.properties);
  });

  test("an email's case and the order of alias addresses make no diff", async () => {
    const u = urn("OrgUnit", "case");
    const c1 = await host.check(u, {}, unit({ orgUnitName: "Case", displayOrder: 2, email: "Case.Team@Example.com", aliasEmails: ["bb@example.com", "aa@example.com"] }));
    expect(c1.failures).toEqual([]);
    const created = await host.create(u, c1.inputs);
    expect(live(created.id)!.email).toBe("case.team@example.com");
    const c2 = await host.check(u, c1.inputs, unit({ orgUnitName: "Case", displayOrder: 2, email: "case.team@EXAMPLE.com", aliasEmails: ["AA@example.com", "bb@example.com"] }));
    expect((await host.diff(created.id, u, created.properties, c2.inputs)).changes).toBe("none");
    const c3 = await host.check(u, c2.inputs, unit({ orgUnitName: "Case", displayOrder: 2, email: "case.team@example.com", aliasEmails: ["aa@example.com", "cc@example.com"] }));
    expect((await host.diff(created.id, u, created.properties, c3.inputs)).changes).toBe("some");
    await host.delete(created.id, u, created.properties);
  });

  test("a create whose response was lost is recovered, not duplicated, although a unit of that name already existed there", async () => {
    const parent = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Lost Parent", displayOrder: 5 });
    const existing = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Twin", displayOrder: 1, parentOrgUnitId: parent.orgUnitId });
    emu().inject({ kind: "lose-response", method: "POST", path: "/orgunits", times: 1 });
    const from = emu().log.length;
    const u = urn("OrgUnit", "twin");
    const c = await host.check(u, {}, unit({ orgUnitName: "Twin", displayOrder: 2, parentOrgUnitId: parent.orgUnitId }));
    const created = await host.create(u, c.inputs);
    expect(created.id).not.toBe(existing.orgUnitId);
    expect(posts(from)).toHaveLength(1); // the lost POST was applied: found, not sent again
    const twins = emu().objects("orgUnits", DOMAIN).filter((o) => o.orgUnitName === "Twin");
    expect(twins.map((o) => o.orgUnitId).sort()).toEqual([existing.orgUnitId, created.id].sort());
    expect(live(created.id)).toMatchObject({ parentOrgUnitId: parent.orgUnitId, displayOrder: 2 });
  });

  test("an externalKey: parent that does not exist fails before any write, naming the key", async () => {
    const from = emu().log.length;
    const u = urn("OrgUnit", "orphan");
    const c = await host.check(u, {}, unit({ orgUnitName: "Orphan", displayOrder: 1, parentOrgUnitId: "externalKey:NO_SUCH_UNIT" }));
    expect(c.failures).toEqual([]);
    await expect(host.create(u, c.inputs)).rejects.toThrow(/parentOrgUnitId "externalKey:NO_SUCH_UNIT": no org unit has orgUnitExternalKey "NO_SUCH_UNIT"/);
    expect(posts(from)).toEqual([]);
  });

  test("import by name: a unique name is taken, a repeated one is refused with the candidates", async () => {
    const only = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Unique Import", displayOrder: 7 });
    const props = { __provider: suite.provider("OrgUnit"), domainId: DOMAIN };
    const imported = await host.read("name:Unique Import", urn("OrgUnit", "imp"), {}, props);
    expect(imported.id).toBe(only.orgUnitId);
    expect(imported.inputs).toMatchObject({ orgUnitName: "Unique Import", displayOrder: 7 });
    const a = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Same Name", displayOrder: 1 });
    const b = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Same Name", displayOrder: 2, parentOrgUnitId: only.orgUnitId });
    const err = await host.read("name:Same Name", urn("OrgUnit", "imp2"), {}, props).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Cannot tell which org unit "Same Name" is meant: 2 org units/);
    expect(err?.message).toContain(a.orgUnitId);
    expect(err?.message).toContain(b.orgUnitId);
  });

  test("a unit its parent's delete already took along counts as deleted", async () => {
    const top = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Cascade Top", displayOrder: 9 });
    const child = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Cascade Child", displayOrder: 1, parentOrgUnitId: top.orgUnitId });
    const props = (o: Props) => ({ __provider: suite.provider("OrgUnit"), domainId: DOMAIN, orgUnitId: o.orgUnitId, orgUnitName: o.orgUnitName });
    await host.delete(top.orgUnitId, urn("OrgUnit", "top"), props(top));
    expect(live(child.orgUnitId)).toBeUndefined(); // the emulator cascades member-less sub-units
    await expect(host.delete(child.orgUnitId, urn("OrgUnit", "child"), props(child))).resolves.toBeUndefined();
    expect(emu().orderingViolations).toEqual([]);
  });
});
