// `npx pulumi-lineworks validate <spec>`: checks a Directory spec file the way the component does
// before it registers anything, offline (no credentials, no network, no Pulumi), so a pull request
// can be checked by a job that holds no secret.
import * as fs from "node:fs";
import * as path from "node:path";
import { datedEntries, readDatedFile } from "../provider/dated";
import { loadSpecFile, parseSpec, problemText, SECTION_NAMES, SpecError, type ParsedSpec, type SectionName, type SpecProblem } from "../provider/spec";
import { defineVerb, type Io } from "./flags";

/** What `--format json` prints: the same keys in the same order every time. */
export interface ValidateReport {
  spec: string;
  valid: boolean;
  /** Entries per section (every section, 0 included); null when the spec has problems. */
  counts: Record<SectionName, number> | null;
  /** `file`: the file the problem is in (the spec itself, or a file it includes), from the working directory. */
  problems: { file: string; path: string; line: number | null; message: string }[];
}

/** What `--format json` prints for a dated map (org.dates.yaml): each spec's report, earliest first. */
export interface DatedValidateReport {
  spec: string;
  valid: boolean;
  /** A key that is no date, or two keys of one moment; then `dated` is empty. */
  problems: string[];
  dated: (ValidateReport & { date: string })[];
}

const domainOf = (text: string | undefined): number | undefined | "bad" => (text === undefined || text === "" ? undefined : /^[1-9]\d*$/.test(text) ? Number(text) : "bad");

function print(io: Io, format: string, report: ValidateReport, problems: SpecProblem[], cwd: string): void {
  if (format === "json") {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else if (report.valid) {
    const counts = SECTION_NAMES.filter((s) => report.counts![s] > 0).map((s) => `${s} ${report.counts![s]}`);
    io.out(`${report.spec} is valid: ${counts.join(", ") || "no entries"}\n`);
  } else {
    io.out(`${report.spec} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  ${problemText(p, cwd)}\n`).join("")}`);
  }
}

export const validateVerb = defineVerb({
  name: "validate",
  summary: "check a Directory spec file offline (no credentials, no network): every problem by line",
  synopsis: "<spec> [--format text|json] [--domain ID]",
  about: `Checks a spec file as lineworks.Directory does before it registers anything: each entry's fields,
the rules across an entry's fields (a group's message room and its features), unique keys and
names, references that name an entry, and the rules across entries (one leader per unit). Nothing
is read from LINE WORKS: no credentials, no network, no Pulumi. What only the tenant knows (an
object outside the spec that a reference names, a name taken by an undeclared object) is checked
by \`pulumi preview\`.`,
  operands: [{ name: "spec", description: "the spec file, YAML or JSON (org.yaml)" }],
  flags: [
    { name: "format", type: "string", value: "F", description: "text (default) or json: {spec, valid, counts, problems: [{file, path, line, message}]} on stdout" },
    {
      name: "domain",
      type: "string",
      value: "ID",
      description: "the domain of a spec that names none (default LINEWORKS_DOMAIN_ID); without one, the members' domain is left to lineworks:domainId at preview",
    },
  ],
  notes: `<spec> may be a dated map (\`"2027-04-01": org-2027-04.yaml\`, paths from its folder) is checked whole: its keys
are dates, and each spec it names is reported under its date; --format json prints
{spec, valid, problems, dated: [{date, spec, valid, counts, problems}]}.

A spec may include other files (\`include: [sales.yaml]\`, docs/spec-files.md): they are checked with it, and
a problem in one is listed by that file, its path in the file and its line.

Exit status: 0 the spec is valid, 1 it has problems (each listed by line and path), 2 a usage
error or a file that does not exist.`,

  async run(flags, io, { spec }) {
    const format = flags.format ?? "text";
    if (format !== "text" && format !== "json") {
      io.err(`--format must be text or json, not ${format}`);
      return 2;
    }
    const [given, from] = flags.domain !== undefined ? [flags.domain, "--domain"] : [io.env.LINEWORKS_DOMAIN_ID, "LINEWORKS_DOMAIN_ID"];
    const domainId = domainOf(given);
    if (domainId === "bad") {
      io.err(`${from} must be a domain ID (a positive integer), not ${given}`);
      return 2;
    }
    const full = path.resolve(io.cwd, spec);
    if (!fs.existsSync(full) || !fs.statSync(full).isFile()) {
      io.err(`${spec}: no such file`);
      return 2;
    }

    const dated = readDatedFile(full);
    if (dated) return validateDated(io, format, spec, dated, domainId);
    const { report, problems } = check(spec, io.cwd, () => loadSpecFile(full, { domainId, domainLater: domainId === undefined }));
    print(io, format, report, problems, io.cwd);
    return report.valid ? 0 : 1;
  },
});

/** A spec's report: its counts, or its problems. */
function check(spec: string, cwd: string, load: () => ParsedSpec): { report: ValidateReport; problems: SpecProblem[] } {
  const report: ValidateReport = { spec, valid: true, counts: null, problems: [] };
  let problems: SpecProblem[] = [];
  try {
    const parsed = load();
    report.counts = Object.fromEntries(SECTION_NAMES.map((s) => [s, parsed.entries.filter((p) => p.section === s).length])) as Record<SectionName, number>;
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    problems = e.problems;
    report.valid = false;
    report.problems = problems.map((p) => ({ file: p.file === undefined ? spec : path.relative(cwd, p.file), path: p.path, line: p.line ?? null, message: p.message }));
  }
  return { report, problems };
}

/** Every spec a dated map names, each reported under its date and file. */
function validateDated(io: Io, format: string, spec: string, dated: Record<string, unknown>, domainId: number | undefined): number {
  const out: DatedValidateReport = { spec, valid: true, problems: [], dated: [] };
  let entries: ReturnType<typeof datedEntries<unknown>> = [];
  try {
    entries = datedEntries(dated, spec);
  } catch (e) {
    out.valid = false;
    out.problems.push((e as Error).message);
  }
  const opts = { domainId, domainLater: domainId === undefined };
  const lines: string[] = [];
  for (const { date, spec: one } of entries) {
    const name = typeof one === "string" ? path.relative(io.cwd, one) || one : `${spec} (${date})`;
    const { report, problems } = check(name, io.cwd, () => (typeof one === "string" ? loadSpecFile(one, opts) : parseSpec(one, { ...opts, source: name })));
    out.valid &&= report.valid;
    out.dated.push({ date, ...report });
    if (format !== "json") print({ ...io, out: (t) => lines.push(`${date}: ${t}`) }, format, report, problems, io.cwd);
  }
  if (format === "json") io.out(`${JSON.stringify(out, null, 2)}\n`);
  else io.out(`${spec} is a dated map of ${entries.length} spec${entries.length === 1 ? "" : "s"}:\n${out.problems.map((p) => `  ${p}\n`).join("")}${lines.join("")}`);
  return out.valid ? 0 : 1;
}
