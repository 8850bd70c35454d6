// `npx pulumi-lineworks export`: writes a tenant's directory as a Directory spec file, so an
// existing tenant comes under code in four commands (export, review, adopt, up).
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { clientFor } from "../provider/client";
import { countsText, exportSpec } from "../provider/export";
import { MEMBER_KEYS, type MemberKey } from "../provider/exportKeys";
import { SECTION_NAMES } from "../provider/spec";
import { splitSpec } from "../provider/specSplit";
import { keyPlanText } from "./assignKeys";
import { failed } from "./failure";
import { defineVerb } from "./flags";
import { CREDENTIALS_NOTE, openTenant, TENANT_FLAGS, type Tenant } from "./tenant";

export const exportVerb = defineVerb({
  name: "export",
  summary: "write a LINE WORKS domain as a Directory spec file (org.yaml), to review and adopt",
  synopsis: "[--out FILE] [--format yaml|json] [--split orgUnits [--split-depth N]] [--domain ID] [--assign-keys [--member-key K] --yes]",
  about: `Reads a LINE WORKS domain (positions, levels, user types, employment types, the org-unit tree,
members, groups) with paged list calls within the API budget and writes it as a spec that
lineworks.Directory takes. Nothing is written to LINE WORKS unless --assign-keys --yes is given.`,
  flags: [
    { name: "out", type: "string", value: "FILE", description: "where to write (default org.yaml, or org.json with --format json); - for stdout" },
    { name: "format", type: "string", value: "F", description: "yaml (default) or json" },
    {
      name: "split",
      type: "string",
      value: "orgUnits",
      description:
        "write a spec in several files: one per org unit (with the units under it and the members whose primary unit is among them) in a folder named after --out (org/), " +
        "included from the main file; by default at the first level of the tree with more than one unit",
    },
    { name: "split-depth", type: "string", value: "N", description: "with --split: the level of the tree to split at (1: the top units)" },
    { name: "domain", type: "string", value: "ID", description: "the domain to export (default LINEWORKS_DOMAIN_ID)" },
    {
      name: "assign-keys",
      type: "boolean",
      description:
        "give every object without an external key a readable one through the bulk external-key endpoints first, so the spec refers to it by key: " +
        "members by employee number, others by name (Sales Division -> sales-division; a Japanese name without an en_US name -> a short code like ou-k3f9q2). " +
        "A WRITE to the tenant: without --yes it lists the keys and writes nothing",
    },
    { name: "member-key", type: "string", value: "K", description: "what members' keys are made of: employeeNumber (default; the email's local part when a member has none) or email (its local part)" },
    { name: "yes", type: "boolean", description: "confirm --assign-keys" },
    ...TENANT_FLAGS,
  ],
  notes: `${CREDENTIALS_NOTE}\nThe app needs the directory.read scope (directory for --assign-keys).`,

  async run(flags, io) {
    const format = flags.format ?? "yaml";
    if (format !== "yaml" && format !== "json") {
      io.err(`--format must be yaml or json, not ${format}`);
      return 2;
    }
    const file = flags.out ?? `org.${format}`;
    // Before any read: a long export must not end on a path that cannot be written.
    if (file !== "-" && !fs.existsSync(path.dirname(path.resolve(io.cwd, file)))) {
      io.err(`--out ${file}: the directory ${path.dirname(path.resolve(io.cwd, file))} does not exist; create it first`);
      return 2;
    }
    const split = splitOptions(flags, file);
    const partsDir = split && typeof split === "object" ? path.join(path.dirname(path.resolve(io.cwd, file)), split.folder) : undefined;
    if (typeof split === "string" || (partsDir && fs.existsSync(partsDir) && !fs.statSync(partsDir).isDirectory())) {
      io.err(typeof split === "string" ? split : `--split: ${partsDir} is a file; the parts need a folder of that name beside ${file}`);
      return 2;
    }
    const memberKey = flags["member-key"] ?? "employeeNumber";
    if (!MEMBER_KEYS.includes(memberKey as MemberKey)) {
      io.err(`--member-key must be ${MEMBER_KEYS.join(" or ")}, not ${memberKey}`);
      return 2;
    }
    if (flags["member-key"] !== undefined && !flags["assign-keys"]) {
      io.err("--member-key goes with --assign-keys: it says what the keys given to members are made of.");
      return 2;
    }
    // Without --yes, --assign-keys reads the tenant to list the keys it would write, and writes nothing.
    const assignKeys = flags["assign-keys"] ? { write: !!flags.yes, memberKey: memberKey as MemberKey } : undefined;

    let tenant: Tenant | undefined;
    try {
      tenant = await openTenant(flags, io);
      const { settings } = tenant;
      if (settings.domainId === undefined) {
        io.err("Which domain? Give --domain <ID> or set LINEWORKS_DOMAIN_ID.");
        return 2;
      }
      const client = clientFor(settings);
      const started = Date.now();
      const result = await exportSpec(client, { domainId: settings.domainId, assignKeys, progress: (m) => io.err(m) });
      if (assignKeys && !assignKeys.write) {
        for (const s of SECTION_NAMES) for (const note of result.report[s].notes) io.err(`Note: ${note}.`);
        for (const line of keyPlanText(result.keys)) io.err(line);
        return 2;
      }

      const exported = `Exported from LINE WORKS domain ${settings.domainId} by \`npx pulumi-lineworks export\` (${new Date().toISOString().slice(0, 10)}).`;
      const header = [
        exported,
        "Review it, then declare it with `new lineworks.Directory(\"org\", { spec: \"<this file>\" })` and run",
        "`pulumi config set lineworks:adoptExisting true` and `pulumi up`: objects are adopted, not recreated.",
      ];
      const written = split ? splitSpec(result.spec, { ...split, ext: format }) : undefined;
      const text = specText(format, written?.main ?? result.spec, "./node_modules/pulumi-lineworks/directory.schema.json", header);
      if (file === "-") io.out(text);
      else fs.writeFileSync(path.resolve(io.cwd, file), text);
      for (const part of written?.parts ?? []) {
        const target = path.resolve(path.dirname(path.resolve(io.cwd, file)), part.file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const up = `${"../".repeat(part.file.split("/").length - 1)}node_modules/pulumi-lineworks/directory-part.schema.json`;
        const about = [`Part of ${path.basename(file)}, which includes it: the unit ${part.unit} with the ${part.units - 1} unit(s) under it and ${part.members} member(s).`, exported];
        fs.writeFileSync(target, specText(format, part.spec, up, about));
      }
      if (written) io.err(`Split at level ${written.depth} of the unit tree: ${written.parts.length} file(s) in ${split!.folder}/, each included from ${path.basename(file)}.`);
      if (written && partsDir) {
        // Files an earlier split left: not included any more, so harmless, but a reader could take them for parts.
        const ours = new Set(written.parts.map((p) => path.resolve(path.dirname(path.resolve(io.cwd, file)), p.file)));
        const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
        const stale = walk(partsDir).filter((f) => /\.(ya?ml|json)$/.test(f) && !ours.has(f));
        if (stale.length) {
          const shown = stale.slice(0, 10).map((f) => path.relative(path.dirname(path.resolve(io.cwd, file)), f));
          io.err(`Not written by this export and not included by ${path.basename(file)}: ${shown.join(", ")}${stale.length > 10 ? ` and ${stale.length - 10} more` : ""}. Probably left from an earlier split: delete them.`);
        }
      }

      const counts = SECTION_NAMES.filter((s) => result.report[s].count > 0).map((s) => `${result.report[s].count} ${s}`);
      const calls = SECTION_NAMES.reduce((n, s) => n + result.report[s].calls, 0);
      io.err(`Wrote ${file === "-" ? "the spec to stdout" : file}: ${counts.join(", ") || "nothing"} (${calls} API calls, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
      for (const s of SECTION_NAMES) for (const note of result.report[s].notes) io.err(`Note: ${note}.`);
      const assigned = countsText(result.report, "assigned");
      if (assigned) io.err(`Assigned generated external keys to ${assigned}.`);
      const keyless = countsText(result.report, "keyless");
      if (keyless && !assigned) {
        io.err(
          `Without an external key, referred to by name in the spec: ${keyless}. Renaming such an entry replaces its object; ` +
            "give them keys in the admin console, or run again with --assign-keys --yes.",
        );
      }
      if (result.problems.length) {
        io.err(`The tenant breaks ${result.problems.length} rule(s) that Directory checks; fix these before \`pulumi up\`:`);
        for (const p of result.problems) io.err(`  ${p.path}: ${p.message}`);
      }
      return 0;
    } catch (e) {
      return failed("export", e, io);
    } finally {
      await tenant?.close();
    }
  },
});

