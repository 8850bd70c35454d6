// `npx pulumi-lineworks validate <spec>`: checks a Directory spec file the way the component does
// before it registers anything, offline (no credentials, no network, no Pulumi), so a pull request
// can be checked by a job that holds no secret.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSpecFile, problemText, SECTION_NAMES, SpecError, type SectionName, type SpecProblem } from "../provider/spec";
import { defineVerb, type Io } from "./flags";

/** What `--format json` prints: the same keys in the same order every time. */
export interface ValidateReport {
  spec: string;
  valid: boolean;
  /** Entries per section (every section, 0 included); null when the spec has problems. */
  counts: Record<SectionName, number> | null;
  problems: { path: string; line: number | null; message: string }[];
}

const domainOf = (text: string | undefined): number | undefined | "bad" => (text === undefined || text === "" ? undefined : /^[1-9]\d*$/.test(text) ? Number(text) : "bad");

function print(io: Io, format: string, report: ValidateReport, problems: SpecProblem[]): void {
  if (format === "json") {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else if (report.valid) {
    const counts = SECTION_NAMES.filter((s) => report.counts![s] > 0).map((s) => `${s} ${report.counts![s]}`);
    io.out(`${report.spec} is valid: ${counts.join(", ") || "no entries"}\n`);
  } else {
    io.out(`${report.spec} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  ${problemText(p)}\n`).join("")}`);
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
    { name: "format", type: "string", value: "F", description: "text (default) or json: {spec, valid, counts, problems: [{path, line, message}]} on stdout" },
    {
      name: "domain",
      type: "string",
      value: "ID",
      description: "the domain of a spec that names none (default LINEWORKS_DOMAIN_ID); without one, the members' domain is left to lineworks:domainId at preview",
    },
  ],
  notes: `Exit status: 0 the spec is valid, 1 it has problems (each listed by line and path), 2 a usage
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

    const report: ValidateReport = { spec, valid: true, counts: null, problems: [] };
    let problems: SpecProblem[] = [];
    try {
      const parsed = loadSpecFile(full, { domainId, domainLater: domainId === undefined });
      report.counts = Object.fromEntries(SECTION_NAMES.map((s) => [s, parsed.entries.filter((p) => p.section === s).length])) as Record<SectionName, number>;
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      problems = e.problems;
      report.valid = false;
      report.problems = problems.map((p) => ({ path: p.path, line: p.line ?? null, message: p.message }));
    }
    print(io, format, report, problems);
    return report.valid ? 0 : 1;
  },
});
