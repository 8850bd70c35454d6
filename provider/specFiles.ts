// A spec in several files: `include: [sales.yaml, dev/*.yaml]` at the top of a file, or an item
// `- include: sales.yaml` in a list of org units (`orgUnits`, a unit's `children`). Each included
// file holds sections; its org units sit where it is included, its other entries join the spec's
// sections. Paths are relative to the including file. Read here into one spec, with where each
// entry came from, so every problem still names its own file, path and line.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Document, LineCounter } from "yaml";
import type { SpecProblem } from "./spec";
import { fastJson, yamlOf } from "./specText";
import { closest } from "./words";

type Props = Record<string, any>;
type Path = (string | number)[];

/** Where the files come from: the disk, or a git ref (`diff --base-ref`). Both throw with the reason a file is missing. */
export interface SpecReader {
  read(file: string): string;
  /** The names of the files in a folder. */
  list(dir: string): string[];
}

export const diskReader: SpecReader = {
  read: (file) => fs.readFileSync(file, "utf8"),
  list: (dir) => fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name),
};

/** Where a path of the spec is written: its file, its path in that file, and its line. */
export interface SpecLocation {
  file: string;
  /** The file's place among the spec's files (the main file 0), to list problems file by file. */
  order: number;
  path: Path;
  line?: number;
}

export interface SpecFiles {
  /** The spec, its files' sections put together (the main file's value as written when it is no object). */
  spec: unknown;
  /** Every file read, the main one first. */
  files: string[];
  /** What stopped the files being read: YAML errors, an include naming no file, a cycle. */
  problems: SpecProblem[];
  locate(at: Path): SpecLocation | undefined;
}

/** The sections an included file may hold (the main file's domainId is the spec's). */
export const PART_SECTIONS = ["positions", "levels", "userTypes", "employmentTypes", "orgUnits", "members", "groups"];
export const INCLUDE = "include";

interface Part {
  file: string;
  order: number;
  /** The YAML document and its lines: made when a line is asked for (a JSON file is read without). */
  doc(): { doc: Document; lines: LineCounter };
  value: unknown;
}


const key = (at: Path) => at.join("\0");
const pathText = (at: Path): string => at.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
const isObject = (v: unknown): v is Props => !!v && typeof v === "object" && !Array.isArray(v);
const WILD = /[*?]/;

