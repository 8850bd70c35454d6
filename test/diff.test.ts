// `npx pulumi-lineworks diff` (cli/diff.ts over provider/review/), in process: a reorganisation
// of the seeded company (exported from an emulator) summarised in names for an HR reviewer
// (moves by path, members by name and email with unit and title, counts, catalog and group
// changes, the org chart), the 60,000-character limit with 3,000 members moving (summarised,
// never cut), the same bytes for the same specs, JSON, privacy, --live against the emulator and
// bad usage. --base-ref spawns git: test/diff-git.test.ts (engine tier).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { main as cli } from "../cli";
import { clientFor } from "../provider/client";
import { exportSpec } from "../provider/export";
import { compareSpecs } from "../provider/review/changes";
import { SUMMARY_LIMIT, renderSummary } from "../provider/review/summary";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { seedTenant } from "../tools/seed-tenant";
import { clone, PRIVATE_PATTERN, reorganise, seatOf, withPrivateDetails, type Reorg } from "../tools/reorg";

type Props = Record<string, any>;

const dirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "diff-"));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env, cwd });
  return { code, out, err };
}

const write = (dir: string, name: string, spec: Props) => fs.writeFileSync(path.join(dir, name), stringify(spec, { lineWidth: 0 }));
/** The lines of a Markdown section from its heading to the next heading of its level or above. */
function section(md: string, heading: string): string[] {
  const lines = md.split("\n");
  const at = lines.indexOf(heading);
  if (at < 0) throw new Error(`no section ${heading} in:\n${md}`);
  const level = heading.indexOf(" ");
  const end = lines.findIndex((l, i) => i > at && /^#+ /.test(l) && l.indexOf(" ") <= level);
  return lines.slice(at, end < 0 ? undefined : end);
}

describe("a reorganisation of the seeded company", () => {
  let f: Fixture;
  let base: Props;
  let reorg: Reorg;
  let dir: string;
  let summary: string;

  beforeAll(async () => {
    f = await startFixture();
    seedTenant(f.emulator);
    base = withPrivateDetails((await exportSpec(clientFor(f.settings()), { domainId: DOMAIN })).spec);
    reorg = reorganise(base);
    dir = tmpDir();
    write(dir, "base.yaml", base);
    write(dir, "org.yaml", reorg.head);
    const r = await run(["diff", "base.yaml", "org.yaml"], dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    summary = r.out;
  });
  afterAll(async () => {
    await f?.emulator.stop();
  });

  test("counts first: each section's size before and after, and what changes (a catalog neither side uses is left out)", () => {
    const lines = summary.split("\n");
    expect(lines.slice(0, 14)).toEqual([
      "<!-- pulumi-lineworks diff -->",
      "比較 (Compared): base.yaml -> org.yaml",
      "",
      "## 変更の概要 (Summary)",
      "",
      "| | 変更前 (base) | 変更後 (head) | 変更 (changes) |",
      "|---|---:|---:|---|",
      "| 組織 (org units) | 50 | 50 | 名称変更 (renamed) 2, 移動 (moved) 3 |",
      "| メンバー (members) | 320 | 320 | 追加 (joining) 5, 削除 (leaving) 5, 異動 (changing unit) 40, 役職 (title) 1, リーダー (leader role) 1, 職級 (level) 1, 利用権限タイプ (user type) 1 |",
      "| 役職 (positions) | 20 | 21 | 追加 (added) 1, 名称変更 (renamed) 1 |",
      "| 職級 (levels) | 6 | 6 | 名称変更 (renamed) 1 |",
      "| 利用権限タイプ (user types) | 4 | 4 | — |",
      "| 雇用形態 (employment types) | 2 | 2 | — |",
      "| グループ (groups) | 10 | 10 | 変更 (changed) 1, メンバー追加 (members added) 1, メンバー削除 (members removed) 1 |",
    ]);
  });

  test("units moved and renamed, old path -> new path", () => {
    expect(section(summary, "### 移動 (Moved): 3")).toEqual([
      "### 移動 (Moved): 3",
      "",
      "- Sakura Trading › Corporate Division › Finance › Finance Team A -> Sakura Trading › Administration Division › Human Resources › Finance Team A",
      "- Sakura Trading › Sales Division › Domestic Sales -> Sakura Trading › Engineering Division › Domestic Sales",
      "- Sakura Trading › Marketing Division › Brand Marketing › Brand Marketing Team A -> Sakura Trading › Marketing Division › Digital Marketing › Brand Marketing Team A",
      "",
    ]);
    expect(section(summary, "### 名称変更 (Renamed): 2")).toEqual([
      "### 名称変更 (Renamed): 2",
      "",
      "- Sakura Trading › Corporate Division -> Sakura Trading › Administration Division",
      "- Sakura Trading › Sales Division › Domestic Sales › Domestic Sales Team A -> Sakura Trading › Engineering Division › Domestic Sales › Tokyo Sales",
      "",
    ]);
  });

  test("members by name and email, with unit and title before and after", () => {
    const moving = section(summary, "### 異動 (Changing unit): 40");
    expect(moving.slice(2, 4)).toEqual(["| メンバー (Member) | 変更前 (Before) | 変更後 (After) |", "|---|---|---|"]);
    expect(moving.filter((l) => l.startsWith("| ") && !l.startsWith("| メンバー")).length).toBe(40);
    for (const email of reorg.moved) expect(moving.some((l) => l.includes(`\`${email}\``))).toBe(true);
    const m = reorg.head.members.find((x: Props) => x.email === reorg.moved[0]);
    const row = moving.find((l) => l.includes(`\`${m.email}\``))!;
    expect(row).toMatch(new RegExp(`^\\| ${m.userName.lastName} ${m.userName.firstName} \`${m.email}\` \\| Sakura Trading › .+ \\(.+\\) \\| Sakura Trading › .+ \\(.+\\) \\|$`));

    expect(section(summary, "### 追加 (Joining): 5").slice(2)).toEqual([
      "| メンバー (Member) | 所属・役職 (Unit, title) | 職級・利用権限タイプ・雇用形態 (Level, types) |",
      "|---|---|---|",
      ...[1, 2, 3, 4, 5].map((i) => `| 新人 ${i}号 \`joiner${i}@d10000001.example.com\` | Sakura Trading › Engineering Division › Domestic Sales › Tokyo Sales (Staff) | Entry, Part-time |`),
      "",
    ]);
    const leaving = section(summary, "### 削除 (Leaving): 5");
    for (const email of reorg.left) expect(leaving.some((l) => l.includes(`\`${email}\``))).toBe(true);

    const titles = section(summary, "### 役職・リーダーの変更 (Title or leader role): 2");
    expect(titles.filter((l) => /\(Chief\) \|$/.test(l))).toHaveLength(1);
    expect(titles.filter((l) => l.includes("Software Development (") && l.endsWith("リーダー/leader) |"))).toHaveLength(1);
    const fields = section(summary, "### 職級・利用権限タイプ・雇用形態 (Level, user type, employment type): 2");
    expect(fields.filter((l) => l.includes("| 職級 (level) |") && l.endsWith("| Executive |"))).toHaveLength(1);
    expect(fields.filter((l) => l.includes("| 利用権限タイプ (user type) | Regular Employee | Contract Employee |"))).toHaveLength(1);
  });

  test("positions, levels and groups in names", () => {
    expect(section(summary, "## 役職・職級・利用権限タイプ・カスタム項目 (Positions, levels, user types, custom properties)").slice(2)).toEqual([
      "| 種類 (Kind) | 変更 (Change) | 名前 (Name) |",
      "|---|---|---|",
      "| 役職 (positions) | 名称変更 (renamed) | President -> Chief Executive Officer |",
      "| 役職 (positions) | 追加 (added) | Intern |",
      "| 職級 (levels) | 名称変更 (renamed) | Junior -> Entry |",
      "",
    ]);
    const groups = section(summary, "## グループ (Groups)");
    expect(groups.filter((l) => l.startsWith("| Project Phoenix |"))).toEqual([
      "| Project Phoenix | メンバー追加 (member added) | 新人 1号 `joiner1@d10000001.example.com` |",
      expect.stringMatching(/^\| Project Phoenix \| メンバー削除 \(member removed\) \| \S+ \S+ `[^`]+@d10000001\.example\.com` \|$/),
    ]);
  });

  test("the org chart: a mermaid flowchart of the changed branches, changed units marked", () => {
    const chart = section(summary, "## 組織図 (Org chart)");
    const start = chart.indexOf("```mermaid");
    expect(chart[start + 1]).toBe("flowchart TD");
    const box = (text: string) => chart.find((l) => new RegExp(`^  u\\d+\\["${text}"\\]$`).test(l))?.trim().split("[")[0];
    const moved = box("Domestic Sales<br/>〔移動〕")!;
    const renamed = box("Tokyo Sales<br/>旧: Domestic Sales Team A<br/>〔名称変更〕")!;
    expect(moved).toBeDefined();
    expect(renamed).toBeDefined();
    expect(chart).toContain(`  ${moved} --> ${renamed}`);
    expect(chart).toContain(`  ${box("Engineering Division(<br/>〔メンバー異動〕)?")} --> ${moved}`);
    expect(chart).toContain(`  ${box("Sales Division(<br/>〔メンバー異動〕)?")} -.-> ${moved}`);
    expect(chart.find((l) => l.startsWith("  class ") && l.endsWith(" moved"))!.split(" ")[3].split(",")).toContain(moved);
    expect(chart.some((l) => l.startsWith("  classDef moved "))).toBe(true);
  });

  test("the same specs give the same bytes, also with members and groups listed in another order", async () => {
    const again = await run(["diff", "base.yaml", "org.yaml"], dir);
    expect(again.out).toBe(summary);
    const shuffled = clone(reorg.head);
    shuffled.members.reverse();
    shuffled.groups.reverse();
    for (const g of shuffled.groups) g.members.reverse();
    write(dir, "shuffled.yaml", shuffled);
    expect((await run(["diff", "base.yaml", "shuffled.yaml"], dir)).out).toBe(summary.replace("-> org.yaml", "-> shuffled.yaml"));
  });

  test("--format json: the change model, as compareSpecs gives it; --out writes it", async () => {
    const r = await run(["diff", "base.yaml", "org.yaml", "--format", "json", "--out", "changes.json"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    const text = fs.readFileSync(path.join(dir, "changes.json"), "utf8");
    expect(r.err).toEqual([`Wrote changes.json (${text.length} characters).`]);
    const changes = JSON.parse(text);
    expect(changes).toEqual(JSON.parse(JSON.stringify(compareSpecs(base, reorg.head))));
    expect(changes.units.map((u: Props) => [u.label, u.change])).toEqual([
      ["OU_004", "renamed"], ["OU_036", "moved"], ["OU_007", "moved"], ["OU_021", "renamed"], ["OU_047", "moved"],
    ]);
    expect(changes.members.filter((m: Props) => m.change === "changed" && m.aspects.includes("unit")).map((m: Props) => m.label).sort()).toEqual([...reorg.moved].sort());
    expect(changes.members.filter((m: Props) => m.change === "joined").map((m: Props) => m.label)).toEqual(reorg.joined);
    expect((await run(["diff", "base.yaml", "org.yaml", "--format", "json"], dir)).out).toBe(text);
  });

  test("privacy: no private address or phone number, changed or not, in the summary or the JSON", async () => {
    const json = (await run(["diff", "base.yaml", "org.yaml", "--format", "json"], dir)).out;
    expect(fs.readFileSync(path.join(dir, "base.yaml"), "utf8")).toMatch(PRIVATE_PATTERN); // the specs have them
    expect(summary).not.toMatch(PRIVATE_PATTERN);
    expect(json).not.toMatch(PRIVATE_PATTERN);
    // A change of private details only is no change a reviewer sees.
    const onlyPrivate = clone(base);
    Object.assign(onlyPrivate.members[3], { privateEmail: "new.home@private.example", telephone: "03-9999-8888", cellPhone: "090-9999-8888" });
    const c = compareSpecs(base, onlyPrivate);
    expect(c.members).toEqual([]);
    expect(renderSummary(c)).toContain("変更はありません (No changes).");
  });

  test("--live: the tenant (read through export) is the base", async () => {
    const live = tmpDir();
    write(live, "org.yaml", reorg.head);
    const r = await run(["diff", "--live", "org.yaml"], live, f.env);
    expect(r.code).toBe(0);
    expect(r.err).toContain("reading members");
    const [first, ...rest] = r.out.split("\n");
    expect(first).toBe("<!-- pulumi-lineworks diff -->");
    expect(rest[0]).toBe(`比較 (Compared): LINE WORKS domain ${DOMAIN} (live) -> org.yaml`);
    // The live tenant is the base file without the private details it never had.
    const plain = await run(["diff", "base.yaml", "org.yaml"], dir);
    expect(rest.slice(1).join("\n")).toBe(plain.out.split("\n").slice(2).join("\n"));
  });
});

describe("in the spec's words", () => {
  const spec = (sales: string, members: Props[] = []) => ({
    domainId: DOMAIN,
    positions: [{ positionExternalKey: "P1", positionName: "課長", displayOrder: 1 }, { positionExternalKey: "P2", positionName: "部長", displayOrder: 2 }],
    orgUnits: [
      {
        orgUnitName: "本社",
        displayOrder: 1,
        children: [
          { orgUnitExternalKey: "SALES", orgUnitName: "営業部", displayOrder: 1, children: sales === "SALES" ? [{ orgUnitExternalKey: "TKY", orgUnitName: "東京営業", displayOrder: 1 }] : [] },
          { orgUnitExternalKey: "DEV", orgUnitName: "開発部", displayOrder: 2, children: sales === "DEV" ? [{ orgUnitExternalKey: "TKY", orgUnitName: "東京営業", displayOrder: 1 }] : [] },
        ],
      },
    ],
    members,
  });
  const yamada = (unit: string, position: string) => ({ email: "Taro.Yamada@example.com", userName: { lastName: "山田", firstName: "太郎" }, organizations: [{ orgUnits: [{ orgUnitId: unit, positionId: position }] }] });

  test("a move reads old path -> new path; a member's transfer reads name, email, unit and title", () => {
    const md = renderSummary(compareSpecs(spec("SALES", [yamada("TKY", "P1")]), spec("DEV", [yamada("SALES", "P2")])));
    expect(md).toContain("\n- 本社 › 営業部 › 東京営業 -> 本社 › 開発部 › 東京営業\n");
    expect(md).toContain("\n| 山田 太郎 `taro.yamada@example.com` | 本社 › 営業部 › 東京営業 (課長) | 本社 › 営業部 (部長) |\n");
  });

  test("the chart: an added unit hangs from its parent, a removed one by a dotted line from where it was", () => {
    const base = spec("SALES", [yamada("TKY", "P1")]);
    const head = clone(base);
    head.orgUnits[0].children[0].children = [];
    head.orgUnits[0].children.push({ orgUnitExternalKey: "NEW", orgUnitName: "新規事業部", displayOrder: 3 });
    head.members[0].organizations[0].orgUnits[0].orgUnitId = "NEW";
    const md = renderSummary(compareSpecs(base, head));
    expect(section(md, "## 組織図 (Org chart)").slice(2, 13)).toEqual([
      "```mermaid",
      "flowchart TD",
      '  u1["本社"]',
      '  u2["営業部"]',
      '  u3["東京営業<br/>〔削除〕"]',
      '  u4["新規事業部<br/>〔追加〕"]',
      "  u1 --> u4",
      "  u1 --> u2",
      "  u2 -.-> u3",
      "  classDef added fill:#dafbe1,stroke:#1a7f37,color:#000",
      "  class u4 added",
    ]);
  });

  test("names are text, not markup: Markdown and Mermaid syntax in a name is escaped", () => {
    const base = spec("SALES", [yamada("TKY", "P1")]);
    const head = clone(base);
    head.orgUnits[0].children[0].orgUnitName = "営業_部 [A&B]";
    head.members[0].userName = { lastName: "O'Brien", firstName: "`Tom` #1 ~x~" };
    const md = renderSummary(compareSpecs(base, head));
    expect(md).toContain("\n- 本社 › 営業部 -> 本社 › 営業\\_部 \\[A&B\\]\n");
    expect(md).toContain('["営業_部 [A#38;B]<br/>旧: 営業部<br/>〔名称変更〕"]');
    expect(md).toContain("| O'Brien \\`Tom\\` \\#1 \\~x\\~ `taro.yamada@example.com` | 氏名 (name) | 山田 太郎 | O'Brien \\`Tom\\` \\#1 \\~x\\~ |\n");
  });
});

describe("the 60,000-character limit", () => {
  /** A company of `n` members over 40 units; `shift` moves everyone to the next unit, with a new title. */
  const company = (n: number, shift: number) => ({
    domainId: DOMAIN,
    positions: [{ positionExternalKey: "P1", positionName: "担当", displayOrder: 1 }, { positionExternalKey: "P2", positionName: "主任", displayOrder: 2 }],
    orgUnits: [{ orgUnitExternalKey: "ROOT", orgUnitName: "本社", displayOrder: 1, children: Array.from({ length: 40 }, (_, u) => ({ orgUnitExternalKey: `U${u}`, orgUnitName: `第${u + 1}営業部`, displayOrder: u + 1 })) }],
    members: Array.from({ length: n }, (_, i) => ({
      email: `member${String(i).padStart(4, "0")}@example.com`,
      userExternalKey: `E${i}`,
      userName: { lastName: "社員", firstName: `${i}` },
      organizations: [{ orgUnits: [{ orgUnitId: `U${(i + shift) % 40}`, positionId: shift ? "P2" : "P1" }] }],
    })),
    groups: [{ groupExternalKey: "G", groupName: "全社", administrators: [{ userId: "E0" }], members: Array.from({ length: n / 2 }, (_, i) => ({ id: `E${i * 2 + shift}`, type: "USER" })) }],
  });

  test("3,000 members moving: within the limit, whole lines, every list present and what is left out counted", () => {
    const changes = compareSpecs(company(3000, 0), company(3000, 1));
    expect(changes.counts.members.unit).toBe(3000);
    const md = renderSummary(changes);
    expect(md.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(md.length).toBeGreaterThan(SUMMARY_LIMIT - 1000); // the room is used
    expect(md.endsWith("\n")).toBe(true);
    const lines = md.split("\n");
    // Whole lines: every table row has its table's columns and ends its last cell.
    let columns = 0;
    for (const [i, l] of lines.entries()) {
      if (!l.startsWith("|")) continue;
      const cells = l.split(/(?<!\\)\|/).length;
      if (!lines[i - 1].startsWith("|")) columns = cells;
      expect([l.endsWith("|"), cells]).toEqual([true, columns]);
    }
    const moving = section(md, "### 異動 (Changing unit): 3,000");
    const shown = moving.filter((l) => l.startsWith("| 社員 ")).length;
    expect(shown).toBeGreaterThan(50);
    expect(moving).toContain(`_… ほか ${(3000 - shown).toLocaleString("en-US")} 件 (and ${(3000 - shown).toLocaleString("en-US")} more members changing unit): \`--format json\` lists them all._`);
    // The group's list is not crowded out by the members'.
    const groups = section(md, "## グループ (Groups)");
    expect(groups.filter((l) => l.startsWith("| 全社 |")).length).toBe(shown);
    expect(groups.some((l) => l.startsWith(`_… ほか ${(3000 - shown).toLocaleString("en-US")} 件 (and`))).toBe(true);
    expect(renderSummary(compareSpecs(company(3000, 0), company(3000, 1)))).toBe(md);
  });

  test("a smaller limit keeps the counts and the headings, and still cuts no line", () => {
    const changes = compareSpecs(company(200, 0), company(200, 1));
    const full = renderSummary(changes);
    const small = renderSummary(changes, { limit: 8000 });
    expect(small.length).toBeLessThanOrEqual(8000);
    const fullLines = new Set(full.split("\n"));
    for (const l of small.split("\n").filter((x) => !x.startsWith("_… ほか"))) expect(fullLines.has(l)).toBe(true);
    expect(small).toContain("## 変更の概要 (Summary)");
    expect(small).toContain("### 異動 (Changing unit): 200");
  });
});

describe("usage", () => {
  test("one spec without --base-ref or --live, or both of those: exit 2 with the usage line", async () => {
    const d = tmpDir();
    const one = await run(["diff", "org.yaml"], d);
    expect(one.code).toBe(2);
    expect(one.err).toEqual(["Give the base and the head spec files: npx pulumi-lineworks diff <base> <head> | --base-ref REF <head> | --live <head> | --dated MAP [--in-effect] [--format markdown|json] [--out FILE]"]);
    const both = await run(["diff", "--live", "--base-ref", "main", "org.yaml"], d);
    expect(both.code).toBe(2);
    expect(both.err).toEqual(["--base-ref and --live each name the base: give one of them"]);
    const format = await run(["diff", "a.yaml", "b.yaml", "--format", "html"], d);
    expect([format.code, format.err]).toEqual([2, ["--format must be markdown or json, not html"]]);
  });

  test("a spec with problems: exit 1 with the problems by line", async () => {
    const d = tmpDir();
    fs.writeFileSync(path.join(d, "a.yaml"), "positions:\n  - positionName: A\n    displayOrder: 1\n");
    fs.writeFileSync(path.join(d, "b.yaml"), "positions:\n  - positionName: A\n    displayOrder: x\n");
    const r = await run(["diff", "a.yaml", "b.yaml"], d);
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/b\.yaml has 1 problem; nothing was registered:\n {2}line 3: positions\[0\]\.displayOrder: /);
  });

  test("diff is listed in the CLI's help", async () => {
    const r = await run(["--help"], tmpDir());
    expect(r.out).toContain("  diff ");
  });
});
