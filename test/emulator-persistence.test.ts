// Emulator: JSON-file persistence and the standalone CLI (tested in-process through main()).
import { createPrivateKey, sign } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../emulator/cli";
import { Api, D1, D2, b64url, expectError, getToken, kindInfo, startEmulator, tokenFields, tokenRequest, validBody } from "./support/emulator";

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-emu-")); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("persistence", () => {
  test("state survives a restart through the data file", async () => {
    const dataFile = path.join(dir, "nested", "state.json");
    const first = await startEmulator({ domainIds: [D1, D2], dataFile });
    let id: string;
    let token: string;
    try {
      const api = await Api.connect(first);
      token = api.token;
      const created = await api.post("/directory/positions", validBody(kindInfo("positions"), { positionExternalKey: "P 1", i18nNames: [{ name: "x", language: "en_US" }] }));
      id = created.body.positionId;
      await api.patch(`/directory/positions/${id}`, { displayOrder: 4 });
      await api.post("/directory/levels", validBody(kindInfo("levels")));
      expect((await api.post(`/directory/user-types/disable?domainId=${D2}`)).status).toBe(204);
      expect(fs.existsSync(dataFile)).toBe(true);
      expect(fs.readdirSync(path.dirname(dataFile))).toEqual(["state.json"]); // no temp files left behind
    } finally {
      await first.stop();
    }
    const before = JSON.parse(fs.readFileSync(dataFile, "utf8"));
    expect(before.version).toBe(1);

    const second = await startEmulator({ domainIds: [D1, D2], dataFile });
    try {
      // tokens are not persisted: clients must authenticate again
      expectError(await new Api(second, token).get("/directory/positions"), 401, "UNAUTHORIZED");
      const api = await Api.connect(second);
      const got = await api.get(`/directory/positions/externalKey:${encodeURIComponent("P 1")}`);
      expect(got.body).toEqual({ domainId: D1, positionId: id, displayOrder: 4, positionName: "Staff", positionExternalKey: "P 1", i18nNames: [{ name: "x", language: "en_US" }] });
      expect(second.objects("levels")).toHaveLength(1);
      expectError(await api.get(`/directory/user-types?domainId=${D2}`), 403, "FORBIDDEN", "useUserType");
      expect((await api.get("/directory/user-types")).status).toBe(200);
      // new objects keep sorting after the old ones (sequence numbers persisted)
      await api.post("/directory/positions", validBody(kindInfo("positions"), { positionName: "Later", displayOrder: 4 }));
      expect(second.objects("positions").map((p) => p.positionName)).toEqual(["Staff", "Later"]);
      await api.del(`/directory/positions/${id}`);
    } finally {
      await second.stop();
    }
    const third = await startEmulator({ domainIds: [D1, D2], dataFile });
    try {
      expect(third.objects("positions").map((p) => p.positionName)).toEqual(["Later"]);
    } finally {
      await third.stop();
    }
  });

  test("a lost response is still saved", async () => {
    const dataFile = path.join(dir, "state.json");
    const emu = await startEmulator({ dataFile });
    try {
      const api = await Api.connect(emu);
      emu.inject({ kind: "lose-response" });
      await expect(api.post("/directory/levels", validBody(kindInfo("levels")))).rejects.toThrow();
      const saved = JSON.parse(fs.readFileSync(dataFile, "utf8"));
      expect(saved.objects.levels).toHaveLength(1);
    } finally {
      await emu.stop();
    }
  });

  test("out-of-band changes are saved too", async () => {
    const dataFile = path.join(dir, "state.json");
    const emu = await startEmulator({ dataFile });
    const seeded = emu.seed("positions", { positionName: "Seeded", displayOrder: 1 });
    emu.update("positions", seeded.positionId, { displayOrder: 2 });
    emu.setFeature(D1, "levels", false);
    await emu.stop();
    const again = await startEmulator({ dataFile });
    try {
      expect(again.objects("positions")).toEqual([{ ...seeded, displayOrder: 2 }]);
      expectError(await (await Api.connect(again)).get("/directory/levels"), 403, "FORBIDDEN");
    } finally {
      await again.stop();
    }
  });

  test("a corrupt data file is an error, not an empty tenant", async () => {
    const dataFile = path.join(dir, "state.json");
    fs.writeFileSync(dataFile, "{ nope");
    await expect(startEmulator({ dataFile })).rejects.toThrow();
  });
});

