// Provider settings, resolved in one place: stack config (namespace `lineworks`, handed to the
// dynamic provider's `configure`) first, then an environment variable for each key. Resolution
// happens at call time so no credential is ever captured into the serialized provider.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";

/** One setting: its config key (under `lineworks:`), env fallback, and whether it is secret. */
interface SettingSpec {
  env: string;
  secret?: boolean;
  doc: string;
}

export const SETTINGS = {
  domainId: { env: "LINEWORKS_DOMAIN_ID", doc: "default domain for resources that omit domainId" },
  clientId: { env: "LINEWORKS_CLIENT_ID", doc: "Developer Console app Client ID" },
  clientSecret: { env: "LINEWORKS_CLIENT_SECRET", secret: true, doc: "app Client Secret" },
  serviceAccount: { env: "LINEWORKS_SERVICE_ACCOUNT", doc: "service account ID (xxxx.serviceaccount@domain)" },
  privateKey: { env: "LINEWORKS_PRIVATE_KEY", secret: true, doc: "service account private key (PEM text)" },
  privateKeyFile: { env: "LINEWORKS_PRIVATE_KEY_FILE", doc: "path to the private key PEM file (instead of privateKey)" },
  apiUrl: { env: "LINEWORKS_API_URL", doc: "API base URL" },
  authUrl: { env: "LINEWORKS_AUTH_URL", doc: "token endpoint URL" },
  scope: { env: "LINEWORKS_SCOPE", doc: "OAuth scopes requested" },
  adoptExisting: { env: "LINEWORKS_ADOPT_EXISTING", doc: "create adopts an existing object with the same external key or name" },
  requestsPerMinute: { env: "LINEWORKS_REQUESTS_PER_MINUTE", doc: "request budget per API operation" },
  rateWindowMs: { env: "LINEWORKS_RATE_WINDOW_MS", doc: "length of the budget window (tests shorten it)" },
  sustainedAfterMs: { env: "LINEWORKS_SUSTAINED_AFTER_MS", doc: "after this long busy, an API's budget halves (LINE WORKS' advice for long runs); 0 disables" },
  retryLimit: { env: "LINEWORKS_RETRY_LIMIT", doc: "retries on 429, 5xx and network errors" },
  retryBaseDelayMs: { env: "LINEWORKS_RETRY_BASE_DELAY_MS", doc: "first backoff delay, doubled per retry" },
  retryMaxDelayMs: { env: "LINEWORKS_RETRY_MAX_DELAY_MS", doc: "longest single backoff delay" },
  requestTimeoutMs: { env: "LINEWORKS_REQUEST_TIMEOUT_MS", doc: "deadline of one HTTP attempt" },
  snapshotMaxAgeMs: { env: "LINEWORKS_SNAPSHOT_MAX_AGE_MS", doc: "how old a list snapshot may be when refresh or adoption reads from it (default: the whole run; 0 disables)" },
  conflictWaitMs: { env: "LINEWORKS_CONFLICT_WAIT_MS", doc: "on a name/key conflict, how long to wait for another operation of the same run to free that name or key" },
  maxMemberDeletes: { env: "LINEWORKS_MAX_MEMBER_DELETES", doc: "most members one run may delete; the next delete fails before any call (0: none)" },
} satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

const bool = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])]).transform((v) => v === true || v === "true" || v === "1" || v === "yes");
const int = (min: number) => z.coerce.number().int().min(min);

