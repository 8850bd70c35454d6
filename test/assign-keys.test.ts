// `export --assign-keys`: the keys it gives objects that have none are readable (a slug of the
// name, an en_US name for a Japanese one, else a short code; members by employee number or email),
// unique with `-2` suffixes, the same for the same tenant; without --yes it lists them and writes
// nothing; with --yes the spec keeps the order of a plain export, so the two differ only in the
// key lines and the references that switch from names to keys. In process against seeded emulators.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as cli } from "../cli";
import { codeOf, planKeys, slugOf } from "../provider/exportKeys";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { seedTenant, type SeedSummary } from "../tools/seed-tenant";

interface Run {
  code: number;
  out: string;
  err: string[];
  cwd: string;
}

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "assign-keys-"));
  tmpDirs.push(cwd);
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env, cwd });
  return { code, out, err, cwd };
}

const writes = (f: Fixture) => f.emulator.log.filter((e) => e.method !== "GET" && e.path !== "/oauth2/v2.0/token");
/** The table rows of a dry run: [kind, name, key], without the header. */
const rows = (r: Run) => r.err.filter((l) => l.startsWith("  ")).slice(1).map((l) => l.trim().split(/ {2,}/));
const CODE = /^[a-z]+-[0-9a-hjkmnp-tv-z]{6}$/;

/**
 * The seeded company with what readable keys must cope with: Japanese names (one with an en_US
 * name), a name that an existing key already holds, two units of one name, a member without an
 * employee number and one whose number another member has as key.
 */
function seedCompany(f: Fixture): SeedSummary {
  const seeded = seedTenant(f.emulator, { members: 40, units: 10, groups: 4 });
  const [engineer, specialist] = seeded.keylessIds.positions;
  f.emulator.update("positions", engineer, { positionName: "技師", i18nNames: [] });
  f.emulator.update("positions", specialist, { positionName: "専門職", i18nNames: [{ language: "ja_JP", name: "専門職" }, { language: "en_US", name: "Specialist" }] });
  // Associate is keyless; Junior's key becomes "associate", so Associate gets "associate-2".
  f.emulator.update("levels", seeded.ids.levels[5], { levelExternalKey: "associate" });
  const [root] = seeded.ids.orgUnits;
  for (const [i, parent] of [root, seeded.ids.orgUnits[1]].entries()) {
    f.emulator.seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Twin Office", orgUnitExternalKey: null, parentOrgUnitId: parent, displayOrder: 90 + i, email: null });
  }
  const [m1, m2] = seeded.keylessIds.users;
  f.emulator.update("users", m1, { employeeNumber: null });
  f.emulator.update("users", m2, { employeeNumber: "EMP_0001" });
  return seeded;
}

