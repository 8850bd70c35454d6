// Issue 22 part 5: the CLI speaks for itself. Each case asserts the sentence a user reads when the
// command line or the tenant is wrong (cli/flags.ts, cli/tenant.ts, cli/failure.ts,
// provider/retries.ts, in process); the emulator's busy port is in emulator-seed.test.ts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as cli } from "../cli";
import { startFixture, type Fixture } from "../tools/fixture";

interface Run {
  code: number;
  out: string;
  err: string[];
  ms: number;
}

const dirs: string[] = [];
const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "cli-messages-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}, cwd = tmpDir()): Promise<Run> {
  let out = "";
  const err: string[] = [];
  const started = Date.now();
  const code = await cli(argv, { out: (t) => (out += t), err: (l) => err.push(...l.split("\n")), env, cwd });
  return { code, out, err, ms: Date.now() - started };
}

describe("the command line", () => {
  test("an unknown flag: one line naming it and the flag meant, then the usage, exit 2", async () => {
    const r = await run(["export", "--frmat", "json"]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("Unknown flag --frmat: did you mean --format?");
    expect(r.err[1]).toBe("");
    expect(r.err[2]).toMatch(/^Usage: npx pulumi-lineworks export /);
    expect(r.err.join("\n")).not.toContain("To specify a positional argument");
    // Nothing near: the flag alone.
    expect((await run(["validate", "--bogus", "org.yaml"])).err[0]).toBe("Unknown flag --bogus");
    expect((await run(["chart", "--ot", "x.html", "org.yaml"])).err[0]).toBe("Unknown flag --ot: did you mean --out?");
  });

  test("a flag without its value, a switch given one: said in a line, exit 2", async () => {
    const a = await run(["export", "--out"]);
    expect([a.code, a.err[0]]).toEqual([2, "--out needs a value"]);
    const b = await run(["export", "--yes=1"]);
    expect([b.code, b.err[0]]).toEqual([2, "--yes takes no value"]);
  });

  test("--domain abc: must be an integer, exit 2", async () => {
    const r = await run(["export", "--domain", "abc"]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(["--domain must be an integer (a domain ID such as 10000001), not abc"]);
    const env = await run(["export"], { LINEWORKS_DOMAIN_ID: "abc" });
    expect(env.err).toEqual(["LINEWORKS_DOMAIN_ID must be an integer (a domain ID such as 10000001), not abc"]);
  });

  test("--emulator with a mistyped directory: exit 2 naming it, no file written", async () => {
    const cwd = tmpDir();
    const r = await run(["export", "--emulator", ".lineworks-emulatr"], {}, cwd);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `--emulator .lineworks-emulatr: there is no directory ${path.join(cwd, ".lineworks-emulatr")}. Give the data directory of \`npm run emulator\` (its --data-dir, default .lineworks-emulator).`,
    ]);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  test("credentials missing: the CLI's own flags and variables, no stack-config keys", async () => {
    const r = await run(["export"]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "export failed: the tenant's settings are incomplete (give each as its flag or environment variable, or --emulator DIR for the local emulator):",
      "  - --client-id or LINEWORKS_CLIENT_ID is not set — Developer Console app Client ID",
      "  - LINEWORKS_CLIENT_SECRET is not set — app Client Secret",
      "  - --service-account or LINEWORKS_SERVICE_ACCOUNT is not set — service account ID (xxxx.serviceaccount@domain)",
      "  - LINEWORKS_PRIVATE_KEY or --private-key-file or LINEWORKS_PRIVATE_KEY_FILE is not set — service account private key (PEM text)",
    ]);
    expect(r.err.join("\n")).not.toContain("lineworks:");
  });
});

describe("a tenant that does not answer as it should", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(async () => {
    await f?.emulator.stop();
  });

  test("an --api-url that answers 404: check --api-url, no Pulumi advice", async () => {
    const r = await run(["export", "--api-url", `${f.emulator.url}/v2`, "--out", "-"], f.env);
    expect(r.code).toBe(1);
    const failure = r.err.find((l) => l.startsWith("export failed: "))!;
    expect(failure).toMatch(/^export failed: LINE WORKS GET \/directory\/positions failed: 404 .*\. The URL answered 404 Not Found\. Check --api-url \(LINEWORKS_API_URL\): LINE WORKS' API is https:\/\/www\.worksapis\.com\/v1\.0\.$/);
    expect(r.err.join("\n")).not.toMatch(/pulumi|lineworks:/);
  });

  test("an --auth-url that answers 404: check --auth-url", async () => {
    const r = await run(["export", "--auth-url", `${f.emulator.url}/oauth2/token`, "--out", "-"], f.env);
    expect(r.code).toBe(1);
    const failure = r.err.find((l) => l.startsWith("export failed: "))!;
    expect(failure).toContain("The URL answered 404 Not Found. Check --auth-url (LINEWORKS_AUTH_URL): LINE WORKS' token endpoint is https://auth.worksmobile.com/oauth2/v2.0/token.");
    expect(r.err.join("\n")).not.toMatch(/pulumi|lineworks:/);
  });

  test("an unreachable endpoint: a line per retry, failing within about 10 s", async () => {
    // The CLI's own defaults, not the fixture's quick retries.
    const { LINEWORKS_RETRY_BASE_DELAY_MS: _b, LINEWORKS_RETRY_MAX_DELAY_MS: _m, ...env } = f.env;
    const r = await run(["export", "--auth-url", "http://127.0.0.1:9/token", "--api-url", "http://127.0.0.1:9/v1.0", "--out", "-"], env);
    expect(r.code).toBe(1);
    expect(r.err.filter((l) => l.startsWith("retrying"))).toEqual([
      "retrying in 1 s (1/3): connect ECONNREFUSED 127.0.0.1:9",
      "retrying in 2 s (2/3): connect ECONNREFUSED 127.0.0.1:9",
      "retrying in 4 s (3/3): connect ECONNREFUSED 127.0.0.1:9",
    ]);
    expect(r.err[r.err.length - 1]).toBe(
      "export failed: LINE WORKS POST token failed: token endpoint unreachable (ECONNREFUSED). Check --auth-url (LINEWORKS_AUTH_URL): LINE WORKS' token endpoint is https://auth.worksmobile.com/oauth2/v2.0/token, and the network; --timeout S waits longer.",
    );
    expect(r.ms).toBeLessThan(12_000);
  });

  test("--timeout scales the retries (here shorter; it wins over LINEWORKS_RETRY_*), and a bad one is refused", async () => {
    const r = await run(["export", "--timeout", "2", "--auth-url", "http://127.0.0.1:9/token", "--out", "-"], f.env);
    expect(r.err.filter((l) => l.startsWith("retrying"))).toEqual([
      "retrying in 0.2 s (1/3): connect ECONNREFUSED 127.0.0.1:9",
      "retrying in 0.4 s (2/3): connect ECONNREFUSED 127.0.0.1:9",
      "retrying in 0.8 s (3/3): connect ECONNREFUSED 127.0.0.1:9",
    ]);
    expect(r.ms).toBeLessThan(5_000);
    const bad = await run(["export", "--timeout", "soon"], f.env);
    expect([bad.code, bad.err]).toEqual([2, ["--timeout must be a number of seconds, not soon"]]);
  });
});
