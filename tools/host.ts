// Drives @pulumi/pulumi's own dynamic-provider host over gRPC, the way the Pulumi engine does:
// the host is started from a program directory, prints its port, and serves
// pulumirpc.ResourceProvider (Configure, Check, Diff, Create, Read, Update, Delete).
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { clockEnv } from "../clock";

type Props = Record<string, any>;

export interface HostOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  project?: string;
}

export class Host {
  stdout = "";
  stderr = "";
  /** RPCs sent to the host, by method (configure, check, diff, ...): the engine's round trips. */
  readonly rpcs: Record<string, number> = {};
  private constructor(
    private readonly proc: ChildProcess,
    private readonly client: any,
    private readonly pb: any,
    private readonly struct: any,
  ) {}

  static async start(opts: HostOptions): Promise<Host> {
    // The stubs and grpc-js copies shipped with the program's @pulumi/pulumi, as the engine side would use.
    const req = createRequire(path.join(opts.cwd, "node_modules", "@pulumi", "pulumi", "package.json"));
    const grpc = req("@grpc/grpc-js");
    const pb = req("./proto/provider_pb");
    const services = req("./proto/provider_grpc_pb");
    const struct = req("google-protobuf/google/protobuf/struct_pb");
    const entry = path.join(opts.cwd, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
    const proc = spawn(process.execPath, [entry, "127.0.0.1:1"], {
      cwd: opts.cwd,
      // The host keeps the test's clock speed (see clock/), so its budgets and gates run on the
      // same time as the emulator that records them.
      env: { PATH: process.env.PATH, PULUMI_NODEJS_PROJECT: opts.project ?? "lineworks-test", ...clockEnv(), ...opts.env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start: ${err}`)), 20_000);
      proc.stdout!.on("data", (d) => {
        out += d;
        const m = /^(\d+)\s*$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      proc.stderr!.on("data", (d) => (err += d));
      proc.on("exit", (code) => reject(new Error(`host exited with ${code}: ${err}`)));
    });
    const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new Host(proc, client, pb, struct);
    host.stdout = out;
    host.stderr = err;
    proc.stdout!.on("data", (d) => (host.stdout += d));
    proc.stderr!.on("data", (d) => (host.stderr += d));
    return host;
  }

  /** The host's process ID (for memory readings). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  private call<T>(method: string, request: any): Promise<T> {
    this.rpcs[method] = (this.rpcs[method] ?? 0) + 1;
    return new Promise((resolve, reject) =>
      this.client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
    );
  }

  private s(obj: Props): any {
    return this.struct.Struct.fromJavaScript(obj);
  }

  async configure(config: Record<string, string>): Promise<void> {
    const r = new this.pb.ConfigureRequest();
    r.setArgs(this.s(config));
    r.setAcceptsecrets(true);
    await this.call("configure", r);
  }

  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const r = new this.pb.CheckRequest();
    r.setUrn(urn);
    r.setOlds(this.s(olds));
    r.setNews(this.s(news));
    const res: any = await this.call("check", r);
    return {
      inputs: res.getInputs()?.toJavaScript() ?? {},
      failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[]; deleteBeforeReplace: boolean }> {
    const r = new this.pb.DiffRequest();
    r.setId(id);
    r.setUrn(urn);
    r.setOlds(this.s(olds));
    r.setNews(this.s(news));
    const res: any = await this.call("diff", r);
    const C = this.pb.DiffResponse.DiffChanges;
    const changes = res.getChanges() === C.DIFF_SOME ? "some" : res.getChanges() === C.DIFF_NONE ? "none" : "unknown";
    return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
  }

  async create(urn: string, props: Props): Promise<{ id: string; properties: Props }> {
    const r = new this.pb.CreateRequest();
    r.setUrn(urn);
    r.setProperties(this.s(props));
    const res: any = await this.call("create", r);
    return { id: res.getId(), properties: res.getProperties().toJavaScript() };
  }

  async read(id: string, urn: string, props: Props, inputs?: Props): Promise<{ id: string; properties: Props; inputs?: Props }> {
    const r = new this.pb.ReadRequest();
    r.setId(id);
    r.setUrn(urn);
    r.setProperties(this.s(props));
    if (inputs) r.setInputs(this.s(inputs));
    const res: any = await this.call("read", r);
    return { id: res.getId(), properties: res.getProperties()?.toJavaScript() ?? {}, inputs: res.getInputs()?.toJavaScript() };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Props }> {
    const r = new this.pb.UpdateRequest();
    r.setId(id);
    r.setUrn(urn);
    r.setOlds(this.s(olds));
    r.setNews(this.s(news));
    const res: any = await this.call("update", r);
    return { properties: res.getProperties().toJavaScript() };
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const r = new this.pb.DeleteRequest();
    r.setId(id);
    r.setUrn(urn);
    r.setProperties(this.s(props));
    await this.call("delete", r);
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.proc.exitCode === null) {
      const exited = new Promise((r) => this.proc.once("exit", r));
      this.proc.kill();
      await exited;
    }
  }
}

export const urn = (type: string, name: string, project = "lineworks-test") =>
  `urn:pulumi:test::${project}::pulumi-nodejs:dynamic/lineworks:${type}::${name}`;
