// Emulator: token endpoint, bearer auth, scopes, rate limits, faults, request log, concurrency.
import { generateKeyPairSync } from "node:crypto";
import { Emulator } from "../emulator";
import {
  Api, CREDS, D1, D2, JWT_BEARER, b64url, claims, expectError, getToken, makeJwt, startEmulator,
  tokenFields, tokenRequest, validBody, kindInfo,
} from "./support/emulator";
import { sleep } from "./support/time";

const positions = kindInfo("positions");

describe("token endpoint", () => {
  let emu: Emulator;
  beforeAll(async () => { emu = await startEmulator(); });
  afterAll(() => emu.stop());

  /** Token errors carry the OAuth fields and the API's {code, description}. */
  function expectTokenError(r: { status: number; body: any }, status: number, error: string, mentions?: string) {
    expect({ status: r.status, error: r.body.error, code: r.body.code }).toEqual({ status, error, code: error });
    expect(r.body.description).toBe(r.body.error_description);
    if (mentions) expect(r.body.error_description).toContain(mentions);
  }

  test("accepts a valid assertion and issues a bearer token", async () => {
    const r = await tokenRequest(emu, tokenFields({ scope: "directory user.read" }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      access_token: expect.any(String), refresh_token: expect.any(String), token_type: "Bearer",
      expires_in: "86400", scope: "directory user.read",
    });
    expect(r.body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(emu.issuedTokens).toContain(r.body.access_token);
    expect(emu.log.at(-1)).toMatchObject({ api: "POST /oauth2/v2.0/token", status: 200, method: "POST" });
    const api = new Api(emu, r.body.access_token);
    expect((await api.get("/directory/positions")).status).toBe(200);
  });

  test("rejects an assertion signed with another key (401)", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: makeJwt(claims(), { key: other }) })), 401, "invalid_grant", "signature");
  });

  test("rejects a tampered payload (401)", async () => {
    const [h, , s] = makeJwt().split(".");
    const forged = `${h}.${b64url(JSON.stringify(claims({ sub: "someone.else@example.com" })))}.${s}`;
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: forged })), 401, "invalid_grant", "signature");
  });

  test.each([
    ["wrong iss", { iss: "other-client" }, "iss"],
    ["wrong sub", { sub: "other.serviceaccount@example.com" }, "sub"],
    ["missing iat", { iat: undefined }, "iat"],
    ["missing exp", { exp: undefined }, "exp"],
    ["string iat", { iat: String(Math.floor(Date.now() / 1000)) }, "iat"],
    ["string exp", { exp: String(Math.floor(Date.now() / 1000) + 600) }, "exp"],
    ["fractional exp", { exp: Math.floor(Date.now() / 1000) + 600.5 }, "exp"],
    ["expired", { iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 10 }, "expired"],
    ["exp more than 60 min after iat", { iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3601 }, "60 minutes"],
    ["iat in the future", { iat: Math.floor(Date.now() / 1000) + 300, exp: Math.floor(Date.now() / 1000) + 900 }, "iat"],
  ])("rejects %s (400 invalid_grant)", async (_name, over, mentions) => {
    const c = claims(over);
    for (const k of Object.keys(over)) if ((over as Record<string, unknown>)[k] === undefined) delete c[k];
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: makeJwt(c) })), 400, "invalid_grant", mentions);
  });

  test("accepts exp exactly 60 minutes after iat", async () => {
    const r = await tokenRequest(emu, tokenFields({ assertion: makeJwt(claims()) }));
    expect(r.status).toBe(200);
  });

  test("rejects padded base64url", async () => {
    const [h, p, s] = makeJwt().split(".");
    const pad = (x: string) => x + "=".repeat((4 - (x.length % 4)) % 4);
    expect(s.length % 4).not.toBe(0); // a 256-byte signature always needs padding
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: `${pad(h)}.${pad(p)}.${pad(s)}` })), 400, "invalid_grant", "padding");
  });

  test("rejects standard (non-url-safe) base64", async () => {
    const [h, p, s] = makeJwt().split(".");
    const std = (x: string) => Buffer.from(x, "base64url").toString("base64").replace(/=+$/, "");
    const sig = std(s);
    expect(sig).toMatch(/[+/]/); // 256 random bytes: practically certain
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: `${h}.${p}.${sig}` })), 400, "invalid_grant", "base64url");
  });

  test.each([
    ["alg none", { alg: "none", typ: "JWT" }],
    ["alg HS256", { alg: "HS256", typ: "JWT" }],
  ])("rejects %s", async (_n, header) => {
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: makeJwt(claims(), { header }) })), 400, "invalid_grant", "RS256");
  });

  test("rejects a non-JWT assertion", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: "abc.def" })), 400, "invalid_grant");
  });

  test("rejects a wrong grant_type", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ grant_type: "client_credentials" })), 400, "unsupported_grant_type", "grant_type");
  });

  test("rejects a missing grant_type", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ grant_type: undefined })), 400, "invalid_request", "grant_type");
  });

  test("rejects a wrong client_id (401)", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ client_id: "other" })), 401, "invalid_client");
  });

  test("rejects a wrong client_secret (401)", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ client_secret: "nope" })), 401, "invalid_client");
  });

  test("rejects a missing client_secret", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ client_secret: undefined })), 400, "invalid_request", "client_secret");
  });

  test("rejects a missing or empty scope", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ scope: undefined })), 400, "invalid_scope", "scope");
    expectTokenError(await tokenRequest(emu, tokenFields({ scope: " " })), 400, "invalid_scope", "scope");
  });

  test("rejects comma-separated scopes", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ scope: "directory,user" })), 400, "invalid_scope");
  });

  test("rejects a missing assertion", async () => {
    expectTokenError(await tokenRequest(emu, tokenFields({ assertion: undefined })), 400, "invalid_request", "assertion");
  });

  test("rejects a JSON body", async () => {
    const r = await tokenRequest(emu, tokenFields(), "application/json");
    expectTokenError(r, 400, "invalid_request", "Content-Type");
  });

  test("token endpoint is POST only", async () => {
    const r = await fetch(emu.authUrl);
    expect(r.status).toBe(405);
  });

  test("refresh_token grant issues a new access token", async () => {
    const first = await tokenRequest(emu, tokenFields());
    const r = await tokenRequest(emu, {
      grant_type: "refresh_token", refresh_token: first.body.refresh_token, client_id: CREDS.clientId, client_secret: CREDS.clientSecret,
    });
    expect(r.status).toBe(200);
    expect(r.body.access_token).not.toBe(first.body.access_token);
    expect((await new Api(emu, r.body.access_token).get("/directory/levels")).status).toBe(200);
    const bad = await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: "x", client_id: CREDS.clientId, client_secret: CREDS.clientSecret });
    expectTokenError(bad, 400, "invalid_grant");
  });

  test("the token endpoint is not rate limited", async () => {
    const small = await startEmulator({ rateLimitPerMinute: 1 });
    try {
      for (let i = 0; i < 4; i++) expect((await tokenRequest(small, tokenFields())).status).toBe(200);
    } finally {
      await small.stop();
    }
  });
});

