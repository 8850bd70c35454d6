// Every directory object type at the same depth, through the real host: check, create, no-op
// diff, update, drift, gone, adoption, lost-response recovery and delete; then the feature switch.
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { runProgram, type Registered } from "../tools/program";
import { startFixture, DOMAIN, type Fixture } from "../tools/fixture";
import { useFastClock } from "./support/time";

// On a fast clock, which the hosts share: the org units' rule in real time is orgunit.test.ts's.
useFastClock();

type Coll = "positions" | "userTypes" | "levels" | "employmentTypes";
interface Case {
  type: string;
  coll: Coll;
  idField: string;
  nameField: string;
  keyField: string;
  args: Record<string, unknown>;
  bad: Record<string, unknown>;
  badProps: string[];
}

const CASES: Case[] = [
  {
    type: "Position", coll: "positions", idField: "positionId", nameField: "positionName", keyField: "positionExternalKey",
    args: { positionName: "Engineer", displayOrder: 3, positionExternalKey: "K_POS", i18nNames: [{ language: "ko_KR", name: "엔지니어" }] },
    bad: { positionName: "x?y", displayOrder: "3" }, badProps: ["displayOrder", "positionName"],
  },
  {
    type: "UserType", coll: "userTypes", idField: "userTypeId", nameField: "userTypeName", keyField: "userTypeExternalKey",
    args: { userTypeName: "Intern", displayOrder: 4, userTypeExternalKey: "K_UT", userTypeCode: "INTERN" },
    bad: { userTypeCode: "_x", userTypeExternalKey: "a#b" }, badProps: ["userTypeCode", "userTypeExternalKey"],
  },
  {
    type: "Level", coll: "levels", idField: "levelId", nameField: "levelName", keyField: "levelExternalKey",
    args: { levelName: "Director", displayOrder: 1, executive: true, levelExternalKey: "K_LV", i18nNames: [{ language: "ja_JP", name: "取締役" }] },
    bad: { executive: "yes", levelName: "" }, badProps: ["executive", "levelName"],
  },
  {
    type: "EmploymentType", coll: "employmentTypes", idField: "employmentTypeId", nameField: "employmentTypeName", keyField: "employmentTypeExternalKey",
    args: { employmentTypeName: "Contract", displayOrder: 2, employmentTypeExternalKey: "K_ET", userTypeCode: "CONTRACT" },
    bad: { displayOrder: 0.5, i18nNames: [{ language: "en", name: "x" }] }, badProps: ["displayOrder", "i18nNames[0].language"],
  },
];

