// Installed as a user installs it (issue 22): what `npm publish` would upload (the files a
// program needs, no tests or tools), and the two routes into a fresh program directory, the
// packed tarball (as from the registry) and a `git+file://` URL (until the first release; npm
// runs the package's `prepare`, which builds dist/), each then running a program through the
// dynamic-provider host against the emulator.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runEngine } from "../tools/engine";
import { DOMAIN, startFixture } from "../tools/fixture";
import { cloneWorkingTree, npmInstallProgram, packedTarball, removeDir, REPO } from "../tools/install";
import { useFastClock } from "./support/time";

useFastClock();

test("npm pack: the built package, both READMEs and docs/, CHANGELOG, LICENSE and the schema; no tests, tools, sources or maps", () => {
  // --ignore-scripts: the tests build first; `prepare` would build again.
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const files: string[] = pack.files.map((x: { path: string }) => x.path);
  const top = [...new Set(files.map((p) => (/^(dist|docs)\//.test(p) ? p.split("/").slice(0, p.startsWith("docs/") ? 1 : 2).join("/") : p)))].sort();
  expect(top).toEqual(
    ["CHANGELOG.md", "LICENSE", "README.ja.md", "README.md", "directory-part.schema.json", "directory.schema.json", "package.json", "policy/PulumiPolicy.yaml", "policy/package.json",
      "dist/cli", "dist/clock", "dist/emulator", "dist/policy", "dist/provider", "dist/sdk", "docs"].sort(),
  );
  // Everything the manifest names is in it: entry points, types, the bin, the provider's serialized path.
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
  const named = [pkg.main, pkg.types, ...Object.values<string>(pkg.bin), "dist/provider/entry.js", "dist/provider/resource.js", "dist/provider/feature.js",
    ...Object.values<any>(pkg.exports).flatMap((e) => (typeof e === "string" ? [e] : Object.values<string>(e))).filter((e) => !e.includes("*"))];
  for (const file of named) expect(files).toContain(file.replace(/^\.\//, ""));
  expect(files.filter((p) => /(^|\/)(test|tools|\.ci|\.tmp|examples)\//.test(p) || /\.(map|ts)$/.test(p) && !p.endsWith(".d.ts") || p.endsWith(".tsbuildinfo"))).toEqual([]);
  expect(fs.readFileSync(path.join(REPO, "LICENSE"), "utf8")).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  expect(pkg.license).toBe("Apache-2.0");
});

test("shipped code needs nothing that is not shipped (no import from tools/ or test/)", () => {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const js: string[] = pack.files.map((x: { path: string }) => x.path).filter((p: string) => p.endsWith(".js"));
  const shipped = new Set<string>(pack.files.map((x: { path: string }) => x.path));
  const missing = js.flatMap((file) =>
    [...fs.readFileSync(path.join(REPO, file), "utf8").matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)]
      .map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])))
      .filter((target) => !shipped.has(target) && !shipped.has(`${target}.js`) && !shipped.has(`${target}/index.js`))
      .map((target) => `${file} -> ${target}`),
  );
  expect(missing).toEqual([]);
});

// One position and one unit: enough to cross the host, the provider's configure and the API.
const PROGRAM = `
const org = new lineworks.Directory("org", { spec: {
  positions: [{ positionExternalKey: "POS_STAFF", positionName: "Staff", displayOrder: 1 }],
  orgUnits: [{ orgUnitExternalKey: "OU_HQ", orgUnitName: "Head Office", displayOrder: 1 }],
} });
return { positionIds: org.positionIds, orgUnitIds: org.orgUnitIds };
`;

/** `up` of PROGRAM in `dir` against an emulator of its own, then the same again: no change. */
async function upTwice(dir: string): Promise<void> {
  const installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "pulumi-lineworks", "package.json"), "utf8"));
  expect(installed.version).toBe(JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version);
  // A real directory, not a link into this checkout: the provider is serialized by module path.
  expect(fs.lstatSync(path.join(dir, "node_modules", "pulumi-lineworks")).isSymbolicLink()).toBe(false);
  const f = await startFixture();
  try {
    const config = f.config;
    const first = await runEngine({ dir, program: { body: PROGRAM }, mode: "up", config });
    expect(first.errors).toEqual([]);
    expect(first.steps.filter((s) => s.op !== "create")).toEqual([]);
    expect(f.emulator.objects("positions", DOMAIN).map((p: any) => p.positionExternalKey)).toEqual(["POS_STAFF"]);
    expect(f.emulator.objects("orgUnits", DOMAIN).map((u: any) => u.orgUnitId)).toEqual([first.exports.orgUnitIds.OU_HQ]);
    const second = await runEngine({ dir, program: { body: PROGRAM }, mode: "up", config, state: first.state });
    expect(second.errors).toEqual([]);
    expect(second.steps.filter((s) => s.op !== "same")).toEqual([]);
  } finally {
    await f.emulator.stop();
  }
}

test("npm install <the packed tarball> into an empty folder, then a program runs through the dynamic-provider host", async () => {
  const dir = npmInstallProgram("tarball", packedTarball());
  try {
    await upTwice(dir);
  } finally {
    removeDir(dir);
  }
}, 300_000);

test("npm install git+file://<a clone>: npm runs `prepare`, which builds dist/; then a program runs through the host", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-git-"));
  try {
    const repo = cloneWorkingTree(path.join(work, "repo"));
    expect(fs.existsSync(path.join(repo, "dist"))).toBe(false); // dist/ is not in git: npm must build it
    const dir = npmInstallProgram("git", `git+file://${repo}`, fs.mkdtempSync(path.join(work, "program-")));
    expect(fs.existsSync(path.join(dir, "node_modules", "pulumi-lineworks", "dist", "provider", "entry.js"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "node_modules", "pulumi-lineworks", "dist", "tools"))).toBe(false);
    await upTwice(dir);
  } finally {
    removeDir(work);
  }
}, 400_000);
