// .githooks/commit-msg: run as git runs it (the message file as its one argument) on sample
// messages; exit 0 lets the commit through, 1 refuses it with the reasons on stderr.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const HOOK = path.join(__dirname, "..", ".githooks", "commit-msg");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "commit-msg-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function hook(message: string): { code: number | null; stderr: string } {
  const file = path.join(dir, "COMMIT_EDITMSG");
  fs.writeFileSync(file, message);
  const r = spawnSync(process.execPath, [HOOK, file], { encoding: "utf8" });
  return { code: r.status, stderr: r.stderr };
}

const BODY = "\n\nThe body says why: what was wrong before, and what this makes possible.\n";

test("the hook is an executable script git can run", () => {
  expect(fs.readFileSync(HOOK, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  expect(fs.statSync(HOOK).mode & 0o111).toBe(0o111);
});

test.each([
  ["a subject and a body", `Move the bin to cli/: one module per verb${BODY}`],
  ["a subject of exactly 72 characters", `${"x".repeat(72)}${BODY}`],
  ["git's comment lines and a verbose diff below the scissors", `Subject line${BODY}# Please enter the commit message\n#\n# ------------------------ >8 ------------------------\n${"diff --git a/x b/x\n".repeat(3)}`],
  ["a merge without a body", "Merge branch 'h-cli'\n"],
  ["a revert without a body", 'Revert "Move the bin to cli/"\n'],
  ["a fixup without a body", "fixup! Move the bin to cli/\n"],
])("accepted: %s", (_what, message) => {
  expect(hook(message)).toEqual({ code: 0, stderr: "" });
});

test.each([
  ["a subject of 73 characters", `${"x".repeat(73)}${BODY}`, "the subject is 73 characters; keep it to 72"],
  ["no body", "Move the bin to cli/\n", "a body is missing"],
  ["no body, only comments after the subject", "Move the bin to cli/\n\n# Please enter the commit message\n", "a body is missing"],
  ["no blank second line", "Move the bin to cli/\nbecause the core must not import the emulator\n", "the second line must be blank"],
])("refused: %s", (_what, message, reason) => {
  const r = hook(message);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(reason);
});

test("every problem is named at once", () => {
  const r = hook(`${"y".repeat(80)}\n`);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("80 characters");
  expect(r.stderr).toContain("a body is missing");
});
