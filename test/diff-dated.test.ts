// `diff --dated org.dates.yaml`: the coming change of a dated map, the spec in effect now (or at
// LINEWORKS_AS_OF) against the next dated one, in process.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { main as cli } from "../cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "diff-dated-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const spec = (unit: string) => ({
  orgUnits: [
    { orgUnitExternalKey: "OU_SALES", orgUnitName: "Sales", displayOrder: 1 },
    { orgUnitExternalKey: "OU_DEV", orgUnitName: "Development", displayOrder: 2 },
  ],
  members: [{ userExternalKey: "EMP_0001", email: "taro.yamada@example.com", userName: { lastName: "山田", firstName: "太郎" }, privateEmail: "t@mail.example", organizations: [{ orgUnits: [{ orgUnitId: unit }] }] }],
});

async function run(argv: string[], asOf?: string) {
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env: asOf ? { LINEWORKS_AS_OF: asOf } : {}, cwd: tmp });
  return { code, out, err: err.join("\n") };
}

beforeAll(() => {
  fs.writeFileSync(path.join(tmp, "org.yaml"), stringify(spec("OU_SALES")));
  fs.writeFileSync(path.join(tmp, "org-2027-04.yaml"), stringify(spec("OU_DEV")));
  fs.writeFileSync(path.join(tmp, "org.dates.yaml"), '"2026-12-01": org.yaml\n"2027-04-01": org-2027-04.yaml\n');
});

test("before the date: the spec in effect against the next one, as diff of the two files says", async () => {
  const dated = await run(["diff", "--dated", "org.dates.yaml", "--format", "json"], "2027-03-01");
  const files = await run(["diff", "org.yaml", "org-2027-04.yaml", "--format", "json"]);
  expect(dated.err).toBe("");
  expect(dated.code).toBe(0);
  expect(dated.out).toBe(files.out);
  const md = await run(["diff", "--dated", "org.dates.yaml"], "2027-03-01");
  expect(md.out).toContain("org.yaml (in effect since 2026-12-01)");
  expect(md.out).toContain("org-2027-04.yaml (from 2027-04-01)");
  expect(md.out).toContain("山田");
});

test("after the last date: no coming change, said", async () => {
  const r = await run(["diff", "--dated", "org.dates.yaml"], "2027-04-01");
  expect(r.code).toBe(1);
  expect(r.err).toBe("org.dates.yaml: nothing is dated after 2027-04-01, the spec in effect at 2027-03-31T15:00:00.000Z: no coming change");
});

test("usage: --dated takes no file, and names a dated map", async () => {
  expect((await run(["diff", "--dated", "org.dates.yaml", "org.yaml"])).code).toBe(2);
  expect((await run(["diff", "--dated", "org.yaml"])).err).toMatch(/--dated org\.yaml: not a dated map/);
  expect((await run(["diff", "--dated", "nope.yaml"])).err).toBe("--dated nope.yaml: no such file");
  expect((await run(["diff", "--dated", "org.dates.yaml"], "soon")).err).toMatch(/LINEWORKS_AS_OF must be an ISO date or time/);
});

test("--in-effect: on and after a date, the spec before it against the one in effect, with a line naming the date", async () => {
  const inEffect = await run(["diff", "--dated", "org.dates.yaml", "--in-effect", "--format", "json"], "2027-04-01T00:05");
  const files = await run(["diff", "org.yaml", "org-2027-04.yaml", "--format", "json"]);
  expect(inEffect.code).toBe(0);
  expect(inEffect.out).toBe(files.out);
  expect(inEffect.err).toBe("The change in effect since 2027-04-01: org.yaml (in effect since 2026-12-01) -> org-2027-04.yaml (from 2027-04-01).");
  // The day before, the change in effect is the first date's: nothing came before it.
  const first = await run(["diff", "--dated", "org.dates.yaml", "--in-effect"], "2027-03-31T23:59");
  expect([first.code, first.out, first.err]).toEqual([0, "", "org.dates.yaml: 2026-12-01 is its first date, so nothing was in effect before it: no change to compare."]);
  // With a limit: the change in effect is what it guards (one member changes unit: nobody leaves).
  expect((await run(["diff", "--dated", "org.dates.yaml", "--in-effect", "--guard", "--format", "json"], "2027-04-02")).code).toBe(0);
  expect((await run(["diff", "--in-effect", "org.yaml", "org-2027-04.yaml"])).err).toBe("--in-effect goes with --dated MAP: it compares the dated spec in effect now with the one before it");
});
