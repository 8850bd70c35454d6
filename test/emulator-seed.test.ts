// `npm run emulator -- --seed small|company` (emulator/cli.ts, in-process): a new data directory
// starts as the sample company, the same every time; a directory with state is never reseeded;
// a busy port says to choose another with --port.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main, type CliHandle } from "../emulator/cli";

let dir: string;
const handles: CliHandle[] = [];
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-seed-")); });
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ handle: CliHandle; printed: string[] }> {
  const printed: string[] = [];
  const handle = (await main(argv, env, { out: (l) => printed.push(l) }))!;
  handles.push(handle);
  return { handle, printed };
}

const names = (h: CliHandle, kind: "orgUnits" | "users" | "groups") => h.emulator.objects(kind, h.domainId).map((o) => [o[kind === "users" ? "userId" : kind === "groups" ? "groupId" : "orgUnitId"], o.email ?? o.groupName]);

describe("--seed", () => {
  it("fills a new data directory with the small company, the same in any directory", async () => {
    const a = await start(["--port", "0", "--data-dir", path.join(dir, "a"), "--seed", "small"]);
    expect(a.printed).toContain("Seeded domain 10000001 with the small sample company: 8 org units, 30 members, 3 groups, 20 positions, 6 levels, 4 user types, 2 employment types.");
    expect(a.handle.emulator.objects("users", 10000001)).toHaveLength(30);
    // The environment variable does the same; IDs and addresses are derived, not random.
    const b = await start(["--port", "0", "--data-dir", path.join(dir, "b")], { LINEWORKS_EMULATOR_SEED: "small" });
    for (const kind of ["orgUnits", "users", "groups"] as const) expect(names(b.handle, kind)).toEqual(names(a.handle, kind));
  });

  it("gives the company size as the bench's default company", async () => {
    const { handle } = await start(["--port=0", `--data-dir=${dir}`, "--seed=company"]);
    expect(handle.emulator.objects("users", 10000001)).toHaveLength(320);
    expect(handle.emulator.objects("orgUnits", 10000001)).toHaveLength(50);
  });

  it("does not reseed a data directory that holds a tenant, and says so", async () => {
    const first = await start(["--port", "0", "--data-dir", dir, "--seed", "small"]);
    const before = names(first.handle, "users");
    await first.handle.stop();
    const again = await start(["--port", "0", "--data-dir", dir, "--seed", "company"]);
    expect(again.printed.join("\n")).toContain(`Not seeded: ${dir} already holds a tenant (--seed fills a new data directory only`);
    expect(names(again.handle, "users")).toEqual(before);
  });

  it("refuses a size it does not know", async () => {
    await expect(main(["--port", "0", "--data-dir", dir, "--seed", "huge"], {}, { out: () => undefined })).rejects.toThrow("--seed must be small or company, not huge");
  });
});

describe("a busy port", () => {
  it("suggests --port", async () => {
    const { handle } = await start(["--port", "0", "--data-dir", dir]);
    const port = new URL(handle.emulator.url).port;
    await expect(main(["--port", port, "--data-dir", path.join(dir, "other")], {}, { out: () => undefined })).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is in use (another emulator?): choose another with --port N (or LINEWORKS_EMULATOR_PORT), or --port 0 for any free port.`,
    );
  });
});
