// Quickstart: the positions (役職), user types (利用権限タイプ), org units (組織), members (メンバー)
// and groups (グループ) of a small company.
//
// The lists live in org.yaml so HR can edit them without touching code (the file explains each
// field); every entry becomes one LINE WORKS object. `pulumi preview` shows what would change in
// the admin console; `pulumi up` makes it so. Objects are matched by their key (the external
// key), so renaming a position in org.yaml renames it in LINE WORKS instead of creating a second one.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import * as lineworks from "pulumi-lineworks";
import { parse } from "yaml";

interface Entry {
  key: string;
  name: string;
  ja: string;
  order: number;
  code?: string;
}
interface UnitEntry extends Entry {
  /** The key of the unit this one sits under; none at the top level. */
  parent?: string | null;
  /** The unit's own message room (useMessage). */
  teamRoom?: boolean;
}
interface MemberEntry {
  key: string;
  email: string;
  last: string;
  first?: string;
  /** The reading in katakana, "last first". */
  kana?: string;
  /** Keys of the member's unit, position and user type. */
  unit: string;
  title?: string;
  leader?: boolean;
  type?: string;
  /** The private address the invitation goes to. */
  invite: string;
}
interface GroupEntry {
  key: string;
  name: string;
  /** Keys of the members who manage the group. */
  masters: string[];
  /** Keys of members or org units. */
  members: string[];
  room?: boolean;
}
const org: { positions: Entry[]; userTypes: Entry[]; orgUnits?: UnitEntry[]; members?: MemberEntry[]; groups?: GroupEntry[] } = parse(fs.readFileSync(path.join(__dirname, "org.yaml"), "utf8"));

// The switches (admin console: 役職 / 利用権限タイプ) must be on before positions or user types can
// be written; a new tenant may have them off. Turning one on is idempotent, and deleting this
// resource only forgets it: LINE WORKS' disable would delete every object of the kind.
const positionsOn = new lineworks.DirectoryFeature("positions", { feature: "positions" });
const userTypesOn = new lineworks.DirectoryFeature("userTypes", { feature: "userTypes" });

// Positions: shown on each member's profile and sorted by displayOrder in the address book.
// The domain comes from `lineworks:domainId`.
const positions = org.positions.map(
  (p) =>
    new lineworks.Position(p.key, {
      positionName: p.name,
      displayOrder: p.order,
      positionExternalKey: p.key,
      i18nNames: [
        { language: "en_US", name: p.name },
        { language: "ja_JP", name: p.ja },
      ],
    }, { dependsOn: positionsOn }),
);

// User types: the employment categories admins filter members by (正社員, 契約社員, ...).
const userTypes = org.userTypes.map(
  (u) =>
    new lineworks.UserType(u.key, {
      userTypeName: u.name,
      displayOrder: u.order,
      userTypeExternalKey: u.key,
      userTypeCode: u.code,
      i18nNames: [
        { language: "en_US", name: u.name },
        { language: "ja_JP", name: u.ja },
      ],
    }, { dependsOn: userTypesOn }),
);

// Org units: the organisation chart, a tree. Each unit names its parent by key in org.yaml; here
// the parent's resource is created first and the child gets its ID (`parent.orgUnitId`), so
// Pulumi creates parents before children and deletes children first. Org units need no
// DirectoryFeature switch. LINE WORKS takes one org-unit write per second per domain, and the
// provider keeps to that whatever `--parallel` says: a hundred units take about 100 s per run
// that changes them all.
//
// In your own program, give the units that matter `{ protect: true }` (Pulumi then refuses to
// delete them) or `{ retainOnDelete: true }` (Pulumi forgets them without deleting): deleting a
// unit deletes its message room, notes, calendar events and folders. The quickstart does not, so
// that `npm run demo -- destroy` can remove everything it made.
const unitEntries = new Map<string, UnitEntry>();
for (const u of org.orgUnits ?? []) {
  if (unitEntries.has(u.key)) throw new Error(`org.yaml: two org units have key: ${u.key}; each needs its own`);
  unitEntries.set(u.key, u);
}
const units = new Map<string, lineworks.OrgUnit>();
const unitPaths = new Map<string, string>();
function orgUnit(key: string, below: string[] = []): lineworks.OrgUnit {
  const made = units.get(key);
  if (made) return made;
  if (below.includes(key)) throw new Error(`org.yaml: the parent: entries go round in a circle (${[...below, key].join(" -> ")}, each under the next); one of these units must sit elsewhere`);
  const u = unitEntries.get(key)!;
  let parent: lineworks.OrgUnit | undefined;
  if (u.parent != null) {
    if (!unitEntries.has(u.parent)) throw new Error(`org.yaml: org unit ${key} has parent: ${u.parent}, which is not the key of any org unit in the file`);
    parent = orgUnit(u.parent, [...below, key]);
  }
  const unit = new lineworks.OrgUnit(key, {
    orgUnitName: u.name,
    displayOrder: u.order,
    parentOrgUnitId: parent?.orgUnitId, // left out: a top-level unit
    orgUnitExternalKey: key,
    i18nNames: [{ language: "ja_JP", name: u.ja }],
    useMessage: u.teamRoom ?? false,
    // email: left out, so LINE WORKS assigns the unit's address (the orgUnitEmails output).
  });
  units.set(key, unit);
  unitPaths.set(key, parent ? `${unitPaths.get(u.parent!)} > ${u.name}` : u.name);
  return unit;
}
for (const key of unitEntries.keys()) orgUnit(key);

