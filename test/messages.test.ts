// The wording of the messages a user reads: check failures, configuration problems and API
// errors say what is wrong (and where), not something else; names are judged by the documented
// half-width rule only.
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { check, configure, create, UNKNOWN } from "../provider/lifecycle";
import { ConfigError, resolveSettings } from "../provider/config";
import { signAssertion } from "../provider/auth";
import { ApiClient } from "../provider/client";
import { apiError, ForbiddenError, LineWorksError, NetworkError, UnauthorizedError } from "../provider/errors";
import { KINDS } from "../provider/kinds";
import { startFixture, errorOf, DOMAIN, type Fixture } from "../tools/fixture";

const reasons = (type: string, news: Record<string, unknown>) => check(type, {}, news).failures.map((f) => f.reason);
const position = (extra: Record<string, unknown> = {}) => ({ domainId: DOMAIN, positionName: "Staff", displayOrder: 1, ...extra });
const level = (extra: Record<string, unknown> = {}) => ({ domainId: DOMAIN, levelName: "Staff", displayOrder: 1, executive: false, ...extra });

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

/** Whether this process can read `file` despite its mode (root can). */
function canRead(file: string): boolean {
  try {
    fs.readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

beforeEach(() => configure({}));

describe("check: a wrong type is not a missing value", () => {
  test.each([
    ["displayOrder \"10\"", "Position", position({ displayOrder: "10" }), 'Position displayOrder: must be an integer, got the string "10"'],
    ["displayOrder 1.5", "Position", position({ displayOrder: 1.5 }), "Position displayOrder: must be an integer, got the number 1.5"],
    ["executive \"true\"", "Level", level({ executive: "true" }), 'Level executive: must be true or false, got the string "true"'],
    ["domainId \"10000001\"", "Position", position({ domainId: "10000001" }), 'Position domainId: must be an integer domain ID, got the string "10000001"'],
    ["a numeric name", "Position", position({ positionName: 5 }), "Position positionName: must be a string, got the number 5"],
    ["a null name", "Position", position({ positionName: null }), "Position positionName: must be a string, got null"],
    ["i18nNames as a string", "Position", position({ i18nNames: "スタッフ" }), 'Position i18nNames: must be a list, got the string "スタッフ"'],
  ])("%s", (_label, type, news, reason) => {
    const got = reasons(type, news);
    expect(got).toEqual([reason]);
    expect(got.join("\n")).not.toMatch(/is required/);
  });

  test('"is required" only where the key is absent', () => {
    const { displayOrder: _d, ...noOrder } = position();
    expect(reasons("Position", noOrder)).toEqual(["Position displayOrder is required"]);
    const { executive: _e, ...noExecutive } = level();
    expect(reasons("Level", noExecutive)).toEqual(["Level executive is required"]);
    expect(reasons("Position", position({ i18nNames: [{ name: "Staff" }] }))).toEqual(["Position i18nNames[0].language is required"]);
  });

  test("preview's unknown value is still not refused", () => {
    expect(reasons("Position", position({ displayOrder: UNKNOWN, domainId: UNKNOWN }))).toEqual([]);
    expect(reasons("Level", level({ executive: UNKNOWN }))).toEqual([]);
  });
});

describe("names: the documented half-width rule, nothing more", () => {
  const JAPANESE_NAMES = ["部長・課長", "課長代理〜", "営業部長（東京）", "R&D＆Sales"];
  // Kinds whose natural name is a display name under this rule (a member's is the login email; userName is tested in
  // user-check.test.ts; LINE WORKS documents no character rule for groupName, only its length: group-check.test.ts;
  // nor for a custom property's displayName: custom-property-check.test.ts).
  const kinds = Object.values(KINDS).filter((k) => !k.nameRef && k.type !== "Group" && k.type !== "CustomProperty").map((k) => ({ type: k.type, nameField: k.nameField }));
  const declaration = (type: string, nameField: string, name: string) => ({
    domainId: DOMAIN,
    [nameField]: name,
    displayOrder: 1,
    ...(type === "Level" ? { executive: false } : {}),
  });
  const ALLOWED = "allowed half-width specials are ! @ & ( ) - _ + [ ] { } , . /";

  test.each(kinds.flatMap((k) => JAPANESE_NAMES.map((name) => ({ ...k, name }))))("check accepts $nameField $name", ({ type, nameField, name }) => {
    expect(check(type, {}, declaration(type, nameField, name)).failures).toEqual([]);
  });

  test.each(kinds)("a refused half-width character names the allowed ones ($nameField)", ({ type, nameField }) => {
    expect(reasons(type, declaration(type, nameField, "Sales#1"))).toEqual([`${type} ${nameField}: the half-width character "#" is not allowed; ${ALLOWED}`]);
  });

  test("several refused half-width characters are listed together", () => {
    expect(reasons("Position", position({ positionName: "a:b*c:" }))).toEqual([`Position positionName: the half-width characters ":", "*" are not allowed; ${ALLOWED}`]);
  });

  test("control characters are still refused", () => {
    expect(reasons("Position", position({ positionName: "Tab\there" }))).toEqual(["Position positionName: control characters (U+0009) are not allowed"]);
  });

  describe("the emulator", () => {
    let f: Fixture;
    let client: ApiClient;
    beforeAll(async () => {
      f = await startFixture();
      client = new ApiClient(f.settings());
    });
    afterAll(() => f.emulator.stop());

    const post = (kind: (typeof kinds)[number], name: string) =>
      client.request<Record<string, unknown>>({ method: "POST", path: KINDS[kind.type].path, json: declaration(kind.type, kind.nameField, name) });

    test.each(kinds)("accepts the four names as $nameField", async (kind) => {
      for (const name of JAPANESE_NAMES) expect((await post(kind, name))[kind.nameField]).toBe(name);
    });

    test("a create through the provider keeps the name", async () => {
      configure(f.config);
      const { outs } = await create("Position", { domainId: DOMAIN, positionName: "部長・課長（営業）", displayOrder: 3, __declared: ["positionName", "displayOrder"] });
      expect(outs.positionName).toBe("部長・課長（営業）");
    });

    test("refuses a half-width character outside the list, naming the allowed ones", async () => {
      const e = (await errorOf(post(kinds[0], "Sales#1"))) as LineWorksError;
      expect(e.status).toBe(400);
      expect(e.description).toBe(`positionName: the half-width character "#" is not allowed; ${ALLOWED}`);
    });
  });
});

describe("configuration: an unreadable private-key file", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineworks-messages-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const creds = { "lineworks:clientId": "c", "lineworks:clientSecret": "s", "lineworks:serviceAccount": "sa" };

  test("a missing file is one problem that names the path", () => {
    const file = path.join(dir, "no-such-key.pem");
    const e = configErrorOf(() => resolveSettings({ ...creds, "lineworks:privateKeyFile": file }, {}));
    expect(e.problems).toEqual([`lineworks:privateKeyFile (or LINEWORKS_PRIVATE_KEY_FILE) is ${JSON.stringify(file)}, which does not exist (ENOENT)`]);
    expect(e.message).not.toMatch(/privateKey \(or LINEWORKS_PRIVATE_KEY\) .*is not set/);
  });

  test("from the environment variable too, a relative path shown resolved", () => {
    const e = configErrorOf(() => resolveSettings(creds, { LINEWORKS_PRIVATE_KEY_FILE: "keys/missing.pem" }));
    expect(e.problems).toEqual([
      `lineworks:privateKeyFile (or LINEWORKS_PRIVATE_KEY_FILE) is "keys/missing.pem" (${path.resolve("keys/missing.pem")}), which does not exist (ENOENT)`,
    ]);
  });

  test("a directory, or an empty file, is named as such", () => {
    expect(configErrorOf(() => resolveSettings({ ...creds, "lineworks:privateKeyFile": dir }, {})).problems).toEqual([
      `lineworks:privateKeyFile (or LINEWORKS_PRIVATE_KEY_FILE) is ${JSON.stringify(dir)}, which is a directory, not a file (EISDIR)`,
    ]);
    const empty = path.join(dir, "empty.pem");
    fs.writeFileSync(empty, "");
    expect(configErrorOf(() => resolveSettings({ ...creds, "lineworks:privateKeyFile": empty }, {})).problems).toEqual([
      `lineworks:privateKeyFile (or LINEWORKS_PRIVATE_KEY_FILE) is ${JSON.stringify(empty)}, which is empty`,
    ]);
  });

  test("a file this process may not read", () => {
    const locked = path.join(dir, "locked.pem");
    fs.writeFileSync(locked, "any content: the mode forbids reading it", { mode: 0o000 });
    // Root (as in CI containers) reads whatever the mode says: there the read of this one file
    // fails as it does for anyone else, so the test runs everywhere instead of being skipped.
    const realFs: typeof fs = jest.requireActual("node:fs");
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), { code: "EACCES" });
    const read = realFs.readFileSync;
    const spy = canRead(locked)
      ? jest.spyOn(realFs, "readFileSync").mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
          if (file === locked) throw denied;
          return (read as (...a: unknown[]) => unknown)(file, ...rest);
        }) as typeof fs.readFileSync)
      : undefined;
    try {
      expect(configErrorOf(() => resolveSettings({ ...creds, "lineworks:privateKeyFile": locked }, {})).problems).toEqual([
        `lineworks:privateKeyFile (or LINEWORKS_PRIVATE_KEY_FILE) is ${JSON.stringify(locked)}, which this process may not read (permission denied) (EACCES)`,
      ]);
    } finally {
      spy?.mockRestore();
    }
  });

  test("a file without a PEM key is named, its content is not shown", async () => {
    const bad = path.join(dir, "not-a-key.pem");
    const content = "this-is-not-a-pem-key-0123456789";
    fs.writeFileSync(bad, content);
    const e = await errorOf(signAssertion(resolveSettings({ ...creds, "lineworks:privateKeyFile": bad }, {})));
    expect(e).toBeInstanceOf(UnauthorizedError);
    expect(e.message).toContain(`the file ${JSON.stringify(bad)} (lineworks:privateKeyFile) does not hold a readable PEM private key`);
    expect(e.message).not.toContain(content);
  });
});

