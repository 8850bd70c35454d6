// Runs a Pulumi program in a plain Node process under `pulumi.runtime.setMocks` (Jest's module
// registry breaks closure serialization) and returns each registered resource with its inputs,
// including the `__provider` text exactly as the SDK serializes it.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
  /** The names of the resources it depends on (through its inputs or `dependsOn`), sorted. */
  dependsOn: string[];
}

const RUNNER = `
const pulumi = require("@pulumi/pulumi");
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
const registered = [];
// The mocks pass no dependencies to newResource: keep those of the request it is called for.
let dependsOn = [];
const register = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (request, callback) {
  dependsOn = request.getDependenciesList().map((urn) => urn.split("::").pop()).sort();
  return register.call(this, request, callback);
};
pulumi.runtime.setMocks({
  // The ID also comes back as the type's ID output (OrgUnit -> orgUnitId), as our resources
  // report it, so a resource wired to another's output registers "<that resource's name>-id".
  newResource(args) {
    registered.push({ type: args.type, name: args.name, inputs: args.inputs, dependsOn });
    const type = args.type.split(":").pop();
    const id = args.name + "-id";
    return { id, state: { ...args.inputs, [type[0].toLowerCase() + type.slice(1) + "Id"]: id } };
  },
  call(args) { return args.inputs; },
}, process.env.PROGRAM_PROJECT || "lineworks-test", "test", false);
const lineworks = require("pulumi-lineworks");
if (process.argv[3] === "--module") {
  require(require("path").resolve(process.argv[2]));
} else {
  const declare = new Function("lineworks", "pulumi", require("fs").readFileSync(process.argv[2], "utf8"));
  declare(lineworks, pulumi);
}
process.on("beforeExit", () => {
  if (process.env.__done) return;
  process.env.__done = "1";
  setTimeout(() => process.stdout.write("\\n@@RESULT@@" + JSON.stringify(registered)), 200);
});
`;

/** `body` is the program's text; it sees `lineworks` (the installed package) and `pulumi`. */
export function runProgram(dir: string, body: string, env: Record<string, string> = {}): Promise<Registered[]> {
  const file = path.join(dir, "program-body.js");
  fs.writeFileSync(file, body);
  return run(dir, [file], env);
}

/** Runs a program module (compiled JavaScript in `dir`) as the Pulumi runtime would load it. */
export function runProgramModule(dir: string, file: string, env: Record<string, string> = {}): Promise<Registered[]> {
  return run(dir, [file, "--module"], env);
}

function run(dir: string, args: string[], env: Record<string, string>): Promise<Registered[]> {
  fs.writeFileSync(path.join(dir, "run-program.js"), RUNNER);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["run-program.js", ...args],
      { cwd: dir, env: { PATH: process.env.PATH, ...env }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const at = stdout.lastIndexOf("@@RESULT@@");
        if (err || at < 0) return reject(new Error(`program failed: ${err?.message ?? ""}\n${stderr}\n${stdout.slice(0, 2000)}`));
        resolve(JSON.parse(stdout.slice(at + "@@RESULT@@".length)));
      },
    );
  });
}

/** The `__provider` text the program registered for a resource type (e.g. `Position`). */
export function providerText(registered: Registered[], type: string): string {
  const r = registered.find((x) => x.type.endsWith(`:${type}`));
  if (!r) throw new Error(`the program registered no ${type}`);
  return r.inputs.__provider as string;
}
