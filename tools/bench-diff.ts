// `node dist/tools/bench-diff.js` (after `npm run build`): the measure of issue 21 for
// `pulumi-lineworks diff`, a benchmark, not a timed test. A seeded company of BENCH_DIFF_MEMBERS
// (default 800) members and 50 units is exported from an emulator, reorganised as tools/reorg.ts
// does (40 members change unit, 3 units move, 2 are renamed, 5 join, 5 leave, and a few title,
// level, type and group changes), and both specs are written as YAML files; `diff` runs on them
// in process as the bin does (spec files read and checked, compared, rendered), BENCH_DIFF_RUNS
// times (default 5). Prints the summary's size against the 60,000-character limit, the median
// and slowest wall times, and where the summary was written (bench-results/diff-summary.md).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
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
  const times: number[] = [];
  let summary = "";
  for (let i = 0; i < RUNS; i++) {
    let out = "";
    const started = process.hrtime.bigint();
    const code = await cli(["diff", "base.yaml", "org.yaml"], { out: (t) => (out += t), err: (l) => process.stderr.write(`${l}\n`), env: {}, cwd: dir });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (code !== 0) throw new Error(`diff exited ${code}`);
    summary = out;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const results = path.resolve(__dirname, "..", "..", "bench-results");
  fs.mkdirSync(results, { recursive: true });
  const file = path.join(results, "diff-summary.md");
  fs.writeFileSync(file, summary);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`diff of a reorganisation, ${MEMBERS} members, 50 units (${RUNS} runs)`);
  console.log(`  summary: ${summary.length} characters (${((100 * summary.length) / SUMMARY_LIMIT).toFixed(1)} % of ${SUMMARY_LIMIT}), ${summary.split("\n").length} lines`);
  console.log(`  wall time: median ${sorted[Math.floor(RUNS / 2)].toFixed(0)} ms, slowest ${sorted[RUNS - 1].toFixed(0)} ms`);
  console.log(`  written to ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