describe("readable keys from a seeded tenant", () => {
  let f: Fixture;
  let seeded: SeedSummary;
  let dry: Run;
  const email = (id: string) => f.emulator.objects("users", DOMAIN).find((u) => u.userId === id).email as string;

  beforeAll(async () => {
    f = await startFixture();
    seeded = seedCompany(f);
    f.emulator.resetLog();
    dry = await run(["export", "--assign-keys"], f.env);
  });

  afterAll(async () => {
    await f?.emulator.stop();
  });

  test("without --yes: exit 2, the keys as a table (kind, name, key), no POST, no file", () => {
    expect(dry.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(dry.code).toBe(2);
    expect(dry.out).toBe("");
    expect(fs.readdirSync(dry.cwd)).toEqual([]);
    expect(writes(f)).toEqual([]);
    const head = dry.err.findIndex((l) => l.startsWith("--assign-keys WRITES to the tenant"));
    expect(dry.err[head + 1]).toMatch(/^ {2}kind +name +key$/);
    expect(dry.err[dry.err.length - 1]).toContain("--assign-keys --yes");
    const [m1, m2, ...otherMembers] = seeded.keylessIds.users;
    const table = rows(dry);
    expect(table).toHaveLength(2 + 1 + 5 + 6 + 1);
    // Positions: a Japanese name alone -> a code; with an en_US name -> its slug.
    expect(table[0]).toEqual(["position", "技師", expect.stringMatching(CODE)]);
    expect(table[0][2]).toBe(codeOf("positions", seeded.keylessIds.positions[0]));
    expect(table[0][2].startsWith("pos-")).toBe(true);
    expect(table[1]).toEqual(["position", "専門職", "specialist"]);
    // A name another level holds as key: the suffix.
    expect(table[2]).toEqual(["level", "Associate", "associate-2"]);
    // Units: ASCII slugs, two of one name told apart in the spec's order.
    const units = table.filter((r) => r[0] === "org unit");
    expect(units.map((r) => r[2])).toEqual(expect.arrayContaining(["twin-office", "twin-office-2"]));
    for (const [, name, key] of units) expect(key.replace(/-2$/, "")).toBe(name.toLowerCase().replace(/ /g, "-"));
    // Members: the employee number; none -> the email's local part; a number another holds as key -> suffix.
    const members = new Map(table.filter((r) => r[0] === "member").map((r) => [r[1], r[2]]));
    expect(members.get(email(m1))).toBe(email(m1).split("@")[0]);
    expect(members.get(email(m2))).toBe("EMP_0001-2");
    for (const id of otherMembers) expect(members.get(email(id))).toMatch(/^E\d{5}$/);
    expect(table.filter((r) => r[0] === "group").map((r) => r[2])).toEqual([expect.stringMatching(/^[a-z0-9-]+$/)]);
    // Never an ID.
    for (const [, , key] of table) expect(key).not.toMatch(/5eed5eed|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  test("deterministic: the same tenant gives the same keys, also in another emulator", async () => {
    const again = await run(["export", "--assign-keys"], f.env);
    expect(rows(again)).toEqual(rows(dry));
    const g = await startFixture();
    try {
      seedCompany(g);
      expect(rows(await run(["export", "--assign-keys"], g.env))).toEqual(rows(dry));
    } finally {
      await g.emulator.stop();
    }
  });

  test("--member-key email: members by their email's local part", async () => {
    const r = await run(["export", "--assign-keys", "--member-key", "email"], f.env);
    expect(r.code).toBe(2);
    const members = rows(r).filter((x) => x[0] === "member");
    expect(members).toHaveLength(seeded.keylessIds.users.length);
    for (const [, mail, key] of members) expect(key).toBe(mail.split("@")[0]);
    // The rest as without it.
    expect(rows(r).filter((x) => x[0] !== "member")).toEqual(rows(dry).filter((x) => x[0] !== "member"));
    expect(writes(f)).toEqual([]);
  });

  test("--member-key: only employeeNumber or email, and only with --assign-keys (exit 2, no request)", async () => {
    f.emulator.resetLog();
    const bad = await run(["export", "--assign-keys", "--member-key", "name"], f.env);
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual(["--member-key must be employeeNumber or email, not name"]);
    const alone = await run(["export", "--member-key", "email"], f.env);
    expect(alone.code).toBe(2);
    expect(alone.err.join("\n")).toContain("--member-key goes with --assign-keys");
    expect(f.emulator.log).toEqual([]);
  });

  test("--yes writes the listed keys; the spec keeps a plain export's order: it differs by the key lines and the references to them", async () => {
    const plain = await run(["export", "--out", "-"], f.env);
    expect(plain.code).toBe(0);
    const done = await run(["export", "--out", "-", "--assign-keys", "--yes"], f.env);
    expect(done.err.filter((l) => l.startsWith("export failed"))).toEqual([]);
    expect(done.code).toBe(0);
    // The tenant holds the listed keys.
    const keys = new Map(rows(dry).map(([, name, key]) => [key, name]));
    const held = ["positions", "levels", "orgUnits", "users", "groups"].flatMap((k) => f.emulator.objects(k, DOMAIN).map((o) => o[`${k === "users" ? "user" : k.replace(/s$/, "")}ExternalKey`]));
    for (const key of keys.keys()) expect(held).toContain(key);

    const before = plain.out.split("\n");
    const after = done.out.split("\n");
    expect(after.length - before.length).toBe(keys.size);
    expect(undoKeys(after, keys)).toEqual(before);
    // And the diff is not empty: references did switch.
    expect(after.filter((l) => keys.has(unquote(REF_LINE.exec(l)?.[2] ?? ""))).length).toBeGreaterThan(0);
  });
});

/** Quotes YAML put around a scalar, taken off. */
const unquote = (v: string) => v.replace(/^"(.*)"$|^'(.*)'$/, "$1$2");
const REF_LINE = /^(\s*(?:- )?(?:orgUnitId|positionId|levelId|userTypeId|employmentTypeId|id|userId): )(.*)$/;

/**
 * The spec lines as they were before the keys in `keys` (key -> name): their key lines dropped
 * (the next line takes the entry's `- `), references to them back to the name.
 */
function undoKeys(lines: string[], keys: Map<string, string>): string[] {
  const out: string[] = [];
  const rest = [...lines];
  for (let i = 0; i < rest.length; i++) {
    const key = /^(\s*)(- )?\w+ExternalKey: (.*)$/.exec(rest[i]);
    if (key && keys.has(unquote(key[3]))) {
      if (key[2]) rest[i + 1] = `${key[1]}- ${rest[i + 1].slice(key[1].length + 2)}`;
      continue;
    }
    const ref = REF_LINE.exec(rest[i]);
    out.push(ref && keys.has(unquote(ref[2])) ? `${ref[1]}${keys.get(unquote(ref[2]))}` : rest[i]);
  }
  return out;
}

describe("slugs and codes", () => {
  test("ASCII names slug; accents and full-width letters too; Japanese or symbol-only names do not", () => {
    expect(slugOf("Sales Division")).toBe("sales-division");
    expect(slugOf("  R&D / Tokyo (2nd) ")).toBe("r-d-tokyo-2nd");
    expect(slugOf("Café Crème")).toBe("cafe-creme");
    expect(slugOf("ＩＴ Ｄｅｓｋ")).toBe("it-desk");
    expect(slugOf("営業本部")).toBeUndefined();
    expect(slugOf("IT推進委員会")).toBeUndefined();
    expect(slugOf("!!!")).toBeUndefined();
    expect(slugOf(undefined)).toBeUndefined();
  });

  test("codes: the prefix and six base32 characters, stable per ID, different per ID", () => {
    expect(codeOf("orgUnits", "a")).toMatch(/^ou-[0-9a-hjkmnp-tv-z]{6}$/);
    expect(codeOf("orgUnits", "a")).toBe(codeOf("orgUnits", "a"));
    expect(codeOf("orgUnits", "a")).not.toBe(codeOf("orgUnits", "b"));
  });

  test("keys keep LINE WORKS' rule (at most 100 characters, none of \\ % # / ?), suffixed within it", () => {
    const long = "Very Long Committee Name ".repeat(8);
    const units = [1, 2, 3].map((i) => ({ orgUnitId: `u${i}`, orgUnitName: long, orgUnitExternalKey: null }));
    const keys = planKeys("orgUnits", units).map((k) => k.key);
    expect(new Set(keys).size).toBe(3);
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(100);
    expect(keys[1]).toBe(`${keys[0]}-2`);
    const members = [{ userId: "m1", email: "a.b+x@example.com", employeeNumber: "HR/2024#7 ?" }, { userId: "m2", email: "山田@example.com", employeeNumber: null }];
    const [numbered, japanese] = planKeys("members", members).map((k) => k.key);
    expect(numbered).toBe("HR-2024-7");
    expect(japanese).toMatch(/^user-[0-9a-hjkmnp-tv-z]{6}$/);
    expect(planKeys("members", members, "email")[0].key).toBe("a.b-x");
    // Existing keys are taken, without case.
    expect(planKeys("groups", [{ groupId: "g1", groupName: "Book Club", groupExternalKey: "BOOK-CLUB" }, { groupId: "g2", groupName: "Book Club", groupExternalKey: null }])[0].key).toBe("book-club-2");
  });
});
