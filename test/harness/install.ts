// Program directories as a user has them: the packed package as a real directory in
// node_modules (so the closure serializer writes `require("pulumi-lineworks/...")`), next to the
// same dependencies (linked from this repository's node_modules to save a network install).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "..", "..");
const PACKAGE = () => process.env.LINEWORKS_TEST_PACKAGE ?? path.join(REPO, ".tmp", "pack", "package");

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

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