/** A spec file's text: JSON with its $schema, or YAML under the editor's schema line and `header`. */
function specText(format: string, spec: object, schema: string, header: string[]): string {
  if (format === "json") return `${JSON.stringify({ $schema: schema, ...spec }, null, 2)}\n`;
  return `# yaml-language-server: $schema=${schema}\n${header.map((l) => `# ${l}`).join("\n")}\n${stringify(spec, { lineWidth: 0 })}`;
}

/** --split and --split-depth: the folder of the parts (named after the main file) and the depth, or what is wrong. */
function splitOptions(flags: { split?: string; "split-depth"?: string }, file: string): { folder: string; depth?: number } | undefined | string {
  if (flags.split === undefined) return flags["split-depth"] === undefined ? undefined : "--split-depth goes with --split orgUnits: it says at which level of the unit tree to split.";
  if (flags.split !== "orgUnits") return `--split takes orgUnits (one file per org unit), not ${flags.split}`;
  if (file === "-") return "--split writes several files: give --out FILE (the main file; the others go in a folder beside it), not -";
  const depth = flags["split-depth"];
  if (depth !== undefined && !/^[1-9]\d*$/.test(depth)) return `--split-depth must be a level of the unit tree (1, 2, ...), not ${depth}`;
  // org.yaml's parts go in org/; a main file without an extension keeps its name for itself.
  const folder = path.extname(file) ? path.basename(file, path.extname(file)) : `${path.basename(file)}.parts`;
  return { folder, depth: depth === undefined ? undefined : Number(depth) };
}