describe("bearer authentication and scopes", () => {
  let emu: Emulator;
  beforeAll(async () => { emu = await startEmulator({ domainIds: [D1, D2] }); });
  afterAll(() => emu.stop());

  async function raw(authorization?: string) {
    const r = await fetch(`${emu.apiUrl}/directory/positions`, { headers: authorization === undefined ? {} : { Authorization: authorization } });
    return { status: r.status, headers: r.headers, body: await r.json() };
  }

  test.each([
    ["missing header", undefined],
    ["unknown token", "Bearer not-a-token"],
    ["lower-case scheme", "bearer TOKEN"],
    ["two spaces", "Bearer  TOKEN"],
    ["Basic scheme", "Basic dXNlcjpwYXNz"],
  ])("%s → 401 UNAUTHORIZED with WWW-Authenticate", async (_n, header) => {
    const token = await getToken(emu);
    const r = await raw(header?.replace("TOKEN", token));
    expectError(r, 401, "UNAUTHORIZED");
    expect(r.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  });

  test("expireTokens makes every issued token answer 401", async () => {
    const api = await Api.connect(emu);
    expect((await api.get("/directory/positions")).status).toBe(200);
    emu.expireTokens();
    const r = await api.get("/directory/positions");
    expectError(r, 401, "UNAUTHORIZED", "expired");
    expect(r.headers.get("www-authenticate")).toContain("invalid_token");
    api.token = await getToken(emu); // new tokens work again
    expect((await api.get("/directory/positions")).status).toBe(200);
  });

  test("tokens expire after tokenTtlSeconds", async () => {
    const short = await startEmulator({ tokenTtlSeconds: 1 });
    try {
      const r = await tokenRequest(short, tokenFields());
      expect(r.body.expires_in).toBe("1");
      const api = new Api(short, r.body.access_token);
      expect((await api.get("/directory/positions")).status).toBe(200);
      await sleep(1000 * Number(r.body.expires_in) + 100);
      expectError(await api.get("/directory/positions"), 401, "UNAUTHORIZED");
    } finally {
      await short.stop();
    }
  });

  test("directory.read can read but not write (403 naming the scope)", async () => {
    const reader = await Api.connect(emu, "directory.read");
    expect((await reader.get("/directory/positions")).status).toBe(200);
    expectError(await reader.post("/directory/positions", validBody(positions)), 403, "FORBIDDEN", "directory");
    expectError(await reader.post("/directory/positions/disable"), 403, "FORBIDDEN", "directory");
    expect(emu.objects("positions")).toEqual([]);
  });

  test("a token without directory scopes cannot read", async () => {
    const other = await Api.connect(emu, "user.read");
    expectError(await other.get("/directory/levels"), 403, "FORBIDDEN", "directory.read");
  });

  test("unknown API route → 404, wrong method → 405", async () => {
    const api = await Api.connect(emu);
    expectError(await api.get("/directory/nothing"), 404, "NOT_FOUND");
    expectError(await api.get("/calendars"), 404, "NOT_FOUND");
    expect((await api.post("/directory/positions/some-id", {})).status).toBe(405);
    expect((await api.request("PATCH", "/directory/positions", {})).status).toBe(405);
    expectError(await fetch(`${emu.url}/elsewhere`).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() })), 404, "NOT_FOUND");
  });

  test("bodies over 1 MB → 413", async () => {
    const api = await Api.connect(emu);
    const r = await api.post("/directory/positions", { ...validBody(positions), pad: "x".repeat(1024 * 1024) });
    expect(r.status).toBe(413);
    expect(emu.objects("positions")).toEqual([]);
  });
});

