import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../tools/install";

export default async function globalTeardown(): Promise<void> {
  fs.rmSync(path.join(REPO, ".tmp", `pack-${process.pid}`), { recursive: true, force: true });
}