/** The line of the node at `at` in `part`, else of its nearest ancestor (a missing field: its object's). */
function lineIn(part: Part, at: Path): number | undefined {
  for (let n = at.length; n >= 0; n--) {
    const { doc, lines } = part.doc();
    const node = doc.getIn(at.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** `name` matches a pattern of `*` (any characters) and `?` (one). */
const matches = (pattern: string, name: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(name);

/** Reads `main` and every file it includes, depth first, into one spec. */
export function readSpecFiles(main: string, reader: SpecReader = diskReader): SpecFiles {
  const parts: Part[] = [];
  const problems: SpecProblem[] = [];
  const origins = new Map<string, { part: Part; at: Path }>();
  /** Where each file was first included: a second include of it is a problem, not a second copy of its entries. */
  const includedAt = new Map<string, { part: Part; at: Path }>();
  const spec: Props = {};
  const rel = (file: string) => path.relative(path.dirname(main), file) || path.basename(file);
  const problem = (part: Part, at: Path, message: string) => problems.push({ path: pathText(at), message, line: lineIn(part, at), ...(part.order ? { file: part.file } : {}) });

  const parse = (file: string, text: string): Part | undefined => {
    const json = fastJson(text);
    let yaml = json ? undefined : yamlOf(text);
    const part: Part = { file, order: parts.length, doc: () => (yaml ??= yamlOf(text)), value: json?.value };
    parts.push(part);
    if (json) return part;
    const { doc, lines } = part.doc();
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push({ path: "", message: e.message.split("\n")[0], line: lines.linePos(e.pos[0]).line, ...(part.order ? { file } : {}) });
      return undefined;
    }
    part.value = doc.toJS();
    return part;
  };

  /** The files a pattern names (a `*` or `?` in its file name), in name order; or why none. */
  const expand = (dir: string, written: string): string[] | string => {
    const full = path.resolve(dir, written);
    if (!WILD.test(written)) return [full];
    if (WILD.test(path.dirname(written))) return `${written}: only the file name may hold * or ?, not a folder`;
    let names: string[];
    try {
      names = reader.list(path.dirname(full));
    } catch (e) {
      return `${written}: the folder ${path.dirname(written)} cannot be read (${whyMissing(e)})`;
    }
    const found = names.filter((n) => matches(path.basename(written), n)).sort();
    return found.length ? found.map((n) => path.join(path.dirname(full), n)) : `${written} matches no file in ${path.dirname(written) === "." ? "this file's folder" : path.dirname(written)}`;
  };

  /** Adds the files `value` (a path or a list of paths at `at` in `from`) names; their units go to `units` (at `unitsAt` in the spec). */
  const include = (from: Part, value: unknown, at: Path, units: unknown[], unitsAt: Path, chain: string[]) => {
    const written = typeof value === "string" ? [[value, at] as const] : Array.isArray(value) ? value.map((v, i) => [v, [...at, i]] as const) : [];
    if (!written.length || written.some(([v]) => typeof v !== "string" || !v)) {
      problem(from, at, "must be a file path, or a list of them, relative to this file (sales.yaml, dev/*.yaml)");
      return;
    }
    for (const [pattern, where] of written as (readonly [string, Path])[]) {
      const files = expand(path.dirname(from.file), pattern);
      if (typeof files === "string") problem(from, where, files);
      else for (const file of files) addFile(from, where, file, units, unitsAt, chain);
    }
  };

  const addFile = (from: Part, where: Path, file: string, units: unknown[], unitsAt: Path, chain: string[]) => {
    if (chain.includes(file)) {
      const circle = [...chain.slice(chain.indexOf(file)), file].map(rel).join(" -> ");
      problem(from, where, `includes ${rel(file)}, which is already being read (${circle}): files cannot include each other in a circle`);
      return;
    }
    const first = includedAt.get(file);
    if (first) {
      const line = lineIn(first.part, first.at);
      problem(from, where, `${rel(file)} is included already (${rel(first.part.file)}${line === undefined ? "" : ` line ${line}`}): include each file once, or its entries would be declared twice`);
      return;
    }
    includedAt.set(file, { part: from, at: where });
    let text: string;
    try {
      text = reader.read(file);
    } catch (e) {
      problem(from, where, `cannot include ${path.relative(path.dirname(from.file), file)}: ${whyMissing(e)}`);
      return;
    }
    const part = parse(file, text);
    if (!part) return;
    if (!isObject(part.value)) {
      problem(part, [], `an included file holds sections (${PART_SECTIONS.join(", ")}), not ${Array.isArray(part.value) ? "a list" : "a single value"}`);
      return;
    }
    for (const k of Object.keys(part.value)) {
      if (k === "domainId") problem(part, [k], `belongs in the main spec file (${path.basename(main)}) only: the spec has one domain`);
      else if (k !== "$schema" && k !== INCLUDE && !PART_SECTIONS.includes(k)) {
        const meant = closest(k, [...PART_SECTIONS, INCLUDE]);
        problem(part, [k], `is not a section${meant ? `: did you mean ${meant}?` : `; an included file holds ${PART_SECTIONS.join(", ")} and include`}`);
      }
    }
    addSections(part, units, unitsAt, [...chain, file]);
  };

  /** An item `{ include: ... }` of a list of units. */
  const isIncludeItem = (item: unknown): item is Props => isObject(item) && INCLUDE in item;

  /** The units of `list` (at `at` in `part`) put into `target` (at `targetAt` in the spec), their includes read. */
  const addUnits = (part: Part, list: unknown[], at: Path, target: unknown[], targetAt: Path, chain: string[]) => {
    list.forEach((item, i) => {
      if (isIncludeItem(item)) {
        const others = Object.keys(item).filter((k) => k !== INCLUDE);
        if (others.length) problem(part, [...at, i, others[0]], "does not belong beside include: an include item holds only the file path; the units are in that file");
        include(part, item.include, [...at, i, INCLUDE], target, targetAt, chain);
        return;
      }
      const place = [...targetAt, target.length];
      origins.set(key(place), { part, at: [...at, i] });
      if (!isObject(item) || !Array.isArray(item.children)) {
        target.push(item);
        return;
      }
      const copy: Props = { ...item, children: [] };
      target.push(copy);
      addUnits(part, item.children, [...at, i, "children"], copy.children, [...place, "children"], chain);
    });
  };

  /** The sections of `part`, in the file's order, its includes read where they stand. */
  const addSections = (part: Part, units: unknown[], unitsAt: Path, chain: string[]) => {
    for (const [k, value] of Object.entries(part.value as Props)) {
      if (k === INCLUDE) include(part, value, [k], units, unitsAt, chain);
      else if (!PART_SECTIONS.includes(k)) continue;
      else if (!Array.isArray(value)) {
        // Not a list: the main file's is checked (and reported) by the schema as written.
        if (part.order === 0) spec[k] = value;
        else problem(part, [k], "must be a list");
      } else if (k === "orgUnits") addUnits(part, value, [k], units, unitsAt, chain);
      else {
        const list: unknown[] = Array.isArray(spec[k]) ? spec[k] : (spec[k] = []);
        value.forEach((item, i) => {
          origins.set(key([k, list.length]), { part, at: [k, i] });
          list.push(item);
        });
      }
    }
  };

  let text: string;
  try {
    text = reader.read(main);
  } catch (e) {
    return { spec, files: [main], problems: [{ path: "", message: `cannot be read: ${(e as Error).message}` }], locate: () => undefined };
  }
  const root = parse(main, text);
  if (root) {
    origins.set(key([]), { part: root, at: [] });
    if (isObject(root.value)) {
      // The main file's other keys (domainId, $schema, a misspelt section) as written, for the schema to check.
      for (const [k, v] of Object.entries(root.value)) if (k !== INCLUDE && !PART_SECTIONS.includes(k)) spec[k] = v;
      const units: unknown[] = [];
      addSections(root, units, ["orgUnits"], [main]);
      // A main file's orgUnits that is no list stays as written, for the schema to report.
      if (Array.isArray(root.value.orgUnits) || (root.value.orgUnits === undefined && units.length)) spec.orgUnits = units;
    }
  }
  const value = root && !isObject(root.value) ? root.value : spec;
  return {
    spec: value,
    files: parts.map((p) => p.file),
    problems,
    locate(at: Path) {
      for (let n = at.length; n >= 0; n--) {
        const origin = origins.get(key(at.slice(0, n)));
        if (!origin) continue;
        const inFile = [...origin.at, ...at.slice(n)];
        return { file: origin.part.file, order: origin.part.order, path: inFile, line: lineIn(origin.part, inFile) };
      }
      return undefined;
    },
  };
}

/** Why a file could not be read, in a reader's words (no such file, a folder). */
function whyMissing(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a folder, not a file";
  return (e as Error).message;
}