function settingsSchema() {
  return z.object({
    domainId: int(1).optional(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    serviceAccount: z.string().min(1),
    privateKey: z.string().min(1),
    /** Where privateKey was read from, when it came from lineworks:privateKeyFile (named in messages). */
    privateKeyFile: z.string().optional(),
    apiUrl: z.url().default("https://www.worksapis.com/v1.0"),
    authUrl: z.url().default("https://auth.worksmobile.com/oauth2/v2.0/token"),
    scope: z.string().min(1).default("directory"),
    adoptExisting: bool.default(false),
    requestsPerMinute: int(1).default(240),
    rateWindowMs: int(1).default(60_000),
    sustainedAfterMs: int(0).default(30 * 60_000),
    retryLimit: int(0).default(6),
    retryBaseDelayMs: int(0).default(500),
    retryMaxDelayMs: int(0).default(60_000),
    requestTimeoutMs: int(1).default(30_000),
    // One snapshot per type and domain serves a whole run (a run is one point in time).
    snapshotMaxAgeMs: int(0).default(2 ** 31 - 1),
    conflictWaitMs: int(0).default(3_000),
    // Lets ordinary leavers through; a mass removal needs it raised on purpose.
    maxMemberDeletes: int(0).default(20),
  });
}

export type Settings = z.infer<ReturnType<typeof settingsSchema>>;

/** The settings that cap a kind's deletes per run (a kind's `deleteCap`). */
export type DeleteCapSetting = "maxMemberDeletes";

/** Raised when settings are missing or malformed; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`LINE WORKS provider configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** A source of raw values: `configure`'s config object, or a plain map in tests. */
export type RawConfig = { get(key: string): string | undefined } | Record<string, unknown>;

function lookup(raw: RawConfig | undefined, name: string): unknown {
  if (!raw) return undefined;
  const key = `lineworks:${name}`;
  if (typeof (raw as { get?: unknown }).get === "function") return (raw as { get(k: string): string | undefined }).get(key);
  const map = raw as Record<string, unknown>;
  return map[key] ?? map[name];
}

/** One raw setting, from stack config then the environment, without validating the others. */
export function rawSetting(raw: RawConfig | undefined, name: SettingName, env: NodeJS.ProcessEnv = process.env): unknown {
  const v = lookup(raw, name) ?? env[SETTINGS[name].env];
  return v === "" ? undefined : v;
}

function describe(name: SettingName): string {
  const s: SettingSpec = SETTINGS[name];
  return `lineworks:${name} (or ${s.env})`;
}

/**
 * Resolves settings from stack config, then the environment. Missing credentials are reported
 * together, by config key and environment variable, never with their values.
 */
export function resolveSettings(raw?: RawConfig, env: NodeJS.ProcessEnv = process.env): Settings {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const v = rawSetting(raw, name, env);
    if (v !== undefined) values[name] = v;
  }
  const problems: string[] = [];
  const keyFile = values.privateKey === undefined && typeof values.privateKeyFile === "string" ? values.privateKeyFile : undefined;
  delete values.privateKeyFile;
  if (keyFile !== undefined) {
    // The path is no secret and is named; the file's content never is.
    const problem = readKeyFile(keyFile, values);
    if (problem) problems.push(`${describe("privateKeyFile")} is ${JSON.stringify(keyFile)}${shownPath(keyFile)}, ${problem}`);
  }
  const parsed = settingsSchema().safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]) as SettingName;
      // An unreadable key file is one problem, already listed: not also "privateKey is not set".
      if (name === "privateKey" && keyFile !== undefined && problems.length) continue;
      if (values[name] === undefined) {
        const alt = name === "privateKey" ? ` or ${describe("privateKeyFile")}` : "";
        problems.push(`${describe(name)}${alt} is not set — ${SETTINGS[name].doc}`);
      } else {
        // The message names the key only; a secret's value is never echoed.
        problems.push(`${describe(name)} is invalid: ${(SETTINGS[name] as SettingSpec).secret ? "bad value" : issue.message}`);
      }
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return parsed.data!;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: "which does not exist",
  EACCES: "which this process may not read (permission denied)",
  EPERM: "which this process may not read (permission denied)",
  EISDIR: "which is a directory, not a file",
};

/** Reads the key file into `values.privateKey`; returns why it could not, or undefined. */
function readKeyFile(file: string, values: Record<string, unknown>): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    return `${READ_ERRORS[code] ?? "which cannot be read"} (${code})`;
  }
  if (!text.trim()) return "which is empty";
  values.privateKey = text;
  values.privateKeyFile = file;
  return undefined;
}

/** A relative path with the absolute one it resolves to (the provider's working directory may surprise). */
function shownPath(file: string): string {
  return path.isAbsolute(file) ? "" : ` (${path.resolve(file)})`;
}

/** Values the provider must never print: used to scrub log lines and error messages. */
export function secretValues(s: Partial<Settings>): string[] {
  const out: string[] = [];
  if (s.clientSecret) out.push(s.clientSecret);
  if (s.privateKey) {
    out.push(s.privateKey);
    // Lines of the key body too, in case a fragment is ever echoed.
    for (const line of s.privateKey.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith("-----")) out.push(line);
  }
  return out;
}
