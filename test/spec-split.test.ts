// `export --split orgUnits` (provider/specSplit.ts, cli/export.ts): a seeded tenant written as a
// main file and one file per unit, which validate accepts and which loads back to the spec the
// plain export gives (entry for entry, and a diff of the two finds nothing); where members go,
// the depth chosen, file names; and the flags' usage errors.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { main as cli } from "../cli";
import type { Changes } from "../provider/review/changes";
import { loadSpecFile, type ParsedSpec } from "../provider/spec";
import { defaultDepth, splitSpec } from "../provider/specSplit";
import { startFixture, type Fixture } from "../tools/fixture";
import { seedTenant } from "../tools/seed-tenant";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "spec-split-"));
fs.writeFileSync(path.join(tmp, "clash"), "");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], env: NodeJS.ProcessEnv, cwd = tmp) {
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env, cwd });
  return { code, out, err };
}

/** Every entry with its parent, in an order that does not depend on the files. */
const entriesOf = (p: ParsedSpec) => p.entries.map((e) => ({ section: e.section, label: e.label, parent: e.parent?.label, entry: e.entry })).sort((a, b) => `${a.section}\0${a.label}`.localeCompare(`${b.section}\0${b.label}`));

describe("splitSpec", () => {
  const unit = (key: string, children?: unknown[]) => ({ orgUnitExternalKey: key, orgUnitName: `n-${key}`, displayOrder: 1, ...(children ? { children } : {}) });
  const member = (email: string, ...units: string[]) => ({ email, organizations: [{ orgUnits: units.map((u, i) => ({ orgUnitId: u, primary: i === 0 })) }] });

  test("the default depth is the first level with more than one unit", () => {
    expect(defaultDepth([unit("A"), unit("B")])).toBe(1);
    expect(defaultDepth([unit("HQ", [unit("A"), unit("B")])])).toBe(2);
    expect(defaultDepth([unit("HQ", [unit("ONE", [unit("A"), unit("B")])])])).toBe(3);
    expect(defaultDepth([unit("HQ")])).toBe(1);
    expect(defaultDepth(undefined)).toBe(1);
  });

  test("a member goes with the unit of their primary unit; others, and every other section, stay in the main file", () => {
    const spec = {
      domainId: 1,
      positions: [{ positionName: "P", displayOrder: 1 }],
      orgUnits: [unit("HQ", [unit("A", [unit("A1")]), unit("B")])],
      members: [member("a@x.jp", "A1"), member("b@x.jp", "HQ", "B"), member("c@x.jp", "n-B"), member("d@x.jp", "externalKey:OUT")],
      groups: [{ groupName: "G" }],
    };
    const { main, parts, depth } = splitSpec(spec, { folder: "org", ext: "yaml" });
    expect(depth).toBe(2);
    expect(main).toEqual({ ...spec, orgUnits: [{ ...unit("HQ"), children: [{ include: "org/A.yaml" }, { include: "org/B.yaml" }] }], members: [spec.members[1], spec.members[3]] });
    expect(parts).toEqual([
      { file: "org/A.yaml", unit: "n-A", units: 2, members: 1, spec: { orgUnits: [unit("A", [unit("A1")])], members: [spec.members[0]] } },
      { file: "org/B.yaml", unit: "n-B", units: 1, members: 1, spec: { orgUnits: [unit("B")], members: [spec.members[2]] } },
    ]);
  });

  test("file names: the key, else the name, made safe for any file system, never twice", () => {
    const spec = { orgUnits: [{ orgUnitName: "営業部 / 東京", displayOrder: 1 }, { orgUnitName: "a", displayOrder: 2 }, { orgUnitExternalKey: "A", orgUnitName: "x", displayOrder: 3 }] };
    expect(splitSpec(spec, { folder: "o", ext: "json" }).parts.map((p) => p.file)).toEqual(["o/営業部___東京.json", "o/a.json", "o/A-2.json"]);
  });
});

