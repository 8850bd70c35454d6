// `npx pulumi-lineworks chart <spec>`: the org chart of a spec file as one HTML page, offline (no
// credentials, no network), for a reviewer or a CI artifact.
import * as fs from "node:fs";
import * as path from "node:path";
import { renderChart } from "../provider/review/chart";
import { loadSpecFile } from "../provider/spec";
import { defineVerb, type Io } from "./flags";

const FLAGS = [
  { name: "out", type: "string", value: "FILE", description: "where to write the page (default chart.html); - for stdout" },
  { name: "base", type: "string", value: "SPEC", description: "the spec before the change (the base branch's): units and members that change are marked" },
  { name: "domain", type: "string", value: "ID", description: "the domain, for a spec that leaves domainId to config (default LINEWORKS_DOMAIN_ID; the chart does not depend on it)" },
] as const;

/** The chart draws no domain: a spec that leaves domainId to Pulumi config is drawn with this stand-in. */
const ANY_DOMAIN = 1;

export const chartVerb = defineVerb({
  name: "chart",
  summary: "draw a spec's org chart as one HTML page (tree, members, titles, search); --base marks what changes",
  synopsis: "<spec> [--base SPEC] [--out FILE]",
  about: `Reads a Directory spec file (org.yaml) and writes its org chart as a self-contained HTML page:
the unit tree, each unit's members with their title and the leader (組織長), and a search box.
Nothing is fetched: it opens from disk or a CI artifact. With --base, units added, removed,
renamed or moved and members who join, leave or change are marked. Offline: no credentials.`,
  operands: [{ name: "spec", description: "the Directory spec file to draw (org.yaml)" }],
  flags: FLAGS,
  notes: "Private addresses and phone numbers (privateEmail, telephone, cellPhone) are never shown.",
  run: (values, io, { spec }) => draw(spec, values, io),
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
