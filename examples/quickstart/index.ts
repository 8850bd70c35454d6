// Quickstart: the positions (役職) and user types (利用権限タイプ) of a small company.
//
// The list lives in org.json so HR can edit it without touching code; every entry becomes one
// LINE WORKS object. `pulumi preview` shows what would change in the admin console; `pulumi up`
// makes it so. Objects are matched by their external key (the "key" column), so renaming a
// position in org.json renames it in LINE WORKS instead of creating a second one.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import * as lineworks from "pulumi-lineworks";

interface Entry {
  key: string;
  name: string;
  ja: string;
  order: number;
  code?: string;
}
const org: { positions: Entry[]; userTypes: Entry[] } = JSON.parse(fs.readFileSync(path.join(__dirname, "org.json"), "utf8"));

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

// Runs only when the declared structure changes (its trigger is the list of names): here it
// writes a summary file; in real use, post to the admins' channel or kick off an HR export.
const structure = pulumi
  .all([...positions.map((p) => p.positionName), ...userTypes.map((u) => u.userTypeName)])
  .apply((names) => names.join(", "));
new command.local.Command("announce-structure-change", {
  create: pulumi.interpolate`echo "LINE WORKS directory structure updated: ${structure}" > structure-change.txt`,
  triggers: [structure],
});

export const positionIds = Object.fromEntries(org.positions.map((p, i) => [p.key, positions[i].positionId]));
export const userTypeIds = Object.fromEntries(org.userTypes.map((u, i) => [u.key, userTypes[i].userTypeId]));
