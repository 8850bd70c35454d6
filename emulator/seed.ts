// A realistic, deterministic company in one domain of an emulator, for the export round trip and
// the bench: positions, levels, user types and employment types (switches on), a four-level
// org-unit tree, a few hundred members and some groups, seeded through the emulator's test
// controls (no API calls, no rate budget). Everything derives from indices: the same options give
// the same objects, IDs included, in any emulator. Some objects have no external key on purpose
// (see KEYLESS), the rest carry keys like POS_001, LV_01, UT_01, ET_01, OU_001, EMP_0001, GRP_01.
//
// Stored records have the shape the emulator's API stores for a created object (every field,
// references as IDs), so what the API presents for them (echoed keys and names, displayLevel,
// parentExternalKey, ...) is filled in the same way. Members are seeded as having logged in
// (isPending false), as in a tenant that has been in use.
//
// Keys of users, org units, groups, user types and employment types are unique in the tenant, so
// one emulator takes one seeded domain (a second domain would repeat them).
import type { Emulator } from "./server";

export type SeedKind = "positions" | "levels" | "userTypes" | "employmentTypes" | "orgUnits" | "users" | "groups";
export const SEED_KINDS: readonly SeedKind[] = ["positions", "levels", "userTypes", "employmentTypes", "orgUnits", "users", "groups"];

export interface SeedOptions {
  /** The domain to fill (default 10000001); it should hold nothing yet. */
  domainId?: number;
  /** Members (default 320; at least the number of units and 12). */
  members?: number;
  /** Org units in exactly four levels (default 50: 1 root, 5 divisions, 14 departments, 30 teams; at least 8). */
  units?: number;
  /** Groups (default 10; at least 2). */
  groups?: number;
  /** The part after `@` of members' and units' addresses (default `d{domainId}.example.com`, as the emulator's own unit addresses). */
  mailDomain?: string;
}

export interface SeedSummary {
  domainId: number;
  /** Objects seeded per kind. */
  counts: Record<SeedKind, number>;
  /** Of those, the ones without an external key. */
  keyless: Record<SeedKind, number>;
  /** IDs per kind in seeding order (org units: parents before children). */
  ids: Record<SeedKind, string[]>;
  /** IDs of the objects without an external key, per kind. */
  keylessIds: Record<SeedKind, string[]>;
}

type Obj = Record<string, unknown>;

const DEFAULTS = { domainId: 10000001, members: 320, units: 50, groups: 10 };

/** How many objects of a kind are left without an external key. */
export const KEYLESS: Readonly<Record<SeedKind, number>> = { positions: 2, levels: 1, userTypes: 0, employmentTypes: 0, orgUnits: 3, users: 6, groups: 1 };

// ---------------------------------------------------------------------------------------------
// The company's vocabulary: English names with their ja_JP names

const POSITIONS: Array<[string, string]> = [
  ["President", "社長"], ["Vice President", "副社長"], ["Senior Managing Director", "専務取締役"], ["Managing Director", "常務取締役"],
  ["Executive Officer", "執行役員"], ["Division Head", "本部長"], ["Deputy Division Head", "副本部長"], ["General Manager", "部長"],
  ["Deputy General Manager", "副部長"], ["Senior Manager", "次長"], ["Section Manager", "課長"], ["Assistant Manager", "課長代理"],
  ["Chief", "係長"], ["Supervisor", "主任"], ["Senior Staff", "主査"], ["Staff", "担当"], ["Engineer", "技師"], ["Specialist", "専門職"],
  ["Advisor", "顧問"], ["Auditor", "監査役"],
];
const P = Object.fromEntries(POSITIONS.map(([name], i) => [name, i]));
/** Positions without a key (members hold them); positions without i18nNames. */
const KEYLESS_POSITIONS = [P.Engineer, P.Specialist];
const PLAIN_POSITIONS = [P.Advisor, P.Auditor, P.Specialist];

const LEVELS: Array<[string, string, boolean]> = [
  ["Board Member", "役員", true], ["Executive", "執行役", true], ["Manager", "管理職", false],
  ["Senior", "上級職", false], ["Associate", "中堅職", false], ["Junior", "一般職", false],
];
const KEYLESS_LEVEL = 4;

