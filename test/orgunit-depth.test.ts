// The org tree is at most 15 levels deep (Admin guide): through the real dynamic-provider host
// against the emulator, a create or a move that would go deeper is refused before any write,
// naming the unit and the parent's path; one that stays within 15 levels goes through.
import { urn, type Host } from "../tools/host";
import { DOMAIN } from "../tools/fixture";
import { programSuite, type State } from "./program-suite";

type Props = Record<string, any>;

describe("OrgUnit depth through the host", () => {
  const suite = programSuite("orgdepth", `new lineworks.OrgUnit("u", { orgUnitName: "U", displayOrder: 1, domainId: ${DOMAIN} });`);
  const emu = () => suite.f.emulator;
  const unit = (fields: Props) => ({ __provider: suite.provider("OrgUnit"), domainId: DOMAIN, ...fields });
  const writesSince = (from: number) => emu().log.slice(from).filter((e) => e.path.startsWith("/v1.0/orgunits") && e.method !== "GET").map((e) => `${e.method} ${e.path.slice(5)}`);
  const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected the operation to fail"); }, (e: Error) => e.message);

  let host: Host;
  /** A chain of 15 seeded units: chain[i] is at level i + 1. */
  const chain: string[] = [];
  beforeAll(async () => {
    host = await suite.start();
    for (let level = 1; level <= 15; level++) {
      chain.push(emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: `階層${level}`, displayOrder: 1, parentOrgUnitId: chain[level - 2] ?? null }).orgUnitId);
    }
  });

  async function up(name: string, fields: Props, prev?: State): Promise<State> {
    const u = urn("OrgUnit", name);
    const c = await host.check(u, prev?.inputs ?? {}, unit(fields));
    expect(c.failures).toEqual([]);
    if (!prev) {
      const r = await host.create(u, c.inputs);
      return { id: r.id, outs: r.properties, inputs: c.inputs };
    }
    const r = await host.update(prev.id, u, prev.outs, c.inputs);
    return { id: prev.id, outs: r.properties, inputs: c.inputs };
  }

  test("a create under a unit at level 15 is refused before the POST, naming the unit and the parent's path", async () => {
    const from = emu().log.length;
    const message = await failure(up("too-deep", { orgUnitName: "第16階層", orgUnitExternalKey: "OU-16", displayOrder: 1, parentOrgUnitId: chain[14] }));
    expect(message).toMatch(/Cannot create org unit "第16階層" \(orgUnitExternalKey "OU-16"\) under org unit "階層15" \(orgUnitId [^)]+\): that org unit is at level 15 \(階層1 > .* > 階層15\), so this would reach level 16/);
    expect(message).toContain("at most 15 levels of org units");
    expect(writesSince(from)).toEqual([]);
    // Under level 14 it fits: level 15.
    const fits = await up("fits", { orgUnitName: "第15階層", displayOrder: 2, parentOrgUnitId: chain[13] });
    expect(fits.outs.displayLevel).toBe(15);
  });

  test("a move that would put the unit or the units under it below level 15 is refused before the move, naming it", async () => {
    const team = await up("team", { orgUnitName: "Team", orgUnitExternalKey: "TEAM", displayOrder: 2 });
    await up("sub", { orgUnitName: "Sub", displayOrder: 1, parentOrgUnitId: team.id });
    const from = emu().log.length;
    const message = await failure(up("team", { orgUnitName: "Team", orgUnitExternalKey: "TEAM", displayOrder: 2, parentOrgUnitId: chain[13] }, team));
    expect(message).toMatch(/Cannot move org unit "Team" \(orgUnitId [^,]+, orgUnitExternalKey "TEAM"\) with the 1 level of org units under it under org unit "階層14" .* would reach level 16/);
    expect(writesSince(from)).toEqual([]);
    // Under level 13, Team is at 14 and Sub at 15.
    const moved = await up("team", { orgUnitName: "Team", orgUnitExternalKey: "TEAM", displayOrder: 2, parentOrgUnitId: chain[12] }, team);
    expect(moved.outs.displayLevel).toBe(14);
    expect(emu().objects("orgUnits").find((o) => o.orgUnitName === "Sub")!.displayLevel).toBe(15);
  });
});
