// Program directories as a user has them: the packed package as a real directory in
// node_modules (so the closure serializer writes `require("pulumi-lineworks/...")`), next to the
// same dependencies (linked from this repository's node_modules to save a network install).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** This repository's root, whether running from tools/ (ts-jest) or dist/tools/ (compiled). */
function findRepo(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const pj = path.join(d, "package.json");
    if (fs.existsSync(pj) && JSON.parse(fs.readFileSync(pj, "utf8")).name === "pulumi-lineworks") return d;
  }
  throw new Error(`no pulumi-lineworks checkout above ${dir}`);
}

export const REPO = findRepo(__dirname);
const PACKAGE = () => process.env.LINEWORKS_TEST_PACKAGE ?? path.join(REPO, ".tmp", "pack", "package");

/** `npm pack` of the built package, unpacked under `dest`: exactly the files a user installs. */
export function packPackage(dest = path.join(REPO, ".tmp", "pack")): string {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dest], { cwd: REPO, encoding: "utf8" });
  execFileSync("tar", ["-xzf", path.join(dest, JSON.parse(out)[0].filename), "-C", dest]);
  process.env.LINEWORKS_TEST_PACKAGE = path.join(dest, "package");
  return process.env.LINEWORKS_TEST_PACKAGE;
}

export function makeProgramDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lineworks-${label}-`));
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  fs.cpSync(PACKAGE(), path.join(modules, "pulumi-lineworks"), { recursive: true });
  for (const entry of fs.readdirSync(path.join(REPO, "node_modules"))) {
    if (entry === "pulumi-lineworks" || entry.startsWith(".")) continue;
    fs.symlinkSync(path.join(REPO, "node_modules", entry), path.join(modules, entry));
  }
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `program-${label}`, private: true, dependencies: { "pulumi-lineworks": "*" } }));
  return dir;
}

/**
 * A program directory like makeProgramDir's, but whose program pins another @pulumi/pulumi: the
 * copy npm installed under the alias `sdkAlias` (a devDependency such as
 * `"pulumi-sdk-lowest": "npm:@pulumi/pulumi@<version>"`) is linked as node_modules/@pulumi/pulumi,
 * where the program, the installed pulumi-lineworks and the dynamic-provider host all find it (its
 * own dependencies resolve from its real path). The program's package.json pins that version.
 */
export function makePinnedSdkProgramDir(label: string, sdkAlias = "pulumi-sdk-lowest"): string {
  const sdk = path.join(REPO, "node_modules", sdkAlias);
  const version: string = JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8")).version;
  const dir = makeProgramDir(label);
  const modules = path.join(dir, "node_modules");
  fs.rmSync(path.join(modules, sdkAlias)); // a user's program has no alias, only @pulumi/pulumi
  fs.rmSync(path.join(modules, "@pulumi")); // the link to this repository's @pulumi scope
  fs.mkdirSync(path.join(modules, "@pulumi"));
  for (const entry of fs.readdirSync(path.join(REPO, "node_modules", "@pulumi"))) {
    if (entry !== "pulumi") fs.symlinkSync(path.join(REPO, "node_modules", "@pulumi", entry), path.join(modules, "@pulumi", entry));
  }
  fs.symlinkSync(sdk, path.join(modules, "@pulumi", "pulumi"));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: `program-${label}`, private: true, dependencies: { "@pulumi/pulumi": version, "pulumi-lineworks": "*" } }),
  );
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
