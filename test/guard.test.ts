// The mass-removal guard of `pulumi-lineworks diff` (provider/review/guard.ts): limits as counts,
// shares of the base and the defaults; over one, the summary is still written, then a sentence
// names the count and how to allow it, and the exit code is 3.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { main as cli } from "../cli";
import { compareSpecs } from "../provider/review/changes";
import { ALLOW_FILE, ALLOW_LABEL, allowed, DEFAULT_REMOVAL_LIMITS, overLimits, parseLimit } from "../provider/review/guard";
import { company } from "./support/company";

type Props = Record<string, any>;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function diff(base: Props, head: Props, flags: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guard-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "base.yaml"), stringify(base));
  fs.writeFileSync(path.join(dir, "head.yaml"), stringify(head));
  let out = "";
  const err: string[] = [];
  const code = await cli(["diff", "base.yaml", "head.yaml", ...flags], { out: (t) => (out += t), err: (l) => err.push(l), env: {}, cwd: dir });
  return { code, out, err, dir };
}

describe("limits", () => {
  test("a count, a share of the base, or the default; anything else is named", () => {
    expect(parseLimit("members", "12")).toEqual({ count: 12 });
    expect(parseLimit("members", "5%")).toEqual({ percent: 5 });
    expect(parseLimit("units", "default")).toBe(DEFAULT_REMOVAL_LIMITS.units);
    expect(parseLimit("groups", "-1")).toBe('--fail-on-group-removals takes a count (10), a share of the base\'s groups (5%) or "default", not "-1"');
    expect(typeof parseLimit("members", "1.5")).toBe("string");
    expect(typeof parseLimit("members", "120%")).toBe("string");
  });

  test("the default: 10 members, or 5 % of them when that is more", () => {
    expect(allowed(DEFAULT_REMOVAL_LIMITS.members, 50)).toBe(10);
    expect(allowed(DEFAULT_REMOVAL_LIMITS.members, 200)).toBe(10);
    expect(allowed(DEFAULT_REMOVAL_LIMITS.members, 240)).toBe(12);
    expect(allowed(DEFAULT_REMOVAL_LIMITS.members, 5000)).toBe(250);
    expect(allowed({ percent: 5 }, 39)).toBe(1); // a share rounds down
  });

  test("over a limit: one sentence naming the count, the limit and the three ways to allow it", () => {
    const changes = compareSpecs(company(240), company(228));
    expect(overLimits(changes, { members: { count: 12 } })).toEqual([]);
    expect(overLimits(changes, { members: DEFAULT_REMOVAL_LIMITS.members })).toEqual([]);
    expect(overLimits(changes, { members: { count: 10 } })).toEqual([
      `12 members would leave (more than the 10 allowed). To allow it, add the label \`${ALLOW_LABEL}\` to the pull request, ` +
        `or add the file \`${ALLOW_FILE}\` in this change, or raise --fail-on-removals.`,
    ]);
    expect(overLimits(changes, { members: { percent: 4 } })[0]).toMatch(/^12 members would leave \(more than the 9 allowed: 4% of 240\)\. /);
    const more = compareSpecs(company(240), company(227));
    expect(overLimits(more, { members: DEFAULT_REMOVAL_LIMITS.members })[0]).toMatch(/^13 members would leave \(more than the 12 allowed: the larger of 10 and 5% of 240\)\. /);
  });
});

describe("diff --fail-on-removals and the like", () => {
  test("under every limit: exit 0", async () => {
    const r = await diff(company(30, 4, 4), company(25, 4, 4), ["--fail-on-removals", "5", "--fail-on-unit-removals", "0", "--fail-on-group-removals", "0"]);
    expect([r.code, r.err]).toEqual([0, []]);
    expect(r.out).toContain("社員");
  });

  test("over a limit: the summary is still written (to --out too), then the sentence, exit 3", async () => {
    const r = await diff(company(30), company(18), ["--fail-on-removals", "10"]);
    expect(r.code).toBe(3);
    expect(r.out).toContain("社員");
    expect(r.err).toEqual([expect.stringMatching(/^12 members would leave \(more than the 10 allowed\)\. To allow it, add the label `lineworks-allow-removals`/)]);
    const out = await diff(company(30), company(18), ["--fail-on-removals", "10", "--out", "summary.md"]);
    expect(out.code).toBe(3);
    expect(fs.readFileSync(path.join(out.dir, "summary.md"), "utf8")).toContain("社員");
    expect(out.err[0]).toMatch(/^Wrote summary\.md/);
    expect(out.err[1]).toMatch(/^12 members would leave/);
  });

  test("units and groups have limits of their own, each named when over it", async () => {
    const r = await diff(company(12, 8, 6), company(12, 4, 1), ["--fail-on-unit-removals", "50%", "--fail-on-group-removals", "2"]);
    expect(r.code).toBe(3);
    expect(r.err).toEqual([
      expect.stringMatching(/^5 groups would be removed \(more than the 2 allowed\)\. .* or raise --fail-on-group-removals\.$/),
    ]);
    const units = await diff(company(12, 8), company(12, 3), ["--fail-on-unit-removals", "50%"]);
    expect(units.err).toEqual([expect.stringMatching(/^5 units would be removed \(more than the 4 allowed: 50% of 8\)\. .*--fail-on-unit-removals\.$/)]);
  });

  test("--guard applies the defaults to the limits not given; `default` as a value too", async () => {
    expect((await diff(company(30), company(20), ["--guard"])).code).toBe(0);
    const over = await diff(company(30), company(19), ["--guard"]);
    expect([over.code, over.err.length]).toEqual([3, 1]);
    expect((await diff(company(30), company(19), ["--fail-on-removals", "default"])).code).toBe(3);
    expect((await diff(company(30), company(19), ["--guard", "--fail-on-removals", "11"])).code).toBe(0);
    expect((await diff(company(12, 12), company(12, 6), ["--guard"])).err).toEqual([expect.stringMatching(/^6 units would be removed \(more than the 5 allowed: the larger of 5 and 5% of 12\)/)]);
  });

  test("a limit that is not one: exit 2 before reading any spec", async () => {
    const r = await diff(company(1), company(1), ["--fail-on-removals", "ten"]);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toEqual(['--fail-on-removals takes a count (10), a share of the base\'s members (5%) or "default", not "ten"']);
  });
});
