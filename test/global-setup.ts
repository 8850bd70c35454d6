// Packs the built package once per test run, exactly as `npm pack` (and so `npm install`)
// delivers it; engine-path tests install that copy into temporary program directories. Each run
// packs into its own folder, so two runs in one checkout (or two clones) never share one.
import * as fs from "node:fs";
import * as path from "node:path";
import { packPackage, REPO } from "../tools/install";

export default async function globalSetup(): Promise<void> {
  // `npm test` and `npm run test:engine` build first; a bare `npx jest` on a tree never built runs without the package.
  if (fs.existsSync(path.join(REPO, "dist", "sdk", "index.js"))) packPackage(path.join(REPO, ".tmp", `pack-${process.pid}`));
}
