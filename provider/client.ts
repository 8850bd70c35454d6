// The LINE WORKS API client: one got instance per settings, with the cross-cutting behaviour in
// got's options and hooks — bearer token per attempt, per-domain write gate and per-API request
// budget per attempt, retries with backoff (honouring rateLimit-reset on 429), one token renewal
// on 401 — and a single place that turns failures into typed errors without any secret in them.
import { createHash } from "node:crypto";
import got, { type Got, type RetryObject, RequestError, HTTPError } from "got";
import { clock } from "../clock";
import type { Settings } from "./config";
import { secretValues } from "./config";
import { accessToken } from "./auth";
import { SlidingWindowBudget, type BudgetSlot } from "./budget";
import { currentWriteGate } from "./ordering";
import { apiError, parseErrorBody, redact, LineWorksError } from "./errors";
import { announceRetry } from "./retries";
// Registers the "feature is off" explanation of 403 answers with errors.ts.
import "./kinds/features";
import { EXTERNAL_KEY_REF } from "./schemas";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestSpec {
  method: Method;
  /** Path template under the API base, e.g. `/directory/positions/{id}`; it names the API for budgets and errors. */
  path: string;
  /** Values for `{name}` placeholders; each is URL-encoded as one path segment. */
  params?: Record<string, string>;
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
}

export interface ClientStats {
  requests: number;
  retries: number;
  byApi: Record<string, number>;
}

/**
 * Per-request state in got's `context`. got copies `context` shallowly for every attempt (and
 * merges `retryWithMergedOptions` into it), so this object is shared by all attempts of one
 * request while a plain property set in a hook would not survive a retry.
 */
interface RequestState {
  api: string;
  /** The per-domain write gate this request is under (writes inside a ruled operation only). */
  gate?: SlidingWindowBudget;
  /** Slots taken for the attempt in progress; released once its response or failure is in. */
  held: BudgetSlot[];
}

interface RequestContext {
  state: RequestState;
  renewed?: boolean;
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Ends the slots of the attempt that just finished (idempotent: slots ignore a second done()). */
function release(state: RequestState | undefined): void {
  if (!state) return;
  for (const slot of state.held.splice(0)) slot.done();
}

const NETWORK_CODES = ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "ECONNABORTED", "ERR_GOT_REQUEST_ERROR"];

/** `{id}` addressing: a LINE WORKS ID, or `externalKey:{key}` — the API accepts both in the path. */
export function itemRef(ref: { id?: string | null; externalKey?: string | null }): string {
  if (ref.id) return ref.id;
  if (ref.externalKey) return `${EXTERNAL_KEY_REF}${ref.externalKey}`;
  throw new Error("itemRef needs an id or an external key");
}

export function expandPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(v);
  });
}

const budgets = new Map<string, SlidingWindowBudget>();
const clients = new Map<string, ApiClient>();

function headerNumber(headers: Record<string, string | string[] | undefined>, name: string): number | undefined {
  const raw = headers[name];
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || !Number.isFinite(n) ? undefined : n;
}

