// What a change does to the chart: compareSpecs' changes (provider/review/changes.ts) laid onto the
// head's tree. Units and members that change get a mark; units removed and members who leave or
// move away are put back where they were, struck through, so a reviewer reading one unit sees who
// comes and who goes.
import type { ParsedSpec } from "../spec";
import { compareSpecs, type Changes, type MemberAspect, type MemberChange, type Placement, type UnitChange } from "./changes";
import { byOrder, chartTree, compare, type ChartMember, type ChartTree, type ChartUnit } from "./chart-model";

/** A badge: its class (c-<change>), its text and what hovering it says. */
export interface Badge {
  cls: string;
  text: string;
  tip?: string;
}

/** How a unit or a member row changes: `change` is what the "changes only" filter and the colours key on. */
export interface Mark {
  change: string;
  badges: Badge[];
  /** What it was: 旧: 営業部. */
  was?: string;
}

export type MarkedUnit = ChartUnit & { mark?: Mark; members: MarkedMember[]; children: MarkedUnit[] };
export type MarkedMember = ChartMember & { mark?: Mark };

const PATH = " › ";
const OUTSIDE = "outside:";
const pathText = (path: string[]) => path.join(PATH);

const UNIT_BADGES: Record<UnitChange["change"], Badge[]> = {
  added: [{ cls: "c-added", text: "新設" }],
  removed: [{ cls: "c-removed", text: "廃止" }],
  renamed: [{ cls: "c-renamed", text: "名称変更" }],
  moved: [{ cls: "c-moved", text: "移動" }],
  "renamed+moved": [
    { cls: "c-renamed", text: "名称変更" },
    { cls: "c-moved", text: "移動" },
  ],
  changed: [{ cls: "c-changed", text: "設定変更" }],
};

const ASPECT_NAMES: Record<MemberAspect, string> = {
  email: "メール",
  name: "氏名",
  unit: "所属",
  title: "役職",
  leader: "組織長",
  level: "職級",
  userType: "利用権限タイプ",
  employmentType: "雇用形態",
  other: "その他",
};

/** Names as the chart shows them (Japanese first): a unit's path by the labels compareSpecs gives, on either side. */
class Names {
  constructor(
    readonly head: ChartTree,
    readonly base: ChartTree,
  ) {}
  unit(tree: ChartTree, label: string): ChartUnit | undefined {
    return tree.units.get(label) ?? tree.units.get(OUTSIDE + label);
  }
  /** The path of the unit at the end of `labels`, else compareSpecs' own names. */
  path(tree: ChartTree, labels: string[], fallback: string[]): string {
    return pathText(this.unit(tree, labels[labels.length - 1] ?? "")?.path ?? fallback);
  }
  /** Where a placement sits first (the primary unit). */
  home(tree: ChartTree, p?: Placement): string {
    return p?.seats[0] ? this.path(tree, p.seats[0].unit.labels, p.seats[0].unit.path) : "所属なし";
  }
  /** A member's row in a unit of the base: the title and leader mark it had there. */
  row(label: string, email: string): ChartMember | undefined {
    return this.unit(this.base, label)?.members.find((m) => m.email === email);
  }
}

function unitMark(c: UnitChange, names: Names): Mark {
  const oldName = names.unit(names.base, c.oldLabels?.[c.oldLabels.length - 1] ?? c.label)?.name;
  const was = [
    ...(c.oldName !== undefined ? [`旧名称: ${oldName !== undefined && oldName !== names.unit(names.head, c.label)?.name ? oldName : c.oldName}`] : []),
    ...(c.oldPath && c.change !== "renamed" ? [`旧位置: ${names.path(names.base, c.oldLabels ?? [], c.oldPath)}`] : []),
  ];
  const badges = UNIT_BADGES[c.change].map((b) => (c.fields?.length ? { ...b, tip: `変更された項目: ${c.fields.join(", ")}` } : b));
  return { change: c.change === "renamed+moved" ? "moved" : c.change, badges, ...(was.length ? { was: was.join("・") } : {}) };
}

const seatIn = (p: Placement | undefined, label: string) => p?.seats.find((s) => s.unit.label === label);
/** The label compareSpecs gives the unit: a stand-in's outside reference as written. */
const seatLabel = (u: ChartUnit) => (u.standIn === "outside" && u.label.startsWith(OUTSIDE) ? u.label.slice(OUTSIDE.length) : u.label);
/** Every row of each member in a tree, by email. */
function rowsByEmail(tree: ChartTree): Map<string, Array<{ unit: ChartUnit; m: ChartMember }>> {
  const out = new Map<string, Array<{ unit: ChartUnit; m: ChartMember }>>();
  for (const unit of tree.units.values()) for (const m of unit.members) out.set(m.email, [...(out.get(m.email) ?? []), { unit, m }]);
  return out;
}

