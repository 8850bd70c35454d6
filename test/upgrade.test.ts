// Upgrades. `pulumi refresh` and `pulumi destroy` run the `__provider` text stored in state, which
// requires modules of whatever pulumi-lineworks version is installed THEN. Here the texts 0.1.0
// wrote (test/fixtures/provider-0.1.0.json, captured from its build) are refreshed, updated and
// deleted through @pulumi/pulumi's dynamic-provider host with the current packed build installed;
// and the current SDK's text is checked to require only the stable entry `pulumi-lineworks/provider`.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir, REPO } from "../tools/install";
import { runProgram, type Registered } from "../tools/program";
import { startFixture, DOMAIN, type Fixture } from "../tools/fixture";

type Props = Record<string, any>;

const FIXTURE: { providers: Record<string, string> } = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "provider-0.1.0.json"), "utf8"));
const OLD = FIXTURE.providers;

/** The state shapes 0.1.0 wrote (fixed here on purpose: they must not follow later changes to kinds.ts). */
const KINDS_010: Record<string, { collection: "positions" | "userTypes" | "levels" | "employmentTypes"; idField: string; fields: (n: string) => Props }> = {
  Position: { collection: "positions", idField: "positionId", fields: (n) => ({ positionName: `Upgrade ${n}`, displayOrder: 1, positionExternalKey: `POS_UPGRADE_${n}` }) },
  UserType: { collection: "userTypes", idField: "userTypeId", fields: (n) => ({ userTypeName: `Upgrade ${n}`, displayOrder: 1, userTypeCode: "UPGRADE" }) },
  Level: { collection: "levels", idField: "levelId", fields: (n) => ({ levelName: `Upgrade ${n}`, displayOrder: 1, executive: false }) },
  EmploymentType: { collection: "employmentTypes", idField: "employmentTypeId", fields: (n) => ({ employmentTypeName: `Upgrade ${n}`, displayOrder: 1 }) },
};

const PROGRAM = `
new lineworks.Position("p", { positionName: "P", displayOrder: 1, domainId: ${DOMAIN} });
new lineworks.UserType("u", { userTypeName: "U", displayOrder: 1, domainId: ${DOMAIN} });
new lineworks.Level("l", { levelName: "L", displayOrder: 1, executive: false, domainId: ${DOMAIN} });
new lineworks.EmploymentType("e", { employmentTypeName: "E", displayOrder: 1, domainId: ${DOMAIN} });
new lineworks.DirectoryFeature("f", { feature: "levels", domainId: ${DOMAIN} });
`;

/** Measured 330-341 bytes per type (0.1.0: 2082-2198); about 20% headroom. */
const MAX_PROVIDER_BYTES = 420;

/**
 * makeProgramDir links @pulumi/pulumi from this repository; from there the closure serializer
 * cannot resolve the installed pulumi-lineworks to read its `exports` map and falls back to the
 * file path. A user's install has @pulumi/pulumi as a real directory beside pulumi-lineworks: copy it.
 */
function asUserInstall(dir: string): void {
  const scope = path.join(dir, "node_modules", "@pulumi");
  const from = path.join(REPO, "node_modules", "@pulumi");
  fs.rmSync(scope, { recursive: true, force: true });
  fs.mkdirSync(scope);
  for (const e of fs.readdirSync(from)) {
    if (e === "pulumi") fs.cpSync(path.join(from, e), path.join(scope, e), { recursive: true });
    else fs.symlinkSync(path.join(from, e), path.join(scope, e));
  }
}

