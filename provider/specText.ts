// A spec file's text read fast. JSON.parse is some 50 times faster than the YAML parser with line
// positions, which a 4 MB spec of 10,000 members took seconds on: a JSON file is read with it, and
// its YAML document (for lines) made only when a problem needs a line. Behaviour stays the YAML
// parser's: text that JSON.parse refuses, or with a key twice in one object (YAML refuses it,
// JSON.parse keeps the last), goes the YAML way. A YAML file read twice (a Directory asks whether
// it is a dated map, then reads the spec) is parsed once.
import { LineCounter, parseDocument, type Document } from "yaml";

/** A token of JSON text that JSON.parse accepted: a string, a punctuation mark, or anything else. */
const TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\],:]|[^"{}[\],:]+/gy;

/** Whether an object in `text` (valid JSON) holds a key twice. */
function hasDuplicateKeys(text: string): boolean {
  const objects: (Set<string> | undefined)[] = []; // a Set of keys per open object, undefined per list
  let key = false;
  for (const [t] of text.matchAll(TOKEN)) {
    const c = t[0];
    if (c === "{" || c === "[") {
      objects.push(c === "{" ? new Set() : undefined);
      key = c === "{";
    } else if (c === "}" || c === "]") {
      objects.pop();
      key = false;
    } else if (c === ",") key = objects[objects.length - 1] !== undefined;
    else if (c === ":") key = false;
    else if (c === '"' && key) {
      const name = t.includes("\\") ? (JSON.parse(t) as string) : t.slice(1, -1);
      const seen = objects[objects.length - 1]!;
      if (seen.has(name)) return true;
      seen.add(name);
      key = false;
    }
  }
  return false;
}

/** The value of `text` when it is JSON the YAML parser reads alike, else undefined (read it as YAML). */
export function fastJson(text: string): { value: unknown } | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return hasDuplicateKeys(text) ? undefined : { value };
}

/** The last text parsed as YAML: its document and lines. */
let last: { text: string; yaml: { doc: Document; lines: LineCounter } } | undefined;

/** `text` as a YAML document with its line positions (the same one for the same text as the last). */
export function yamlOf(text: string): { doc: Document; lines: LineCounter } {
  if (last?.text !== text) {
    const lines = new LineCounter();
    last = { text, yaml: { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false }), lines } };
  }
  return last.yaml;
}

/** The value of a YAML (or JSON) text, as yaml's `parse` gives it; throws its first error. */
export function parseText(text: string): unknown {
  const json = fastJson(text);
  if (json) return json.value;
  const { doc } = yamlOf(text);
  if (doc.errors.length) throw doc.errors[0];
  return doc.toJS();
}