describe("rate limiting", () => {
  const WINDOW_MS = 1000;
  let emu: Emulator;
  let api: Api;
  beforeEach(async () => {
    emu = await startEmulator({ domainIds: [D1, D2], rateLimitPerMinute: 3, rateWindowMs: WINDOW_MS });
    api = await Api.connect(emu);
  });
  afterEach(() => emu.stop());

  test("headers count down and the fourth call in a window is 429", async () => {
    for (let i = 1; i <= 3; i++) {
      const r = await api.get("/directory/positions");
      expect(r.status).toBe(200);
      expect(r.headers.get("ratelimit-limit")).toBe("3");
      expect(r.headers.get("ratelimit-used")).toBe(String(i));
      expect(r.headers.get("ratelimit-remaining")).toBe(String(3 - i));
      expect(Number(r.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers.get("x-emulator-reset-ms"))).toBeLessThanOrEqual(WINDOW_MS);
    }
    const limited = await api.get("/directory/positions");
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: "TOO_MANY_REQUESTS", description: "API rate limit exceeded" });
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(emu.log.at(-1)).toMatchObject({ status: 429, api: "GET /directory/positions", domainId: D1 });

    // the window resets
    await sleep(Number(limited.headers.get("x-emulator-reset-ms")) + 20);
    const again = await api.get("/directory/positions");
    expect(again.status).toBe(200);
    expect(again.headers.get("ratelimit-used")).toBe("1");
  });

  test("counts per API operation and per domain", async () => {
    for (let i = 0; i < 3; i++) expect((await api.get("/directory/positions")).status).toBe(200);
    expect((await api.get("/directory/positions")).status).toBe(429);
    // another operation on the same collection has its own budget
    expect((await api.get("/directory/positions/nope")).status).toBe(404);
    expect((await api.post("/directory/positions", validBody(positions))).status).toBe(201);
    // another domain (query or body) has its own budget
    expect((await api.get(`/directory/positions?domainId=${D2}`)).status).toBe(200);
    const other = await api.get(`/directory/positions?domainId=${D2}`);
    expect(other.headers.get("ratelimit-used")).toBe("2");
    expect(emu.log.filter((e) => e.status === 429)).toHaveLength(1);
  });

  test("body domainId selects the counter for creates", async () => {
    for (let i = 0; i < 3; i++) expect((await api.post("/directory/levels", { ...validBody(kindInfo("levels"), { levelName: `L${i}` }) })).status).toBe(201);
    expect((await api.post("/directory/levels", validBody(kindInfo("levels"), { levelName: "L9" }))).status).toBe(429);
    expect((await api.post("/directory/levels", validBody(kindInfo("levels"), { levelName: "L9", domainId: D2 }))).status).toBe(201);
    expect(emu.objects("levels", D1)).toHaveLength(3); // the 429 changed nothing
  });
});

