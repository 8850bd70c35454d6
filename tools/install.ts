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
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest], { cwd: REPO, encoding: "utf8" });
  execFileSync("tar", ["-xzf", path.join(dest, JSON.parse(out)[0].filename), "-C", dest]);
  process.env.LINEWORKS_TEST_PACKAGE = path.join(dest, "package");
  return process.env.LINEWORKS_TEST_PACKAGE;
}

/** The tarball packPackage made (beside its unpacked copy): what `npm install <tarball>` takes. */
export function packedTarball(): string {
  const dir = path.dirname(PACKAGE());
  const tgz = fs.readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error(`no packed tarball in ${dir}: build first (npm run build), then run the engine tests`);
  return path.join(dir, tgz);
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

/** The @pulumi/pulumi this repository tests with, pinned in fresh programs so npm finds it in its cache. */
export const sdkVersion = (): string => JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;

/**
 * A program directory made as a user makes one: an empty folder, then `npm install <spec>` (a
 * tarball, a `git+file://` URL, `pulumi-lineworks@<version>`) with the dependencies npm resolves
 * for it. `--prefer-offline` takes them from npm's cache where it has them.
 */
export function npmInstallProgram(label: string, spec: string, dir = fs.mkdtempSync(path.join(os.tmpdir(), `lineworks-${label}-`))): string {
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `program-${label}`, private: true, dependencies: { "@pulumi/pulumi": sdkVersion() } }));
  }
  execFileSync("npm", ["install", spec, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel", "error"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
  return dir;
}

/**
 * A git repository holding this working tree as it is now (committed or not, less what
 * .gitignore leaves out), committed in a clone under `dest`: what a `git+file://` URL installs.
 */
export function cloneWorkingTree(dest: string): string {
  const git = (args: string[], cwd: string) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  git(["clone", "--quiet", REPO, dest], REPO);
  for (const file of git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO).split("\0").filter(Boolean)) {
    const from = path.join(REPO, file);
    if (!fs.existsSync(from)) fs.rmSync(path.join(dest, file), { force: true }); // deleted, not yet committed
    else fs.cpSync(from, path.join(dest, file), { recursive: true });
  }
  git(["add", "--all"], dest);
  git(["-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "--allow-empty", "-m", "working tree"], dest);
  return dest;
}
