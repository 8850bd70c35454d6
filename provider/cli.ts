#!/usr/bin/env node
// `npx pulumi-lineworks export`: writes a tenant's directory as a Directory spec file, so an
// existing tenant comes under code in four commands (export, review, adopt, up).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { main as startEmulator } from "../emulator/cli";
import { clientFor } from "./client";
import { resolveSettings, type Settings } from "./config";
import { countsText, exportSpec } from "./export";
import { SECTION_NAMES } from "./spec";

const USAGE = `Usage: npx pulumi-lineworks export [--out FILE] [--format yaml|json] [--domain ID] [--assign-keys --yes]

Reads a LINE WORKS domain (positions, levels, user types, employment types, the org-unit tree,
members, groups) with paged list calls within the API budget and writes it as a spec that
lineworks.Directory takes. Nothing is written to LINE WORKS unless --assign-keys --yes is given.

  --out FILE         where to write (default org.yaml, or org.json with --format json); - for stdout
  --format F         yaml (default) or json
  --domain ID        the domain to export (default LINEWORKS_DOMAIN_ID)
  --assign-keys      give every object without an external key a generated one (pos-<ID>,
                     ou-<ID>, user-<ID>, ...) through the bulk external-key endpoints first, so the
                     spec refers to it by key: a WRITE to the tenant, done only with --yes
  --yes              confirm --assign-keys
  --emulator DIR     read the local emulator's data directory (npm run emulator) instead of a tenant

Credentials: the LINEWORKS_* variables the provider reads (LINEWORKS_CLIENT_ID,
LINEWORKS_CLIENT_SECRET, LINEWORKS_SERVICE_ACCOUNT, LINEWORKS_PRIVATE_KEY or
LINEWORKS_PRIVATE_KEY_FILE, LINEWORKS_API_URL, ...), or the flags --client-id, --service-account,
--private-key-file, --api-url, --auth-url, --scope. The client secret is read from the
environment only: on a command line it would stay in the shell history and in ps.
The app needs the directory.read scope (directory for --assign-keys).`;

const FLAGS = {
  out: { type: "string" },
  format: { type: "string" },
  domain: { type: "string" },
  "assign-keys": { type: "boolean" },
  yes: { type: "boolean" },
  emulator: { type: "string" },
  "client-id": { type: "string" },
  "service-account": { type: "string" },
  "private-key-file": { type: "string" },
  "api-url": { type: "string" },
  "auth-url": { type: "string" },
  scope: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

interface Io {
  out: (text: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Runs the CLI; returns the exit code (0 done, 1 failed, 2 usage or a write not confirmed). */
export async function main(argv: string[], io: Io = { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`), env: process.env, cwd: process.cwd() }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  if (flags.help || positionals[0] !== "export" || positionals.length > 1) {
    (flags.help ? (t: string) => io.out(`${t}\n`) : io.err)(USAGE);
    return flags.help ? 0 : 2;
  }
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
  if (flags["assign-keys"] && !flags.yes) {
    io.err("--assign-keys WRITES to the tenant: it sets an external key on every object that has none (through the bulk external-key endpoints). Nothing else changes. Run again with --assign-keys --yes to do it, or without --assign-keys to refer to those objects by name.");
    return 2;
  }

  let stopEmulator: (() => Promise<void>) | undefined;
  try {
    const env = { ...io.env };
    if (flags.emulator !== undefined) {
      // The emulator of this package, started on a free loopback port over its data directory.
      const handle = (await startEmulator(["--port", "0", "--data-dir", path.resolve(io.cwd, flags.emulator)], {}, { out: () => {} }))!;
      stopEmulator = () => handle.stop();
      Object.assign(env, {
        LINEWORKS_API_URL: handle.emulator.apiUrl,
        LINEWORKS_AUTH_URL: handle.emulator.authUrl,
        LINEWORKS_CLIENT_ID: handle.clientId,
        LINEWORKS_CLIENT_SECRET: handle.clientSecret,
        LINEWORKS_SERVICE_ACCOUNT: handle.serviceAccount,
        LINEWORKS_PRIVATE_KEY_FILE: handle.privateKeyFile,
        LINEWORKS_DOMAIN_ID: env.LINEWORKS_DOMAIN_ID ?? String(handle.domainId),
      });
    }
    const raw: Record<string, string> = {};
    for (const [flag, setting] of [["client-id", "clientId"], ["service-account", "serviceAccount"], ["private-key-file", "privateKeyFile"], ["api-url", "apiUrl"], ["auth-url", "authUrl"], ["scope", "scope"], ["domain", "domainId"]] as const) {
      const v = flags[flag];
      if (v !== undefined) raw[`lineworks:${setting}`] = flag === "private-key-file" ? path.resolve(io.cwd, v) : v;
    }
    const settings: Settings = resolveSettings(raw, env);
    if (settings.domainId === undefined) {
      io.err("Which domain? Give --domain <ID> or set LINEWORKS_DOMAIN_ID.");
      return 2;
    }
    const client = clientFor(settings);
    const started = Date.now();
    const result = await exportSpec(client, { domainId: settings.domainId, assignKeys: flags["assign-keys"], progress: (m) => io.err(m) });

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
    io.err(`export failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await stopEmulator?.();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
