// Org units (組織): the tree of the organisation chart.
import { description, emailAddress, emailList, externalKey, flag, i18nNames, name, reference, siblingOrder } from "../schemas";
import { ONE_WRITE_PER_SECOND_IN_ORDER } from "../ordering";
import { defineKind } from "./define";
import { ORG_UNIT_ALLOWED, orgUnitMailFields } from "./mail";
import { domainIdDescription, externalKeyDescription, I18N_NAMES, I18N_NAMES_DESCRIPTION, NAME_DESCRIPTION, off, ROOM_TRAITS, roomFeatures, roomFields } from "./shared";

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
  domainIdDescription: domainIdDescription("a change replaces the unit, deleting the old one first (its tenant-unique key and address would collide)"),
  fields: {
    orgUnitName: name().describe(`${NAME_DESCRIPTION}. Not unique: LINE WORKS accepts two units with one name`),
    displayOrder: siblingOrder().describe("integer >= 1: the order among the units under the same parent. A change reorders the unit in place (`POST /orgunits/{id}/move`)"),
    parentOrgUnitId: reference()
      .nullable()
      .optional()
      .describe(
        "the parent unit: another `OrgUnit`'s `orgUnitId`, or `externalKey:<key>` of a unit managed elsewhere. Left out or `null`: the top level " +
          "(leaving it out declares the top level, unlike every other optional field). A change moves the unit, with its members, team room and " +
          "the units under it, in place (`POST /orgunits/{id}/move`); it is never replaced",
      ),
    orgUnitExternalKey: externalKey().optional().describe(externalKeyDescription("tenant")),
    i18nNames: i18nNames().optional().describe(I18N_NAMES_DESCRIPTION),
    email: emailAddress()
      .optional()
      .describe(
        "the unit's address: at most 90 characters, the part before `@` 2-64 of `a-z 0-9 . - _ ! #`, starting with `a-z 0-9 ! #`, no dot at its end " +
          "and no two dots in a row; compared case-insensitively. LINE WORKS assigns one when none is declared (the output holds it)",
      ),
    description: description(160).optional().describe("at most 160 characters"),
    visible: flag()
      .optional()
      .describe(
        "default `true`: shown in the organisation chart. Under a hidden parent only `false` is allowed " +
          "(LINE WORKS' rule; `check` cannot see the parent, so it surfaces at `pulumi up`)",
      ),
    aliasEmails: emailList(20).optional().describe("at most 20 addresses, none twice; order means nothing. Advanced plan only"),
    canReceiveExternalMail: flag().optional().describe("default `false`: mail from outside the company reaches the unit's address"),
    ...roomFields("unit"),
    useServiceNotification: flag()
      .optional()
      .describe("default `false` (unconfirmed for units: an answer without it reads as `false`): the unit receives service notifications"),
    ...orgUnitMailFields(),
  },
  traits: {
    parentOrgUnitId: { references: "OrgUnit", default: null, omittedIsDefault: true },
    i18nNames: I18N_NAMES,
    email: { caseInsensitive: true, assigned: true },
    aliasEmails: { set: true, caseInsensitive: true },
    visible: { default: true },
    canReceiveExternalMail: off,
    ...ROOM_TRAITS,
    useServiceNotification: off,
    membersAllowedToUseOrgUnitEmailAsRecipient: ORG_UNIT_ALLOWED,
    membersAllowedToUseOrgUnitEmailAsSender: ORG_UNIT_ALLOWED,
  },
  readOnly: {
    displayLevel: "depth in the tree, from 1 at the top level (LINE WORKS derives it)",
    parentExternalKey: "the parent's external key, if it has one (LINE WORKS derives it)",
  },
  uniqueNames: false,
  nameScope: ["parentOrgUnitId"],
  actions: [{ suffix: "/move", fields: ["parentOrgUnitId", "displayOrder"], verb: "move" }],
  parentField: "parentOrgUnitId",
  // "Teams support up to 15 depths" (Admin guide).
  maxDepth: 15,
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
