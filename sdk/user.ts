import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type DeepArgs } from "./common";

type UserInputs = kinds.KindInputs<typeof kinds.User>;
/** One organization (domain) of a member: `{domainId, primary, levelId?, orgUnits}`. */
export type UserOrganization = UserInputs["organizations"][number];
/** A member's place in one unit: `{orgUnitId, primary, positionId?, isManager?, visible?, useTeamFeature?}`. */
export type UserOrgUnit = UserOrganization["orgUnits"][number];

/**
 * Arguments of a {@link User}; field names are those of the LINE WORKS API. IDs of units,
 * positions, levels and user types may be other resources' outputs (also inside `organizations`),
 * or `externalKey:<key>` of objects managed elsewhere.
 *
 * - `email` (required): the login ID. Local part 2-40 of `a-z 0-9 . - _`, starting with a letter
 *   or digit; compared case-insensitively (LINE WORKS stores it in lower case).
 * - `userName` (required): `{lastName, firstName, phoneticLastName?, phoneticFirstName?}`; one of
 *   lastName/firstName at least, each at most 80 and both together at most 80 characters;
 *   phonetic names in katakana.
 * - `organizations` (required): one entry per domain, exactly one `primary: true` (its `domainId`
 *   is the member's); in each, `orgUnits` (at most 30, exactly one `primary: true`) with the title
 *   (`positionId`), `isManager` (team leader: LINE WORKS keeps one per unit, so a second leader
 *   replaces the first), `visible` and `useTeamFeature` (default true). `levelId` per
 *   organization. Order means nothing. A transfer to another team or title is an update.
 * - `passwordConfig`: `{passwordCreationType?: "ADMIN" | "MEMBER", password?, changePasswordAtNextLogin?}`.
 *   `ADMIN` needs `password`; `MEMBER` (the default: LINE WORKS mails an invitation) needs `privateEmail`.
 *   The whole object is made a Pulumi secret here; it is sent on create only, never shown in
 *   outputs, logs or errors, and a later change of it changes nothing (change a password in LINE WORKS).
 * - `suspended`: `true` suspends the member (`/suspend`), `false` restores (`/unsuspend`). Left out:
 *   not managed. LINE WORKS suspends only members in use: not one who has never logged in, never
 *   the super admin.
 * - `forceDeleteOnDestroy` (default false): destroy deletes permanently (`/forcedelete`) instead of
 *   LINE WORKS' soft delete, which keeps the member restorable for 7 days.
 * - `domainId`: defaults to `lineworks:domainId`; must be the primary organization's. Changing it
 *   (with the organizations) moves the member to that domain (`POST /users/{id}/move`): never a
 *   replacement, which would delete the person's data.
 * - Optional, left alone when undeclared: `userExternalKey`, `i18nNames`, `nickName`,
 *   `privateEmail`, `aliasEmails` (at most 10), `locale` (`ja_JP`, not `ja-JP`), `timeZone`
 *   (`Asia/Tokyo`), `telephone`, `cellPhone`, `location`, `task`, `employeeNumber`, `hiredDate`
 *   (`YYYY-MM-DD`), `userTypeId`, `employmentTypeId` (deprecated by LINE WORKS), `searchable`.
 */
export interface UserArgs extends DeepArgs<UserInputs> {}

/**
 * A member (メンバー) of a LINE WORKS domain and their place in the organisation: teams, title,
 * level.
 *
 * A member created without SSO is pending until their first login (`isPending` output): that is a
 * successful create, not a drift. Creates run at most 10 per second per domain and every write on
 * one member in order, as LINE WORKS asks. Destroy is LINE WORKS' soft delete (restorable for 7
 * days; the member's chat rooms are left at once) unless `forceDeleteOnDestroy: true`;
 * administrators cannot be deleted. Give members `protect: true` where a mistaken destroy would hurt.
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const hanako = new lineworks.User("hanako", {
 *     email: "hanako.sato@example.com",
 *     userName: { lastName: "佐藤", firstName: "花子", phoneticLastName: "サトウ", phoneticFirstName: "ハナコ" },
 *     userExternalKey: "EMP-0042",
 *     organizations: [{
 *         domainId: 10000001,
 *         primary: true,
 *         levelId: seniorLevel.levelId,
 *         orgUnits: [{ orgUnitId: sales.orgUnitId, primary: true, positionId: manager.positionId, isManager: true }],
 *     }],
 *     passwordConfig: { passwordCreationType: "ADMIN", password: config.requireSecret("hanakoPassword"), changePasswordAtNextLogin: true },
 * }, { protect: true });
 * export const hanakoId = hanako.userId;
 * ```
 *
 * ## Adopting an existing member
 * With `pulumi config set lineworks:adoptExisting true`, the member with the declared
 * `userExternalKey` — else with the same `email` (case-insensitive) — is taken over and updated to
 * match the program; a member soft-deleted less than 7 days ago is restored (undeleted) first.
 * Or use the `import` resource option with the `userId`, `externalKey:<key>`, or the email.
 */
export class User extends pulumi.dynamic.Resource {
  /** The ID LINE WORKS generated; also this resource's ID. */
  declare public readonly userId: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly email: pulumi.Output<string>;
  declare public readonly userName: pulumi.Output<UserInputs["userName"]>;
  declare public readonly userExternalKey: pulumi.Output<string | null>;
  declare public readonly i18nNames: pulumi.Output<NonNullable<UserInputs["i18nNames"]>>;
  declare public readonly nickName: pulumi.Output<string | null>;
  declare public readonly privateEmail: pulumi.Output<string | null>;
  declare public readonly aliasEmails: pulumi.Output<string[]>;
  declare public readonly locale: pulumi.Output<string | null>;
  declare public readonly timeZone: pulumi.Output<string | null>;
  declare public readonly telephone: pulumi.Output<string | null>;
  declare public readonly cellPhone: pulumi.Output<string | null>;
  declare public readonly location: pulumi.Output<string | null>;
  declare public readonly task: pulumi.Output<string | null>;
  declare public readonly employeeNumber: pulumi.Output<string | null>;
  declare public readonly hiredDate: pulumi.Output<string | null>;
  declare public readonly userTypeId: pulumi.Output<string | null>;
  declare public readonly employmentTypeId: pulumi.Output<string | null>;
  declare public readonly searchable: pulumi.Output<boolean>;
  declare public readonly organizations: pulumi.Output<UserOrganization[]>;
  /** Whether the member is suspended (live; a suspension made in the admin console shows here). */
  declare public readonly suspended: pulumi.Output<boolean>;
  declare public readonly forceDeleteOnDestroy: pulumi.Output<boolean>;
  /** Created without SSO and not logged in yet (LINE WORKS derives it). */
  declare public readonly isPending: pulumi.Output<boolean>;
  declare public readonly isSuspended: pulumi.Output<boolean>;
  /** `MASTER` (an administrator) or `LOGIN_FAIL` (failed logins), when suspended. */
  declare public readonly suspendedReason: pulumi.Output<string | null>;
  declare public readonly isDeleted: pulumi.Output<boolean>;
  /** Administrators cannot be deleted; the role is only set in the Admin console. */
  declare public readonly isAdministrator: pulumi.Output<boolean>;

  constructor(name: string, args: UserArgs, opts?: pulumi.CustomResourceOptions) {
    // The password is a secret from the moment it is declared, whether or not the program made it one.
    const secretArgs = args.passwordConfig === undefined ? args : { ...args, passwordConfig: pulumi.secret(args.passwordConfig) };
    super(providers.User, name, kindProps("User", secretArgs), opts, "lineworks", "User");
  }
}
