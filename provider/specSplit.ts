// A spec written as several files (`export --split orgUnits`): one file per org unit at a depth
// of the tree, with the units under it and the members whose primary unit is among them; the
// unit's place in its parent's list holds `- include: <file>`. Everything else (positions, types,
// the units above, groups, members of no split unit) stays in the main file. Read back through
// the includes, it is the same spec (test/spec-split.test.ts).
type Props = Record<string, any>;

export interface SplitPart {
  /** Relative to the main file's folder, with `/`. */
  file: string;
  /** The unit the file holds (its name), and counts for the summary. */
  unit: string;
  units: number;
  members: number;
  spec: Props;
}

export interface SplitSpec {
  main: Props;
  parts: SplitPart[];
  /** The depth split at (1: the top units). */
  depth: number;
}

const units = (list: unknown): Props[] => (Array.isArray(list) ? list.filter((u): u is Props => !!u && typeof u === "object" && !Array.isArray(u)) : []);
const subtree = (u: Props): Props[] => [u, ...units(u.children).flatMap(subtree)];

/** The first depth with more than one unit (a company under one root splits by the units below it), else 1. */
export function defaultDepth(orgUnits: unknown): number {
  let level = units(orgUnits);
  for (let depth = 1; level.length; depth++) {
    if (level.length > 1) return depth;
    level = level.flatMap((u) => units(u.children));
  }
  return 1;
}

/** A file name from a unit's key, else its name: characters no file system takes, and spaces, become `_`. */
const fileNameOf = (u: Props): string =>
  String(u.orgUnitExternalKey ?? u.orgUnitName ?? "unit")
    .replace(/[\\/:*?"<>|\s\u0000-\u001f]/g, "_")
    .replace(/^\.+/, "_");

/** The unit a member's primary organization names as primary (else its only unit), as written. */
function primaryUnit(member: Props): unknown {
  const pick = (list: unknown) => (Array.isArray(list) ? (list.find((x) => x?.primary === true) ?? (list.length === 1 ? list[0] : undefined)) : undefined);
  return pick(pick(member.organizations)?.orgUnits)?.orgUnitId;
}

/**
 * Splits `spec` (as export writes it: units nested, references by key else name) at `depth`
 * (default: {@link defaultDepth}) into files under `folder` with the extension `ext`.
 */
export function splitSpec(spec: Props, opts: { folder: string; ext: string; depth?: number }): SplitSpec {
  const depth = opts.depth ?? defaultDepth(spec.orgUnits);
  const parts: SplitPart[] = [];
  const taken = new Set<string>();
  /** A split unit's part, by what a member may refer to it with: its key, else its name when no other unit has it (a key wins, as in Refs). */
  const byKey = new Map<string, SplitPart>();
  const byName = new Map<string, SplitPart>();
  const names = new Map<string, number>();
  for (const u of units(spec.orgUnits).flatMap(subtree)) names.set(u.orgUnitName, (names.get(u.orgUnitName) ?? 0) + 1);

  const place = (list: unknown, level: number): unknown => {
    if (!Array.isArray(list)) return list;
    return list.map((u) => {
      if (!u || typeof u !== "object" || Array.isArray(u)) return u;
      if (level < depth) return Array.isArray(u.children) ? { ...u, children: place(u.children, level + 1) } : u;
      let name = fileNameOf(u);
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${fileNameOf(u)}-${n}`;
      taken.add(name.toLowerCase());
      const part: SplitPart = { file: `${opts.folder}/${name}.${opts.ext}`, unit: String(u.orgUnitName), units: subtree(u).length, members: 0, spec: { orgUnits: [u] } };
      parts.push(part);
      for (const x of subtree(u)) {
        if (typeof x.orgUnitExternalKey === "string") byKey.set(x.orgUnitExternalKey, part);
        if (names.get(x.orgUnitName) === 1) byName.set(x.orgUnitName, part);
      }
      return { include: part.file };
    });
  };

  const main: Props = { ...spec, orgUnits: place(spec.orgUnits, 1) };
  if (Array.isArray(spec.members)) {
    const stay: unknown[] = [];
    for (const m of spec.members) {
      const ref = m && typeof m === "object" ? primaryUnit(m) : undefined;
      const part = typeof ref === "string" ? (byKey.get(ref) ?? byName.get(ref)) : undefined;
      if (!part) stay.push(m);
      else (part.spec.members ??= []).push(m), part.members++;
    }
    if (stay.length) main.members = stay;
    else delete main.members;
  }
  return { main, parts, depth };
}