export class ApiClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, byApi: {} };
  private readonly http: Got;

  constructor(readonly settings: Settings) {
    this.http = this.createHttp();
  }

  /** The budget for one API operation; shared by every client on the same tenant and app. */
  budget(api: string): SlidingWindowBudget {
    const s = this.settings;
    const key = `${s.apiUrl}\u0000${s.clientId}\u0000${api}`;
    let b = budgets.get(key);
    if (!b) budgets.set(key, (b = new SlidingWindowBudget({ limit: s.requestsPerMinute, windowMs: s.rateWindowMs, sustainedAfterMs: s.sustainedAfterMs })));
    return b;
  }

  /** Backoff for retry `attempt` (1-based): exponential with jitter, capped. */
  backoff(attempt: number): number {
    const { retryBaseDelayMs: base, retryMaxDelayMs: max } = this.settings;
    const exp = Math.min(max, base * 2 ** (attempt - 1));
    return exp / 2 + Math.random() * (exp / 2); // "equal jitter": spreads parallel retries apart
  }

  /**
   * How long a `rateLimit-reset` (seconds) asks to wait. Not capped by retryMaxDelayMs, which
   * bounds backoff guesses: a retry before the reset only meets another 429, and a few of those
   * used to spend every retry inside one window (a large run failed). A fixed window turns over
   * within its length, so a longer value is not believed.
   */
  private resetWait(resetS: number): number {
    return Math.min(resetS * 1000, Math.max(this.settings.rateWindowMs, this.settings.retryMaxDelayMs));
  }

  /** got waits the delay itself, in real time: the backoff and resets are in the clock's time. */
  private calculateDelay = (retry: RetryObject): number => {
    if (retry.error.name === "RetryError") return retry.computedValue; // a 401 renewal: go again at once
    const delay = clock.real(this.retryDelay(retry));
    if (delay > 0) announceRetry(this.settings, delay, retry.attemptCount, this.settings.retryLimit, retry.error);
    return delay;
  };

  private retryDelay({ attemptCount, error }: RetryObject): number {
    if (attemptCount > this.settings.retryLimit) return 0;
    // A failed token request (thrown in beforeRequest) has had its own retries: going again would
    // multiply them, minutes of silence before an unreachable token endpoint is reported.
    if ((error as { cause?: unknown }).cause instanceof LineWorksError) return 0;
    const status = error.response?.statusCode;
    if (status === 429) {
      const resetS = headerNumber(error.response!.headers, "ratelimit-reset") ?? 1;
      return Math.max(this.resetWait(resetS), Math.min(this.settings.retryMaxDelayMs, this.backoff(attemptCount)));
    }
    // A POST that may have reached the server is not repeated blindly: the resource layer looks
    // the object up by its natural key first (a lost create response must not make a duplicate).
    if (error.options.method === "POST") return 0;
    if ((status !== undefined && status >= 500) || (status === undefined && NETWORK_CODES.includes(error.code))) {
      return this.backoff(attemptCount);
    }
    return 0;
  }

  private createHttp(): Got {
    const s = this.settings;
    return got.extend({
      prefixUrl: s.apiUrl,
      responseType: "text",
      timeout: { request: s.requestTimeoutMs },
      retry: {
        limit: s.retryLimit,
        methods: ["GET", "PUT", "PATCH", "DELETE", "POST"],
        statusCodes: [429, 500, 502, 503, 504],
        errorCodes: NETWORK_CODES,
        calculateDelay: this.calculateDelay,
      },
      hooks: {
        beforeRequest: [
          async (options) => {
            const { state } = options.context as unknown as RequestContext;
            const api = state.api;
            // A slot left over from an earlier attempt (none in known paths) must not block this one.
            release(state);
            // Token first, so no slot is held while a token is fetched. Then the write gate, then
            // the API budget; each slot is held until this attempt's response or failure is in
            // and is stamped then (see SlidingWindowBudget), so the spacing holds at the server.
            const token = await accessToken(s);
            if (state.gate && WRITE_METHODS.has(String(options.method).toUpperCase())) state.held.push(await state.gate.acquire());
            state.held.push(await this.budget(api).acquire());
            options.headers.authorization = `Bearer ${token}`;
            this.stats.requests++;
            this.stats.byApi[api] = (this.stats.byApi[api] ?? 0) + 1;
          },
        ],
        beforeRetry: [
          (error) => {
            // An attempt with no response (network error, timeout) ends here, after the backoff:
            // the later the stamp, the safer. Attempts with a response were released already.
            release((error.options.context as unknown as RequestContext).state);
            this.stats.retries++;
          },
        ],
        beforeError: [
          (error) => {
            release((error.options?.context as unknown as RequestContext | undefined)?.state);
            return error;
          },
        ],
        afterResponse: [
          async (response, retryWithMergedOptions) => {
            const ctx = response.request.options.context as unknown as RequestContext;
            // The response is in: the server has seen this attempt.
            release(ctx.state);
            const remaining = headerNumber(response.headers, "ratelimit-remaining");
            const resetS = headerNumber(response.headers, "ratelimit-reset");
            // The server's window is spent although ours is not (another process shares the
            // tenant's budget, or the windows are misaligned): wait for its reset. When our own
            // window is full anyway, the sliding window already waits the exact time.
            const budget = this.budget(ctx.state.api);
            const spent = remaining === 0 && budget.inFlightWindow() < budget.currentLimit();
            if ((spent || response.statusCode === 429) && resetS !== undefined) {
              budget.pauseFor(this.resetWait(resetS));
            }
            if (response.statusCode === 401 && !ctx.renewed) {
              // The token was revoked or expired early: renew once, then repeat the request.
              const sent = String(response.request.options.headers.authorization ?? "").replace(/^Bearer /, "");
              await accessToken(s, sent);
              return retryWithMergedOptions({ context: { renewed: true } });
            }
            return response;
          },
        ],
      },
    });
  }

  /** Sends one request; resolves to the parsed JSON body (undefined for 204). */
  async request<T = unknown>(spec: RequestSpec): Promise<T> {
    const api = `${spec.method} ${spec.path}`;
    const searchParams: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(spec.searchParams ?? {})) if (v !== undefined) searchParams[k] = v;
    // The gate of the ruled operation this request runs inside (DomainWriters.schedule), read
    // here, in the caller's async context, and carried to every attempt in got's context.
    const state: RequestState = { api, gate: WRITE_METHODS.has(spec.method) ? currentWriteGate() : undefined, held: [] };
    const context: RequestContext = { state };
    try {
      const res = await this.http(expandPath(spec.path, spec.params).replace(/^\//, ""), {
        method: spec.method,
        json: spec.json,
        searchParams,
        context: context as unknown as Record<string, unknown>,
      });
      return (res.body ? JSON.parse(res.body) : undefined) as T;
    } catch (e) {
      throw this.toError(e, api);
    } finally {
      // Safety net: whatever path got took, no slot of this request stays pending.
      release(state);
    }
  }

  /** Reads every page of a list endpoint (`count` <= 100, following `responseMetaData.nextCursor`). */
  /** Every item of a paged list, 100 per call; `onPage` hears the running count (progress on long reads). */
  async list<T = unknown>(path: string, listKey: string, searchParams: RequestSpec["searchParams"] = {}, onPage?: (read: number) => void): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.request<Record<string, unknown>>({
        method: "GET",
        path,
        searchParams: { ...searchParams, count: 100, cursor },
      });
      const items = page?.[listKey];
      if (Array.isArray(items)) out.push(...(items as T[]));
      onPage?.(out.length);
      const next = (page?.responseMetaData as { nextCursor?: string | null } | undefined)?.nextCursor;
      cursor = next ? next : undefined;
    } while (cursor);
    return out;
  }

  /** got's errors hold the request options (with the Authorization header): keep none of that. */
  private toError(e: unknown, api: string): LineWorksError {
    if (e instanceof LineWorksError) return e;
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof LineWorksError) return cause; // thrown inside a hook, e.g. by the token request
    if (e instanceof HTTPError) {
      const { code, description } = parseErrorBody(e.response.body);
      return apiError({ api, status: e.response.statusCode, code, description: description && this.scrub(description) });
    }
    const code = e instanceof RequestError ? e.code : undefined;
    return apiError({ api, cause: `no response (${code ?? "error"})` });
  }

  private scrub(text: string): string {
    return redact(text, secretValues(this.settings));
  }
}

/** One client per distinct settings, so budgets, connections and counters are shared. */
const bySettings = new WeakMap<Settings, ApiClient>();

export function clientFor(settings: Settings): ApiClient {
  const known = bySettings.get(settings);
  if (known) return known;
  // Settings include the credentials, so equal digests mean the same tenant, app and knobs.
  const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
  let c = clients.get(key);
  if (!c) clients.set(key, (c = new ApiClient(settings)));
  bySettings.set(settings, c);
  return c;
}
