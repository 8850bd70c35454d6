// The GitHub Actions example (examples/github-actions/pulumi-preview.yml), read as GitHub would:
// which job can run on which event, which secrets each can reach, how the jobs queue, and what
// the shell steps do. Each rule is a checker returning problems; the checkers are run on the
// example (no problem) and on mutated copies (the problem is named), so a checker that passes
// everything cannot go unnoticed.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { ALLOW_FILE, ALLOW_LABEL } from "../provider/review/guard";
import { company } from "./support/company";

const FILE = path.join(__dirname, "..", "examples", "github-actions", "pulumi-preview.yml");
const BIN = path.join(__dirname, "..", "dist", "cli", "index.js");
const TEXT = fs.readFileSync(FILE, "utf8");

/** Secrets a job that runs a pull request's code may hold: they can read, never write. */
const READ_ONLY_SECRETS = new Set([
  "LINEWORKS_READ_CLIENT_ID",
  "LINEWORKS_READ_CLIENT_SECRET",
  "LINEWORKS_READ_SERVICE_ACCOUNT",
  "LINEWORKS_READ_PRIVATE_KEY",
  "PULUMI_READ_ACCESS_TOKEN",
  "PULUMI_CONFIG_PASSPHRASE", // decrypts the state, which holds no credential (they stay out of stack config)
  "GITHUB_TOKEN",
]);
const PRODUCTION = "lineworks-production";
const ALLOWED_EVENTS = new Set(["pull_request", "push", "schedule", "workflow_dispatch"]);

type Obj = Record<string, any>;
type Workflow = { on: unknown; env?: Obj; permissions?: unknown; concurrency?: unknown; jobs: Record<string, Obj> } & Obj;

/** `uses: owner/repo@<sha> # vX.Y.Z`, read as `owner/repo@vX` (its tag's major) by the checks below. */
const PIN = /^(\s*(?:-\s+)?uses:\s*)([\w.-]+\/[\w.-]+)@([0-9a-f]{40})\s*#\s*v(\d+)[\d.]*\s*$/gm;
const load = (): Workflow => parse(TEXT.replace(PIN, "$1$2@v$4")) as Workflow;

// ---------------------------------------------------------------------------------------------
// GitHub expressions, evaluated in three-valued logic: a value the simulated event does not fix
// is UNKNOWN, and a job "can run" unless its `if` is certainly false.

const UNKNOWN = Symbol("unknown");
type Val = string | number | boolean | null | typeof UNKNOWN;
type Lookup = (path: string) => Val;

function truthy(v: Val): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  return !(v === false || v === null || v === "" || v === 0 || Number.isNaN(v));
}

function toNumber(v: Val): number {
  if (v === null || v === false) return 0;
  if (v === true) return 1;
  if (typeof v === "string") return v.trim() === "" ? 0 : Number(v);
  return v as number;
}

function equals(a: Val, b: Val): Val {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function asString(v: Val): string {
  return v === null ? "" : String(v);
}

const FUNCTIONS: Record<string, (args: Val[]) => Val> = {
  format: ([f, ...rest]) =>
    [f, ...rest].includes(UNKNOWN)
      ? UNKNOWN
      : asString(f).replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i) => (m === "{{" ? "{" : m === "}}" ? "}" : asString(rest[Number(i)]))),
  contains: ([a, b]) => (a === UNKNOWN || b === UNKNOWN ? UNKNOWN : asString(a).toLowerCase().includes(asString(b).toLowerCase())),
  startswith: ([a, b]) => (a === UNKNOWN || b === UNKNOWN ? UNKNOWN : asString(a).toLowerCase().startsWith(asString(b).toLowerCase())),
  endswith: ([a, b]) => (a === UNKNOWN || b === UNKNOWN ? UNKNOWN : asString(a).toLowerCase().endsWith(asString(b).toLowerCase())),
  always: () => true,
  success: () => true,
};

function evaluate(source: string, lookup: Lookup): Val {
  const tokens = source.match(/'(?:[^']|'')*'|\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_-]*|==|!=|<=|>=|&&|\|\||[<>!().,[\]*]|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const tok = tokens[i++];
    if (t !== undefined && tok !== t) throw new Error(`expected ${t} in ${source}, got ${tok}`);
    return tok;
  };
  // `||` and `&&` in three-valued logic: a known operand that decides (true for ||, false for &&)
  // is the result; a known one that does not yields the other operand; else UNKNOWN.
  const chain = (op: "||" | "&&", next: () => Val, decides: boolean) => (): Val => {
    let a = next();
    while (peek() === op) {
      take();
      const b = next();
      const ta = truthy(a);
      a = ta === decides ? a : ta === !decides ? b : truthy(b) === decides ? decides : UNKNOWN;
    }
    return a;
  };
  const or = chain("||", () => and(), true);
  const and = chain("&&", () => not(), false);
  const not = (): Val => {
    if (peek() !== "!") return compare();
    take();
    const t = truthy(not());
    return t === UNKNOWN ? UNKNOWN : !t;
  };
  const compare = (): Val => {
    const a = primary();
    const op = peek();
    if (op === "==" || op === "!=") {
      take();
      const e = equals(a, primary());
      return e === UNKNOWN ? UNKNOWN : op === "==" ? e : !e;
    }
    if (op === "<" || op === ">" || op === "<=" || op === ">=") {
      take();
      const b = primary();
      if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
      const [x, y] = [toNumber(a), toNumber(b)];
      return op === "<" ? x < y : op === ">" ? x > y : op === "<=" ? x <= y : x >= y;
    }
    return a;
  };
  const primary = (): Val => {
    const tok = take();
    if (tok === "(") {
      const v = or();
      take(")");
      return v;
    }
    if (tok.startsWith("'")) return tok.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(tok)) return Number(tok);
    if (tok === "true" || tok === "false") return tok === "true";
    if (tok === "null") return null;
    if (peek() === "(") {
      take();
      const args: Val[] = [];
      while (peek() !== ")") {
        args.push(or());
        if (peek() === ",") take();
      }
      take(")");
      return (FUNCTIONS[tok.toLowerCase()] ?? (() => UNKNOWN))(args);
    }
    let p = tok;
    let known = true;
    for (;;) {
      if (peek() === ".") {
        take();
        const part = take();
        if (part === "*") known = false;
        else p += `.${part}`;
      } else if (peek() === "[") {
        take();
        const k = or();
        take("]");
        if (typeof k === "string") p += `.${k}`;
        else known = false;
      } else break;
    }
    return known ? lookup(p.toLowerCase()) : UNKNOWN;
  };
  const v = or();
  if (i !== tokens.length) throw new Error(`unparsed ${tokens.slice(i).join(" ")} in ${source}`);
  return v;
}

/** A context of known values; every other path is UNKNOWN. */
const known = (values: Record<string, Val>): Lookup => (p) => (p in values ? values[p] : UNKNOWN);

function ifValue(cond: unknown, lookup: Lookup): Val {
  if (cond === undefined) return true;
  if (typeof cond === "boolean" || typeof cond === "number") return cond;
  const s = String(cond).trim();
  const m = /^\$\{\{([\s\S]*)\}\}$/.exec(s);
  return evaluate(m ? m[1] : s, lookup);
}

/** Whether GitHub may run `job` for an event with these known values. */
const canRun = (job: Obj, lookup: Lookup) => truthy(ifValue(job.if, lookup)) !== false;

