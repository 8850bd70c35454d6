// Local LINE WORKS API 2.0 emulator: HTTP server, bearer auth + scopes, per-API rate limits,
// fault injection, request log, concurrency detection and the per-domain write-ordering recorder.
// Resource behaviour lives in API modules (directory.ts, orgunits.ts, users.ts, groups.ts); tokens in token.ts; state
// in store.ts. Times (the request log, rate windows, the ordering recorder, latency) are the
// shared clock's (../clock, which the provider uses too), so tests can run the rules faster.
import { createPublicKey } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { clock } from "../clock";
import { ApiContext, ApiError, ApiModule, ApiResult, RateOrderingRule, RouteMatch, SerialOrderingRule, isPlainObject } from "./api";
import { CustomPropertiesModule, CustomPropertyCollection } from "./customProperties";
import { DIRECTORY_KINDS, DirectoryKind, DirectoryModule } from "./directory";
import { GroupCollection, GroupsModule } from "./groups";
import { OrgUnitCollection, OrgUnitsModule } from "./orgunits";
import { Store } from "./store";
import { TOKEN_PATH, TokenService } from "./token";
import { DEFAULT_TRANSITION } from "./userRecord";
import { UserCollection, UsersModule } from "./users";

export type FeatureName = DirectoryKind;
/** Collections the test controls objects/seed/update/remove address. */
export type CollectionName = FeatureName | OrgUnitCollection | UserCollection | GroupCollection | CustomPropertyCollection;

/** What a module offers the test controls objects/seed/update/remove. */
interface Controls {
  objects(kind: CollectionName, domainId?: number): any[];
  seed(kind: CollectionName, obj: any): any;
  updateRaw(kind: CollectionName, id: string, patch: any): void;
  removeRaw(kind: CollectionName, id: string): void;
}

export interface EmulatorOptions {
  host?: string; // default "127.0.0.1" — loopback only, anything else is refused
  port?: number; // default 0 (ephemeral)
  publicKeyPem: string; // verifies JWT assertions
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  domainIds?: number[]; // default [10000001]; a tenant may hold several domains
  tokenTtlSeconds?: number; // expires_in of issued access tokens; default 86400
  rateLimitPerMinute?: number; // per API operation per domain; default 240
  rateWindowMs?: number; // fixed window length; default 60000
  latencyMs?: number; // artificial delay before each API response; default 0
  dataFile?: string; // JSON persistence; absent = memory only
  features?: Partial<Record<FeatureName, boolean>>; // initial switches for every domain; default all on
  groupListCarriesMembers?: boolean; // GET /groups entries carry members and administrators (doc: group-list); default true, false for the fallback
  twitterAnsweredUntil?: number; // ms since the epoch: until then a member's messenger X is answered as TWITTER; default 2026-08-01 JST
  twitterAcceptedUntil?: number; // ms since the epoch: until then TWITTER is accepted as input (stored as X); default 2026-11-16 JST
}

export type FaultKind = "429" | "500" | "503" | "drop" | "lose-response";

export interface FaultRule {
  kind: FaultKind;
  method?: string;
  /** String: prefix of the request path (with or without the `/v1.0` prefix). RegExp: tested on both. */
  path?: string | RegExp;
  times?: number; // default 1
  resetSeconds?: number; // for 429
}

export interface LogEntry {
  seq: number;
  /** When the request arrived and when its answer was written (clock.now(), ms). */
  start: number;
  end: number;
  method: string;
  path: string; // as requested, no query
  query: string;
  api: string; // "METHOD /route/template"
  status: number; // 0 for drop / lose-response
  fault?: FaultKind;
  domainId?: number;
  objectKey?: string;
}

const API_PREFIX = "/v1.0";
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_DOMAIN = 10000001;

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  entry: LogEntry;
  done: boolean;
  /** API responses wait latencyMs once; set when the wait already happened. */
  delayed: boolean;
  isApi: boolean;
}

interface QueuedFault extends FaultRule { remaining: number }
interface RandomFaults { rate: number; kinds: FaultKind[]; methods?: string[]; next: () => number }
interface RateWindow { start: number; count: number }
type Headers = Record<string, string>;

const errorBody = (code: string, description: string) => ({ code, description });

