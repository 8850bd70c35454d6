// Helpers for the emulator's own tests, over raw HTTP (not a test file itself). Emulators are
// started the one way tests and benches share (tools/fixture.ts), with its key and credentials.
import { KeyObject, sign } from "node:crypto";
import type { Emulator, EmulatorOptions } from "../../emulator";
import { CREDS, startEmulator, testKeyPair } from "../../tools/fixture";

export { CREDS, startEmulator };
export const D1 = 10000001;
export const D2 = 10000002;
export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/**
 * A test file's emulator: both domains, a limit no file reaches (these files send far more than
 * 240 requests per API a minute), and a client holding a `directory` token.
 */
export async function startBusyEmulator(): Promise<{ emu: Emulator; api: Api }> {
  const emu = await startEmulator({ domainIds: [D1, D2], rateLimitPerMinute: 1_000_000 });
  return { emu, api: await Api.connect(emu) };
}

/** Both domains, the default limits unless `opts` say otherwise, and a client holding a `directory` token. */
export async function startTwoDomainEmulator(opts: Partial<EmulatorOptions> = {}): Promise<{ emu: Emulator; api: Api }> {
  const emu = await startEmulator({ domainIds: [D1, D2], ...opts });
  return { emu, api: await Api.connect(emu) };
}

export const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

export function claims(over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CREDS.clientId, sub: CREDS.serviceAccount, iat: now, exp: now + 3600, ...over };
}

/** Signs a JWT by hand so tests can also produce malformed variants. */
export function makeJwt(payload: Record<string, unknown> = claims(), opts: { header?: Record<string, unknown>; key?: KeyObject } = {}): string {
  const h = b64url(JSON.stringify(opts.header ?? { alg: "RS256", typ: "JWT" }));
  const p = b64url(JSON.stringify(payload));
  const sig = sign("sha256", Buffer.from(`${h}.${p}`), opts.key ?? testKeyPair().privateKey);
  return `${h}.${p}.${b64url(sig)}`;
}

export interface Resp {
  status: number;
  headers: Headers;
  body: any;
}

async function toResp(res: Response): Promise<Resp> {
  const text = await res.text();
  let body: unknown = text;
  try { body = text ? JSON.parse(text) : undefined; } catch { /* keep text */ }
  return { status: res.status, headers: res.headers, body };
}

export async function tokenRequest(emu: Emulator, fields: Record<string, string | undefined>, contentType = "application/x-www-form-urlencoded"): Promise<Resp> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.set(k, v);
  return toResp(await fetch(emu.authUrl, { method: "POST", headers: { "Content-Type": contentType }, body: form.toString() }));
}

export function tokenFields(over: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    grant_type: JWT_BEARER,
    assertion: makeJwt(),
    client_id: CREDS.clientId,
    client_secret: CREDS.clientSecret,
    scope: "directory",
    ...over,
  };
}

export async function getToken(emu: Emulator, scope = "directory"): Promise<string> {
  const r = await tokenRequest(emu, tokenFields({ scope }));
  if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.access_token as string;
}

/** Minimal API client bound to one emulator and token. Paths are below /v1.0. */
export class Api {
  constructor(readonly emu: Emulator, public token: string) {}

  static async connect(emu: Emulator, scope = "directory"): Promise<Api> {
    return new Api(emu, await getToken(emu, scope));
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Resp> {
    const h: Record<string, string> = { Authorization: `Bearer ${this.token}`, ...headers };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      h["Content-Type"] ??= "application/json";
    }
    return toResp(await fetch(this.emu.apiUrl + path, { method, headers: h, body: payload }));
  }

  get(path: string) { return this.request("GET", path); }
  post(path: string, body?: unknown) { return this.request("POST", path, body); }
  put(path: string, body: unknown) { return this.request("PUT", path, body); }
  patch(path: string, body: unknown) { return this.request("PATCH", path, body); }
  del(path: string) { return this.request("DELETE", path); }
}

export interface KindInfo {
  kind: "positions" | "userTypes" | "levels" | "employmentTypes";
  route: string;
  listKey: string;
  idField: string;
  nameField: string;
  extField: string;
  keyScope: "domain" | "tenant";
  flag: string;
  label: string;
  idPrefix: string;
  /** Extra required fields for create/PUT. */
  required: Record<string, unknown>;
  /** Every response property in order, for shape checks. */
  shape: string[];
  hasUserTypeCode: boolean;
}

export const KINDS: KindInfo[] = [
  {
    kind: "positions", route: "positions", listKey: "positions", idField: "positionId", nameField: "positionName",
    extField: "positionExternalKey", keyScope: "domain", flag: "usePosition", label: "position", idPrefix: "position",
    required: {}, hasUserTypeCode: false,
    shape: ["domainId", "positionId", "displayOrder", "positionName", "positionExternalKey", "i18nNames"],
  },
  {
    kind: "levels", route: "levels", listKey: "levels", idField: "levelId", nameField: "levelName",
    extField: "levelExternalKey", keyScope: "domain", flag: "useLevel", label: "level", idPrefix: "level",
    required: { executive: false }, hasUserTypeCode: false,
    shape: ["domainId", "levelId", "displayOrder", "levelName", "levelExternalKey", "executive", "i18nNames"],
  },
  {
    kind: "userTypes", route: "user-types", listKey: "userTypes", idField: "userTypeId", nameField: "userTypeName",
    extField: "userTypeExternalKey", keyScope: "tenant", flag: "useUserType", label: "user type", idPrefix: "employ",
    required: {}, hasUserTypeCode: true,
    shape: ["domainId", "userTypeId", "displayOrder", "userTypeName", "userTypeExternalKey", "i18nNames", "userTypeCode"],
  },
  {
    kind: "employmentTypes", route: "employment-types", listKey: "employmentTypes", idField: "employmentTypeId",
    nameField: "employmentTypeName", extField: "employmentTypeExternalKey", keyScope: "tenant", flag: "useEmploymentType",
    label: "employment type", idPrefix: "employ", required: {}, hasUserTypeCode: true,
    shape: ["domainId", "employmentTypeId", "displayOrder", "employmentTypeName", "employmentTypeExternalKey", "i18nNames", "userTypeCode"],
  },
];

export function kindInfo(kind: KindInfo["kind"]): KindInfo {
  return KINDS.find((k) => k.kind === kind)!;
}

/** A valid create body for the kind. */
export function validBody(k: KindInfo, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { domainId: D1, displayOrder: 1, [k.nameField]: "Staff", ...k.required, ...over };
}

/** Expects `{code, description}` with the description naming the field. */
export function expectError(r: Resp, status: number, code: string, mentions?: string): void {
  expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
  expect(typeof r.body.description).toBe("string");
  if (mentions !== undefined) expect(r.body.description).toContain(mentions);
}