/** A string with `${{ }}` replaced as GitHub does (every value known). */
function interpolate(s: string, lookup: Lookup): string {
  return s.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e) => {
    const v = evaluate(e, lookup);
    if (v === UNKNOWN) throw new Error(`unknown value in ${e}`);
    return asString(v);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading the workflow.

function triggers(wf: Workflow): string[] {
  const on = wf.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys((on as Obj) ?? {});
}

const prEvents = (wf: Workflow) => triggers(wf).filter((e) => e.startsWith("pull_request"));

/** Every string in a value (keys included), for finding references. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
  return v === undefined || v === null ? [] : [String(v)];
}

function refs(v: unknown, kind: "secrets" | "vars"): Set<string> {
  const out = new Set<string>();
  for (const s of strings(v)) for (const m of s.matchAll(new RegExp(`\\b${kind}\\.([A-Za-z_][A-Za-z0-9_]*)`, "g"))) out.add(m[1]);
  return out;
}

/** What a job can see: its own text and the workflow's (everything but the other jobs). */
function reach(wf: Workflow, id: string): unknown {
  const { jobs, ...shared } = wf;
  return [shared, jobs[id]];
}

/** Secret access that names no secret: every secret may be reached. */
function opaqueSecretAccess(v: unknown): string[] {
  const out: string[] = [];
  for (const s of strings(v)) {
    if (/\bsecrets\s*\[/.test(s)) out.push("secrets[...]");
    if (/toJSON\(\s*secrets\s*\)/i.test(s)) out.push("toJSON(secrets)");
  }
  if (Array.isArray(v)) for (const x of v) if (x && typeof x === "object" && (x as Obj).secrets === "inherit") out.push("secrets: inherit");
  return out;
}

const environmentName = (job: Obj): string | undefined =>
  typeof job.environment === "string" ? job.environment : job.environment?.name;

const steps = (job: Obj): Obj[] => (Array.isArray(job.steps) ? job.steps : []);
const isPulumiAction = (s: Obj) => typeof s.uses === "string" && /^pulumi\/actions@/i.test(s.uses);
const pulumiRuns = (s: Obj): string[] => (typeof s.run === "string" ? [...s.run.matchAll(/\bpulumi\s+(?:preview|up|update)\b[^\n]*/g)].map((m) => m[0]) : []);
const runsPulumi = (job: Obj) => steps(job).some((s) => isPulumiAction(s) || pulumiRuns(s).length > 0);
const pulumiCommand = (s: Obj): string => (isPulumiAction(s) ? String(s.with?.command ?? "") : pulumiRuns(s).join("\n"));
const isTrue = (v: unknown) => v === true || v === "true";
const concurrencyOf = (job: Obj): { group?: string; cancel?: unknown } =>
  typeof job.concurrency === "string" ? { group: job.concurrency } : { group: job.concurrency?.group, cancel: job.concurrency?.["cancel-in-progress"] };

/** Ids of the jobs that may run for a pull request. */
function pullRequestJobs(wf: Workflow): string[] {
  return Object.keys(wf.jobs).filter((id) => prEvents(wf).some((ev) => canRun(wf.jobs[id], known({ "github.event_name": ev }))));
}

// ---------------------------------------------------------------------------------------------
// The rules. Each returns the problems it finds, in words.

function checkTriggers(wf: Workflow): string[] {
  return triggers(wf)
    .filter((e) => !ALLOWED_EVENTS.has(e))
    .map((e) => `trigger ${e} is not one of ${[...ALLOWED_EVENTS].join(", ")} (pull_request_target, workflow_run and the like run with the base repository's secrets)`);
}

function checkPullRequestJobs(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const id of pullRequestJobs(wf)) {
    const seen = reach(wf, id);
    for (const name of refs(seen, "secrets")) if (!READ_ONLY_SECRETS.has(name)) problems.push(`job ${id} can run on a pull request and reaches write secret ${name}`);
    for (const how of opaqueSecretAccess([seen, wf.jobs[id]])) problems.push(`job ${id} can run on a pull request and reaches every secret through ${how}`);
    const env = environmentName(wf.jobs[id]);
    if (env !== undefined && (env === PRODUCTION || env.includes("${{"))) problems.push(`job ${id} can run on a pull request and uses environment ${env}`);
  }
  return problems;
}

/** Write secrets belong to the production environment's jobs, and to no workflow-wide setting. */
function checkWriteSecretsPlace(wf: Workflow): string[] {
  const problems: string[] = [];
  const { jobs, ...shared } = wf;
  for (const name of refs(shared, "secrets")) problems.push(`secret ${name} is set for the whole workflow (every job, pull requests included, gets it)`);
  for (const [id, job] of Object.entries(jobs))
    for (const name of refs(job, "secrets"))
      if (!READ_ONLY_SECRETS.has(name) && environmentName(job) !== PRODUCTION) problems.push(`job ${id} reaches write secret ${name} outside environment ${PRODUCTION}`);
  return problems;
}

function checkUpJob(wf: Workflow, id = "up"): string[] {
  const job = wf.jobs[id];
  if (!job) return [`no job ${id}`];
  const problems: string[] = [];
  if (!triggers(wf).includes("push")) problems.push("the workflow does not run on push");
  if (!steps(job).some((s) => /^up$|^update$|pulumi\s+up/.test(pulumiCommand(s)))) problems.push(`job ${id} does not run pulumi up`);
  if (environmentName(job) !== PRODUCTION) problems.push(`job ${id} does not use environment ${PRODUCTION}`);
  const at = (ev: string, branch: string) =>
    known({
      "github.event_name": ev,
      "github.ref": `refs/heads/${branch}`,
      "github.ref_name": branch,
      "github.event.repository.default_branch": "main",
    });
  for (const ev of new Set([...triggers(wf), "push"])) {
    if (canRun(job, at(ev, "feature"))) problems.push(`job ${id} can run on ${ev} of a branch that is not the default one`);
    if (ev !== "push" && canRun(job, at(ev, "main"))) problems.push(`job ${id} can run on ${ev}`);
  }
  if (!canRun(job, at("push", "main"))) problems.push(`job ${id} does not run on a push to the default branch`);
  return problems;
}

const crons = (wf: Workflow): string[] => {
  const list = (wf.on as Obj)?.schedule;
  return Array.isArray(list) ? list.map((c) => c?.cron).filter((c): c is string => typeof c === "string") : [];
};

/**
 * The reorganisation job: `up` on the schedule, behind the production environment, in the up
 * job's queue, on the default branch only; each cron starts either it or the drift check, never
 * both (a drift check before the day's apply would report the reorganisation as drift).
 */
function checkScheduledUp(wf: Workflow, id = "scheduled-up"): string[] {
  const job = wf.jobs[id];
  if (!job) return [`no job ${id}`];
  const problems: string[] = [];
  if (!steps(job).some((s) => /^up$|^update$|pulumi\s+up/.test(pulumiCommand(s)))) problems.push(`job ${id} does not run pulumi up`);
  if (environmentName(job) !== PRODUCTION) problems.push(`job ${id} does not use environment ${PRODUCTION}`);
  if (concurrencyOf(job).group !== concurrencyOf(wf.jobs.up ?? {}).group) problems.push(`job ${id} is not in the up job's concurrency group`);
  const at = (ev: string, branch: string, cron?: string) =>
    known({
      "github.event_name": ev,
      "github.ref": `refs/heads/${branch}`,
      "github.ref_name": branch,
      "github.event.repository.default_branch": "main",
      ...(cron !== undefined ? { "github.event.schedule": cron } : {}),
    });
  for (const ev of new Set([...triggers(wf), "push", "workflow_dispatch"]))
    if (ev !== "schedule" && canRun(job, at(ev, "main"))) problems.push(`job ${id} can run on ${ev}`);
  const drift = wf.jobs.drift;
  const own = crons(wf).filter((c) => canRun(job, at("schedule", "main", c)));
  if (!own.length) problems.push(`job ${id} runs on no schedule`);
  for (const c of crons(wf)) {
    if (canRun(job, at("schedule", "feature", c))) problems.push(`job ${id} can run on schedule of a branch that is not the default one`);
    const mine = canRun(job, at("schedule", "main", c));
    const drifts = drift !== undefined && canRun(drift, at("schedule", "main", c));
    if (mine && drifts) problems.push(`jobs ${id} and drift both run on schedule ${c}`);
    if (!mine && !drifts) problems.push(`no job runs on schedule ${c}`);
  }
  return problems;
}

/** May two concurrency groups (with `${{ }}` parts) name the same group at run time? */
function groupsMayCollide(a: string, b: string): boolean {
  const prefix = (g: string) => (g.includes("${{") ? g.slice(0, g.indexOf("${{")) : undefined);
  const [pa, pb] = [prefix(a), prefix(b)];
  if (pa === undefined && pb === undefined) return a.toLowerCase() === b.toLowerCase();
  if (pa === undefined) return a.toLowerCase().startsWith(pb!.toLowerCase());
  if (pb === undefined) return b.toLowerCase().startsWith(pa.toLowerCase());
  return pa.toLowerCase().startsWith(pb.toLowerCase()) || pb.toLowerCase().startsWith(pa.toLowerCase());
}

const applies = (job: Obj) => steps(job).some((s) => /^up$|^update$|^destroy$|pulumi\s+(up|destroy)/.test(pulumiCommand(s)));

function checkConcurrency(wf: Workflow): string[] {
  const problems: string[] = [];
  if (wf.concurrency !== undefined) problems.push("a workflow-level concurrency group puts every job in one queue");
  const pulumiJobs = Object.keys(wf.jobs).filter((id) => runsPulumi(wf.jobs[id]));
  for (const id of pulumiJobs) if (!concurrencyOf(wf.jobs[id]).group) problems.push(`job ${id} has no concurrency group`);
  // Jobs that apply share one queue (a merge and a scheduled apply never run at once); no other
  // job may share a group with any.
  for (let x = 0; x < pulumiJobs.length; x++)
    for (let y = x + 1; y < pulumiJobs.length; y++) {
      const [a, b] = [concurrencyOf(wf.jobs[pulumiJobs[x]]).group, concurrencyOf(wf.jobs[pulumiJobs[y]]).group];
      const bothApply = applies(wf.jobs[pulumiJobs[x]]) && applies(wf.jobs[pulumiJobs[y]]);
      if (bothApply && a !== b) problems.push(`jobs ${pulumiJobs[x]} and ${pulumiJobs[y]} apply changes in different concurrency groups`);
      else if (!bothApply && a && b && groupsMayCollide(a, b)) problems.push(`jobs ${pulumiJobs[x]} and ${pulumiJobs[y]} may share concurrency group ${a}`);
    }
  for (const id of pulumiJobs) {
    const { group, cancel } = concurrencyOf(wf.jobs[id]);
    if (applies(wf.jobs[id]) && cancel !== undefined && cancel !== false && cancel !== "false") problems.push(`job ${id} applies changes and may be cancelled in progress`);
    if (pullRequestJobs(wf).includes(id)) {
      if (!isTrue(cancel)) problems.push(`pull-request job ${id} does not cancel a superseded preview`);
      if (!/github\.event\.pull_request\.number|github\.head_ref/.test(group ?? "")) problems.push(`pull-request job ${id} has no group per pull request`);
    }
  }
  return problems;
}

function checkRefresh(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries(wf.jobs))
    for (const s of steps(job)) {
      if (isPulumiAction(s) && ["preview", "up", "update"].includes(String(s.with?.command)) && !isTrue(s.with?.refresh))
        problems.push(`job ${id} runs pulumi ${s.with.command} without refresh`);
      for (const line of pulumiRuns(s)) if (!/\s(--refresh(=true)?|-r)(\s|$)/.test(line)) problems.push(`job ${id} runs \`${line.trim()}\` without --refresh`);
    }
  return problems;
}