describe("state written by 0.1.0, run by the current build", () => {
  let f: Fixture;
  let dir: string;
  let registered: Registered[];
  let host: Host;
  const current = (type: string) => registered.find((r) => r.type.endsWith(`:${type}`))!.inputs.__provider as string;

  beforeAll(async () => {
    f = await startFixture({}, { snapshotMaxAgeMs: "0" }); // out-of-band edits are read live
    dir = makeProgramDir("upgrade");
    asUserInstall(dir);
    registered = await runProgram(dir, PROGRAM);
    host = await Host.start({ cwd: dir });
    await host.configure(f.config);
  });
  afterAll(async () => {
    await host?.stop();
    await f?.emulator.stop();
    if (dir) removeDir(dir);
  });

  test("the fixture holds 0.1.0's texts for every type, on the old deep path", () => {
    expect(Object.keys(OLD).sort()).toEqual(["DirectoryFeature", "EmploymentType", "Level", "Position", "UserType"]);
    for (const text of Object.values(OLD)) expect(text).toContain('require("pulumi-lineworks/dist/provider/resource.js")');
    expect(OLD.DirectoryFeature).toContain('require("pulumi-lineworks/dist/provider/feature.js")');
  });

  test("the current SDK's text requires only pulumi-lineworks/provider, names its type, and is small", () => {
    expect(registered).toHaveLength(5);
    for (const r of registered) {
      const type = r.type.split(":").pop()!;
      const text: string = r.inputs.__provider;
      expect(text.match(/require\([^)]*\)/g)).toEqual(['require("pulumi-lineworks/provider")']);
      expect(text).toContain(`__provider.type = "${type}";`);
      expect(text).not.toContain("/dist/");
      expect(text).not.toContain(dir);
      expect(text).not.toContain(REPO);
      expect(text).not.toContain(os.tmpdir() + "/");
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_PROVIDER_BYTES);
    }
  });

  test("the stable entry and its file path (written where the serializer cannot read exports) are one module", () => {
    const out = execFileSync(process.execPath, ["-p", `[require.resolve("pulumi-lineworks/provider"), require.resolve("pulumi-lineworks/dist/provider/entry.js"), Object.keys(require("pulumi-lineworks/provider")).sort().join()].join("\\n")`], { cwd: dir, encoding: "utf8" });
    const [stable, deep, names] = out.trim().split("\n");
    expect(stable).toBe(deep);
    expect(stable).toBe(path.join(dir, "node_modules", "pulumi-lineworks", "dist", "provider", "entry.js"));
    // Every export is seen by the host as a provider member: exactly the ResourceProvider methods.
    expect(names).toBe("check,configure,create,delete,diff,read,update");
  });

  describe.each(Object.keys(KINDS_010))("%s", (type) => {
    const { collection, idField, fields } = KINDS_010[type];
    const live = (id: string) => f.emulator.objects(collection).find((o) => o[idField] === id);

    /** A 0.1.0 state: created through the host by 0.1.0's text, so its outputs carry that text. */
    async function oldState(name: string, extra: Props = {}): Promise<{ id: string; inputs: Props; outs: Props }> {
      const declared = { ...fields(name), ...extra };
      const inputs = { __provider: OLD[type], domainId: DOMAIN, ...declared };
      const checked = await host.check(urn(type, name), {}, inputs);
      expect(checked.failures).toEqual([]);
      const created = await host.create(urn(type, name), checked.inputs);
      expect(created.properties).toMatchObject({ [idField]: created.id, domainId: DOMAIN, ...declared, __provider: OLD[type] });
      return { id: created.id, inputs: checked.inputs, outs: created.properties };
    }

    test("refresh, update and delete with the 0.1.0 text", async () => {
      const { id, inputs, outs } = await oldState("old", { displayOrder: 3 });

      f.emulator.update(collection, id, { displayOrder: 42 }); // drift made in the admin console
      const read = await host.read(id, urn(type, "old"), outs);
      expect(read.id).toBe(id);
      expect(read.properties).toMatchObject({ [idField]: id, displayOrder: 42, __provider: OLD[type] });

      const updated = await host.update(id, urn(type, "old"), read.properties, { ...inputs, displayOrder: 7 });
      expect(updated.properties).toMatchObject({ displayOrder: 7, __provider: OLD[type] });
      expect(live(id)).toMatchObject({ displayOrder: 7 });

      await host.delete(id, urn(type, "old"), updated.properties);
      expect(live(id)).toBeUndefined();
    });

    test("`pulumi up` after upgrading: no spurious diff; an update moves state to the stable entry", async () => {
      const { id, inputs, outs } = await oldState("up", { displayOrder: 4 });
      const news = { ...inputs, __provider: current(type) };
      expect((await host.diff(id, urn(type, "up"), outs, news)).changes).toBe("none");

      const updated = await host.update(id, urn(type, "up"), outs, { ...news, displayOrder: 8 });
      expect(updated.properties).toMatchObject({ displayOrder: 8, __provider: current(type) });
      expect(live(id)).toMatchObject({ displayOrder: 8 });
      expect((await host.read(id, urn(type, "up"), updated.properties)).properties).toMatchObject({ displayOrder: 8 });

      await host.delete(id, urn(type, "up"), updated.properties);
      expect(live(id)).toBeUndefined();
    });
  });

  test("DirectoryFeature: refresh, update and delete with the 0.1.0 text", async () => {
    const domain = 20000002; // its own domain: disabling wipes the kind's objects there
    const u = urn("DirectoryFeature", "levels");
    const switched = (action: string, from: number) => f.emulator.log.slice(from).filter((e) => e.method === "POST" && e.path === `/v1.0/directory/levels/${action}`).length;
    const inputs = { __provider: OLD.DirectoryFeature, domainId: domain, feature: "levels", disableOnDelete: true };
    const checked = await host.check(u, {}, inputs);
    expect(checked.failures).toEqual([]);
    const created = await host.create(u, checked.inputs);
    expect(created.id).toBe(`${domain}:levels`);
    expect(created.properties).toMatchObject({ domainId: domain, feature: "levels", disableOnDelete: true, enabled: true, __provider: OLD.DirectoryFeature });

    f.emulator.setFeature(domain, "levels", false); // turned off in the admin console
    const read = await host.read(created.id, u, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toMatchObject({ enabled: false, __provider: OLD.DirectoryFeature });

    let from = f.emulator.log.length;
    const updated = await host.update(created.id, u, read.properties, checked.inputs);
    expect(updated.properties).toMatchObject({ enabled: true, __provider: OLD.DirectoryFeature });
    expect(switched("enable", from)).toBe(1);
    expect((await host.read(created.id, u, updated.properties)).properties.enabled).toBe(true);

    const level = f.emulator.seed("levels", { domainId: domain, levelName: "Wiped", displayOrder: 1, executive: false });
    from = f.emulator.log.length;
    await host.delete(created.id, u, updated.properties);
    expect(switched("disable", from)).toBe(1);
    expect(f.emulator.objects("levels", domain).find((l) => l.levelId === level.levelId)).toBeUndefined();

    // The current text on the same switch: enable, read, and a delete that leaves it on.
    const now = { ...checked.inputs, __provider: current("DirectoryFeature"), disableOnDelete: false };
    const again = await host.create(u, (await host.check(u, {}, now)).inputs);
    expect(again.properties).toMatchObject({ enabled: true, disableOnDelete: false, __provider: current("DirectoryFeature") });
    expect((await host.read(again.id, u, again.properties)).properties.enabled).toBe(true);
    from = f.emulator.log.length;
    await host.delete(again.id, u, again.properties);
    expect(switched("disable", from)).toBe(0);
  });
});
