// A spec file's text read fast (provider/specText.ts): JSON through JSON.parse with the YAML
// document made only when a problem needs its line, and the YAML parser's answer kept wherever
// the two would differ (a key twice, text JSON.parse refuses); the time zone check's memo.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { loadSpecFile, SpecError } from "../provider/spec";
import { fastJson, parseText } from "../provider/specText";
import { User } from "../provider/kinds";

const DOMAIN = 10000001;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spec-text-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const problemsOf = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  try {
    loadSpecFile(name, { cwd: dir, domainId: DOMAIN });
  } catch (e) {
    if (e instanceof SpecError) return e.problems;
    throw e;
  }
  throw new Error("expected problems, but the spec was accepted");
};

describe("JSON read fast", () => {
  test("gives the YAML parser's value, escapes and all", () => {
    const text = '{"positions": [{"positionName": "\\u90e8\\u9577 \\"A\\" \\\\ \\/", "displayOrder": 1e2, "x": [true, null, -0.5, {}]}]}';
    expect(fastJson(text)).toEqual({ value: parse(text) });
    expect(parseText(text)).toEqual(parse(text));
  });

  test("a key twice in one object goes the YAML way: refused, at its line", () => {
    const text = '{\n  "domainId": 10000001,\n  "positions": [\n    {"positionName": "A", "positionName": "B", "displayOrder": 1}\n  ]\n}\n';
    expect(fastJson(text)).toBeUndefined();
    // The same key in two objects is no duplicate; a key inside a string is no key.
    expect(fastJson('{"a": {"k": 1}, "b": {"k": 2}, "c": "\\"a\\": 1"}')).toEqual({ value: { a: { k: 1 }, b: { k: 2 }, c: '"a": 1' } });
    expect(fastJson('{"a\\u0062": 1, "ab": 2}')).toBeUndefined();
    const problems = problemsOf("org.json", text);
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining("Map keys must be unique") })]);
  });

  test("text JSON.parse refuses is the YAML parser's to read or report", () => {
    expect(fastJson("positions: []")).toBeUndefined();
    expect(fastJson('{"a": 1,}')).toBeUndefined();
    expect(parseText("{a: 1}")).toEqual({ a: 1 });
    expect(() => parseText('{"a": 1, "a": 2}')).toThrow(/Map keys must be unique/);
  });

  test("a problem in a JSON file still has its line", () => {
    const text = JSON.stringify({ domainId: DOMAIN, positions: [{ positionName: "A", displayOrder: 1 }, { positionName: "B", displayOrder: 2, colour: "red" }] }, null, 2);
    const line = text.split("\n").findIndex((l) => l.includes('"colour"')) + 1;
    expect(problemsOf("org.json", text)).toEqual([expect.objectContaining({ path: "positions[1].colour", line })]);
  });
});

test("an unknown time zone is refused each time it is met (the check remembers zones)", () => {
  const member = { email: "a@example.com", userName: { lastName: "A" } };
  for (let i = 0; i < 2; i++) {
    const r = User.schema.safeParse({ ...member, timeZone: "Tokyo" });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain("must be an IANA time zone");
    expect(User.schema.safeParse({ ...member, timeZone: "Asia/Tokyo" }).error?.issues.some((x) => x.path[0] === "timeZone")).not.toBe(true);
  }
});