const USER_TYPES: Array<[string, string, string]> = [
  ["Regular Employee", "正社員", "REGULAR"], ["Contract Employee", "契約社員", "CONTRACT"],
  ["Part-time", "パートタイム", "PART_TIME"], ["Temporary Staff", "派遣社員", "TEMPORARY"],
];
const EMPLOYMENT_TYPES: Array<[string, string, string]> = [["Full-time", "常勤", "FULL_TIME"], ["Seconded", "出向", "SECONDED"]];

const ROOT: [string, string] = ["Sakura Trading", "さくら商事"];
const DIVISIONS: Array<[string, string]> = [
  ["Sales Division", "営業本部"], ["Engineering Division", "技術本部"], ["Corporate Division", "管理本部"],
  ["Manufacturing Division", "製造本部"], ["Marketing Division", "マーケティング本部"],
];
const DEPARTMENTS: Array<[string, string]> = [
  ["Domestic Sales", "国内営業部"], ["Overseas Sales", "海外営業部"], ["Sales Planning", "営業企画部"],
  ["Software Development", "ソフトウェア開発部"], ["Hardware Development", "ハードウェア開発部"], ["Quality Assurance", "品質保証部"],
  ["Human Resources", "人事部"], ["Finance", "経理部"], ["General Affairs", "総務部"],
  ["Production", "生産部"], ["Procurement", "調達部"], ["Logistics", "物流部"],
  ["Brand Marketing", "ブランド戦略部"], ["Digital Marketing", "デジタルマーケティング部"],
];

const LAST_NAMES: Array<[string, string]> = [
  ["Sato", "佐藤"], ["Suzuki", "鈴木"], ["Takahashi", "高橋"], ["Tanaka", "田中"], ["Watanabe", "渡辺"], ["Ito", "伊藤"],
  ["Yamamoto", "山本"], ["Nakamura", "中村"], ["Kobayashi", "小林"], ["Kato", "加藤"], ["Yoshida", "吉田"], ["Yamada", "山田"],
  ["Sasaki", "佐々木"], ["Yamaguchi", "山口"], ["Matsumoto", "松本"], ["Inoue", "井上"], ["Kimura", "木村"], ["Hayashi", "林"],
  ["Shimizu", "清水"], ["Yamazaki", "山崎"],
];
// 23 first names against 20 last names: index i gives a distinct pair for i < 460.
const FIRST_NAMES: Array<[string, string]> = [
  ["Hiroshi", "浩"], ["Yuki", "由紀"], ["Takeshi", "健"], ["Akiko", "明子"], ["Kenji", "健二"], ["Naoko", "直子"], ["Daisuke", "大輔"],
  ["Emi", "恵美"], ["Shota", "翔太"], ["Haruka", "遥"], ["Ryo", "涼"], ["Mai", "舞"], ["Kazuki", "和樹"], ["Aya", "彩"], ["Yuta", "雄太"],
  ["Saki", "咲"], ["Takumi", "拓海"], ["Nanami", "七海"], ["Sho", "翔"], ["Misaki", "美咲"], ["Koji", "浩二"], ["Yui", "結衣"], ["Tomoya", "智也"],
];

/** Group names; the Japanese one serves as some groups' description (groups have no i18nNames). */
const GROUPS: Array<[string, string]> = [
  ["Project Phoenix", "フェニックス計画"], ["Safety Committee", "安全委員会"], ["New Hire Mentors", "新人メンター"],
  ["IT Steering Committee", "IT推進委員会"], ["Futsal Club", "フットサル部"], ["Book Club", "読書会"],
  ["Security Response Team", "セキュリティ対応チーム"], ["Sustainability Task Force", "サステナビリティ推進"],
  ["Product Council", "製品委員会"], ["Year-end Party Committee", "忘年会実行委員会"],
];

// ---------------------------------------------------------------------------------------------
// Deterministic values

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, "0");
const ja = (name: string) => [{ name, language: "ja_JP" }];
/** The `i`-th entry of a list, numbered past its end ("Finance 2") so names stay unique. */
const nth = (list: Array<[string, string]>, i: number): [string, string] => {
  const [en, jp] = list[i % list.length];
  const round = Math.floor(i / list.length);
  return round === 0 ? [en, jp] : [`${en} ${round + 1}`, `${jp}${round + 1}`];
};

/** IDs in the emulator's shape (the kind's prefix over a UUID), from the kind, domain and index. */
const ID_PREFIX: Record<SeedKind, string> = { positions: "position", levels: "level", userTypes: "employ", employmentTypes: "employ", orgUnits: "", users: "user", groups: "group" };
function seedId(kind: SeedKind, domainId: number, i: number): string {
  const uuid = `5eed5eed-${pad(SEED_KINDS.indexOf(kind) + 1, 4)}-4000-8000-${hex(domainId, 8)}${hex(i, 4)}`;
  return ID_PREFIX[kind] + uuid.slice(ID_PREFIX[kind].length);
}

