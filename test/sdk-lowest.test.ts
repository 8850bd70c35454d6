// The lowest @pulumi/pulumi this package declares, on the engine path: a user program that pins
// that version (devDependency `pulumi-sdk-lowest`, an npm alias of it) registers the resources
// with that SDK's closure serializer, and that SDK's dynamic-provider host runs the provider
// through create, update, refresh and delete against the emulator, with stack config reaching
// `configure`. The package must not get a second, nested @pulumi/pulumi in such a program.
//
// Below 3.139.0 the host never calls the provider's `configure` (stack config is lost; only
// LINEWORKS_* variables work), so 3.139.0 is the floor. Hosts before 3.216.0 drop the `inputs`
// that `read` returns: the engine then keeps the stored inputs on refresh, which already hold the
// declared-field list, so "the program is the truth" still holds (tested below); `import` of a
// dynamic resource needs those inputs and fails on such hosts.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as semver from "semver";
import { Host, urn } from "../tools/host";
import { makePinnedSdkProgramDir, removeDir, REPO } from "../tools/install";
import { runProgram, type Registered } from "../tools/program";
import { startFixture, DOMAIN, type Fixture } from "../tools/fixture";

const ALIAS = "pulumi-sdk-lowest";
const repoPackage = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
/** The version the devDependency alias pins (`npm:@pulumi/pulumi@<version>`). */
const PINNED = /^npm:@pulumi\/pulumi@(\d+\.\d+\.\d+)$/.exec(repoPackage.devDependencies?.[ALIAS] ?? "")?.[1];

const PROGRAM = `
const positions = new lineworks.DirectoryFeature("positions", { feature: "positions", disableOnDelete: true });
new lineworks.Position("staff", {
  positionName: "Staff", displayOrder: 1, positionExternalKey: "POS_STAFF",
  i18nNames: [{ language: "en_US", name: "Staff" }, { language: "ja_JP", name: "スタッフ" }],
}, { dependsOn: positions });
`;

