// The change summary a pull request's reviewer reads (HR, not engineers): counts first, then
// units, members, positions/levels/types and groups in names, and the org chart of the branches
// that change. It fits one PR comment: every list gets the same number of rows, the most that
// keep the whole within the limit, and what is left out is counted on a line of its own.
import { CATALOG_SECTIONS, type Changes, type MemberChange, type RelationRef, type UnitChange } from "./model";
import { LEGEND, orgChart } from "./mermaid";
import { CHANGE_WORDS, md, MEMBER_WORDS, num, pathText, seatsText, SECTION_WORDS, UNIT_WORDS, who } from "./text";

/** A PR comment's room: GitHub takes 65,536 characters; the rest is left for a workflow's own lines. */
export const SUMMARY_LIMIT = 60_000;

/** The first line: a workflow finds its earlier comment by it, to update it in place. */
export const MARKER = "<!-- pulumi-lineworks diff -->";

export interface SummaryOptions {
  /** What the base and head are, as the reader knows them (`org.yaml @ origin/main`). */
  base?: string;
  head?: string;
  /** Characters at most (default SUMMARY_LIMIT). */
  limit?: number;
}

/** A list: its heading and table head, its rows, and the line counting rows left out. */
interface Block {
  head: string[];
  rows: string[];
  more: (n: number) => string;
}

const table = (heading: string, columns: string[]): string[] => [heading, "", `| ${columns.join(" | ")} |`, `|${columns.map(() => "---").join("|")}|`];
const moreLine = (what: string) => (n: number) => `_… ほか ${num(n)} 件 (and ${num(n)} more ${what}): \`--format json\` lists them all._`;

const GROUP_COUNTS = [["added", CHANGE_WORDS.added], ["removed", CHANGE_WORDS.removed], ["renamed", CHANGE_WORDS.renamed], ["changed", "変更 (changed)"]] as const;

function countsTable(changes: Changes): string[] {
  const c = changes.counts;
  const phrase = (pairs: Array<[string, number]>) => pairs.filter(([, n]) => n > 0).map(([w, n]) => `${w} ${num(n)}`).join(", ") || "—";
  const row = (section: keyof typeof SECTION_WORDS, changed: string) => `| ${SECTION_WORDS[section]} | ${num(c.base[section])} | ${num(c.head[section])} | ${changed} |`;
  const m = c.members;
  return [
    "## 変更の概要 (Summary)",
    "",
    "| | 変更前 (base) | 変更後 (head) | 変更 (changes) |",
    "|---|---:|---:|---|",
    row("units", phrase(Object.entries(UNIT_WORDS).map(([k, w]) => [w, c.units[k as keyof typeof c.units]]))),
    row("members", phrase(Object.entries(MEMBER_WORDS).map(([k, w]) => [w, (m as Record<string, number>)[k]]))),
    // A catalog the spec uses on neither side (custom properties, often) is left out, not shown as 0 | 0.
    ...CATALOG_SECTIONS.filter((s) => c.base[s] || c.head[s]).map((s) => row(s, phrase(Object.entries(CHANGE_WORDS).map(([k, w]) => [w, c.catalog[s][k as keyof typeof CHANGE_WORDS]])))),
    row("groups", phrase([...GROUP_COUNTS.map(([k, w]): [string, number] => [w, c.groups[k]]), ["メンバー追加 (members added)", c.groups.membersAdded], ["メンバー削除 (members removed)", c.groups.membersRemoved]])),
  ];
}

function unitBlocks(units: UnitChange[]): Block[] {
  const of = (...kinds: UnitChange["change"][]) => units.filter((u) => kinds.includes(u.change));
  const moves = (u: UnitChange) => `- ${pathText(u.oldPath ?? u.path)} -> ${pathText(u.path)}`;
  const list = (heading: string, rows: string[], what: string): Block[] => (rows.length ? [{ head: [heading, ""], rows, more: moreLine(what) }] : []);
  return [
    ...list(`### 追加 (Added): ${num(of("added").length)}`, of("added").map((u) => `- ${pathText(u.path)}`), "units added"),
    ...list(`### 削除 (Removed): ${num(of("removed").length)}`, of("removed").map((u) => `- ${pathText(u.path)}`), "units removed"),
    ...list(`### 移動 (Moved): ${num(of("moved", "renamed+moved").length)}`, of("moved", "renamed+moved").map(moves), "units moved"),
    ...list(`### 名称変更 (Renamed): ${num(of("renamed").length)}`, of("renamed").map(moves), "units renamed"),
    ...list(`### 設定変更 (Settings): ${num(of("changed").length)}`, of("changed").map((u) => `- ${pathText(u.path)}: ${(u.fields ?? []).join(", ")}`), "units with changed settings"),
  ];
}