/** `count` indices spread evenly over 0..n-1. */
const spread = (count: number, n: number) => Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * n) / count));

/** A mail local part from a name: lower case, runs of other characters as one "-". */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

// ---------------------------------------------------------------------------------------------
// The org-unit tree

interface UnitPlan { level: 1 | 2 | 3 | 4; parent: number | null; name: string; jaName: string; displayOrder: number }

/** Root, divisions (~10 %), departments (~28 %), teams (the rest), each level's parents evenly shared. */
function planUnits(total: number): UnitPlan[] {
  const divisions = Math.max(1, Math.round(total * 0.1));
  const departments = Math.max(1, Math.round(total * 0.28));
  const teams = total - 1 - divisions - departments;
  const plans: UnitPlan[] = [{ level: 1, parent: null, name: ROOT[0], jaName: ROOT[1], displayOrder: 1 }];
  const addLevel = (level: 2 | 3 | 4, count: number, firstParent: number, parents: number, name: (i: number, parent: UnitPlan, order: number) => [string, string]) => {
    const siblings = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const parent = firstParent + Math.floor((i * parents) / count);
      const order = (siblings.get(parent) ?? 0) + 1;
      siblings.set(parent, order);
      const [en, jp] = name(i, plans[parent], order);
      plans.push({ level, parent, name: en, jaName: jp, displayOrder: order });
    }
  };
  addLevel(2, divisions, 0, 1, (i) => nth(DIVISIONS, i));
  addLevel(3, departments, 1, divisions, (i) => nth(DEPARTMENTS, i));
  addLevel(4, teams, 1 + divisions, departments, (_i, parent, order) => {
    const letter = String.fromCharCode(64 + order); // a department has a handful of teams: A, B, C ...
    return [`${parent.name} Team ${letter}`, `${parent.jaName} ${letter}チーム`];
  });
  return plans;
}

/**
 * Members per unit: weighted round robin (root 4, division 2, department 3, team 9), so every unit
 * gets one before any gets a second.
 */
function quotas(plans: UnitPlan[], members: number): number[] {
  const weight = { 1: 4, 2: 2, 3: 3, 4: 9 } as const;
  const q = plans.map(() => 0);
  for (let round = 0, left = members; left > 0; round++) {
    for (let u = 0; u < plans.length && left > 0; u++) {
      if (round < weight[plans[u].level] || round >= 9) { q[u]++; left--; }
    }
  }
  return q;
}

/** Positions of a unit's members by level: its leader's, then the others' in rotation. */
const ROLE: Record<UnitPlan["level"], { leader: number; others: number[]; leaderLevel: number; levels: number[] }> = {
  1: { leader: P.President, others: [P["Vice President"], P["Senior Managing Director"], P["Managing Director"], P.Auditor, P.Advisor], leaderLevel: 0, levels: [0] },
  2: { leader: P["Division Head"], others: [P["Deputy Division Head"], P["Executive Officer"]], leaderLevel: 1, levels: [1, 2] },
  3: { leader: P["General Manager"], others: [P["Deputy General Manager"], P["Senior Manager"], P["Assistant Manager"]], leaderLevel: 2, levels: [2, 3] },
  4: { leader: P["Section Manager"], others: [P.Chief, P.Supervisor, P["Senior Staff"], P.Staff, P.Engineer, P.Specialist, P.Staff], leaderLevel: 2, levels: [3, 4, 5, 5] },
};

// ---------------------------------------------------------------------------------------------
// Seeding

/**
 * Fills one domain of `emulator` with a company (see the file comment); returns what it seeded.
 * Throws when the options cannot give the described company.
 */
