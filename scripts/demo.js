#!/usr/bin/env node
// `npm run demo`: the quickstart against the embedded LINE WORKS emulator, with `pulumi up` on a
// local file backend. Nothing leaves this machine: the stack points at the emulator on loopback.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const dataDir = process.env.LINEWORKS_DEMO_DATA_DIR ?? path.join(repo, ".lineworks-emulator");

function installPackage() {
  // The program loads pulumi-lineworks from node_modules as a real directory, as a user's program
  // does, so the provider is stored in state as `require("pulumi-lineworks/...")`, not by value.
  const packDir = path.join(repo, ".tmp", "demo-pack");
  fs.rmSync(packDir, { recursive: true, force: true });
  fs.mkdirSync(packDir, { recursive: true });
  const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: repo, encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = path.join(packDir, JSON.parse(packed.stdout)[0].filename);
  const untar = spawnSync("tar", ["-xzf", tarball, "-C", packDir]);
  if (untar.status !== 0) throw new Error("could not unpack the package");
  const target = path.join(repo, "node_modules", "pulumi-lineworks");
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(packDir, "package"), target, { recursive: true });
}

async function main() {
  const { main: startEmulator } = require(path.join(repo, "dist", "emulator", "cli.js"));
  const handle = await startEmulator(["--port", process.env.LINEWORKS_EMULATOR_PORT ?? "0", "--data-dir", dataDir], process.env, {});
  const em = handle.emulator;
  let code = 0;
  try {
    const version = spawnSync("pulumi", ["version"], { encoding: "utf8" });
    if (version.error) {
      console.error(
        "\nThe Pulumi CLI is not installed, so the quickstart cannot run `pulumi up`.\n" +
          "Install it from https://www.pulumi.com/docs/iac/download-install/ and run `npm run demo` again.\n" +
          "Meanwhile the emulator works standalone: `npm run emulator`.",
      );
      return 1;
    }
    installPackage();
    const env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${path.join(dataDir, "pulumi-state")}`,
      PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "lineworks-demo",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      LINEWORKS_API_URL: em.apiUrl,
      LINEWORKS_AUTH_URL: em.authUrl,
      LINEWORKS_CLIENT_ID: handle.clientId ?? "emulator-client",
      LINEWORKS_CLIENT_SECRET: handle.clientSecret ?? "emulator-secret",
      LINEWORKS_SERVICE_ACCOUNT: handle.serviceAccount ?? "emulator.serviceaccount@example.com",
      LINEWORKS_PRIVATE_KEY_FILE: handle.privateKeyFile,
      LINEWORKS_DOMAIN_ID: String(handle.domainId ?? 10000001),
    };
    fs.mkdirSync(path.join(dataDir, "pulumi-state"), { recursive: true });
    const run = (args) => spawnSync("pulumi", args, { cwd: repo, env, stdio: "inherit" }).status;
    if (run(["stack", "select", "demo", "--create"]) !== 0) return 1;
    if (run(["config", "set", "lineworks:domainId", env.LINEWORKS_DOMAIN_ID]) !== 0) return 1;
    code = run(["up", "--yes"]) ?? 1;
    if (code === 0) {
      console.log(`\nThe emulator now holds ${em.objects("positions").length} positions and ${em.objects("userTypes").length} user types.`);
      console.log("Edit examples/quickstart/org.json and run `npm run demo` again to see an update; `pulumi destroy` removes them.");
    }
  } finally {
    await handle.stop();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
