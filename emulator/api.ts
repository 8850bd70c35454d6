// Contract between the HTTP server (auth, rate limits, faults, log) and the API modules that
// implement resource collections. A module only matches routes and executes requests; it never
// sees sockets, tokens or rate windows. New collections (org units, users, groups) are new
// modules implementing ApiModule.
import type { Store } from "./store";

/** An error answered as `{code, description}` with the given HTTP status. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly description: string) {
    super(description);
  }
}

export interface ApiContext {
  method: string;
  /** Path below `/v1.0`, still percent-encoded, e.g. `/directory/positions/externalKey%3Aa%20b`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had no body. */
  body: unknown;
}

export interface ApiResult {
  status: number;
  body?: unknown;
}

export interface RouteMatch {
  /** Operation name used for rate limiting and the log, e.g. `PATCH /directory/positions/{id}`. */
  api: string;
  /** The token needs at least one of these scopes. */
  scopes: readonly string[];
  /** Key of the object the request touches, for concurrency detection; undefined = none. */
  objectKey(ctx: ApiContext): string | undefined;
  /** Applies the request (synchronously, so a request is all-or-nothing) and persists. */
  execute(ctx: ApiContext): ApiResult;
  /** Set on writes that the docs order per domain; the server records breaches, it does not refuse them. */
  ordered?: OrderingRule;
}

/**
 * A documented per-domain write rule; the server records breaches, it never refuses them.
 * Serial (`minSpacingMs`): the writes of one `sequence` in one domain must not overlap and must
 * arrive at least minSpacingMs after one another. Rate (`limit` + `windowMs`): writes may overlap,
 * but at most `limit` of them may arrive within any windowMs.
 */
export type OrderingRule = SerialOrderingRule | RateOrderingRule;

interface OrderingRuleBase {
  /** Name of the sequence, e.g. "org-unit write"; routes naming the same sequence share it. */
  sequence: string;
  /** Domain whose sequence the request joins (ctx.body is parsed leniently); undefined = none. */
  domain(ctx: ApiContext): number | undefined;
}

export interface SerialOrderingRule extends OrderingRuleBase {
  minSpacingMs: number;
}

export interface RateOrderingRule extends OrderingRuleBase {
  limit: number;
  windowMs: number;
}

export type MatchOutcome = RouteMatch | { methodNotAllowed: string } | undefined;

export interface ApiModule {
  match(method: string, path: string): MatchOutcome;
}

export interface ModuleEnv {
  store: Store;
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** Parses an int32 query parameter; undefined when absent. */
export function intQuery(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new ApiError(400, "INVALID_PARAMETER", `${name}: must be an integer`);
  const n = Number(raw);
  if (n < INT32_MIN || n > INT32_MAX) throw new ApiError(400, "INVALID_PARAMETER", `${name}: must be a 32-bit integer`);
  return n;
}

/**
 * Checks that a domain belongs to the tenant. Unknown domains are answered 400
 * INVALID_PARAMETER (not 404): the real status is unconfirmed, and a domain ID is a parameter
 * value rather than an addressed resource.
 */
export function requireDomain(store: Store, domainId: number, field = "domainId"): number {
  if (!store.hasDomain(domainId)) {
    throw new ApiError(400, "INVALID_PARAMETER", `${field}: ${domainId} is not a domain of this tenant`);
  }
  return domainId;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