function checkDrift(wf: Workflow, id = "drift"): string[] {
  const job = wf.jobs[id];
  if (!job) return [`no job ${id}`];
  const problems: string[] = [];
  const crons = (wf.on as Obj)?.schedule;
  if (!Array.isArray(crons) || !crons.some((c) => typeof c?.cron === "string")) problems.push("the workflow has no schedule");
  else if (!canRun(job, known({ "github.event_name": "schedule" }))) problems.push(`job ${id} does not run on the schedule`);
  const checks = steps(job).filter(
    (s) =>
      (isPulumiAction(s) && s.with?.command === "preview" && isTrue(s.with?.["expect-no-changes"])) ||
      pulumiRuns(s).some((l) => /pulumi\s+preview\b/.test(l) && /--expect-no-changes/.test(l)),
  );
  if (checks.length === 0) problems.push(`job ${id} runs no pulumi preview with expect-no-changes`);
  if (environmentName(job) !== undefined) problems.push(`job ${id} uses an environment: a drift check needs read access only`);
  for (const name of refs(reach(wf, id), "secrets")) if (!READ_ONLY_SECRETS.has(name)) problems.push(`job ${id} reaches write secret ${name}`);
  return problems;
}

function checkVersions(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries(wf.jobs))
    for (const s of steps(job)) {
      if (typeof s.uses !== "string") continue;
      const m = /^([^@]+)@v(\d+)(?:\.\d+)*$/.exec(s.uses);
      if (!m) {
        problems.push(`job ${id} uses ${s.uses}, whose major version cannot be told`);
        continue;
      }
      const major = Number(m[2]);
      if (/^actions\//.test(m[1]) && major <= 4) problems.push(`job ${id} uses ${s.uses}, past its end of life`);
      // Before v6, `refresh: true` ran a separate `pulumi refresh`, which writes the state.
      if (/^pulumi\/actions$/i.test(m[1]) && major < 6) problems.push(`job ${id} uses ${s.uses}, whose refresh writes the state`);
      if (/^actions\/setup-node$/.test(m[1])) {
        const v = Number(/^\d+/.exec(String(s.with?.["node-version"] ?? ""))?.[0]);
        if (!(v >= 22)) problems.push(`job ${id} sets up Node ${s.with?.["node-version"] ?? "(unset)"}, not a supported LTS (22 or later)`);
      }
    }
  return problems;
}

/** Inputs of the actions used, at the majors used (from each action's action.yml). */
const ACTION_INPUTS: Record<string, string[]> = {
  "actions/checkout@v7": [
    "repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user",
    "persist-credentials", "path", "clean", "filter", "sparse-checkout", "sparse-checkout-cone-mode",
    "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules", "set-safe-directory",
    "github-server-url", "allow-unsafe-pr-checkout",
  ],
  "actions/setup-node@v7": [
    "node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token",
    "cache", "package-manager-cache", "cache-dependency-path", "mirror", "mirror-token",
  ],
  "pulumi/actions@v7": [
    "command", "stack-name", "pulumi-version", "pulumi-version-file", "work-dir", "comment-on-pr",
    "comment-on-pr-number", "comment-on-summary", "github-token", "cloud-url", "secrets-provider", "parallel",
    "message", "config-map", "expect-no-changes", "diff", "replace", "exclude", "exclude-dependents",
    "target", "target-dependents", "policyPacks", "policyPackConfigs", "refresh", "upsert", "remove",
    "edit-pr-comment", "color", "exclude-protected", "plan", "suppress-outputs", "suppress-progress",
    "always-include-summary", "continue-on-error", "log-verbosity", "log-flow", "debug",
  ],
};

