// The release workflow (.github/workflows/release.yml): a `v*` tag publishes to npm with
// provenance, only after the tag was checked against package.json's version and the tests
// passed, with the least permissions, and with every action pinned to a commit.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const REPO = path.join(__dirname, "..");
const text = fs.readFileSync(path.join(REPO, ".github", "workflows", "release.yml"), "utf8");
const workflow = parse(text);
const steps: { uses?: string; run?: string; name?: string; with?: any; env?: any }[] = workflow.jobs.publish.steps;
const indexOf = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ""));

test("runs on a v* tag, with contents: read and id-token: write only, in the npm environment", () => {
  expect(workflow.on).toEqual({ push: { tags: ["v*"] } });
  expect(workflow.permissions).toEqual({ contents: "read", "id-token": "write" });
  expect(Object.keys(workflow.jobs)).toEqual(["publish"]);
  expect(workflow.jobs.publish.environment).toBe("npm");
  expect(workflow.jobs.publish.permissions).toBeUndefined();
});

test("every action is pinned by commit SHA, its tag in a comment", () => {
  const uses = text.split("\n").filter((l) => /^\s*-?\s*uses:/.test(l));
  expect(uses.length).toBe(steps.filter((s) => s.uses).length);
  for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  expect(steps.map((s) => s.uses).filter(Boolean)).toEqual([
    "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1",
    "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020",
  ]);
  expect(text).toContain("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1");
  expect(text).toContain("actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0");
  expect(steps[1].with["node-version"]).toBe(24);
});

test("the tag is checked against package.json's version, then the tests run, then npm publish --provenance", () => {
  const check = indexOf(/GITHUB_REF_NAME" != "v\$version"/);
  const tests = indexOf(/^bash \.ci\/run$/);
  const publish = indexOf(/^npm publish --provenance --access public$/m);
  expect(check).toBeGreaterThan(1); // after checkout and setup-node
  expect(steps[check].run).toContain(`version=$(node -p "require('./package.json').version")`);
  expect(steps[check].run).toMatch(/exit 1/);
  expect(tests).toBeGreaterThan(check);
  expect(publish).toBeGreaterThan(tests);
  expect(publish).toBe(steps.length - 1);
  expect(steps[publish].env).toEqual({ NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
  // The tests step is CI's own script: a clean install and the whole suite.
  const ci = fs.readFileSync(path.join(REPO, ".ci", "run"), "utf8");
  expect(ci).toMatch(/^npm ci\b/m);
  expect(ci).toMatch(/^npm test\b/m);
  // Nothing else publishes or writes to the registry.
  expect(steps.filter((s) => /npm (publish|dist-tag|unpublish|deprecate)/.test(s.run ?? ""))).toHaveLength(1);
});
