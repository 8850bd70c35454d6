// The guide's Markdown files and their anchors, for the tests that check links, examples and sections.
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");
/** Pages that other changes of issue 22 add; a link to one is checked once the file exists. */
export const PENDING = ["docs/install.md", "docs/node-versions.md", "docs/tour.md", "docs/assign-keys.md"];

export const guideFiles = () => ["README.md", "README.ja.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)].filter((f) => fs.existsSync(path.join(ROOT, f)));

/** Markdown without its fenced code blocks (links and headings in them are not links or headings). */
export const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, "");

/** GitHub's anchors for a file's headings (duplicates get -1, -2, ...) and explicit `<a id>`s. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = m[1].trim().toLowerCase().replace(/<[^>]+>/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  for (const m of text.matchAll(/<a (?:id|name)="([^"]+)"/g)) out.add(m[1]);
  return out;
}