/** A member's profile beyond their seats: level, user type, employment type. */
const profile = (p: MemberChange["after"]) => [p?.level, p?.userType, p?.employmentType].filter((x): x is string => !!x).map(md).join(", ") || "—";

function memberBlocks(members: MemberChange[]): Block[] {
  const blocks: Block[] = [];
  // Headings capitalise the English of the counts' words: 異動 (Changing unit).
  const add = (heading: string, columns: string[], rows: string[], what: string) =>
    rows.length && blocks.push({ head: table(`### ${heading.replace(/\((\w)/, (_, c: string) => `(${c.toUpperCase()}`)}: ${num(rows.length)}`, columns), rows, more: moreLine(what) });
  const person = (m: MemberChange) => who(m.name, m.label);
  const has = (m: MemberChange, a: MemberChange["aspects"][number]) => m.aspects.includes(a);
  const placed = ["メンバー (Member)", "所属・役職 (Unit, title)", "職級・利用権限タイプ・雇用形態 (Level, types)"];
  add(MEMBER_WORDS.joined, placed, members.filter((m) => m.change === "joined").map((m) => `| ${person(m)} | ${seatsText(m.after?.seats)} | ${profile(m.after)} |`), "members joining");
  add(MEMBER_WORDS.left, placed, members.filter((m) => m.change === "left").map((m) => `| ${person(m)} | ${seatsText(m.before?.seats)} | ${profile(m.before)} |`), "members leaving");
  const beforeAfter = ["メンバー (Member)", "変更前 (Before)", "変更後 (After)"];
  const seatsRow = (m: MemberChange) => `| ${person(m)} | ${seatsText(m.before?.seats)} | ${seatsText(m.after?.seats)} |`;
  add(MEMBER_WORDS.unit, beforeAfter, members.filter((m) => has(m, "unit")).map(seatsRow), "members changing unit");
  // Title or leader role in the same units: the seats again, before and after.
  add("役職・リーダーの変更 (Title or leader role)", beforeAfter, members.filter((m) => !has(m, "unit") && (has(m, "title") || has(m, "leader"))).map(seatsRow), "members changing title or leader role");
  const fieldRows = members.flatMap((m) =>
    (["level", "userType", "employmentType"] as const)
      .filter((a) => has(m, a))
      .map((a) => `| ${person(m)} | ${MEMBER_WORDS[a]} | ${md(m.before?.[a] ?? "—")} | ${md(m.after?.[a] ?? "—")} |`),
  );
  add("職級・利用権限タイプ・雇用形態 (Level, user type, employment type)", ["メンバー (Member)", "項目 (Field)", "変更前 (Before)", "変更後 (After)"], fieldRows, "level, user type or employment type changes");
  const idRows = members.flatMap((m) => [
    ...(has(m, "name") ? [`| ${person(m)} | ${MEMBER_WORDS.name} | ${md(m.oldName ?? "")} | ${md(m.name)} |`] : []),
    ...(has(m, "email") ? [`| ${person(m)} | ${MEMBER_WORDS.email} | \`${m.oldEmail}\` | \`${m.label}\` |`] : []),
  ]);
  add("氏名・メールアドレス (Name, email)", ["メンバー (Member)", "項目 (Field)", "変更前 (Before)", "変更後 (After)"], idRows, "name or email changes");
  const relationsText = (list: readonly RelationRef[] | undefined) => (list?.length ? list.map((r) => `${md(r.relationName)}: ${who(r.name, r.label)}`).join("; ") : "—");
  add("関係 (Relations)", beforeAfter, members.filter((m) => m.relations).map((m) => `| ${person(m)} | ${relationsText(m.relations?.before)} | ${relationsText(m.relations?.after)} |`), "relation changes");
  // Relations have their own table above: the other fields apart from them.
  const others = (m: MemberChange) => (m.fields ?? []).filter((f) => f !== "relations");
  add(MEMBER_WORDS.other, ["メンバー (Member)", "項目 (Fields)"], members.filter((m) => has(m, "other") && others(m).length).map((m) => `| ${person(m)} | ${others(m).join(", ")} |`), "members with other fields changed");
  return blocks;
}

function catalogBlock(changes: Changes): Block[] {
  const rows = changes.catalog.map((c) => {
    const what = c.change === "renamed" ? `${md(c.oldName ?? "")} -> ${md(c.name)}` : md(c.name);
    const fields = c.fields?.length ? ` (${c.fields.join(", ")})` : "";
    const replaced = c.replaced?.length
      ? ` **再作成: 全メンバーの値が削除されます (replaced because ${c.replaced.join(", ")} cannot change: every member's value is deleted)**`
      : "";
    return `| ${SECTION_WORDS[c.section]} | ${CHANGE_WORDS[c.change]} | ${what}${fields}${replaced} |`;
  });
  return rows.length ? [{ head: table("## 役職・職級・利用権限タイプ・カスタム項目 (Positions, levels, user types, custom properties)", ["種類 (Kind)", "変更 (Change)", "名前 (Name)"]), rows, more: moreLine("position, level or type changes") }] : [];
}

function groupBlock(changes: Changes): Block[] {
  const rows: string[] = [];
  const WHO = { USER: "", ORGUNIT: "組織 (unit) ", GROUP: "グループ (group) " } as const;
  for (const g of changes.groups) {
    const name = md(g.name);
    if (g.change !== "changed") rows.push(`| ${name} | ${CHANGE_WORDS[g.change]} | ${g.change === "renamed" ? `${md(g.oldName ?? "")} -> ${name}` : "—"} |`);
    const item = (r: (typeof g.membersAdded)[number]) => (r.type === "USER" ? who(r.name, r.label) : `${WHO[r.type]}${md(r.name)}`);
    for (const [list, word] of [
      [g.membersAdded, "メンバー追加 (member added)"],
      [g.membersRemoved, "メンバー削除 (member removed)"],
      [g.administratorsAdded, "マスター追加 (master added)"],
      [g.administratorsRemoved, "マスター削除 (master removed)"],
    ] as const) for (const r of list) rows.push(`| ${name} | ${word} | ${item(r)} |`);
    if (g.fields?.length) rows.push(`| ${name} | ${CHANGE_WORDS.changed} | ${g.fields.join(", ")} |`);
  }
  return rows.length ? [{ head: table("## グループ (Groups)", ["グループ (Group)", "変更 (Change)", "対象 (Who)"]), rows, more: moreLine("group changes") }] : [];
}

/** The Markdown summary of `changes`, at most `opts.limit` characters, whole lines only. */
export function renderSummary(changes: Changes, opts: SummaryOptions = {}): string {
  const limit = opts.limit ?? SUMMARY_LIMIT;
  const compared = opts.base || opts.head ? [`比較 (Compared): ${md(opts.base ?? "base")} -> ${md(opts.head ?? "head")}`, ""] : [];
  const top = [MARKER, ...compared, ...countsTable(changes), ""];
  const sections: Array<{ heading: string[]; blocks: Block[] }> = [
    { heading: ["## 組織 (Org units)", ""], blocks: unitBlocks(changes.units) },
    { heading: ["## メンバー (Members)", ""], blocks: memberBlocks(changes.members) },
    { heading: [], blocks: catalogBlock(changes) },
    { heading: [], blocks: groupBlock(changes) },
  ].filter((s) => s.blocks.length);
  if (!sections.length) return [...top, "変更はありません (No changes).", ""].join("\n");

  const render = (rows: number, chart: string[]) => {
    const lines = [...top, ...chart];
    for (const s of sections) {
      lines.push(...s.heading);
      for (const b of s.blocks) {
        lines.push(...b.head, ...b.rows.slice(0, rows));
        if (b.rows.length > rows) lines.push("", b.more(b.rows.length - rows));
        lines.push("");
      }
    }
    return lines.join("\n");
  };
  // The chart, unless even the lists' headings and counts would not fit beside it.
  const { lines: drawn, omitted } = orgChart(changes);
  const chartLines = drawn.length ? ["## 組織図 (Org chart)", "", ...drawn, "", LEGEND, ...(omitted ? ["", `_… ほか ${num(omitted)} 件の変更は図にありません (and ${num(omitted)} more changed branches not drawn)._`] : []), ""] : [];
  const chart = render(0, chartLines).length <= limit ? chartLines : [];
  // The most rows per list that fit: every list gets as many, so a long one does not crowd out the rest.
  const most = Math.max(...sections.flatMap((s) => s.blocks.map((b) => b.rows.length)));
  let lo = 0;
  let hi = most;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid, chart).length <= limit) lo = mid;
    else hi = mid - 1;
  }
  return render(lo, chart);
}
