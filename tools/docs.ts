// Writes the field docs that follow from the kinds' zod descriptions (`.describe()`), so each is
// written once: the field tables of docs/resources.md (between `<!-- fields:<Kind> -->` and `<!-- /fields -->`)
// and, in sdk/<kind>.ts, the members of the `<Kind>Args` interface with their TSDoc and the TSDoc
// of each output the class declares. `npm run docs`; a test keeps the files current.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { REPO } from "./install";
import { KINDS, type Kind, type KindName } from "../provider/kinds";

/** The reference that holds each kind's field table. */
export const RESOURCES_FILE = path.join(REPO, "docs", "resources.md");
export const KIND_NAMES = Object.keys(KINDS) as KindName[];
/** The SDK file of a kind: `sdk/orgUnit.ts` for OrgUnit. */
export const sdkFile = (name: KindName) => path.join(REPO, "sdk", `${name[0].toLowerCase()}${name.slice(1)}.ts`);

/** A property's description; a property without one is a mistake in the kind. */
function described(kind: Kind, property: string): string {
  const text = kind.descriptions[property];
  if (!text) throw new Error(`${kind.type}.${property} has no description: give its schema a .describe() in provider/kinds/`);
  if (text.includes("*/")) throw new Error(`${kind.type}.${property}'s description holds */, which would end its TSDoc`);
  return text;
}

/** The inputs a program declares, in the docs' order: required fields, optional ones, domainId. */
function inputs(kind: Kind): { name: string; required: boolean; text: string }[] {
  const required = kind.fieldNames.filter((f) => kind.requiredFields.includes(f));
  const optional = kind.fieldNames.filter((f) => !kind.requiredFields.includes(f));
  return [...required, ...optional, "domainId"].map((f) => ({ name: f, required: required.includes(f), text: described(kind, f) }));
}

// ---- docs/resources.md

const TABLE_HEAD = "| input | rule (checked in `pulumi preview`, naming the property) |\n|---|---|";
const cell = (text: string) => text.replace(/\|/g, "\\|");

/** A kind's field table; neighbours with the same description share a row. */
export function fieldTable(kind: Kind): string {
  const rows: { names: string[]; required: boolean; text: string }[] = [];
  for (const f of inputs(kind)) {
    const last = rows[rows.length - 1];
    if (last && last.text === f.text && last.required === f.required) last.names.push(f.name);
    else rows.push({ names: [f.name], required: f.required, text: f.text });
  }
  const lines = rows.map((r) => `| ${r.names.map((n) => `\`${n}\``).join(", ")}${r.required ? " (required)" : ""} | ${cell(r.text)} |`);
  return [TABLE_HEAD, ...lines].join("\n");
}

/** docs/resources.md with every `<!-- fields:<Kind> -->` block regenerated; each kind must have one. */
export function resourcesText(current: string): string {
  const seen = new Set<string>();
  const text = current.replace(/<!-- fields:(\w+) -->\n[\s\S]*?<!-- \/fields -->/g, (_block, name: string) => {
    const kind = KINDS[name];
    if (!kind) throw new Error(`docs/resources.md has a field table for ${name}, which is no kind`);
    seen.add(name);
    return `<!-- fields:${name} -->\n${fieldTable(kind)}\n<!-- /fields -->`;
  });
  const missing = KIND_NAMES.filter((n) => !seen.has(n));
  if (missing.length) throw new Error(`docs/resources.md has no <!-- fields:${missing[0]} --> block for ${missing.join(", ")}`);
  return text;
}

// ---- SDK

/** A TSDoc comment holding `text`, wrapped at about 100 columns. */
function tsdoc(text: string, indent: string): string {
  const width = 100 - indent.length - 3;
  if (text.length <= width - 6) return `${indent}/** ${text} */`;
  const lines: string[] = [];
  let line = "";
  // A code span is one word: a break inside it would show as a space in the code.
  for (const word of text.match(/(?:``.*?``|`[^`]*`|[^\s`])+/g) ?? []) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join("\n");
}

type Edit = { start: number; end: number; text: string };
const applyEdits = (text: string, edits: Edit[]) => edits.sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

/**
 * A kind's SDK file with its generated parts: the `<Kind>Args` members (one per input, typed by
 * the interface's base, `Base["field"]`) and the TSDoc of each output the `<Kind>` class declares.
 */
export function sdkText(name: KindName, current: string): string {
  const kind = KINDS[name];
  const file = sdkFile(name);
  const sf = ts.createSourceFile(file, current, ts.ScriptTarget.Latest, true);
  const edits: Edit[] = [];
  const args = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `${name}Args`);
  const base = args?.heritageClauses?.[0]?.types[0];
  if (!args || !base) throw new Error(`${file} has no interface ${name}Args extending its inputs' type`);
  const members = inputs(kind).map((f) => `${tsdoc(f.text, "  ")}\n  ${f.name}${f.required ? "" : "?"}: ${base.getText(sf)}["${f.name}"];`);
  edits.push({ start: current.indexOf("{", base.end) + 1, end: args.getEnd() - 1, text: `\n${members.join("\n")}\n` });

  const cls = sf.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
  if (!cls) throw new Error(`${file} has no class ${name}`);
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m) || !ts.isIdentifier(m.name)) continue;
    const start = m.getStart(sf);
    const indent = current.slice(current.lastIndexOf("\n", start) + 1, start);
    edits.push({ start: m.getFullStart(), end: start, text: `\n${tsdoc(described(kind, m.name.text), indent)}\n${indent}` });
  }
  return applyEdits(current, edits);
}

/** Every generated file with what it should hold. */
export function generatedDocs(): { file: string; current: string; text: string }[] {
  const read = (file: string) => fs.readFileSync(file, "utf8");
  return [
    { file: RESOURCES_FILE, current: read(RESOURCES_FILE), text: resourcesText(read(RESOURCES_FILE)) },
    ...KIND_NAMES.map((n) => ({ file: sdkFile(n), current: read(sdkFile(n)), text: sdkText(n, read(sdkFile(n))) })),
  ];
}

if (require.main === module) {
  for (const { file, current, text } of generatedDocs()) {
    if (text === current) continue;
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
