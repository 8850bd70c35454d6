// Packs the built package once per test run, exactly as `npm pack` (and so `npm install`) would
// deliver it to a user; engine-path tests install that copy into temporary program directories.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

module.exports = async function globalSetup() {
  const repo = path.resolve(__dirname, "..");
  // `npm test` builds first; a bare `npx jest` on a tree never built runs without the package.
  if (!fs.existsSync(path.join(repo, "dist", "sdk", "index.js"))) return;
  const dir = path.join(repo, ".tmp", "pack");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: repo, encoding: "utf8" });
  const tarball = path.join(dir, JSON.parse(out)[0].filename);
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  process.env.LINEWORKS_TEST_PACKAGE = path.join(dir, "package");
};
