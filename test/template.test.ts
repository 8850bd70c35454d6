// examples/template is a project a user copies into their own repository (issue 22): its own
// Pulumi.yaml, pulumi-lineworks by version, nothing that points into this repository. Copied to an
// empty folder with the packed package installed, it type-checks, and runs through the engine
// stand-in against the emulator: `up` creates what org.yaml declares, a second `up` changes nothing.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { runEngine } from "../tools/engine";
import { DOMAIN, startFixture } from "../tools/fixture";
import { npmInstallProgram, packedTarball, removeDir, REPO } from "../tools/install";
import { useFastClock } from "./support/time";

useFastClock();

const TEMPLATE = path.join(REPO, "examples", "template");
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const SCHEMA_LINE = "# yaml-language-server: $schema=./node_modules/pulumi-lineworks/directory.schema.json";

test("the template stands alone: its own Pulumi.yaml, the package by version, no repository paths, no @pulumi/command", () => {
  const project = parse(read(TEMPLATE, "Pulumi.yaml"));
  expect(project).toMatchObject({ name: expect.any(String), runtime: { name: "nodejs" } });
  expect(project.main).toBeUndefined(); // the program is index.ts beside Pulumi.yaml
  const pkg = JSON.parse(read(TEMPLATE, "package.json"));
  const version = JSON.parse(read(REPO, "package.json")).version;
  expect(pkg.dependencies["pulumi-lineworks"]).toBe(`^${version}`);
  expect(pkg.dependencies["@pulumi/pulumi"]).toMatch(/^\^3\./);
  for (const file of fs.readdirSync(TEMPLATE)) {
    const text = read(TEMPLATE, file);
    expect([file, text.includes("@pulumi/command")]).toEqual([file, false]);
    expect([file, /\.\.\/|"paths"|"baseUrl"|dist\//.test(text)]).toEqual([file, false]);
  }
  expect(read(TEMPLATE, "org.yaml").split("\n")[0]).toBe(SCHEMA_LINE);
  expect(read(TEMPLATE, "index.ts").match(/new lineworks\.Directory\(/g)).toHaveLength(1);
});

test("copied to an empty folder with the packed package installed: tsc --noEmit passes, `up` creates org.yaml's objects, a second `up` changes nothing", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-template-"));
  const f = await startFixture();
  try {
    fs.cpSync(TEMPLATE, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|bin)$/.test(src) });
    npmInstallProgram("template", packedTarball(), dir);
    // The schema line names a file the installed package has.
    expect(fs.existsSync(path.join(dir, SCHEMA_LINE.split("$schema=")[1]))).toBe(true);
    execFileSync(process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", dir], { cwd: dir, encoding: "utf8" });
    const js = ts.transpileModule(read(dir, "index.ts"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    fs.writeFileSync(path.join(dir, "index.js"), js);
    const spec = parse(read(dir, "org.yaml"));
    const up = (state?: any) => runEngine({ dir, program: { module: "index.js" }, mode: "up", state, project: parse(read(dir, "Pulumi.yaml")).name, config: f.config });

    const first = await up();
    expect(first.errors).toEqual([]);
    expect(first.steps.filter((s) => s.op !== "create")).toEqual([]);
    const keys = (kind: string, field: string) => f.emulator.objects(kind, DOMAIN).map((o: any) => o[field]).sort();
    expect(keys("positions", "positionExternalKey")).toEqual(spec.positions.map((p: any) => p.positionExternalKey).sort());
    expect(keys("orgUnits", "orgUnitExternalKey")).toEqual(["OU_HQ", "OU_SALES"]);
    expect(keys("users", "userExternalKey")).toEqual(spec.members.map((m: any) => m.userExternalKey).sort());
    expect(Object.keys(first.exports.userIds).sort()).toEqual(spec.members.map((m: any) => m.userExternalKey).sort());

    const second = await up(first.state);
    expect(second.errors).toEqual([]);
    expect(second.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(second.exports).toEqual(first.exports);
  } finally {
    await f.emulator.stop();
    removeDir(dir);
  }
}, 300_000);
