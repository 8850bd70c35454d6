// `npx pulumi-lineworks export` (cli/index.ts `main`, the export verb in cli/export.ts), in process against seeded emulators:
// the files it writes and where, what it says on stderr (counts, API calls, progress, keyless
// objects, notes, rule problems), that it reads within ceil(N/100) pages per kind and writes
// nothing unless --assign-keys --yes, bad usage and missing settings, and that no secret or
// token ever reaches its output or its file.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { main as emulatorCli } from "../emulator/cli";
import type { Emulator } from "../emulator";
import { main as cli } from "../cli";
import { loadSpecFile } from "../provider/spec";
import { DOMAIN, leaks, startFixture, type Fixture } from "../tools/fixture";
import { seedTenant, type SeedSummary } from "../tools/seed-tenant";

interface Run {
  code: number;
  out: string;
  err: string[];
  cwd: string;
}

const TOKEN_PATH = "/oauth2/v2.0/token";
const SCHEMA_COMMENT = "# yaml-language-server: $schema=./node_modules/pulumi-lineworks/directory.schema.json\n";
const tmpDirs: string[] = [];
/** Everything any run printed or wrote, with the secrets that must not appear in it. */
const scanned: Array<{ what: string; text: string; secrets: () => string[] }> = [];

function tmpDir(tag: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `export-cli-${tag}-`));
  tmpDirs.push(d);
  return d;
}

/** Runs the CLI with captured output in `cwd` (default a fresh temp dir); files it writes or changes there join the leak scan. */
async function run(argv: string[], env: NodeJS.ProcessEnv, opts: { cwd?: string; secrets?: () => string[] } = {}): Promise<Run> {
  const cwd = opts.cwd ?? tmpDir("cwd");
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  const before = new Map(walk(cwd).map((file) => [file, fs.statSync(file).mtimeMs]));
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env, cwd });
  const secrets = opts.secrets ?? (() => []);
  scanned.push({ what: `${argv.join(" ")}: stdout`, text: out, secrets }, { what: `${argv.join(" ")}: stderr`, text: err.join("\n"), secrets });
  for (const file of walk(cwd).filter((x) => before.get(x) !== fs.statSync(x).mtimeMs)) scanned.push({ what: `${argv.join(" ")}: ${path.relative(cwd, file)}`, text: fs.readFileSync(file, "utf8"), secrets });
  return { code, out, err, cwd };
}

const secretsOf = (f: Fixture) => () => [...f.secrets(), ...f.emulator.issuedRefreshTokens];
const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
const isToken = (e: { path: string }) => e.path === TOKEN_PATH;
const apiEntries = (emu: Emulator) => emu.log.filter((e) => !isToken(e));
const summaryLine = (r: Run) => r.err.find((l) => l.startsWith("Wrote "));
const callsIn = (r: Run) => Number(/\((\d+) API calls, [\d.]+ s\)\.$/.exec(summaryLine(r) ?? "")?.[1]);
const countUnits = (units: any[] = []): number => units.reduce((n, u) => n + 1 + countUnits(u.children), 0);
const allUnits = (units: any[] = []): any[] => units.flatMap((u) => [u, ...allUnits(u.children)]);

afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// One seeded company (320 members, 50 units, 10 groups; 2 positions, 1 level, 3 units, 6 members,
// 1 group without a key), only read.

