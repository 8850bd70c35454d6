// `npx pulumi-lineworks chart <spec>`: the org chart of a spec file as one HTML page, offline (no
// credentials, no network), for a reviewer or a CI artifact.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { renderChart } from "../provider/review/chart";
import { loadSpecFile } from "../provider/spec";
import { defineVerb, type Io, parseOptions, type Verb } from "./flags";

const FLAGS = [
  { name: "out", type: "string", value: "FILE", description: "where to write the page (default chart.html); - for stdout" },
  { name: "base", type: "string", value: "SPEC", description: "the spec before the change (the base branch's): units and members that change are marked" },
  { name: "domain", type: "string", value: "ID", description: "the domain, for a spec that leaves domainId to config (default LINEWORKS_DOMAIN_ID; the chart does not depend on it)" },
] as const;

/** The chart draws no domain: a spec that leaves domainId to Pulumi config is drawn with this stand-in. */
const ANY_DOMAIN = 1;

/** The verb with its one operand, the spec file. */
const chartWith = (spec: string | undefined) =>
  defineVerb({
    name: "chart",
    summary: "draw a spec's org chart as one HTML page (tree, members, titles, search); --base marks what changes",
    synopsis: "<spec> [--base SPEC] [--out FILE]",
    about: `Reads a Directory spec file (org.yaml) and writes its org chart as a self-contained HTML page:
the unit tree, each unit's members with their title and the leader (組織長), and a search box.
Nothing is fetched: it opens from disk or a CI artifact. With --base, units added, removed,
renamed or moved and members who join, leave or change are marked. Offline: no credentials.`,
    flags: FLAGS,
    notes: "Private addresses and phone numbers (privateEmail, telephone, cellPhone) are never shown.",
    run: (values, io) => draw(spec!, values, io),
  });

async function draw(specFile: string, flags: { out?: string; base?: string; domain?: string }, io: Io): Promise<number> {
  const file = flags.out ?? "chart.html";
  const target = path.resolve(io.cwd, file);
  if (file !== "-" && !fs.existsSync(path.dirname(target))) {
    io.err(`--out ${file}: the directory ${path.dirname(target)} does not exist; create it first`);
    return 2;
  }
  const given = flags.domain ?? io.env.LINEWORKS_DOMAIN_ID;
  if (given !== undefined && !/^\d+$/.test(given)) {
    io.err(`${flags.domain !== undefined ? "--domain" : "LINEWORKS_DOMAIN_ID"} must be a domain ID (digits), not ${given}`);
    return 2;
  }
  const domainId = given !== undefined ? Number(given) : ANY_DOMAIN;
  try {
    const head = loadSpecFile(specFile, { domainId, cwd: io.cwd });
    const base = flags.base === undefined ? undefined : loadSpecFile(flags.base, { domainId, cwd: io.cwd });
    const title = path.basename(specFile) + (flags.base === undefined ? "" : ` (base: ${path.basename(flags.base)})`);
    const html = renderChart(head, { title, base });
    if (file === "-") io.out(html);
    else fs.writeFileSync(target, html);
    if (file !== "-") io.err(`Wrote ${file}.`);
    return 0;
  } catch (e) {
    io.err((e as Error).message);
    return 1;
  }
}

const help = chartWith(undefined);

/** Splits the operands from the flags (defineVerb takes flags only), then runs with exactly one. */
export const chartVerb: Verb = {
  ...help,
  async main(argv, io) {
    let tokens;
    try {
      ({ tokens } = parseArgs({ args: argv, options: parseOptions(help.flags), allowPositionals: true, strict: false, tokens: true }));
    } catch {
      return help.main(argv, io);
    }
    const operands = tokens.filter((t) => t.kind === "positional");
    const flagArgs = argv.filter((_, i) => !operands.some((t) => t.index === i) && tokens.find((t) => t.index === i)?.kind !== "option-terminator");
    const helpAsked = tokens.some((t) => t.kind === "option" && t.name === "help");
    if (operands.length !== 1 && !helpAsked) {
      io.err(`${operands.length ? `chart takes one spec, not ${operands.length}` : "Which spec? Give its file: chart org.yaml"}\n`);
      await help.main(["--help"], { ...io, out: (t) => io.err(t.trimEnd()) });
      return 2;
    }
    return chartWith(operands[0]?.value).main(flagArgs, io);
  },
};
