// Words and escapes the review's Markdown shares: names from a spec are text a reviewer reads,
// never markup, and the labels are Japanese first with the English in brackets.
import type { CatalogSection, MemberAspect, Seat, UnitChangeKind } from "./model";

/** A name as literal Markdown text (in a list item or a table cell). */
export const md = (s: string): string => s.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/\s+/g, " ");

/** A path of names, root first: 本社 › 営業部 › 東京営業. */
export const pathText = (names: readonly string[]): string => names.map(md).join(" › ");

/** 1234 -> "1,234", without the locale data Intl may lack. */
export const num = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** A member as a reviewer knows them: the name, then the login email. */
export const who = (name: string, email: string): string => `${md(name)} \`${email}\``;

/** A seat: the unit's path, then the title and the leader mark. */
export function seatText(seat: Seat): string {
  const marks = [...(seat.position ? [md(seat.position)] : []), ...(seat.leader ? ["リーダー/leader"] : [])];
  return `${pathText(seat.unit.path)}${marks.length ? ` (${marks.join(", ")})` : ""}`;
}

export const seatsText = (seats: readonly Seat[] | undefined): string => (seats?.length ? seats.map(seatText).join("; ") : "—");

export const UNIT_WORDS: Record<UnitChangeKind, string> = {
  added: "追加 (added)",
  removed: "削除 (removed)",
  renamed: "名称変更 (renamed)",
  moved: "移動 (moved)",
  "renamed+moved": "名称変更と移動 (renamed and moved)",
  changed: "設定変更 (settings)",
};

export const MEMBER_WORDS: Record<"joined" | "left" | MemberAspect, string> = {
  joined: "追加 (joining)",
  left: "削除 (leaving)",
  unit: "異動 (changing unit)",
  title: "役職 (title)",
  leader: "リーダー (leader role)",
  level: "職級 (level)",
  userType: "利用権限タイプ (user type)",
  employmentType: "雇用形態 (employment type)",
  name: "氏名 (name)",
  email: "メールアドレス (email)",
  other: "その他の項目 (other fields)",
};

export const SECTION_WORDS: Record<CatalogSection | "units" | "members" | "groups", string> = {
  units: "組織 (org units)",
  members: "メンバー (members)",
  groups: "グループ (groups)",
  positions: "役職 (positions)",
  levels: "職級 (levels)",
  userTypes: "利用権限タイプ (user types)",
  employmentTypes: "雇用形態 (employment types)",
  customProperties: "カスタム項目 (custom properties)",
};

export const CHANGE_WORDS = { added: "追加 (added)", removed: "削除 (removed)", renamed: "名称変更 (renamed)", changed: "設定変更 (settings)" } as const;
