// Bringing an existing tenant under code, end to end: a company seeded in the emulator (320
// members, 50 units in four levels, 20 positions, levels, user types, 10 groups, some objects
// without a key) -> `pulumi-lineworks export` -> a program with one Directory over that file and
// adoptExisting -> `up` takes every object over with no write to the tenant -> a preview reports
// no change on any resource; then editing one entry of the file changes exactly that object.
// The engine's part (references resolved to real IDs, check/create/diff per registration) is
// tools/engine.ts, over @pulumi/pulumi's own dynamic-provider host.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { main as cli } from "../cli";
import { runEngine, type EngineRun, type EngineState } from "../tools/engine";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { seedTenant, type SeedSummary } from "../tools/seed-tenant";

const PROGRAM = `
const d = new lineworks.Directory("org", { spec: require("path").join(process.cwd(), "org.yaml") });
return { positionIds: d.positionIds, orgUnitIds: d.orgUnitIds, userIds: d.userIds, groupIds: d.groupIds };
`;

let f: Fixture;
let dir: string;
let seeded: SeedSummary;
let exported: { code: number; err: string[] };
let adopted: EngineRun;
const writes = () => f.emulator.log.filter((e) => e.method !== "GET" && e.api !== "POST /oauth2/v2.0/token" && !e.path.includes("/oauth2/"));
const ops = (run: EngineRun) => run.steps.reduce<Record<string, number>>((n, s) => ({ ...n, [s.op]: (n[s.op] ?? 0) + 1 }), {});
const engine = (mode: "up" | "preview", state?: EngineState) =>
  runEngine({ dir, program: { body: PROGRAM }, mode, state, config: { ...f.config, "lineworks:adoptExisting": "true" }, timeoutMs: 600_000 });

beforeAll(async () => {
  f = await startFixture();
  seeded = seedTenant(f.emulator);
  // A member in no unit yet (a new hire not placed): export must write it as the spec takes it.
  const unplaced = f.emulator.seed("users", {
    domainId: DOMAIN, email: "unplaced@example.com", userExternalKey: "EMP_UNPLACED", userName: { lastName: "未配属" }, privateEmail: "unplaced@mail.example",
    organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [] }],
  });
  seeded.counts.users++;
  seeded.ids.users.push(unplaced.userId);
  dir = makeProgramDir("roundtrip");
  const err: string[] = [];
  const code = await cli(["export", "--out", "org.yaml", "--domain", String(DOMAIN)], { out: () => {}, err: (l) => err.push(l), env: f.env, cwd: dir });
  exported = { code, err };
  f.emulator.resetLog();
  adopted = await engine("up");
}, 900_000);

afterAll(async () => {
  await f?.emulator.stop();
  if (dir) removeDir(dir);
});

test("export writes every object of the domain, says how many have no key and refers to them by name", () => {
  expect(exported.code).toBe(0);
  const spec = parse(fs.readFileSync(path.join(dir, "org.yaml"), "utf8"));
  const count = (units: any[]): number => units.reduce((n, u) => n + 1 + count(u.children ?? []), 0);
  expect([spec.positions.length, spec.levels.length, spec.userTypes.length, spec.employmentTypes.length, count(spec.orgUnits), spec.members.length, spec.groups.length]).toEqual([
    seeded.counts.positions, seeded.counts.levels, seeded.counts.userTypes, seeded.counts.employmentTypes, seeded.counts.orgUnits, seeded.counts.users, seeded.counts.groups,
  ]);
  // A member in no unit keeps its empty unit list (`{}` alone is not a valid organization).
  expect(spec.members.find((m: any) => m.userExternalKey === "EMP_UNPLACED").organizations).toEqual([{ orgUnits: [] }]);
  // The tree is nested four levels deep, as seeded.
  const depth = (units: any[]): number => (units.length ? 1 + Math.max(...units.map((u) => depth(u.children ?? []))) : 0);
  expect(depth(spec.orgUnits)).toBe(4);
  // Keyless objects: counted per kind, and referred to by name (a member's keyless title by its positionName).
  const summary = exported.err.find((l) => l.startsWith("Without an external key"))!;
  expect(summary).toContain(`${seeded.keyless.positions} positions`);
  expect(summary).toContain(`${seeded.keyless.orgUnits} org units`);
  expect(summary).toContain(`${seeded.keyless.users} members`);
  const keylessPosition = spec.positions.find((p: any) => !p.positionExternalKey);
  const holders = spec.members.filter((m: any) => m.organizations.some((o: any) => o.orgUnits.some((u: any) => u.positionId === keylessPosition.positionName)));
  expect(holders.length).toBeGreaterThan(0);
  // Within the budget: one list call per 100 objects of each kind, and each group's members and masters.
  expect(exported.err.some((l) => /^Wrote org\.yaml: .* \(\d+ API calls, /.test(l))).toBe(true);
});

test("up over the exported file adopts every object with no write to the tenant", () => {
  expect(adopted.errors).toEqual([]);
  const objects = Object.values(seeded.counts).reduce((a, b) => a + b, 0);
  // Every object and the four switches the kinds need, each registered once and taken over.
  expect(ops(adopted)).toEqual({ create: objects + 4 });
  expect(writes()).toEqual([]);
  // The outputs name the seeded objects by their keys (else names).
  expect(Object.values(adopted.exports.orgUnitIds).sort()).toEqual([...seeded.ids.orgUnits].sort());
  expect(Object.values(adopted.exports.userIds).sort()).toEqual([...seeded.ids.users].sort());
  expect(Object.values(adopted.exports.groupIds).sort()).toEqual([...seeded.ids.groups].sort());
});

test("a preview of the same program reports no change on any resource", async () => {
  const preview = await engine("preview", adopted.state);
  expect(preview.errors).toEqual([]);
  expect(preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name} ${s.diffs ?? ""}`)).toEqual([]);
  expect(preview.steps).toHaveLength(adopted.steps.length);
});

test("editing one entry of the file changes exactly that object; reordering entries changes nothing", async () => {
  const file = path.join(dir, "org.yaml");
  const spec = parse(fs.readFileSync(file, "utf8"));
  // Reordered: every list reversed.
  for (const k of ["positions", "levels", "userTypes", "members", "groups"]) spec[k].reverse();
  const member = spec.members.find((m: any) => m.userExternalKey);
  member.userName.lastName = `${member.userName.lastName}x`;
  fs.writeFileSync(file, stringify(spec));
  const preview = await engine("preview", adopted.state);
  expect(preview.errors).toEqual([]);
  expect(preview.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.name])).toEqual([["update", `org-${member.userExternalKey}`]]);
  f.emulator.resetLog();
  const up = await engine("up", adopted.state);
  expect(up.errors).toEqual([]);
  // One PATCH, of that member.
  expect(writes().map((e) => `${e.method} ${e.path}`)).toEqual([`PATCH /v1.0/users/${encodeURIComponent(adopted.exports.userIds[member.userExternalKey])}`]);
  expect(f.emulator.objects("users", DOMAIN).find((u) => u.userExternalKey === member.userExternalKey).userName.lastName).toBe(member.userName.lastName);
}, 600_000);
