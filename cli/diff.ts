// `npx pulumi-lineworks diff <base> <head>`: what a change to a spec does, in people's words, for
// a pull request's reviewer: a Markdown summary (counts, units, members, titles, groups, an org
// chart) that fits one PR comment, or the change model as JSON. The base is a file, the head
// file at a git ref (--base-ref), or the tenant itself (--live, read through export).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { clientFor } from "../provider/client";
import { asOfFrom, chooseSpec, datedEntries, nextSpec, readDatedFile, type Chosen, type DatedSpecs } from "../provider/dated";
import { exportSpec } from "../provider/export";
import { compareSpecs } from "../provider/review/changes";
import { DEFAULT_REMOVAL_LIMITS, GUARDS, overLimits, parseLimit, type Guarded, type RemovalLimit } from "../provider/review/guard";
import { renderSummary } from "../provider/review/summary";
import { loadSpecFile, parseSpec, SpecError, type ParsedSpec } from "../provider/spec";
import { defineVerb, parseOptions, type Io, type ValuesOf, type Verb } from "./flags";
import { readerAtRef, showAtRef } from "./git";
import { failed } from "./failure";
import { CREDENTIALS_NOTE, openTenant, TENANT_FLAGS, type Tenant } from "./tenant";

const FLAGS = [
  { name: "base-ref", type: "string", value: "REF", description: "read the base from git: the head file and the files it includes as they stand at REF (origin/main, a commit); then give only <head>" },
  { name: "dated", type: "string", value: "MAP", description: "the coming change of a dated map (org.dates.yaml): the spec in effect now (or at LINEWORKS_AS_OF) against the next dated one; then give no file" },
  { name: "in-effect", type: "boolean", description: "with --dated: the change now in effect instead of the coming one: the spec before it against the one in effect now (or at LINEWORKS_AS_OF); what a scheduled `pulumi up` on the date applies" },
  { name: "live", type: "boolean", description: "read the base from the tenant (through export, read only); then give only <head>" },
  { name: "out", type: "string", value: "FILE", description: "where to write (default stdout)" },
  { name: "format", type: "string", value: "F", description: "markdown (default): the summary for a PR comment; json: the change model" },
  { name: "domain", type: "string", value: "ID", description: "the domain: of a spec that gives none, and the one --live reads (default LINEWORKS_DOMAIN_ID)" },
  { name: "fail-on-removals", type: "string", value: "N", description: "exit 3 when more than N members would leave; N may be a share of the base's members (5%) or \"default\"" },
  { name: "fail-on-unit-removals", type: "string", value: "N", description: "exit 3 when more than N units would be removed (a count, a share such as 5%, or \"default\")" },
  { name: "fail-on-group-removals", type: "string", value: "N", description: "exit 3 when more than N groups would be removed (a count, a share such as 5%, or \"default\")" },
  { name: "guard", type: "boolean", description: "the default limits for each of the three not given: 10 members or 5% of them (the larger), 5 units or 5%, 5 groups or 5%" },
  ...TENANT_FLAGS,
] as const;

type Values = ValuesOf<typeof FLAGS>;

/** A spec a diff needs no domain for: one is implied when neither the file nor --domain gives it. */
const IMPLIED_DOMAIN = 1;

/** The verb with its operands (the spec files) bound: defineVerb parses flags only. */
const withOperands = (operands: string[]) =>
  defineVerb({
    name: "diff",
    summary: "summarise what a spec change does, in names (units, members, titles, groups), for a pull request",
    synopsis: "<base> <head> | --base-ref REF <head> | --live <head> | --dated MAP [--in-effect] [--format markdown|json] [--out FILE]",
    about: `Compares two Directory spec files and writes what changes, in the names the spec uses (units by
path, members by name and email with unit and title; never IDs, private addresses or phone
numbers): counts first, units added, removed, renamed and moved, members joining, leaving and
changing unit, title, level, user type or leader role, positions, levels and types, group
membership, and a Mermaid org chart of the branches that change. The Markdown fits one pull
request comment (at most 60,000 characters): what does not fit is counted, never cut.
Nothing is written to LINE WORKS; only --live reads it. With a --fail-on-* limit (or --guard), a
change over it still writes its summary, then says so and exits 3.`,
    flags: FLAGS,
    notes: `${CREDENTIALS_NOTE}\nCredentials are needed with --live only (the directory.read scope).`,
    run: (values, io) => runDiff(operands, values, io),
  });

