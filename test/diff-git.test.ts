// `diff --base-ref <ref> <head>` reads the base with git (cli/git.ts spawns `git show`), hence
// the engine tier: a repository in a temp directory, the spec committed, then changed in the
// work tree; the summary is the one two files give, and a ref or path git lacks is named.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as cli } from "../cli";

const spec = (team: string) => `domainId: 10000001
orgUnits:
  - orgUnitName: 本社
    displayOrder: 1
    children:
      - { orgUnitExternalKey: SALES, orgUnitName: 営業部, displayOrder: 1${team === "SALES" ? ", children: [{ orgUnitExternalKey: TKY, orgUnitName: 東京営業, displayOrder: 1 }]" : ""} }
      - { orgUnitExternalKey: DEV, orgUnitName: 開発部, displayOrder: 2${team === "DEV" ? ", children: [{ orgUnitExternalKey: TKY, orgUnitName: 東京営業, displayOrder: 1 }]" : ""} }
`;

async function run(argv: string[], cwd: string) {
  let out = "";
  const err: string[] = [];
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(l), env: {}, cwd });
  return { code, out, err };
}

let repo: string;
beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "diff-git-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  fs.mkdirSync(path.join(repo, "infra"));
  fs.writeFileSync(path.join(repo, "infra", "org.yaml"), spec("SALES"));
  git("add", ".");
  git("commit", "-q", "-m", "org");
  fs.writeFileSync(path.join(repo, "infra", "org.yaml"), spec("DEV"));
  fs.writeFileSync(path.join(repo, "base.yaml"), spec("SALES"));
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

test("--base-ref main: the head file as committed is the base, from any directory", async () => {
  const r = await run(["diff", "--base-ref", "main", "infra/org.yaml"], repo);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("\n- 本社 › 営業部 › 東京営業 -> 本社 › 開発部 › 東京営業\n");
  const files = await run(["diff", "base.yaml", "infra/org.yaml"], repo);
  expect(r.out.split("\n").slice(2)).toEqual(files.out.split("\n").slice(2));
  expect(r.out.split("\n")[1]).toBe("比較 (Compared): infra/org.yaml @ main -> infra/org.yaml");
  const inside = await run(["diff", "--base-ref", "main", "org.yaml"], path.join(repo, "infra"));
  expect(inside.out.split("\n").slice(2)).toEqual(r.out.split("\n").slice(2));
});

test("a ref or a path git does not have: exit 1, named", async () => {
  const r = await run(["diff", "--base-ref", "no-such-branch", "infra/org.yaml"], repo);
  expect(r.code).toBe(1);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(/^diff failed: --base-ref no-such-branch: git cannot show org\.yaml at that ref \(fatal: .+\)$/);
  const unknown = await run(["diff", "--base-ref", "main", "base.yaml"], repo);
  expect(unknown.code).toBe(1);
  expect(unknown.err[0]).toMatch(/^diff failed: --base-ref main: git cannot show base\.yaml at that ref/);
});
