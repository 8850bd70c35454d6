// `npx pulumi-lineworks export`: writes a tenant's directory as a Directory spec file, so an
// existing tenant comes under code in four commands (export, review, adopt, up).
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { clientFor } from "../provider/client";
import { countsText, exportSpec } from "../provider/export";
import { MEMBER_KEYS, type MemberKey } from "../provider/exportKeys";
import { SECTION_NAMES } from "../provider/spec";
import { keyPlanText } from "./assignKeys";
import { failed } from "./failure";
import { defineVerb } from "./flags";
import { CREDENTIALS_NOTE, openTenant, TENANT_FLAGS, type Tenant } from "./tenant";

export const exportVerb = defineVerb({
  name: "export",
  summary: "write a LINE WORKS domain as a Directory spec file (org.yaml), to review and adopt",
  synopsis: "[--out FILE] [--format yaml|json] [--domain ID] [--assign-keys [--member-key K] --yes]",
  about: `Reads a LINE WORKS domain (positions, levels, user types, employment types, the org-unit tree,
members, groups) with paged list calls within the API budget and writes it as a spec that
lineworks.Directory takes. Nothing is written to LINE WORKS unless --assign-keys --yes is given.`,
  flags: [
    { name: "out", type: "string", value: "FILE", description: "where to write (default org.yaml, or org.json with --format json); - for stdout" },
    { name: "format", type: "string", value: "F", description: "yaml (default) or json" },
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

      const header = [
        `Exported from LINE WORKS domain ${settings.domainId} by \`npx pulumi-lineworks export\` (${new Date().toISOString().slice(0, 10)}).`,
        "Review it, then declare it with `new lineworks.Directory(\"org\", { spec: \"<this file>\" })` and run",
        "`pulumi config set lineworks:adoptExisting true` and `pulumi up`: objects are adopted, not recreated.",
      ];
      const text =
        format === "json"
          ? `${JSON.stringify({ $schema: "./node_modules/pulumi-lineworks/directory.schema.json", ...result.spec }, null, 2)}\n`
          : `# yaml-language-server: $schema=./node_modules/pulumi-lineworks/directory.schema.json\n${header.map((l) => `# ${l}`).join("\n")}\n${stringify(result.spec, { lineWidth: 0 })}`;
      if (file === "-") io.out(text);
      else fs.writeFileSync(path.resolve(io.cwd, file), text);

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
