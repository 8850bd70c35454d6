// The guide is README.md, README.ja.md and docs/: every relative link in them must reach a file,
// and an anchor a heading of it. Pages other changes add are allowed to be missing until they land.
import * as fs from "node:fs";
import * as path from "node:path";
import { anchors, guideFiles, PENDING, prose, ROOT } from "./support/guide";

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