describe("export of a seeded tenant (read only)", () => {
  let f: Fixture;
  let seeded: SeedSummary;
  let plain: Run;

  beforeAll(async () => {
    f = await startFixture();
    seeded = seedTenant(f.emulator);
    f.emulator.resetLog();
    plain = await run(["export"], f.env, { secrets: secretsOf(f) });
  });

  afterAll(async () => {
    await f?.emulator.stop();
  });

  test("default: org.yaml in cwd, a loadable spec with the schema comment; counts, calls, progress and keyless objects on stderr", () => {
    expect(plain.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(plain.code).toBe(0);
    expect(plain.out).toBe("");
    expect(fs.readdirSync(plain.cwd)).toEqual(["org.yaml"]);
    const file = path.join(plain.cwd, "org.yaml");
    const text = fs.readFileSync(file, "utf8");
    expect(text.startsWith(SCHEMA_COMMENT)).toBe(true);
    expect(text).toContain(`Exported from LINE WORKS domain ${DOMAIN}`);
    const loaded = loadSpecFile(file);
    expect(loaded.domainId).toBe(DOMAIN);
    const spec = parse(text);
    expect([spec.positions.length, spec.levels.length, spec.userTypes.length, spec.employmentTypes.length, countUnits(spec.orgUnits), spec.members.length, spec.groups.length]).toEqual([
      seeded.counts.positions, seeded.counts.levels, seeded.counts.userTypes, seeded.counts.employmentTypes, seeded.counts.orgUnits, seeded.counts.users, seeded.counts.groups,
    ]);

    // The summary names the counts per section and the API calls.
    const summary = summaryLine(plain)!;
    expect(summary).toMatch(/^Wrote org\.yaml: .* \(\d+ API calls, [\d.]+ s\)\.$/);
    for (const part of [
      `${seeded.counts.positions} positions`, `${seeded.counts.levels} levels`, `${seeded.counts.userTypes} userTypes`, `${seeded.counts.employmentTypes} employmentTypes`,
      `${seeded.counts.orgUnits} orgUnits`, `${seeded.counts.users} members`, `${seeded.counts.groups} groups`,
    ]) expect(summary).toContain(part);

    // Progress: per section, members every page of 100.
    for (const s of ["positions", "levels", "userTypes", "employmentTypes", "orgUnits", "members", "groups"]) expect(plain.err).toContain(`reading ${s}`);
    expect(plain.err.filter((l) => /^members: \d+ read$/.test(l))).toEqual(["members: 100 read", "members: 200 read", "members: 300 read", `members: ${seeded.counts.users} read`]);
    // The group list carries members and masters: no group is read apart, so no progress of that.
    expect(plain.err.filter((l) => l.startsWith("groups: "))).toEqual([]);

    // Keyless objects, counted per kind.
    const keyless = plain.err.find((l) => l.startsWith("Without an external key"))!;
    expect(keyless).toBeDefined();
    expect(keyless).toContain("2 positions, 1 level, 3 org units, 6 members, 1 group.");
    expect(keyless).toContain("--assign-keys --yes");
    expect(seeded.keyless).toMatchObject({ positions: 2, levels: 1, orgUnits: 3, users: 6, groups: 1 });
    // Nothing to report beyond that.
    expect(plain.err.filter((l) => l.startsWith("Note:") || l.startsWith("The tenant breaks"))).toEqual([]);
  });

  test("reads only: every request was a GET (plus the token)", () => {
    const writes = f.emulator.log.filter((e) => e.method !== "GET" && !isToken(e));
    expect(writes.map((e) => `${e.method} ${e.path}`)).toEqual([]);
    expect(f.emulator.log.every((e) => e.status === 200)).toBe(true);
  });

  test("API calls: ceil(N/100) list pages per kind (the group list carries members and masters), and the summary says exactly that many", () => {
    const gets = apiEntries(f.emulator);
    const byApi = gets.reduce<Record<string, number>>((n, e) => ({ ...n, [e.api]: (n[e.api] ?? 0) + 1 }), {});
    const groups = f.emulator.objects("groups", DOMAIN);
    const expected: Record<string, number> = {
      "GET /directory/positions": pages(f.emulator.objects("positions", DOMAIN).length),
      "GET /directory/levels": pages(f.emulator.objects("levels", DOMAIN).length),
      "GET /directory/user-types": pages(f.emulator.objects("userTypes", DOMAIN).length),
      "GET /directory/employment-types": pages(f.emulator.objects("employmentTypes", DOMAIN).length),
      // One list, no paging (an empty one here: the seed makes no custom properties).
      "GET /directory/users/custom-properties": 1,
      "GET /orgunits": pages(f.emulator.objects("orgUnits", DOMAIN).length),
      "GET /users": pages(f.emulator.objects("users", DOMAIN).length),
      "GET /groups": pages(groups.length),
    };
    expect(byApi).toEqual(expected);
    expect(byApi["GET /users"]).toBe(Math.ceil(320 / 100));
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(total).toBe(11); // 1 + 1 + 1 + 1 + 1 (custom properties) + 1 + 4 + 1
    expect(callsIn(plain)).toBe(total);
    expect(gets).toHaveLength(total);
  });

  test("--format json writes org.json: JSON with $schema, a loadable spec", async () => {
    const r = await run(["export", "--format", "json"], f.env, { secrets: secretsOf(f) });
    expect(r.code).toBe(0);
    expect(fs.readdirSync(r.cwd)).toEqual(["org.json"]);
    const text = fs.readFileSync(path.join(r.cwd, "org.json"), "utf8");
    const json = JSON.parse(text);
    expect(json.$schema).toBe("./node_modules/pulumi-lineworks/directory.schema.json");
    expect(json.domainId).toBe(DOMAIN);
    expect(json.members).toHaveLength(seeded.counts.users);
    expect(loadSpecFile(path.join(r.cwd, "org.json")).entries.length).toBeGreaterThan(seeded.counts.users);
    expect(summaryLine(r)).toMatch(/^Wrote org\.json: /);
    // The same content as the YAML export.
    const { $schema: _schema, ...rest } = json;
    expect(rest).toEqual(parse(fs.readFileSync(path.join(plain.cwd, "org.yaml"), "utf8")));
  });

  test("--out - writes the spec to stdout and no file", async () => {
    const r = await run(["export", "--out", "-"], f.env, { secrets: secretsOf(f) });
    expect(r.code).toBe(0);
    expect(fs.readdirSync(r.cwd)).toEqual([]);
    expect(r.out.startsWith(SCHEMA_COMMENT)).toBe(true);
    expect(parse(r.out).members).toHaveLength(seeded.counts.users);
    expect(summaryLine(r)).toMatch(/^Wrote the spec to stdout: /);
    // Progress and notes stay on stderr: stdout is the spec alone.
    expect(r.out).not.toContain("members: 100 read");
    expect(r.out).not.toContain("Without an external key");
    // --format json to stdout too.
    const j = await run(["export", "--out", "-", "--format", "json"], f.env, { secrets: secretsOf(f) });
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out).$schema).toContain("directory.schema.json");
  });

  test("--out sub/x.yaml is relative to the cwd given, not the process's", async () => {
    const cwd = tmpDir("rel");
    fs.mkdirSync(path.join(cwd, "sub"));
    const r = await run(["export", "--out", "sub/x.yaml"], f.env, { cwd, secrets: secretsOf(f) });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(cwd, "sub", "x.yaml"))).toBe(true);
    expect(fs.existsSync(path.resolve(process.cwd(), "sub/x.yaml"))).toBe(false);
    expect(loadSpecFile("sub/x.yaml", { cwd }).domainId).toBe(DOMAIN);
    expect(summaryLine(r)).toMatch(/^Wrote sub\/x\.yaml: /);
  });

  test("--out into a directory that does not exist: exit 2 naming it before any read, no file", async () => {
    f.emulator.resetLog();
    const r = await run(["export", "--out", "missing/x.yaml"], f.env, { secrets: secretsOf(f) });
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain(`the directory ${path.join(r.cwd, "missing")} does not exist`);
    expect(fs.readdirSync(r.cwd)).toEqual([]);
    expect(f.emulator.log).toEqual([]);
  });

  test("--domain overrides LINEWORKS_DOMAIN_ID", async () => {
    // The environment names the tenant's other, empty domain; the flag the seeded one.
    const env = { ...f.env, LINEWORKS_DOMAIN_ID: "20000002" };
    const r = await run(["export", "--out", "-", "--domain", String(DOMAIN)], env, { secrets: secretsOf(f) });
    expect(r.code).toBe(0);
    expect(parse(r.out).domainId).toBe(DOMAIN);
    expect(parse(r.out).members).toHaveLength(seeded.counts.users);
    // And the other way round: the flag names the empty domain.
    const other = await run(["export", "--out", "-", "--domain", "20000002"], f.env, { secrets: secretsOf(f) });
    expect(other.code).toBe(0);
    const spec = parse(other.out);
    expect(spec.domainId).toBe(20000002);
    expect(spec.members).toBeUndefined();
    expect(other.out).toContain("Exported from LINE WORKS domain 20000002");
  });

  test("no domain anywhere: exit 2 with the message, no request made", async () => {
    const { LINEWORKS_DOMAIN_ID: _d, ...env } = f.env;
    f.emulator.resetLog();
    const r = await run(["export"], env, { secrets: secretsOf(f) });
    expect(r.code).toBe(2);
    expect(r.err).toEqual(["Which domain? Give --domain <ID> or set LINEWORKS_DOMAIN_ID."]);
    expect(fs.readdirSync(r.cwd)).toEqual([]);
    expect(f.emulator.log).toEqual([]);
  });

  test("--assign-keys without --yes: exit 2, lists the keys it would write, reads but writes nothing", async () => {
    f.emulator.resetLog();
    const r = await run(["export", "--assign-keys"], f.env, { secrets: secretsOf(f) });
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(/--assign-keys WRITES to the tenant: it would set these 13 external key\(s\)/);
    expect(r.err).toContain("  position  Engineer                                engineer");
    expect(r.err.join("\n")).toContain("--assign-keys --yes");
    expect(r.out).toBe("");
    expect(fs.readdirSync(r.cwd)).toEqual([]);
    expect(f.emulator.log.filter((e) => e.method !== "GET" && !isToken(e))).toEqual([]);
    // The tenant still has its keyless objects.
    expect(f.emulator.objects("positions", DOMAIN).filter((p) => p.positionExternalKey == null)).toHaveLength(seeded.keyless.positions);
  });

  test("credentials incomplete: exit 1 naming the missing setting, no secret printed, no request", async () => {
    const { LINEWORKS_CLIENT_SECRET: _s, ...env } = f.env;
    f.emulator.resetLog();
    const r = await run(["export"], env, { secrets: secretsOf(f) });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toContain("LINEWORKS_CLIENT_SECRET");
    expect(r.err.join("\n")).not.toContain("LINEWORKS_CLIENT_ID");
    expect(f.emulator.log).toEqual([]);
    expect(fs.readdirSync(r.cwd)).toEqual([]);
  });

  test("a wrong client secret: exit 1, the answer without either secret", async () => {
    const wrong = `wrong-${f.clientSecret}-x`;
    const r = await run(["export"], { ...f.env, LINEWORKS_CLIENT_SECRET: wrong }, { secrets: () => [...secretsOf(f)(), wrong] });
    expect(r.code).toBe(1);
    expect(r.err.find((l) => l.startsWith("export failed: "))).toMatch(/401 invalid_client/);
    expect(leaks(r.err.join("\n"), [wrong, f.clientSecret])).toEqual([]);
    expect(fs.readdirSync(r.cwd)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Usage and settings, no tenant.

describe("bad usage and missing settings", () => {
  test.each([
    ["an unknown flag", ["export", "--bogus"]],
    ["no subcommand", []],
    ["another subcommand", ["import"]],
    ["a second positional", ["export", "org.yaml"]],
    ["a flag without its value", ["export", "--out"]],
  ])("%s: exit 2 with the usage on stderr", async (_what, argv) => {
    const r = await run(argv, {});
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.join("\n")).toContain("Usage: npx pulumi-lineworks export");
    expect(fs.readdirSync(r.cwd)).toEqual([]);
  });

  test("--format xml: exit 2 naming the formats", async () => {
    const r = await run(["export", "--format", "xml"], {});
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain("--format must be yaml or json, not xml");
    expect(fs.readdirSync(r.cwd)).toEqual([]);
  });

  test("--help and -h: exit 0 with the usage on stdout", async () => {
    for (const argv of [["--help"], ["export", "--help"], ["-h"]]) {
      const r = await run(argv, {});
      expect(r.code).toBe(0);
      expect(r.out).toContain("Usage: npx pulumi-lineworks export");
      expect(r.out).toContain("--assign-keys");
      expect(r.err).toEqual([]);
    }
  });

  test("credentials missing (empty env, no flags): a failure naming LINEWORKS_CLIENT_ID and the others", async () => {
    const r = await run(["export"], {});
    expect([1, 2]).toContain(r.code);
    const text = r.err.join("\n");
    for (const name of ["LINEWORKS_CLIENT_ID", "LINEWORKS_CLIENT_SECRET", "LINEWORKS_SERVICE_ACCOUNT", "LINEWORKS_PRIVATE_KEY"]) expect(text).toContain(name);
    expect(fs.readdirSync(r.cwd)).toEqual([]);
  });

  test("--private-key-file that does not exist is named relative to cwd, its content never printed", async () => {
    const cwd = tmpDir("key");
    const r = await run(["export", "--private-key-file", "nope.pem", "--domain", "1"], { LINEWORKS_CLIENT_ID: "c", LINEWORKS_CLIENT_SECRET: "s3cr3t-value-x", LINEWORKS_SERVICE_ACCOUNT: "sa" }, { cwd, secrets: () => ["s3cr3t-value-x"] });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toContain(path.join(cwd, "nope.pem"));
  });
});

// ---------------------------------------------------------------------------------------------
// --assign-keys --yes, on a company of its own.

// ---------------------------------------------------------------------------------------------
// 40 groups: the group list carries each group's members and masters (doc: group-list), so the
// groups cost one list page, not 1 + 40 + 40; an answer without them still exports the same spec.

describe("export of 40 groups", () => {
  const groupCalls = (emu: Emulator) => apiEntries(emu).filter((e) => e.api.startsWith("GET /groups")).map((e) => e.api);
  async function exportOf(carries: boolean) {
    const f = await startFixture({ groupListCarriesMembers: carries });
    try {
      seedTenant(f.emulator, { members: 60, units: 8, groups: 40 });
      f.emulator.resetLog();
      const r = await run(["export", "--out", "-"], f.env, { secrets: secretsOf(f) });
      expect(r.code).toBe(0);
      return { spec: parse(r.out), calls: groupCalls(f.emulator), total: callsIn(r), logged: apiEntries(f.emulator).length, err: r.err };
    } finally {
      await f.emulator.stop();
    }
  }

  test("1 list page when the list carries the sets; the per-group fallback (1 + 40 + 40) when it does not; the same spec", async () => {
    const listed = await exportOf(true);
    expect(listed.spec.groups).toHaveLength(40);
    expect(listed.calls).toEqual(["GET /groups"]);
    expect(listed.total).toBe(listed.logged);
    expect(listed.spec.groups.every((g: any) => g.administrators.length >= 1)).toBe(true);
    expect(listed.spec.groups.some((g: any) => g.members?.length)).toBe(true);

    const paged = await exportOf(false);
    expect(paged.calls.filter((a) => a === "GET /groups")).toHaveLength(1);
    expect(paged.calls.filter((a) => a === "GET /groups/{id}/members")).toHaveLength(40);
    expect(paged.calls.filter((a) => a === "GET /groups/{id}/administrators")).toHaveLength(40);
    expect(paged.calls).toHaveLength(81);
    expect(paged.total).toBe(listed.total + 80);
    expect(paged.err).toContain("groups: 40 of 40 with their members and administrators");
    expect(paged.spec).toEqual(listed.spec);
  });
});

describe("--assign-keys --yes", () => {
  let f: Fixture;
  let seeded: SeedSummary;
  let r: Run;
  /** Members made keyless on top of the seeded ones, so the members take two bulk calls. */
  const EXTRA_KEYLESS_MEMBERS = 60;
  let keylessIds: Record<string, string[]>;

  beforeAll(async () => {
    f = await startFixture();
    seeded = seedTenant(f.emulator);
    const extra = seeded.ids.users.filter((id) => !seeded.keylessIds.users.includes(id)).slice(0, EXTRA_KEYLESS_MEMBERS);
    for (const id of extra) f.emulator.update("users", id, { userExternalKey: null });
    keylessIds = { ...seeded.keylessIds, users: [...seeded.keylessIds.users, ...extra] };
    f.emulator.resetLog();
    r = await run(["export", "--assign-keys", "--yes"], f.env, { secrets: secretsOf(f) });
  });

  afterAll(async () => {
    await f?.emulator.stop();
  });

  /** The prefix of the keys seedTenant gives: the objects keyed before the run keep those. */
  const PREFIX = { positions: "POS_", levels: "LV_", orgUnits: "OU_", users: "EMP_", groups: "GRP_" } as const;
  const KEY_FIELD = { positions: "positionExternalKey", levels: "levelExternalKey", orgUnits: "orgUnitExternalKey", users: "userExternalKey", groups: "groupExternalKey" } as const;
  const ID_FIELD = { positions: "positionId", levels: "levelId", orgUnits: "orgUnitId", users: "userId", groups: "groupId" } as const;

  test("every keyless position, level, org unit, member and group has a generated key in the tenant; keyed ones keep theirs", () => {
    expect(r.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(r.code).toBe(0);
    for (const kind of Object.keys(PREFIX) as (keyof typeof PREFIX)[]) {
      const objects = f.emulator.objects(kind, DOMAIN);
      const byId = new Map(objects.map((o) => [o[ID_FIELD[kind]], o]));
      expect(keylessIds[kind].length).toBeGreaterThan(0);
      // Readable keys (a slug of the name, an employee number), never the ID.
      for (const id of keylessIds[kind]) expect([kind, byId.get(id)?.[KEY_FIELD[kind]]]).toEqual([kind, expect.stringMatching(/^[a-z0-9][a-z0-9-]*$|^E\d{5}$/)]);
      for (const id of keylessIds[kind]) expect(byId.get(id)?.[KEY_FIELD[kind]]).not.toContain(id.slice(-12));
      // Nothing without a key left, and no keyed object touched.
      expect(objects.filter((o) => typeof o[KEY_FIELD[kind]] !== "string")).toEqual([]);
      expect(objects.filter((o) => !String(o[KEY_FIELD[kind]]).startsWith(PREFIX[kind]))).toHaveLength(keylessIds[kind].length);
    }
  });

  test("the only writes are POST .../external-keys, at most ceil(n/50) per kind, counted in the summary's API calls", () => {
    const writes = f.emulator.log.filter((e) => e.method !== "GET" && !isToken(e));
    expect(writes.every((e) => e.method === "POST" && e.path.endsWith("/external-keys") && e.status < 300)).toBe(true);
    const byPath = writes.reduce<Record<string, number>>((n, e) => ({ ...n, [e.path.replace(/^\/v1\.0/, "")]: (n[e.path.replace(/^\/v1\.0/, "")] ?? 0) + 1 }), {});
    const paths = { positions: "/directory/positions", levels: "/directory/levels", orgUnits: "/orgunits", users: "/users", groups: "/groups" } as const;
    for (const kind of Object.keys(paths) as (keyof typeof paths)[]) {
      expect([kind, byPath[`${paths[kind]}/external-keys`]]).toEqual([kind, Math.ceil(keylessIds[kind].length / 50)]);
    }
    expect(byPath["/users/external-keys"]).toBe(2); // 66 members: 50 + 16
    expect(Object.keys(byPath).sort()).toEqual(Object.values(paths).map((p) => `${p}/external-keys`).sort());
    expect(callsIn(r)).toBe(apiEntries(f.emulator).length);
  });

  test("stderr says what was assigned; no keyless line, no note", () => {
    const line = r.err.find((l) => l.startsWith("Assigned generated external keys"));
    expect(line).toBe(`Assigned generated external keys to 2 positions, 1 level, 3 org units, ${keylessIds.users.length} members, 1 group.`);
    expect(r.err.find((l) => l.startsWith("Without an external key"))).toBeUndefined();
    expect(r.err.filter((l) => l.startsWith("Note:"))).toEqual([]);
  });

  test("the written spec refers to the formerly keyless objects by their new keys", () => {
    const file = path.join(r.cwd, "org.yaml");
    expect(() => loadSpecFile(file)).not.toThrow();
    const spec = parse(fs.readFileSync(file, "utf8"));
    const keyOf = (kind: keyof typeof PREFIX, id: string) => f.emulator.objects(kind, DOMAIN).find((o) => o[ID_FIELD[kind]] === id)[KEY_FIELD[kind]];
    // Every entry has its key.
    expect(spec.positions.filter((p: any) => !p.positionExternalKey)).toEqual([]);
    expect(spec.levels.filter((p: any) => !p.levelExternalKey)).toEqual([]);
    expect(allUnits(spec.orgUnits).filter((u: any) => !u.orgUnitExternalKey)).toEqual([]);
    expect(spec.members.filter((m: any) => !m.userExternalKey)).toEqual([]);
    expect(spec.groups.filter((g: any) => !g.groupExternalKey)).toEqual([]);
    for (const id of keylessIds.positions) expect(spec.positions.map((p: any) => p.positionExternalKey)).toContain(keyOf("positions", id));
    // References: members' positions, levels and units; groups' members.
    const refs = { positionId: new Set<string>(), levelId: new Set<string>(), orgUnitId: new Set<string>() };
    for (const m of spec.members) {
      for (const o of m.organizations) {
        if (o.levelId) refs.levelId.add(o.levelId);
        for (const u of o.orgUnits) {
          refs.orgUnitId.add(u.orgUnitId);
          if (u.positionId) refs.positionId.add(u.positionId);
        }
      }
    }
    for (const id of keylessIds.positions) expect(refs.positionId).toContain(keyOf("positions", id));
    for (const id of keylessIds.levels) expect(refs.levelId).toContain(keyOf("levels", id));
    for (const id of keylessIds.orgUnits) expect(refs.orgUnitId).toContain(keyOf("orgUnits", id));
    // Names of the formerly keyless positions and level are no longer used as references.
    for (const name of ["Engineer", "Specialist"]) expect(refs.positionId).not.toContain(name);
    expect(refs.levelId).not.toContain("Associate");
    const groupMemberIds = new Set(spec.groups.flatMap((g: any) => (g.members ?? []).map((m: any) => m.id)));
    const keylessInGroups = keylessIds.users.filter((id) => f.emulator.objects("groups", DOMAIN).some((g) => g.members.some((m: any) => m.id === id)));
    expect(keylessInGroups.length).toBeGreaterThan(0);
    for (const id of keylessInGroups) expect(groupMemberIds).toContain(keyOf("users", id));
  });

  test("a second plain export reports no keyless objects and writes nothing", async () => {
    f.emulator.resetLog();
    const again = await run(["export"], f.env, { secrets: secretsOf(f) });
    expect(again.code).toBe(0);
    expect(again.err.find((l) => l.startsWith("Without an external key"))).toBeUndefined();
    expect(again.err.find((l) => l.startsWith("Assigned"))).toBeUndefined();
    expect(f.emulator.log.filter((e) => e.method !== "GET" && !isToken(e))).toEqual([]);
  });

  test("a keyless employment type: --assign-keys --yes gives it a key through POST /directory/employment-types/external-keys", async () => {
    const et = seeded.ids.employmentTypes[0];
    f.emulator.update("employmentTypes", et, { employmentTypeExternalKey: null });
    f.emulator.resetLog();
    const again = await run(["export", "--assign-keys", "--yes"], f.env, { secrets: secretsOf(f) });
    expect(again.code).toBe(0);
    const writes = f.emulator.log.filter((e) => e.method !== "GET" && !isToken(e));
    expect(writes.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(["POST /v1.0/directory/employment-types/external-keys 204"]);
    expect(again.err.filter((l) => l.startsWith("Note:"))).toEqual([]);
    expect(again.err.find((l) => l.startsWith("Assigned"))).toBe("Assigned generated external keys to 1 employment type.");
    expect(again.err.find((l) => l.startsWith("Without an external key"))).toBeUndefined();
    const key = f.emulator.objects("employmentTypes", DOMAIN).find((o) => o.employmentTypeId === et).employmentTypeExternalKey;
    expect(key).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    // The written spec names it by that key.
    expect(parse(fs.readFileSync(path.join(again.cwd, "org.yaml"), "utf8")).employmentTypes.map((e: any) => e.employmentTypeExternalKey)).toContain(key);
  });
});

// ---------------------------------------------------------------------------------------------
// --emulator DIR: the local emulator's data directory, no credentials in the environment.

describe("--emulator DIR", () => {
  test("exports the objects seeded into the data directory, with an empty env", async () => {
    const parent = tmpDir("emu");
    const dir = path.join(parent, "data");
    const handle = (await emulatorCli(["--port", "0", "--data-dir", dir], {}, { out: () => {} }))!;
    let seeded: SeedSummary;
    try {
      seeded = seedTenant(handle.emulator, { members: 12, units: 8, groups: 2 });
    } finally {
      await handle.stop();
    }
    const keyLines = fs.readFileSync(path.join(dir, "private-key.pem"), "utf8").split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"));
    const secrets = () => [handle.clientSecret, ...keyLines];
    const r = await run(["export", "--emulator", dir, "--out", "-"], {}, { secrets });
    expect(r.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(r.code).toBe(0);
    const spec = parse(r.out);
    expect(spec.domainId).toBe(handle.domainId);
    expect(spec.members).toHaveLength(12);
    expect(countUnits(spec.orgUnits)).toBe(8);
    expect(spec.groups).toHaveLength(2);
    expect(spec.positions).toHaveLength(seeded.counts.positions);
    expect(summaryLine(r)).toMatch(/^Wrote the spec to stdout: .*12 members.*\(\d+ API calls/);
    // A relative DIR is resolved against cwd; the emulator it started is stopped again (the data stays).
    const r2 = await run(["export", "--emulator", "data", "--out", "-"], {}, { cwd: parent, secrets });
    expect(r2.code).toBe(0);
    expect(parse(r2.out).members).toHaveLength(12);
    expect(fs.existsSync(path.join(dir, "state.json"))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Live data breaking a spec rule; a feature switched off.

describe("a tenant the spec rules refuse, a switch off", () => {
  let f: Fixture;
  let seeded: SeedSummary;

  beforeEach(async () => {
    f = await startFixture();
    seeded = seedTenant(f.emulator, { members: 12, units: 8, groups: 2 });
  });

  afterEach(async () => {
    await f?.emulator.stop();
  });

  test("two keyless units with one name and a second leader: the file is still written, exit 0, problems listed by path", async () => {
    const [root, division] = seeded.ids.orgUnits;
    for (const parent of [root, division]) {
      f.emulator.seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Twin Office", orgUnitExternalKey: null, parentOrgUnitId: parent, displayOrder: 99, email: null });
    }
    // A second leader of the root: its second member (not the leader) made isManager too.
    const users = f.emulator.objects("users", DOMAIN);
    const inRoot = users.filter((u) => u.organizations[0].orgUnits[0].orgUnitId === root);
    const leader = inRoot.find((u) => u.organizations[0].orgUnits[0].isManager);
    const second = inRoot.find((u) => !u.organizations[0].orgUnits[0].isManager);
    expect(leader && second).toBeTruthy();
    const org = second.organizations[0];
    f.emulator.update("users", second.userId, {
      organizations: [{ domainId: DOMAIN, primary: true, email: org.email ?? null, levelId: org.levelId ?? null,
        orgUnits: [{ ...pick(org.orgUnits[0], ["orgUnitId", "primary", "positionId", "visible", "useTeamFeature"]), isManager: true }] }],
    });
    f.emulator.resetLog();

    const r = await run(["export"], f.env, { secrets: secretsOf(f) });
    expect(r.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(r.code).toBe(0);
    const file = path.join(r.cwd, "org.yaml");
    expect(fs.existsSync(file)).toBe(true);
    const spec = parse(fs.readFileSync(file, "utf8"));
    expect(allUnits(spec.orgUnits).filter((u: any) => u.orgUnitName === "Twin Office")).toHaveLength(2);
    expect(() => loadSpecFile(file)).toThrow(/problem/);

    const head = r.err.findIndex((l) => l.startsWith("The tenant breaks"));
    expect(head).toBeGreaterThan(-1);
    expect(r.err[head]).toMatch(/^The tenant breaks \d+ rule\(s\) that Directory checks; fix these before `pulumi up`:$/);
    const problems = r.err.slice(head + 1).filter((l) => l.startsWith("  "));
    expect(problems).toHaveLength(2);
    expect(r.err[head]).toContain("breaks 2 rule(s)");
    expect(problems.some((l) => /^ {2}orgUnits\[0\](\.children\[\d+\])+\.orgUnitName: Twin Office is the orgUnitName of orgUnits\[0\].*too, and neither has an orgUnitExternalKey/.test(l))).toBe(true);
    // Reported at whichever of the two leaders comes second in the file.
    const later = Math.max(...[leader, second].map((u) => spec.members.findIndex((m: any) => m.email === u.email)));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^ {2}members\\[${later}\\]\\.organizations\\[0\\]\\.orgUnits\\[0\\]\\.isManager: .*has a leader already`)));
    // Still read only.
    expect(f.emulator.log.filter((e) => e.method !== "GET" && !isToken(e))).toEqual([]);
  });

  test("levels switched off: a note, no levels section, the rest exported", async () => {
    f.emulator.setFeature(DOMAIN, "levels", false);
    const r = await run(["export"], f.env, { secrets: secretsOf(f) });
    expect(r.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`Note: the levels switch is off in domain ${DOMAIN}: no levels exported.`);
    const spec = parse(fs.readFileSync(path.join(r.cwd, "org.yaml"), "utf8"));
    expect(spec.levels).toBeUndefined();
    expect(spec.positions).toHaveLength(seeded.counts.positions);
    expect(spec.members).toHaveLength(12);
    expect(summaryLine(r)).not.toMatch(/levels/);
    expect(loadSpecFile(path.join(r.cwd, "org.yaml")).entries.filter((e) => e.section === "levels")).toEqual([]);
    // No request was spent beyond the one refused list call.
    expect(f.emulator.log.filter((e) => e.api === "GET /directory/levels")).toHaveLength(1);
  });

  // LINE WORKS' disable deletes every object of the kind and every member's value of it.
  test("levels switched off: no member refers to a level any more", async () => {
    f.emulator.setFeature(DOMAIN, "levels", false);
    const r = await run(["export", "--out", "-"], f.env, { secrets: secretsOf(f) });
    expect(r.code).toBe(0);
    const spec = parse(r.out);
    expect(spec.members.flatMap((m: any) => m.organizations.map((o: any) => o.levelId)).filter((l: any) => l !== undefined)).toEqual([]);
  });
});

function pick(o: Record<string, any>, keys: string[]): Record<string, any> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

// ---------------------------------------------------------------------------------------------

test("nothing any run printed or wrote holds a secret, a private key line or an access token", () => {
  expect(scanned.length).toBeGreaterThan(40);
  const found = scanned.flatMap((s) => leaks(s.text, s.secrets()).map((l) => `${s.what}: ${l}`));
  expect(found).toEqual([]);
  // The scan would catch one: it sees the issued tokens.
  expect(scanned.some((s) => s.secrets().length > 3)).toBe(true);
});
