// The guide is README.md, README.ja.md and docs/: every relative link in them must reach a file,
// and an anchor a heading of it. Pages other changes add are allowed to be missing until they land.
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
/** Pages that other changes of issue 22 add; a link to one is checked once the file exists. */
const PENDING = ["docs/install.md", "docs/node-versions.md", "docs/tour.md", "docs/assign-keys.md"];

export const guideFiles = () => ["README.md", "README.ja.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)].filter((f) => fs.existsSync(path.join(ROOT, f)));

/** Markdown without its fenced code blocks (links and headings in them are not links or headings). */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, "");

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

test("every relative link of the guide reaches a file and, with an anchor, a heading", () => {
  const broken: string[] = [];
  for (const file of guideFiles()) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [rel, anchor] = target.split("#");
      const to = rel ? path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), rel)) : file;
      if (!fs.existsSync(path.join(ROOT, to))) {
        if (!PENDING.includes(to)) broken.push(`${file}: ${target} (no file ${to})`);
        continue;
      }
      if (anchor && to.endsWith(".md") && !anchors(fs.readFileSync(path.join(ROOT, to), "utf8")).has(anchor)) broken.push(`${file}: ${target} (no heading #${anchor} in ${to})`);
    }
  }
  expect(broken).toEqual([]);
});

test("anchors are GitHub's", () => {
  expect([...anchors("# Check a spec without credentials: `validate`\n## Adoption (objects that already exist)\n## テナントから最初の `pulumi up` まで\n## X\n## X\n")])
    .toEqual(["check-a-spec-without-credentials-validate", "adoption-objects-that-already-exist", "テナントから最初の-pulumi-up-まで", "x", "x-1"]);
});
