// Refresh reads come from a list snapshot of the type: ceil(N/100) list calls for N objects
// instead of N GETs, a GET confirming before anything is reported gone; the run's own writes
// update the snapshot in place, and a snapshot older than the configured age is read again.
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { runProgram, type Registered } from "../tools/program";
import { startFixture, DOMAIN, type Fixture } from "../tools/fixture";

describe("list-based refresh", () => {
  let f: Fixture;
  let dir: string;
  let registered: Registered[];
  const hosts: Host[] = [];
  const start = async (config: Record<string, string>) => {
    const h = await Host.start({ cwd: dir });
    hosts.push(h);
    await h.configure(config);
    return h;
  };
  const provider = () => registered[0].inputs.__provider;
  const state = (o: any) => ({ __provider: provider(), domainId: DOMAIN, positionId: o.positionId, positionName: o.positionName, displayOrder: o.displayOrder });
  const calls = (from: number, pred: (e: { method: string; path: string }) => boolean) => f.emulator.log.slice(from).filter(pred).length;
  const isList = (e: { method: string; path: string }) => e.method === "GET" && e.path === "/v1.0/directory/positions";
  const isGetOne = (e: { method: string; path: string }) => e.method === "GET" && e.path.startsWith("/v1.0/directory/positions/");

  beforeAll(async () => {
    f = await startFixture();
    dir = makeProgramDir("refresh");
    registered = await runProgram(dir, `new lineworks.Position("p", { positionName: "P", displayOrder: 1, domainId: ${DOMAIN} });`);
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop();
    await f.emulator.stop();
    removeDir(dir);
  });

  test("N reads cost ceil(N/100) list calls; a missing object is confirmed by one GET", async () => {
    const host = await start(f.config);
    const objs = Array.from({ length: 250 }, (_, i) => f.emulator.seed("positions", { domainId: DOMAIN, positionName: `Refresh ${i}`, displayOrder: i }));
    const from = f.emulator.log.length;
    const results = await Promise.all(objs.map((o) => host.read(o.positionId, urn("Position", o.positionName), state(o))));
    expect(results.map((r) => r.id)).toEqual(objs.map((o) => o.positionId));
    expect(results[7].properties).toMatchObject({ positionName: "Refresh 7", displayOrder: 7 });
    expect(calls(from, isList)).toBe(3);
    expect(calls(from, isGetOne)).toBe(0);

    const gone = await host.read("position-missing", urn("Position", "gone"), { ...state(objs[0]), positionId: "position-missing" });
    expect(gone.id).toBe("");
    expect(calls(from, isGetOne)).toBe(1);
  });

  test("a write through the provider updates the run's snapshot in place: no second list", async () => {
    const host = await start(f.config);
    const o = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Written", displayOrder: 1 });
    await host.read(o.positionId, urn("Position", "w"), state(o));
    await host.update(o.positionId, urn("Position", "w"), state(o), { ...state(o), displayOrder: 42 });
    const from = f.emulator.log.length;
    const after = await host.read(o.positionId, urn("Position", "w"), state(o));
    expect(after.properties.displayOrder).toBe(42);
    expect(calls(from, isList)).toBe(0);
    expect(calls(from, isGetOne)).toBe(0);
  });

  test("a snapshot older than snapshotMaxAgeMs is not used", async () => {
    const host = await start({ ...f.config, "lineworks:snapshotMaxAgeMs": "300" });
    const o = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Aging", displayOrder: 1 });
    await host.read(o.positionId, urn("Position", "a"), state(o));
    f.emulator.update("positions", o.positionId, { displayOrder: 9 });
    await new Promise((r) => setTimeout(r, 400));
    expect((await host.read(o.positionId, urn("Position", "a"), state(o))).properties.displayOrder).toBe(9);
  });
});
