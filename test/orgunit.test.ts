// Org units through the real dynamic-provider host against the emulator: a tree created parents
// first, renames by PATCH, new parents and sibling orders by move (never a replacement), an
// out-of-band move refreshed and repaired, adoption by name under the same parent, deletes leaves
// first and refused while members remain — every org-unit write of a domain one at a time, at
// least a second apart, with no ordering violation recorded by the emulator. On a fast clock
// (the hosts share it), except the siblings' test, which keeps the rule in real time.
import { ORG_UNIT_WRITES } from "../emulator";
import { ONE_WRITE_PER_SECOND_IN_ORDER } from "../provider/ordering";
import { urn, type Host } from "../tools/host";
import { DOMAIN, leaks } from "../tools/fixture";
import { programSuite } from "./program-suite";
import { inRealTime, sleep, useFastClock } from "./support/time";

useFastClock();
/** The provider's gate: each org-unit write starts a window after the previous one's answer. */
const WINDOW_MS = ONE_WRITE_PER_SECOND_IN_ORDER.windowMs;

type Props = Record<string, any>;
interface State {
  name: string;
  id: string;
  outs: Props;
  inputs: Props;
}

const OTHER = 20000002;

describe("OrgUnit through the host", () => {
  const suite = programSuite("orgunits", `new lineworks.OrgUnit("u", { orgUnitName: "U", displayOrder: 1, domainId: ${DOMAIN} });`);
  const { provider } = suite;
  const emu = () => suite.f.emulator;
  const unit = (fields: Props, domainId = DOMAIN) => ({ __provider: provider("OrgUnit"), domainId, ...fields });
  const live = (id: string) => emu().objects("orgUnits").find((o) => o.orgUnitId === id);
  /** Org-unit API calls since log position `from` ("METHOD /path" with the /v1.0 prefix cut). */
  const calls = (from: number, method?: string) =>
    emu()
      .log.slice(from)
      .filter((e) => e.path.startsWith("/v1.0/orgunits") && (!method || e.method === method))
      .map((e) => `${e.method} ${e.path.slice(5)}`);
  const writesOf = (from: number) => emu().log.slice(from).filter((e) => e.path.startsWith("/v1.0/orgunits") && e.method !== "GET");

  let host: Host;
  beforeAll(async () => {
    host = await suite.start();
  });

  /** What `pulumi up` does for one resource: check, then create, or diff and update (never replace here). */
  async function up(h: Host, name: string, fields: Props, prev?: State, domainId = DOMAIN): Promise<State> {
    const u = urn("OrgUnit", name);
    const c = await h.check(u, prev?.inputs ?? {}, unit(fields, domainId));
    expect(c.failures).toEqual([]);
    if (!prev) {
      const r = await h.create(u, c.inputs);
      return { name, id: r.id, outs: r.properties, inputs: c.inputs };
    }
    const d = await h.diff(prev.id, u, prev.outs, c.inputs);
    expect(d.replaces).toEqual([]);
    if (d.changes === "none") return { ...prev, inputs: c.inputs };
    const r = await h.update(prev.id, u, prev.outs, c.inputs);
    return { name, id: prev.id, outs: r.properties, inputs: c.inputs };
  }

  const tree: Record<string, State> = {};

  test("a three-level tree is created parents first; outputs carry the ID, the assigned email, displayLevel and parentExternalKey", async () => {
    const from = emu().log.length;
    tree.hq = await up(host, "hq", { orgUnitName: "Head Office", displayOrder: 1, orgUnitExternalKey: "HQ", i18nNames: [{ language: "ja_JP", name: "本社" }] });
    tree.sales = await up(host, "sales", { orgUnitName: "Sales", displayOrder: 1, parentOrgUnitId: tree.hq.id, orgUnitExternalKey: "SALES", useMessage: true, useCalendar: true });
    tree.team = await up(host, "team", { orgUnitName: "Team A", displayOrder: 1, parentOrgUnitId: tree.sales.id });
    // A parent named by external key, as for a unit managed elsewhere.
    tree.support = await up(host, "support", { orgUnitName: "Support", displayOrder: 2, parentOrgUnitId: "externalKey:HQ", email: "Support.Desk@example.com" });

    expect(tree.hq.outs).toMatchObject({ orgUnitId: tree.hq.id, parentOrgUnitId: null, displayLevel: 1, parentExternalKey: null });
    expect(tree.hq.outs.email).toMatch(/^[^@]{2,}@/); // assigned by LINE WORKS, not declared
    expect(tree.hq.inputs).not.toHaveProperty("email");
    expect(tree.sales.outs).toMatchObject({ parentOrgUnitId: tree.hq.id, displayLevel: 2, parentExternalKey: "HQ", useMessage: true, useCalendar: true, useNote: false });
    expect(tree.team.outs).toMatchObject({ parentOrgUnitId: tree.sales.id, displayLevel: 3, parentExternalKey: "SALES" });
    expect(live(tree.team.id)).toMatchObject({ parentOrgUnitId: tree.sales.id, displayLevel: 3 });
    // The declared form stays in the outputs while it names the live parent: the next run sees no change.
    expect(live(tree.support.id)!.parentOrgUnitId).toBe(tree.hq.id);
    expect(tree.support.outs.parentOrgUnitId).toBe("externalKey:HQ");
    const again = await host.check(urn("OrgUnit", "support"), tree.support.inputs, unit({ orgUnitName: "Support", displayOrder: 2, parentOrgUnitId: "externalKey:HQ", email: "support.desk@example.com" }));
    expect((await host.diff(tree.support.id, urn("OrgUnit", "support"), tree.support.outs, again.inputs)).changes).toBe("none");

    expect(calls(from, "POST")).toEqual(["POST /orgunits", "POST /orgunits", "POST /orgunits", "POST /orgunits"]);
    const writes = writesOf(from);
    for (let i = 1; i < writes.length; i++) expect(writes[i].start - writes[i - 1].end).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(emu().orderingViolations).toEqual([]);
  });

  test("a rename is one PATCH; a new parent and a new sibling order are moves, never a replacement", async () => {
    let from = emu().log.length;
    tree.team = await up(host, "team", { orgUnitName: "Team Alpha", displayOrder: 1, parentOrgUnitId: tree.sales.id }, tree.team);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual([`PATCH /orgunits/${tree.team.id}`]);
    expect(live(tree.team.id)).toMatchObject({ orgUnitName: "Team Alpha", parentOrgUnitId: tree.sales.id });

    from = emu().log.length;
    tree.team = await up(host, "team", { orgUnitName: "Team Alpha", displayOrder: 1, parentOrgUnitId: tree.support.id }, tree.team);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual([`POST /orgunits/${tree.team.id}/move`]);
    expect(live(tree.team.id)).toMatchObject({ parentOrgUnitId: tree.support.id, parentExternalKey: null, displayLevel: 3 });
    expect(tree.team.outs.parentOrgUnitId).toBe(tree.support.id);

    from = emu().log.length;
    tree.team = await up(host, "team", { orgUnitName: "Team Alpha", displayOrder: 5, parentOrgUnitId: tree.support.id }, tree.team);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual([`POST /orgunits/${tree.team.id}/move`]);
    expect(live(tree.team.id)).toMatchObject({ displayOrder: 5, parentOrgUnitId: tree.support.id });

    // Back to the top level: parentOrgUnitId left out means top level.
    from = emu().log.length;
    tree.team = await up(host, "team", { orgUnitName: "Team Alpha", displayOrder: 5 }, tree.team);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual([`POST /orgunits/${tree.team.id}/move`]);
    expect(live(tree.team.id)).toMatchObject({ parentOrgUnitId: null, displayLevel: 1 });
    tree.team = await up(host, "team", { orgUnitName: "Team Alpha", displayOrder: 1, parentOrgUnitId: tree.sales.id }, tree.team);
    expect(live(tree.team.id)).toMatchObject({ parentOrgUnitId: tree.sales.id, displayOrder: 1, displayLevel: 3 });
    expect(emu().orderingViolations).toEqual([]);
  });

  test("an out-of-band move, reorder and rename show on refresh, and the next up repairs them", async () => {
    emu().update("orgUnits", tree.team.id, { parentOrgUnitId: tree.hq.id, displayOrder: 9, orgUnitName: "Renamed In Console" });
    const u = urn("OrgUnit", "team");
    // `pulumi up --refresh`: a new run (its own provider process and list snapshot), which starts
    // well over a second after the previous run's last write.
    await sleep(ORG_UNIT_WRITES.minSpacingMs);
    const run = await suite.start();
    const refreshed = await run.read(tree.team.id, u, tree.team.outs);
    expect(refreshed.properties).toMatchObject({ parentOrgUnitId: tree.hq.id, displayOrder: 9, orgUnitName: "Renamed In Console", displayLevel: 2 });
    expect(refreshed.inputs).toMatchObject({ parentOrgUnitId: tree.hq.id, displayOrder: 9 });
    const c = await run.check(u, refreshed.inputs!, unit({ orgUnitName: "Team Alpha", displayOrder: 1, parentOrgUnitId: tree.sales.id }));
    const d = await run.diff(tree.team.id, u, refreshed.properties, c.inputs);
    expect(d).toMatchObject({ changes: "some", replaces: [] });
    const from = emu().log.length;
    const r = await run.update(tree.team.id, u, refreshed.properties, c.inputs);
    expect(calls(from).filter((x) => !x.startsWith("GET"))).toEqual([`PATCH /orgunits/${tree.team.id}`, `POST /orgunits/${tree.team.id}/move`]);
    expect(live(tree.team.id)).toMatchObject({ parentOrgUnitId: tree.sales.id, displayOrder: 1, orgUnitName: "Team Alpha", displayLevel: 3 });
    tree.team = { ...tree.team, outs: r.properties, inputs: c.inputs };

    // A parent declared as externalKey:<key> keeps that form through a refresh while it names the live parent.
    const support = await run.read(tree.support.id, urn("OrgUnit", "support"), tree.support.outs);
    expect(support.properties.parentOrgUnitId).toBe("externalKey:HQ");
    expect(support.inputs!.parentOrgUnitId).toBe("externalKey:HQ");
    const supportCheck = await run.check(urn("OrgUnit", "support"), support.inputs!, unit({ orgUnitName: "Support", displayOrder: 2, parentOrgUnitId: "externalKey:HQ", email: "Support.Desk@example.com" }));
    expect((await run.diff(tree.support.id, urn("OrgUnit", "support"), support.properties, supportCheck.inputs)).changes).toBe("none");

    // A unit deleted in the console disappears from the state on refresh.
    const gone = emu().seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Short-lived", displayOrder: 3, parentOrgUnitId: tree.hq.id });
    const seen = await run.read(gone.orgUnitId, urn("OrgUnit", "gone"), { __provider: provider("OrgUnit"), domainId: DOMAIN, orgUnitId: gone.orgUnitId });
    expect(seen.id).toBe(gone.orgUnitId);
    emu().remove("orgUnits", gone.orgUnitId);
    expect((await run.read(gone.orgUnitId, urn("OrgUnit", "gone"), seen.properties)).id).toBe("");
  });

  test("a move under the unit's own descendant fails before any call, naming both", async () => {
    const from = emu().log.length;
    const u = urn("OrgUnit", "hq");
    const c = await host.check(u, tree.hq.inputs, unit({ orgUnitName: "Head Office", displayOrder: 1, orgUnitExternalKey: "HQ", parentOrgUnitId: tree.team.id, i18nNames: [{ language: "ja_JP", name: "本社" }] }));
    await expect(host.update(tree.hq.id, u, tree.hq.outs, c.inputs)).rejects.toThrow(
      new RegExp(`Cannot move org unit "Head Office" \\(${tree.hq.id}\\) under "Team Alpha" \\(${tree.team.id}\\), which is inside it`),
    );
    expect(writesOf(from)).toEqual([]);
    expect(live(tree.hq.id)!.parentOrgUnitId).toBeNull();
  });

  test("check names every broken rule before any call", async () => {
    const from = emu().log.length;
    const c = await host.check(urn("OrgUnit", "bad"), {}, unit({
      orgUnitName: "R&D * Lab",
      displayOrder: 0,
      parentOrgUnitId: "externalKey:a/b",
      description: "x".repeat(161),
      email: ".team@example.com",
      aliasEmails: Array.from({ length: 21 }, (_, i) => `alias${i}@example.com`),
      useMessage: false,
      useNote: true,
      useTask: true,
    }));
    const byProperty = Object.fromEntries(c.failures.map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual(["aliasEmails", "description", "displayOrder", "email", "orgUnitName", "parentOrgUnitId", "useNote", "useTask"]);
    expect(byProperty.orgUnitName).toMatch(/OrgUnit orgUnitName: the half-width character "\*" is not allowed/);
    expect(byProperty.displayOrder).toMatch(/displayOrder: must be at least 1, got the number 0/);
    expect(byProperty.description).toMatch(/at most 160 characters/);
    expect(byProperty.email).toMatch(/email: must start with a-z, 0-9, ! or #/);
    expect(byProperty.aliasEmails).toMatch(/at most 20 addresses/);
    expect(byProperty.useNote).toMatch(/useNote cannot be true while useMessage is false/);
    expect(byProperty.parentOrgUnitId).toMatch(/externalKey:<key> reference/);
    const fractional = await host.check(urn("OrgUnit", "bad2"), {}, unit({ orgUnitName: "Fine", displayOrder: 1.5, email: "ab..c@example.com" }));
    expect(fractional.failures.map((f) => f.property).sort()).toEqual(["displayOrder", "email"]);
    expect(emu().log.length).toBe(from);
  });

  test("a domainId change replaces the unit, deleting first", async () => {
    const u = urn("OrgUnit", "sales");
    const c = await host.check(u, tree.sales.inputs, unit({ orgUnitName: "Sales", displayOrder: 1, parentOrgUnitId: tree.hq.id, orgUnitExternalKey: "SALES" }, OTHER));
    expect(await host.diff(tree.sales.id, u, tree.sales.outs, c.inputs)).toMatchObject({ changes: "some", replaces: ["domainId"], deleteBeforeReplace: true });
  });

  test("adoption takes the unit with that name under the same parent, and refuses when several match", async () => {
    const adopting = await suite.start({ adoptExisting: "true" });
    const parent = emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Corp", displayOrder: 1, orgUnitExternalKey: "ADOPT_CORP" });
    emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Legal", displayOrder: 4 }); // same name, top level
    const legal = emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Legal", displayOrder: 2, parentOrgUnitId: parent.orgUnitId, description: "kept" });
    const from = emu().log.length;
    const adopted = await up(adopting, "legal", { orgUnitName: "Legal", displayOrder: 2, parentOrgUnitId: "externalKey:ADOPT_CORP", useMessage: true }, undefined, OTHER);
    expect(adopted.id).toBe(legal.orgUnitId);
    expect(calls(from).filter((c) => !c.startsWith("GET"))).toEqual([`PATCH /orgunits/${legal.orgUnitId}`]);
    expect(live(legal.orgUnitId)).toMatchObject({ useMessage: true, description: "kept", parentOrgUnitId: parent.orgUnitId });

    const a = emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Dup", displayOrder: 1, parentOrgUnitId: parent.orgUnitId });
    const b = emu().seed("orgUnits", { domainId: OTHER, orgUnitName: "Dup", displayOrder: 2, parentOrgUnitId: parent.orgUnitId });
    const before = emu().log.length;
    const u = urn("OrgUnit", "dup");
    const nextRun = await suite.start({ adoptExisting: "true" }); // a run is one point in time: a new run sees the new units
    const c = await nextRun.check(u, {}, unit({ orgUnitName: "Dup", displayOrder: 1, parentOrgUnitId: parent.orgUnitId }, OTHER));
    const err = await nextRun.create(u, c.inputs).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Cannot tell which org unit "Dup" is meant: 2 org units in domain 20000002/);
    expect(err?.message).toContain(a.orgUnitId);
    expect(err?.message).toContain(b.orgUnitId);
    expect(err?.message).toMatch(/Set an external key \(orgUnitExternalKey\) on the one to take over .* or adopt it by ID with the resource option `import: "<orgUnitId>"`/);
    expect(writesOf(before)).toEqual([]);
  });

  test("siblings issued at once are written one a second, in the order issued (in real time)", async () => {
    // The rule once on the real clock, as users run it: a new run, a host of its own on real time.
    await inRealTime(async () => {
      await sleep(ORG_UNIT_WRITES.minSpacingMs); // the previous run's last write is a second behind
      const run = await suite.start();
      const from = emu().log.length;
      const names = ["Sib 1", "Sib 2", "Sib 3", "Sib 4"];
      const finished: number[] = [];
      const created = await Promise.all(
        names.map((n, i) => up(run, `sib${i}`, { orgUnitName: n, displayOrder: i + 1, parentOrgUnitId: tree.hq.id }).then((s) => (finished.push(i), s))),
      );
      const posts = writesOf(from);
      expect(posts.map((e) => e.method)).toEqual(["POST", "POST", "POST", "POST"]);
      for (let i = 1; i < posts.length; i++) expect(posts[i].start - posts[i - 1].end).toBeGreaterThanOrEqual(WINDOW_MS);
      expect(finished).toEqual([0, 1, 2, 3]);
      for (const s of created) tree[s.name] = s;
      expect(emu().orderingViolations).toEqual([]);
      await sleep(ORG_UNIT_WRITES.minSpacingMs); // the file's host, which writes next, never saw these
    });
  });

  test("a delete refused while members remain names the unit and what to do; the tree is then destroyed leaves first", async () => {
    const member = emu().seed("users", {
      email: "member@example.com",
      userExternalKey: "EMP001",
      organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId: tree.team.id, primary: true }] }],
    });
    const err = await host.delete(tree.team.id, urn("OrgUnit", "team"), tree.team.outs).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/Cannot delete org unit "Team Alpha" \(.*\): LINE WORKS answered 400/);
    expect(err?.message).toMatch(/Move those members to another unit .* or delete them first/);
    expect(err?.message).toContain("EMP001");
    expect(live(tree.team.id)).toBeDefined();

    emu().remove("users", member.userId);
    const from = emu().log.length;
    // The engine deletes dependents first: children before their parents.
    for (const s of [tree.sib0, tree.sib1, tree.sib2, tree.sib3, tree.team, tree.support, tree.sales, tree.hq]) {
      await host.delete(s.id, urn("OrgUnit", s.name), s.outs);
    }
    expect(emu().objects("orgUnits", DOMAIN)).toEqual([]);
    const deletes = writesOf(from);
    expect(deletes.map((e) => e.method)).toEqual(Array(8).fill("DELETE"));
    for (let i = 1; i < deletes.length; i++) expect(deletes[i].start - deletes[i - 1].end).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(emu().orderingViolations).toEqual([]);
    const text = [host.stdout, host.stderr, err?.message, ...Object.values(tree).map((s) => JSON.stringify(s.outs))].join("\n");
    expect(suite.f.emulator.issuedTokens.length).toBeGreaterThan(0);
    expect(leaks(text, suite.f.secrets())).toEqual([]);
  });
});
