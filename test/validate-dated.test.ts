// `validate` on a dated map (org.dates.yaml): every spec it names, reported under its date and
// file; a key that is no date named; JSON with each spec's report.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as cli } from "../cli";
import type { DatedValidateReport } from "../cli/validate";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "validate-dated-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const GOOD = "orgUnits:\n  - { orgUnitExternalKey: OU_SALES, orgUnitName: Sales, displayOrder: 1 }\n";
const BAD = "orgUnits:\n  - { orgUnitExternalKey: OU_SALES, orgUnitName: Sales, displayOrder: 0 }\n";

async function run(argv: string[]) {
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env: {}, cwd: tmp });
  return { code, out, err };
}

beforeAll(() => {
  fs.writeFileSync(path.join(tmp, "org.yaml"), GOOD);
  fs.mkdirSync(path.join(tmp, "next"));
  fs.writeFileSync(path.join(tmp, "next", "org-2027-04.yaml"), BAD);
  fs.writeFileSync(path.join(tmp, "good.dates.yaml"), '"2026-12-01": org.yaml\n');
  fs.writeFileSync(path.join(tmp, "org.dates.yaml"), '"2027-04-01T00:00+09:00": next/org-2027-04.yaml\n"2026-12-01": org.yaml\n');
  fs.writeFileSync(path.join(tmp, "typo.dates.yaml"), '"2026-12-01": org.yaml\n"2027-4-1": next/org-2027-04.yaml\n');
});

test("every spec of the map is checked, earliest first, problems under their date and file", async () => {
  const r = await run(["validate", "org.dates.yaml"]);
  expect(r.code).toBe(1);
  expect(r.out).toBe(
    "org.dates.yaml is a dated map of 2 specs:\n" +
      "2026-12-01: org.yaml is valid: orgUnits 1\n" +
      "2027-04-01T00:00+09:00: next/org-2027-04.yaml has 1 problem:\n" +
      "  line 2: orgUnits[0].displayOrder: must be at least 1\n",
  );
  expect((await run(["validate", "good.dates.yaml"])).code).toBe(0);
});

test("a key that is no date is named", async () => {
  const r = await run(["validate", "typo.dates.yaml"]);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/typo\.dates\.yaml: "2027-4-1" is not a date: write 2027-04-01 \(00:00 Japan time\)/);
});

test("JSON: each spec's report under its date", async () => {
  const r = await run(["validate", "org.dates.yaml", "--format", "json"]);
  const report = JSON.parse(r.out) as DatedValidateReport;
  expect(report.valid).toBe(false);
  expect(report.dated.map((d) => [d.date, d.spec, d.valid])).toEqual([
    ["2026-12-01", "org.yaml", true],
    ["2027-04-01T00:00+09:00", path.join("next", "org-2027-04.yaml"), false],
  ]);
  expect(report.dated[1].problems).toEqual([{ file: report.dated[1].spec, path: "orgUnits[0].displayOrder", line: 2, message: "must be at least 1" }]);
});
