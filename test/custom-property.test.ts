// Custom properties (カスタム項目) through the dynamic-provider host the engine runs
// (tools/engine.ts), against the emulator: create a definition and a member's values, update both in
// place (undeclared values stay), the replacement refused without the opt-in, its preview warning
// with it, the replacement itself, the 50-per-domain limit read from LINE WORKS' list, and an
// export (with --assign-keys) taken over by a Directory and edited.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { main as cli } from "../cli";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";
import { makeProgramDir, removeDir } from "../tools/install";
import { runEngine, type EngineState } from "../tools/engine";
import { useFastClock } from "./support/time";

useFastClock();

const OPTIONS = `[{ optionName: "tokyo", displayName: "東京" }, { optionName: "osaka", displayName: "大阪" }]`;
/** A definition and a member holding values of it (and of `floor`, a definition made outside the program). */
const program = (p: { displayName?: string; propertyType?: string; allow?: boolean; office?: string } = {}) => `
  const unit = new lineworks.OrgUnit("unit", { orgUnitName: "総務部", displayOrder: 1 });
  const office = new lineworks.CustomProperty("office", {
    propertyName: "office", displayName: "${p.displayName ?? "勤務地"}", propertyType: "${p.propertyType ?? "STRING"}",
    ${(p.propertyType ?? "STRING") === "STRING" ? `options: ${OPTIONS},` : ""}
    ${p.allow ? "allowReplaceDeletingValues: true," : ""}
  });
  new lineworks.User("hanako", {
    email: "hanako@example.com", userName: { lastName: "佐藤", firstName: "花子" }, privateEmail: "hanako@mail.example",
    organizations: [{ domainId: ${DOMAIN}, primary: true, orgUnits: [{ orgUnitId: unit.orgUnitId, primary: true }] }],
    ${p.office === undefined ? "" : `customProperties: { office: ${p.office} },`}
  }, { dependsOn: [office] });
`;
/** The steps of the definition and the member, in the order they ran. */
const ops = (r: { steps: { name: string; op: string }[] }) => r.steps.filter((s) => s.name !== "unit").map((s) => `${s.name}:${s.op}`);

