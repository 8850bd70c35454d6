// Service-account authentication: an RS256 JWT (signed with jose) exchanged at the token endpoint
// for an access token. Tokens are cached per credential set until shortly before they expire and
// are shared by every request of this process; concurrent callers wait on one token request.
import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import got from "got";
import { SignJWT } from "jose";
import { clock } from "../clock";
import type { Settings } from "./config";
import { apiError, parseErrorBody, UnauthorizedError } from "./errors";
import { announceRetry } from "./retries";

const TOKEN_API = "POST token";
/** Answers of the token endpoint worth another try. */
const RETRIED_STATUS = [500, 502, 503, 504];
/** JWT lifetime: LINE WORKS accepts at most 60 minutes. */
const ASSERTION_TTL_S = 30 * 60;

interface CachedToken {
  value: string;
  renewAt: number;
}

const tokens = new Map<string, Promise<CachedToken>>();
const counters = { tokenRequests: 0 };

/** Cache key: a digest of the credential set, so no secret is held as a map key. */
export function credentialKey(s: Settings): string {
  return createHash("sha256")
    .update([s.authUrl, s.clientId, s.clientSecret, s.serviceAccount, s.privateKey, s.scope].join("\u0000"))
    .digest("hex");
}

function loadKey(s: Settings): KeyObject {
  try {
    // Accepts PKCS#8 (what the Developer Console issues) and PKCS#1 PEM alike.
    return createPrivateKey(s.privateKey);
  } catch {
    // Names where the key came from (a file's path is no secret), never the key itself.
    const source = s.privateKeyFile ? `the file ${JSON.stringify(s.privateKeyFile)} (lineworks:privateKeyFile)` : "lineworks:privateKey";
    throw new UnauthorizedError("unauthorized", {
      api: TOKEN_API,
      cause: `${source} does not hold a readable PEM private key`,
    });
  }
}

// iat/exp are epoch seconds the token endpoint (another process) checks against its wall clock:
// they stay real, whatever the clock's speed. The token's lifetime (expires_in) is a duration, and
// its renewal is timed on the shared clock like the endpoint's expiry.
export async function signAssertion(s: Settings, nowS = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(s.clientId)
    .setSubject(s.serviceAccount)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + ASSERTION_TTL_S)
    .sign(loadKey(s));
}

async function requestToken(s: Settings): Promise<CachedToken> {
  counters.tokenRequests++;
  const form = {
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    assertion: await signAssertion(s),
    client_id: s.clientId,
    client_secret: s.clientSecret,
    scope: s.scope,
  };
  // The token request has no side effect, so it is safe to retry on 5xx and network errors. The
  // loop is ours, not got's: on Node 24 got's retry of a POST after a refused connection fails at
  // once with ERR_SOCKET_CLOSED_BEFORE_CONNECTION, so each attempt is a fresh request.
  const limit = Math.min(s.retryLimit, 3);
  let res;
  for (let attempt = 1; ; attempt++) {
    let failure: { message: string; code?: string } | undefined;
    try {
      res = await got.post(s.authUrl, { form, throwHttpErrors: false, timeout: { request: s.requestTimeoutMs }, retry: { limit: 0 } });
      if (!RETRIED_STATUS.includes(res.statusCode)) break;
      failure = { message: `Response code ${res.statusCode} (${res.statusMessage ?? ""})` };
    } catch (e) {
      // got's own error holds the request options (with the form): keep only its code and message.
      failure = { message: (e as Error).message, code: (e as { code?: string }).code };
      res = undefined;
    }
    if (attempt > limit) {
      if (res) break; // a 5xx after the last retry: reported below with LINE WORKS' answer
      throw apiError({ api: TOKEN_API, urlSetting: "authUrl", cause: `token endpoint unreachable (${failure.code ?? "error"})` });
    }
    // Doubling from the backoff settings (the defaults give 1, 2, 4 s).
    const delay = Math.min(s.retryMaxDelayMs, s.retryBaseDelayMs * 2 ** attempt);
    announceRetry(s, Math.max(1, clock.real(delay)), attempt, limit, failure);
    await clock.sleep(delay);
  }
  if (res.statusCode !== 200) {
    const { code, description } = parseErrorBody(res.body);
    const init = { api: TOKEN_API, status: res.statusCode, code, description };
    // The token endpoint answers 400/401 for any credential problem: both mean "check credentials".
    throw res.statusCode === 400 || res.statusCode === 401 ? new UnauthorizedError("unauthorized", init) : apiError(init);
  }
  const body = JSON.parse(res.body) as { access_token?: string; expires_in?: string | number };
  const ttlS = Number(body.expires_in);
  if (!body.access_token || !Number.isFinite(ttlS)) {
    throw apiError({ api: TOKEN_API, status: 502, code: "BAD_TOKEN_RESPONSE", description: "token response lacks access_token or expires_in" });
  }
  // Renew a minute early (or at 90 % of a short lifetime) so no request carries a dying token.
  const marginMs = Math.min(60_000, ttlS * 100);
  return { value: body.access_token, renewAt: clock.now() + ttlS * 1000 - marginMs };
}

/** Returns a valid access token; `stale` (the token a 401 rejected) forces one renewal. */
export async function accessToken(s: Settings, stale?: string): Promise<string> {
  const key = credentialKey(s);
  let entry = tokens.get(key);
  if (entry) {
    const cached = await entry.catch(() => undefined);
    if (cached && cached.renewAt > clock.now() && cached.value !== stale) return cached.value;
    if (tokens.get(key) !== entry) return accessToken(s, stale); // someone renewed meanwhile
  }
  entry = requestToken(s);
  tokens.set(key, entry);
  entry.catch(() => tokens.get(key) === entry && tokens.delete(key));
  return (await entry).value;
}

export function tokenRequestCount(): number {
  return counters.tokenRequests;
}
