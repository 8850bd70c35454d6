// The program is the truth, and no run destroys what it did not mean to — through the real host,
// for every directory type: a field removed from the program is cleared, a field never declared
// (adopted or imported objects) is left alone, also across a refresh; a drifted declared field
// still shows after a refresh.
import { urn, type Host } from "../tools/host";
import { DOMAIN } from "../tools/fixture";
import { kindNames, type KindNames } from "../tools/runs";
import { programSuite } from "./program-suite";

interface Case extends KindNames {
  /** Required fields only. */
  base: Record<string, unknown>;
  /** Optional fields, declared and then removed from the program. */
  extra: Record<string, unknown>;
  /** A required field's drifted value. */
  drift: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    ...kindNames("Position"),
    base: { positionName: "T Engineer", displayOrder: 3 },
    extra: { positionExternalKey: "T_POS", i18nNames: [{ language: "ko_KR", name: "엔지니어" }] },
    drift: { displayOrder: 30 },
  },
  {
    ...kindNames("UserType"),
    base: { userTypeName: "T Intern", displayOrder: 4 },
    extra: { userTypeExternalKey: "T_UT", userTypeCode: "INTERN", i18nNames: [{ language: "en_US", name: "Intern" }] },
    drift: { displayOrder: 40 },
  },
  {
    ...kindNames("Level"),
    base: { levelName: "T Director", displayOrder: 1, executive: true },
    extra: { levelExternalKey: "T_LV", i18nNames: [{ language: "ja_JP", name: "取締役" }] },
    drift: { executive: false },
  },
  {
    ...kindNames("EmploymentType"),
    base: { employmentTypeName: "T Contract", displayOrder: 2 },
    extra: { employmentTypeExternalKey: "T_ET", userTypeCode: "CONTRACT" },
    drift: { displayOrder: 20 },
  },
];

describe("the program is the truth, for every type", () => {
  // Out-of-band edits between reads: read live, not from the run's list snapshot.
  const suite = programSuite("truth", CASES.map((c) => `new lineworks.${c.type}("${c.type}", ${JSON.stringify({ ...c.base, domainId: DOMAIN })});`).join("\n"), { knobs: { snapshotMaxAgeMs: "0" } });
  const { provider } = suite;
  let host: Host;
  let adopting: Host;

  beforeAll(async () => {
    host = await suite.start();
    adopting = await suite.start({ adoptExisting: "true" });
  });

  describe.each(CASES)("$type", (c) => {
    const program = (fields: Record<string, unknown>) => ({ __provider: provider(c.type), domainId: DOMAIN, ...fields });
    const live = (id: string) => suite.f.emulator.objects(c.coll).find((o) => o[c.idField] === id)!;

    test("a field the program stops declaring is cleared, and the preview shows it", async () => {
      const u = urn(c.type, `removed-${c.type}`);
      const v1 = await host.check(u, {}, program({ ...c.base, ...c.extra }));
      expect(v1.failures).toEqual([]);
      const created = await host.create(u, v1.inputs);
      for (const [k, v] of Object.entries(c.extra)) expect(live(created.id)[k]).toEqual(v);

      // The program no longer declares the optional fields: check (which sees the previous
      // inputs) turns each into a clear, so the diff and the preview show them going away.
      const v2 = await host.check(u, v1.inputs, program(c.base));
      expect(v2.failures).toEqual([]);
      for (const k of Object.keys(c.extra)) expect(v2.inputs[k]).toBeNull();
      expect((await host.diff(created.id, u, created.properties, v2.inputs)).changes).toBe("some");
      const updated = await host.update(created.id, u, created.properties, v2.inputs);
      for (const k of Object.keys(c.extra)) expect(live(created.id)[k] ?? null).toEqual(k === "i18nNames" ? [] : null);
      expect(updated.properties).toMatchObject(c.base);

      // The run after: the cleared fields are no longer declared, and nothing changes.
      const v3 = await host.check(u, v2.inputs, program(c.base));
      for (const k of Object.keys(c.extra)) expect(v3.inputs).not.toHaveProperty(k);
      expect((await host.diff(created.id, u, updated.properties, v3.inputs)).changes).toBe("none");
      // Set out of band now, a never-again-declared field is left alone.
      suite.f.emulator.update(c.coll, created.id, { [c.keyField]: "OUT_OF_BAND" });
      const r = await host.read(created.id, u, updated.properties);
      const v4 = await host.check(u, r.inputs!, program(c.base));
      expect((await host.diff(created.id, u, r.properties, v4.inputs)).changes).toBe("none");
      expect(live(created.id)[c.keyField]).toBe("OUT_OF_BAND");
      await host.delete(created.id, u, r.properties);
    });

    test("adopted: fields never declared stay as they are, across a refresh; declared drift still shows", async () => {
      const seeded = suite.f.emulator.seed(c.coll, { domainId: DOMAIN, ...c.base, ...c.extra });
      const u = urn(c.type, `adopted-${c.type}`);
      const checked = await adopting.check(u, {}, program(c.base));
      const created = await adopting.create(u, checked.inputs);
      expect(created.id).toBe(seeded[c.idField]);
      // The runs after the adoption (a new provider process).
      const refreshed = await host.read(created.id, u, created.properties);
      // The refreshed inputs hold the declared fields only, so the next up sees no change...
      for (const k of Object.keys(c.extra)) expect(refreshed.inputs).not.toHaveProperty(k);
      const next = await host.check(u, refreshed.inputs!, program(c.base));
      for (const k of Object.keys(c.extra)) expect(next.inputs).not.toHaveProperty(k);
      expect((await host.diff(created.id, u, refreshed.properties, next.inputs)).changes).toBe("none");
      for (const [k, v] of Object.entries(c.extra)) expect(live(created.id)[k]).toEqual(v);

      // ...while a drifted declared field shows after the refresh, in the inputs and the diff.
      suite.f.emulator.update(c.coll, created.id, c.drift);
      const drifted = await host.read(created.id, u, refreshed.properties);
      expect(drifted.inputs).toMatchObject(c.drift);
      const again = await host.check(u, drifted.inputs!, program(c.base));
      expect((await host.diff(created.id, u, drifted.properties, again.inputs)).changes).toBe("some");
      await host.update(created.id, u, drifted.properties, again.inputs);
      expect(live(created.id)).toMatchObject({ ...c.base, ...c.extra });
      await host.delete(created.id, u, drifted.properties);
    });

    test("imported: the import declares the required fields only; the first up clears nothing", async () => {
      const seeded = suite.f.emulator.seed(c.coll, { domainId: DOMAIN, ...c.base, ...c.extra, [c.nameField]: `${c.base[c.nameField]} imp`, [c.keyField]: `${c.extra[c.keyField]}_IMP` });
      const u = urn(c.type, `imported-${c.type}`);
      const imported = await host.read(`externalKey:${c.extra[c.keyField]}_IMP`, u, {}, { __provider: provider(c.type), domainId: DOMAIN });
      expect(imported.id).toBe(seeded[c.idField]);
      const declared = program({ ...c.base, [c.nameField]: `${c.base[c.nameField]} imp` });
      const checked = await host.check(u, imported.inputs!, declared);
      for (const k of Object.keys(c.extra)) expect(checked.inputs).not.toHaveProperty(k);
      expect((await host.diff(imported.id, u, imported.properties, checked.inputs)).changes).toBe("none");
      for (const k of Object.keys(c.extra)) expect(live(imported.id)[k]).toEqual(seeded[k]);
      await host.delete(imported.id, u, imported.properties);
    });
  });
});