describe("fault injection", () => {
  let emu: Emulator;
  let api: Api;
  beforeEach(async () => {
    emu = await startEmulator();
    api = await Api.connect(emu);
    emu.resetLog();
  });
  afterEach(() => emu.stop());

  test("429 fault with resetSeconds", async () => {
    emu.inject({ kind: "429", method: "GET", path: "/v1.0/directory/positions", resetSeconds: 7 });
    const r = await api.get("/directory/positions");
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ code: "TOO_MANY_REQUESTS", description: "API rate limit exceeded" });
    expect(r.headers.get("ratelimit-reset")).toBe("7");
    expect((await api.get("/directory/positions")).status).toBe(200); // consumed
    expect(emu.log[0]).toMatchObject({ status: 429, fault: "429" });
  });

  test("429 fault defaults to a 1 second reset", async () => {
    emu.inject({ kind: "429" });
    expect((await api.get("/directory/levels")).headers.get("ratelimit-reset")).toBe("1");
  });

  test.each([
    ["500", 500, "INTERNAL_SERVER_ERROR"],
    ["503", 503, "SERVICE_UNAVAILABLE"],
  ] as const)("%s fault", async (kind, status, code) => {
    emu.inject({ kind, method: "POST", path: "/directory/positions" });
    expectError(await api.post("/directory/positions", validBody(positions)), status, code);
    expect(emu.objects("positions")).toEqual([]);
    expect(emu.log[0]).toMatchObject({ status, fault: kind });
    expect((await api.post("/directory/positions", validBody(positions))).status).toBe(201);
  });

  test("drop destroys the connection before applying the request", async () => {
    emu.inject({ kind: "drop", method: "POST" });
    await expect(api.post("/directory/positions", validBody(positions))).rejects.toThrow();
    expect(emu.objects("positions")).toEqual([]);
    expect(emu.log[0]).toMatchObject({ status: 0, fault: "drop", api: "POST /directory/positions" });
  });

  test("lose-response applies the request, then destroys the connection", async () => {
    emu.inject({ kind: "lose-response", method: "POST", path: /positions$/ });
    await expect(api.post("/directory/positions", validBody(positions))).rejects.toThrow();
    expect(emu.objects("positions")).toEqual([expect.objectContaining({ positionName: "Staff" })]);
    expect(emu.log[0]).toMatchObject({ status: 0, fault: "lose-response" });
    // the retry sees the object already there
    expectError(await api.post("/directory/positions", validBody(positions)), 409, "ALREADY_EXIST");
  });

  test("times, method and path filters", async () => {
    emu.inject({ kind: "503", method: "PATCH", times: 2 });
    emu.inject({ kind: "500", path: /\/levels/ });
    expect((await api.get("/directory/positions")).status).toBe(200);
    expect((await api.get("/directory/levels")).status).toBe(500);
    const created = await api.post("/directory/positions", validBody(positions));
    const id = created.body.positionId as string;
    expect((await api.patch(`/directory/positions/${id}`, { displayOrder: 2 })).status).toBe(503);
    expect((await api.patch(`/directory/positions/${id}`, { displayOrder: 2 })).status).toBe(503);
    expect((await api.patch(`/directory/positions/${id}`, { displayOrder: 2 })).status).toBe(200);
  });

  test("faults are checked after authentication", async () => {
    emu.inject({ kind: "500" });
    const anon = new Api(emu, "bogus");
    expect((await anon.get("/directory/positions")).status).toBe(401);
    expect((await api.get("/directory/positions")).status).toBe(500);
  });

  test("faults apply to the token endpoint", async () => {
    emu.inject({ kind: "503", path: "/oauth2" });
    expect((await tokenRequest(emu, tokenFields())).status).toBe(503);
    emu.inject({ kind: "drop", path: "/oauth2/v2.0/token" });
    await expect(tokenRequest(emu, tokenFields())).rejects.toThrow();
    const before = emu.issuedTokens.length;
    emu.inject({ kind: "lose-response", path: "/oauth2/v2.0/token" });
    await expect(tokenRequest(emu, tokenFields())).rejects.toThrow();
    expect(emu.issuedTokens.length).toBe(before + 1); // issued, but the client never saw it
    expect(emu.log.map((e) => e.fault)).toEqual(["503", "drop", "lose-response"]);
  });

  test("randomFaults is deterministic for a seed and spares the token endpoint", async () => {
    async function run(e: Emulator, a: Api): Promise<number[]> {
      e.randomFaults({ rate: 0.5, kinds: ["500", "503", "429"], seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await a.get("/directory/positions")).status);
      expect((await tokenRequest(e, tokenFields())).status).toBe(200);
      e.randomFaults(null);
      return statuses;
    }
    const first = await run(emu, api);
    const other = await startEmulator();
    try {
      const second = await run(other, await Api.connect(other));
      expect(second).toEqual(first);
    } finally {
      await other.stop();
    }
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect((await api.get("/directory/positions")).status).toBe(200); // switched off
  });

  test("randomFaults methods filter", async () => {
    emu.randomFaults({ rate: 1, kinds: ["503"], seed: 1, methods: ["post"] });
    expect((await api.get("/directory/positions")).status).toBe(200);
    expect((await api.post("/directory/positions", validBody(positions))).status).toBe(503);
  });
});