/** Every `with:` key is an input the action has: a misspelt or invented one is silently ignored. */
function checkInputs(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries(wf.jobs))
    for (const s of steps(job)) {
      if (typeof s.uses !== "string") continue;
      const inputs = ACTION_INPUTS[s.uses];
      if (!inputs) {
        problems.push(`job ${id} uses ${s.uses}, whose inputs this test does not know`);
        continue;
      }
      for (const key of Object.keys(s.with ?? {})) if (!inputs.includes(key)) problems.push(`job ${id}: ${s.uses} has no input ${key}`);
    }
  return problems;
}

function checkPermissions(wf: Workflow): string[] {
  const problems: string[] = [];
  if (!(wf.permissions && typeof wf.permissions === "object" && Object.keys(wf.permissions).length === 0))
    problems.push(`workflow-level permissions are ${JSON.stringify(wf.permissions)}, not {} (each job asks for its own)`);
  for (const [id, job] of Object.entries(wf.jobs)) {
    if (!job.permissions || typeof job.permissions !== "object") {
      problems.push(`job ${id} does not list its permissions`);
      continue;
    }
    for (const [scope, level] of Object.entries(job.permissions))
      if (level === "write" && !(scope === "pull-requests" && pullRequestJobs(wf).includes(id) && runsPulumi(job)))
        problems.push(`job ${id} has ${scope}: write`);
  }
  return problems;
}

/** The comment block at the top lists every secret and variable, under a heading naming its jobs. */
function checkDeclared(text: string, wf: Workflow): string[] {
  const problems: string[] = [];
  const block: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    block.push(line);
  }
  const jobIds = Object.keys(wf.jobs);
  const listed = new Map<string, Set<string>>(); // name -> jobs its heading names
  let heading: Set<string> | undefined;
  for (const line of block) {
    const h = /^# (\S.*):$/.exec(line);
    if (h) {
      heading = /all three jobs|every job/.test(h[1])
        ? new Set(jobIds)
        : new Set(jobIds.filter((j) => new RegExp(`\\b${j}\\b`).test(h[1])));
      continue;
    }
    const row = /^#\s{3}([A-Z][A-Z0-9_]+)\s{2,}/.exec(line);
    if (row) listed.set(row[1], heading ?? new Set());
  }
  const used = new Map<string, Set<string>>();
  for (const id of jobIds)
    for (const kind of ["secrets", "vars"] as const)
      for (const name of refs(reach(wf, id), kind)) used.set(name, (used.get(name) ?? new Set()).add(id));
  for (const [name, jobs] of used) {
    const l = listed.get(name);
    if (!l) problems.push(`${name} is used but not listed at the top`);
    else if ([...jobs].sort().join() !== [...l].sort().join())
      problems.push(`${name} is listed for ${[...l].sort().join(", ") || "no job"} but used by ${[...jobs].sort().join(", ")}`);
  }
  for (const name of listed.keys()) if (!used.has(name)) problems.push(`${name} is listed at the top but not used`);
  return problems;
}

function checkHygiene(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries(wf.jobs))
    for (const s of steps(job)) {
      // A `${{ }}` pasted into a script is a script-injection hole; values go through `env`.
      if (typeof s.run === "string" && s.run.includes("${{")) problems.push(`job ${id}: a run script interpolates \${{ }}`);
      if (typeof s.uses === "string" && /^actions\/checkout@/.test(s.uses) && runsPulumi(job) && s.with?.["persist-credentials"] !== false)
        problems.push(`job ${id} leaves the GitHub token in the checkout for the program to read`);
    }
  return problems;
}

/**
 * The up job stops a mass removal before it applies anything: a step runs `pulumi-lineworks diff`
 * with limits before pulumi up, on a checkout that has the previous commit (a push may carry
 * several commits, so only the whole history has it), with the approvals diff names, and reads
 * labels without being able to write them.
 */
/** Job `id`'s removal guard step and what is wrong with where it stands and its limits (any job that applies). */
function guardStep(wf: Workflow, id: string): { job: Obj; g?: Obj; problems: string[] } {
  const job = wf.jobs[id];
  if (!job) return { job, problems: [`no job ${id}`] };
  const all = steps(job);
  const guard = all.findIndex((s) => typeof s.run === "string" && /pulumi-lineworks diff\b/.test(s.run));
  const up = all.findIndex((s) => /^up$|^update$|pulumi\s+up/.test(pulumiCommand(s)));
  if (guard < 0) return { job, problems: [`job ${id} applies changes without the removal guard (pulumi-lineworks diff with limits)`] };
  const problems: string[] = [];
  const g = all[guard];
  if (!/--guard|--fail-on-(unit-|group-)?removals/.test(`${g.run} ${g.env?.LIMITS ?? ""}`)) problems.push(`job ${id} runs the removal guard with no limit`);
  if (up >= 0 && guard > up) problems.push(`job ${id} runs the removal guard after pulumi up`);
  return { job, g, problems };
}

function checkGuard(wf: Workflow, id = "up"): string[] {
  const { job, g, problems } = guardStep(wf, id);
  if (!g) return problems;
  const all = steps(job);
  const checkout = all.find((s) => /^actions\/checkout@/.test(String(s.uses)));
  if (checkout?.with?.["fetch-depth"] !== 0) problems.push(`job ${id} checks out without fetch-depth: 0, so the previous commit of a push of several commits is missing`);
  if (job.permissions?.["pull-requests"] !== "read") problems.push(`job ${id} cannot read the merged pull request's labels (pull-requests: read)`);
  if (g.env?.ALLOW_LABEL !== ALLOW_LABEL || g.env?.ALLOW_FILE !== ALLOW_FILE) problems.push(`job ${id}'s approvals are not the label ${ALLOW_LABEL} and the file ${ALLOW_FILE} that diff names`);
  return problems;
}

/**
 * The scheduled apply stops a mass removal too: before pulumi up, `pulumi-lineworks diff --dated
 * <map> --in-effect` with limits (the change in effect from the date against the spec before it),
 * approved only by the file diff names.
 */
function checkScheduledGuard(wf: Workflow, id = "scheduled-up"): string[] {
  const { job, g, problems } = guardStep(wf, id);
  if (!g) return problems;
  if (!/--dated\b.*--in-effect\b/.test(String(g.run))) problems.push(`job ${id}'s removal guard does not compare the change in effect (diff --dated MAP --in-effect)`);
  if (g.env?.ALLOW_FILE !== ALLOW_FILE) problems.push(`job ${id}'s approval is not the file ${ALLOW_FILE} that diff names`);
  if (!job.env?.DATED_FILE) problems.push(`job ${id} names no DATED_FILE for its removal guard`);
  return problems;
}

const CHECKS = {
  checkTriggers,
  checkPullRequestJobs,
  checkWriteSecretsPlace,
  checkUpJob: (wf: Workflow) => checkUpJob(wf),
  checkConcurrency,
  checkRefresh,
  checkDrift: (wf: Workflow) => checkDrift(wf),
  checkScheduledUp: (wf: Workflow) => checkScheduledUp(wf),
  checkVersions,
  checkInputs,
  checkPermissions,
  checkDeclared: (wf: Workflow) => checkDeclared(TEXT, wf),
  checkHygiene,
  checkGuard: (wf: Workflow) => checkGuard(wf),
  checkScheduledGuard: (wf: Workflow) => checkScheduledGuard(wf),
};

