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

describe("--base-ref with a spec in several files", () => {
  let split: string;
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: split, stdio: "pipe" });
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(split, name)), { recursive: true });
    fs.writeFileSync(path.join(split, name), text);
  };
  const unit = (key: string, name: string, order: number) => `orgUnits:\n  - { orgUnitExternalKey: ${key}, orgUnitName: ${name}, displayOrder: ${order} }\n`;
  const member = (unitKey: string) => `members:\n  - email: sato@example.com\n    userName: { lastName: 佐藤 }\n    organizations: [{ orgUnits: [{ orgUnitId: ${unitKey} }] }]\n`;
  beforeAll(() => {
    split = fs.mkdtempSync(path.join(os.tmpdir(), "diff-git-split-"));
    git("init", "-q", "-b", "main");
    write("infra/org.yaml", "domainId: 10000001\norgUnits:\n  - orgUnitName: 本社\n    displayOrder: 1\n    children: [{ include: depts/*.yaml }]\n");
    write("infra/depts/sales.yaml", unit("SALES", "営業部", 1) + member("SALES"));
    write("infra/depts/dev.yaml", unit("DEV", "開発部", 2));
    git("add", ".");
    git("commit", "-q", "-m", "org");
    // The work tree: 佐藤 moves to 開発部, and a third department's file appears.
    write("infra/depts/sales.yaml", unit("SALES", "営業部", 1));
    write("infra/depts/dev.yaml", unit("DEV", "開発部", 2) + member("DEV"));
    write("infra/depts/hr.yaml", unit("HR", "人事部", 3));
    // The base as plain files, to compare with.
    write("base/org.yaml", "domainId: 10000001\norgUnits:\n  - orgUnitName: 本社\n    displayOrder: 1\n    children: [{ include: depts/*.yaml }]\n");
    write("base/depts/sales.yaml", unit("SALES", "営業部", 1) + member("SALES"));
    write("base/depts/dev.yaml", unit("DEV", "開発部", 2));
  });
  afterAll(() => fs.rmSync(split, { recursive: true, force: true }));

  test("the included files are read at the ref too (a pattern lists the ref's folder): the same summary as the files of that commit", async () => {
    const r = await run(["diff", "--base-ref", "main", "infra/org.yaml"], split);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("本社 › 人事部");
    expect(r.out).toContain("| 佐藤 `sato@example.com` | 本社 › 営業部 | 本社 › 開発部 |");
    const files = await run(["diff", "base/org.yaml", "infra/org.yaml"], split);
    expect(r.out.split("\n").slice(2)).toEqual(files.out.split("\n").slice(2));
  });

  test("an included file the ref lacks: named at the including line of the base", async () => {
    write("infra/org2.yaml", "domainId: 10000001\ninclude: [depts/sales.yaml, depts/ops.yaml]\n");
    write("infra/depts/ops.yaml", unit("OPS", "運用部", 4));
    git("add", "infra/org2.yaml");
    git("commit", "-q", "-m", "org2");
    const r = await run(["diff", "--base-ref", "main", "infra/org2.yaml"], split);
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/^The directory spec infra\/org2\.yaml @ main has 1 problem; nothing was registered:\n {2}line 2: include\[1\]: cannot include depts\/ops\.yaml: it is not in main \(fatal: .+\)$/);
  });
});
