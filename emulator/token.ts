// `POST /oauth2/v2.0/token`: the Service Account (JWT bearer, RFC 7523) flow, plus the
// refresh_token grant, and bearer-token checks for the API.
//
// The JWT is verified by hand with node:crypto (no JOSE library): the emulator must reject what
// the real server rejects even where a lenient library would accept it (padding, `+`/`/`).
import { KeyObject, randomBytes, verify } from "node:crypto";
import { clock } from "../clock";
import { ApiError, isPlainObject } from "./api";

export const TOKEN_PATH = "/oauth2/v2.0/token";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const MAX_ASSERTION_LIFETIME_S = 3600;
const MAX_CLOCK_SKEW_S = 60;

export interface TokenOptions {
  publicKey: KeyObject;
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  ttlSeconds: number;
}

export interface TokenResult {
  status: number;
  body: Record<string, unknown>;
}

interface Grant { scopes: string[]; expiresAt: number }

/** OAuth error: body has both the OAuth fields and the API's `{code, description}`. */
class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, readonly detail: string) {
    super(detail);
  }
  toResult(): TokenResult {
    return { status: this.status, body: { error: this.error, error_description: this.detail, code: this.error, description: this.detail } };
  }
}

const badRequest = (d: string) => new OAuthError(400, "invalid_request", d);
const badGrant = (d: string) => new OAuthError(400, "invalid_grant", d);

export class TokenService {
  /** Access tokens in issue order (for leak scans). */
  readonly issuedTokens: string[] = [];
  readonly issuedRefreshTokens: string[] = [];
  // Tokens live in memory only: a restarted emulator answers 401 and clients must re-authenticate.
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, string[]>();

  constructor(private readonly opts: TokenOptions) {}

