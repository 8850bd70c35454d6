// docs/tour.md stays true: its commands run in order, in process (the emulator's main, the CLI's
// main), in a fresh directory, and every output line the page shows is printed ("…" stands for
// text that varies: timings, paths). Its diff block is applied to the copy it edits.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as cli } from "../cli";
import { main as emulator } from "../emulator/cli";

const TOUR = path.join(__dirname, "..", "docs", "tour.md");

interface Step {
  command: string;
  shown: string[];
}

/** The ```sh blocks' commands (`$ ...`) with the lines shown after each, and the ```diff blocks' edits. */
function readTour(text: string): { steps: Step[]; edits: Array<[string, string]> } {
  const steps: Step[] = [];
  const edits: Array<[string, string]> = [];
  for (const [, lang, body] of text.matchAll(/```(sh|diff)\n([\s\S]*?)```/g)) {
    const lines = body.split("\n").filter((l) => l !== "");
    if (lang === "diff") {
      const removed = lines.filter((l) => l.startsWith("-")).map((l) => l.slice(1));
      const added = lines.filter((l) => l.startsWith("+")).map((l) => l.slice(1));
      removed.forEach((r, i) => edits.push([r, added[i]]));
      continue;
    }
    for (const line of lines) {
      if (line.startsWith("$ ")) steps.push({ command: line.slice(2), shown: [] });
      else steps[steps.length - 1].shown.push(line);
    }
  }
  return { steps, edits };
}

/** A shown line is printed when its parts between "…" appear in order in one printed line. */
function printed(shown: string, lines: string[]): boolean {
  const parts = shown.split("…");
  return lines.some((line) => {
    if (!line.startsWith(parts[0]) || !line.endsWith(parts[parts.length - 1])) return false;
    let at = 0;
    for (const part of parts) {
      const i = line.indexOf(part, at);
      if (i < 0) return false;
      at = i + part.length;
    }
    return true;
  });
}

const words = (command: string) => command.split(" ").filter(Boolean);

test("docs/tour.md: seed, export, validate, edit, diff, chart, as the page shows them", async () => {
  const text = fs.readFileSync(TOUR, "utf8");
  const { steps, edits } = readTour(text);
  expect(steps.map((s) => words(s.command).slice(0, 3).join(" "))).toEqual([
    "npm run emulator",
    "npx pulumi-lineworks export",
    "npx pulumi-lineworks validate",
    "cp org.yaml org-next.yaml",
    "npx pulumi-lineworks diff",
    "npx pulumi-lineworks chart",
  ]);
  expect(edits.length).toBeGreaterThan(0);

  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "tour-"));
  try {
    for (const step of steps) {
      const argv = words(step.command);
      let lines: string[] = [];
      let shown = step.shown;
      if (argv[0] === "npm") {
        // `npm run emulator -- ARGS`, on any free port (the page shows the default one).
        const handle = (await emulator([...argv.slice(4), "--port", "0"], {}, { cwd, out: (l) => lines.push(l) }))!;
        await handle.stop();
        shown = shown.map((l) => l.replace("http://127.0.0.1:8787", handle.emulator.url));
      } else if (argv[0] === "cp") {
        fs.copyFileSync(path.join(cwd, argv[1]), path.join(cwd, argv[2]));
        let spec = fs.readFileSync(path.join(cwd, argv[2]), "utf8");
        for (const [from, to] of edits) {
          expect(spec.split(`${from}\n`)).toHaveLength(2); // the line the page edits is there, once
          spec = spec.replace(`${from}\n`, `${to}\n`);
        }
        fs.writeFileSync(path.join(cwd, argv[2]), spec);
      } else {
        expect(argv.slice(0, 2)).toEqual(["npx", "pulumi-lineworks"]);
        let out = "";
        const code = await cli(argv.slice(2), { out: (t) => (out += t), err: (l) => lines.push(...l.split("\n")), env: {}, cwd });
        lines = [...out.split("\n"), ...lines];
        expect({ command: step.command, code }).toEqual({ command: step.command, code: 0 });
      }
      for (const line of shown) expect({ command: step.command, line, printed: printed(line, lines) }).toEqual({ command: step.command, line, printed: true });
    }
    expect(fs.readFileSync(path.join(cwd, "chart.html"), "utf8")).toContain("Tokyo Sales");
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});
