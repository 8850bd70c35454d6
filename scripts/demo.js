#!/usr/bin/env node
// `npm run demo [-- <pulumi command> [args]]`: the quickstart against the embedded LINE WORKS
// emulator, on a local file backend. Nothing leaves this machine: the stack points at the emulator
// on loopback. The command defaults to `up`; `preview`, `refresh`, `destroy`, `stack output`, ...
// work the same way. The emulator and the stack keep their state in .lineworks-emulator/, so a
// second `npm run demo` finds everything in place and reports no changes.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const dataDir = process.env.LINEWORKS_DEMO_DATA_DIR ?? path.join(repo, ".lineworks-emulator");
const INSTALL_URL = "https://www.pulumi.com/docs/iac/download-install/";

/**
 * The Pulumi CLI to run: `pulumi` on PATH, else the npm package `pulumi` (a devDependency), whose
 * bin downloads the CLI of its version into ~/.pulumi/versions on first use. Returns the command
 * as [file, ...args], or the reason neither could start.
 */
function findPulumi() {
  const onPath = spawnSync("pulumi", ["version"], { encoding: "utf8" });
  if (!onPath.error && onPath.status === 0) return { cmd: ["pulumi"] };
  let runJs;
  try {
    runJs = require.resolve("pulumi/run.js", { paths: [repo] });
  } catch {
    return { reason: "there is no `pulumi` on PATH, and the npm package `pulumi` is not installed (run `npm ci`)" };
  }
  console.error("No `pulumi` on PATH: using the npm package `pulumi` (the first run downloads the CLI, about 100 MB)...");
  const lazy = spawnSync(process.execPath, [runJs, "version"], { encoding: "utf8", timeout: 15 * 60_000 });
  if (!lazy.error && lazy.status === 0) return { cmd: [process.execPath, runJs] };
  const said = `${lazy.stderr ?? ""}${lazy.stdout ?? ""}`.trim().split("\n").filter(Boolean).slice(-2).join(" / ");
  return {
    reason: `there is no \`pulumi\` on PATH, and the npm package \`pulumi\` could not download the CLI (${said || lazy.error?.message || `exit ${lazy.status}`})`,
  };
}

function installPackage() {
  // The program loads pulumi-lineworks from node_modules as a real directory, as a user's program
  // does, so the provider is stored in state as `require("pulumi-lineworks/provider")`, not by value.
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

/** `up` and the other commands that ask for confirmation run with --yes: the demo is not interactive. */
function pulumiArgs(argv) {
  const args = argv.length > 0 ? [...argv] : ["up"];
  if (["up", "update", "destroy", "refresh"].includes(args[0]) && !args.includes("--yes") && !args.includes("-y")) args.push("--yes");
  return args;
}

async function main(argv) {
  const pulumi = findPulumi();
  if (!pulumi.cmd) {
    console.error(
      `\nCannot run the demo, which needs the Pulumi CLI: ${pulumi.reason}. ` +
        `Install the CLI from ${INSTALL_URL} (or let the download reach get.pulumi.com), then run \`npm run demo\` again. ` +
        "The emulator works without the CLI: `npm run emulator` starts it and prints the settings that point a program at it.",
    );
    return 1;
  }
  const { main: startEmulator } = require(path.join(repo, "dist", "emulator", "cli.js"));
  // A tenant new to dataDir starts with its feature switches off, as a real new tenant may:
  // the quickstart turns on what it needs (DirectoryFeature), so that step is shown, not hidden.
  const quiet = () => {};
  const handle = await startEmulator(["--port", process.env.LINEWORKS_EMULATOR_PORT ?? "0", "--data-dir", dataDir, "--features-off"], process.env, { out: quiet });
  const em = handle.emulator;
  console.log(`LINE WORKS emulator on ${em.url} for this run (state: ${path.relative(process.cwd(), dataDir) || dataDir})`);
  try {
    installPackage();
    const env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${path.join(dataDir, "pulumi-state")}`,
      PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "lineworks-demo",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      LINEWORKS_API_URL: em.apiUrl,
      LINEWORKS_AUTH_URL: em.authUrl,
      LINEWORKS_CLIENT_ID: handle.clientId,
      LINEWORKS_CLIENT_SECRET: handle.clientSecret,
      LINEWORKS_SERVICE_ACCOUNT: handle.serviceAccount,
      LINEWORKS_PRIVATE_KEY_FILE: handle.privateKeyFile,
      LINEWORKS_DOMAIN_ID: String(handle.domainId),
    };
    fs.mkdirSync(path.join(dataDir, "pulumi-state"), { recursive: true });
    const run = (args) => spawnSync(pulumi.cmd[0], [...pulumi.cmd.slice(1), ...args], { cwd: repo, env, stdio: "inherit" }).status ?? 1;
    if (run(["stack", "select", "demo", "--create"]) !== 0) return 1;
    const args = pulumiArgs(argv);
    const code = run(args);
    if (code === 0 && (args[0] === "up" || args[0] === "update")) {
      console.log(`\nThe emulator now holds ${em.objects("positions").length} positions, ${em.objects("userTypes").length} user types and ${em.objects("orgUnits").length} org units (state in ${dataDir}).`);
      console.log("Run `npm run demo` again: no changes. Edit examples/quickstart/org.yaml and run `npm run demo -- preview` to see the plan, `npm run demo` to apply it, `npm run demo -- destroy` to remove everything.");
    }
    return code;
  } finally {
    await handle.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
