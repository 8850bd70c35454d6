// What a verb says when it cannot do its work, in the CLI's own terms: its flags and the variables
// it reads, never stack-config keys (lineworks:clientId) or Pulumi advice (`pulumi refresh`),
// which are the provider's (provider/errors.ts writes its hints for `pulumi up`).
import { ConfigError } from "../provider/config";
import { type ErrorKind, LineWorksError } from "../provider/errors";
import type { Io } from "./flags";

/** A command line the verb cannot run (a bad flag value, a missing directory): exit 2. */
export class UsageError extends Error {}

/** Settings the CLI needs and did not get, named as its flags and variables. */
export class CliConfigError extends Error {}

/** Setting -> the flag that gives it (the rest come from their variable only). */
const FLAG_OF: Record<string, string> = { clientId: "client-id", serviceAccount: "service-account", privateKeyFile: "private-key-file", apiUrl: "api-url", authUrl: "auth-url", scope: "scope", domainId: "domain" };

/** The provider's ConfigError as the CLI says it: `--client-id or LINEWORKS_CLIENT_ID is not set`. */
export function cliConfigError(e: ConfigError): CliConfigError {
  const problems = e.problems.map((p) => p.replace(/lineworks:(\w+) \(or (\w+)\)/g, (_, name: string, env: string) => (FLAG_OF[name] ? `--${FLAG_OF[name]} or ${env}` : env)));
  return new CliConfigError(
    `the tenant's settings are incomplete (give each as its flag or environment variable, or --emulator DIR for the local emulator):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}

const TOKEN_API = "POST token";
const API_URL = "Check --api-url (LINEWORKS_API_URL): LINE WORKS' API is https://www.worksapis.com/v1.0";
const AUTH_URL = "Check --auth-url (LINEWORKS_AUTH_URL): LINE WORKS' token endpoint is https://auth.worksmobile.com/oauth2/v2.0/token";

/** The CLI's hint per kind of failure; the token endpoint's failures point at --auth-url. */
const HINTS: Record<ErrorKind, (e: LineWorksError, token: boolean) => string> = {
  not_found: (_, token) => `The URL answered 404 Not Found. ${token ? AUTH_URL : API_URL}.`,
  gone: (_, token) => `The URL answered 410 Gone. ${token ? AUTH_URL : API_URL}.`,
  network: (_, token) => `${token ? AUTH_URL : API_URL}, and the network; --timeout S waits longer.`,
  unauthorized: () =>
    "Check --client-id (LINEWORKS_CLIENT_ID), LINEWORKS_CLIENT_SECRET, --service-account (LINEWORKS_SERVICE_ACCOUNT) and --private-key-file (LINEWORKS_PRIVATE_KEY_FILE): the key must belong to that service account and app.",
  forbidden: (e) => e.hint.replace(/lineworks:scope( \(LINEWORKS_SCOPE\))?/g, "--scope (LINEWORKS_SCOPE)"),
  rate_limited: () => "The API rate limit was still exceeded after retries: wait a minute and run again.",
  invalid: () => "LINE WORKS refused the request as invalid (see its description).",
  conflict: (e) => e.hint,
  server: (e) => e.hint,
};

/** Prints why `verb` failed; returns its exit code (2 for usage, else 1). */
export function failed(verb: string, e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    io.err(e.message);
    return 2;
  }
  if (e instanceof LineWorksError) io.err(`${verb} failed: ${e.summary} ${HINTS[e.kind](e, e.api === TOKEN_API)}`);
  else io.err(`${verb} failed: ${(e as Error).message}`);
  return 1;
}
