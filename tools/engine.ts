// A stand-in for the Pulumi engine's part of `pulumi up` / `pulumi preview` (there is no engine on
// these machines): a program runs in a plain Node process under `pulumi.runtime.setMocks`, and
// the mocks answer each registration of one of our dynamic resources with what the engine would
// do through @pulumi/pulumi's own dynamic-provider host (tools/host.ts): check, then create, or
// diff and update/replace, returning the real IDs and outputs, so inputs wired to other
// resources' outputs (a unit's parentOrgUnitId = parent.orgUnitId) resolve as in a real run.
// Registrations run concurrently as their inputs resolve; at the end, resources of the prior
// state the program no longer registers are deleted (dependents first). Other types (components,
// command:local:Command, ...) get "<name>-id" and their inputs back, as tools/program.ts does.
//
// The parent side (runEngine) runs in Jest or plain Node; the child side (engineChild) runs in
// the compiled dist/tools/engine.js, loaded by a runner file written into the program directory.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { clockEnv } from "../clock";
import { Host } from "./host";
import { REPO } from "./install";

export interface StateResource {
  type: string;
  name: string;
  id: string;
  inputs: any;
  outputs: any;
  /** The URN of the resource's parent (a component), when it has one. */
  parent?: string;
  /** URNs this resource's inputs or options depend on (deletes run dependents first). */
  dependencies?: string[];
}
export interface EngineState {
  resources: Record<string /* urn */, StateResource>;
}
export interface Step {
  urn: string;
  type: string;
  name: string;
  op: "create" | "same" | "update" | "replace" | "delete";
  diffs?: string[];
  replaces?: string[];
}
/**
 * One resource operation as the engine's snapshot manager sees it: `begin` when the provider is
 * called (Pulumi saves the checkpoint with a pending operation), `end` when it answered (saved
 * again with the result). In the order they happened; tools/checkpoint.ts sums a DIY backend's writes.
 */
export interface JournalEntry {
  urn: string;
  op: "create" | "update" | "delete";
  event: "begin" | "end";
}
/** A component (or other non-dynamic) resource the program registered: it is in Pulumi's state too. */
export interface ComponentResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  /** What it registered as its outputs (a Directory's ID maps), as the state would hold them. */
  outputs?: Record<string, any>;
}
export interface EngineRun {
  steps: Step[];
  /** Operations that reached the provider (create, update, delete), begun and ended, in order. */
  journal: JournalEntry[];
  /** RPCs sent to the dynamic-provider host, by method: the engine's round trips for this run. */
  rpcs: Record<string, number>;
  components: ComponentResource[];
  state: EngineState;
  exports: Record<string, any>;
  /** Each registered resource's checked inputs, by URN: a preview's display diff is the state's inputs against these. */
  inputs: Record<string, any>;
  failures: { urn: string; failures: any[] }[];
  errors: string[];
  hostLog: string;
  /** What the program printed (pulumi.log under the mocks): the messages a preview shows. */
  programLog?: string;
}
export interface EngineOptions {
  /** A program directory (tools/install.ts makeProgramDir). */
  dir: string;
  /** `body`: a program text that sees `lineworks`, `pulumi`, `exports`, `module` and `require`; its
   * returned object (else `module.exports`) is the stack's exports. `module`: a file in `dir`. */
  program: { body: string } | { module: string };
  mode: "up" | "preview";
  state?: EngineState;
  /** Stack config (`lineworks:*` keys): the provider's Configure and the program's config. */
  config: Record<string, string>;
  /** Environment of the program and of the provider host. */
  env?: Record<string, string>;
  project?: string;
  timeoutMs?: number;
}