const shape = withOperands([]);

export const diffVerb: Verb = {
  name: shape.name,
  summary: shape.summary,
  synopsis: shape.synopsis,
  flags: shape.flags,
  /** Operands are taken out here (flags.ts' verbs take none), the flags parsed as every verb's. */
  main(argv, io) {
    const { tokens } = parseArgs({ args: argv, options: parseOptions(shape.flags), allowPositionals: true, strict: false, tokens: true });
    const at = new Set(tokens.filter((t) => t.kind === "positional").map((t) => t.index));
    const afterDashes = tokens.find((t) => t.kind === "option-terminator");
    const operands = argv.filter((_, i) => at.has(i));
    const rest = argv.filter((_, i) => !at.has(i) && i !== afterDashes?.index);
    return withOperands(operands).main(rest, io);
  },
};

async function runDiff(operands: string[], values: Values, io: Io): Promise<number> {
  const format = values.format ?? "markdown";
  if (format !== "markdown" && format !== "json") {
    io.err(`--format must be markdown or json, not ${format}`);
    return 2;
  }
  if (values["base-ref"] !== undefined && values.live) {
    io.err("--base-ref and --live each name the base: give one of them");
    return 2;
  }
  if (values.dated !== undefined && (values["base-ref"] !== undefined || values.live || operands.length)) {
    io.err("--dated names both specs: give no file, --base-ref or --live with it");
    return 2;
  }
  if (values["in-effect"] && values.dated === undefined) {
    io.err("--in-effect goes with --dated MAP: it compares the dated spec in effect now with the one before it");
    return 2;
  }
  const oneOperand = values["base-ref"] !== undefined || values.live;
  if (values.dated === undefined && operands.length !== (oneOperand ? 1 : 2)) {
    io.err(oneOperand ? `Give the head spec file only: ${diffVerb.synopsis}` : `Give the base and the head spec files: ${diffVerb.synopsis}`);
    return 2;
  }
  const limits = removalLimits(values);
  if (typeof limits === "string") {
    io.err(limits);
    return 2;
  }
  const domain = values.domain ?? io.env.LINEWORKS_DOMAIN_ID;
  const domainId = domain !== undefined && /^\d+$/.test(domain) ? Number(domain) : undefined;
  let headFile = operands[operands.length - 1];
  let tenant: Tenant | undefined;
  try {
    const load = (file: string) => loadSpecFile(file, { cwd: io.cwd, domainId: domainId ?? IMPLIED_DOMAIN });
    let head: ParsedSpec;
    let base: ParsedSpec;
    let baseName: string;
    if (values.dated !== undefined) {
      const coming = values["in-effect"] ? changeInEffect(values.dated, io) : comingChange(values.dated, io);
      if (typeof coming === "string") {
        io.err(coming);
        return 1;
      }
      if ("first" in coming) {
        io.err(`${values.dated}: ${coming.first.date} is its first date, so nothing was in effect before it: no change to compare.`);
        return 0;
      }
      const side = (c: Chosen<unknown>, what: string) => {
        const name = `${typeof c.spec === "string" ? path.relative(io.cwd, c.spec) : values.dated} (${what} ${c.date})`;
        return { name, spec: typeof c.spec === "string" ? load(c.spec) : parseSpec(c.spec, { domainId: domainId ?? IMPLIED_DOMAIN, source: name }) };
      };
      const [now, next] = [side(coming.now, "in effect since"), side(coming.next, "from")];
      [base, baseName, head, headFile] = [now.spec, now.name, next.spec, next.name];
      // A line a workflow reads the date from (the removal guard of a scheduled apply asks approval for it).
      if (values["in-effect"]) io.err(`The change in effect since ${coming.next.date}: ${now.name} -> ${next.name}.`);
    } else if (values["base-ref"] !== undefined) {
      head = load(headFile);
      const [ref, full] = [values["base-ref"], path.resolve(io.cwd, headFile)];
      showAtRef(ref, full); // the head file at the ref, or why git has none
      baseName = `${headFile} @ ${ref}`;
      base = atRef(baseName, () => loadSpecFile(full, { domainId: domainId ?? IMPLIED_DOMAIN, reader: readerAtRef(ref, full) }));
    } else if (values.live) {
      head = load(headFile);
      tenant = await openTenant(values, io);
      const live = tenant.settings.domainId;
      if (live === undefined) {
        io.err("Which domain? Give --domain <ID> or set LINEWORKS_DOMAIN_ID.");
        return 2;
      }
      const exported = await exportSpec(clientFor(tenant.settings), { domainId: live, progress: (m) => io.err(m) });
      baseName = `LINE WORKS domain ${live} (live)`;
      base = parseSpec(exported.spec, { source: baseName });
    } else {
      head = load(headFile);
      baseName = operands[0];
      base = load(operands[0]);
    }
    const changes = compareSpecs(base, head);
    const text = format === "json" ? `${JSON.stringify(changes, null, 2)}\n` : renderSummary(changes, { base: baseName, head: headFile });
    if (values.out === undefined || values.out === "-") io.out(text);
    else {
      fs.writeFileSync(path.resolve(io.cwd, values.out), text);
      io.err(`Wrote ${values.out} (${text.length} characters).`);
    }
    const over = overLimits(changes, limits);
    for (const sentence of over) io.err(sentence);
    return over.length ? 3 : 0;
  } catch (e) {
    if (!(e instanceof SpecError)) return failed("diff", e, io);
    io.err(e.message);
    return 1;
  } finally {
    await tenant?.close();
  }
}

