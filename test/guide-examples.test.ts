// Every ```ts block of the guide (README.md, README.ja.md, docs/*.md) type-checks against the
// package, so an example cannot drift from the SDK. Each block is a module importing
// "pulumi-lineworks" (mapped to sdk/); a block that uses an object another block of its page
// declares (`sales`, `taro`, ...) finds it in GIVEN, typed as the resource it is.
import * as fs from "node:fs";
import * as path from "node:path";
import { guideFiles, ROOT } from "./support/guide";
import { typeCheck } from "./support/types";
const GIVEN: Record<string, string> = {
  config: 'import("@pulumi/pulumi").Config',
  manager: "Position", senior: "Level", contractor: "UserType",
  sales: "OrgUnit", tokyoSales: "OrgUnit", taro: "User",
};
const given = Object.entries(GIVEN).map(([name, type]) => `declare const ${name}: ${type.startsWith("import") ? type : `import("pulumi-lineworks").${type}`};`).join("\n");

/** The ts blocks of a Markdown file, with the line each starts on. */
export function tsBlocks(text: string): { line: number; code: string }[] {
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => ({ line: text.slice(0, m.index).split("\n").length + 1, code: m[1] }));
}

test("every TypeScript example of the guide type-checks against the package", () => {
  const files = new Map<string, string>([[path.join(ROOT, "guide-examples", "given.d.ts"), given]]);
  const origin = new Map<string, string>();
  for (const file of guideFiles()) {
    tsBlocks(fs.readFileSync(path.join(ROOT, file), "utf8")).forEach(({ line, code }, i) => {
      const name = path.join(ROOT, "guide-examples", `${file.replace(/\W/g, "_")}_${i}.ts`);
      const head = /^import /m.test(code) ? "" : 'import * as lineworks from "pulumi-lineworks";\n';
      files.set(name, `${head}${code}\nexport {};\n`);
      origin.set(name, `${file}, the block at line ${line}`);
    });
  }
  expect(origin.size).toBeGreaterThan(10);
  const problems = typeCheck(files).map(({ file, line, message }) => `${file ? origin.get(file) ?? path.relative(ROOT, file) : ""} (+${line}): ${message}`);
  expect(problems).toEqual([]);
}, 120_000);
