// The API client against the emulator over real HTTP: tokens, typed errors, retries, budget,
// pagination, external-key addressing, and no secret in any error or log line. On a fast clock:
// token lifetimes, resets and budget windows are the clock's, on both sides.
import { clock } from "../clock";
import { clientFor, ApiClient, itemRef } from "../provider/client";
import { tokenRequestCount } from "../provider/auth";
import { ConflictError, ForbiddenError, InvalidError, NetworkError, NotFoundError, RateLimitedError, ServerError, UnauthorizedError, LineWorksError } from "../provider/errors";
import { startFixture, leaks, errorOf, DOMAIN, type Fixture } from "../tools/fixture";
import { sleep, useFastClock } from "./support/time";

useFastClock();

const tokenCalls = (f: Fixture) => f.emulator.log.filter((e) => e.path.endsWith("/oauth2/v2.0/token")).length;
const apiCalls = (f: Fixture, method: string, prefix: string) => f.emulator.log.filter((e) => e.method === method && e.path.includes(prefix));

describe("API client", () => {
  let f: Fixture;
  let client: ApiClient;
  beforeEach(async () => {
    f = await startFixture({ tokenTtlSeconds: 3600 });
    client = new ApiClient(f.settings());
  });
  afterEach(() => f.emulator.stop());

  const createPosition = (name: string, extra: Record<string, unknown> = {}) =>
    client.request<any>({ method: "POST", path: "/directory/positions", json: { domainId: DOMAIN, positionName: name, displayOrder: 1, ...extra } });

  test("one token serves many requests", async () => {
    const before = tokenRequestCount();
    await createPosition("A");
    await Promise.all([1, 2, 3, 4, 5].map(() => client.list("/directory/positions", "positions", { domainId: DOMAIN })));
    expect(tokenCalls(f)).toBe(1);
    expect(tokenRequestCount() - before).toBe(1);
  });

  test("the token is renewed shortly before it expires", async () => {
    await f.emulator.stop();
    f = await startFixture({ tokenTtlSeconds: 2 });
    client = new ApiClient(f.settings());
    await client.list("/directory/positions", "positions");
    await sleep(2100);
    await client.list("/directory/positions", "positions");
    expect(tokenCalls(f)).toBe(2);
    expect(f.emulator.log.some((e) => e.status === 401)).toBe(false);
  });

  test("a 401 renews the token once and repeats the request", async () => {
    await createPosition("A");
    f.emulator.expireTokens();
    const list = await client.list<any>("/directory/positions", "positions");
    expect(list.map((p) => p.positionName)).toEqual(["A"]);
    expect(tokenCalls(f)).toBe(2);
    expect(f.emulator.log.filter((e) => e.status === 401)).toHaveLength(1);
  });

  test("wrong credentials fail as unauthorized, naming what to check", async () => {
    const bad = new ApiClient(f.settings({ clientSecret: "not-the-secret" }));
    const e = await errorOf(bad.list("/directory/positions", "positions"));
    expect(e).toBeInstanceOf(UnauthorizedError);
    expect(e.message).toMatch(/clientSecret/);
  });

  test("every error status maps to a typed error with LINE WORKS' code and description", async () => {
    await createPosition("Dup", { positionExternalKey: "DUP" });
    const invalid = await errorOf(createPosition("x".repeat(101)));
    expect(invalid).toBeInstanceOf(InvalidError);
    expect(invalid.status).toBe(400);
    expect(invalid.code).toBeTruthy();
    expect(invalid.description).toMatch(/positionName/);
    expect(invalid.message).toContain(invalid.description!);

    const conflict = await errorOf(createPosition("Dup"));
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.status).toBe(409);

    const missing = await errorOf(client.request({ method: "GET", path: "/directory/positions/{id}", params: { id: "position-nope" } }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.status).toBe(404);

    const reader = new ApiClient(f.settings({ scope: "directory.read" }));
    const forbidden = await errorOf(reader.request({ method: "POST", path: "/directory/positions", json: { domainId: DOMAIN, positionName: "R", displayOrder: 1 } }));
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect(forbidden.message).toMatch(/directory/);

    const noRetry = new ApiClient(f.settings({ retryLimit: "0" }));
    f.emulator.inject({ kind: "429", method: "GET" });
    expect(await errorOf(noRetry.list("/directory/positions", "positions"))).toBeInstanceOf(RateLimitedError);
    f.emulator.inject({ kind: "503", method: "GET" });
    const server = await errorOf(noRetry.list("/directory/positions", "positions"));
    expect(server).toBeInstanceOf(ServerError);
    expect(server.code).toBe("SERVICE_UNAVAILABLE");
    f.emulator.inject({ kind: "drop", method: "GET" });
    expect(await errorOf(noRetry.list("/directory/positions", "positions"))).toBeInstanceOf(NetworkError);
  });

  test("429 is retried after rateLimit-reset", async () => {
    f.emulator.inject({ kind: "429", method: "GET", resetSeconds: 1 });
    const t0 = clock.now();
    await client.list("/directory/positions", "positions");
    expect(clock.now() - t0).toBeGreaterThanOrEqual(950);
    expect(apiCalls(f, "GET", "/directory/positions").map((e) => e.status)).toEqual([429, 200]);
  });

  test("a 429 waits the whole rateLimit-reset, even past retryMaxDelayMs (a retry before it only meets another 429)", async () => {
    const capped = new ApiClient(f.settings({ retryMaxDelayMs: "500" }));
    f.emulator.inject({ kind: "429", method: "GET", resetSeconds: 3 });
    const t0 = clock.now();
    await capped.list("/directory/positions", "positions");
    expect(clock.now() - t0).toBeGreaterThanOrEqual(2950);
    expect(apiCalls(f, "GET", "/directory/positions").map((e) => e.status)).toEqual([429, 200]);
  });

  test("503 and a dropped connection are retried", async () => {
    const p = await createPosition("Retry");
    f.emulator.inject({ kind: "503", method: "PATCH" });
    f.emulator.inject({ kind: "drop", method: "GET" });
    await client.request({ method: "PATCH", path: "/directory/positions/{id}", params: { id: p.positionId }, json: { displayOrder: 5 } });
    const got = await client.request<any>({ method: "GET", path: "/directory/positions/{id}", params: { id: p.positionId } });
    expect(got.displayOrder).toBe(5);
    expect(apiCalls(f, "PATCH", "/directory/positions/").map((e) => e.status)).toEqual([503, 200]);
    expect(apiCalls(f, "GET", "/directory/positions/").map((e) => e.status)).toEqual([0, 200]);
  });

  test("retries give up within their bound", async () => {
    const limited = new ApiClient(f.settings({ retryLimit: "2" }));
    f.emulator.inject({ kind: "503", method: "GET", times: 10 });
    const e = await errorOf(limited.list("/directory/positions", "positions"));
    expect(e).toBeInstanceOf(ServerError);
    expect(apiCalls(f, "GET", "/directory/positions")).toHaveLength(3);
    expect(limited.stats.retries).toBe(2);
  });

  test("a failed create is not repeated blindly (the resource layer recovers it by natural key)", async () => {
    await client.list("/directory/positions", "positions"); // token first: the fault is for the create
    f.emulator.inject({ kind: "503", method: "POST", path: "/v1.0/directory/positions" });
    expect(await errorOf(createPosition("Once"))).toBeInstanceOf(ServerError);
    expect(apiCalls(f, "POST", "/directory/positions")).toHaveLength(1);
  });

  test("lists follow the cursor over more than 100 objects", async () => {
    for (let i = 0; i < 230; i++) f.emulator.seed("positions", { domainId: DOMAIN, positionName: `P${i}`, displayOrder: i });
    const all = await client.list<any>("/directory/positions", "positions", { domainId: DOMAIN });
    expect(all).toHaveLength(230);
    expect(new Set(all.map((p) => p.positionId)).size).toBe(230);
    const pages = apiCalls(f, "GET", "/directory/positions");
    expect(pages).toHaveLength(3);
    expect(pages.every((e) => /count=100/.test(e.query))).toBe(true);
    expect(client.stats.byApi["GET /directory/positions"]).toBe(3);
  });

  test("externalKey: addressing is URL-encoded", async () => {
    const key = "営業 Sales&Co+1:x";
    await createPosition("Keyed", { positionExternalKey: key });
    const got = await client.request<any>({ method: "GET", path: "/directory/positions/{id}", params: { id: itemRef({ externalKey: key }) }, searchParams: { domainId: DOMAIN } });
    expect(got.positionExternalKey).toBe(key);
  });

  test("the budget keeps a burst free of 429s", async () => {
    await f.emulator.stop();
    f = await startFixture({ rateLimitPerMinute: 10, rateWindowMs: 1000 });
    const budgeted = new ApiClient(f.settings({ requestsPerMinute: "10", rateWindowMs: "1000" }));
    const t0 = clock.now();
    await Promise.all(Array.from({ length: 35 }, () => budgeted.list("/directory/positions", "positions")));
    const calls = apiCalls(f, "GET", "/directory/positions");
    expect(calls).toHaveLength(35);
    expect(calls.filter((e) => e.status === 429)).toHaveLength(0);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(3000);
  });

  test("without the budget the same burst is refused by the emulator (the test can fail)", async () => {
    await f.emulator.stop();
    // The emulator's whole minute: the 20 requests fall in one window however slow the machine.
    f = await startFixture({ rateLimitPerMinute: 10, rateWindowMs: 60_000 });
    const unbudgeted = new ApiClient(f.settings({ requestsPerMinute: "1000", rateWindowMs: "1000", retryLimit: "0" }));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => unbudgeted.list("/directory/positions", "positions")));
    expect(results.filter((r) => r.status === "rejected").length).toBeGreaterThan(0);
  });

  test("no secret appears in errors or log lines", async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, "error").mockImplementation((...a) => void lines.push(a.join(" ")));
    const spyLog = jest.spyOn(console, "log").mockImplementation((...a) => void lines.push(a.join(" ")));
    try {
      const errors: unknown[] = [];
      const noRetry = new ApiClient(f.settings({ retryLimit: "0" }));
      await createPosition("S");
      for (const kind of ["429", "503", "drop"] as const) {
        f.emulator.inject({ kind, method: "GET" });
        errors.push(await errorOf(noRetry.list("/directory/positions", "positions")));
      }
      errors.push(await errorOf(createPosition("S")));
      f.emulator.expireTokens();
      errors.push(await errorOf(new ApiClient(f.settings({ clientSecret: "wrong-secret-value-123" })).list("/directory/positions", "positions")));
      errors.push(await errorOf(new ApiClient(f.settings({ privateKey: `-----BEGIN ${"PRIVATE"} KEY-----\nnot a key\n-----END ${"PRIVATE"} KEY-----` })).list("/x", "x")));
      const text = errors.map((e) => `${(e as Error).message}\n${(e as Error).stack}\n${JSON.stringify(e)}`).join("\n") + lines.join("\n");
      expect(f.emulator.issuedTokens.length).toBeGreaterThan(0);
      expect(leaks(text, [...f.secrets(), "wrong-secret-value-123"])).toEqual([]);
    } finally {
      spy.mockRestore();
      spyLog.mockRestore();
    }
  });

  test("clients are shared per settings", () => {
    expect(clientFor(f.settings())).toBe(clientFor(f.settings()));
    expect(clientFor(f.settings())).not.toBe(clientFor(f.settings({ requestsPerMinute: "60" })));
  });
});