  /** Handles one token request; never throws. */
  exchange(contentType: string | undefined, body: Buffer): TokenResult {
    try {
      if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? "")) {
        throw badRequest("Content-Type must be application/x-www-form-urlencoded");
      }
      const form = new URLSearchParams(body.toString("utf8"));
      const grantType = form.get("grant_type");
      if (!grantType) throw badRequest("grant_type: required parameter is missing");
      if (grantType !== JWT_BEARER && grantType !== "refresh_token") {
        throw new OAuthError(400, "unsupported_grant_type", `grant_type: ${grantType} is not supported`);
      }
      this.checkClient(form);
      return grantType === JWT_BEARER ? this.jwtGrant(form) : this.refreshGrant(form);
    } catch (e) {
      if (e instanceof OAuthError) return e.toResult();
      throw e;
    }
  }

  /** Validates `Authorization: Bearer <token>`; returns the token's scopes. */
  authenticate(header: string | undefined): string[] {
    const unauthorized = (d: string) => new ApiError(401, "UNAUTHORIZED", d);
    if (header === undefined) throw unauthorized("Authorization header is missing");
    const m = /^Bearer ([^\s]+)$/.exec(header);
    if (!m) throw unauthorized("Authorization header must be exactly 'Bearer <access_token>'");
    const grant = this.access.get(m[1]);
    if (!grant) throw unauthorized("access token is invalid");
    if (clock.now() >= grant.expiresAt) throw unauthorized("access token has expired");
    return grant.scopes;
  }

  expireAll(): void {
    for (const g of this.access.values()) g.expiresAt = 0;
  }

  private checkClient(form: URLSearchParams): void {
    const id = form.get("client_id");
    const secret = form.get("client_secret");
    if (!id) throw badRequest("client_id: required parameter is missing");
    if (!secret) throw badRequest("client_secret: required parameter is missing");
    if (id !== this.opts.clientId || secret !== this.opts.clientSecret) {
      throw new OAuthError(401, "invalid_client", "client authentication failed (client_id or client_secret)");
    }
  }

  private jwtGrant(form: URLSearchParams): TokenResult {
    const scopes = parseScopes(form.get("scope"));
    const assertion = form.get("assertion");
    if (!assertion) throw badRequest("assertion: required parameter is missing");
    this.verifyAssertion(assertion);
    const refreshToken = randomToken();
    this.refresh.set(refreshToken, scopes);
    this.issuedRefreshTokens.push(refreshToken);
    return this.issue(scopes, refreshToken);
  }

  /** Refresh Token Rotation is off by default in the Developer Console: no new refresh token. */
  private refreshGrant(form: URLSearchParams): TokenResult {
    const token = form.get("refresh_token");
    if (!token) throw badRequest("refresh_token: required parameter is missing");
    const scopes = this.refresh.get(token);
    if (!scopes) throw badGrant("refresh_token: unknown refresh token");
    return this.issue(scopes);
  }

  private issue(scopes: string[], refreshToken?: string): TokenResult {
    const accessToken = randomToken();
    this.access.set(accessToken, { scopes, expiresAt: clock.now() + this.opts.ttlSeconds * 1000 });
    this.issuedTokens.push(accessToken);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        token_type: "Bearer",
        expires_in: String(this.opts.ttlSeconds), // a string on purpose: clients must accept string or number
        scope: scopes.join(" "),
      },
    };
  }

  private verifyAssertion(jwt: string): void {
    const parts = jwt.split(".");
    if (parts.length !== 3) throw badGrant("assertion: must be a JWT of three dot-separated segments");
    // base64url without padding (RFC 7515); `=`, `+` and `/` are refused, as is an impossible length.
    if (parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p) || p.length % 4 === 1)) {
      throw badGrant("assertion: segments must be base64url-encoded without padding");
    }
    const header = decodeJson(parts[0], "header");
    if (header.alg !== "RS256") throw badGrant("assertion: header alg must be RS256");
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!verify("sha256", signed, this.opts.publicKey, Buffer.from(parts[2], "base64url"))) {
      throw new OAuthError(401, "invalid_grant", "assertion: signature verification failed");
    }
    const claims = decodeJson(parts[1], "payload");
    if (claims.iss !== this.opts.clientId) throw badGrant("assertion: iss must be the client ID");
    if (claims.sub !== this.opts.serviceAccount) throw badGrant("assertion: sub must be the service account ID");
    const iat = claims.iat;
    const exp = claims.exp;
    for (const [name, v] of [["iat", iat], ["exp", exp]] as const) {
      if (v === undefined) throw badGrant(`assertion: ${name} claim is missing`);
      if (typeof v !== "number" || !Number.isInteger(v)) throw badGrant(`assertion: ${name} must be a number of seconds`);
    }
    // iat/exp are epoch seconds from another process: checked on the wall clock, never the
    // (possibly faster) shared clock. Access-token lifetimes are durations, timed on the clock.
    const now = Math.floor(Date.now() / 1000);
    if ((exp as number) <= now) throw badGrant("assertion: has expired (exp)");
    if ((iat as number) > now + MAX_CLOCK_SKEW_S) throw badGrant("assertion: iat is in the future");
    if ((exp as number) <= (iat as number)) throw badGrant("assertion: exp must be after iat");
    if ((exp as number) - (iat as number) > MAX_ASSERTION_LIFETIME_S) {
      throw badGrant("assertion: exp must be at most 60 minutes after iat");
    }
  }
}

function decodeJson(segment: string, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as unknown;
    if (isPlainObject(v)) return v;
  } catch {
    // fall through
  }
  throw badGrant(`assertion: ${what} is not a JSON object`);
}

/** Space-separated scope names; unknown names are accepted as long as they look like scopes. */
function parseScopes(raw: string | null): string[] {
  const scopes = (raw ?? "").split(" ").filter((s) => s !== "");
  if (scopes.length === 0) throw new OAuthError(400, "invalid_scope", "scope: required parameter is missing");
  const bad = scopes.find((s) => !/^[a-z]+(\.[a-z]+)*$/.test(s));
  if (bad) throw new OAuthError(400, "invalid_scope", `scope: "${bad}" is not a valid scope (scopes are space-separated)`);
  return [...new Set(scopes)];
}

function randomToken(): string {
  return randomBytes(32).toString("base64url");
}