describe("request log", () => {
  test("records every request with route template, query, domain and object key", async () => {
    const emu = await startEmulator({ domainIds: [D1, D2] });
    try {
      await getToken(emu);
      const api = await Api.connect(emu);
      const created = await api.post("/directory/positions", validBody(positions, { domainId: D2, positionExternalKey: "a b" }));
      const id = created.body.positionId as string;
      await api.get(`/directory/positions/externalKey%3Aa%20b?domainId=${D2}`);
      await api.get(`/directory/positions?domainId=${D2}&count=5`);
      const seqs = emu.log.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(emu.log.slice(-3)).toEqual([
        expect.objectContaining({ method: "POST", path: "/v1.0/directory/positions", query: "", api: "POST /directory/positions", status: 201, domainId: D2, objectKey: `positions:${D2}:name=Staff` }),
        expect.objectContaining({ method: "GET", path: "/v1.0/directory/positions/externalKey%3Aa%20b", query: `domainId=${D2}`, api: "GET /directory/positions/{id}", status: 200, domainId: D2, objectKey: `positions:${D2}:${id}` }),
        expect.objectContaining({ method: "GET", api: "GET /directory/positions", query: `domainId=${D2}&count=5`, status: 200 }),
      ]);
      for (const e of emu.log) expect(e.end).toBeGreaterThanOrEqual(e.start);
      expect(emu.log[0].api).toBe("POST /oauth2/v2.0/token");
      emu.resetLog();
      expect(emu.log).toEqual([]);
      await api.get("/directory/levels");
      expect(emu.log).toHaveLength(1);
    } finally {
      await emu.stop();
    }
  });
});

