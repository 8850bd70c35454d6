// `pulumi-lineworks chart`: a spec's org chart as one self-contained HTML page (inline style and
// script, nothing fetched) for reviewers: the unit tree, each unit's members with their title and
// a leader mark, a search box. Every text is escaped (names may hold `<`), the output depends only
// on its inputs (no clock, code-unit sort), and only the fields the chart shows are read.
import type { ParsedSpec } from "../spec";
import { chartTree, type ChartMember, type ChartUnit } from "./chart-model";
import { searchText, SCRIPT, STYLE } from "./chart-page";

export interface ChartOptions {
  /** The page's heading after 組織図: the spec's file name, say. */
  title?: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text for HTML, in an element or an attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const span = (cls: string, text: string, tip?: string) => `<span class="${cls}"${tip ? ` title="${escapeHtml(tip)}"` : ""}>${escapeHtml(text)}</span>`;

function memberRow(m: ChartMember): string {
  const parts = [
    span("name", m.name),
    ...(m.title ? [span("title", m.title, "役職")] : []),
    ...(m.leader ? [span("badge leader", "★ 組織長", "組織長 (isManager)")] : []),
    ...(m.concurrent ? [span("badge concurrent", "兼務", "主所属ではない組織")] : []),
    span("email", m.email),
  ];
  return `<li class="member" data-q="${escapeHtml(searchText(m.name, m.reading, m.title, m.email, m.leader ? "組織長 leader" : undefined))}">${parts.join("")}</li>`;
}

function unitItem(u: ChartUnit, depth: number): string {
  const head = [
    span("unit-name", u.name),
    ...(u.altName ? [span("alt", u.altName)] : []),
    ...(u.key ? [span("key", u.key, "外部キー")] : []),
    ...(u.standIn === "outside" ? [span("alt", "このスペック外の組織")] : []),
    span("count", `${u.members.length}名`, "この組織のメンバー (下位組織を除く)"),
  ];
  const members = u.members.length ? `<ul class="members">${u.members.map(memberRow).join("")}</ul>` : "";
  const children = u.children.length ? `<ul class="units">${u.children.map((c) => unitItem(c, depth + 1)).join("")}</ul>` : "";
  const q = searchText(u.name, u.altName, u.key);
  return (
    `<li class="unit${u.standIn ? " standin" : ""}" data-depth="${depth}" data-q="${escapeHtml(q)}">` +
    `<details class="unit-body" open><summary>${head.join("")}</summary>${members}${children}</details></li>`
  );
}

/** The whole page for a parsed spec. */
export function renderChart(spec: ParsedSpec, opts: ChartOptions = {}): string {
  const tree = chartTree(spec);
  const unitCount = [...tree.units.values()].filter((u) => !u.standIn).length;
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
<p class="counts">組織 ${unitCount} 件・メンバー ${tree.memberCount} 名</p>
<div class="controls">
<input id="q" type="search" placeholder="組織・氏名・役職・メールで絞り込み" aria-label="検索" autocomplete="off">
<span id="hits" aria-live="polite"></span>
</div>
</header>
<main>
<ul class="units" id="chart">${tree.roots.map((u) => unitItem(u, 0)).join("")}</ul>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
