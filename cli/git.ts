// Reading a file as it stands at a git ref (`diff --base-ref`): the one place the CLI runs git,
// kept apart so the rest of diff runs in process in the unit tests.
import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** `file`'s text at `ref` of the repository holding it: `git show <ref>:./<name>` from the file's directory. */
export function showAtRef(ref: string, file: string): string {
  try {
    return execFileSync("git", ["show", `${ref}:./${path.basename(file)}`], { cwd: path.dirname(file), encoding: "utf8", maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const why = String((e as { stderr?: string }).stderr ?? "").trim().split("\n")[0] || (e as Error).message;
    throw new Error(`--base-ref ${ref}: git cannot show ${path.basename(file)} at that ref (${why})`);
  }
}
