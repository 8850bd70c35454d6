// The tenant a verb talks to: the provider's LINEWORKS_* settings, each overridable by a flag, or
// the local emulator's data directory (--emulator DIR). Here, not in provider/, because the core
// must not depend on the emulator (its independent oracle).
import * as path from "node:path";
import { main as startEmulator } from "../emulator/cli";
import { resolveSettings, type Settings } from "../provider/config";
import type { Flag, Io, ValuesOf } from "./flags";

export const TENANT_FLAGS = [
  { name: "emulator", type: "string", value: "DIR", description: "read the local emulator's data directory (npm run emulator) instead of a tenant" },
  { name: "client-id", type: "string", value: "ID", description: "the app's Client ID (default LINEWORKS_CLIENT_ID)" },
  { name: "service-account", type: "string", value: "ID", description: "its service account (default LINEWORKS_SERVICE_ACCOUNT)" },
  { name: "private-key-file", type: "string", value: "FILE", description: "the service account's private key (default LINEWORKS_PRIVATE_KEY_FILE or LINEWORKS_PRIVATE_KEY)" },
  { name: "api-url", type: "string", value: "URL", description: "the API base URL (default LINEWORKS_API_URL)" },
  { name: "auth-url", type: "string", value: "URL", description: "the token endpoint (default LINEWORKS_AUTH_URL)" },
  { name: "scope", type: "string", value: "S", description: "the OAuth scopes requested (default LINEWORKS_SCOPE)" },
] as const satisfies readonly Flag[];

/** What verbs that use TENANT_FLAGS say about credentials, after their flags. */
export const CREDENTIALS_NOTE = `Credentials: the LINEWORKS_* variables the provider reads (LINEWORKS_CLIENT_ID,
LINEWORKS_CLIENT_SECRET, LINEWORKS_SERVICE_ACCOUNT, LINEWORKS_PRIVATE_KEY or
LINEWORKS_PRIVATE_KEY_FILE, LINEWORKS_API_URL, ...), or the flags --client-id, --service-account,
--private-key-file, --api-url, --auth-url, --scope. The client secret is read from the
environment only: on a command line it would stay in the shell history and in ps.`;

/** Flag -> provider setting; --domain is the verb's own flag (its wording says what for). */
const SETTING_OF = [["client-id", "clientId"], ["service-account", "serviceAccount"], ["private-key-file", "privateKeyFile"], ["api-url", "apiUrl"], ["auth-url", "authUrl"], ["scope", "scope"], ["domain", "domainId"]] as const;

export interface Tenant {
  settings: Settings;
  /** Stops the emulator this started, if any. */
  close(): Promise<void>;
}

/** The settings of the tenant the flags name; throws ConfigError when they are incomplete. */
export async function openTenant(values: ValuesOf<typeof TENANT_FLAGS> & { domain?: string }, io: Io): Promise<Tenant> {
  let close = async () => {};
  const env = { ...io.env };
  if (values.emulator !== undefined) {
    // The emulator of this package, started on a free loopback port over its data directory.
    const handle = (await startEmulator(["--port", "0", "--data-dir", path.resolve(io.cwd, values.emulator)], {}, { out: () => {} }))!;
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
    return { settings: resolveSettings(raw, env), close };
  } catch (e) {
    await close();
    throw e;
  }
}
