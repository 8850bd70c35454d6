import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type DeepArgs } from "./common";

type GroupInputs = kinds.KindInputs<typeof kinds.Group>;
/** A member of a group: `{id, type}`, `type` one of `USER`, `ORGUNIT`, `GROUP`. */
export type GroupMember = GroupInputs["members"][number];
/** A group master (グループマスター): `{userId}`. */
export type GroupAdministrator = GroupInputs["administrators"][number];

/**
 * Arguments of a {@link Group}; field names are those of the LINE WORKS API. IDs may be other
 * resources' outputs (also inside `members` and `administrators`), `externalKey:<key>` of objects
 * managed elsewhere, or a member's email for a `USER`.
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface GroupArgs extends DeepArgs<GroupInputs> {
  /** 1-100 characters; unique in the domain */
  groupName: DeepArgs<GroupInputs>["groupName"];
  /**
   * may be `[]`. `{id, type}`, `type` one of `USER`, `ORGUNIT` (everyone in the unit), `GROUP`; no
   * member twice. A `USER` by its ID, email or `externalKey:<key>`; a unit or group by its ID or
   * `externalKey:<key>`. Authoritative: the group has exactly these members. Order means nothing
   */
  members: DeepArgs<GroupInputs>["members"];
  /**
   * the group masters (グループマスター): at least one `{userId}` (an ID, email or `externalKey:<key>`),
   * none twice. Order means nothing
   */
  administrators: DeepArgs<GroupInputs>["administrators"];
  /** at most 300 characters */
  description?: DeepArgs<GroupInputs>["description"];
  /** default `true`: shown in search to members who are neither masters nor members */
  visible?: DeepArgs<GroupInputs>["visible"];
  /** default `false`: the group receives service notifications */
  useServiceNotification?: DeepArgs<GroupInputs>["useServiceNotification"];
  /** default `true`: masters may choose which features the group uses */
  serviceManageable?: DeepArgs<GroupInputs>["serviceManageable"];
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  groupExternalKey?: DeepArgs<GroupInputs>["groupExternalKey"];
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  useMessage?: DeepArgs<GroupInputs>["useMessage"];
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  useNote?: DeepArgs<GroupInputs>["useNote"];
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  useCalendar?: DeepArgs<GroupInputs>["useCalendar"];
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  useTask?: DeepArgs<GroupInputs>["useTask"];
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  useFolder?: DeepArgs<GroupInputs>["useFolder"];
  /**
   * the group's mailing list on or off (default `false`). Advanced plan only; LINE WORKS documents
   * no rule for it, so it is sent as declared (the shape checked), and never sent or reset while
   * left out
   */
  useMail?: DeepArgs<GroupInputs>["useMail"];
  /**
   * the mailing list's address. Advanced plan only; LINE WORKS documents no rule for it, so it is
   * sent as declared (the shape checked), and never sent or reset while left out
   */
  groupEmail?: DeepArgs<GroupInputs>["groupEmail"];
  /**
   * further addresses of the mailing list; order means nothing. Advanced plan only; LINE WORKS
   * documents no rule for it, so it is sent as declared (the shape checked), and never sent or
   * reset while left out
   */
  aliasEmails?: DeepArgs<GroupInputs>["aliasEmails"];
  /**
   * mail from outside the company reaches the list (default `false`). Advanced plan only; LINE
   * WORKS documents no rule for it, so it is sent as declared (the shape checked), and never sent
   * or reset while left out
   */
  canReceiveExternalMail?: DeepArgs<GroupInputs>["canReceiveExternalMail"];
  /**
   * addresses outside LINE WORKS the list also delivers to; order means nothing. Advanced plan
   * only; LINE WORKS documents no rule for it, so it is sent as declared (the shape checked), and
   * never sent or reset while left out
   */
  toExternalEmails?: DeepArgs<GroupInputs>["toExternalEmails"];
  /**
   * members allowed to send mail to the list's address: `{userId}` items, each a member's ID, email
   * or `externalKey:<key>`; order means nothing. Advanced plan only; LINE WORKS documents no rule
   * for it, so it is sent as declared (the shape checked), and never sent or reset while left out
   */
  membersAllowedToUseGroupEmailAsRecipient?: DeepArgs<GroupInputs>["membersAllowedToUseGroupEmailAsRecipient"];
  /**
   * members allowed to send mail from the list's address: `{userId}` items, each a member's ID,
   * email or `externalKey:<key>`; order means nothing. Advanced plan only; LINE WORKS documents no
   * rule for it, so it is sent as declared (the shape checked), and never sent or reset while left
   * out
   */
  membersAllowedToUseGroupEmailAsSender?: DeepArgs<GroupInputs>["membersAllowedToUseGroupEmailAsSender"];
  /** defaults to `lineworks:domainId`; changing it replaces the group */
  domainId?: DeepArgs<GroupInputs>["domainId"];
}

