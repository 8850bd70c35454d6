// Each SDK class declares exactly its kind's outputs: the ID, domainId, every field the kind keeps
// in outputs and the ones LINE WORKS derives. A forgotten (or extra) `pulumi.Output` compiles, so
// this reads the declarations with the TypeScript compiler API.
import * as fs from "node:fs";
import ts from "typescript";
import { KINDS, type Kind } from "../provider/kinds";
import { KIND_NAMES, sdkFile } from "../tools/docs";

/** The `readonly x: pulumi.Output<...>` properties a class declares (Pulumi's own urn and id left out). */
function declaredOutputs(source: string, className: string): string[] {
  const sf = ts.createSourceFile("sdk.ts", source, ts.ScriptTarget.Latest, true);
  const cls = sf.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className);
  if (!cls) throw new Error(`no class ${className}`);
  return cls.members
    .filter((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && !!m.type && /^pulumi\.Output</.test(m.type.getText(sf)))
    .filter((m) => ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword))
    .map((m) => m.name.getText(sf))
    .filter((n) => n !== "urn" && n !== "id");
}

/** What the provider registers as the resource's outputs (sdk/common.ts kindProps), and domainId. */
const kindOutputs = (kind: Kind) => [kind.idField, "domainId", ...kind.outputFields, ...kind.readOnly];
const sorted = (names: string[]) => [...names].sort();

describe("SDK classes declare their kind's outputs", () => {
  test.each(KIND_NAMES)("%s", (name) => {
    const declared = declaredOutputs(fs.readFileSync(sdkFile(name), "utf8"), name);
    expect(new Set(declared).size).toBe(declared.length);
    expect(sorted(declared)).toEqual(sorted(kindOutputs(KINDS[name])));
  });

  test("a forgotten output, or one the kind does not have, is caught", () => {
    const source = fs.readFileSync(sdkFile("User"), "utf8");
    const forgotten = source.replace(/\n\s*declare public readonly isPending: pulumi\.Output<boolean>;/, "");
    expect(forgotten).not.toBe(source);
    expect(sorted(declaredOutputs(forgotten, "User"))).not.toEqual(sorted(kindOutputs(KINDS.User)));
    const extra = source.replace("declare public readonly isPending:", "declare public readonly passwordConfig: pulumi.Output<unknown>;\n  declare public readonly isPending:");
    expect(sorted(declaredOutputs(extra, "User"))).not.toEqual(sorted(kindOutputs(KINDS.User)));
  });
});
