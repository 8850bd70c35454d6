// The review workflow (examples/github-actions/lineworks-review.yml), read as GitHub would and
// run: it holds no credential, pins every action to a commit, runs validate -> diff -> chart on
// the spec as the pull request changes it, and keeps ONE comment up to date. Its shell step runs
// in a real git repository with the built CLI, and its comment script runs against a fake GitHub.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

const REPO = path.join(__dirname, "..");
const FILE = path.join(REPO, "examples", "github-actions", "lineworks-review.yml");
const TEXT = fs.readFileSync(FILE, "utf8");
const BIN = path.join(REPO, "dist", "cli", "index.js");

type Obj = Record<string, any>;
const load = (text = TEXT): Obj => parse(text) as Obj;
const steps = (wf: Obj): Obj[] => wf.jobs.review.steps;
const step = (wf: Obj, name: string): Obj => {
  const s = steps(wf).find((x) => x.name === name);
  if (!s) throw new Error(`no step ${name}`);
  return s;
};

/** Each rule returns its problems; run on the example (none) and on broken copies (named). */
const CHECKS: Record<string, (text: string) => string[]> = {
  noSecrets: (text) => (/\bsecrets\./.test(text) ? ["the review reads a secret; it must run with none"] : []),
  pinned: (text) =>
    [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)]
      .filter(([, ref, rest]) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(ref) || !/#\s*v\d+(\.\d+)*\s*$/.test(rest))
      .map(([, ref]) => `${ref} is not pinned to a commit SHA with its tag in a comment`),
  trigger: (text) => {
    const wf = load(text);
    const on = wf.on as Obj;
    const problems: string[] = [];
    if (Object.keys(on).join() !== "pull_request") problems.push(`runs on ${Object.keys(on).join(", ")}, not only pull_request`);
    const paths: string[] = on.pull_request?.paths ?? [];
    if (!paths.includes(wf.env?.SPEC_FILE)) problems.push(`paths ${JSON.stringify(paths)} miss the spec ${wf.env?.SPEC_FILE}`);
    return problems;
  },
  permissions: (text) => {
    const wf = load(text);
    const problems: string[] = [];
    if (JSON.stringify(wf.permissions) !== "{}") problems.push("workflow-level permissions are not {}");
    const want = { contents: "read", "pull-requests": "write" };
    if (JSON.stringify(wf.jobs.review.permissions) !== JSON.stringify(want)) problems.push(`review asks for ${JSON.stringify(wf.jobs.review.permissions)}`);
    return problems;
  },
  order: (text) => {
    const wf = load(text);
    const runs = steps(wf).map((s) => String(s.run ?? s.uses));
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    const seq = [/^actions\/checkout@/, /^actions\/setup-node@/, /npm ci/, /pulumi-lineworks validate/, /pulumi-lineworks diff/, /pulumi-lineworks chart/, /^actions\/upload-artifact@/, /^actions\/github-script@/].map(at);
    return seq.some((i, n) => i < 0 || (n > 0 && i < seq[n - 1])) ? [`steps are not checkout, node, install, validate, diff, chart, artifact, comment: ${seq.join(",")}`] : [];
  },
  checkout: (text) => {
    const w = steps(load(text))[0].with ?? {};
    return w["persist-credentials"] === false && w["fetch-depth"] === 0 ? [] : ["checkout keeps its token or lacks the base commit (fetch-depth: 0)"];
  },
};