/**
 * A group (グループ) of a LINE WORKS domain: a project, a committee, a mailing group.
 *
 * `members` and `administrators` are authoritative: the group has exactly the members and masters
 * the program declares, and the preview lists each one added or removed (by type and ID). An update
 * adds and removes only those, one call each through the member and master endpoints (adds
 * first, so the group never lacks a master); more than 100 changes go in one PATCH instead. A
 * member added in the admin console shows at the next `pulumi refresh` and is removed by the next
 * `pulumi up`. Deleting a group deletes its messages, notes, events and folders: give groups that
 * matter `protect: true`. Dynamic and external groups cannot be managed (LINE WORKS refuses their
 * edits); adopting or refreshing one fails with an explanation.
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const launch = new lineworks.Group("launch", {
 *     groupName: "Launch project",
 *     groupExternalKey: "PRJ-LAUNCH",
 *     administrators: [{ userId: hanako.userId }],
 *     members: [
 *         { id: hanako.userId, type: "USER" },
 *         { id: "taro@example.com", type: "USER" },
 *         { id: sales.orgUnitId, type: "ORGUNIT" },
 *     ],
 *     useMessage: true,
 *     useCalendar: true,
 * });
 * export const launchId = launch.groupId;
 * ```
 *
 * ## Adopting an existing group
 * With `pulumi config set lineworks:adoptExisting true`, the group with the declared
 * `groupExternalKey` — else with the same `groupName` in the domain — is taken over: its
 * settings, members and masters are made to match the program. Or use the `import` resource
 * option with the `groupId`, `externalKey:<key>` or `name:<groupName>`.
 */
export class Group extends pulumi.dynamic.Resource {
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly groupId: pulumi.Output<string>;
  /** defaults to `lineworks:domainId`; changing it replaces the group */
  declare public readonly domainId: pulumi.Output<number>;
  /** 1-100 characters; unique in the domain */
  declare public readonly groupName: pulumi.Output<string>;
  /** at most 300 characters */
  declare public readonly description: pulumi.Output<string | null>;
  /** default `true`: shown in search to members who are neither masters nor members */
  declare public readonly visible: pulumi.Output<boolean>;
  /** default `false`: the group receives service notifications */
  declare public readonly useServiceNotification: pulumi.Output<boolean>;
  /** default `true`: masters may choose which features the group uses */
  declare public readonly serviceManageable: pulumi.Output<boolean>;
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  declare public readonly groupExternalKey: pulumi.Output<string | null>;
  /**
   * the group masters (グループマスター): at least one `{userId}` (an ID, email or `externalKey:<key>`),
   * none twice. Order means nothing
   */
  declare public readonly administrators: pulumi.Output<GroupAdministrator[]>;
  /**
   * may be `[]`. `{id, type}`, `type` one of `USER`, `ORGUNIT` (everyone in the unit), `GROUP`; no
   * member twice. A `USER` by its ID, email or `externalKey:<key>`; a unit or group by its ID or
   * `externalKey:<key>`. Authoritative: the group has exactly these members. Order means nothing
   */
  declare public readonly members: pulumi.Output<GroupMember[]>;
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  declare public readonly useMessage: pulumi.Output<boolean>;
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  declare public readonly useNote: pulumi.Output<boolean>;
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  declare public readonly useCalendar: pulumi.Output<boolean>;
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  declare public readonly useTask: pulumi.Output<boolean>;
  /**
   * default `false`: the group's message room (`useMessage`) and its note, calendar, task and
   * folder features. `useMessage: false` together with another of them `true` fails in the preview:
   * LINE WORKS would silently turn the others off
   */
  declare public readonly useFolder: pulumi.Output<boolean>;
  /**
   * the group's mailing list on or off (default `false`). Advanced plan only; LINE WORKS documents
   * no rule for it, so it is sent as declared (the shape checked), and never sent or reset while
   * left out
   */
  declare public readonly useMail: pulumi.Output<boolean>;
  /**
   * the mailing list's address. Advanced plan only; LINE WORKS documents no rule for it, so it is
   * sent as declared (the shape checked), and never sent or reset while left out
   */
  declare public readonly groupEmail: pulumi.Output<string | null>;
  /**
   * further addresses of the mailing list; order means nothing. Advanced plan only; LINE WORKS
   * documents no rule for it, so it is sent as declared (the shape checked), and never sent or
   * reset while left out
   */
  declare public readonly aliasEmails: pulumi.Output<string[]>;
  /**
   * mail from outside the company reaches the list (default `false`). Advanced plan only; LINE
   * WORKS documents no rule for it, so it is sent as declared (the shape checked), and never sent
   * or reset while left out
   */
  declare public readonly canReceiveExternalMail: pulumi.Output<boolean>;
  /**
   * addresses outside LINE WORKS the list also delivers to; order means nothing. Advanced plan
   * only; LINE WORKS documents no rule for it, so it is sent as declared (the shape checked), and
   * never sent or reset while left out
   */
  declare public readonly toExternalEmails: pulumi.Output<string[]>;
  /**
   * members allowed to send mail to the list's address: `{userId}` items, each a member's ID, email
   * or `externalKey:<key>`; order means nothing. Advanced plan only; LINE WORKS documents no rule
   * for it, so it is sent as declared (the shape checked), and never sent or reset while left out
   */
  declare public readonly membersAllowedToUseGroupEmailAsRecipient: pulumi.Output<GroupAdministrator[]>;
  /**
   * members allowed to send mail from the list's address: `{userId}` items, each a member's ID,
   * email or `externalKey:<key>`; order means nothing. Advanced plan only; LINE WORKS documents no
   * rule for it, so it is sent as declared (the shape checked), and never sent or reset while left
   * out
   */
  declare public readonly membersAllowedToUseGroupEmailAsSender: pulumi.Output<GroupAdministrator[]>;

  constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.Group, name, kindProps("Group", args), opts, "lineworks", "Group");
  }
}