// ---------------------------------------------------------------------------------------------

describe("the GitHub Actions example", () => {
  test.each(Object.entries(CHECKS))("%s finds no problem", (_, check) => {
    expect(check(load())).toEqual([]);
  });

  test("every action is pinned to a commit SHA, with its tag in a comment", () => {
    const uses = [...TEXT.matchAll(/^\s*(?:-\s+)?uses:.*$/gm)].map(([line]) => line.trim());
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((line) => !new RegExp(PIN.source).test(line))).toEqual([]);
  });

  test("jobs are where the checks look for them", () => {
    const wf = load();
    expect(pullRequestJobs(wf)).toEqual(["preview"]);
    expect(runsPulumi(wf.jobs.preview) && runsPulumi(wf.jobs.up) && runsPulumi(wf.jobs.drift) && runsPulumi(wf.jobs["scheduled-up"])).toBe(true);
    // Read-only jobs ask LINE WORKS for the read scope only.
    for (const id of ["preview", "drift"]) expect(wf.jobs[id].env.LINEWORKS_SCOPE).toBe("directory.read");
    // A copied workflow creates its stack; its name comes from a variable, with a default.
    for (const id of ["preview", "up", "drift", "scheduled-up"]) {
      const s = steps(wf.jobs[id]).find(isPulumiAction)!;
      expect(isTrue(s.with.upsert)).toBe(true);
      expect(s.with["stack-name"]).toBe("${{ env.STACK_NAME }}");
      expect(s.with["work-dir"]).toBe("${{ env.PROGRAM_DIR }}");
    }
    expect(wf.env!.STACK_NAME).toBe("${{ vars.PULUMI_STACK_NAME || 'production' }}");
    expect(steps(wf.jobs.preview).find(isPulumiAction)!.with["comment-on-pr"]).toBe(true);
  });

  // Each mutation breaks one rule; the checker for that rule must name it.
  const mutations: [string, keyof typeof CHECKS, (wf: Workflow) => void, RegExp][] = [
    ["a write secret moved to workflow-level env", "checkPullRequestJobs",
      (wf) => (wf.env!.LINEWORKS_PRIVATE_KEY = "${{ secrets.LINEWORKS_PRIVATE_KEY }}"),
      /preview can run on a pull request and reaches write secret LINEWORKS_PRIVATE_KEY/],
    ["a write secret moved to workflow-level env", "checkWriteSecretsPlace",
      (wf) => (wf.env!.LINEWORKS_PRIVATE_KEY = "${{ secrets.LINEWORKS_PRIVATE_KEY }}"),
      /LINEWORKS_PRIVATE_KEY is set for the whole workflow/],
    ["the preview given the write key", "checkPullRequestJobs",
      (wf) => (steps(wf.jobs.preview).find(isPulumiAction)!.env.LINEWORKS_PRIVATE_KEY = "${{ secrets.LINEWORKS_PRIVATE_KEY }}"),
      /reaches write secret LINEWORKS_PRIVATE_KEY/],
    ["the preview given the production environment", "checkPullRequestJobs",
      (wf) => (wf.jobs.preview.environment = PRODUCTION),
      /preview can run on a pull request and uses environment lineworks-production/],
    ["the preview given every secret", "checkPullRequestJobs",
      (wf) => (wf.jobs.preview.env.ALL = "${{ toJSON(secrets) }}"),
      /reaches every secret through toJSON\(secrets\)/],
    ["the up job also on pull requests", "checkPullRequestJobs",
      (wf) => (wf.jobs.up.if = "github.event_name == 'push' || github.event_name == 'pull_request'"),
      /job up can run on a pull request and reaches write secret/],
    ["the up job without its if", "checkPullRequestJobs", (wf) => delete wf.jobs.up.if, /job up can run on a pull request/],
    ["the up job on any branch's push", "checkUpJob",
      (wf) => (wf.jobs.up.if = "github.event_name == 'push'"),
      /can run on push of a branch that is not the default one/],
    ["the up job also on manual runs", "checkUpJob",
      (wf) => (wf.jobs.up.if = "(github.event_name == 'push' || github.event_name == 'workflow_dispatch') && github.ref_name == 'main'"),
      /can run on workflow_dispatch/],
    ["the up job without the environment", "checkUpJob",
      (wf) => delete wf.jobs.up.environment,
      /does not use environment lineworks-production/],
    ["the up job's secrets outside the environment", "checkWriteSecretsPlace",
      (wf) => delete wf.jobs.up.environment,
      /job up reaches write secret LINEWORKS_CLIENT_ID outside environment/],
    ["pull_request_target added", "checkTriggers", (wf) => ((wf.on as Obj).pull_request_target = null), /trigger pull_request_target/],
    ["one group for preview and up", "checkConcurrency",
      (wf) => (wf.jobs.up.concurrency.group = wf.jobs.preview.concurrency.group),
      /jobs preview and up may share concurrency group/],
    ["a group that may expand to another's", "checkConcurrency",
      (wf) => (wf.jobs.preview.concurrency.group = "lineworks-${{ github.event_name }}"),
      /may share concurrency group/],
    ["a workflow-level group", "checkConcurrency", (wf) => (wf.concurrency = "lineworks"), /workflow-level concurrency/],
    ["up cancelled in progress", "checkConcurrency",
      (wf) => (wf.jobs.up.concurrency["cancel-in-progress"] = true),
      /job up applies changes and may be cancelled/],
    ["previews no longer cancelled", "checkConcurrency",
      (wf) => (wf.jobs.preview.concurrency["cancel-in-progress"] = false),
      /does not cancel a superseded preview/],
    ["one preview group for every pull request", "checkConcurrency",
      (wf) => (wf.jobs.preview.concurrency.group = "lineworks-preview"),
      /no group per pull request/],
    ["refresh off in the up job", "checkRefresh",
      (wf) => (steps(wf.jobs.up).find(isPulumiAction)!.with.refresh = false),
      /job up runs pulumi up without refresh/],
    ["a pulumi command line without --refresh", "checkRefresh",
      (wf) => steps(wf.jobs.drift).push({ run: "npx pulumi preview --expect-no-changes" }),
      /without --refresh/],
    ["drift without expect-no-changes", "checkDrift",
      (wf) => delete steps(wf.jobs.drift).find(isPulumiAction)!.with["expect-no-changes"],
      /runs no pulumi preview with expect-no-changes/],
    ["drift without a schedule", "checkDrift", (wf) => delete (wf.on as Obj).schedule, /no schedule/],
    ["drift given the write key", "checkDrift",
      (wf) => (wf.jobs.drift.env.LINEWORKS_PRIVATE_KEY = "${{ secrets.LINEWORKS_PRIVATE_KEY }}"),
      /job drift reaches write secret LINEWORKS_PRIVATE_KEY/],
    ["Node 20", "checkVersions",
      (wf) => (steps(wf.jobs.up).find((s) => /setup-node/.test(s.uses))!.with["node-version"] = 20),
      /sets up Node 20/],
    ["checkout@v4", "checkVersions",
      (wf) => (steps(wf.jobs.preview)[0].uses = "actions/checkout@v4"),
      /actions\/checkout@v4, past its end of life/],
    ["pulumi/actions@v5", "checkVersions",
      (wf) => (steps(wf.jobs.drift).find(isPulumiAction)!.uses = "pulumi/actions@v5"),
      /whose refresh writes the state/],
    ["an invented input", "checkInputs",
      (wf) => (steps(wf.jobs.drift).find(isPulumiAction)!.with["fail-on-drift"] = true),
      /pulumi\/actions@v7 has no input fail-on-drift/],
    ["write permissions for everyone", "checkPermissions", (wf) => (wf.permissions = "write-all"), /workflow-level permissions/],
    ["the up job may write contents", "checkPermissions",
      (wf) => (wf.jobs.up.permissions.contents = "write"),
      /job up has contents: write/],
    ["a variable nobody listed", "checkDeclared",
      (wf) => (wf.jobs.up.env.EXTRA = "${{ vars.LINEWORKS_EXTRA }}"),
      /LINEWORKS_EXTRA is used but not listed/],
    ["a listed secret used by another job", "checkDeclared",
      (wf) => (wf.jobs.preview.env.X = "${{ secrets.PULUMI_ACCESS_TOKEN }}"),
      /PULUMI_ACCESS_TOKEN is listed for scheduled-up, up but used by preview, scheduled-up, up/],
    ["a listed secret no longer used", "checkDeclared", (wf) => {
      for (const id of ["preview", "drift"]) {
        const job = wf.jobs[id];
        job.steps = steps(job).filter((s) => s.name !== "Check settings");
        delete steps(job).find(isPulumiAction)!.env.PULUMI_ACCESS_TOKEN;
      }
    }, /PULUMI_READ_ACCESS_TOKEN is listed at the top but not used/],
    ["a script interpolating an expression", "checkHygiene",
      (wf) => steps(wf.jobs.preview).push({ run: "echo ${{ github.head_ref }}" }),
      /interpolates/],
    ["the scheduled up in a queue of its own", "checkConcurrency",
      (wf) => (wf.jobs["scheduled-up"].concurrency.group = "lineworks-scheduled"),
      /jobs up and scheduled-up apply changes in different concurrency groups/],
    ["the scheduled up cancelled in progress", "checkConcurrency",
      (wf) => (wf.jobs["scheduled-up"].concurrency["cancel-in-progress"] = true),
      /job scheduled-up applies changes and may be cancelled/],
    ["the scheduled up without the environment", "checkScheduledUp",
      (wf) => delete wf.jobs["scheduled-up"].environment,
      /job scheduled-up does not use environment lineworks-production/],
    ["the scheduled up's secrets outside the environment", "checkWriteSecretsPlace",
      (wf) => delete wf.jobs["scheduled-up"].environment,
      /job scheduled-up reaches write secret LINEWORKS_CLIENT_ID outside environment/],
    ["the scheduled up on any branch", "checkScheduledUp",
      (wf) => (wf.jobs["scheduled-up"].if = "github.event_name == 'schedule' && github.event.schedule != '17 21 * * *'"),
      /can run on schedule of a branch that is not the default one/],
    ["the scheduled up also on manual runs", "checkScheduledUp",
      (wf) => (wf.jobs["scheduled-up"].if = `(${wf.jobs["scheduled-up"].if}) || github.event_name == 'workflow_dispatch'`),
      /job scheduled-up can run on workflow_dispatch/],
    ["the scheduled up also on pull requests", "checkPullRequestJobs",
      (wf) => (wf.jobs["scheduled-up"].if = `(${wf.jobs["scheduled-up"].if}) || github.event_name == 'pull_request'`),
      /job scheduled-up can run on a pull request and reaches write secret/],
    ["the scheduled up on the drift check's schedule too", "checkScheduledUp",
      (wf) => (wf.jobs["scheduled-up"].if = "github.event_name == 'schedule' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"),
      /jobs scheduled-up and drift both run on schedule 17 21 \* \* \*/],
    ["the drift check on the reorganisation dates too", "checkScheduledUp",
      (wf) => (wf.jobs.drift.if = "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"),
      /jobs scheduled-up and drift both run on schedule 5 15 31 3 \*/],
    ["the scheduled up without a date", "checkScheduledUp",
      (wf) => ((wf.on as Obj).schedule = (wf.on as Obj).schedule.slice(0, 1)),
      /job scheduled-up runs on no schedule/],
    ["the scheduled up that only previews", "checkScheduledUp",
      (wf) => (steps(wf.jobs["scheduled-up"]).find(isPulumiAction)!.with.command = "preview"),
      /job scheduled-up does not run pulumi up/],
    ["the up job without the removal guard", "checkGuard",
      (wf) => (wf.jobs.up.steps = steps(wf.jobs.up).filter((s) => !/pulumi-lineworks diff/.test(String(s.run)))),
      /job up applies changes without the removal guard/],
    ["the guard after pulumi up", "checkGuard", (wf) => {
      const all = steps(wf.jobs.up);
      const at = all.findIndex((s) => /pulumi-lineworks diff/.test(String(s.run)));
      all.push(...all.splice(at, 1));
    }, /runs the removal guard after pulumi up/],
    ["the guard without limits", "checkGuard",
      (wf) => (steps(wf.jobs.up).find((s) => /pulumi-lineworks diff/.test(String(s.run)))!.env.LIMITS = ""),
      /removal guard with no limit/],
    ["a shallow checkout in the up job", "checkGuard",
      (wf) => (steps(wf.jobs.up)[0].with["fetch-depth"] = 1),
      /without fetch-depth: 0/],
    ["the up job unable to read labels", "checkGuard",
      (wf) => delete wf.jobs.up.permissions["pull-requests"],
      /cannot read the merged pull request's labels/],
    ["another approval label", "checkGuard",
      (wf) => (steps(wf.jobs.up).find((s) => /pulumi-lineworks diff/.test(String(s.run)))!.env.ALLOW_LABEL = "ok-to-remove"),
      /approvals are not the label lineworks-allow-removals/],
    ["the scheduled up without the removal guard", "checkScheduledGuard",
      (wf) => (wf.jobs["scheduled-up"].steps = steps(wf.jobs["scheduled-up"]).filter((s) => !/pulumi-lineworks diff/.test(String(s.run)))),
      /job scheduled-up applies changes without the removal guard/],
    ["the scheduled guard on the coming change, not the one in effect", "checkScheduledGuard", (wf) => {
      const g = steps(wf.jobs["scheduled-up"]).find((s) => /pulumi-lineworks diff/.test(String(s.run)))!;
      g.run = String(g.run).replace(" --in-effect", "");
    }, /does not compare the change in effect/],
    ["the scheduled guard after pulumi up", "checkScheduledGuard", (wf) => {
      const all = steps(wf.jobs["scheduled-up"]);
      const at = all.findIndex((s) => /pulumi-lineworks diff/.test(String(s.run)));
      all.push(...all.splice(at, 1));
    }, /job scheduled-up runs the removal guard after pulumi up/],
    ["the up job may write labels", "checkPermissions",
      (wf) => (wf.jobs.up.permissions["pull-requests"] = "write"),
      /job up has pull-requests: write/],
    ["a checkout that keeps the token", "checkHygiene",
      (wf) => delete steps(wf.jobs.up)[0].with["persist-credentials"],
      /leaves the GitHub token/],
  ];

  test.each(mutations)("%s is caught by %s", (_, check, mutate, problem) => {
    const wf = structuredClone(load());
    expect(CHECKS[check](wf)).toEqual([]);
    mutate(wf);
    expect(CHECKS[check](wf).join("\n")).toMatch(problem);
  });

  test("the expression evaluator reads conditions as GitHub does", () => {
    const ctx = known({ "github.event_name": "push", "github.ref": "refs/heads/main", "github.event.repository.default_branch": "Main" });
    expect(evaluate("github.event_name == 'PUSH'", ctx)).toBe(true); // string comparison ignores case
    expect(evaluate("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)", ctx)).toBe(true);
    expect(evaluate("github.event_name == 'push' && github.head_ref == 'x'", ctx)).toBe(UNKNOWN);
    expect(evaluate("github.event_name == 'schedule' && github.head_ref == 'x'", ctx)).toBe(false);
    expect(evaluate("github.event_name == 'schedule' || github.head_ref == 'x'", ctx)).toBe(UNKNOWN);
    expect(evaluate("!(github.event_name != 'push')", ctx)).toBe(true);
    expect(evaluate("vars.A || 'production'", known({ "vars.a": "" }))).toBe("production");
    expect(evaluate("secrets.A != ''", known({ "secrets.a": "x" }))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The shell steps, run as GitHub would run them: env computed from the secrets and variables
// given, `bash -eo pipefail`, in a scratch copy of the program folder.

describe("the example's shell steps", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-workflow-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * Runs the step named `name` of `jobId` with these secrets and variables set (others unset),
   * `github` context values, and `env` as the runner's own variables (GITHUB_SHA, RUNNER_TEMP);
   * `npx pulumi-lineworks` is the built CLI.
   */
  function runStep(
    jobId: string,
    name: string,
    given: { secrets?: Record<string, string>; vars?: Record<string, string>; github?: Record<string, string>; env?: Record<string, string> },
    extraPath?: string,
  ) {
    const wf = load();
    const job = wf.jobs[jobId];
    const step = steps(job).find((s) => s.name === name);
    if (!step) throw new Error(`no step ${name} in ${jobId}`);
    const values: Record<string, Val> = {};
    for (const [k, v] of Object.entries(given.secrets ?? {})) values[`secrets.${k.toLowerCase()}`] = v;
    for (const [k, v] of Object.entries(given.vars ?? {})) values[`vars.${k.toLowerCase()}`] = v;
    for (const [k, v] of Object.entries(given.github ?? {})) values[`github.${k.toLowerCase()}`] = v;
    const lookup: Lookup = (p) => (p in values ? values[p] : /^(secrets|vars|env)\./.test(p) ? "" : UNKNOWN);
    const env: Record<string, string> = {};
    for (const level of [wf.env, job.env, step.env])
      for (const [k, v] of Object.entries(level ?? {})) {
        env[k] = interpolate(String(v), lookup);
        values[`env.${k.toLowerCase()}`] = env[k];
      }
    const cwd = path.join(dir, interpolate(String(step["working-directory"] ?? "."), lookup));
    const script = String(step.run).replaceAll("npx pulumi-lineworks", `node ${JSON.stringify(BIN)}`);
    return spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd,
      env: { PATH: extraPath ? `${extraPath}:${process.env.PATH}` : process.env.PATH, HOME: dir, ...given.env, ...env },
      encoding: "utf8",
    });
  }

  const READ = { LINEWORKS_READ_CLIENT_ID: "id", LINEWORKS_READ_CLIENT_SECRET: "s", LINEWORKS_READ_SERVICE_ACCOUNT: "sa", LINEWORKS_READ_PRIVATE_KEY: "k" };
  const WRITE = { LINEWORKS_CLIENT_ID: "id", LINEWORKS_CLIENT_SECRET: "s", LINEWORKS_SERVICE_ACCOUNT: "sa", LINEWORKS_PRIVATE_KEY: "k" };

  test("every job runs the same install and check scripts", () => {
    const wf = load();
    for (const name of ["Install dependencies", "Check settings"]) {
      const scripts = new Set(Object.values(wf.jobs).map((job) => steps(job).find((s) => s.name === name)?.run));
      expect([...scripts]).toHaveLength(1);
      expect([...scripts][0]).toEqual(expect.any(String));
    }
  });

  test("install: npm ci with a lock file, else npm install and a warning to commit one", () => {
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "npm $*" >> "${dir}/npm.log"\n`, { mode: 0o755 });
    const log = () => fs.readFileSync(path.join(dir, "npm.log"), "utf8");

    const without = runStep("preview", "Install dependencies", {}, bin);
    expect(without.status).toBe(0);
    expect(log()).toMatch(/^npm install\b/);
    expect(without.stdout).toMatch(/^::warning::No package-lock\.json .*commit package-lock\.json/m);

    fs.rmSync(path.join(dir, "npm.log"));
    fs.writeFileSync(path.join(dir, "package-lock.json"), "{}");
    const withLock = runStep("up", "Install dependencies", {}, bin);
    expect(withLock.status).toBe(0);
    expect(log()).toBe("npm ci\n");
    expect(withLock.stdout).not.toMatch(/::warning::/);
  });

  test("check: passes with the job's own secrets, for either backend", () => {
    expect(runStep("preview", "Check settings", { secrets: { ...READ, PULUMI_READ_ACCESS_TOKEN: "t" } }).status).toBe(0);
    expect(runStep("drift", "Check settings", { secrets: { ...READ, PULUMI_CONFIG_PASSPHRASE: "p" }, vars: { PULUMI_BACKEND_URL: "s3://bucket" } }).status).toBe(0);
    expect(runStep("up", "Check settings", { secrets: { ...WRITE, PULUMI_ACCESS_TOKEN: "t" } }).status).toBe(0);
    expect(runStep("scheduled-up", "Check settings", { secrets: { ...WRITE, PULUMI_ACCESS_TOKEN: "t" } }).status).toBe(0);
  });

  test("check: names each missing secret, by its GitHub name", () => {
    // The write app's secrets do not stand in for the read-only ones.
    const preview = runStep("preview", "Check settings", { secrets: { ...WRITE, PULUMI_ACCESS_TOKEN: "t" } });
    expect(preview.status).toBe(1);
    expect(preview.stdout).toContain(
      "::error::Not set for this job: LINEWORKS_READ_CLIENT_ID LINEWORKS_READ_CLIENT_SECRET LINEWORKS_READ_SERVICE_ACCOUNT LINEWORKS_READ_PRIVATE_KEY PULUMI_READ_ACCESS_TOKEN.",
    );
    // A self-managed backend needs the passphrase (an empty one would be taken as the passphrase).
    const diy = runStep("up", "Check settings", { secrets: WRITE, vars: { PULUMI_BACKEND_URL: "gs://bucket" } });
    expect(diy.status).toBe(1);
    expect(diy.stdout).toContain("::error::Not set for this job: PULUMI_CONFIG_PASSPHRASE.");
  });

  test("check: refuses credentials in the stack config, which every job would use", () => {
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config:\n  lineworks:domainId: \"10000001\"\n  lineworks:privateKey:\n    secure: v1:abc\n");
    const given = { secrets: { ...READ, PULUMI_READ_ACCESS_TOKEN: "t" }, vars: { PULUMI_STACK_NAME: "acme/prod" } };
    const refused = runStep("preview", "Check settings", given);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/^::error file=\.\/Pulumi\.prod\.yaml::Pulumi\.prod\.yaml sets LINE WORKS credentials or scope/m);
    // The domain and other settings may stay there.
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config:\n  lineworks:domainId: \"10000001\"\n  lineworks:requestsPerMinute: \"60\"\n");
    expect(runStep("preview", "Check settings", given).status).toBe(0);
  });

  describe("the removal guard before pulumi up, in a git repository with the built CLI", () => {
    const STEP = "Stop a mass removal unless approved";
    const git = (...args: string[]) => {
      const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir, encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout.trim();
    };
    const spec = (members: number) => fs.writeFileSync(path.join(dir, "org.yaml"), stringify(company(members)));

    /** A repository whose previous commit has `before` members and whose pushed one `after`; its SHAs. */
    function push(before: number, after: number | undefined, approve = false) {
      git("init", "-q");
      spec(before);
      git("add", "org.yaml");
      git("commit", "-qm", "before");
      const base = git("rev-parse", "HEAD");
      if (after === undefined) git("rm", "-q", "org.yaml");
      else spec(after);
      if (approve) {
        fs.mkdirSync(path.join(dir, ".lineworks"));
        fs.writeFileSync(path.join(dir, ALLOW_FILE), "HR approved the spring retirements\n");
      }
      git("add", "-A");
      git("commit", "-qm", "merge");
      return { base, sha: git("rev-parse", "HEAD") };
    }

    /** Runs the step with a fake `gh` that answers the commit's pull requests from `pulls`, as `--jq` would. */
    function guard(shas: { base: string; sha: string }, pulls: Obj[] = []) {
      const bin = path.join(dir, ".bin");
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, "pulls.json"), JSON.stringify(pulls));
      fs.writeFileSync(
        path.join(bin, "gh"),
        `#!/bin/bash\necho "gh $*" >> "${bin}/gh.log"\n[ "$1 $2 $3" = "api repos/acme/org/commits/${shas.sha}/pulls --jq" ] || exit 1\nexec jq -r "$4" "${bin}/pulls.json"\n`,
        { mode: 0o755 },
      );
      const temp = path.join(dir, ".runner");
      fs.mkdirSync(temp);
      const r = runStep("up", STEP, {
        github: { "event.before": shas.base, token: "gh-token" },
        env: { GITHUB_REPOSITORY: "acme/org", GITHUB_SHA: shas.sha, RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: path.join(temp, "summary.md") },
      }, bin);
      const ghCalls = fs.existsSync(path.join(bin, "gh.log")) ? fs.readFileSync(path.join(bin, "gh.log"), "utf8").trim().split("\n") : [];
      const stepSummary = fs.existsSync(path.join(temp, "summary.md")) ? fs.readFileSync(path.join(temp, "summary.md"), "utf8") : "";
      return { ...r, ghCalls, stepSummary };
    }

    test("under the limit: passes without asking GitHub for labels", () => {
      const r = guard(push(30, 20));
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      expect(r.ghCalls).toEqual([]);
    });

    test("over the limit: stops with exit 3, the sentence as an error, and the summary on the run's page", () => {
      // A label on a pull request not merged by this push approves nothing.
      const r = guard(push(30, 18), [{ merged_at: null, labels: [{ name: ALLOW_LABEL }] }]);
      expect(r.status).toBe(3);
      expect(r.stdout).toContain(
        `::error::12 members would leave (more than the 10 allowed: the larger of 10 and 5% of 30). To allow it, add the label \`${ALLOW_LABEL}\` to the pull request, or add the file \`${ALLOW_FILE}\` in this change, or raise --fail-on-removals.`,
      );
      expect(r.stdout).toMatch(/^::error::Nothing was applied\. To apply this change: add the label lineworks-allow-removals to the merged pull request and re-run this job, /m);
      expect(r.stepSummary).toContain("社員");
      expect(r.ghCalls).toHaveLength(1);
    });

    test("over the limit with the approval file added by the push: passes", () => {
      const r = guard(push(30, 18, true));
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`This push adds ${ALLOW_FILE}: the removals are approved.`);
    });

    test("over the limit with the label on the merged pull request: passes", () => {
      const r = guard(push(30, 18), [{ merged_at: "2026-12-07T09:00:00Z", labels: [{ name: "hr" }, { name: ALLOW_LABEL }] }]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`The merged pull request has the label ${ALLOW_LABEL}: the removals are approved.`);
    });

    test("the spec deleted: everyone would leave, so it stops; a new spec and a first push pass", () => {
      const deleted = guard(push(30, undefined));
      expect(deleted.status).toBe(3);
      expect(deleted.stdout).toContain("::error::30 members would leave");
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir);
      const shas = push(30, 31);
      git("rm", "-q", "org.yaml");
      git("commit", "-qm", "no spec yet");
      const empty = git("rev-parse", "HEAD");
      git("checkout", "-q", shas.sha);
      expect(guard({ base: empty, sha: shas.sha }).stdout).toContain("org.yaml is new in this push");
      fs.rmSync(path.join(dir, ".bin"), { recursive: true });
      fs.rmSync(path.join(dir, ".runner"), { recursive: true });
      expect(guard({ base: "0".repeat(40), sha: shas.sha }).status).toBe(0);
    });
  });

  describe("the scheduled apply's removal guard: the change in effect from the date, with the built CLI", () => {
    const STEP = "Stop a mass removal unless approved";
    /** A dated map: 30 members until 2027-04-01, then `after`; the approval file's text, if any. */
    function dated(after: number, approval?: string) {
      fs.writeFileSync(path.join(dir, "org.yaml"), stringify(company(30)));
      fs.writeFileSync(path.join(dir, "org-2027-04.yaml"), stringify(company(after)));
      fs.writeFileSync(path.join(dir, "org.dates.yaml"), '"2026-10-01": org.yaml\n"2027-04-01": org-2027-04.yaml\n');
      if (approval !== undefined) {
        fs.mkdirSync(path.join(dir, ".lineworks"), { recursive: true });
        fs.writeFileSync(path.join(dir, ALLOW_FILE), approval);
      }
    }
    function guard(asOf: string) {
      const temp = path.join(dir, ".runner");
      fs.mkdirSync(temp, { recursive: true });
      const r = runStep("scheduled-up", STEP, { env: { RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: path.join(temp, "summary.md"), LINEWORKS_AS_OF: asOf } });
      const stepSummary = fs.existsSync(path.join(temp, "summary.md")) ? fs.readFileSync(path.join(temp, "summary.md"), "utf8") : "";
      return { ...r, stepSummary };
    }

    test("on the date, over the limit: stops with exit 3, says so without pull-request advice, and how to approve", () => {
      dated(18);
      const r = guard("2027-04-01T00:05");
      expect(r.status).toBe(3);
      expect(r.stdout).toContain("::error::12 members would leave (more than the 10 allowed: the larger of 10 and 5% of 30).\n");
      expect(r.stdout).not.toMatch(/::error::The change in effect since|pull request/);
      expect(r.stdout).toContain(`::error::Nothing was applied. To apply the change in effect since 2027-04-01: add a line naming 2027-04-01 to ${ALLOW_FILE} on the default branch`);
      expect(r.stepSummary).toContain("社員");
    });

    test("on the date, over the limit, with the date in the approval file: passes", () => {
      dated(18, "2027-04-01 approved by HR (the spring retirements)\n");
      const r = guard("2027-04-01T00:05");
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`${ALLOW_FILE} names 2027-04-01: the removals of the change in effect since then are approved.`);
    });

    test("an approval for another change approves nothing; under the limit passes; no dated map is an error", () => {
      dated(18, "HR approved the spring retirements\n2026-10-01\n");
      expect(guard("2027-04-01T00:05").status).toBe(3);
      dated(25);
      expect(guard("2027-04-01T00:05").status).toBe(0);
      fs.rmSync(path.join(dir, "org.dates.yaml"));
      const none = guard("2027-04-01T00:05");
      expect(none.status).toBe(1);
      expect(none.stdout).toContain("::error::org.dates.yaml (DATED_FILE) is not in");
    });
  });
});
