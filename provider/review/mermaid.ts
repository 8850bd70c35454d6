// The org chart of the branches that change, as a Mermaid flowchart GitHub renders in a
// comment: each changed unit with the units above it (the head's tree, solid lines), where a
// moved or removed unit was (dotted lines from its old parent), and the units members join,
// leave or move between. Changed units are marked by class (colour) and by a word in the box,
// so the chart reads without colour too. Capped, so a large change still gives a drawable chart.
import type { Changes, UnitChangeKind } from "./model";

/** Boxes at most: GitHub draws a few hundred edges, and a reviewer reads far fewer boxes. */
export const MAX_NODES = 120;

type Mark = "added" | "removed" | "renamed" | "moved" | "changed" | "people";

const MARK_OF: Record<UnitChangeKind, Mark> = { added: "added", removed: "removed", renamed: "renamed", moved: "moved", "renamed+moved": "moved", changed: "changed" };
const TAG: Record<Mark, string> = { added: "追加", removed: "削除", renamed: "名称変更", moved: "移動", changed: "設定変更", people: "メンバー異動" };
const STYLE: Record<Mark, string> = {
  added: "fill:#dafbe1,stroke:#1a7f37,color:#000",
  removed: "fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 3,color:#000",
  renamed: "fill:#fff8c5,stroke:#9a6700,color:#000",
  moved: "fill:#ddf4ff,stroke:#0969da,color:#000",
  changed: "fill:#f6f8fa,stroke:#57606a,color:#000",
  people: "fill:#fbefff,stroke:#8250df,color:#000",
};

/** Text inside a quoted Mermaid label: the characters Mermaid or HTML would read as syntax, as entities. */
const label = (s: string) => s.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\s+/g, " ");

/** One branch to draw: a path of labels and names on a side; `was`: the last unit's old place (dotted). */
interface Branch {
  labels: string[];
  names: string[];
  side: "head" | "base";
  was?: boolean;
}

export interface Chart {
  /** The lines of the ```mermaid block (fences included); empty when nothing to draw. */
  lines: string[];
  /** Changed or peopled units left out by the cap. */
  omitted: number;
}

/** The chart of the units `changes` touches. */
export function orgChart(changes: Changes, maxNodes = MAX_NODES): Chart {
  const marks = new Map<string, Mark>();
  const renamedFrom = new Map<string, string>();
  // Each entry: the branches of one changed unit (its head path, and its base path when it moved).
  const wanted: Branch[][] = [];
  for (const u of changes.units) {
    marks.set(u.label, MARK_OF[u.change]);
    if (u.oldName !== undefined) renamedFrom.set(u.label, u.oldName);
    const removed = u.change === "removed";
    const branches: Branch[] = [{ labels: u.labels, names: u.path, side: removed ? "base" : "head", was: removed }];
    if ((u.change === "moved" || u.change === "renamed+moved") && u.oldLabels && u.oldPath) branches.push({ labels: u.oldLabels, names: u.oldPath, side: "base", was: true });
    wanted.push(branches);
  }
  // Then the units members join, leave or move between, marked unless changed themselves.
  const peopled = new Map<string, Branch>();
  for (const m of changes.members) {
    if (m.change === "changed" && !m.aspects.includes("unit")) continue;
    const before = new Set((m.before?.seats ?? []).map((s) => s.unit.label));
    const after = new Set((m.after?.seats ?? []).map((s) => s.unit.label));
    for (const s of m.before?.seats ?? []) if (!after.has(s.unit.label)) peopled.set(`b\0${s.unit.label}`, { labels: s.unit.labels, names: s.unit.path, side: "base" });
    for (const s of m.after?.seats ?? []) if (!before.has(s.unit.label)) peopled.set(`h\0${s.unit.label}`, { labels: s.unit.labels, names: s.unit.path, side: "head" });
  }
  const byPath = [...peopled.values()].sort((a, b) => (a.names.join("\0") < b.names.join("\0") ? -1 : a.names.join("\0") > b.names.join("\0") ? 1 : 0));
  for (const b of byPath) {
    const unit = b.labels[b.labels.length - 1];
    if (marks.has(unit)) continue; // a changed unit: drawn as such (a removed one stays dotted)
    marks.set(unit, "people");
    wanted.push([b]);
  }

  // Take whole branches while they fit, the head's tree before the base's edges.
  const names = new Map<string, string>();
  const taken: Branch[] = [];
  let omitted = 0;
  for (const branches of wanted) {
    const fresh = new Set(branches.flatMap((b) => b.labels).filter((l) => !names.has(l)));
    if (names.size + fresh.size > maxNodes) {
      omitted++;
      continue;
    }
    for (const b of branches) b.labels.forEach((l, i) => names.has(l) || names.set(l, b.names[i]));
    taken.push(...branches);
  }
  if (!names.size) return { lines: [], omitted };

  const ids = new Map([...names.keys()].map((l, i) => [l, `u${i + 1}`]));
  // Solid lines: the head's tree, then units seen only on the base side as they stood (a moved one
  // has its own head branch). Dotted: a removed or moved unit from where it was.
  const parent = new Map<string, string>();
  const solid = (b: Branch, upTo: number) => b.labels.forEach((l, i) => i > 0 && i < upTo && !parent.has(l) && parent.set(l, b.labels[i - 1]));
  for (const b of taken) if (b.side === "head") solid(b, b.labels.length);
  for (const b of taken) if (b.side === "base") solid(b, b.was ? b.labels.length - 1 : b.labels.length);
  const was = new Set<string>();
  for (const b of taken.filter((x) => x.was)) {
    const last = b.labels.length - 1;
    if (last > 0 && parent.get(b.labels[last]) !== b.labels[last - 1]) was.add(`${ids.get(b.labels[last - 1])} -.-> ${ids.get(b.labels[last])}`);
  }
  const box = (l: string) => {
    const mark = marks.get(l);
    const old = renamedFrom.get(l);
    const text = [label(names.get(l)!), ...(old !== undefined ? [`旧: ${label(old)}`] : []), ...(mark ? [`〔${TAG[mark]}〕`] : [])].join("<br/>");
    return `  ${ids.get(l)}["${text}"]`;
  };
  const lines = ["```mermaid", "flowchart TD", ...[...names.keys()].map(box)];
  for (const [child, up] of parent) lines.push(`  ${ids.get(up)} --> ${ids.get(child)}`);
  lines.push(...[...was].map((e) => `  ${e}`));
  const used = (Object.keys(STYLE) as Mark[]).filter((m) => [...marks].some(([l, x]) => x === m && names.has(l)));
  for (const m of used) {
    lines.push(`  classDef ${m} ${STYLE[m]}`);
    lines.push(`  class ${[...names.keys()].filter((l) => marks.get(l) === m).map((l) => ids.get(l)).join(",")} ${m}`);
  }
  lines.push("```");
  return { lines, omitted };
}

/** The legend under the chart: what each mark means. */
export const LEGEND = "〔追加〕 added・〔削除〕 removed (dotted: where it was)・〔名称変更〕 renamed・〔移動〕 moved (dotted: from its old parent)・〔設定変更〕 settings changed・〔メンバー異動〕 members join, leave or move";