describe("the review workflow", () => {
  test.each(Object.keys(CHECKS))("%s finds no problem in the example", (name) => {
    expect(CHECKS[name](TEXT)).toEqual([]);
  });

  const mutations: Array<[string, string, (t: string) => string, RegExp]> = [
    ["a secret", "noSecrets", (t) => t.replace("SUMMARY_FILE: ${{ runner.temp }}", "TOKEN: ${{ secrets.LINEWORKS_CLIENT_SECRET }}\n          SUMMARY_FILE: ${{ runner.temp }}"), /reads a secret/],
    ["a tag instead of a SHA", "pinned", (t) => t.replace(/actions\/checkout@[0-9a-f]{40}/, "actions/checkout@v7"), /actions\/checkout@v7 is not pinned/],
    ["a SHA without its tag", "pinned", (t) => t.replace(/(actions\/setup-node@[0-9a-f]{40}) # v[\d.]+/, "$1"), /setup-node@[0-9a-f]{40} is not pinned/],
    ["a push trigger", "trigger", (t) => t.replace("on:\n", "on:\n  push:\n"), /not only pull_request/],
    ["paths without the spec", "trigger", (t) => t.replace("      - org.yaml\n", ""), /miss the spec org\.yaml/],
    ["contents: write", "permissions", (t) => t.replace("contents: read", "contents: write"), /review asks for/],
    ["chart before validate", "order", (t) => t.replace("run: npx pulumi-lineworks validate", "run: npx pulumi-lineworks chart"), /steps are not/],
    ["a shallow checkout", "checkout", (t) => t.replace("fetch-depth: 0", "fetch-depth: 1"), /fetch-depth/],
  ];
  test.each(mutations)("%s is caught by %s", (_, check, mutate, problem) => {
    const text = mutate(TEXT);
    expect(text).not.toBe(TEXT);
    expect(CHECKS[check](text).join("\n")).toMatch(problem);
  });

  test("the spec named in paths is the SPEC_FILE the steps read", () => {
    const wf = load();
    for (const name of ["Validate the spec", "Summarise the change"]) expect(step(wf, name).run).toContain('"$SPEC_FILE"');
  });
});

describe("the review comment", () => {
  /** Runs the github-script step's script against a fake GitHub holding `comments`. */
  async function comment(comments: Obj[], summary: string): Promise<Obj[]> {
    const s = steps(load()).find((x) => String(x.uses).startsWith("actions/github-script@"))!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-comment-"));
    const file = path.join(dir, "summary.md");
    fs.writeFileSync(file, summary);
    const listComments = async () => comments;
    const github = {
      paginate: async (fn: () => Promise<Obj[]>) => fn(),
      rest: {
        issues: {
          listComments,
          createComment: async (a: Obj) => void comments.push({ id: comments.length + 100, user: { type: "Bot" }, body: a.body, issue: a.issue_number }),
          updateComment: async (a: Obj) => void Object.assign(comments.find((c) => c.id === a.comment_id)!, { body: a.body }),
        },
      },
    };
    const context = { serverUrl: "https://github.com", repo: { owner: "acme", repo: "org" }, runId: 7, issue: { number: 12 } };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
    const saved = process.env.SUMMARY_FILE;
    process.env.SUMMARY_FILE = file;
    try {
      await new AsyncFunction("github", "context", "require", s.with.script)(github, context, require);
    } finally {
      if (saved === undefined) delete process.env.SUMMARY_FILE;
      else process.env.SUMMARY_FILE = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return comments;
  }

  test("the first push posts one comment; later pushes update it in place", async () => {
    const comments: Obj[] = [{ id: 1, user: { type: "User" }, body: "LGTM" }];
    await comment(comments, "## 変更の概要\n- 1 member moves");
    expect(comments).toHaveLength(2);
    expect(comments[1].body).toContain("1 member moves");
    expect(comments[1].body).toContain("https://github.com/acme/org/actions/runs/7");
    await comment(comments, "## 変更の概要\n- 2 members move");
    expect(comments).toHaveLength(2);
    expect(comments[1].body).toContain("2 members move");
    expect(comments[1].body).not.toContain("1 member moves");
    expect(comments[0].body).toBe("LGTM");
  });

  test("a person's comment quoting the marker is never overwritten", async () => {
    const marker = "<!-- pulumi-lineworks-review -->";
    const comments: Obj[] = [{ id: 1, user: { type: "User" }, body: `${marker}\nmine` }];
    await comment(comments, "summary");
    expect(comments).toHaveLength(2);
    expect(comments[0].body).toBe(`${marker}\nmine`);
  });
});

describe("the review's shell step, in a git repository with the built CLI", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-step-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };

  /** Runs the named step as the runner would: the workflow's env, the step's env, `npx pulumi-lineworks` as the built bin. */
  function runStep(name: string, env: Record<string, string>) {
    const wf = load();
    const s = step(wf, name);
    const script = String(s.run).replaceAll("npx pulumi-lineworks", `node ${JSON.stringify(BIN)}`);
    return spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, SPEC_FILE: wf.env.SPEC_FILE, RUNNER_TEMP: path.join(dir, ".runner"), ...env },
      encoding: "utf8",
    });
  }

  const spec = (unit: string) => `positions:\n  - positionExternalKey: POS_MGR\n    positionName: 課長\n    displayOrder: 1\norgUnits:\n  - orgUnitExternalKey: OU_HQ\n    orgUnitName: 本社\n    displayOrder: 1\n    children:\n      - orgUnitExternalKey: OU_SALES\n        orgUnitName: 営業部\n        displayOrder: 1\n      - orgUnitExternalKey: OU_DEV\n        orgUnitName: 開発部\n        displayOrder: 2\nmembers:\n  - userExternalKey: U1\n    email: taro@example.com\n    userName: { lastName: 山田, firstName: 太郎 }\n    organizations:\n      - orgUnits:\n          - orgUnitId: ${unit}\n            positionId: POS_MGR\n`;

  test("validate passes, and diff and chart describe the move from the base commit", () => {
    fs.mkdirSync(path.join(dir, ".runner"));
    git("init", "-q");
    fs.writeFileSync(path.join(dir, "org.yaml"), spec("OU_SALES"));
    git("add", "org.yaml");
    git("commit", "-qm", "base");
    const base = git("rev-parse", "HEAD");
    fs.writeFileSync(path.join(dir, "org.yaml"), spec("OU_DEV"));
    git("commit", "-qam", "head");

    const validate = runStep("Validate the spec", {});
    expect({ status: validate.status, stderr: validate.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const summarise = runStep("Summarise the change", { BASE_SHA: base });
    expect({ status: summarise.status, stderr: summarise.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const summary = fs.readFileSync(path.join(dir, ".runner", "review", "summary.md"), "utf8");
    expect(summary).toContain("山田");
    expect(summary).toContain("開発部");
    const chart = fs.readFileSync(path.join(dir, ".runner", "review", "chart.html"), "utf8");
    expect(chart).toContain("営業部");
  });

  test("a spec new in the pull request: everything shows as added", () => {
    fs.mkdirSync(path.join(dir, ".runner"));
    git("init", "-q");
    fs.writeFileSync(path.join(dir, "README.md"), "x");
    git("add", "README.md");
    git("commit", "-qm", "base");
    const base = git("rev-parse", "HEAD");
    fs.writeFileSync(path.join(dir, "org.yaml"), spec("OU_SALES"));
    git("add", "org.yaml");
    git("commit", "-qm", "head");
    const summarise = runStep("Summarise the change", { BASE_SHA: base });
    expect({ status: summarise.status, stderr: summarise.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(fs.readFileSync(path.join(dir, ".runner", "review", "summary.md"), "utf8")).toContain("本社");
  });
});
