// The org chart page (provider/review/chart.ts) and its verb (cli/chart.ts), read as text: the
// unit tree in displayOrder, members per unit with title, leader and concurrent marks, the marks of
// a change against a base spec, escaping, privacy, determinism and nothing fetched. The page in a
// real browser (rendering, search): test/chart-browser.test.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as cli } from "../cli";
import { chartTree, type ChartUnit } from "../provider/review/chart-model";
import { renderChart } from "../provider/review/chart";
import { parseSpec, type DirectorySpec } from "../provider/spec";
import { baseSpec, headSpec, type Spec } from "./support/org-specs";

const PRIVATE = ["hanako.sato@mail.example", "03-1111-2222", "090-1234-5678", "aki@mail.example", "080-9999-0000", "nh@mail.example"];

const parsed = (s: Spec) => parseSpec(s as DirectorySpec);
const render = (s: Spec, base?: Spec) => renderChart(parsed(s), { title: "org.yaml", ...(base ? { base: parsed(base) } : {}) });

/** Each member row's text (tags stripped), in page order. */
const rows = (html: string) => [...html.matchAll(/<li class="member"[^>]*>(.*?)<\/li>/g)].map((m) => m[1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
/** Each member row's change mark (data-change), in page order. */
const rowMarks = (html: string) => [...html.matchAll(/<li class="member"([^>]*)>/g)].map((m) => /data-change="([^"]+)"/.exec(m[1])?.[1]);
const shape = (units: ChartUnit[]): unknown[] => units.map((u) => [u.name, u.members.map((m) => m.email), ...(u.children.length ? [shape(u.children)] : [])]);

describe("the chart of a spec", () => {
  const html = render(baseSpec());

  it("draws the unit tree in displayOrder, Japanese names first, each unit with its members", () => {
    expect(shape(chartTree(parsed(baseSpec())).roots)).toEqual([
      [
        "本社",
        ["hanako.sato@example.com"],
        [
          ["営業部", ["taro.suzuki@example.com"], [["東京営業チーム", ["yui.tanaka@example.com", "ken.ito@example.com"]]]],
          ["開発部", ["mei.kato@example.com"]],
          ["広報部", ["aki.mori@example.com"]],
        ],
      ],
    ]);
    // Nested lists in the page: 東京営業チーム inside 営業部 inside 本社, its members before 開発部 starts.
    const order = ["本社", "佐藤 花子", "営業部", "鈴木 太郎", "東京営業チーム", "田中 結衣", "伊藤 健", "開発部", "加藤 芽衣", "広報部", "森 亜希"];
    const at = order.map((t) => html.indexOf(`>${t}<`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<span class="alt">Tokyo Sales Team</span><span class="key" title="外部キー">OU_SALES_TOKYO</span><span class="count"');
    expect(html).toContain("組織 5 件・メンバー 6 名");
  });

  it("shows each member's title and marks the unit's leader (組織長), leader first", () => {
    expect(rows(html)).toEqual([
      "佐藤 花子 社長 ★ 組織長 hanako.sato@example.com",
      "鈴木 太郎 部長 ★ 組織長 taro.suzuki@example.com",
      "田中 結衣 リーダー ★ 組織長 yui.tanaka@example.com",
      "伊藤 健 スタッフ ken.ito@example.com",
      "加藤 芽衣 部長 ★ 組織長 mei.kato@example.com",
      "森 亜希 スタッフ aki.mori@example.com",
    ]);
  });

  it("shows a member in each of its units, the ones besides the primary marked 兼務, and units outside the spec as such", () => {
    const s = baseSpec();
    s.members[3].organizations = [{ orgUnits: [{ orgUnitId: "OU_SALES_TOKYO", positionId: "POS_STAFF", primary: true }, { orgUnitId: "OU_DEV", primary: false }, { orgUnitId: "externalKey:OU_ELSEWHERE", primary: false }] }];
    const page = render(s);
    expect(rows(page).filter((r) => r.startsWith("伊藤 健"))).toEqual(["伊藤 健 スタッフ ken.ito@example.com", "伊藤 健 兼務 ken.ito@example.com", "伊藤 健 兼務 ken.ito@example.com"]);
    expect(page).toContain('<span class="unit-name">externalKey:OU_ELSEWHERE</span><span class="alt">このスペック外の組織</span>');
  });

  it("escapes every text it shows", () => {
    const s = baseSpec();
    s.orgUnits[0].i18nNames = [{ language: "ja_JP", name: `<img src=x onerror="alert('1')">本社 & "HQ"` }];
    s.orgUnits[0].orgUnitExternalKey = "OU_<b>&HQ";
    s.members[0].organizations[0].orgUnits[0].orgUnitId = "OU_<b>&HQ";
    s.positions[0].i18nNames = [{ language: "ja_JP", name: "<社長>" }];
    const page = render(s);
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;本社 &amp; &quot;HQ&quot;");
    expect(page).toContain(">OU_&lt;b&gt;&amp;HQ<");
    expect(page).toContain(">&lt;社長&gt;<");
    expect(page).not.toMatch(/<img|<b>/);
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it("never shows private addresses or phone numbers", () => {
    for (const page of [html, render(headSpec(), baseSpec())]) for (const secret of PRIVATE) expect(page).not.toContain(secret);
  });

  it("fetches nothing: no URL, no external style, script, image or font", () => {
    for (const page of [html, render(headSpec(), baseSpec())]) {
      expect(page).not.toMatch(/https?:|\/\/[a-z]/i);
      expect(page).not.toMatch(/<link|<img|<iframe|\ssrc=|\shref=|@import|url\(/i);
    }
  });

  it("gives the same bytes for the same organisation, whatever the order of the file's entries", () => {
    const shuffled = baseSpec();
    shuffled.members.reverse();
    shuffled.orgUnits[0].children.reverse();
    shuffled.positions.reverse();
    expect(render(baseSpec())).toBe(html);
    expect(render(shuffled)).toBe(html);
    expect(render(headSpec(), baseSpec())).toBe(render(headSpec(), baseSpec()));
  });

  it("has no change marks or change filter without a base", () => {
    expect(html).not.toContain('data-change="');
    expect(html).not.toContain('id="only-changes"');
  });
});

describe("the chart of a change (--base)", () => {
  const html = render(headSpec(), baseSpec());
  /** The opening tag of the unit of this (escaped) name. */
  const unit = (name: string) => new RegExp(`<li class="unit[^>]*>(?=<details class="unit-body" open><summary><span class="unit-name">${name}</span>)`).exec(html)?.[0];

  it("marks units added, removed, renamed and moved, with what they were", () => {
    expect(unit("QA &amp; Test")).toContain('data-change="added"');
    expect(unit("広報部")).toContain('data-change="removed"');
    expect(unit("開発本部")).toContain('data-change="renamed"');
    expect(unit("東京営業チーム")).toContain('data-change="moved"');
    expect(unit("営業部")).not.toContain("data-change");
    expect(html).toContain('<span class="badge c-renamed" title="変更された項目: i18nNames">名称変更</span><span class="was">旧名称: 開発部</span>');
    expect(html).toContain('<span class="badge c-moved">移動</span><span class="was">旧位置: 本社 › 営業部 › 東京営業チーム</span>');
    expect(html).toContain('<span class="badge c-removed">廃止</span>');
    expect(html).toContain('<span class="badge c-added">新設</span>');
  });

  it("marks members who join, leave, move or get a new title, and puts back those who go where they were", () => {
    expect(rows(html)).toEqual([
      "佐藤 花子 社長 ★ 組織長 hanako.sato@example.com",
      "鈴木 太郎 リーダー ★ 組織長 taro.suzuki@example.com 役職変更 旧役職: 部長",
      "加藤 芽衣 部長 ★ 組織長 mei.kato@example.com",
      "田中 結衣 リーダー ★ 組織長 yui.tanaka@example.com",
      "伊藤 健 スタッフ ken.ito@example.com 転出 → 本社 › QA &amp; Test",
      "森 亜希 スタッフ aki.mori@example.com 退出",
      "伊藤 健 リーダー ★ 組織長 ken.ito@example.com 転入 ← 本社 › 営業部 › 東京営業チーム",
      "新井 新人 スタッフ new.hire@example.com 新規",
    ]);
    expect(rowMarks(html)).toEqual([undefined, "changed", undefined, undefined, "moved-out", "left", "changed", "joined"]);
    // A unit's count is of the members it has now.
    expect(html).toMatch(/広報部<\/span><span class="alt">PR<\/span><span class="key" title="外部キー">OU_PR<\/span><span class="count"[^>]*>0名</);
  });

  it("counts the changes under the totals, with a legend and a filter for changes only", () => {
    expect(html).toContain("組織 5 件・メンバー 6 名");
    expect(html).toContain("変更 — 組織: 新設 1・廃止 1・名称変更 1・移動 1 / メンバー: 新規 1・退出 1・異動 1・その他の変更 1");
    expect(html).toContain('<input id="only-changes" type="checkbox">');
    expect(html).toContain('<div class="legend">');
  });

  it("says 変更なし when the base is the head", () => {
    const same = render(baseSpec(), baseSpec());
    expect(same).toContain("変更 — 組織: 変更なし / メンバー: 変更なし");
    expect(same).not.toContain('data-change="');
  });
});

describe("npx pulumi-lineworks chart", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chart-cli-"));
    fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify(baseSpec()));
    const head = headSpec();
    delete head.domainId; // left to config: the chart draws it all the same
    fs.writeFileSync(path.join(dir, "org.json"), JSON.stringify(head));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await cli(argv, { out: (t) => out.push(t), err: (l) => err.push(l), env: {}, cwd: dir });
    return { code, out: out.join(""), err: err.join("\n") };
  }

  it("writes the page of a spec, with the changes from --base marked", async () => {
    const r = await run(["chart", "org.json", "--base", "base.json", "--out", "chart.html"]);
    expect(r).toEqual({ code: 0, out: "", err: "Wrote chart.html." });
    const page = fs.readFileSync(path.join(dir, "chart.html"), "utf8");
    expect(page).toContain("<title>組織図 — org.json (base: base.json)</title>");
    expect(page).toContain('data-change="moved"');
  });

  it("writes to stdout with --out -, and chart.html by default", async () => {
    const r = await run(["chart", "base.json", "--out", "-"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<!doctype html>/);
    expect((await run(["chart", "base.json"])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "chart.html"), "utf8")).toBe(r.out);
  });

  it("takes exactly one spec, and says what is wrong with a spec it cannot draw", async () => {
    const none = await run(["chart"]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^missing <spec>\n\nUsage: npx pulumi-lineworks chart <spec>/);
    expect((await run(["chart", "org.json", "base.json"])).err).toMatch(/^unexpected operand base.json\n\nUsage: npx pulumi-lineworks chart <spec>/);
    expect((await run(["chart", "org.json", "--domain", "x"])).err).toBe("--domain must be a domain ID (digits), not x");
    const missing = await run(["chart", "missing.yaml"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("missing.yaml has 1 problem; nothing was registered:\n  (the spec): cannot be read: ENOENT");
    const help = await run(["chart", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Private addresses and phone numbers (privateEmail, telephone, cellPhone) are never shown.");
  });
});