/** What a preview shows for a value not known until the update (as the SDK serializes it). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const MARKER = "\n@@ENGINE-RUN@@";
const STACK = "test";
const DYNAMIC = "pulumi-nodejs:dynamic/lineworks:";

let runs = 0;

/** One `pulumi up` or `pulumi preview` of the program in `opts.dir`. */
export function runEngine(opts: EngineOptions): Promise<EngineRun> {
  const tag = `${process.pid}-${++runs}`;
  const input = path.join(opts.dir, `engine-input-${tag}.json`);
  const runner = path.join(opts.dir, "run-engine.js");
  fs.writeFileSync(runner, `require(${JSON.stringify(path.join(REPO, "dist", "tools", "engine.js"))}).engineChild(process.argv[2]);\n`);
  fs.writeFileSync(input, JSON.stringify(opts));
  const env = opts.env ?? {};
  let programConfig: Record<string, string> = { ...opts.config };
  if (env.PULUMI_CONFIG) programConfig = { ...programConfig, ...JSON.parse(env.PULUMI_CONFIG) };
  const timeout = opts.timeoutMs ?? 180_000;
  return new Promise<EngineRun>((resolve, reject) => {
    execFile(
      process.execPath,
      [runner, input],
      { cwd: opts.dir, env: { PATH: process.env.PATH, ...clockEnv(), ...env, PULUMI_CONFIG: JSON.stringify(programConfig) }, timeout, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        fs.rmSync(input, { force: true });
        const at = stdout.lastIndexOf(MARKER);
        if (at < 0) {
          const why = err && (err as any).killed ? `timed out after ${timeout} ms` : (err?.message ?? "no result");
          return reject(new Error(`engine run (${opts.mode}) failed: ${why}\n${stderr}\n${stdout.slice(-4000)}`));
        }
        resolve({ ...JSON.parse(stdout.slice(at + MARKER.length)), programLog: stdout.slice(0, at) });
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// The child: runs in a plain Node process whose cwd is the program directory.

/** Text of a JSON value with object keys sorted, to compare inputs. */
function canonical(v: any): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "undefined";
}

/** Top-level properties whose values differ between two input sets (the engine's display diff). */
function changedKeys(olds: Record<string, any>, news: Record<string, any>): string[] {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])];
  return keys.filter((k) => canonical(olds[k]) !== canonical(news[k])).sort();
}

/** Resources in an order where each comes after its parent and dependencies (stable otherwise). */
function ordered(entries: [string, StateResource][]): [string, StateResource][] {
  const byUrn = new Map(entries);
  const done = new Set<string>();
  const out: [string, StateResource][] = [];
  const visit = (urn: string, seen: Set<string>) => {
    if (done.has(urn) || seen.has(urn) || !byUrn.has(urn)) return;
    seen.add(urn);
    const r = byUrn.get(urn)!;
    for (const d of [...(r.parent ? [r.parent] : []), ...(r.dependencies ?? [])]) visit(d, seen);
    done.add(urn);
    out.push([urn, r]);
  };
  for (const [urn] of entries) visit(urn, new Set());
  return out;
}

const messageOf = (e: any): string => (e?.details ? String(e.details) : e instanceof Error ? e.message : String(e));

export async function engineChild(inputFile: string): Promise<void> {
  const opts: EngineOptions = JSON.parse(fs.readFileSync(inputFile, "utf8"));
  const dir = opts.dir;
  const project = opts.project ?? "lineworks-test";
  const preview = opts.mode === "preview";
  // The SDK and the package as the program sees them (the program directory's node_modules).
  const req = createRequire(path.join(dir, "index.js"));
  const pulumi = req("@pulumi/pulumi");
  const { MockMonitor } = req("@pulumi/pulumi/runtime/mocks");
  const rpc = req("@pulumi/pulumi/runtime/rpc");
  const outputs = req("@pulumi/pulumi/output");

  const prior: Record<string, StateResource> = opts.state?.resources ?? {};
  const steps: Step[] = [];
  const journal: JournalEntry[] = [];
  const components: ComponentResource[] = [];
  /** `call`, journaled as one operation of `urn` (an operation that fails has no end). */
  const journaled = async <T>(urn: string, op: JournalEntry["op"], call: () => Promise<T>): Promise<T> => {
    journal.push({ urn, op, event: "begin" });
    const r = await call();
    journal.push({ urn, op, event: "end" });
    return r;
  };
  const checkedInputs: Record<string, any> = {};
  const failures: { urn: string; failures: any[] }[] = [];
  const errors: string[] = [];
  const registered = new Set<string>();
  const done: [string, StateResource][] = []; // registered resources, in the order their steps completed
  const pending: Promise<unknown>[] = [];
  const deleted = new Set<string>(); // URNs of prior resources whose object this run deleted
  const error = (msg: string) => {
    if (!errors.some((e) => e.includes(msg) || msg.includes(e))) errors.push(msg);
  };
  process.on("unhandledRejection", (e) => error(messageOf(e)));
  process.on("uncaughtException", (e) => error(messageOf(e)));

  const hostEnv = Object.fromEntries(Object.entries(opts.env ?? {}).filter(([k]) => !k.startsWith("PULUMI_CONFIG")));
  const host = await Host.start({ cwd: dir, project, env: hostEnv });
  // The host must not keep this process alive: the end of the program is the event loop running dry.
  const proc = (host as any).proc as import("node:child_process").ChildProcess;
  process.on("exit", () => proc.exitCode === null && proc.kill());
  process.on("SIGTERM", () => process.exit(143));
  proc.unref();
  (proc.stdout as any)?.unref?.();
  (proc.stderr as any)?.unref?.();
  await host.configure(opts.config);

  // A value as the provider receives it: secrets unwrapped (the host accepts none), unknowns as
  // the SDK's sentinel text, undefined fields left out.
  const SIG = rpc.specialSigKey;
  const plain = (v: any): any => {
    if (outputs.isUnknown(v)) return UNKNOWN;
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === "object") {
      if (v[SIG] === rpc.specialSecretSig) return plain(v.value);
      if (pulumi.Resource.isInstance(v)) throw new Error("a resource reference as an input is not supported by tools/engine.ts");
      return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, plain(x)]));
    }
    return v;
  };
  const secretKeys = (inputs: Record<string, any>) => Object.keys(inputs).filter((k) => JSON.stringify(inputs[k] ?? null).includes(rpc.specialSecretSig));
  /** Outputs as the mocks return them: a property whose input was a secret stays one. */
  const wrap = (state: Record<string, any>, secrets: string[]) =>
    Object.fromEntries(Object.entries(state).map(([k, v]) => [k, secrets.includes(k) ? { [SIG]: rpc.specialSecretSig, value: v } : v]));

  // URNs as the engine builds them: a child's type is prefixed by its parent's whole type chain.
  MockMonitor.prototype.newUrn = function (parent: string, type: string, name: string) {
    const qualified = parent ? `${parent.split("::")[2]}$${type}` : type;
    return `urn:pulumi:${STACK}::${project}::${qualified}::${name}`;
  };
  // The mocks pass no parent or dependencies to newResource: keep the request it was called for.
  let current: any;
  const register = MockMonitor.prototype.registerResource;
  MockMonitor.prototype.registerResource = function (this: any, request: any, callback: any) {
    current = { request, monitor: this };
    try {
      return register.call(this, request, callback);
    } finally {
      current = undefined;
    }
  };

  async function apply(urn: string, type: string, name: string, args: any, extra: Pick<StateResource, "parent" | "dependencies">) {
    const secrets = secretKeys(args.inputs);
    const inputs = plain(args.inputs);
    const old = prior[urn];
    const checked = await host.check(urn, old?.inputs ?? {}, inputs).catch((e) => {
      throw new Error(`${type} resource '${name}': check failed: ${messageOf(e)}`);
    });
    if (checked.failures.length) {
      failures.push({ urn, failures: checked.failures });
      throw new Error(checked.failures.map((f) => `${type} resource '${name}' has a problem: ${f.property ? `${f.property}: ` : ""}${f.reason}`).join("\n"));
    }
    const news = checked.inputs;
    checkedInputs[urn] = news;
    const keep = (id: string, outs: Record<string, any>) => done.push([urn, { type, name, id, inputs: news, outputs: outs, ...extra }]);
    const failed = (op: string) => (e: any) => {
      throw new Error(`${type} resource '${name}': ${op} failed: ${messageOf(e)}`);
    };
    // A step is listed once done (in a preview: once decided); a failed one is in `errors` only.
    const step = (op: Step["op"], more: Partial<Step> = {}) => steps.push({ urn, type, name, op, ...more });
    if (!old) {
      if (preview) {
        step("create");
        return { id: undefined, state: wrap(news, secrets) };
      }
      const created = await journaled(urn, "create", () => host.create(urn, news)).catch(failed("create"));
      step("create");
      keep(created.id, created.properties);
      return { id: created.id, state: wrap(created.properties, secrets) };
    }
    const diff = await host.diff(old.id, urn, old.outputs, news).catch(failed("diff"));
    const diffs = changedKeys(old.inputs ?? {}, news);
    if (diff.changes === "none" || (diff.changes === "unknown" && diffs.length === 0)) {
      step("same");
      keep(old.id, old.outputs);
      return { id: old.id, state: wrap(old.outputs, secrets) };
    }
    if (diff.replaces.length) {
      if (preview) {
        step("replace", { diffs, replaces: diff.replaces });
        return { id: undefined, state: wrap(news, secrets) };
      }
      if (diff.deleteBeforeReplace) {
        await journaled(urn, "delete", () => host.delete(old.id, urn, old.outputs)).catch(failed("delete (replace)"));
        deleted.add(urn);
      }
      const created = await journaled(urn, "create", () => host.create(urn, news)).catch(failed("create (replace)"));
      keep(created.id, created.properties);
      if (!diff.deleteBeforeReplace) await journaled(urn, "delete", () => host.delete(old.id, urn, old.outputs)).catch(failed("delete (replace)"));
      step("replace", { diffs, replaces: diff.replaces });
      return { id: created.id, state: wrap(created.properties, secrets) };
    }
    if (preview) {
      step("update", { diffs });
      return { id: old.id, state: wrap(old.outputs, secrets) };
    }
    const updated = await journaled(urn, "update", () => host.update(old.id, urn, old.outputs, news)).catch(failed("update"));
    step("update", { diffs });
    keep(old.id, updated.properties);
    return { id: old.id, state: wrap(updated.properties, secrets) };
  }

  // A component's outputs are state too (a Directory's ID maps): kept as registered.
  const registerOutputs = MockMonitor.prototype.registerResourceOutputs;
  MockMonitor.prototype.registerResourceOutputs = function (this: any, request: any, callback: any) {
    const c = components.find((x) => x.urn === request.getUrn());
    if (c) c.outputs = plain(request.getOutputs()?.toJavaScript() ?? {});
    return registerOutputs.call(this, request, callback);
  };

  await pulumi.runtime.setMocks(
    {
      newResource(args: any) {
        const at = current;
        if (!args.type.startsWith(DYNAMIC) || !at || args.id) {
          // Components, other providers' resources and reads: answered as tools/program.ts does.
          if (at && !args.id) {
            const parent: string = at.request.getParent() || undefined;
            components.push({ urn: at.monitor.newUrn(at.request.getParent(), args.type, args.name), type: args.type, name: args.name, ...(parent ? { parent } : {}) });
          }
          return { id: `${args.name}-id`, state: args.inputs };
        }
        const parent: string = at.request.getParent() || undefined;
        const urn: string = at.monitor.newUrn(at.request.getParent(), args.type, args.name);
        const dependencies: string[] = at.request.getDependenciesList();
        if (registered.has(urn)) return Promise.reject(new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`));
        registered.add(urn);
        const op = apply(urn, args.type, args.name, args, { ...(parent ? { parent } : {}), ...(dependencies.length ? { dependencies } : {}) });
        pending.push(op.catch((e) => error(messageOf(e))));
        return op;
      },
      call: (args: any) => args.inputs,
    },
    project,
    STACK,
    preview,
  );

  // The program, as the Node language host loads it.
  let exported: any = {};
  try {
    if ("module" in opts.program) {
      exported = req(path.resolve(dir, opts.program.module));
    } else {
      const module = { exports: {} as any };
      const declare = new Function("lineworks", "pulumi", "exports", "module", "require", opts.program.body);
      const returned = declare(req("pulumi-lineworks"), pulumi, module.exports, module, req);
      exported = returned !== undefined ? returned : module.exports;
    }
    if (typeof exported === "function") exported = exported();
  } catch (e) {
    error(messageOf(e));
  }

  let finishing = false;
  process.on("beforeExit", () => {
    if (finishing) return;
    finishing = true;
    void finish();
  });

  async function finish() {
    await pulumi.runtime.waitForRPCs?.();
    await Promise.all(pending);
    // Stack outputs, each resolved (the SDK's own serialization: outputs, promises, nesting).
    const exports: Record<string, any> = {};
    try {
      const value = await exported;
      for (const [k, v] of Object.entries(value ?? {})) {
        try {
          exports[k] = plain(await rpc.serializeProperty(`exports.${k}`, v, new Set(), { keepOutputValues: false }));
        } catch (e) {
          error(`export ${k}: ${messageOf(e)}`);
        }
      }
    } catch (e) {
      error(messageOf(e));
    }
    // Resources no longer declared: deleted once the program succeeded, dependents first.
    const gone = ordered(Object.entries(prior)).filter(([urn]) => !registered.has(urn)).reverse();
    if (errors.length === 0) {
      for (const [urn, r] of gone) {
        if (!preview) {
          try {
            await journaled(urn, "delete", () => host.delete(r.id, urn, r.outputs));
          } catch (e) {
            error(`${r.type} resource '${r.name}': delete failed: ${messageOf(e)}`);
            break;
          }
          deleted.add(urn);
        }
        steps.push({ urn, type: r.type, name: r.name, op: "delete" });
      }
    }
    // The new state: what this run registered, then what it left of the prior state.
    const kept = Object.entries(prior).filter(([urn]) => !deleted.has(urn) && !done.some(([u]) => u === urn));
    const state: EngineState = preview ? { resources: prior } : { resources: Object.fromEntries(ordered([...done, ...kept])) };
    proc.ref(); // so that its exit, which stop() awaits, keeps this process alive
    await host.stop();
    const result: EngineRun = { steps, journal, rpcs: host.rpcs, components, state, exports, inputs: checkedInputs, failures, errors, hostLog: host.stdout + host.stderr };
    process.stdout.write(MARKER + JSON.stringify(result), () => process.exit(0));
  }
}
