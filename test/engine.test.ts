// The engine path, end to end: a program (plain Node, setMocks) declares the resources with the
// package installed in its node_modules; @pulumi/pulumi's dynamic-provider host, started from that
// directory, is driven over gRPC against the emulator. State is then refreshed, updated and
// destroyed from a second, differently named directory, as CI or a colleague would.
import * as os from "node:os";
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir, REPO } from "../tools/install";
import { runProgram, type Registered } from "../tools/program";
import { startFixture, leaks, DOMAIN, type Fixture } from "../tools/fixture";
import { useFastClock } from "./support/time";

// On a fast clock, which the hosts share: the org units' rule in real time is orgunit.test.ts's.
useFastClock();

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const PROGRAM = `
new lineworks.Position("staff", {
  positionName: "Staff", displayOrder: 1, positionExternalKey: "POS_STAFF",
  i18nNames: [{ language: "en_US", name: "Staff" }, { language: "ja_JP", name: "スタッフ" }],
});
new lineworks.Position("manager", { positionName: "Manager", displayOrder: 2 });
new lineworks.UserType("regular", { userTypeName: "Regular", displayOrder: 1, userTypeExternalKey: "UT_REGULAR", userTypeCode: "REGULAR" });
`;

const apiCalls = (f: Fixture) => f.emulator.log.filter((e) => e.path.startsWith("/v1.0"));

