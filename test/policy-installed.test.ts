// The policy pack from the packed package, run as `pulumi preview --policy-pack
// node_modules/pulumi-lineworks/policy` runs it: @pulumi/pulumi's run-policy-pack in the pack
// directory, serving Pulumi's analyzer protocol with the real @pulumi/policy. A gRPC client stands
// in for the engine: it reads the pack's policies and has the stack analysed with a configuration.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { makeProgramDir, removeDir } from "../tools/install";

const grpc = require("@grpc/grpc-js");
const services = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

let dir: string;
let pack: ChildProcess;
let client: any;
const call = (method: string, request: unknown): Promise<any> =>
  new Promise((resolve, reject) => client[method](request, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))));

beforeAll(async () => {
  dir = makeProgramDir("policy");
  const packDir = path.join(dir, "node_modules", "pulumi-lineworks", "policy");
  const runner = path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
  // The engine's address is not dialled until a log is written; the pack prints the port it serves on.
  pack = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  pack.stderr!.on("data", (d) => (stderr += d));
  const port = await new Promise<string>((resolve, reject) => {
    pack.stdout!.once("data", (d) => resolve(String(d).trim()));
    pack.once("exit", (code) => reject(new Error(`the pack exited (${code}): ${stderr}`)));
  });
  client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60_000);

afterAll(() => {
  client?.close();
  if (pack && pack.exitCode === null) pack.kill();
  if (dir) removeDir(dir);
});

const resource = (type: string, name: string, props: Record<string, unknown>, dependencies: string[] = []) => {
  const r = new pb.AnalyzerResource();
  r.setType(`pulumi-nodejs:dynamic/lineworks:${type}`);
  r.setName(name);
  r.setUrn(`urn:pulumi:prod::org::lineworks:index:Directory$pulumi-nodejs:dynamic/lineworks:${type}::${name}`);
  r.setProperties(Struct.fromJavaScript(props));
  r.setOptions(new pb.AnalyzerResourceOptions());
  r.setDependenciesList(dependencies);
  return r;
};

test("the installed pack serves its policies, advisory by default, at the package's version", async () => {
  const info = (await call("getAnalyzerInfo", new Empty())).toObject();
  const { version } = require(path.join(dir, "node_modules", "pulumi-lineworks", "package.json"));
  expect([info.name, info.version]).toEqual(["lineworks-company-rules", version]);
  expect(info.policiesList.map((p: any) => p.name)).toEqual(["unit-has-leader", "member-has-unit", "unit-not-empty", "title-set", "key-pattern"]);
});

test("it analyses the stack with its configuration: a unit without a leader is reported, an exempt one is not", async () => {
  const unit = resource("OrgUnit", "org-OU_TOKYO", { orgUnitName: "Tokyo", orgUnitExternalKey: "OU_TOKYO", displayOrder: 1 });
  const member = resource(
    "User",
    "org-EMP_0004",
    { email: "shiro@example.com", userExternalKey: "EMP_0004", userName: { lastName: "Kato", firstName: "Shiro" }, organizations: [{ orgUnits: [{ orgUnitId: "externalKey:OU_TOKYO" }] }] },
    [unit.getUrn()],
  );
  const analyse = async () => {
    const request = new pb.AnalyzeStackRequest();
    request.setResourcesList([unit, member]);
    return (await call("analyzeStack", request)).getDiagnosticsList().map((d: any) => [d.getPolicyname(), d.getMessage(), d.getUrn()]);
  };
  expect(await analyse()).toEqual([["unit-has-leader", expect.stringContaining('org unit "Tokyo" (OU_TOKYO) has 1 member but no leader'), unit.getUrn()]]);

  const configure = new pb.ConfigureAnalyzerRequest();
  const config = new pb.PolicyConfig();
  config.setProperties(Struct.fromJavaScript({ exemptUnits: ["OU_TOKYO"] }));
  configure.getPolicyconfigMap().set("unit-has-leader", config);
  await call("configure", configure);
  expect(await analyse()).toEqual([]);
});
