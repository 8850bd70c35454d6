// The tenant a verb talks to: the provider's LINEWORKS_* settings, each overridable by a flag, or
// the local emulator's data directory (--emulator DIR). Here, not in provider/, because the core
// must not depend on the emulator (its independent oracle).
import * as fs from "node:fs";
import * as path from "node:path";
import { main as startEmulator } from "../emulator/cli";
import { clientFor } from "../provider/client";
import { ConfigError, resolveSettings, SETTINGS, type SettingName, type Settings } from "../provider/config";
import { onRetry } from "../provider/retries";
import { cliConfigError, UsageError } from "./failure";
import type { Flag, Io, ValuesOf } from "./flags";

export const TENANT_FLAGS = [
  { name: "emulator", type: "string", value: "DIR", description: "read the local emulator's data directory (npm run emulator) instead of a tenant" },
  { name: "client-id", type: "string", value: "ID", description: "the app's Client ID (default LINEWORKS_CLIENT_ID)" },
  { name: "service-account", type: "string", value: "ID", description: "its service account (default LINEWORKS_SERVICE_ACCOUNT)" },
  { name: "private-key-file", type: "string", value: "FILE", description: "the service account's private key (default LINEWORKS_PRIVATE_KEY_FILE or LINEWORKS_PRIVATE_KEY)" },
  { name: "api-url", type: "string", value: "URL", description: "the API base URL (default LINEWORKS_API_URL)" },
  { name: "auth-url", type: "string", value: "URL", description: "the token endpoint (default LINEWORKS_AUTH_URL)" },
  { name: "scope", type: "string", value: "S", description: "the OAuth scopes requested (default LINEWORKS_SCOPE)" },
  {
    name: "timeout",
    type: "string",
    value: "S",
    description: "how long to keep retrying an endpoint that does not answer, in seconds (default 10); each attempt waits up to a quarter of it",
  },
] as const satisfies readonly Flag[];

/** The CLI's default --timeout: an unreachable endpoint fails in about this many seconds. */
const DEFAULT_TIMEOUT_S = 10;

/** What verbs that use TENANT_FLAGS say about credentials, after their flags. */
export const CREDENTIALS_NOTE = `Credentials: the LINEWORKS_* variables the provider reads (LINEWORKS_CLIENT_ID,
LINEWORKS_CLIENT_SECRET, LINEWORKS_SERVICE_ACCOUNT, LINEWORKS_PRIVATE_KEY or
LINEWORKS_PRIVATE_KEY_FILE, LINEWORKS_API_URL, ...), or the flags --client-id, --service-account,
--private-key-file, --api-url, --auth-url, --scope. The client secret is read from the
environment only: on a command line it would stay in the shell history and in ps.`;

/** Flag -> provider setting; --domain is the verb's own flag (its wording says what for). */
export const SETTING_OF = [["client-id", "clientId"], ["service-account", "serviceAccount"], ["private-key-file", "privateKeyFile"], ["api-url", "apiUrl"], ["auth-url", "authUrl"], ["scope", "scope"], ["domain", "domainId"]] as const;

export interface Tenant {
  settings: Settings;
  /** Stops the emulator this started, if any. */
  close(): Promise<void>;
}

/** The settings of the tenant the flags name; throws ConfigError when they are incomplete. */
export async function openTenant(values: ValuesOf<typeof TENANT_FLAGS> & { domain?: string }, io: Io): Promise<Tenant> {
  let close = async () => {};
  const env = { ...io.env };
  const [domain, domainFrom] = values.domain !== undefined ? [values.domain, "--domain"] : [env.LINEWORKS_DOMAIN_ID || undefined, "LINEWORKS_DOMAIN_ID"];
  if (domain !== undefined && !/^[1-9]\d*$/.test(domain)) throw new UsageError(`${domainFrom} must be an integer (a domain ID such as 10000001), not ${domain}`);
  const retries = retrySettings(values.timeout, env);
  if (values.emulator !== undefined) {
    // The emulator of this package, started on a free loopback port over its data directory. A
    // mistyped directory would start an empty tenant and export nothing: refuse it instead.
    const dir = path.resolve(io.cwd, values.emulator);
    if (!fs.existsSync(dir)) {
      throw new UsageError(`--emulator ${values.emulator}: there is no directory ${dir}. Give the data directory of \`npm run emulator\` (its --data-dir, default .lineworks-emulator).`);
    }
    const handle = (await startEmulator(["--port", "0", "--data-dir", dir], {}, { out: () => {} }))!;
    close = () => handle.stop();
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
  try {
    const raw: Record<string, string> = {};
    for (const [flag, setting] of SETTING_OF) {
      const v = values[flag];
      if (v !== undefined) raw[`lineworks:${setting}`] = flag === "private-key-file" ? path.resolve(io.cwd, v) : v;
    }
    for (const [setting, v] of Object.entries(retries)) raw[`lineworks:${setting}`] = String(v);
    const settings = resolveSettings(raw, env);
    // The client's settings (clients are shared by equal settings) are what retries report under.
    onRetry(clientFor(settings).settings, (line) => io.err(line));
    return { settings, close };
  } catch (e) {
    await close();
    throw e instanceof ConfigError ? cliConfigError(e) : e;
  }
}

/**
 * Retries and deadlines from --timeout S: 3 retries from S/20 s doubling (0.5, 1, 2 s; the token
 * request 1, 2, 4 s) and S/4 s per attempt, so a refused connection fails in well under S seconds
 * and a silent one in about S. Without --timeout, a LINEWORKS_* variable set for one of them wins.
 */
function retrySettings(timeout: string | undefined, env: NodeJS.ProcessEnv): Partial<Record<SettingName, number>> {
  if (timeout !== undefined && !/^\d+(\.\d+)?$/.test(timeout)) throw new UsageError(`--timeout must be a number of seconds, not ${timeout}`);
  const s = timeout === undefined ? DEFAULT_TIMEOUT_S : Math.max(1, Number(timeout));
  const knobs: Partial<Record<SettingName, number>> = { retryLimit: 3, retryBaseDelayMs: s * 50, requestTimeoutMs: s * 250 };
  if (timeout !== undefined) return knobs;
  return Object.fromEntries(Object.entries(knobs).filter(([k]) => !env[SETTINGS[k as SettingName].env]));
}
