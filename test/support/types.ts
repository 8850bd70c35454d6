// Type-checks programs written against the SDK as a user's would be ("pulumi-lineworks" mapped to
// sdk/, strict): for the tests of the guide's examples and of the SDK's types.
import * as path from "node:path";
import ts from "typescript";
import { ROOT } from "./guide";

/** A diagnostic of one of `files` (or of none: `file` empty): the file, the line (0-based) and the message. */
export interface TypeProblem {
  file: string;
  line: number;
  message: string;
}

/**
 * The type errors of `files` (absolute path -> source), which exist in memory only, and those of no
 * file (the options); the package itself is checked by the build.
 */
export function typeCheck(files: Map<string, string>): TypeProblem[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: ["node"],
    baseUrl: ROOT, paths: { "pulumi-lineworks": ["sdk/index.ts"] },
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => files.get(path.resolve(f)) ?? read(f);
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => files.has(path.resolve(f)) || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (files.has(path.resolve(f)) ? ts.createSourceFile(f, files.get(path.resolve(f))!, lang) : getSource(f, lang, ...rest));
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || files.has(path.resolve(d.file.fileName)))
    .map((d) => ({
      file: d.file ? path.resolve(d.file.fileName) : "",
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, " "),
    }));
}
