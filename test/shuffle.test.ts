// Renames that shuffle unique names and keys within one run, issued concurrently through one
// host as the engine issues independent updates: chains, two-way swaps and three-way cycles
// all apply, no temporary value is left behind, and every conflict the API answered was one the
// provider then resolved. A failed step leaves each object with its old or its new name; a
// conflict with an object the run does not touch still fails with a clear message.
import { urn, type Host } from "../tools/host";
import { DOMAIN } from "../tools/fixture";
import { kindNames, type KindNames } from "../tools/runs";
import { programSuite } from "./program-suite";

interface Case extends KindNames {
  base: Record<string, unknown>;
}
const CASES: Case[] = [
  { ...kindNames("Position"), base: { displayOrder: 1 } },
  { ...kindNames("Level"), base: { displayOrder: 1, executive: false } },
];

describe("name and key shuffles within one run", () => {
  const suite = programSuite("shuffle", CASES.map((c) => `new lineworks.${c.type}("x", ${JSON.stringify({ [c.nameField]: "X", ...c.base, domainId: DOMAIN })});`).join("\n"));
  const { start, provider } = suite;

  describe.each(CASES)("$type", (c) => {
    const decl = (name: string, key?: string) => ({ __provider: provider(c.type), domainId: DOMAIN, [c.nameField]: name, ...c.base, ...(key ? { [c.keyField]: key } : {}) });
    const live = () => suite.f.emulator.objects(c.coll, DOMAIN);
    const nameOf = (id: string) => live().find((o) => o[c.idField] === id)?.[c.nameField];

    /** Objects created by one run; returns what the next run needs: id, outputs, urn. */
    async function createAll(host: Host, decls: Record<string, Record<string, unknown>>) {
      const out: Record<string, { id: string; props: Record<string, any>; urn: string; inputs: Record<string, any> }> = {};
      for (const [name, d] of Object.entries(decls)) {
        const u = urn(c.type, `${c.type}-${name}`);
        const checked = await host.check(u, {}, d);
        const created = await host.create(u, checked.inputs);
        out[name] = { id: created.id, props: created.properties, urn: u, inputs: checked.inputs };
      }
      return out;
    }
    /** The next run's updates, all issued at once in the given order. */
    async function updateAll(host: Host, objs: Awaited<ReturnType<typeof createAll>>, news: [string, Record<string, unknown>][]) {
      return Promise.allSettled(
        news.map(async ([name, d]) => {
          const o = objs[name];
          const checked = await host.check(o.urn, o.inputs, d);
          return host.update(o.id, o.urn, o.props, checked.inputs);
        }),
      );
    }
    /** Every 409 the API answered in `from..` was followed by a successful write of the same object. */
    function conflictsResolved(from: number): void {
      const log = suite.f.emulator.log.slice(from);
      log.forEach((e, i) => {
        if (e.status !== 409) return;
        if (e.method === "POST") expect(log.slice(i + 1).some((l) => l.method === "POST" && l.path === e.path && l.status < 300)).toBe(true);
        else expect(log.slice(i + 1).some((l) => l.method === e.method && l.path === e.path && l.status < 300)).toBe(true);
      });
    }
    const noTemporary = () => expect(live().filter((o) => JSON.stringify(o).includes("lineworks-tmp"))).toEqual([]);

    test("a chain of three renames and a create of the freed name, issued in the worst order", async () => {
      const run1 = await start();
      const objs = await createAll(run1, { a: decl(`${c.type} Manager`), b: decl(`${c.type} Team Leader`), c: decl(`${c.type} Staff`) });
      const run2 = await start();
      const from = suite.f.emulator.log.length;
      const u = urn(c.type, `${c.type}-new-staff`);
      const [results, created] = await Promise.all([
        updateAll(run2, objs, [
          ["c", decl(`${c.type} Team Leader`)],
          ["b", decl(`${c.type} Manager`)],
          ["a", decl(`${c.type} Senior Manager`)],
        ]),
        run2.check(u, {}, decl(`${c.type} Staff`)).then((ch) => run2.create(u, ch.inputs)),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      expect([nameOf(objs.a.id), nameOf(objs.b.id), nameOf(objs.c.id), nameOf(created.id)]).toEqual([
        `${c.type} Senior Manager`, `${c.type} Manager`, `${c.type} Team Leader`, `${c.type} Staff`,
      ]);
      noTemporary();
      conflictsResolved(from);
      expect(suite.f.emulator.violations).toEqual([]);
    });

    test("a two-way swap of names and keys, and a three-way cycle", async () => {
      const run1 = await start();
      const objs = await createAll(run1, {
        x: decl(`${c.type} Alpha`, `${c.type}_K_ALPHA`), y: decl(`${c.type} Beta`, `${c.type}_K_BETA`),
        p: decl(`${c.type} One`), q: decl(`${c.type} Two`), r: decl(`${c.type} Three`),
      });
      const run2 = await start();
      const from = suite.f.emulator.log.length;
      const results = await updateAll(run2, objs, [
        ["x", decl(`${c.type} Beta`, `${c.type}_K_BETA`)],
        ["y", decl(`${c.type} Alpha`, `${c.type}_K_ALPHA`)],
        ["p", decl(`${c.type} Two`)],
        ["q", decl(`${c.type} Three`)],
        ["r", decl(`${c.type} One`)],
      ]);
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : r.status))).toEqual(Array(5).fill("fulfilled"));
      const byId = (id: string) => live().find((o) => o[c.idField] === id)!;
      expect([byId(objs.x.id)[c.nameField], byId(objs.x.id)[c.keyField]]).toEqual([`${c.type} Beta`, `${c.type}_K_BETA`]);
      expect([byId(objs.y.id)[c.nameField], byId(objs.y.id)[c.keyField]]).toEqual([`${c.type} Alpha`, `${c.type}_K_ALPHA`]);
      expect([nameOf(objs.p.id), nameOf(objs.q.id), nameOf(objs.r.id)]).toEqual([`${c.type} Two`, `${c.type} Three`, `${c.type} One`]);
      noTemporary();
      conflictsResolved(from);
    });

    test("a swap whose other half fails leaves both objects with their old names, no temporary one", async () => {
      const run1 = await start();
      const objs = await createAll(run1, { x: decl(`${c.type} Left`), y: decl(`${c.type} Right`) });
      const run2 = await start({ retryLimit: "1", retryBaseDelayMs: "5", conflictWaitMs: "300" });
      const path = `/v1.0/${c.coll === "positions" ? "directory/positions" : "directory/levels"}/${objs.y.id}`;
      suite.f.emulator.inject({ kind: "500", method: "PATCH", path, times: 10 });
      const results = await updateAll(run2, objs, [
        ["x", decl(`${c.type} Right`)],
        ["y", decl(`${c.type} Left`)],
      ]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect([nameOf(objs.x.id), nameOf(objs.y.id)]).toEqual([`${c.type} Left`, `${c.type} Right`]);
      noTemporary();
    });

    test("a rename onto a name that no operation of the run moves fails clearly, without offering adoption", async () => {
      const run1 = await start();
      const objs = await createAll(run1, { x: decl(`${c.type} Mine`) });
      suite.f.emulator.seed(c.coll, { domainId: DOMAIN, [c.nameField]: `${c.type} Someone Else`, ...c.base });
      const run2 = await start({ conflictWaitMs: "200" });
      const [result] = await updateAll(run2, objs, [["x", decl(`${c.type} Someone Else`)]]);
      expect(result.status).toBe("rejected");
      const message = String((result as PromiseRejectedResult).reason);
      expect(message).toMatch(new RegExp(`another ${c.type === "Position" ? "position" : "level"} already has it`));
      expect(message).toMatch(/409/);
      expect(message).not.toMatch(/adoptExisting/);
      expect(nameOf(objs.x.id)).toBe(`${c.type} Mine`);
    });
  });
});