describe("engine path through the dynamic-provider host", () => {
  let f: Fixture;
  let dirA: string;
  let dirB: string;
  let registered: Registered[];
  let host: Host;
  const hosts: Host[] = [];
  const inputsOf = (name: string) => ({ ...registered.find((r) => r.name === name)!.inputs });
  const startHost = async (dir: string, env: Record<string, string> = {}, config: Record<string, string> | null = f.config) => {
    const h = await Host.start({ cwd: dir, env });
    hosts.push(h);
    if (config) await h.configure(config);
    return h;
  };

  beforeAll(async () => {
    // Out-of-band edits between reads within seconds: read live, not from a list snapshot.
    f = await startFixture({}, { snapshotMaxAgeMs: "0" });
    dirA = makeProgramDir("laptop");
    dirB = makeProgramDir("ci-runner");
    registered = await runProgram(dirA, PROGRAM, { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": String(DOMAIN) }) });
    host = await startHost(dirA);
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop();
    await f.emulator.stop();
    removeDir(dirA);
    removeDir(dirB);
  });

  test("the program registers the documented type tokens, with domainId from config", () => {
    expect(registered.map((r) => `${r.type}:${r.name}`).sort()).toEqual([
      "pulumi-nodejs:dynamic/lineworks:Position:manager",
      "pulumi-nodejs:dynamic/lineworks:Position:staff",
      "pulumi-nodejs:dynamic/lineworks:UserType:regular",
    ]);
    expect(inputsOf("staff").domainId).toBe(DOMAIN);
  });

  test("__provider is small, portable and requires the installed package by name", () => {
    for (const r of registered) {
      const text: string = r.inputs.__provider;
      expect(typeof text).toBe("string");
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024); // state holds it twice per resource: 10,000 members must not cost tens of MB
      expect(text).toMatch(/require\("pulumi-lineworks\/(provider|dist\/provider\/entry\.js)"\)/); // the stable entry; by file path where @pulumi/pulumi is linked (as here) and cannot read the installed exports map
      expect(text).not.toContain(dirA);
      expect(text).not.toContain(REPO);
      expect(text).not.toContain(os.tmpdir() + "/");
    }
    // One shared provider instance per type: identical text for resources of one type.
    expect(inputsOf("staff").__provider).toBe(inputsOf("manager").__provider);
  });

  test("create -> no-op diff -> update -> drift on read -> out-of-band delete -> delete", async () => {
    const news = inputsOf("staff");
    const checked = await host.check(urn("Position", "staff"), {}, news);
    expect(checked.failures).toEqual([]);
    const created = await host.create(urn("Position", "staff"), checked.inputs);
    expect(created.id).toMatch(/^position/);
    expect(created.properties).toMatchObject({ positionId: created.id, positionName: "Staff", displayOrder: 1, positionExternalKey: "POS_STAFF", domainId: DOMAIN });
    expect(f.emulator.objects("positions", DOMAIN).map((p) => p.positionName)).toEqual(["Staff"]);

    // An unchanged program, even with i18nNames in another order, diffs to no change.
    const reordered = { ...news, i18nNames: [...news.i18nNames].reverse() };
    expect((await host.diff(created.id, urn("Position", "staff"), created.properties, reordered)).changes).toBe("none");

    const renamed = { ...news, positionName: "Senior Staff" };
    const d = await host.diff(created.id, urn("Position", "staff"), created.properties, renamed);
    expect(d).toMatchObject({ changes: "some", replaces: [] });
    const updated = await host.update(created.id, urn("Position", "staff"), created.properties, renamed);
    expect(updated.properties.positionName).toBe("Senior Staff");
    expect(updated.properties.i18nNames).toHaveLength(2);
    expect(apiCalls(f).filter((e) => e.method === "PUT")).toHaveLength(0); // PATCH only: nothing undeclared is reset

    // Out-of-band rename: refresh reads the live object, and the next diff shows the drift.
    f.emulator.update("positions", created.id, { positionName: "Renamed In Admin" });
    const refreshed = await host.read(created.id, urn("Position", "staff"), updated.properties);
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.properties.positionName).toBe("Renamed In Admin");
    expect((await host.diff(created.id, urn("Position", "staff"), refreshed.properties, renamed)).changes).toBe("some");

    // Out-of-band delete: read reports it gone.
    f.emulator.remove("positions", created.id);
    expect((await host.read(created.id, urn("Position", "staff"), refreshed.properties)).id).toBe("");
    // Deleting what is already gone succeeds.
    await host.delete(created.id, urn("Position", "staff"), refreshed.properties);
  });

  test("refresh, update and destroy from a second directory with the stored state", async () => {
    const news = inputsOf("manager");
    const created = await host.create(urn("Position", "manager"), (await host.check(urn("Position", "manager"), {}, news)).inputs);
    const ut = inputsOf("regular");
    const utCreated = await host.create(urn("UserType", "regular"), (await host.check(urn("UserType", "regular"), {}, ut)).inputs);

    const other = await startHost(dirB, f.env, null); // credentials from the environment this time
    await other.configure({});
    const read = await other.read(created.id, urn("Position", "manager"), created.properties);
    expect(read.properties).toMatchObject({ positionId: created.id, positionName: "Manager" });
    const moved = await other.update(created.id, urn("Position", "manager"), read.properties, { ...news, displayOrder: 7 });
    expect(moved.properties.displayOrder).toBe(7);
    await other.delete(created.id, urn("Position", "manager"), moved.properties);
    await other.delete(utCreated.id, urn("UserType", "regular"), utCreated.properties);
    expect(f.emulator.objects("positions", DOMAIN).find((p) => p.positionId === created.id)).toBeUndefined();
    expect(f.emulator.objects("userTypes")).toHaveLength(0);
  });

  test("bad inputs fail in check, naming the property, before any API call", async () => {
    const before = apiCalls(f).length;
    const bad = { ...inputsOf("staff"), positionName: "Bad#Name", displayOrder: 1.5, positionExternalKey: "a/b", i18nNames: [{ language: "xx_XX", name: "" }] };
    const { failures } = await host.check(urn("Position", "bad"), {}, bad);
    expect(failures.map((x) => x.property).sort()).toEqual(["displayOrder", "i18nNames[0].language", "i18nNames[0].name", "positionExternalKey", "positionName"]);
    const utBad = await host.check(urn("UserType", "bad"), {}, { ...inputsOf("regular"), userTypeCode: "9lives" });
    expect(utBad.failures.map((x) => x.property)).toEqual(["userTypeCode"]);
    expect(apiCalls(f).length).toBe(before);
  });

  test("preview's unknown values pass check and diff as changes", async () => {
    const news = { ...inputsOf("staff"), positionName: UNKNOWN, displayOrder: UNKNOWN };
    expect((await host.check(urn("Position", "staff"), {}, news)).failures).toEqual([]);
    const olds = { positionId: "p", ...inputsOf("staff") };
    expect((await host.diff("p", urn("Position", "staff"), olds, news)).changes).toBe("some");
  });

  test("adoption off: a name that exists fails with the conflicting value and how to adopt", async () => {
    f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Existing", displayOrder: 9 });
    const news = { ...inputsOf("manager"), positionName: "Existing" };
    await expect(host.create(urn("Position", "existing"), news)).rejects.toThrow(/positionName "Existing".*adoptExisting/s);
    expect(f.emulator.objects("positions", DOMAIN).filter((p) => p.positionName === "Existing")).toHaveLength(1);
  });

  test("adoption on: create takes over by external key, else by name, and converges", async () => {
    const adopting = await startHost(dirA, {}, { ...f.config, "lineworks:adoptExisting": "true" });
    const byKey = f.emulator.seed("userTypes", { domainId: DOMAIN, userTypeName: "Old Name", displayOrder: 5, userTypeExternalKey: "UT_ADOPT" });
    const res = await adopting.create(urn("UserType", "adopt"), { ...inputsOf("regular"), userTypeName: "Adopted", userTypeExternalKey: "UT_ADOPT" });
    expect(res.id).toBe(byKey.userTypeId);
    expect(f.emulator.objects("userTypes").find((u) => u.userTypeId === byKey.userTypeId)).toMatchObject({ userTypeName: "Adopted", displayOrder: 1, userTypeCode: "REGULAR" });

    const byName = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Team Lead", displayOrder: 3 });
    const res2 = await adopting.create(urn("Position", "lead"), { ...inputsOf("manager"), positionName: "Team Lead", positionExternalKey: "POS_LEAD" });
    expect(res2.id).toBe(byName.positionId);
    expect(f.emulator.objects("positions", DOMAIN).find((p) => p.positionId === byName.positionId)).toMatchObject({ displayOrder: 2, positionExternalKey: "POS_LEAD" });
    expect(f.emulator.objects("positions", DOMAIN).filter((p) => p.positionName === "Team Lead")).toHaveLength(1);
  });

  test("import by external key or name reads the live object", async () => {
    const seeded = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Imported", displayOrder: 4, positionExternalKey: "POS_IMP" });
    const provider = { __provider: inputsOf("staff").__provider };
    const byKey = await host.read("externalKey:POS_IMP", urn("Position", "imp"), {}, { ...provider, domainId: DOMAIN });
    expect(byKey.id).toBe(seeded.positionId);
    expect(byKey.properties).toMatchObject({ positionName: "Imported", displayOrder: 4, positionExternalKey: "POS_IMP", domainId: DOMAIN });
    // An import declares the required fields only: the others stay unmanaged until the program declares them.
    expect(byKey.inputs).toMatchObject({ positionName: "Imported", displayOrder: 4, domainId: DOMAIN });
    expect(byKey.inputs).not.toHaveProperty("positionExternalKey");
    const byName = await host.read("name:Imported", urn("Position", "imp"), { ...provider, domainId: DOMAIN });
    expect(byName.id).toBe(seeded.positionId);
  });

  test("a create whose response is lost is recovered: no orphan, no duplicate", async () => {
    f.emulator.inject({ kind: "lose-response", method: "POST", path: "/v1.0/directory/positions" });
    const news = { ...inputsOf("manager"), positionName: "Lost Response", positionExternalKey: "POS_LOST" };
    const res = await host.create(urn("Position", "lost"), news);
    const matching = f.emulator.objects("positions", DOMAIN).filter((p) => p.positionName === "Lost Response");
    expect(matching).toHaveLength(1);
    expect(res.id).toBe(matching[0].positionId);
    f.emulator.inject({ kind: "lose-response", method: "POST", path: "/v1.0/directory/user-types" });
    const ut = await host.create(urn("UserType", "lost"), { ...inputsOf("regular"), userTypeName: "Lost UT", userTypeExternalKey: null });
    expect(f.emulator.objects("userTypes").filter((u) => u.userTypeName === "Lost UT").map((u) => u.userTypeId)).toEqual([ut.id]);
  });

  test("a replacement that would collide on a tenant-wide key deletes first", async () => {
    const news = { ...inputsOf("regular"), userTypeName: "Movable", userTypeExternalKey: "UT_MOVE" };
    const created = await host.create(urn("UserType", "move"), news);
    const moved = { ...news, domainId: 20000002 };
    const d = await host.diff(created.id, urn("UserType", "move"), created.properties, moved);
    expect(d).toMatchObject({ changes: "some", replaces: ["domainId"], deleteBeforeReplace: true });
    // The engine then deletes the old object and creates the new one.
    await host.delete(created.id, urn("UserType", "move"), created.properties);
    const replacement = await host.create(urn("UserType", "move"), (await host.check(urn("UserType", "move"), created.properties, moved)).inputs);
    expect(f.emulator.objects("userTypes").filter((u) => u.userTypeExternalKey === "UT_MOVE").map((u) => [u.userTypeId, u.domainId])).toEqual([[replacement.id, 20000002]]);
  });

  test("no secret in __provider, outputs or the host's output", async () => {
    const outs = await host.create(urn("Position", "scan"), { ...inputsOf("manager"), positionName: "Scan" });
    const text = [registered.map((r) => JSON.stringify(r.inputs)).join("\n"), JSON.stringify(outs), ...hosts.map((h) => h.stdout + h.stderr)].join("\n");
    expect(f.emulator.issuedTokens.length).toBeGreaterThan(0);
    expect(leaks(text, f.secrets())).toEqual([]);
  });
});
