// Captures what a release leaves behind for a Directory: the engine's state (each resource's
// inputs and outputs) and the emulated tenant it describes, so a later build can be run over
// them (test/upgrade-directory.test.ts). Run it on the release to capture, built and packed:
//   npx tsc -p tsconfig.json && node -e 'require("./dist/tools/install").packPackage()' &&
//   node dist/tools/capture-directory-state.js test/fixtures/<name>
// It writes <name>/org.yaml (the quickstart's spec with entries that have no key), state.json
// and tenant.json (the emulator's data file).
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { runEngine } from "./engine";
import { DOMAIN, startFixture } from "./fixture";
import { makeProgramDir, removeDir, REPO } from "./install";

/** The program over `org.yaml` in its directory. */
export const DIRECTORY_PROGRAM = `new lineworks.Directory("org", { spec: "org.yaml" });`;

/**
 * The quickstart's org.yaml, plus entries without a key: a title and a level referred to by name,
 * a unit (names of units repeat in LINE WORKS) with a keyed unit under it, a member referred to by
 * email, and a group holding them and another group.
 */
export function upgradeSpec(): Record<string, any> {
  const spec = parse(fs.readFileSync(path.join(REPO, "examples", "quickstart", "org.yaml"), "utf8"));
  spec.domainId = DOMAIN;
  spec.positions.push({ positionName: "Advisor", displayOrder: 40 });
  spec.levels = [
    { levelExternalKey: "LV_SENIOR", levelName: "Senior", displayOrder: 1, executive: false },
    { levelName: "Junior", displayOrder: 2, executive: false },
  ];
  spec.orgUnits[0].children.push({ orgUnitName: "Support", displayOrder: 3, children: [{ orgUnitExternalKey: "OU_HELPDESK", orgUnitName: "Helpdesk", displayOrder: 1 }] });
  spec.members.find((m: any) => m.userExternalKey === "EMP_0004").organizations[0].levelId = "LV_SENIOR";
  spec.members.push({
    email: "aoi.kimura@example.com",
    userName: { lastName: "木村", firstName: "葵" },
    userTypeId: "UT_PARTTIME",
    privateEmail: "aoi.kimura@mail.example",
    organizations: [{ levelId: "Junior", orgUnits: [{ orgUnitId: "Support", positionId: "Advisor", primary: true }, { orgUnitId: "OU_HELPDESK", primary: false }] }],
  });
  spec.groups.push({
    groupName: "Support desk",
    members: [
      { type: "USER", id: "aoi.kimura@example.com" },
      { type: "USER", id: "EMP_0005" },
      { type: "ORGUNIT", id: "Support" },
      { type: "GROUP", id: "GRP_LAUNCH" },
    ],
    administrators: [{ userId: "aoi.kimura@example.com" }],
  });
  return spec;
}

async function main(out: string): Promise<void> {
  fs.mkdirSync(out, { recursive: true });
  const tenant = path.join(out, "tenant.json");
  fs.rmSync(tenant, { force: true });
  const f = await startFixture({ dataFile: tenant });
  const dir = makeProgramDir("capture");
  try {
    fs.writeFileSync(path.join(dir, "org.yaml"), stringify(upgradeSpec()));
    const run = await runEngine({ dir, program: { body: DIRECTORY_PROGRAM }, mode: "up", config: f.config });
    if (run.errors.length) throw new Error(run.errors.join("\n"));
    fs.copyFileSync(path.join(dir, "org.yaml"), path.join(out, "org.yaml"));
    fs.writeFileSync(path.join(out, "state.json"), `${JSON.stringify(run.state, null, 1)}\n`);
    console.log(`captured ${Object.keys(run.state.resources).length} resources into ${out}`);
  } finally {
    await f.emulator.stop();
    removeDir(dir);
  }
}

if (require.main === module) {
  main(path.resolve(process.argv[2] ?? "directory-state")).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
