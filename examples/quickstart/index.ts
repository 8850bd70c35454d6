// Quickstart: the positions (役職), user types (利用権限タイプ), org units (組織), members (メンバー)
// and groups (グループ) of a small company, declared by one lineworks.Directory over org.yaml.
//
// The structure lives in org.yaml so HR can edit it without touching code (the file explains each
// field); every entry becomes one LINE WORKS object, named by its external key, so renaming an
// entry renames the object instead of creating a second one. `pulumi preview` shows what would
// change in the admin console; `pulumi up` makes it so. A mistake in the file (a key no entry
// has, a second leader for a unit, a displayOrder of 0) stops the preview before anything is
// registered, with the line of each problem.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import * as lineworks from "pulumi-lineworks";

// The domain comes from `lineworks:domainId` (org.yaml may name one instead). The component turns
// on the feature switches its kinds need (positions, user types), creates parents before children,
// units and titles before the members in them, and members before the groups they are in.
//
// In your own program, protect what matters: deleting a unit deletes its message room, notes,
// calendar events and folders, and deleting a member is LINE WORKS' soft delete (restorable for 7
// days). `{ protect: true }` on the component is inherited by every object it declares; the
// quickstart does not, so that `npm run demo -- destroy` can remove everything it made.
// (The path is this file's neighbour: Pulumi runs the program from the project's directory, the
// repository root here.)
const org = new lineworks.Directory("org", { spec: path.join(__dirname, "org.yaml") });

// Runs only when the declared structure changes (its trigger is the list of names, org units with
// the units above them, so a move counts too): here it writes a summary file; in real use, post
// to the admins' channel or kick off an HR export.
const names = (resources: Record<string, { [k: string]: any }>, field: string) => Object.values(resources).map((r) => r[field] as pulumi.Output<string>);
// A unit names its parent as org.yaml does: `externalKey:<key>` (by ID where the parent has no key).
const unitPaths = pulumi
  .all(Object.values(org.orgUnits).map((u) => pulumi.all([u.orgUnitId, u.orgUnitExternalKey, u.orgUnitName, u.parentOrgUnitId])))
  .apply((rows) => {
    const byRef = new Map(rows.flatMap(([id, key, name, parent]) => [id, `externalKey:${key}`].map((ref) => [ref, { name, parent }] as const)));
    const pathOf = (ref: string): string => {
      const u = byRef.get(ref)!;
      return u.parent && byRef.has(u.parent) ? `${pathOf(u.parent)} > ${u.name}` : u.name;
    };
    return rows.map(([id]) => pathOf(id));
  });
const structure = pulumi
  .all([pulumi.all([...names(org.positions, "positionName"), ...names(org.userTypes, "userTypeName")]), unitPaths])
  .apply(([titles, paths]) => [...titles, ...paths].join(", "));
new command.local.Command("announce-structure-change", {
  create: pulumi.interpolate`echo "LINE WORKS directory structure updated: ${structure}" > structure-change.txt`,
  triggers: [structure],
});

// IDs by external key, for other stacks and tools.
export const positionIds = org.positionIds;
export const userTypeIds = org.userTypeIds;
export const orgUnitIds = org.orgUnitIds;
export const orgUnitEmails = pulumi.all(Object.fromEntries(Object.entries(org.orgUnits).map(([key, unit]) => [key, unit.email])));
export const userIds = org.userIds;
export const groupIds = org.groupIds;
