// What `export --assign-keys` says: the keys it would write, as a table an administrator checks
// before confirming with --yes (names are often Japanese: columns are aligned by display width).
import type { KeyAssignment } from "../provider/exportKeys";
import { SECTIONS } from "../provider/spec";

/** Columns a terminal gives a character: two for East Asian wide and full-width ones. */
function widthOf(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

const pad = (s: string, width: number) => s + " ".repeat(Math.max(0, width - widthOf(s)));

/** The keys as lines of a table: kind, name, key. */
export function keyTable(keys: KeyAssignment[]): string[] {
  const rows = [["kind", "name", "key"], ...keys.map((k) => [SECTIONS[k.section].kind.noun, k.name, k.key])];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => widthOf(r[i]))));
  return rows.map((r) => `  ${pad(r[0], widths[0])}  ${pad(r[1], widths[1])}  ${r[2]}`.trimEnd());
}

/** The refusal without --yes: what would be written, and how to go on. */
export function keyPlanText(keys: KeyAssignment[]): string[] {
  if (!keys.length) return ["--assign-keys: every object already has an external key: nothing to write. Run again without --assign-keys."];
  return [
    `--assign-keys WRITES to the tenant: it would set these ${keys.length} external key(s) (through the bulk external-key endpoints), on objects that have none. Nothing else changes.`,
    ...keyTable(keys),
    "Run again with --assign-keys --yes to do it, or without --assign-keys to refer to those objects by name.",
  ];
}
