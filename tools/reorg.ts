// A reorganisation of the seeded company's exported spec (tools/seed-tenant.ts with its default
// 50 units, at least 200 members), as HR would make it in a pull request: the measure of issue 21 (40 members change unit,
// 3 units move, 2 are renamed, 5 join, 5 leave) with a title, leader, level and user type change,
// positions and a level renamed or added, and a group's membership changed. Joining members carry
// private details (privateEmail, telephone, cellPhone) that a summary must never show.
type Props = Record<string, any>;

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Private details on every member (the seeded company has none): a summary must show none of them. */
export function withPrivateDetails(spec: Props): Props {
  const out = clone(spec);
  out.members.forEach((m: Props, i: number) => {
    const n = String(i).padStart(4, "0");
    Object.assign(m, { privateEmail: `person${n}@home.example`, telephone: `03-0000-${n}`, cellPhone: `090-0000-${n}` });
  });
  return out;
}

/** What betrays a private detail of withPrivateDetails or reorganise in a text. */
export const PRIVATE_PATTERN = /@home\.example|@private\.example|0[389]0?-\d{4}-\d{4}|privateEmail|telephone|cellPhone/;

/** Every unit of a spec's tree with the list holding it. */
export function units(spec: Props): Array<{ unit: Props; siblings: Props[] }> {
  const out: Array<{ unit: Props; siblings: Props[] }> = [];
  const walk = (list: Props[]) => list.forEach((unit) => (out.push({ unit, siblings: list }), walk(unit.children ?? [])));
  walk(spec.orgUnits ?? []);
  return out;
}

const unit = (spec: Props, key: string) => units(spec).find((u) => u.unit.orgUnitExternalKey === key)!;

/** Moves unit `key` under unit `parent`, last among its children. */
export function moveUnit(spec: Props, key: string, parent: string): void {
  const { unit: u, siblings } = unit(spec, key);
  siblings.splice(siblings.indexOf(u), 1);
  const p = unit(spec, parent).unit;
  p.children = [...(p.children ?? []), u];
  u.displayOrder = p.children.length + 10;
}

export const seatOf = (m: Props): Props => m.organizations[0].orgUnits[0];

/** Members no group names (as member or master): they can leave without touching a group. */
function ungrouped(spec: Props): Props[] {
  const named = new Set<string>();
  for (const g of spec.groups ?? []) {
    for (const m of g.members ?? []) named.add(String(m.id).toLowerCase());
    for (const a of g.administrators ?? []) named.add(String(a.userId).toLowerCase());
  }
  return spec.members.filter((m: Props) => !named.has(String(m.userExternalKey ?? "").toLowerCase()) && !named.has(m.email.toLowerCase()));
}

export interface Reorg {
  head: Props;
  /** Emails of the members who change unit, join, leave. */
  moved: string[];
  joined: string[];
  left: string[];
}

export function reorganise(base: Props): Reorg {
  const head = clone(base);
  moveUnit(head, "OU_007", "OU_003"); // Domestic Sales: Sales Division -> Engineering Division
  moveUnit(head, "OU_036", "OU_013"); // Finance Team A -> Human Resources
  moveUnit(head, "OU_047", "OU_020"); // Brand Marketing Team A -> Digital Marketing
  unit(head, "OU_021").unit.orgUnitName = "Tokyo Sales";
  unit(head, "OU_004").unit.orgUnitName = "Administration Division";

  const teams = ["OU_030", "OU_031", "OU_032", "OU_033", "OU_034", "OU_035", "OU_039", "OU_040"];
  const plain = head.members.filter((m: Props) => seatOf(m).isManager !== true && m.organizations[0].orgUnits.length === 1 && m.userExternalKey);
  const left = ungrouped(head).filter((m: Props) => seatOf(m).isManager !== true).slice(-5);
  const movers = plain.filter((m: Props) => !left.includes(m)).slice(100, 140);
  movers.forEach((m: Props, i: number) => {
    const to = teams.find((t, k) => k >= i % teams.length && t !== seatOf(m).orgUnitId) ?? teams[0];
    seatOf(m).orgUnitId = to;
  });
  head.members = head.members.filter((m: Props) => !left.includes(m));

  const others = plain.filter((m: Props) => !left.includes(m) && !movers.includes(m));
  seatOf(others[0]).positionId = "POS_013"; // a title
  others[1].organizations[0].levelId = "LV_02"; // a level
  others[2].userTypeId = "UT_02"; // a user type
  others[3].telephone = "080-1212-3434"; // a private change only: not shown
  others[3].privateEmail = "moved.home@private.example";
  const leaderless = head.members.find((m: Props) => seatOf(m).orgUnitId === "OU_010")!;
  seatOf(leaderless).isManager = true; // Software Development had no leader

  const joined = [0, 1, 2, 3, 4].map((i) => ({
    email: `joiner${i + 1}@d10000001.example.com`,
    userExternalKey: `EMP_9${i + 1}`,
    userName: { lastName: "新人", firstName: `${i + 1}号` },
    privateEmail: `home.of.joiner${i + 1}@private.example`,
    telephone: "03-5555-0101",
    cellPhone: "090-7777-0202",
    userTypeId: "UT_03",
    organizations: [{ levelId: "LV_06", orgUnits: [{ orgUnitId: "OU_021", positionId: "POS_016" }] }],
  }));
  head.members.push(...joined);

  head.positions.find((p: Props) => p.positionExternalKey === "POS_001").positionName = "Chief Executive Officer";
  head.positions.push({ positionExternalKey: "POS_021", positionName: "Intern", displayOrder: 21 });
  head.levels.find((l: Props) => l.levelExternalKey === "LV_06").levelName = "Entry";

  const g = head.groups.find((x: Props) => x.groupExternalKey === "GRP_01");
  const firstUser = g.members.findIndex((m: Props) => m.type === "USER" && !g.administrators.some((a: Props) => a.userId === m.id));
  g.members.splice(firstUser, 1);
  g.members.push({ id: "joiner1@d10000001.example.com", type: "USER" });

  return { head, moved: movers.map((m: Props) => m.email), joined: joined.map((m) => m.email), left: left.map((m: Props) => m.email) };
}