describe("API errors", () => {
  test("an unreachable token endpoint names lineworks:authUrl, not apiUrl", async () => {
    const f = await startFixture();
    try {
      const client = new ApiClient(f.settings({ authUrl: `http://127.0.0.1:${await closedPort()}/oauth2/v2.0/token`, retryLimit: "0" }));
      const e = await errorOf(client.list("/directory/positions", "positions"));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e.message).toMatch(/^LINE WORKS POST token failed: token endpoint unreachable \(ECONNREFUSED\)\. /);
      expect(e.message).toContain("Check lineworks:authUrl (LINEWORKS_AUTH_URL) and the network");
      expect(e.message).not.toContain("apiUrl");
    } finally {
      await f.emulator.stop();
    }
  });

  test("an unreachable API names lineworks:apiUrl", async () => {
    const f = await startFixture();
    try {
      const client = new ApiClient(f.settings({ apiUrl: `http://127.0.0.1:${await closedPort()}/v1.0`, retryLimit: "0" }));
      const e = await errorOf(client.list("/directory/positions", "positions"));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e.message).toContain("Check lineworks:apiUrl (LINEWORKS_API_URL) and the network");
      expect(e.message).not.toContain("authUrl");
    } finally {
      await f.emulator.stop();
    }
  });

  describe("403", () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await startFixture();
    });
    afterAll(() => f.emulator.stop());
    afterEach(() => f.emulator.setFeature(DOMAIN, "positions", true));
    const CATCH_ALL = /Free plan, which cannot write/;

    test("a missing scope leads with the scope hint, once, without a double full stop", async () => {
      const reader = new ApiClient(f.settings({ scope: "directory.read" }));
      const e = await errorOf(reader.request({ method: "POST", path: "/directory/positions", json: { domainId: DOMAIN, positionName: "R", displayOrder: 1 } }));
      expect(e).toBeInstanceOf(ForbiddenError);
      expect(e.message).toBe(
        "LINE WORKS POST /directory/positions failed: 403 FORBIDDEN: This API requires the scope directory. " +
          "The access token lacks the scope this API needs: tick `directory` for the app in the Developer Console and request it in lineworks:scope (LINEWORKS_SCOPE); `directory.read` can only read. The Free plan cannot use the `directory` scope.",
      );
      expect(e.message).not.toMatch(CATCH_ALL);
    });

    test("a feature switched off leads with that feature", async () => {
      f.emulator.setFeature(DOMAIN, "positions", false);
      const e = await errorOf(new ApiClient(f.settings()).list("/directory/positions", "positions", { domainId: DOMAIN }));
      expect(e).toBeInstanceOf(ForbiddenError);
      expect(e.message).toMatch(/^LINE WORKS GET \/directory\/positions failed: 403 FORBIDDEN: The API cannot be used when usePosition is false\. The positions feature \(usePosition\) is off in the domain: declare a lineworks\.DirectoryFeature/);
      expect(e.message).not.toContain("..");
      expect(e.message).not.toMatch(CATCH_ALL);
    });

    test("a create in a domain with the feature off says it once, naming the domain", async () => {
      f.emulator.setFeature(DOMAIN, "positions", false);
      configure(f.config);
      const e = await errorOf(create("Position", { domainId: DOMAIN, positionName: "Off", displayOrder: 1, __declared: ["positionName", "displayOrder"] }));
      expect(e.message).toContain(`The positions feature (usePosition) is off in domain ${DOMAIN}: declare \`new lineworks.DirectoryFeature("positions"`);
      expect(e.message.match(/DirectoryFeature/g)).toHaveLength(1);
      expect(e.message).not.toContain("..");
    });
  });

  test("a 403 that names no cause gets the catch-all hint; descriptions never end in two full stops", () => {
    const bare = apiError({ api: "GET /directory/positions", status: 403, code: "FORBIDDEN", description: "Forbidden." });
    expect(bare.message).toBe(
      "LINE WORKS GET /directory/positions failed: 403 FORBIDDEN: Forbidden. Check that the app has the `directory` scope ticked in the Developer Console (and lineworks:scope requests it), that the feature the API belongs to (positions, levels, user types) is enabled, and that the tenant is not on the Free plan, which cannot write the directory.",
    );
    const limit = apiError({ api: "POST /directory/positions", status: 403, code: "LIMIT_EXCEEDED", description: "Limit exceeded." });
    expect(limit.message).toMatch(/: 403 LIMIT_EXCEEDED: Limit exceeded\. LINE WORKS refused the request as beyond a limit/);
    expect(limit.message).not.toMatch(/Free plan/);
    for (const kind of [400, 404, 409, 500]) {
      expect(apiError({ api: "GET x", status: kind, code: "C", description: "Ends with a full stop." }).message).not.toContain("..");
    }
    expect(apiError({ api: "GET x", status: 400, code: "C" }).message).toMatch(/^LINE WORKS GET x failed: 400 C\. /);
  });
});
