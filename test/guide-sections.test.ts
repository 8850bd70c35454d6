// README.ja.md follows README.md section by section: each file marks its sections with
// `<!-- section:<name> -->` just above the heading, and both carry the same names in the same
// order, so a section written in one guide and not the other fails here.
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./support/guide";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** The section names of a guide, in order; each marker must stand right above a `## ` heading. */
export function sections(text: string): string[] {
  return [...text.matchAll(/^<!-- section:([\w-]+) -->\n(.*)$/gm)].map((m) => {
    if (!m[2].startsWith("## ")) throw new Error(`<!-- section:${m[1]} --> is followed by "${m[2]}", not a ## heading`);
    return m[1];
  });
}

test("README.ja.md has README.md's sections, in README.md's order", () => {
  const en = sections(read("README.md"));
  expect(en.length).toBeGreaterThanOrEqual(8);
  expect(new Set(en).size).toBe(en.length);
  expect(sections(read("README.ja.md"))).toEqual(en);
});

test("each guide links to the other in its first lines", () => {
  expect(read("README.md").split("\n").slice(0, 5).join("\n")).toContain("](README.ja.md)");
  expect(read("README.ja.md").split("\n").slice(0, 5).join("\n")).toContain("](README.md)");
});

test("a section one guide lacks, or a marker without its heading, is refused", () => {
  const en = "<!-- section:install -->\n## Install\n<!-- section:spec -->\n## The spec\n";
  const ja = "<!-- section:install -->\n## インストール\n";
  expect(sections(ja)).not.toEqual(sections(en));
  expect(() => sections("<!-- section:install -->\nInstall\n")).toThrow(/not a ## heading/);
});
