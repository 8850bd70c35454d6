// Emulators for tests and benches: `startEmulator` is the one way to start one, with this
// process's service-account key; `startFixture` adds the provider settings (as stack config keys
// and as environment variables) that point at it.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { Emulator, type EmulatorOptions } from "../emulator";
import type { Settings } from "../provider/config";
import { resolveSettings } from "../provider/config";
import type { LineWorksError } from "../provider/errors";

export interface Fixture {
  emulator: Emulator;
  privateKey: string;
  clientSecret: string;
  /** Stack config, as `configure` receives it. */
  config: Record<string, string>;
  /** The same settings as LINEWORKS_* environment variables. */
  env: Record<string, string>;
  settings(overrides?: Record<string, string>): Settings;
  /** Every secret a leak scan must not find. */
  secrets(): string[];
}

export const DOMAIN = 10000001;

/** The app and service account an emulator of startEmulator accepts unless told otherwise. */
export const CREDS = {
  clientId: "test-client",
  clientSecret: "test-secret",
  serviceAccount: "svc.serviceaccount@example.com",
};

export interface KeyPair {
  privateKey: KeyObject;
  privatePem: string;
  publicKeyPem: string;
}

let keys: KeyPair | undefined;

/**
 * One RSA 2048 pair per process (a test file, a bench run), generated at run time: no PEM files
 * in the repository, and no second or so of key generation for every emulator.
 */
export function testKeyPair(): KeyPair {
  if (!keys) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    keys = {
      privateKey,
      privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
  }
  return keys;
}

/** An emulator that verifies this process's key, with CREDS unless `opts` say otherwise. */
export function startEmulator(opts: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return Emulator.start({ publicKeyPem: testKeyPair().publicKeyPem, ...CREDS, ...opts });
}

export async function startFixture(opts: Partial<EmulatorOptions> = {}, knobs: Record<string, string> = {}): Promise<Fixture> {
  const privatePem = testKeyPair().privatePem;
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const emulator = await startEmulator({
    clientSecret,
    serviceAccount: "test.serviceaccount@example.com",
    domainIds: [DOMAIN, 20000002],
    ...opts,
  });
  const base: Record<string, string> = {
    domainId: String(DOMAIN),
    clientId: "test-client",
    clientSecret,
    serviceAccount: "test.serviceaccount@example.com",
    privateKey: privatePem,
    apiUrl: emulator.apiUrl,
    authUrl: emulator.authUrl,
    retryBaseDelayMs: "20",
    retryMaxDelayMs: "2000",
    ...knobs,
  };
  const envName = (k: string) => `LINEWORKS_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  const config = Object.fromEntries(Object.entries(base).map(([k, v]) => [`lineworks:${k}`, v]));
  const env = Object.fromEntries(Object.entries(base).map(([k, v]) => [envName(k), v]));
  return {
    emulator,
    privateKey: privatePem,
    clientSecret,
    config,
    env,
    settings: (overrides = {}) => resolveSettings(Object.fromEntries(Object.entries({ ...base, ...overrides }).map(([k, v]) => [`lineworks:${k}`, v])), {}),
    secrets: () => [
      clientSecret,
      ...privatePem.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----")),
      ...emulator.issuedTokens,
    ],
  };
}

/** Lines of `text` that contain any of `secrets`. */
export function leaks(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => s && text.includes(s)).map((s) => `${s.slice(0, 6)}…`);
}

/** The error `p` rejects with (typed as the API client's errors); fails when it resolves. */
export async function errorOf<E extends Error = LineWorksError>(p: Promise<unknown>): Promise<E> {
  try {
    await p;
  } catch (e) {
    return e as E;
  }
  throw new Error("expected a failure");
}

/** A deterministic PRNG (numbers in [0, 1)), so a failing soak can be replayed from its seed. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
