// Org units (組織): the tree of the organisation chart.
import { description, emailAddress, emailList, externalKey, flag, i18nNames, name, reference, siblingOrder } from "../schemas";
import { ONE_WRITE_PER_SECOND_IN_ORDER } from "../ordering";
import { defineKind } from "./define";
import { I18N_NAMES, off, ROOM_FIELDS, ROOM_TRAITS, roomFeatures } from "./shared";

/**
 * An org unit (組織 / team). Not a flat list: a tree whose parent and sibling order change only
 * through `POST /orgunits/{id}/move` (a replacement would delete the unit's team room, notes,
 * calendar and folders), with names that need not be unique, one write per second per domain,
 * and deletes that LINE WORKS refuses while the unit or a unit under it has members.
 */
export const OrgUnit = defineKind({
  type: "OrgUnit",
  noun: "org unit",
  path: "/orgunits",
  listKey: "orgUnits",
  idField: "orgUnitId",
  nameField: "orgUnitName",
  externalKeyField: "orgUnitExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  fields: {
    orgUnitName: name(),
    displayOrder: siblingOrder(),
    parentOrgUnitId: reference().nullable().optional(),
    orgUnitExternalKey: externalKey().optional(),
    i18nNames: i18nNames().optional(),
    email: emailAddress().optional(),
    description: description(160).optional(),
    visible: flag().optional(),
    aliasEmails: emailList(20).optional(),
    canReceiveExternalMail: flag().optional(),
    ...ROOM_FIELDS,
  },
  traits: {
    parentOrgUnitId: { references: "OrgUnit", default: null, omittedIsDefault: true },
    i18nNames: I18N_NAMES,
    email: { caseInsensitive: true, assigned: true },
    aliasEmails: { set: true, caseInsensitive: true },
    visible: { default: true },
    canReceiveExternalMail: off,
    ...ROOM_TRAITS,
  },
  readOnly: ["displayLevel", "parentExternalKey"],
  uniqueNames: false,
  nameScope: ["parentOrgUnitId"],
  actions: [{ suffix: "/move", fields: ["parentOrgUnitId", "displayOrder"], verb: "move" }],
  parentField: "parentOrgUnitId",
  crossChecks: roomFeatures,
  deleteRefusal: {
    explain:
      "LINE WORKS does not delete an org unit while it or a unit under it has members. Move those members to another unit " +
      "(change the orgUnits of their organizations) or delete them first, then run again",
    blockers: { path: "/orgunits/{id}/members", listKey: "members", noun: "direct members", label: (m) => m.userExternalKey ?? m.userId },
  },
  // Moving a unit to another domain cannot keep its team room anyway, and its tenant-unique key and email would collide.
  replaceDeletesFirst: true,
  writeRule: ONE_WRITE_PER_SECOND_IN_ORDER,
});
