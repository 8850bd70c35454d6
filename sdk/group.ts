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
 * - `groupName` (required): 1-100 characters, unique in the domain.
 * - `administrators` (required): the group masters, at least one `{userId}`, each once.
 * - `members` (required, may be empty): `{id, type}` with `type` `USER`, `ORGUNIT` (everyone in the
 *   unit) or `GROUP`; each member once. Order means nothing.
 * - `description` (at most 300 characters), `visible` (default true: shown in search to members
 *   who are neither masters nor members), `useServiceNotification` (default false),
 *   `serviceManageable` (default true: masters may choose the features), `groupExternalKey` (at
 *   most 100 characters, none of `\ % # / ?`, unique in the tenant).
 * - `useMessage`, `useNote`, `useCalendar`, `useTask`, `useFolder` (default false): the group's
 *   message room and its features. `useMessage: false` turns the others off, so declaring it with
 *   another one `true` fails in `pulumi preview`. Turning `useMessage` off deletes the group's
 *   conversation and room data after 30 days.
 * - `domainId`: defaults to `lineworks:domainId`. Changing it replaces the group.
 */
export interface GroupArgs extends DeepArgs<GroupInputs> {}

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
  /** The ID LINE WORKS generated; also this resource's ID. */
  declare public readonly groupId: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly groupName: pulumi.Output<string>;
  declare public readonly description: pulumi.Output<string | null>;
  declare public readonly visible: pulumi.Output<boolean>;
  declare public readonly useServiceNotification: pulumi.Output<boolean>;
  declare public readonly serviceManageable: pulumi.Output<boolean>;
  declare public readonly groupExternalKey: pulumi.Output<string | null>;
  /** The masters, with user IDs (or the email / `externalKey:<key>` form declared). */
  declare public readonly administrators: pulumi.Output<GroupAdministrator[]>;
  /** The members, with IDs (or the email / `externalKey:<key>` form declared). */
  declare public readonly members: pulumi.Output<GroupMember[]>;
  declare public readonly useMessage: pulumi.Output<boolean>;
  declare public readonly useNote: pulumi.Output<boolean>;
  declare public readonly useCalendar: pulumi.Output<boolean>;
  declare public readonly useTask: pulumi.Output<boolean>;
  declare public readonly useFolder: pulumi.Output<boolean>;

  constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.Group, name, kindProps("Group", args), opts, "lineworks", "Group");
  }
}
