// `npm run bench:review`: the measure of issue 21 for `pulumi-lineworks diff` and `chart`, a
// benchmark, not a timed test. A seeded company of BENCH_DIFF_MEMBERS
// (default 800) members and 50 units is exported from an emulator, reorganised as tools/reorg.ts
// does (40 members change unit, 3 units move, 2 are renamed, 5 join, 5 leave, and a few title,
// level, type and group changes), and both specs are written as YAML files; `diff` runs on them
// in process as the bin does (spec files read and checked, compared, rendered), BENCH_DIFF_RUNS
// times (default 5), and so does `chart org.yaml --base base.yaml`. Prints the summary's size
// against the 60,000-character limit, the page's size, the median and slowest wall times of each
// verb, and where the summary, the page and its screenshot (Debian's Chromium, when installed)
// were written (bench-results/).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { main as cli } from "../cli";
import { clientFor } from "../provider/client";
import { exportSpec } from "../provider/export";
import { SUMMARY_LIMIT } from "../provider/review/summary";
import { DOMAIN, startFixture } from "./fixture";
import { reorganise } from "./reorg";
import { seedTenant } from "./seed-tenant";

const MEMBERS = Number(process.env.BENCH_DIFF_MEMBERS ?? 800);
const RUNS = Number(process.env.BENCH_DIFF_RUNS ?? 5);

async function main(): Promise<void> {
  const f = await startFixture({ rateLimitPerMinute: 1_000_000 });
  let base;
  try {
    seedTenant(f.emulator, { members: MEMBERS });
    base = (await exportSpec(clientFor(f.settings()), { domainId: DOMAIN })).spec;
  } finally {
    await f.emulator.stop();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-diff-"));
  fs.writeFileSync(path.join(dir, "base.yaml"), stringify(base, { lineWidth: 0 }));
  fs.writeFileSync(path.join(dir, "org.yaml"), stringify(reorganise(base).head, { lineWidth: 0 }));
  const diff = await timed(dir, ["diff", "base.yaml", "org.yaml"]);
  const chart = await timed(dir, ["chart", "org.yaml", "--base", "base.yaml", "--out", "-"]);
  fs.rmSync(dir, { recursive: true, force: true });
  const results = path.resolve(__dirname, "..", "..", "bench-results");
  fs.mkdirSync(results, { recursive: true });
  const summaryFile = path.join(results, "diff-summary.md");
  fs.writeFileSync(summaryFile, diff.out);
  const pageFile = path.join(results, "chart.html");
  fs.writeFileSync(pageFile, chart.out);
  const shot = await screenshot(pageFile, path.join(results, "chart.png"));
  const summary = diff.out;
  console.log(`diff and chart of a reorganisation, ${MEMBERS} members, 50 units (${RUNS} runs each)`);
  console.log(`  summary: ${summary.length} characters (${((100 * summary.length) / SUMMARY_LIMIT).toFixed(1)} % of ${SUMMARY_LIMIT}), ${summary.split("\n").length} lines`);
  console.log(`  diff wall time: median ${diff.median.toFixed(0)} ms, slowest ${diff.slowest.toFixed(0)} ms`);
  console.log(`  chart page: ${(chart.out.length / 1024).toFixed(0)} KiB; wall time: median ${chart.median.toFixed(0)} ms, slowest ${chart.slowest.toFixed(0)} ms`);
  console.log(`  written to ${summaryFile} and ${pageFile}`);
  console.log(`  screenshot: ${shot}`);
}

/** Runs the bin's verb in process RUNS times; its output and wall times. */
async function timed(cwd: string, argv: string[]): Promise<{ out: string; median: number; slowest: number }> {
  const times: number[] = [];
  let out = "";
  for (let i = 0; i < RUNS; i++) {
    let text = "";
    const started = process.hrtime.bigint();
    const code = await cli(argv, { out: (t) => (text += t), err: (l) => process.stderr.write(`${l}\n`), env: {}, cwd });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (code !== 0) throw new Error(`${argv[0]} exited ${code}`);
    out = text;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { out, median: sorted[Math.floor(RUNS / 2)], slowest: sorted[RUNS - 1] };
}

/** A full-page screenshot of the chart in Debian's headless Chromium, or why there is none. */
async function screenshot(page: string, file: string): Promise<string> {
  const executablePath = "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) return `none (${executablePath} is missing: apt-get install -y chromium)`;
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await tab.goto(pathToFileURL(page).href);
    await tab.screenshot({ path: file, fullPage: false });
    return file;
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