describe("CustomProperty through the host", () => {
  let f: Fixture;
  let dir: string;
  beforeAll(async () => {
    f = await startFixture({}, { snapshotMaxAgeMs: "0" });
    dir = makeProgramDir("custom-property");
  });
  afterAll(async () => {
    await f.emulator.stop();
    removeDir(dir);
  });

  const run = (mode: "up" | "preview", body: string, state?: EngineState) => runEngine({ dir, program: { body }, mode, state, config: f.config });
  const definitions = () => f.emulator.objects("customProperties", DOMAIN);
  const hanako = () => f.emulator.objects("users", DOMAIN).find((u) => u.email === "hanako@example.com");

  test("create, update in place, the refused replacement, its warning, the allowed replacement", async () => {
    const first = await run("up", program({ office: `"tokyo"` }));
    expect(first.errors).toEqual([]);
    expect(definitions()).toEqual([expect.objectContaining({ propertyName: "office", displayName: "勤務地", propertyType: "STRING", multiValued: false })]);
    const id = definitions()[0].customPropertyId;
    expect(first.state.resources[Object.keys(first.state.resources).find((u) => u.endsWith("::office"))!].id).toBe(id);
    expect(hanako().customProperties).toEqual({ office: "tokyo" });

    // Another definition, and a value of it set in the admin console: the program never declared it.
    f.emulator.seed("customProperties", { domainId: DOMAIN, propertyName: "floor", displayName: "Floor", propertyType: "INTEGER", multiValued: false, options: [] });
    f.emulator.update("users", hanako().userId, { customProperties: { office: "tokyo", floor: 3 } });
    const same = await run("preview", program({ office: `"tokyo"` }), first.state);
    expect(ops(same)).toEqual(["office:same", "hanako:same"]);

    // In place: a new display name, and the member moves office; floor stays.
    const patches = () => f.emulator.log.filter((e) => e.method === "PATCH").length;
    const before = patches();
    const second = await run("up", program({ displayName: "拠点", office: `"osaka"` }), first.state);
    expect(second.errors).toEqual([]);
    expect(ops(second)).toEqual(["office:update", "hanako:update"]);
    expect(patches() - before).toBe(2);
    expect(definitions().find((d) => d.propertyName === "office")).toMatchObject({ customPropertyId: id, displayName: "拠点" });
    expect(hanako().customProperties).toEqual({ office: "osaka", floor: 3 });

    // propertyType cannot change: refused before any call, naming the field and what it would delete.
    const calls = f.emulator.log.length;
    const refused = await run("preview", program({ displayName: "拠点", propertyType: "LINK" }), second.state);
    expect(refused.errors.join("\n")).toContain("CustomProperty propertyType cannot change from \"STRING\" to \"LINK\"");
    expect(refused.errors.join("\n")).toContain(`EVERY MEMBER'S VALUE of "office"`);
    expect(refused.errors.join("\n")).toContain("allowReplaceDeletingValues: true");
    const refusedUp = await run("up", program({ displayName: "拠点", propertyType: "LINK" }), second.state);
    expect(refusedUp.errors.join("\n")).toContain("CustomProperty propertyType cannot change");
    expect(f.emulator.log.slice(calls).filter((e) => e.method !== "GET")).toEqual([]);
    expect(definitions().find((d) => d.propertyName === "office")).toMatchObject({ customPropertyId: id, propertyType: "STRING" });

    // Allowed: the preview shows a replacement and warns that every member's value goes.
    const warned = await run("preview", program({ displayName: "拠点", propertyType: "LINK", allow: true }), second.state);
    expect(warned.errors).toEqual([]);
    expect(warned.steps.find((s) => s.name === "office")).toMatchObject({ op: "replace", replaces: ["propertyType"] });
    expect(warned.hostLog).toContain(`WARNING: custom property "拠点" (propertyName office) is REPLACED because propertyType changed: LINE WORKS deletes EVERY MEMBER'S VALUE of "office"`);

    const replaced = await run("up", program({ displayName: "拠点", propertyType: "LINK", allow: true }), second.state);
    expect(replaced.errors).toEqual([]);
    const now = definitions().find((d) => d.propertyName === "office");
    expect(now).toMatchObject({ propertyType: "LINK", displayName: "拠点" });
    expect(now.customPropertyId).not.toBe(id);
    expect(hanako().customProperties).toEqual({ floor: 3 });

    // The values declared again, of the new type.
    const again = await run("up", program({ displayName: "拠点", propertyType: "LINK", office: `{ text: "本社", link: "https://example.com/hq" }` }), replaced.state);
    expect(again.errors).toEqual([]);
    expect(hanako().customProperties).toEqual({ floor: 3, office: { text: "本社", link: "https://example.com/hq" } });
    const settled = await run("preview", program({ displayName: "拠点", propertyType: "LINK", office: `{ text: "本社", link: "https://example.com/hq" }` }), again.state);
    expect(ops(settled)).toEqual(["office:same", "hanako:same"]);
  }, 240_000); // eight engine runs, each a few processes

  test("adoption by propertyName, and two definitions swapping their displayNames", async () => {
    const D2 = 20000002;
    const a = f.emulator.seed("customProperties", { domainId: D2, propertyName: "costA", displayName: "原価A", propertyType: "STRING", multiValued: false, options: [] });
    const b = f.emulator.seed("customProperties", { domainId: D2, propertyName: "costB", displayName: "原価B", propertyType: "STRING", multiValued: false, options: [] });
    const body = (x: string, y: string) => `
      new lineworks.CustomProperty("a", { domainId: ${D2}, propertyName: "costA", displayName: "${x}", propertyType: "STRING" });
      new lineworks.CustomProperty("b", { domainId: ${D2}, propertyName: "costB", displayName: "${y}", propertyType: "STRING" });`;
    const config = { ...f.config, "lineworks:adoptExisting": "true" };
    const adopted = await runEngine({ dir, program: { body: body("原価A", "部門B") }, mode: "up", config });
    expect(adopted.errors).toEqual([]);
    const byName = (n: string) => f.emulator.objects("customProperties", D2).find((d) => d.propertyName === n);
    expect([byName("costA").customPropertyId, byName("costB")]).toEqual([a.customPropertyId, expect.objectContaining({ customPropertyId: b.customPropertyId, displayName: "部門B" })]);
    // Each takes the other's displayName (unique in the domain): one of them parks at a temporary name of at most 20 characters.
    const swapped = await runEngine({ dir, program: { body: body("部門B", "原価A") }, mode: "up", state: adopted.state, config });
    expect(swapped.errors).toEqual([]);
    expect([byName("costA").displayName, byName("costB").displayName]).toEqual(["部門B", "原価A"]);
    for (const d of [a, b]) f.emulator.remove("customProperties", d.customPropertyId); // the export below reads this domain
  }, 120_000);

  test("a 51st definition fails before the POST, saying the domain has 50", async () => {
    f.emulator.batch(() => {
      for (let i = definitions().length; i < 50; i++) {
        f.emulator.seed("customProperties", { domainId: DOMAIN, propertyName: `p${i}`, displayName: `P${i}`, propertyType: "STRING", multiValued: false, options: [] });
      }
    });
    const posts = f.emulator.log.filter((e) => e.method === "POST" && e.path.includes("custom-properties")).length;
    const full = await run("up", `new lineworks.CustomProperty("one-more", { propertyName: "oneMore", displayName: "もう一つ", propertyType: "DATE" });`);
    expect(full.errors.join("\n")).toContain(`Cannot create custom property "もう一つ" (propertyName oneMore): domain ${DOMAIN} has 50 of them already, and LINE WORKS allows at most 50 per domain`);
    expect(f.emulator.log.filter((e) => e.method === "POST" && e.path.includes("custom-properties")).length).toBe(posts);
  });

  test("export round trip: definitions and values exported, adopted by a Directory without a write, one value edited", async () => {
    const D2 = 20000002;
    const emu = f.emulator;
    const unit = emu.seed("orgUnits", { domainId: D2, orgUnitName: "本社", orgUnitExternalKey: "HQ", displayOrder: 1 });
    emu.seed("customProperties", { domainId: D2, propertyName: "office", displayName: "勤務地", propertyType: "STRING", multiValued: false, displayOrder: 1,
      options: [{ optionName: "tokyo", displayName: "東京", i18nDisplayNames: [] }, { optionName: "osaka", displayName: "大阪", i18nDisplayNames: [] }] });
    emu.seed("customProperties", { domainId: D2, propertyName: "projects", displayName: "案件", propertyType: "INTEGER", multiValued: true, displayOrder: 2, options: [] });
    for (const [name, values] of [["taro", { office: "tokyo", projects: [1, 2] }], ["jiro", {}]] as const) {
      // jiro has no key: --assign-keys gives him one (and none to the custom properties, whose key is propertyName).
      emu.seed("users", { domainId: D2, email: `${name}@example.com`, userExternalKey: name === "taro" ? "EMP_taro" : null, userName: { lastName: name }, customProperties: values,
        organizations: [{ domainId: D2, primary: true, orgUnits: [{ orgUnitId: unit.orgUnitId, primary: true }] }] });
    }
    const err: string[] = [];
    emu.resetLog();
    const code = await cli(["export", "--out", "org.yaml", "--domain", String(D2), "--assign-keys", "--yes"], { out: () => {}, err: (l) => err.push(l), env: f.env, cwd: dir });
    if (code !== 0) throw new Error(`export failed (${code}): ${err.join("\n")}`);
    // propertyName is the key: nothing to assign, and no key endpoint for custom properties is called.
    expect(emu.log.filter((e) => e.path.includes("custom-properties")).map((e) => `${e.method} ${e.path}`)).toEqual(["GET /v1.0/directory/users/custom-properties"]);
    const file = path.join(dir, "org.yaml");
    const spec = parse(fs.readFileSync(file, "utf8"));
    expect(spec.customProperties).toEqual([
      { propertyName: "office", displayName: "勤務地", propertyType: "STRING", displayOrder: 1, options: [{ optionName: "tokyo", displayName: "東京" }, { optionName: "osaka", displayName: "大阪" }] },
      { propertyName: "projects", displayName: "案件", propertyType: "INTEGER", displayOrder: 2, multiValued: true },
    ]);
    const byEmail = (email: string) => spec.members.find((m: any) => m.email === email);
    expect(byEmail("taro@example.com").customProperties).toEqual({ office: "tokyo", projects: [1, 2] });
    expect(byEmail("jiro@example.com").customProperties).toBeUndefined();

    const body = `new lineworks.Directory("org", { spec: require("path").join(process.cwd(), "org.yaml") });`;
    const config = { ...f.config, "lineworks:adoptExisting": "true" };
    emu.resetLog();
    const adopted = await runEngine({ dir, program: { body }, mode: "up", config });
    expect(adopted.errors).toEqual([]);
    expect(emu.log.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/"))).toEqual([]);
    // Each member depends on the definitions it holds values of.
    const taro = Object.values(adopted.state.resources).find((r) => r.name === "org-taro@example.com" || r.name === "org-EMP_taro")!;
    expect(taro.dependencies?.some((u) => u.endsWith("::org-office"))).toBe(true);
    const again = await runEngine({ dir, program: { body }, mode: "preview", state: adopted.state, config });
    expect(again.steps.filter((s) => s.op !== "same")).toEqual([]);

    byEmail("taro@example.com").customProperties.office = "osaka";
    fs.writeFileSync(file, stringify(spec));
    emu.resetLog();
    const edited = await runEngine({ dir, program: { body }, mode: "up", state: adopted.state, config });
    expect(edited.errors).toEqual([]);
    expect(edited.steps.filter((s) => s.op !== "same").map((s) => `${s.name}:${s.op}`)).toEqual([`${taro.name}:update`]);
    expect(emu.objects("users", D2).find((u) => u.email === "taro@example.com").customProperties).toEqual({ office: "osaka", projects: [1, 2] });
  }, 180_000);
});