describe("concurrency detection", () => {
  let emu: Emulator;
  let api: Api;
  beforeEach(async () => {
    emu = await startEmulator({ latencyMs: 150 });
    api = await Api.connect(emu);
  });
  afterEach(() => emu.stop());

  test("overlapping requests on one object: the second gets 409 CONFLICT and a violation", async () => {
    const created = await api.post("/directory/positions", validBody(positions, { positionExternalKey: "日本 key" }));
    const id = created.body.positionId as string;
    const [a, b] = await Promise.all([
      api.patch(`/directory/positions/${id}`, { displayOrder: 5 }),
      sleep(30).then(() => api.patch(`/directory/positions/${encodeURIComponent("externalKey:日本 key")}`, { displayOrder: 6 })),
    ]);
    expect(a.status).toBe(200);
    expectError(b, 409, "CONFLICT", "concurrent request on the same object");
    expect(emu.violations).toHaveLength(1);
    expect(emu.violations[0]).toContain(id);
    expect(emu.objects("positions")[0].displayOrder).toBe(5);
  });

  test("overlapping creates with the same name collide", async () => {
    const [a, b] = await Promise.all([
      api.post("/directory/levels", validBody(kindInfo("levels"))),
      sleep(30).then(() => api.post("/directory/levels", validBody(kindInfo("levels")))),
    ]);
    expect([a.status, b.status]).toEqual([201, 409]);
    expect(b.body.code).toBe("CONFLICT");
    expect(emu.violations).toHaveLength(1);
  });

  test("parallel requests on different objects and sequential requests are fine", async () => {
    const p1 = (await api.post("/directory/positions", validBody(positions, { positionName: "A" }))).body.positionId;
    const p2 = (await api.post("/directory/positions", validBody(positions, { positionName: "B" }))).body.positionId;
    const started = Date.now();
    const rs = await Promise.all([
      api.patch(`/directory/positions/${p1}`, { displayOrder: 2 }),
      api.patch(`/directory/positions/${p2}`, { displayOrder: 3 }),
      api.get("/directory/positions"),
    ]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140); // latency applies
    await api.patch(`/directory/positions/${p1}`, { displayOrder: 4 });
    await api.patch(`/directory/positions/${p1}`, { displayOrder: 5 });
    expect(emu.violations).toEqual([]);
  });
});

describe("options", () => {
  test("refuses non-loopback hosts", async () => {
    await expect(startEmulator({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
  });

  test("urls", async () => {
    const emu = await startEmulator();
    try {
      expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emu.apiUrl).toBe(`${emu.url}/v1.0`);
      expect(emu.authUrl).toBe(`${emu.url}/oauth2/v2.0/token`);
    } finally {
      await emu.stop();
    }
  });

  test("JWT_BEARER constant matches", () => {
    expect(JWT_BEARER).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
  });
});