export function seedTenant(emulator: Emulator, opts: SeedOptions = {}): SeedSummary {
  const domainId = opts.domainId ?? DEFAULTS.domainId;
  const nMembers = opts.members ?? DEFAULTS.members;
  const nUnits = opts.units ?? DEFAULTS.units;
  const nGroups = opts.groups ?? DEFAULTS.groups;
  const mail = opts.mailDomain ?? `d${domainId}.example.com`;
  if (!Number.isInteger(nUnits) || nUnits < 8) throw new Error("seedTenant: units must be an integer of at least 8");
  if (!Number.isInteger(nMembers) || nMembers < Math.max(nUnits, 12)) throw new Error("seedTenant: members must be an integer of at least max(units, 12)");
  if (!Number.isInteger(nGroups) || nGroups < 2) throw new Error("seedTenant: groups must be an integer of at least 2");

  const ids = Object.fromEntries(SEED_KINDS.map((k) => [k, [] as string[]])) as Record<SeedKind, string[]>;
  const keylessIds = Object.fromEntries(SEED_KINDS.map((k) => [k, [] as string[]])) as Record<SeedKind, string[]>;
  /** Seeds one object with its deterministic ID; records it (and whether it has a key). */
  const seed = (kind: SeedKind, idField: string, keyField: string, obj: Obj): string => {
    const id = seedId(kind, domainId, ids[kind].length + 1);
    emulator.seed(kind, { domainId, [idField]: id, ...obj });
    ids[kind].push(id);
    if (obj[keyField] === null) keylessIds[kind].push(id);
    return id;
  };

  for (const kind of ["positions", "levels", "userTypes", "employmentTypes"] as const) emulator.setFeature(domainId, kind, true);

  const positions = POSITIONS.map(([name, jaName], i) => seed("positions", "positionId", "positionExternalKey", {
    displayOrder: i + 1, positionName: name,
    positionExternalKey: KEYLESS_POSITIONS.includes(i) ? null : `POS_${pad(i + 1, 3)}`,
    i18nNames: PLAIN_POSITIONS.includes(i) ? [] : ja(jaName),
  }));
  const levels = LEVELS.map(([name, jaName, executive], i) => seed("levels", "levelId", "levelExternalKey", {
    displayOrder: i + 1, levelName: name, levelExternalKey: i === KEYLESS_LEVEL ? null : `LV_${pad(i + 1, 2)}`, executive,
    i18nNames: i === LEVELS.length - 1 ? [] : ja(jaName),
  }));
  const userTypes = USER_TYPES.map(([name, jaName, code], i) => seed("userTypes", "userTypeId", "userTypeExternalKey", {
    displayOrder: i + 1, userTypeName: name, userTypeExternalKey: `UT_${pad(i + 1, 2)}`, i18nNames: ja(jaName), userTypeCode: code,
  }));
  const employmentTypes = EMPLOYMENT_TYPES.map(([name, jaName, code], i) => seed("employmentTypes", "employmentTypeId", "employmentTypeExternalKey", {
    displayOrder: i + 1, employmentTypeName: name, employmentTypeExternalKey: `ET_${pad(i + 1, 2)}`, i18nNames: ja(jaName), userTypeCode: code,
  }));

  // Org units: parents before children; three below the top (a department and two teams) without a key.
  const plans = planUnits(nUnits);
  const departments = plans.flatMap((p, i) => (p.level === 3 ? [i] : []));
  const teams = plans.flatMap((p, i) => (p.level === 4 ? [i] : []));
  const keylessUnits = [departments[Math.floor(departments.length / 2)], ...spread(2, teams.length).map((t) => teams[t])];
  const units: string[] = [];
  plans.forEach((p, i) => {
    const useMessage = i % 3 === 0;
    units.push(seed("orgUnits", "orgUnitId", "orgUnitExternalKey", {
      orgUnitExternalKey: keylessUnits.includes(i) ? null : `OU_${pad(i + 1, 3)}`,
      orgUnitName: p.name, i18nNames: i % 7 === 6 ? [] : ja(p.jaName),
      email: `${slug(p.name)}@${mail}`,
      description: p.level <= 2 ? `${p.name} (${p.jaName})` : null,
      visible: true, aliasEmails: [], canReceiveExternalMail: false,
      useMessage, useNote: useMessage && i % 2 === 0, useCalendar: useMessage && i % 2 === 0, useTask: false, useFolder: false,
      useServiceNotification: false,
      membersAllowedToUseOrgUnitEmailAsRecipient: [], membersAllowedToUseOrgUnitEmailAsSender: [],
      parentOrgUnitId: p.parent === null ? null : units[p.parent], displayOrder: p.displayOrder,
    }));
  });

  // Members: each unit's quota in unit order; the first of a unit leads it (9 of 10 units have a leader).
  const quota = quotas(plans, nMembers);
  const keylessMembers = spread(KEYLESS.users, nMembers);
  const users: string[] = [];
  let member = 0;
  plans.forEach((p, u) => {
    const role = ROLE[p.level];
    const hasLeader = u % 10 !== 9;
    for (let k = 0; k < quota[u]; k++, member++) {
      const i = member;
      const leads = hasLeader && k === 0;
      const rank = hasLeader ? k - 1 : k;
      const [last, lastJa] = LAST_NAMES[i % LAST_NAMES.length];
      const [first, firstJa] = FIRST_NAMES[i % FIRST_NAMES.length];
      const round = Math.floor(i / (LAST_NAMES.length * FIRST_NAMES.length));
      const orgUnits: Obj[] = [{
        orgUnitId: units[u], primary: true, positionId: positions[leads ? role.leader : role.others[rank % role.others.length]],
        isManager: leads, visible: true, useTeamFeature: true,
      }];
      // A few members also belong to a second team (not primary, no position).
      if (i % 50 === 25) {
        let t = teams[(i * 7 + 3) % teams.length];
        if (t === u) t = teams[(teams.indexOf(t) + 1) % teams.length];
        orgUnits.push({ orgUnitId: units[t], primary: false, positionId: null, isManager: false, visible: true, useTeamFeature: true });
      }
      users.push(seed("users", "userId", "userExternalKey", {
        email: `${first}.${last}${round === 0 ? "" : round}@${mail}`.toLowerCase(),
        userExternalKey: keylessMembers.includes(i) ? null : `EMP_${pad(i + 1, 4)}`,
        userName: { lastName: last, firstName: first, phoneticLastName: null, phoneticFirstName: null },
        i18nNames: i % 8 === 7 ? [] : [{ language: "ja_JP", firstName: firstJa, lastName: lastJa }],
        nickName: null, privateEmail: null, aliasEmails: [],
        userTypeId: userTypes[[7, 8, 9].includes(i % 10) ? (i % 10) - 6 : 0],
        employmentTypeId: i % 100 === 10 ? employmentTypes[Math.floor(i / 100) % employmentTypes.length] : null,
        searchable: true, telephone: null, cellPhone: null, location: null, task: null,
        locale: "ja_JP", timeZone: "Asia/Tokyo", employeeNumber: `E${pad(i + 1, 5)}`, hiredDate: `${2005 + (i % 19)}-04-01`, birthday: null, activationDate: null,
        organizations: [{ domainId, primary: true, email: null, levelId: levels[leads ? role.leaderLevel : role.levels[rank % role.levels.length]], orgUnits }],
        isAdministrator: false, isPending: false, isSuspended: false, suspendedReason: null, isDeleted: false, isAwaiting: false, leaveOfAbsence: null,
      }));
    }
  });

  // Groups: members first (administrators are members too), then 1-3 units (not the root), then one
  // earlier group (none for the first, so nesting has no cycle).
  const keylessGroup = Math.floor(nGroups / 2);
  for (let g = 0; g < nGroups; g++) {
    const picked = new Set<string>();
    for (let k = 0; k < 4 + ((g * 7) % 30); k++) picked.add(users[(g * 37 + k * 11) % users.length]);
    const people = [...picked];
    const unitMembers = new Set<string>();
    for (let k = 0; k <= g % 3; k++) unitMembers.add(units[1 + ((g * 3 + k * 7) % (units.length - 1))]);
    const useMessage = g % 2 === 0;
    const [name, jaName] = nth(GROUPS, g);
    seed("groups", "groupId", "groupExternalKey", {
      groupName: name,
      description: g % 3 === 0 ? jaName : null,
      visible: true, useServiceNotification: false, serviceManageable: true,
      groupExternalKey: g === keylessGroup ? null : `GRP_${pad(g + 1, 2)}`,
      administrators: people.slice(0, g % 2 === 0 ? 2 : 1).map((userId) => ({ userId })),
      members: [
        ...people.map((id) => ({ id, type: "USER" })),
        ...[...unitMembers].map((id) => ({ id, type: "ORGUNIT" })),
        ...(g === 0 ? [] : [{ id: ids.groups[Math.floor((g - 1) / 2)], type: "GROUP" }]),
      ],
      useMessage, useNote: useMessage, useCalendar: false, useTask: false, useFolder: false,
    });
  }

  return {
    domainId,
    counts: Object.fromEntries(SEED_KINDS.map((k) => [k, ids[k].length])) as Record<SeedKind, number>,
    keyless: Object.fromEntries(SEED_KINDS.map((k) => [k, keylessIds[k].length])) as Record<SeedKind, number>,
    ids,
    keylessIds,
  };
}
