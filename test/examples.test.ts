// The examples and entry points a user meets first: the quickstart program registers what it
// says, the package root loads the SDK, and `npm run demo` explains a missing Pulumi CLI.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { makeProgramDir, removeDir, REPO } from "../tools/install";
import { runProgramModule } from "../tools/program";

test("the quickstart registers every position and user type of org.json, and the change-triggered command", async () => {
  const dir = makeProgramDir("quickstart");
  try {
    const source = fs.readFileSync(path.join(REPO, "examples", "quickstart", "index.ts"), "utf8");
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    fs.writeFileSync(path.join(dir, "index.js"), js);
    fs.copyFileSync(path.join(REPO, "examples", "quickstart", "org.json"), path.join(dir, "org.json"));
    const org = JSON.parse(fs.readFileSync(path.join(dir, "org.json"), "utf8"));
    const registered = await runProgramModule(dir, "index.js", { PULUMI_CONFIG: JSON.stringify({ "lineworks:domainId": "10000001" }) });
    const byType = (t: string) => registered.filter((r) => r.type === t);
    expect(byType("pulumi-nodejs:dynamic/lineworks:Position").map((r) => r.inputs.positionName).sort()).toEqual(org.positions.map((p: any) => p.name).sort());
    expect(byType("pulumi-nodejs:dynamic/lineworks:UserType").map((r) => r.inputs.userTypeCode).sort()).toEqual(org.userTypes.map((u: any) => u.code).sort());
    const [command] = byType("command:local:Command");
    expect(command.inputs.triggers[0]).toContain("Team Leader");
    expect(byType("pulumi-nodejs:dynamic/lineworks:Position").every((r) => r.inputs.domainId === 10000001)).toBe(true);
  } finally {
    removeDir(dir);
  }
});

test("require() of the repository root loads the SDK entry", () => {
  const out = execFileSync(process.execPath, ["-e", "const m = require('.'); console.log(JSON.stringify({ p: typeof m.Position, u: typeof m.UserType, l: typeof m.Level, e: typeof m.EmploymentType, f: typeof m.DirectoryFeature, providers: Object.keys(m.providers) }))"], { cwd: REPO, encoding: "utf8" });
  expect(JSON.parse(out)).toEqual({ p: "function", u: "function", l: "function", e: "function", f: "function", providers: ["Position", "UserType", "Level", "EmploymentType", "DirectoryFeature"] });
});

test("npm run demo without the Pulumi CLI says so, with the install link, and exits non-zero", async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-demo-"));
  try {
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-nopulumi-"));
      fs.symlinkSync(process.execPath, path.join(bin, "node"));
      execFile(process.execPath, [path.join(REPO, "scripts", "demo.js")], { env: { PATH: bin, LINEWORKS_DEMO_DATA_DIR: data }, timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as any).code ?? 1) : 0, out: stdout + stderr }),
      );
    });
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/Pulumi CLI is not installed/);
    expect(result.out).toMatch(/https:\/\/www\.pulumi\.com\/docs\//);
    expect(result.out).toMatch(/LINE WORKS emulator listening on http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
});
