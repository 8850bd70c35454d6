// `pulumi-lineworks chart`: a spec's org chart as one self-contained HTML page (inline style and
// script, nothing fetched) for reviewers: the unit tree, each unit's members with their title and
// a leader mark, a search box. Every text is escaped (names may hold `<`), the output depends only
// on its inputs (no clock, code-unit sort), and only the fields the chart shows are read.
import type { ParsedSpec } from "../spec";
import type { Changes } from "./changes";
import { chartTree } from "./chart-model";
import { markedTree, type Badge, type Mark, type MarkedMember, type MarkedUnit } from "./chart-marks";
import { searchText, SCRIPT, STYLE } from "./chart-page";

export interface ChartOptions {
  /** The page's heading after 組織図: the spec's file name, say. */
  title?: string;
  /** The spec before the change: what changes from it is marked (compareSpecs). */
  base?: ParsedSpec;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text for HTML, in an element or an attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const span = (cls: string, text: string, tip?: string) => `<span class="${cls}"${tip ? ` title="${escapeHtml(tip)}"` : ""}>${escapeHtml(text)}</span>`;

const badge = (b: Badge) => span(`badge ${b.cls}`, b.text, b.tip);
const markParts = (mark?: Mark) => (mark ? [...mark.badges.map(badge), ...(mark.was ? [span("was", mark.was)] : [])] : []);
const changeAttr = (mark?: Mark) => (mark ? ` data-change="${escapeHtml(mark.change)}"` : "");
const markText = (mark?: Mark) => (mark ? [...mark.badges.map((b) => b.text), mark.was ?? ""].join(" ") : undefined);
const isGone = (m: MarkedMember) => m.mark?.change === "left" || m.mark?.change === "moved-out";

function memberRow(m: MarkedMember): string {
  const parts = [
    span("name", m.name),
    ...(m.title ? [span("title", m.title, "役職")] : []),
    ...(m.leader ? [span("badge leader", "★ 組織長", "組織長 (isManager)")] : []),
    ...(m.concurrent ? [span("badge concurrent", "兼務", "主所属ではない組織")] : []),
    span("email", m.email),
    ...markParts(m.mark),
  ];
  const q = searchText(m.name, m.reading, m.title, m.email, m.leader ? "組織長 leader" : undefined, markText(m.mark));
  return `<li class="member"${changeAttr(m.mark)} data-q="${escapeHtml(q)}">${parts.join("")}</li>`;
}

function unitItem(u: MarkedUnit, depth: number): string {
  const head = [
    span("unit-name", u.name),
    ...(u.altName ? [span("alt", u.altName)] : []),
    ...(u.key ? [span("key", u.key, "外部キー")] : []),
    ...(u.standIn === "outside" ? [span("alt", "このスペック外の組織")] : []),
    span("count", `${u.members.filter((m) => !isGone(m)).length}名`, "この組織のメンバー (下位組織を除く)"),
    ...markParts(u.mark),
  ];
  const members = u.members.length ? `<ul class="members">${u.members.map(memberRow).join("")}</ul>` : "";
  const children = u.children.length ? `<ul class="units">${u.children.map((c) => unitItem(c, depth + 1)).join("")}</ul>` : "";
  const q = searchText(u.name, u.altName, u.key, markText(u.mark));
  return (
    `<li class="unit${u.standIn ? " standin" : ""}"${changeAttr(u.mark)} data-depth="${depth}" data-q="${escapeHtml(q)}">` +
    `<details class="unit-body" open><summary>${head.join("")}</summary>${members}${children}</details></li>`
  );
}

const LEGEND = `\n<div class="legend">${[
  ["c-added", "新設"], ["c-removed", "廃止"], ["c-renamed", "名称変更"], ["c-moved", "移動"], ["c-joined", "新規メンバー"], ["c-left", "退出"], ["c-moved-in", "転入"], ["c-moved-out", "転出"], ["c-changed", "変更"],
].map(([cls, text]) => span(`badge ${cls}`, text)).join("")}</div>`;

/** The counts of what changes, in one line under the totals. */
function changeSummary(c: Changes): string {
  const u = c.counts.units;
  const m = c.counts.members;
  const list = (items: Array<[string, number]>) => items.filter(([, n]) => n > 0).map(([what, n]) => `${what} ${n}`).join("・") || "変更なし";
  const units = list([["新設", u.added], ["廃止", u.removed], ["名称変更", u.renamed + u["renamed+moved"]], ["移動", u.moved + u["renamed+moved"]], ["設定変更", u.changed]]);
  const members = list([["新規", m.joined], ["退出", m.left], ["異動", m.unit], ["その他の変更", m.changed - m.unit]]);
  return `\n<p class="counts">変更 — 組織: ${escapeHtml(units)} / メンバー: ${escapeHtml(members)}</p>`;
}

/** The whole page for a parsed spec; with `base`, what changes from it is marked. */
export function renderChart(spec: ParsedSpec, opts: ChartOptions = {}): string {
  const { tree, changes } = opts.base ? markedTree(spec, opts.base) : { tree: chartTree(spec), changes: undefined };
  const unitCount = spec.entries.filter((p) => p.section === "orgUnits").length;
  const heading = `組織図${opts.title ? ` — ${opts.title}` : ""}`;
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(heading)}</h1>
<p class="counts">組織 ${unitCount} 件・メンバー ${tree.memberCount} 名</p>${changes ? changeSummary(changes) : ""}
<div class="controls">
<input id="q" type="search" placeholder="組織・氏名・役職・メールで絞り込み" aria-label="検索" autocomplete="off">${changes ? `\n<label><input id="only-changes" type="checkbox"> 変更のみ表示</label>` : ""}
<span id="hits" aria-live="polite"></span>
</div>${changes ? LEGEND : ""}
</header>
<main>
<ul class="units" id="chart">${tree.roots.map((u) => unitItem(u, 0)).join("")}</ul>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