export class Emulator {
  readonly log: LogEntry[] = [];
  readonly violations: string[] = [];
  /**
   * Breaches of the documented per-domain write ordering (e.g. org-unit writes: one at a time, at
   * least 1000 ms apart; member creates: at most 10 per 1000 ms). Recorded, never refused;
   * separate from `violations` (same object).
   */
  readonly orderingViolations: string[] = [];

  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly store: Store;
  private readonly tokens: TokenService;
  private readonly directory: DirectoryModule;
  private readonly orgUnits: OrgUnitsModule;
  private readonly users: UsersModule;
  private readonly groups: GroupsModule;
  private readonly customProperties: CustomPropertiesModule;
  private readonly modules: ApiModule[];
  private readonly faults: QueuedFault[] = [];
  private random: RandomFaults | undefined;
  private readonly windows = new Map<string, RateWindow>();
  private readonly inFlight = new Map<string, { seq: number; api: string }>();
  /** Per ordering sequence and domain: the last write to arrive and the writes not yet answered. */
  private readonly sequences = new Map<string, { last: LogEntry; open: LogEntry[] }>();
  /** Per rate sequence and domain: the writes that arrived within the rule's window. */
  private readonly recent = new Map<string, LogEntry[]>();
  private seq = 0;
  private baseUrl = "";

  private readonly limit: number;
  private readonly windowMs: number;
  private readonly latencyMs: number;