/** The mark of a changed member's row (`now`) in one unit of the head. */
function changedMark(c: MemberChange, unit: string, now: ChartMember, names: Names): Mark {
  const sat = !!seatIn(c.before, unit);
  const before = sat ? names.row(unit, c.oldEmail ?? c.label) : undefined;
  const badges: Badge[] = [];
  const was: string[] = [];
  if (!sat) {
    badges.push({ cls: "c-moved-in", text: "転入" });
    was.push(`← ${names.home(names.base, c.before)}`);
  } else if (before && before.title !== now.title) {
    badges.push({ cls: "c-changed", text: "役職変更" });
    was.push(`旧役職: ${before.title ?? "なし"}`);
  }
  if (before && before.leader !== now.leader) badges.push({ cls: "c-changed", text: now.leader ? "組織長に就任" : "組織長を退任" });
  const rest = c.aspects.filter((a) => !["unit", "title", "leader"].includes(a));
  if (rest.length) {
    const detail = rest.map((a) => {
      const value = a === "level" || a === "userType" || a === "employmentType" ? `${c.before?.[a] ?? "なし"} → ${c.after?.[a] ?? "なし"}` : a === "name" ? `旧: ${c.oldName}` : a === "email" ? `旧: ${c.oldEmail}` : c.fields?.join(", ");
      return `${ASPECT_NAMES[a]}${value ? ` (${value})` : ""}`;
    });
    badges.push({ cls: "c-changed", text: `変更: ${rest.map((a) => ASPECT_NAMES[a]).join("・")}`, tip: detail.join("; ") });
  }
  // A change on another seat only (a concurrent unit left): this row itself stays as it was.
  return { change: badges.length ? "changed" : "", badges, ...(was.length ? { was: was.join("・") } : {}) };
}

/** The head's tree with the changes from `base` marked, removed units and departed members put back. */
export function markedTree(head: ParsedSpec, base: ParsedSpec): { tree: ChartTree; changes: Changes } {
  const changes = compareSpecs(base, head);
  const tree = chartTree(head);
  const old = chartTree(base);
  const units = tree.units as Map<string, MarkedUnit>;
  const ghosts = new Map<string, MarkedUnit>();
  const names = new Names(tree, old);

  for (const c of changes.units.filter((u) => u.change !== "removed")) {
    const u = units.get(c.label);
    if (u) u.mark = unitMark(c, names);
  }
  // Parents before children: a removed unit under a removed unit goes back under it.
  const removed = changes.units.filter((u) => u.change === "removed").sort((a, b) => a.labels.length - b.labels.length || compare(a.label, b.label));
  for (const c of removed) {
    const was = old.units.get(c.label);
    if (!was) continue;
    const ghost: MarkedUnit = { ...was, members: [], children: [], mark: unitMark(c, names) };
    ghosts.set(c.label, ghost);
    const parentLabel = c.labels[c.labels.length - 2];
    const parent = parentLabel === undefined ? undefined : (ghosts.get(parentLabel) ?? units.get(parentLabel));
    (parent ? parent.children : tree.roots).push(ghost);
  }
  /** The unit a base seat is drawn in: the same unit in the head, else its removed ghost, else a stand-in named by its old path. */
  const drawnIn = (was: ChartUnit): MarkedUnit => {
    const found = ghosts.get(was.label) ?? units.get(was.label);
    if (found) return found;
    const standIn: MarkedUnit = { ...was, name: pathText(was.path), standIn: was.standIn ?? "outside", members: [], children: [] };
    units.set(standIn.label, standIn);
    tree.roots.push(standIn);
    return standIn;
  };
  const headRows = rowsByEmail(tree);
  const oldRows = rowsByEmail(old);
  const baseRows = (email: string) => oldRows.get(email) ?? [];

  for (const c of changes.members) {
    if (c.change === "left") {
      for (const { unit, m } of baseRows(c.label)) drawnIn(unit).members.push({ ...m, mark: { change: "left", badges: [{ cls: "c-left", text: "退出" }] } });
      continue;
    }
    for (const { unit, m } of headRows.get(c.label) ?? []) {
      const mark = c.change === "joined" ? { change: "joined", badges: [{ cls: "c-joined", text: "新規" }] } : changedMark(c, seatLabel(unit), m, names);
      if (mark.change) (m as MarkedMember).mark = mark;
    }
    if (c.change === "changed" && c.aspects.includes("unit")) {
      const oldEmail = c.oldEmail ?? c.label;
      for (const { unit, m } of baseRows(oldEmail)) {
        if (seatIn(c.after, seatLabel(unit))) continue;
        const mark: Mark = { change: "moved-out", badges: [{ cls: "c-moved-out", text: "転出" }], was: `→ ${names.home(tree, c.after)}` };
        drawnIn(unit).members.push({ ...m, mark });
      }
    }
  }
  // Put back units among their siblings, and rows of those who go after the members who stay (stable: a fixed order).
  const gone = (m: MarkedMember) => Number(m.mark?.change === "left" || m.mark?.change === "moved-out");
  const settle = (list: MarkedUnit[]) => {
    list.sort(byOrder);
    for (const u of list) {
      u.members.sort((a, b) => gone(a) - gone(b));
      settle(u.children);
    }
  };
  settle(tree.roots as MarkedUnit[]);
  return { tree, changes };
}
