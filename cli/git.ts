// Reading a file as it stands at a git ref (`diff --base-ref`): the one place the CLI runs git,
// kept apart so the rest of diff runs in process in the unit tests.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SpecReader } from "../provider/specFiles";

const git = (args: string[], cwd: string) => execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
const firstLine = (e: unknown) => String((e as { stderr?: string }).stderr ?? "").trim().split("\n")[0] || (e as Error).message;

/** `file`'s text at `ref` of the repository holding it: `git show <ref>:./<name>` from the file's directory. */
export function showAtRef(ref: string, file: string): string {
  try {
    return git(["show", `${ref}:./${path.basename(file)}`], path.dirname(file));
  } catch (e) {
    throw new Error(`--base-ref ${ref}: git cannot show ${path.basename(file)} at that ref (${firstLine(e)})`);
  }
}

/**
 * The files of the repository holding `file` as they stand at `ref`: a spec and the files it
 * includes are all read there, so the base is the whole spec of that commit.
 */
export function readerAtRef(ref: string, file: string): SpecReader {
  const dir = fs.realpathSync(path.dirname(file));
  const top = git(["rev-parse", "--show-toplevel"], dir).trim();
  // The work tree's path of a file, as git names it at the ref (from the top, with /).
  const inRepo = (f: string) => path.relative(top, path.resolve(dir, path.relative(path.dirname(file), f))).split(path.sep).join("/");
  return {
    read(f) {
      try {
        return git(["show", `${ref}:${inRepo(f)}`], top);
      } catch (e) {
        throw new Error(`it is not in ${ref} (${firstLine(e)})`);
      }
    },
    list(d) {
      const tree = git(["ls-tree", `${ref}:${inRepo(d)}`], top);
      return tree.split("\n").filter((l) => / blob /.test(l)).map((l) => l.slice(l.indexOf("\t") + 1));
    },
  };
}