// Members: each placed in one unit with a title (the unit's, position's and user type's outputs,
// so Pulumi creates those first). Without SSO a new member is pending until their first login
// (the isPending output): LINE WORKS mails the invitation to `privateEmail` and the member sets
// their own password (passwordCreationType MEMBER), so no password is in org.yaml or the state.
// Destroying a member is LINE WORKS' soft delete (restorable for 7 days); give real people
// `{ protect: true }` in your own program.
const domainId = new pulumi.Config("lineworks").requireNumber("domainId");
const byKey = <T>(list: { key: string }[], made: T[], key: string | undefined, what: string, member: string): T | undefined => {
  if (key === undefined) return undefined;
  const i = list.findIndex((x) => x.key === key);
  if (i < 0) throw new Error(`org.yaml: member ${member} has ${what}: ${key}, which is not the key of any entry of that list`);
  return made[i];
};
const members = (org.members ?? []).map((m) => {
  const unit = units.get(m.unit);
  if (!unit) throw new Error(`org.yaml: member ${m.key} has unit: ${m.unit}, which is not the key of any org unit in the file`);
  const [phoneticLastName, phoneticFirstName] = (m.kana ?? "").split(" ");
  return new lineworks.User(m.key, {
    email: m.email,
    userName: { lastName: m.last, firstName: m.first, phoneticLastName: phoneticLastName || undefined, phoneticFirstName: phoneticFirstName || undefined },
    userExternalKey: m.key,
    userTypeId: byKey(org.userTypes, userTypes, m.type, "type", m.key)?.userTypeId,
    privateEmail: m.invite,
    passwordConfig: { passwordCreationType: "MEMBER" },
    organizations: [{
      domainId,
      primary: true,
      orgUnits: [{
        orgUnitId: unit.orgUnitId,
        primary: true,
        positionId: byKey(org.positions, positions, m.title, "title", m.key)?.positionId,
        isManager: m.leader ?? false,
      }],
    }],
  });
});

// Groups: masters and members are other resources' outputs (a member's userId, a unit's
// orgUnitId), so Pulumi creates them first. The lists are authoritative and their order means
// nothing: the preview shows each member added or removed, and `pulumi up` writes only those.
const memberByKey = new Map((org.members ?? []).map((m, i) => [m.key, members[i]]));
const groups = (org.groups ?? []).map((g) => {
  const person = (key: string) => {
    const m = memberByKey.get(key);
    if (!m) throw new Error(`org.yaml: group ${g.key} has master ${key}, which is not the key of any member in the file`);
    return m;
  };
  return new lineworks.Group(g.key, {
    groupName: g.name,
    groupExternalKey: g.key,
    administrators: g.masters.map((key) => ({ userId: person(key).userId })),
    members: g.members.map((key) => {
      const m = memberByKey.get(key);
      if (m) return { id: m.userId, type: "USER" as const };
      const unit = units.get(key);
      if (unit) return { id: unit.orgUnitId, type: "ORGUNIT" as const };
      throw new Error(`org.yaml: group ${g.key} lists ${key}, which is not the key of any member or org unit in the file`);
    }),
    useMessage: g.room ?? false,
  });
});

// Runs only when the declared structure changes (its trigger is the list of names, org units with
// the units above them, so a move counts too): here it writes a summary file; in real use, post
// to the admins' channel or kick off an HR export.
const structure = pulumi
  .all([...positions.map((p) => p.positionName), ...userTypes.map((u) => u.userTypeName), ...unitPaths.values()])
  .apply((names) => names.join(", "));
new command.local.Command("announce-structure-change", {
  create: pulumi.interpolate`echo "LINE WORKS directory structure updated: ${structure}" > structure-change.txt`,
  triggers: [structure],
});

export const positionIds = Object.fromEntries(org.positions.map((p, i) => [p.key, positions[i].positionId]));
export const userTypeIds = Object.fromEntries(org.userTypes.map((u, i) => [u.key, userTypes[i].userTypeId]));
export const orgUnitIds = Object.fromEntries([...units].map(([key, unit]) => [key, unit.orgUnitId]));
export const orgUnitEmails = Object.fromEntries([...units].map(([key, unit]) => [key, unit.email]));
export const userIds = Object.fromEntries((org.members ?? []).map((m, i) => [m.key, members[i].userId]));
export const groupIds = Object.fromEntries((org.groups ?? []).map((g, i) => [g.key, groups[i].groupId]));
