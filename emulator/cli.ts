// Standalone emulator: `npm run emulator` (node dist/emulator/cli.js).
//
// Keeps its RSA key pair and state in a data directory, and prints the stack configuration
// (as `pulumi config set` and `export` lines) pointing at itself. The private key is never printed.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DIRECTORY_KINDS } from "./directory";
import { seedTenant, type SeedOptions } from "./seed";
import { Emulator } from "./server";

export interface CliIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  cwd?: string;
  /** Install SIGINT/SIGTERM handlers that stop the emulator and exit (the real CLI only). */
  handleSignals?: boolean;
}

export interface CliHandle {
  emulator: Emulator;
  dataDir: string;
  privateKeyFile: string;
  /** The credentials and default domain the emulator accepts (as printed). */
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  domainId: number;
  /** Everything printed, joined by newlines. */
  output: string;
  stop(): Promise<void>;
}

interface CliSettings {
  port: number;
  host: string;
  dataDir: string;
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  domainIds: number[];
  tokenTtlSeconds?: number;
  rateLimitPerMinute?: number;
  latencyMs?: number;
  featuresOff: boolean;
  seed?: SeedSize;
}

/** The companies --seed gives (emulator/seed.ts): the same size gives the same objects and IDs. */
export const SEED_SIZES = {
  small: { members: 30, units: 8, groups: 3 },
  company: { members: 320, units: 50, groups: 10 },
} as const satisfies Record<string, SeedOptions>;
export type SeedSize = keyof typeof SEED_SIZES;

const USAGE = `Usage: lineworks-emulator [--port N] [--data-dir DIR] [--host 127.0.0.1] [--features-off] [--seed small|company]

  --seed SIZE      a tenant new to DIR starts as a sample company (Sakura Trading), the same every
                   time: small (30 members, 8 org units, 3 groups) or company (320 members, 50 org
                   units, 10 groups), with positions, levels, user types and employment types;
                   a DIR with state is not reseeded

  --features-off   a tenant new to DIR starts with every directory feature switch (positions,
                   levels, user types, employment types) off, as a new LINE WORKS tenant may;
                   a DIR with state keeps its own switches

Environment (flags win):
  LINEWORKS_EMULATOR_PORT            port (default 8787)
  LINEWORKS_EMULATOR_DATA_DIR        data directory (default .lineworks-emulator in cwd)
  LINEWORKS_EMULATOR_CLIENT_ID       default emulator-client
  LINEWORKS_EMULATOR_CLIENT_SECRET   default emulator-secret
  LINEWORKS_EMULATOR_SERVICE_ACCOUNT default emulator.serviceaccount@example.com
  LINEWORKS_EMULATOR_DOMAIN_IDS      comma-separated, first is the default (default 10000001)
  LINEWORKS_EMULATOR_TOKEN_TTL       access token lifetime in seconds (default 86400)
  LINEWORKS_EMULATOR_RATE_LIMIT      requests per minute per API (default 240)
  LINEWORKS_EMULATOR_LATENCY_MS      artificial latency per API response (default 0)
  LINEWORKS_EMULATOR_FEATURES_OFF    1 or true: as --features-off
  LINEWORKS_EMULATOR_SEED            small or company: as --seed`;

