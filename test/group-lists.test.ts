// The group list carries each group's members and masters (doc: group-list): a refresh of 40
// groups through the real dynamic-provider host costs one list page, and adoption compares the
// listed sets without reading any group apart. An answer without the sets (the emulator's
// groupListCarriesMembers false) still refreshes right, through each group's own pages.
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { providerText, runProgram, type Registered } from "../tools/program";
import { startFixture, DOMAIN, type Fixture } from "../tools/fixture";

type Props = Record<string, any>;

describe("group sets from the list", () => {
  let dir: string;
  let registered: Registered[];
  const fixtures: Fixture[] = [];
  const hosts: Host[] = [];
  const start = async (f: Fixture, knobs: Record<string, string> = {}) => {
    const h = await Host.start({ cwd: dir });
    hosts.push(h);
    await h.configure({ ...f.config, ...knobs });
    return h;
  };
  const fixture = async (carries: boolean) => {
    const f = await startFixture({ groupListCarriesMembers: carries });
    fixtures.push(f);
    return f;
  };
  const props = (fields: Props) => ({ __provider: providerText(registered, "Group"), domainId: DOMAIN, ...fields });
  const groupGets = (f: Fixture, from: number) => f.emulator.log.slice(from).filter((e) => e.method === "GET" && e.path.startsWith("/v1.0/groups")).map((e) => e.api);

  /** 40 groups, each with its own master and two members, seeded; returns them as the API presents them. */
  function seed40(f: Fixture): Props[] {
    return Array.from({ length: 40 }, (_, i) => {
      const [a, b] = [`m${i}a`, `m${i}b`].map(
        (n) => f.emulator.seed("users", { domainId: DOMAIN, email: `${n}@example.com`, userName: { lastName: n }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] }).userId as string,
      );
      return f.emulator.seed("groups", { domainId: DOMAIN, groupName: `Team ${i}`, administrators: [{ userId: a }], members: [{ id: a, type: "USER" }, { id: b, type: "USER" }] });
    });
  }
  const stateOf = (g: Props) => props({ groupId: g.groupId, groupName: g.groupName, administrators: [{ userId: g.administrators[0].userId }], members: g.members.map((m: Props) => ({ id: m.id, type: m.type })) });

  beforeAll(async () => {
    dir = makeProgramDir("group-lists");
    registered = await runProgram(dir, `new lineworks.Group("g", { groupName: "G", administrators: [{ userId: "x@example.com" }], members: [] });`);
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop();
    for (const f of fixtures) await f.emulator.stop();
    removeDir(dir);
  });

  async function refresh40(carries: boolean) {
    const f = await fixture(carries);
    const groups = seed40(f);
    // A member joined one group out of band: the refresh must see it from whichever source.
    const extra = f.emulator.seed("users", { domainId: DOMAIN, email: "late@example.com", userName: { lastName: "Late" }, organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }] }).userId;
    f.emulator.update("groups", groups[7].groupId, { members: [...groups[7].members.map((m: Props) => ({ id: m.id, type: m.type })), { id: extra, type: "USER" }] });
    const host = await start(f);
    const from = f.emulator.log.length;
    const results = await Promise.all(groups.map((g) => host.read(g.groupId, urn("Group", g.groupName), stateOf(g))));
    return { f, groups, extra, results, calls: groupGets(f, from) };
  }

  test("a refresh of 40 groups costs 1 list page when the list carries the sets; each group's members and masters are read right", async () => {
    const { groups, extra, results, calls } = await refresh40(true);
    expect(calls).toEqual(["GET /groups"]);
    expect(results.map((r) => r.id)).toEqual(groups.map((g) => g.groupId));
    expect(results[3].properties.administrators).toEqual([{ userId: groups[3].administrators[0].userId }]);
    expect(results[3].properties.members.map((m: Props) => m.id).sort()).toEqual(groups[3].members.map((m: Props) => m.id).sort());
    expect(results[7].properties.members.map((m: Props) => m.id)).toContain(extra);
  });

  test("the fallback: a list without the sets costs 1 list page and each group's member and master pages (81), with the same result", async () => {
    const { groups, extra, results, calls } = await refresh40(false);
    expect(calls.filter((a) => a === "GET /groups")).toHaveLength(1);
    expect(calls.filter((a) => a === "GET /groups/{id}/members")).toHaveLength(40);
    expect(calls.filter((a) => a === "GET /groups/{id}/administrators")).toHaveLength(40);
    expect(calls).toHaveLength(81);
    expect(results.map((r) => r.id)).toEqual(groups.map((g) => g.groupId));
    expect(results[3].properties.administrators).toEqual([{ userId: groups[3].administrators[0].userId }]);
    expect(results[7].properties.members.map((m: Props) => m.id)).toContain(extra);
  });

  test("adoption by name compares the listed sets: no group is read apart, and only the missing member is written", async () => {
    for (const carries of [true, false]) {
      const f = await fixture(carries);
      const groups = seed40(f);
      const host = await start(f, { "lineworks:adoptExisting": "true" });
      const g = groups[5];
      const other = groups[6].members[1].id;
      const news = props({ groupName: g.groupName, administrators: [{ userId: g.administrators[0].userId }], members: [...g.members.map((m: Props) => ({ id: m.id, type: m.type })), { id: other, type: "USER" }] });
      const c = await host.check(urn("Group", "adopt"), {}, news);
      expect(c.failures).toEqual([]);
      const from = f.emulator.log.length;
      const r = await host.create(urn("Group", "adopt"), c.inputs);
      expect(r.id).toBe(g.groupId);
      const calls = f.emulator.log.slice(from).filter((e) => e.path.startsWith("/v1.0/groups")).map((e) => e.api);
      const apart = calls.filter((a) => a === "GET /groups/{id}/members" || a === "GET /groups/{id}/administrators");
      expect([carries, apart.length]).toEqual([carries, carries ? 0 : 2]);
      expect(calls.filter((a) => a.startsWith("POST") || a.startsWith("DELETE") || a.startsWith("PATCH"))).toEqual(["POST /groups/{id}/members"]);
    }
  });
});