describe("export --split orgUnits", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
    seedTenant(f.emulator);
  });
  afterAll(async () => {
    await f?.emulator.stop();
  });

  test("loads back to the spec of a plain export: validate accepts it, every entry is the same, diff finds no change", async () => {
    const plain = await run(["export", "--out", "plain.yaml"], f.env);
    expect(plain.code).toBe(0);
    fs.mkdirSync(path.join(tmp, "split"));
    const split = await run(["export", "--split", "orgUnits", "--out", "split/org.yaml"], f.env);
    expect(split.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(split.code).toBe(0);
    const parts = fs.readdirSync(path.join(tmp, "split", "org"));
    expect(parts.length).toBeGreaterThan(1);
    expect(split.err).toContain(`Split at level ${defaultDepth(parse(fs.readFileSync(path.join(tmp, "plain.yaml"), "utf8")).orgUnits)} of the unit tree: ${parts.length} file(s) in org/, each included from org.yaml.`);

    // Each part names the schema of an included file, from its folder; the main file includes each part.
    const main = fs.readFileSync(path.join(tmp, "split", "org.yaml"), "utf8");
    for (const name of parts) {
      const text = fs.readFileSync(path.join(tmp, "split", "org", name), "utf8");
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../node_modules/pulumi-lineworks/directory-part.schema.json");
      expect(text).toMatch(/^# Part of org\.yaml, which includes it: the unit .+ with the \d+ unit\(s\) under it and \d+ member\(s\)\.$/m);
      expect(main).toContain(`include: org/${name}`);
    }

    // The members are with their units: the main file keeps fewer than all.
    const [all, kept] = [parse(fs.readFileSync(path.join(tmp, "plain.yaml"), "utf8")).members.length, parse(main).members?.length ?? 0];
    const inParts = parts.reduce((n, name) => n + (parse(fs.readFileSync(path.join(tmp, "split", "org", name), "utf8")).members?.length ?? 0), 0);
    expect(inParts).toBeGreaterThan(0);
    expect(kept + inParts).toBe(all);

    const valid = await run(["validate", "split/org.yaml"], {});
    expect(valid.out).toMatch(/^split\/org\.yaml is valid: /);
    expect(valid.code).toBe(0);
    expect(entriesOf(loadSpecFile(path.join(tmp, "split", "org.yaml")))).toEqual(entriesOf(loadSpecFile(path.join(tmp, "plain.yaml"))));
    const diff = await run(["diff", "--format", "json", "plain.yaml", "split/org.yaml"], {});
    expect(diff.code).toBe(0);
    const changes: Changes = JSON.parse(diff.out);
    expect([changes.units, changes.members, changes.catalog, changes.groups]).toEqual([[], [], [], []]);
  });

  test("--split-depth 1 and JSON: one file per top unit, each with its $schema", async () => {
    const r = await run(["export", "--split", "orgUnits", "--split-depth", "1", "--format", "json", "--out", "top.json"], f.env);
    expect(r.code).toBe(0);
    const main = JSON.parse(fs.readFileSync(path.join(tmp, "top.json"), "utf8"));
    expect(main.orgUnits.every((u: object) => Object.keys(u).join() === "include")).toBe(true);
    const part = JSON.parse(fs.readFileSync(path.join(tmp, main.orgUnits[0].include), "utf8"));
    expect(part.$schema).toBe("../node_modules/pulumi-lineworks/directory-part.schema.json");
    expect(entriesOf(loadSpecFile(path.join(tmp, "top.json")))).toEqual(entriesOf(loadSpecFile(path.join(tmp, "plain.yaml"))));
  });

  test("a split over an earlier one names the files it left, and deletes nothing", async () => {
    const first = await run(["export", "--split", "orgUnits", "--split-depth", "2", "--out", "again.yaml"], f.env);
    expect(first.code).toBe(0);
    expect(first.err.some((l) => l.startsWith("Not written by this export"))).toBe(false);
    const deep = fs.readdirSync(path.join(tmp, "again"), { recursive: true }).map(String).filter((x) => x.endsWith(".yaml"));
    const second = await run(["export", "--split", "orgUnits", "--split-depth", "1", "--out", "again.yaml"], f.env);
    expect(second.code).toBe(0);
    const main = parse(fs.readFileSync(path.join(tmp, "again.yaml"), "utf8"));
    const included = new Set(main.orgUnits.map((u: { include: string }) => path.normalize(u.include)));
    const left = deep.map((x) => path.join("again", x)).filter((x) => !included.has(path.normalize(x)));
    expect(left.length).toBeGreaterThan(0);
    const line = second.err.find((l) => l.startsWith("Not written by this export and not included by again.yaml: "))!;
    expect(line).toMatch(/Probably left from an earlier split: delete them\.$/);
    for (const x of left.slice(0, 10)) expect(line).toContain(x);
    for (const x of left) expect(fs.existsSync(path.join(tmp, x))).toBe(true);
  });

  test.each([
    [["--split", "members"], "--split takes orgUnits (one file per org unit), not members"],
    [["--split", "orgUnits", "--out", "-"], "--split writes several files: give --out FILE (the main file; the others go in a folder beside it), not -"],
    [["--split-depth", "2"], "--split-depth goes with --split orgUnits: it says at which level of the unit tree to split."],
    [["--split", "orgUnits", "--split-depth", "0"], "--split-depth must be a level of the unit tree (1, 2, ...), not 0"],
    [["--split", "orgUnits", "--out", "clash.yaml"], `--split: ${path.join(tmp, "clash")} is a file; the parts need a folder of that name beside clash.yaml`],
  ])("%j: a usage error before any read", async (argv, said) => {
    const before = f.emulator.log.length;
    const r = await run(["export", ...argv], f.env);
    expect([r.code, r.err]).toEqual([2, [said]]);
    expect(f.emulator.log.length).toBe(before);
  });
});
