// The chart page in a real browser: Debian's headless Chromium (/usr/bin/chromium; .ci/run installs
// it) driven by playwright-core, which never downloads a browser of its own. The page opens from a
// file:// URL and asks for nothing else; its units render; typing in the search box filters units
// and members (every word must match, kana and full-width as typed either way); "changes only"
// leaves what changes. Screenshots are written under .tmp/ and their paths printed.
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { renderChart } from "../provider/review/chart";
import { parseSpec, type DirectorySpec } from "../provider/spec";
import { baseSpec, headSpec } from "./support/org-specs";

const CHROMIUM = "/usr/bin/chromium";
// As machines/node.md says to start it here: no sandbox as root, and no background connections
// (the machine's closed network refuses them).
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const OUT = path.join(__dirname, "..", ".tmp", "chart-browser");

let browser: Browser;
const requests: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  fs.mkdirSync(OUT, { recursive: true });
  const parsed = (s: object) => parseSpec(s as DirectorySpec);
  fs.writeFileSync(path.join(OUT, "chart.html"), renderChart(parsed(baseSpec()), { title: "org.yaml" }));
  fs.writeFileSync(path.join(OUT, "change.html"), renderChart(parsed(headSpec()), { title: "org.yaml (base: main)", base: parsed(baseSpec()) }));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  // Everything the pages asked for: only themselves.
  expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
});

async function open(file: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(path.join(OUT, file)).href);
  return page;
}

/** The names of the units on screen, top to bottom. */
const shownUnits = (page: Page) => page.locator("li.unit:visible > details > summary .unit-name").allTextContents();
const shownMembers = (page: Page) => page.locator("li.member:visible .name").allTextContents();

async function search(page: Page, text: string): Promise<void> {
  await page.locator("#q").fill("");
  await page.locator("#q").pressSequentially(text);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`chart screenshot: ${file}`);
}

it("renders the unit tree with members, and the search filters units and members as one types", async () => {
  const page = await open("chart.html");
  expect(await shownUnits(page)).toEqual(["本社", "営業部", "東京営業チーム", "開発部", "広報部"]);
  expect(await shownMembers(page)).toEqual(["佐藤 花子", "鈴木 太郎", "田中 結衣", "伊藤 健", "加藤 芽衣", "森 亜希"]);
  const box = await page.locator("li.unit .unit-name").first().boundingBox();
  expect(box?.width).toBeGreaterThan(0);
  expect(await page.locator("li.member", { hasText: "田中 結衣" }).locator(".leader").isVisible()).toBe(true);
  await screenshot(page, "chart.png");

  // A unit's name: the unit with all its members, and the units above it.
  await search(page, "東京");
  expect(await shownUnits(page)).toEqual(["本社", "営業部", "東京営業チーム"]);
  expect(await shownMembers(page)).toEqual(["田中 結衣", "伊藤 健"]);
  expect(await page.locator("#hits").textContent()).toBe("該当: 組織 1 件・メンバー 2 名");
  await screenshot(page, "chart-search.png");

  // A reading, typed in half-width kana: the member and the units above.
  await search(page, "ｻﾄｳ");
  expect(await shownUnits(page)).toEqual(["本社"]);
  expect(await shownMembers(page)).toEqual(["佐藤 花子"]);

  // Every word: a title within a unit.
  await search(page, "営業 スタッフ");
  expect(await shownMembers(page)).toEqual(["伊藤 健"]);
  expect(await shownUnits(page)).toEqual(["本社", "営業部", "東京営業チーム"]);

  await search(page, "該当なし");
  expect(await shownUnits(page)).toEqual([]);
  expect(await page.locator("#hits").textContent()).toBe("該当: 組織 0 件・メンバー 0 名");

  // Escape clears the search: everything is back.
  await page.locator("#q").press("Escape");
  expect(await shownUnits(page)).toEqual(["本社", "営業部", "東京営業チーム", "開発部", "広報部"]);
  expect(await page.locator("#hits").textContent()).toBe("");
  await page.close();
});

it("marks the changes from a base, and 変更のみ表示 leaves only what changes", async () => {
  const page = await open("change.html");
  expect(await shownUnits(page)).toEqual(["本社", "営業部", "開発本部", "東京営業チーム", "広報部", "QA & Test"]);
  expect(await page.locator('li.unit[data-change="removed"] > details > summary .unit-name').textContent()).toBe("広報部");
  await screenshot(page, "chart-change.png");

  await page.locator("#only-changes").check();
  // 本社 and 営業部 stay as the units above changes; their unchanged members go.
  expect(await shownUnits(page)).toEqual(["本社", "営業部", "開発本部", "東京営業チーム", "広報部", "QA & Test"]);
  expect(await shownMembers(page)).toEqual(["鈴木 太郎", "伊藤 健", "森 亜希", "伊藤 健", "新井 新人"]);
  await search(page, "転入");
  expect(await shownMembers(page)).toEqual(["伊藤 健"]);
  expect(await shownUnits(page)).toEqual(["本社", "QA & Test"]);
  await page.close();
});