describe(`a user program pinned to the lowest supported @pulumi/pulumi`, () => {
  let f: Fixture;
  let dir: string;
  let registered: Registered[];
  let host: Host | undefined;
  const inputsOf = (name: string) => ({ ...registered.find((r) => r.name === name)!.inputs });

  beforeAll(async () => {
    f = await startFixture({}, { snapshotMaxAgeMs: "0" });
    f.emulator.setFeature(DOMAIN, "positions", false); // a new tenant: the feature resource must turn it on
    dir = makePinnedSdkProgramDir("sdk-lowest");
    registered = await runProgram(dir, PROGRAM, { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": String(DOMAIN) }) });
  });
  afterAll(async () => {
    await host?.stop();
    await f.emulator.stop();
    removeDir(dir);
  });

  test("the declared range starts at the pinned version, and npm installs that version", () => {
    expect(PINNED).toBeDefined();
    expect(semver.minVersion(repoPackage.dependencies["@pulumi/pulumi"])?.version).toBe(PINNED);
    const installed = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", ALIAS, "package.json"), "utf8"));
    expect([installed.name, installed.version]).toEqual(["@pulumi/pulumi", PINNED]);
  });

  test("the installed package takes the program's @pulumi/pulumi, with no nested copy", () => {
    const lineworks = path.join(dir, "node_modules", "pulumi-lineworks");
    // npm nests a second copy exactly when the program's version is outside the package's range.
    const range = JSON.parse(fs.readFileSync(path.join(lineworks, "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
    expect(semver.satisfies(PINNED!, range)).toBe(true);
    // Resolution as plain Node does it in the program directory, from the program and from the package.
    const probe = `
      const fs = require("fs"), { createRequire } = require("module");
      const where = (from) => fs.realpathSync(createRequire(from).resolve("@pulumi/pulumi"));
      process.stdout.write(JSON.stringify({ program: where(process.cwd() + "/index.js"), pkg: where(${JSON.stringify(path.join(lineworks, "package.json"))}) }));`;
    const resolved = JSON.parse(execFileSync(process.execPath, ["-e", probe], { cwd: dir, encoding: "utf8" }));
    const pinnedDir = fs.realpathSync(path.join(REPO, "node_modules", ALIAS)) + path.sep;
    expect(resolved.program.startsWith(pinnedDir)).toBe(true);
    expect(resolved.pkg).toBe(resolved.program);
  });

  test("registration under the pinned SDK: type tokens, config, a portable __provider", () => {
    expect(registered.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "pulumi-nodejs:dynamic/lineworks:DirectoryFeature::positions",
      "pulumi-nodejs:dynamic/lineworks:Position::staff",
    ]);
    expect(inputsOf("staff").domainId).toBe(DOMAIN);
    for (const r of registered) {
      const text: string = r.inputs.__provider;
      expect(typeof text).toBe("string");
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(8 * 1024);
      expect(text).toMatch(/require\("pulumi-lineworks\/(provider|dist\/provider\/entry\.js)"\)/);
      expect(text).not.toContain(dir);
      expect(text).not.toContain(REPO);
      expect(text).not.toContain(os.tmpdir() + "/");
    }
  });

  test("the pinned host: create, update, refresh, a later up, delete", async () => {
    host = await Host.start({ cwd: dir }); // no LINEWORKS_* variables: credentials come from configure only
    expect(fs.realpathSync(path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js"))).toBe(
      fs.realpathSync(path.join(REPO, "node_modules", ALIAS, "cmd", "dynamic-provider", "index.js")),
    );
    await host.configure(f.config);
    const fu = urn("DirectoryFeature", "positions");
    const pu = urn("Position", "staff");
    const live = (id: string) => f.emulator.objects("positions", DOMAIN).find((p) => p.positionId === id);

    // create: the feature switch, then the position.
    const fc = await host.check(fu, {}, inputsOf("positions"));
    expect(fc.failures).toEqual([]);
    const feature = await host.create(fu, fc.inputs);
    expect(feature.properties).toMatchObject({ enabled: true, flag: "usePosition" });
    expect(f.emulator.featureEnabled(DOMAIN, "positions")).toBe(true);
    const v1 = await host.check(pu, {}, inputsOf("staff"));
    expect(v1.failures).toEqual([]);
    const created = await host.create(pu, v1.inputs);
    expect(live(created.id)).toMatchObject({ positionName: "Staff", positionExternalKey: "POS_STAFF" });
    expect((await host.diff(created.id, pu, created.properties, v1.inputs)).changes).toBe("none");

    // update: renamed, and the external key no longer declared (so cleared).
    const { positionExternalKey: _k, ...withoutKey } = inputsOf("staff");
    const v2 = await host.check(pu, v1.inputs, { ...withoutKey, positionName: "Senior Staff" });
    expect(v2.inputs.positionExternalKey).toBeNull();
    expect(await host.diff(created.id, pu, created.properties, v2.inputs)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await host.update(created.id, pu, created.properties, v2.inputs);
    expect(live(created.id)).toMatchObject({ positionName: "Senior Staff", positionExternalKey: null });

    // refresh after an admin-console edit: live values in the outputs; this host returns no
    // inputs, so the engine keeps the stored ones (v2's, with the declared-field list).
    f.emulator.update("positions", created.id, { displayOrder: 9 });
    const refreshed = await host.read(created.id, pu, updated.properties, v2.inputs);
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.properties).toMatchObject({ positionName: "Senior Staff", displayOrder: 9 });
    expect(refreshed.inputs).toBeUndefined();
    const fr = await host.read(feature.id, fu, feature.properties, fc.inputs);
    expect(fr.properties).toMatchObject({ enabled: true });

    // the next up: the drift shows and is corrected, and a field dropped after the refresh is cleared.
    const { i18nNames: _n, ...withoutNames } = withoutKey;
    const v3 = await host.check(pu, v2.inputs, { ...withoutNames, positionName: "Senior Staff" });
    expect(v3.inputs.i18nNames).toBeNull();
    expect((await host.diff(created.id, pu, refreshed.properties, v3.inputs)).changes).toBe("some");
    const again = await host.update(created.id, pu, refreshed.properties, v3.inputs);
    expect(live(created.id)).toMatchObject({ displayOrder: 1, i18nNames: [] });

    // delete: the position, then the switch (disableOnDelete: true turns it off).
    await host.delete(created.id, pu, again.properties);
    expect(live(created.id)).toBeUndefined();
    await host.delete(feature.id, fu, fr.properties);
    expect(f.emulator.featureEnabled(DOMAIN, "positions")).toBe(false);
  });
});