describe("every directory type through the host", () => {
  let f: Fixture;
  let dir: string;
  let registered: Registered[];
  let host: Host;
  let adopting: Host;

  beforeAll(async () => {
    // Out-of-band edits between reads within seconds: read live, not from a list snapshot.
    f = await startFixture({}, { snapshotMaxAgeMs: "0" });
    dir = makeProgramDir("kinds");
    const body = CASES.map((c) => `new lineworks.${c.type}("${c.type}", ${JSON.stringify(c.args)});`).join("\n") +
      `\nnew lineworks.DirectoryFeature("positions", { feature: "positions" });\nnew lineworks.DirectoryFeature("levels", { feature: "levels", disableOnDelete: true });`;
    registered = await runProgram(dir, body, { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": String(DOMAIN) }) });
    host = await Host.start({ cwd: dir });
    await host.configure(f.config);
    adopting = await Host.start({ cwd: dir });
    await adopting.configure({ ...f.config, "lineworks:adoptExisting": "true" });
  });
  afterAll(async () => {
    await host.stop();
    await adopting.stop();
    await f.emulator.stop();
    removeDir(dir);
  });

  const inputsOf = (name: string) => ({ ...registered.find((r) => r.name === name)!.inputs });

  describe.each(CASES)("$type", (c) => {
    const u = urn(c.type, c.type);

    test("lifecycle: create, no-op diff, update, drift, gone, delete", async () => {
      const checked = await host.check(u, {}, inputsOf(c.type));
      expect(checked.failures).toEqual([]);
      const created = await host.create(u, checked.inputs);
      expect(created.properties).toMatchObject({ ...c.args, [c.idField]: created.id, domainId: DOMAIN });
      expect((await host.diff(created.id, u, created.properties, checked.inputs)).changes).toBe("none");

      const renamed = { ...checked.inputs, [c.nameField]: `${c.args[c.nameField]} II`, displayOrder: 99 };
      expect(await host.diff(created.id, u, created.properties, renamed)).toMatchObject({ changes: "some", replaces: [] });
      const updated = await host.update(created.id, u, created.properties, renamed);
      expect(updated.properties).toMatchObject({ [c.nameField]: `${c.args[c.nameField]} II`, displayOrder: 99, [c.keyField]: c.args[c.keyField] });

      f.emulator.update(c.coll, created.id, { displayOrder: 5 });
      const drift = await host.read(created.id, u, updated.properties);
      expect(drift.properties.displayOrder).toBe(5);
      expect((await host.diff(created.id, u, drift.properties, renamed)).changes).toBe("some");

      await host.delete(created.id, u, drift.properties);
      expect(f.emulator.objects(c.coll).find((o) => o[c.idField] === created.id)).toBeUndefined();
      expect((await host.read(created.id, u, drift.properties)).id).toBe("");
      await host.delete(created.id, u, drift.properties); // already gone: still succeeds
    });

    test("bad input is refused in check", async () => {
      const { failures } = await host.check(u, {}, { ...inputsOf(c.type), ...c.bad });
      expect(failures.map((x) => x.property).sort()).toEqual(c.badProps);
    });

    test("adoption by external key converges; without adoption the conflict is explained", async () => {
      const seeded = f.emulator.seed(c.coll, { ...c.args, domainId: DOMAIN, [c.nameField]: "Seeded", displayOrder: 50 });
      await expect(host.create(u, { ...inputsOf(c.type), [c.keyField]: c.args[c.keyField] })).rejects.toThrow(/adoptExisting/);
      const adopted = await adopting.create(u, inputsOf(c.type));
      expect(adopted.id).toBe(seeded[c.idField]);
      expect(f.emulator.objects(c.coll).filter((o) => o[c.keyField] === c.args[c.keyField])).toEqual([expect.objectContaining({ [c.nameField]: c.args[c.nameField], displayOrder: c.args.displayOrder })]);
      await host.delete(adopted.id, u, adopted.properties);
    });

    test("a lost create response is recovered without a duplicate", async () => {
      f.emulator.inject({ kind: "lose-response", method: "POST", path: new RegExp(`^/v1\\.0/directory/[a-z-]+$`) });
      const created = await host.create(u, inputsOf(c.type));
      expect(f.emulator.objects(c.coll).filter((o) => o[c.nameField] === c.args[c.nameField]).map((o) => o[c.idField])).toEqual([created.id]);
      await host.delete(created.id, u, created.properties);
    });
  });

  describe("DirectoryFeature", () => {
    test("create enables; a switch already on is taken over without a write", async () => {
      f.emulator.setFeature(DOMAIN, "positions", false);
      const u = urn("DirectoryFeature", "positions");
      const checked = await host.check(u, {}, inputsOf("positions"));
      expect(checked.failures).toEqual([]);
      const created = await host.create(u, checked.inputs);
      expect(created).toMatchObject({ id: `${DOMAIN}:positions`, properties: { enabled: true, flag: "usePosition", disableOnDelete: false } });
      const again = await host.create(u, checked.inputs);
      expect(again.properties.enabled).toBe(true);
      // The second create found the switch on (a one-item list answered) and sent no enable.
      expect(f.emulator.log.filter((e) => e.path.endsWith("/positions/enable")).map((e) => e.status)).toEqual([204]);
    });

    test("a switch turned off out of band shows as drift and up turns it on", async () => {
      const u = urn("DirectoryFeature", "positions");
      const created = await host.create(u, inputsOf("positions"));
      f.emulator.setFeature(DOMAIN, "positions", false);
      const read = await host.read(created.id, u, created.properties);
      expect(read.properties.enabled).toBe(false);
      expect((await host.diff(created.id, u, read.properties, inputsOf("positions"))).changes).toBe("some");
      await host.update(created.id, u, read.properties, inputsOf("positions"));
      expect((await host.read(created.id, u, read.properties)).properties.enabled).toBe(true);
    });

    test("delete without disableOnDelete leaves the feature and its objects alone", async () => {
      const u = urn("DirectoryFeature", "positions");
      const created = await host.create(u, inputsOf("positions"));
      const kept = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Kept", displayOrder: 1 });
      await host.delete(created.id, u, created.properties);
      expect(f.emulator.log.some((e) => e.path.endsWith("/positions/disable"))).toBe(false);
      expect(f.emulator.objects("positions", DOMAIN).map((p) => p.positionId)).toContain(kept.positionId);
    });

    test("delete with disableOnDelete disables, and LINE WORKS wipes the levels", async () => {
      const u = urn("DirectoryFeature", "levels");
      const checked = await host.check(u, {}, inputsOf("levels"));
      const created = await host.create(u, checked.inputs);
      expect(created.properties.disableOnDelete).toBe(true);
      f.emulator.seed("levels", { domainId: DOMAIN, levelName: "Doomed", displayOrder: 1, executive: false });
      await host.delete(created.id, u, created.properties);
      expect(f.emulator.objects("levels", DOMAIN)).toEqual([]);
      await expect(host.create(urn("Level", "after"), { ...inputsOf("Level"), levelName: "After" })).rejects.toThrow(/useLevel.*DirectoryFeature\("levels"/s);
      f.emulator.setFeature(DOMAIN, "levels", true);
    });

    test("a bad feature name fails in check", async () => {
      const { failures } = await host.check(urn("DirectoryFeature", "x"), {}, { ...inputsOf("positions"), feature: "departments" });
      expect(failures.map((x) => x.property)).toEqual(["feature"]);
    });
  });
});