  private constructor(opts: EmulatorOptions) {
    const domainIds = opts.domainIds ?? [DEFAULT_DOMAIN];
    if (domainIds.length === 0 || !domainIds.every((d) => Number.isInteger(d))) {
      throw new Error("domainIds must be a non-empty list of integers");
    }
    for (const k of ["clientId", "clientSecret", "serviceAccount"] as const) {
      if (!opts[k]) throw new Error(`${k} is required`);
    }
    const features: Record<string, boolean> = {};
    for (const k of DIRECTORY_KINDS) features[k] = opts.features?.[k] ?? true;
    this.store = new Store(domainIds, features, opts.dataFile);
    this.tokens = new TokenService({
      publicKey: createPublicKey(opts.publicKeyPem),
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      serviceAccount: opts.serviceAccount,
      ttlSeconds: opts.tokenTtlSeconds ?? 86400,
    });
    this.directory = new DirectoryModule(this.store);
    // Groups follow deletes and moves of users and deletes of org units (their events).
    this.groups = new GroupsModule(this.store, (ref) => this.users.lookup(ref), { listCarriesMembers: opts.groupListCarriesMembers ?? true });
    this.orgUnits = new OrgUnitsModule(this.store, this.groups, (ref) => this.users.lookup(ref));
    // deletedAt is a date stored in the data file and set by tests: it stays on the wall clock.
    this.users = new UsersModule(this.store, Date.now, this.groups, {
      twitterAnsweredUntil: opts.twitterAnsweredUntil ?? DEFAULT_TRANSITION.twitterAnsweredUntil,
      twitterAcceptedUntil: opts.twitterAcceptedUntil ?? DEFAULT_TRANSITION.twitterAcceptedUntil,
    });
    this.customProperties = new CustomPropertiesModule(this.store);
    this.modules = [this.directory, this.orgUnits, this.users, this.groups, this.customProperties];
    this.limit = opts.rateLimitPerMinute ?? 240;
    this.windowMs = opts.rateWindowMs ?? 60000;
    this.latencyMs = opts.latencyMs ?? 0;
    this.server = http.createServer((req, res) => this.onRequest(req, res));
    this.server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  static async start(opts: EmulatorOptions): Promise<Emulator> {
    const host = opts.host ?? "127.0.0.1";
    if (!isLoopback(host)) throw new Error(`the emulator listens on loopback only, not on ${host}`);
    const emu = new Emulator(opts);
    await new Promise<void>((resolve, reject) => {
      emu.server.once("error", reject);
      emu.server.listen(opts.port ?? 0, host, () => {
        emu.server.off("error", reject);
        resolve();
      });
    });
    const addr = emu.server.address() as AddressInfo;
    const h = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
    emu.baseUrl = `http://${h}:${addr.port}`;
    return emu;
  }

  get url(): string { return this.baseUrl; }
  get apiUrl(): string { return `${this.baseUrl}${API_PREFIX}`; }
  get authUrl(): string { return `${this.baseUrl}${TOKEN_PATH}`; }
  get issuedTokens(): string[] { return this.tokens.issuedTokens; }
  /** Refresh tokens issued (not part of the brief's API; handy for leak scans too). */
  get issuedRefreshTokens(): string[] { return this.tokens.issuedRefreshTokens; }

  // --- test controls -----------------------------------------------------------------------------

  inject(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /** Drops the injected faults not used up yet (a test's `times` to spare must not reach the next). */
  clearFaults(): void {
    this.faults.length = 0;
  }

  randomFaults(opts: { rate: number; kinds: FaultKind[]; seed?: number; methods?: string[] } | null): void {
    this.random = opts && opts.kinds.length > 0
      ? { rate: opts.rate, kinds: [...opts.kinds], methods: opts.methods?.map((m) => m.toUpperCase()), next: mulberry32(opts.seed ?? Date.now()) }
      : undefined;
  }

  expireTokens(): void {
    this.tokens.expireAll();
  }

  /** Like the enable/disable endpoints: disabling wipes the kind's objects in the domain. */
  setFeature(domainId: number, feature: FeatureName, enabled: boolean): void {
    if (!this.store.hasDomain(domainId)) throw new Error(`${domainId} is not a domain of this tenant`);
    this.directory.switchFeature(feature, domainId, enabled);
  }

  featureEnabled(domainId: number, feature: FeatureName): boolean {
    return this.store.isEnabled(domainId, feature);
  }

  /**
   * Objects as the API presents them, in list order (users: soft-deleted ones too; groups: as GET
   * one presents them, with members and administrators, whatever groupListCarriesMembers says).
   */
  objects(kind: CollectionName, domainId?: number): any[] {
    return this.owner(kind).objects(kind, domainId);
  }

  /** Runs test controls (seed, update) with the state saved once at the end, not per object. */
  batch<T>(fn: () => T): T {
    return this.store.batch(fn);
  }

  /** Inserts without validation; returns the object as presented, with generated ID. */
  seed(kind: CollectionName, obj: any): any {
    return this.owner(kind).seed(kind, obj);
  }

  /**
   * Raw merge into a stored object (no validation, no cascades). Users: e.g. `{isPending: false}`
   * (the first login happened), `{deletedAt: Date.now() - 8 * 86400000}` (age a soft delete),
   * `{isAdministrator: true}`, `{isSuperAdmin: true}`. Groups: e.g. `{members: [{id, type}]}` (a
   * member added out of band; user references may be emails, they are resolved when presented).
   */
  update(kind: CollectionName, id: string, patch: any): void {
    this.owner(kind).updateRaw(kind, id, patch);
  }

  /** Removes one stored object (no cascades); throws when it does not exist. */
  remove(kind: CollectionName, id: string): void {
    this.owner(kind).removeRaw(kind, id);
  }

  private owner(kind: CollectionName): Controls {
    if (isDirectoryKind(kind)) return this.directory as Controls;
    if (kind === "groups") return this.groups as Controls;
    if (kind === "customProperties") return this.customProperties as Controls;
    return kind === "users" ? this.users as Controls : this.orgUnits as Controls;
  }

  resetLog(): void {
    this.log.length = 0;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  // --- request pipeline ----------------------------------------------------------------------------

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const method = (req.method ?? "GET").toUpperCase();
    const path = q < 0 ? raw : raw.slice(0, q);
    const ex: Exchange = {
      req, res, done: false, delayed: false, isApi: false,
      entry: { seq: ++this.seq, start: clock.now(), end: 0, method, path, query: q < 0 ? "" : raw.slice(q + 1), api: `${method} ${path}`, status: 0 },
    };
    this.dispatch(ex).catch((e: unknown) => {
      this.reply(ex, 500, errorBody("INTERNAL_SERVER_ERROR", `emulator error: ${e instanceof Error ? e.message : String(e)}`));
    });
  }

  private async dispatch(ex: Exchange): Promise<void> {
    const { path } = ex.entry;
    if (path === TOKEN_PATH) return this.handleToken(ex);
    if (path.startsWith(`${API_PREFIX}/`)) return this.handleApi(ex);
    this.reply(ex, 404, errorBody("NOT_FOUND", `no route for ${path}`));
  }

  private async handleToken(ex: Exchange): Promise<void> {
    if (ex.entry.method !== "POST") {
      return this.reply(ex, 405, errorBody("METHOD_NOT_ALLOWED", "use POST"), { Allow: "POST" });
    }
    const body = await readBody(ex.req);
    if (body === "too-large") return this.replyTooLarge(ex);
    // Faults apply to the token endpoint too; rate limits and latency do not.
    const fault = this.takeFault(ex, false);
    if (fault && fault.kind !== "lose-response") return this.applyFault(ex, fault);
    const result = this.tokens.exchange(ex.req.headers["content-type"], body);
    if (fault) return this.destroy(ex, "lose-response");
    this.reply(ex, result.status, result.body, { "Cache-Control": "no-store" });
  }

  /**
   * Order: body size → auth → route → ordering record → scope → faults → body parse → rate limit →
   * concurrency → latency → execute. Faults come after auth so a client must be authenticated to
   * see them.
   */
  private async handleApi(ex: Exchange): Promise<void> {
    ex.isApi = true;
    const { method } = ex.entry;
    const apiPath = ex.entry.path.slice(API_PREFIX.length);
    const outcome = this.match(method, apiPath);
    const route = outcome && "api" in outcome ? outcome : undefined;
    ex.entry.api = outcome && "methodNotAllowed" in outcome ? outcome.methodNotAllowed : route?.api ?? `${method} ${apiPath}`;
    const query = new URLSearchParams(ex.entry.query);

    const raw = await readBody(ex.req);
    if (raw === "too-large") return this.replyTooLarge(ex);
    const lenientBody = lenientJson(raw);
    ex.entry.domainId = this.rateDomain(query, lenientBody);
    const peek = () => (outcome ? this.rateHeaders(ex.entry.domainId!, ex.entry.api, false).headers : {});

    let scopes: string[];
    try {
      scopes = this.tokens.authenticate(ex.req.headers.authorization);
    } catch (e) {
      return this.replyError(ex, e, { ...peek(), "WWW-Authenticate": 'Bearer error="invalid_token"' });
    }
    if (!outcome) return this.answer(ex, 404, errorBody("NOT_FOUND", `no such API: ${method} ${apiPath}`));
    if (!route) return this.answer(ex, 405, errorBody("METHOD_NOT_ALLOWED", `${method} is not supported on ${apiPath}`), peek());
    this.recordOrdering(ex, route, { method, path: apiPath, query, body: lenientBody });
    if (!route.scopes.some((s) => scopes.includes(s))) {
      const need = route.scopes.length === 1 ? `the scope ${route.scopes[0]}` : `one of the scopes ${route.scopes.join(", ")}`;
      return this.answer(ex, 403, errorBody("FORBIDDEN", `This API requires ${need}.`), peek());
    }

    const fault = this.takeFault(ex, true);
    if (fault && fault.kind !== "lose-response") return this.applyFault(ex, fault, peek());

    let ctx: ApiContext;
    try {
      ctx = { method, path: apiPath, query, body: parseJsonBody(ex.req, raw) };
    } catch (e) {
      return this.replyError(ex, e, peek());
    }

    const rate = this.rateHeaders(ex.entry.domainId, route.api, true);
    if (rate.limited) {
      return this.answer(ex, 429, errorBody("TOO_MANY_REQUESTS", "API rate limit exceeded"), rate.headers);
    }
    await this.executeExclusive(ex, route, ctx, rate.headers, fault?.kind === "lose-response");
  }

  /** Runs the request while holding its object key; a second request on the same key gets 409. */
  private async executeExclusive(ex: Exchange, route: RouteMatch, ctx: ApiContext, headers: Headers, loseResponse: boolean): Promise<void> {
    const key = route.objectKey(ctx);
    ex.entry.objectKey = key;
    const holder = key === undefined ? undefined : this.inFlight.get(key);
    if (holder) {
      this.violations.push(`#${ex.entry.seq} ${ex.entry.method} ${ex.entry.path} overlapped #${holder.seq} ${holder.api} on ${key}`);
      return this.answer(ex, 409, errorBody("CONFLICT", "concurrent request on the same object"), headers);
    }
    if (key !== undefined) this.inFlight.set(key, { seq: ex.entry.seq, api: route.api });
    let result: ApiResult;
    try {
      await this.delay(ex);
      result = route.execute(ctx);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      result = { status: e.status, body: errorBody(e.code, e.description) };
    } finally {
      if (key !== undefined) this.inFlight.delete(key);
    }
    if (loseResponse) return this.destroy(ex, "lose-response");
    this.reply(ex, result.status, result.body, headers);
  }

  /** Writes under an ordering rule, whatever their outcome, are checked against it. */
  private recordOrdering(ex: Exchange, route: RouteMatch, ctx: ApiContext): void {
    const rule = route.ordered;
    const domainId = rule?.domain(ctx);
    if (!rule || domainId === undefined) return;
    const key = `${rule.sequence} ${domainId}`;
    const e = ex.entry;
    const breach = "limit" in rule ? this.rateBreach(key, rule, e) : this.serialBreach(key, rule, e);
    if (breach) this.orderingViolations.push(`#${e.seq} ${e.method} ${e.path} (${rule.sequence}, domain ${domainId}) ${breach}`);
  }

  /**
   * Serial rule: a write arriving while another of the same sequence and domain is unanswered
   * ("overlapping"), or less than minSpacingMs after the previous one arrived, is a breach.
   */
  private serialBreach(key: string, rule: SerialOrderingRule, e: LogEntry): string | undefined {
    const s = this.sequences.get(key);
    this.sequences.set(key, { last: e, open: [...(s?.open.filter((o) => o.end === 0) ?? []), e] });
    if (!s) return undefined;
    const busy = s.open.find((o) => o.end === 0);
    const gap = e.start - s.last.start;
    if (busy) return `overlapping #${busy.seq} ${busy.method} ${busy.path}, still in flight`;
    if (gap < rule.minSpacingMs) {
      return `arrived ${gap} ms after #${s.last.seq} ${s.last.method} ${s.last.path}; at least ${rule.minSpacingMs} ms required`;
    }
    return undefined;
  }

  /** Rate rule: the write that makes more than `limit` arrivals within windowMs is a breach. */
  private rateBreach(key: string, rule: RateOrderingRule, e: LogEntry): string | undefined {
    const within = [...(this.recent.get(key) ?? []).filter((o) => e.start - o.start < rule.windowMs), e];
    this.recent.set(key, within);
    if (within.length <= rule.limit) return undefined;
    return `is write ${within.length} within ${e.start - within[0].start} ms (since #${within[0].seq}); at most ${rule.limit} per ${rule.windowMs} ms allowed`;
  }

  private match(method: string, path: string) {
    for (const m of this.modules) {
      const outcome = m.match(method, path);
      if (outcome) return outcome;
    }
    return undefined;
  }

  // --- rate limiting -------------------------------------------------------------------------------

  /** Rate domain: query domainId, else body domainId, else the tenant's first domain. */
  private rateDomain(query: URLSearchParams, body: unknown): number {
    const candidates = [Number(query.get("domainId") ?? NaN), isPlainObject(body) ? body.domainId : undefined];
    const d = candidates.find((c) => typeof c === "number" && this.store.hasDomain(c));
    return (d as number | undefined) ?? this.store.defaultDomain;
  }

  /** Fixed window per domain and API, starting at the first request after the previous one ended. */
  private rateHeaders(domainId: number, api: string, count: boolean): { limited: boolean; headers: Headers } {
    const key = `${domainId} ${api}`;
    const now = clock.now();
    let w = this.windows.get(key);
    if (w && now >= w.start + this.windowMs) w = undefined;
    if (count) {
      if (!w) { w = { start: now, count: 0 }; this.windows.set(key, w); }
      w.count++;
    }
    const used = w?.count ?? 0;
    const resetMs = w ? w.start + this.windowMs - now : this.windowMs;
    return {
      limited: used > this.limit,
      headers: {
        "rateLimit-limit": String(this.limit),
        "rateLimit-remaining": String(Math.max(0, this.limit - used)),
        "rateLimit-used": String(Math.min(used, this.limit)),
        "rateLimit-reset": String(Math.max(1, Math.ceil(resetMs / 1000))),
        "x-emulator-reset-ms": String(Math.max(0, resetMs)),
      },
    };
  }

  // --- faults --------------------------------------------------------------------------------------

  private takeFault(ex: Exchange, isApi: boolean): FaultRule | undefined {
    const { method, path } = ex.entry;
    const i = this.faults.findIndex((r) => faultMatches(r, method, path));
    if (i >= 0) {
      const rule = this.faults[i];
      if (--rule.remaining <= 0) this.faults.splice(i, 1);
      return rule;
    }
    const r = this.random;
    if (!isApi || !r || (r.methods && !r.methods.includes(method))) return undefined;
    if (r.next() >= r.rate) return undefined;
    return { kind: r.kinds[Math.floor(r.next() * r.kinds.length)] };
  }

  private async applyFault(ex: Exchange, rule: FaultRule, headers: Headers = {}): Promise<void> {
    ex.entry.fault = rule.kind;
    switch (rule.kind) {
      case "drop":
        return this.destroy(ex, "drop");
      case "429": {
        const reset = rule.resetSeconds ?? 1;
        return this.answer(ex, 429, errorBody("TOO_MANY_REQUESTS", "API rate limit exceeded"), {
          ...headers, "rateLimit-limit": String(this.limit), "rateLimit-remaining": "0", "rateLimit-used": String(this.limit),
          "rateLimit-reset": String(reset), "x-emulator-reset-ms": String(reset * 1000),
        });
      }
      case "500":
        return this.answer(ex, 500, errorBody("INTERNAL_SERVER_ERROR", "injected internal server error"), headers);
      case "503":
        return this.answer(ex, 503, errorBody("SERVICE_UNAVAILABLE", "injected service unavailable"), headers);
      default:
        throw new Error(`fault ${rule.kind} cannot be answered`);
    }
  }

  // --- responses -----------------------------------------------------------------------------------

  private async delay(ex: Exchange): Promise<void> {
    if (!ex.isApi || ex.delayed || this.latencyMs <= 0) return;
    ex.delayed = true;
    await clock.sleep(this.latencyMs);
  }

  /** Answers after the artificial latency (API only), so early errors are as slow as successes. */
  private async answer(ex: Exchange, status: number, body?: unknown, headers: Headers = {}): Promise<void> {
    await this.delay(ex);
    this.reply(ex, status, body, headers);
  }

  private async replyError(ex: Exchange, e: unknown, headers: Headers): Promise<void> {
    if (!(e instanceof ApiError)) throw e;
    return this.answer(ex, e.status, errorBody(e.code, e.description), headers);
  }

  private replyTooLarge(ex: Exchange): Promise<void> {
    return this.answer(ex, 413, errorBody("PAYLOAD_TOO_LARGE", `request body exceeds ${MAX_BODY_BYTES} bytes`), { Connection: "close" });
  }

  /** Writes the response and records the log entry before the client can see the response. */
  private reply(ex: Exchange, status: number, body?: unknown, headers: Headers = {}): void {
    if (ex.done) return;
    ex.done = true;
    ex.entry.status = status;
    ex.entry.end = clock.now();
    this.log.push(ex.entry);
    const res = ex.res;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (body === undefined || status === 204) {
      res.writeHead(status);
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json; charset=UTF-8", "Content-Length": String(Buffer.byteLength(text)) });
    res.end(text);
  }

  private destroy(ex: Exchange, fault: "drop" | "lose-response"): void {
    if (ex.done) return;
    ex.done = true;
    ex.entry.status = 0;
    ex.entry.fault = fault;
    ex.entry.end = clock.now();
    this.log.push(ex.entry);
    ex.req.socket.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function isDirectoryKind(kind: CollectionName): kind is DirectoryKind {
  return (DIRECTORY_KINDS as readonly string[]).includes(kind);
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function faultMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  // Accept patterns written with or without the `/v1.0` prefix.
  const forms = path.startsWith(`${API_PREFIX}/`) ? [path, path.slice(API_PREFIX.length)] : [path];
  return forms.some((p) => {
    if (typeof rule.path === "string") return p.startsWith(rule.path);
    const re = rule.path as RegExp;
    re.lastIndex = 0;
    return re.test(p);
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.resolve("too-large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.off("data", onData);
        resolve("too-large");
        return;
      }
      chunks.push(c);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function lenientJson(raw: Buffer): unknown {
  try {
    return raw.length > 0 ? JSON.parse(raw.toString("utf8")) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bodies of POST/PUT/PATCH must be sent as application/json (415 otherwise, as the docs require
 * the header); bodies on other methods are ignored unless they claim to be JSON.
 */
function parseJsonBody(req: http.IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const isJson = /^application\/json\b/i.test(req.headers["content-type"] ?? "");
  if (!isJson) {
    if (["POST", "PUT", "PATCH"].includes(req.method ?? "")) {
      throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
    }
    return undefined;
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiError(400, "BAD_REQUEST", "request body is not valid JSON");
  }
}

/** Deterministic PRNG so a seeded randomFaults run is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