/** The base read at a git ref: its problems under that name, the files named from the spec's folder. */
function atRef(name: string, load: () => ParsedSpec): ParsedSpec {
  try {
    return load();
  } catch (e) {
    if (!(e instanceof SpecError) || !e.source) throw e;
    const from = path.dirname(e.source);
    throw new SpecError(e.problems.map((p) => (p.file === undefined ? p : { ...p, file: path.relative(from, p.file) })), name);
  }
}

/** The spec of a dated map in effect now (LINEWORKS_AS_OF) and the next one, or why there is none. */
function comingChange(file: string, io: Io): { now: Chosen<unknown>; next: Chosen<unknown> } | string {
  const dated = readDated(file, io);
  if (typeof dated === "string") return dated;
  const asOf = asOfFrom(io.env);
  const now = chooseSpec(dated, asOf, file);
  const next = nextSpec(dated, asOf, file);
  return next ? { now, next } : `${file}: nothing is dated after ${now.date}, the spec in effect at ${asOf.toISOString()}: no coming change`;
}

/**
 * The change of a dated map now in effect (LINEWORKS_AS_OF): the spec before it as `now` (the base)
 * and the one in effect as `next` (the head), or `first` when nothing came before it.
 */
function changeInEffect(file: string, io: Io): { now: Chosen<unknown>; next: Chosen<unknown> } | { first: Chosen<unknown> } | string {
  const dated = readDated(file, io);
  if (typeof dated === "string") return dated;
  const current = chooseSpec(dated, asOfFrom(io.env), file);
  const before = datedEntries(dated, file).filter((e) => e.at.getTime() < current.at.getTime());
  return before.length ? { now: before[before.length - 1], next: current } : { first: current };
}

/** A dated map file, or why it is none. */
function readDated(file: string, io: Io): DatedSpecs | string {
  const full = path.resolve(io.cwd, file);
  if (!fs.existsSync(full)) return `--dated ${file}: no such file`;
  return readDatedFile(full) ?? `--dated ${file}: not a dated map (keys such as "2027-04-01", each naming a spec file)`;
}

/** The limits the flags set (--guard: the defaults for those not given), or what is wrong with one. */
function removalLimits(values: Values): Partial<Record<Guarded, RemovalLimit>> | string {
  const out: Partial<Record<Guarded, RemovalLimit>> = {};
  for (const what of Object.keys(GUARDS) as Guarded[]) {
    const given = values[GUARDS[what].flag];
    if (given === undefined) {
      if (values.guard) out[what] = DEFAULT_REMOVAL_LIMITS[what];
      continue;
    }
    const limit = parseLimit(what, given);
    if (typeof limit === "string") return limit;
    out[what] = limit;
  }
  return out;
}