describe("cli", () => {
  const ENV_NAMES = ["LINEWORKS_API_URL", "LINEWORKS_AUTH_URL", "LINEWORKS_DOMAIN_ID", "LINEWORKS_CLIENT_ID",
    "LINEWORKS_CLIENT_SECRET", "LINEWORKS_SERVICE_ACCOUNT", "LINEWORKS_PRIVATE_KEY_FILE"];

  function parseExports(output: string): Record<string, string> {
    const vars: Record<string, string> = {};
    for (const m of output.matchAll(/^export (\w+)=(.*)$/gm)) vars[m[1]] = m[2].replace(/^'(.*)'$/, "$1");
    return vars;
  }

  test("starts, creates its key pair, prints the stack configuration, and works end to end", async () => {
    const printed: string[] = [];
    const dataDir = path.join(dir, "data dir");
    const handle = (await main(["--port", "0", "--data-dir", dataDir], {}, { out: (l) => printed.push(l) }))!;
    let keyPem: string;
    try {
      expect(printed.join("\n")).toBe(handle.output);
      const url = handle.emulator.url;
      const keyFile = path.join(dataDir, "private-key.pem");
      expect(handle.privateKeyFile).toBe(keyFile);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(path.join(dataDir, "public-key.pem"))).toBe(true);
      keyPem = fs.readFileSync(keyFile, "utf8");
      expect(keyPem).toMatch(/BEGIN PRIVATE\sKEY/); // (spelt so no tracked file looks like a key)

      const out = handle.output;
      expect(out).not.toContain("PRIVATE KEY");
      const keyBody = keyPem.split("\n").filter((l) => l && !l.startsWith("-----"));
      for (const line of keyBody) expect(out).not.toContain(line);

      const lines = out.split("\n");
      expect(lines).toEqual(expect.arrayContaining([
        `pulumi config set lineworks:apiUrl ${url}/v1.0`,
        `pulumi config set lineworks:authUrl ${url}/oauth2/v2.0/token`,
        "pulumi config set lineworks:domainId 10000001",
        "pulumi config set lineworks:clientId emulator-client",
        "pulumi config set --secret lineworks:clientSecret emulator-secret",
        "pulumi config set lineworks:serviceAccount emulator.serviceaccount@example.com",
        `pulumi config set lineworks:privateKeyFile '${keyFile}'`,
        `export LINEWORKS_API_URL=${url}/v1.0`,
        `export LINEWORKS_PRIVATE_KEY_FILE='${keyFile}'`,
      ]));
      const vars = parseExports(out);
      expect(Object.keys(vars).sort()).toEqual([...ENV_NAMES].sort());

      // a client configured only from the printed values can authenticate and write
      const now = Math.floor(Date.now() / 1000);
      const h = b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
      const p = b64url(JSON.stringify({ iss: vars.LINEWORKS_CLIENT_ID, sub: vars.LINEWORKS_SERVICE_ACCOUNT, iat: now, exp: now + 600 }));
      const s = b64url(sign("sha256", Buffer.from(`${h}.${p}`), createPrivateKey(fs.readFileSync(vars.LINEWORKS_PRIVATE_KEY_FILE))));
      const tokenRes = await fetch(vars.LINEWORKS_AUTH_URL, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: `${h}.${p}.${s}`,
          client_id: vars.LINEWORKS_CLIENT_ID, client_secret: vars.LINEWORKS_CLIENT_SECRET, scope: "directory",
        }).toString(),
      });
      expect(tokenRes.status).toBe(200);
      const { access_token } = (await tokenRes.json()) as { access_token: string };
      const created = await fetch(`${vars.LINEWORKS_API_URL}/directory/positions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${access_token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ domainId: Number(vars.LINEWORKS_DOMAIN_ID), displayOrder: 1, positionName: "CLI" }),
      });
      expect(created.status).toBe(201);
    } finally {
      await handle.stop();
    }

    // second start: same key, same state
    const again = (await main(["--port=0", `--data-dir=${dataDir}`], {}, { out: () => undefined }))!;
    try {
      expect(fs.readFileSync(path.join(dataDir, "private-key.pem"), "utf8")).toBe(keyPem);
      expect(again.emulator.objects("positions").map((o) => o.positionName)).toEqual(["CLI"]);
      expect(fs.existsSync(path.join(dataDir, "state.json"))).toBe(true);
    } finally {
      await again.stop();
    }
  });

  test("environment overrides; default data dir is .lineworks-emulator in cwd", async () => {
    const handle = (await main([], {
      LINEWORKS_EMULATOR_PORT: "0", LINEWORKS_EMULATOR_CLIENT_ID: "my-client", LINEWORKS_EMULATOR_CLIENT_SECRET: "s3 cret",
      LINEWORKS_EMULATOR_SERVICE_ACCOUNT: "me.serviceaccount@example.org", LINEWORKS_EMULATOR_DOMAIN_IDS: "300145805,300145806",
    }, { out: () => undefined, cwd: dir }))!;
    try {
      expect(handle.dataDir).toBe(path.join(dir, ".lineworks-emulator"));
      expect(handle).toMatchObject({ clientId: "my-client", clientSecret: "s3 cret", serviceAccount: "me.serviceaccount@example.org", domainId: 300145805 });
      const vars = parseExports(handle.output);
      expect(vars).toMatchObject({
        LINEWORKS_CLIENT_ID: "my-client", LINEWORKS_CLIENT_SECRET: "s3 cret", LINEWORKS_SERVICE_ACCOUNT: "me.serviceaccount@example.org",
        LINEWORKS_DOMAIN_ID: "300145805",
      });
      expect(handle.output).toContain("export LINEWORKS_CLIENT_SECRET='s3 cret'");
      expect(handle.emulator.url).not.toMatch(/:8787$/);
    } finally {
      await handle.stop();
    }
  });

  test("--help prints usage; unknown flags are refused", async () => {
    const printed: string[] = [];
    expect(await main(["--help"], {}, { out: (l) => printed.push(l) })).toBeUndefined();
    expect(printed.join("\n")).toContain("--data-dir");
    await expect(main(["--bogus"], {}, { out: () => undefined })).rejects.toThrow(/unknown argument/);
    await expect(main(["--port", "x", "--data-dir", dir], {}, { out: () => undefined })).rejects.toThrow(/--port/);
  });
});

test("helpers sanity: tokens from one emulator are unknown to another", async () => {
  const a = await startEmulator();
  const b = await startEmulator();
  try {
    const t = await getToken(a);
    expect((await tokenRequest(b, tokenFields())).status).toBe(200);
    expectError(await new Api(b, t).get("/directory/positions"), 401, "UNAUTHORIZED");
  } finally {
    await a.stop();
    await b.stop();
  }
});
