// Field docs are written once, on the kinds' zod schemas (`.describe()`); docs/resources.md's field tables
// and the SDK's TSDoc are generated from them by tools/docs.ts and must be current.
import * as path from "node:path";
import { KINDS } from "../provider/kinds";
import { fieldTable, generatedDocs, resourcesText, sdkText } from "../tools/docs";

describe("field docs", () => {
  test("every property of every kind has a description", () => {
    for (const kind of Object.values(KINDS)) {
      for (const f of [kind.idField, "domainId", ...kind.fieldNames, ...kind.readOnly]) expect([kind.type, f, kind.descriptions[f]?.length]).toEqual([kind.type, f, expect.any(Number)]);
    }
  });

  test("docs/resources.md and the SDK files are what `npm run docs` writes", () => {
    const stale = generatedDocs().filter((d) => d.text !== d.current).map((d) => path.relative(path.join(__dirname, ".."), d.file));
    if (stale.length) throw new Error(`${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} not what the kinds' descriptions generate: run \`npm run docs\` and commit`);
  });

  test("a table row and a TSDoc say the description, word for word", () => {
    const { OrgUnit, User } = KINDS;
    expect(fieldTable(OrgUnit)).toContain(`| \`description\` | ${OrgUnit.descriptions.description} |`);
    expect(fieldTable(User)).toContain("| `telephone`, `cellPhone` | "); // neighbours with one description share a row
    expect(fieldTable(User)).toContain('"ADMIN" \\| "MEMBER"'); // a pipe does not end the cell
    const sdk = sdkText("User", "export interface UserArgs extends Base {}\nexport class User {\n  declare public readonly hiredDate: X;\n}\n");
    expect(sdk).toContain(`  /** ${User.descriptions.hiredDate} */\n  hiredDate?: Base["hiredDate"];`);
    expect(sdk).toContain(`  /** ${User.descriptions.hiredDate} */\n  declare public readonly hiredDate: X;`);
    expect(sdk).toContain(`  email: Base["email"];`);
  });

  test("a reference without a kind's table, or with one for no kind, is refused", () => {
    const blocks = Object.keys(KINDS).map((k) => `<!-- fields:${k} -->\n<!-- /fields -->`);
    expect(() => resourcesText(blocks.slice(1).join("\n"))).toThrow(/no <!-- fields:Position --> block/);
    expect(() => resourcesText([...blocks, "<!-- fields:Team -->\n<!-- /fields -->"].join("\n"))).toThrow(/Team, which is no kind/);
  });
});