/** Starts the emulator; returns undefined after printing usage for --help. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = {}): Promise<CliHandle | undefined> {
  const lines: string[] = [];
  const out = (l: string) => { lines.push(l); (io.out ?? console.log)(l); };
  const flags = parseArgs(argv);
  if (flags.help !== undefined) {
    out(USAGE);
    return undefined;
  }
  const s = settings(flags, env, io.cwd ?? process.cwd());
  fs.mkdirSync(s.dataDir, { recursive: true, mode: 0o700 });
  const keys = ensureKeyPair(s.dataDir);
  const dataFile = path.join(s.dataDir, "state.json");
  const fresh = !fs.existsSync(dataFile);
  const emulator = await Emulator.start({
    host: s.host,
    port: s.port,
    publicKeyPem: keys.publicKeyPem,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    serviceAccount: s.serviceAccount,
    domainIds: s.domainIds,
    tokenTtlSeconds: s.tokenTtlSeconds,
    rateLimitPerMinute: s.rateLimitPerMinute,
    latencyMs: s.latencyMs,
    features: s.featuresOff ? Object.fromEntries(DIRECTORY_KINDS.map((k) => [k, false])) : undefined,
    dataFile,
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "EADDRINUSE") throw e;
    throw new Error(`Port ${s.port} on ${s.host} is in use (another emulator?): choose another with --port N (or LINEWORKS_EMULATOR_PORT), or --port 0 for any free port.`);
  });

  const config: Array<[string, string, string, boolean]> = [
    // [pulumi key, env name, value, secret]
    ["apiUrl", "LINEWORKS_API_URL", emulator.apiUrl, false],
    ["authUrl", "LINEWORKS_AUTH_URL", emulator.authUrl, false],
    ["domainId", "LINEWORKS_DOMAIN_ID", String(s.domainIds[0]), false],
    ["clientId", "LINEWORKS_CLIENT_ID", s.clientId, false],
    ["clientSecret", "LINEWORKS_CLIENT_SECRET", s.clientSecret, true],
    ["serviceAccount", "LINEWORKS_SERVICE_ACCOUNT", s.serviceAccount, false],
    ["privateKeyFile", "LINEWORKS_PRIVATE_KEY_FILE", keys.privateKeyFile, false],
  ];
  out(`LINE WORKS emulator listening on ${emulator.url} (data: ${s.dataDir})`);
  if (s.seed && fresh) {
    const seeded = emulator.batch(() => seedTenant(emulator, { domainId: s.domainIds[0], ...SEED_SIZES[s.seed!] }));
    const c = seeded.counts;
    out(`Seeded domain ${seeded.domainId} with the ${s.seed} sample company: ${c.orgUnits} org units, ${c.users} members, ${c.groups} groups, ${c.positions} positions, ${c.levels} levels, ${c.userTypes} user types, ${c.employmentTypes} employment types.`);
  } else if (s.seed) {
    out(`Not seeded: ${s.dataDir} already holds a tenant (--seed fills a new data directory only; give another --data-dir, or remove this one to start over).`);
  }
  out("");
  out("# Pulumi stack configuration:");
  for (const [key, , value, secret] of config) {
    out(`pulumi config set ${secret ? "--secret " : ""}lineworks:${key} ${shellQuote(value)}`);
  }
  out("");
  out("# Or environment variables:");
  for (const [, name, value] of config) out(`export ${name}=${shellQuote(value)}`);

  let stopped: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    (io.err ?? console.error)(`${signal}: stopping the emulator`);
    void handle.stop().then(() => process.exit(0));
  };
  const handle: CliHandle = {
    emulator,
    dataDir: s.dataDir,
    privateKeyFile: keys.privateKeyFile,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    serviceAccount: s.serviceAccount,
    domainId: s.domainIds[0],
    output: lines.join("\n"),
    stop() {
      if (io.handleSignals) {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      stopped ??= emulator.stop();
      return stopped;
    },
  };
  if (io.handleSignals) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return handle;
}

type Flags = Record<string, string>;

function parseArgs(argv: string[]): Flags {
  const known = new Set(["port", "data-dir", "host", "help", "features-off", "seed"]);
  const switches = new Set(["help", "features-off"]);
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !known.has(m[1])) throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    if (switches.has(m[1])) { flags[m[1]] = m[2] ?? "true"; continue; }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    flags[m[1]] = value;
  }
  return flags;
}

function settings(flags: Flags, env: NodeJS.ProcessEnv, cwd: string): CliSettings {
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined || raw === "") return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
    return Number(raw);
  };
  const bool = (name: string, raw: string | undefined): boolean => {
    if (raw === undefined || raw === "" || /^(0|false)$/i.test(raw)) return false;
    if (/^(1|true)$/i.test(raw)) return true;
    throw new Error(`${name} must be true or false, got ${raw}`);
  };
  const domainIds = (env.LINEWORKS_EMULATOR_DOMAIN_IDS ?? "10000001").split(",").map((d) => int("LINEWORKS_EMULATOR_DOMAIN_IDS", d.trim())!);
  return {
    port: int("--port", flags.port ?? env.LINEWORKS_EMULATOR_PORT) ?? 8787,
    host: flags.host ?? "127.0.0.1",
    dataDir: path.resolve(cwd, flags["data-dir"] ?? env.LINEWORKS_EMULATOR_DATA_DIR ?? ".lineworks-emulator"),
    clientId: env.LINEWORKS_EMULATOR_CLIENT_ID || "emulator-client",
    clientSecret: env.LINEWORKS_EMULATOR_CLIENT_SECRET || "emulator-secret",
    serviceAccount: env.LINEWORKS_EMULATOR_SERVICE_ACCOUNT || "emulator.serviceaccount@example.com",
    domainIds,
    tokenTtlSeconds: int("LINEWORKS_EMULATOR_TOKEN_TTL", env.LINEWORKS_EMULATOR_TOKEN_TTL),
    rateLimitPerMinute: int("LINEWORKS_EMULATOR_RATE_LIMIT", env.LINEWORKS_EMULATOR_RATE_LIMIT),
    latencyMs: int("LINEWORKS_EMULATOR_LATENCY_MS", env.LINEWORKS_EMULATOR_LATENCY_MS),
    featuresOff: bool("--features-off", flags["features-off"] ?? env.LINEWORKS_EMULATOR_FEATURES_OFF),
    seed: seedSize(flags.seed ?? (env.LINEWORKS_EMULATOR_SEED || undefined)),
  };
}

function seedSize(raw: string | undefined): SeedSize | undefined {
  if (raw === undefined) return undefined;
  if (Object.hasOwn(SEED_SIZES, raw)) return raw as SeedSize;
  throw new Error(`--seed must be ${Object.keys(SEED_SIZES).join(" or ")}, not ${raw}`);
}

/**
 * Loads `private-key.pem` (PKCS#8) from the data directory, or generates an RSA 2048 pair on first
 * start. The public key is always derived from the private key so the two cannot drift apart.
 */
function ensureKeyPair(dataDir: string): { privateKeyFile: string; publicKeyPem: string } {
  const privateKeyFile = path.join(dataDir, "private-key.pem");
  const publicKeyFile = path.join(dataDir, "public-key.pem");
  let privatePem: string;
  if (fs.existsSync(privateKeyFile)) {
    privatePem = fs.readFileSync(privateKeyFile, "utf8");
  } else {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    privatePem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    fs.writeFileSync(privateKeyFile, privatePem, { mode: 0o600, flag: "wx" });
  }
  fs.chmodSync(privateKeyFile, 0o600); // also tightens a key file copied in with loose permissions
  const publicKeyPem = createPublicKey(createPrivateKey(privatePem)).export({ type: "spki", format: "pem" }) as string;
  if (!fs.existsSync(publicKeyFile) || fs.readFileSync(publicKeyFile, "utf8") !== publicKeyPem) {
    fs.writeFileSync(publicKeyFile, publicKeyPem, { mode: 0o644 });
  }
  return { privateKeyFile, publicKeyPem };
}

function shellQuote(v: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, "'\\''")}'`;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, { handleSignals: true }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
