// Groups (グループ): projects, committees and mailing groups across the chart.
import { description, externalKey, flag, groupAdministrators, groupMembers, groupName } from "../schemas";
import { defineKind } from "./define";
import { GROUP_MAIL_TRAITS, groupMailFields } from "./mail";
import { domainIdDescription, externalKeyDescription, off, on, ROOM_TRAITS, roomFeatures, roomFields } from "./shared";

/** Group masters and members: sets whose items LINE WORKS also adds and removes one by one. */
const PATCH_ABOVE = 100;

/**
 * A group (グループ): a project, committee or mailing group. Membership is written on the group,
 * and `members` and `administrators` are authoritative sets: an update adds and removes only the
 * items that changed, through the member and master endpoints (adds first, so a group is never
 * without a master). A PUT would reset the room features, so updates PATCH. Dynamic and external
 * groups are refused, never half-edited.
 */
export const Group = defineKind({
  type: "Group",
  noun: "group",
  path: "/groups",
  listKey: "groups",
  idField: "groupId",
  nameField: "groupName",
  externalKeyField: "groupExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  domainIdDescription: domainIdDescription("changing it replaces the group"),
  fields: {
    groupName: groupName().describe("1-100 characters; unique in the domain"),
    description: description(300).optional().describe("at most 300 characters"),
    visible: flag().optional().describe("default `true`: shown in search to members who are neither masters nor members"),
    useServiceNotification: flag().optional().describe("default `false`: the group receives service notifications"),
    serviceManageable: flag().optional().describe("default `true`: masters may choose which features the group uses"),
    groupExternalKey: externalKey().optional().describe(externalKeyDescription("tenant")),
    // Members before masters: adds go in this order and removes in the reverse, so a master is a member first.
    members: groupMembers().describe(
      "may be `[]`. `{id, type}`, `type` one of `USER`, `ORGUNIT` (everyone in the unit), `GROUP`; no member twice. A `USER` by its ID, email or " +
        "`externalKey:<key>`; a unit or group by its ID or `externalKey:<key>`. Authoritative: the group has exactly these members. Order means nothing",
    ),
    administrators: groupAdministrators().describe(
      "the group masters (グループマスター): at least one `{userId}` (an ID, email or `externalKey:<key>`), none twice. Order means nothing",
    ),
    ...roomFields("group"),
    ...groupMailFields(),
  },
  traits: {
    visible: on,
    useServiceNotification: off,
    serviceManageable: on,
    members: {
      set: true,
      shape: { id: { references: { by: "type", kinds: { USER: "User", ORGUNIT: "OrgUnit", GROUP: "Group" } } }, type: {} },
      identity: ["type", "id"],
      collection: { suffix: "/members", listKey: "members", key: "id", noun: "member", patchAbove: PATCH_ABOVE },
    },
    administrators: {
      set: true,
      shape: { userId: { references: "User" } },
      identity: ["userId"],
      collection: { suffix: "/administrators", listKey: "administrators", key: "userId", noun: "group master", patchAbove: PATCH_ABOVE },
    },
    ...ROOM_TRAITS,
    ...GROUP_MAIL_TRAITS,
  },
  crossChecks: roomFeatures,
  uneditable: {
    // Which field tells the kinds apart is unconfirmed: any of these marks, leniently.
    mark: (live) => {
      const kind = [live.groupType, live.type, live.groupKind].filter((v): v is string => typeof v === "string");
      if (kind.some((v) => /dynamic/i.test(v)) || live.isDynamic === true || live.dynamic === true || live.isDynamicGroup === true) return "a dynamic group";
      if (kind.some((v) => /external/i.test(v)) || live.isExternal === true || live.external === true || live.isExternalGroup === true) return "an external group";
      return undefined;
    },
    answer: /(dynamic|external) group/i,
    explain:
      "LINE WORKS does not let anyone edit dynamic groups (their members come from conditions) or external groups (shared from another tenant). " +
      "Leave this group out of the program (with `pulumi state delete <urn>` if it is in the state), or declare a new ordinary group under another groupName",
  },
});
