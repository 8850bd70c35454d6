// The spec's TypeScript type (DirectorySpec, what `new Directory("org", { spec: {...} })` takes)
// allows exactly the shorthand the spec check fills in: a member's organizations without their
// domainId, and a single organization or unit without `primary`. Type-checked with the compiler,
// as a program written against the SDK would be.
import * as path from "node:path";
import ts from "typescript";
import { ROOT } from "./support/guide";

function typeProblems(code: string): string[] {
  const file = path.join(ROOT, "spec-types", "program.ts");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: ["node"],
    baseUrl: ROOT, paths: { "pulumi-lineworks": ["sdk/index.ts"] },
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? code : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (path.resolve(f) === file ? ts.createSourceFile(f, code, lang) : getSource(f, lang, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file && path.resolve(d.file.fileName) === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
}

const program = (organizations: string) => `import * as lineworks from "pulumi-lineworks";
new lineworks.Directory("org", {
  spec: {
    domainId: 10000001,
    orgUnits: [{ orgUnitExternalKey: "OU_SALES", orgUnitName: "営業部", displayOrder: 1 }],
    members: [{ email: "hanako@example.com", userName: { lastName: "佐藤" }, organizations: ${organizations} }],
  },
});
export {};
`;

test("a spec object may leave out an organization's domainId and the primary of a single organization or unit", () => {
  expect(typeProblems(program(`[{ orgUnits: [{ orgUnitId: "OU_SALES", positionId: null }] }]`))).toEqual([]);
  expect(typeProblems(program(`[{ domainId: 10000001, primary: true, orgUnits: [{ orgUnitId: "OU_SALES", primary: true }] }]`))).toEqual([]);
}, 120_000);

test("and still refuses what is no organization", () => {
  // (The compiler names the mismatch against one form of the spec's union; there is one.)
  expect(typeProblems(program(`[{ orgUnits: [{ primary: true }] }]`))).not.toEqual([]);
  expect(typeProblems(program(`[{ orgUnits: [{ orgUnitId: "OU_SALES", primary: "yes" }] }]`))).not.toEqual([]);
  expect(typeProblems(program(`[{ orgUnits: [{ orgUnitId: "OU_SALES" }], title: "x" }]`))).not.toEqual([]);
}, 120_000);
