import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type DeepArgs } from "./common";

type UserInputs = kinds.KindInputs<typeof kinds.User>;
/** One organization (domain) of a member: `{domainId, primary, levelId?, orgUnits}`. */
export type UserOrganization = UserInputs["organizations"][number];
/** A member's place in one unit: `{orgUnitId, primary, positionId?, isManager?, visible?, useTeamFeature?}`. */
export type UserOrgUnit = UserOrganization["orgUnits"][number];
/** A member's messenger account: `{protocol, customProtocol?, messengerId}`. */
export type UserMessenger = NonNullable<UserInputs["messenger"]>;
/** A relation to another member: `{relationUserId, relationName}`. */
export type UserRelation = NonNullable<UserInputs["relations"]>[number];
/** A leave of absence as LINE WORKS shows it (set in LINE WORKS, never by the program). */
export interface UserLeaveOfAbsence {
  startTime: string | null;
  endTime: string | null;
  isLeaveOfAbsence: boolean;
}

/**
 * Arguments of a {@link User}; field names are those of the LINE WORKS API. IDs of units,
 * positions, levels and user types may be other resources' outputs (also inside `organizations`),
 * or `externalKey:<key>` of objects managed elsewhere.
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface UserArgs extends DeepArgs<UserInputs> {
  /**
   * the login ID: at most 90 characters; 2-40 of `a-z 0-9 . - _` before the `@`, starting with a
   * letter or digit, no dot at either end and no two in a row. Upper case is accepted and compared
   * as lower case (LINE WORKS stores it so)
   */
  email: DeepArgs<UserInputs>["email"];
  /**
   * `{lastName, firstName, phoneticLastName?, phoneticFirstName?}`: one of lastName/firstName at
   * least, each at most 80 and both together at most 80; of the half-width specials only
   * `` ! @ & ( ) - _ + [ ] { } , . / # ' ` ^ ~ ``; phonetic names at most 100, katakana only
   */
  userName: DeepArgs<UserInputs>["userName"];
  /**
   * one entry per domain, exactly one `primary: true`, no domain twice; the primary one's
   * `domainId` is the member's `domainId`. In each: `levelId`, and `orgUnits` (at most 30, exactly
   * one `primary: true` when any, no unit twice) each with `orgUnitId`, `positionId` (the title),
   * `isManager` (default false; LINE WORKS keeps one leader per unit, so a second replaces the
   * first), `visible` (default true), `useTeamFeature` (default true). Order means nothing; a
   * transfer to another team or title is an update
   */
  organizations: DeepArgs<UserInputs>["organizations"];
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  userExternalKey?: DeepArgs<UserInputs>["userExternalKey"];
  /**
   * `[{language, firstName?, lastName?}]`, one per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`,
   * `zh_TW`), names at most 100; order means nothing
   */
  i18nNames?: DeepArgs<UserInputs>["i18nNames"];
  /** at most 100 characters, the half-width specials of `userName` */
  nickName?: DeepArgs<UserInputs>["nickName"];
  /**
   * a personal address outside LINE WORKS, at most 256 characters; the invitation goes there
   * (`passwordConfig`)
   */
  privateEmail?: DeepArgs<UserInputs>["privateEmail"];
  /**
   * at most 10 further login-style addresses, none twice; order means nothing. Advanced plan only
   */
  aliasEmails?: DeepArgs<UserInputs>["aliasEmails"];
  /** `ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`; `ja-JP` is refused with the right form */
  locale?: DeepArgs<UserInputs>["locale"];
  /** an IANA zone such as `Asia/Tokyo` */
  timeZone?: DeepArgs<UserInputs>["timeZone"];
  /** at most 100 of `0-9 + - * # P T ( )`, at least one digit */
  telephone?: DeepArgs<UserInputs>["telephone"];
  /** at most 100 of `0-9 + - * # P T ( )`, at least one digit */
  cellPhone?: DeepArgs<UserInputs>["cellPhone"];
  /** at most 100 characters */
  location?: DeepArgs<UserInputs>["location"];
  /** at most 100 characters */
  task?: DeepArgs<UserInputs>["task"];
  /** 1-20 characters */
  employeeNumber?: DeepArgs<UserInputs>["employeeNumber"];
  /** `YYYY-MM-DD`, a date that exists */
  hiredDate?: DeepArgs<UserInputs>["hiredDate"];
  /** `YYYY-MM-DD`, a date that exists; `birthdayCalendarType` says in which calendar */
  birthday?: DeepArgs<UserInputs>["birthday"];
  /** `SOLAR` (Gregorian) or `LUNAR`: the calendar of `birthday` */
  birthdayCalendarType?: DeepArgs<UserInputs>["birthdayCalendarType"];
  /**
   * `{protocol, customProtocol?, messengerId}`: protocol `LINE`, `FACEBOOK`, `X`, `TWITTER` or
   * `CUSTOM`; customProtocol (at most 100) names a `CUSTOM` one and only that; messengerId 1-100
   * characters. `TWITTER` is X: it is sent as `X`, and LINE WORKS' answer `TWITTER` equals a
   * declared `X`. `null` clears it
   */
  messenger?: DeepArgs<UserInputs>["messenger"];
  /**
   * at most 10 `{relationUserId, relationName}` (relationName 1-50 characters, 上司 say):
   * relationUserId is another member's ID, email or `externalKey:<key>`, resolved to the ID before
   * writing and kept as declared; not the member itself, and not the same member and name twice.
   * Order means nothing
   */
  relations?: DeepArgs<UserInputs>["relations"];
  /**
   * when the account becomes usable (利用開始日): `YYYY-MM-DDThh:mm:ss+09:00` (or `Z`), at most 25
   * characters; `null`: at once
   */
  activationDate?: DeepArgs<UserInputs>["activationDate"];
  /** a `UserType`'s ID or `externalKey:<key>`; the user-type feature must be on */
  userTypeId?: DeepArgs<UserInputs>["userTypeId"];
  /**
   * a (deprecated) `EmploymentType`'s ID or `externalKey:<key>`; the employment-type feature must
   * be on
   */
  employmentTypeId?: DeepArgs<UserInputs>["employmentTypeId"];
  /** default `true`: shown in suggestions */
  searchable?: DeepArgs<UserInputs>["searchable"];
  /**
   * `{passwordCreationType?: "ADMIN" | "MEMBER", password?, changePasswordAtNextLogin?}`: `ADMIN`
   * needs `password`; `MEMBER` (the default) needs `privateEmail` (the invitation goes there). A
   * secret, sent on create only: never in outputs, logs or errors, and a later change of it changes
   * nothing (change a password in LINE WORKS)
   */
  passwordConfig?: DeepArgs<UserInputs>["passwordConfig"];
  /**
   * values of custom properties (カスタム項目) by propertyName: a string (STRING), `YYYY-MM-DD` (DATE),
   * an integer of at least 0 (INTEGER), `{text?, link}` (LINK), or a list of at most 10 of them
   * (multiValued); a STRING with options takes an optionName. Only the properties declared here are
   * managed: others keep their values. `null` clears one
   */
  customProperties?: DeepArgs<UserInputs>["customProperties"];
  /**
   * `true` suspends (`POST /users/{id}/suspend`), `false` lifts it (`/unsuspend`); left out, not
   * managed. LINE WORKS suspends only members in use: not one who has never logged in, never the
   * super admin. The output is the live state (a suspension made in the admin console shows)
   */
  suspended?: DeepArgs<UserInputs>["suspended"];
  /**
   * default `false`: destroy is LINE WORKS' soft delete (restorable for 7 days). `true`: permanent
   * (`/forcedelete`)
   */
  forceDeleteOnDestroy?: DeepArgs<UserInputs>["forceDeleteOnDestroy"];
  /**
   * defaults to `lineworks:domainId`; must be the primary organization's. A change (with the
   * organizations) moves the member to that domain (`POST /users/{id}/move`): never a replacement,
   * which would delete the person's data
   */
  domainId?: DeepArgs<UserInputs>["domainId"];
}

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
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly userId: pulumi.Output<string>;
  /**
   * defaults to `lineworks:domainId`; must be the primary organization's. A change (with the
   * organizations) moves the member to that domain (`POST /users/{id}/move`): never a replacement,
   * which would delete the person's data
   */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * the login ID: at most 90 characters; 2-40 of `a-z 0-9 . - _` before the `@`, starting with a
   * letter or digit, no dot at either end and no two in a row. Upper case is accepted and compared
   * as lower case (LINE WORKS stores it so)
   */
  declare public readonly email: pulumi.Output<string>;
  /**
   * `{lastName, firstName, phoneticLastName?, phoneticFirstName?}`: one of lastName/firstName at
   * least, each at most 80 and both together at most 80; of the half-width specials only
   * `` ! @ & ( ) - _ + [ ] { } , . / # ' ` ^ ~ ``; phonetic names at most 100, katakana only
   */
  declare public readonly userName: pulumi.Output<UserInputs["userName"]>;
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  declare public readonly userExternalKey: pulumi.Output<string | null>;
  /**
   * `[{language, firstName?, lastName?}]`, one per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`,
   * `zh_TW`), names at most 100; order means nothing
   */
  declare public readonly i18nNames: pulumi.Output<NonNullable<UserInputs["i18nNames"]>>;
  /** at most 100 characters, the half-width specials of `userName` */
  declare public readonly nickName: pulumi.Output<string | null>;
  /**
   * a personal address outside LINE WORKS, at most 256 characters; the invitation goes there
   * (`passwordConfig`)
   */
  declare public readonly privateEmail: pulumi.Output<string | null>;
  /**
   * at most 10 further login-style addresses, none twice; order means nothing. Advanced plan only
   */
  declare public readonly aliasEmails: pulumi.Output<string[]>;
  /** `ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`; `ja-JP` is refused with the right form */
  declare public readonly locale: pulumi.Output<string | null>;
  /** an IANA zone such as `Asia/Tokyo` */
  declare public readonly timeZone: pulumi.Output<string | null>;
  /** at most 100 of `0-9 + - * # P T ( )`, at least one digit */
  declare public readonly telephone: pulumi.Output<string | null>;
  /** at most 100 of `0-9 + - * # P T ( )`, at least one digit */
  declare public readonly cellPhone: pulumi.Output<string | null>;
  /** at most 100 characters */
  declare public readonly location: pulumi.Output<string | null>;
  /** at most 100 characters */
  declare public readonly task: pulumi.Output<string | null>;
  /** 1-20 characters */
  declare public readonly employeeNumber: pulumi.Output<string | null>;
  /** `YYYY-MM-DD`, a date that exists */
  declare public readonly hiredDate: pulumi.Output<string | null>;
  /** `YYYY-MM-DD`, a date that exists; `birthdayCalendarType` says in which calendar */
  declare public readonly birthday: pulumi.Output<string | null>;
  /** `SOLAR` (Gregorian) or `LUNAR`: the calendar of `birthday` */
  declare public readonly birthdayCalendarType: pulumi.Output<"SOLAR" | "LUNAR" | null>;
  /**
   * `{protocol, customProtocol?, messengerId}`: protocol `LINE`, `FACEBOOK`, `X`, `TWITTER` or
   * `CUSTOM`; customProtocol (at most 100) names a `CUSTOM` one and only that; messengerId 1-100
   * characters. `TWITTER` is X: it is sent as `X`, and LINE WORKS' answer `TWITTER` equals a
   * declared `X`. `null` clears it
   */
  declare public readonly messenger: pulumi.Output<UserMessenger | null>;
  /**
   * at most 10 `{relationUserId, relationName}` (relationName 1-50 characters, 上司 say):
   * relationUserId is another member's ID, email or `externalKey:<key>`, resolved to the ID before
   * writing and kept as declared; not the member itself, and not the same member and name twice.
   * Order means nothing
   */
  declare public readonly relations: pulumi.Output<UserRelation[]>;
  /**
   * when the account becomes usable (利用開始日): `YYYY-MM-DDThh:mm:ss+09:00` (or `Z`), at most 25
   * characters; `null`: at once
   */
  declare public readonly activationDate: pulumi.Output<string | null>;
  /** a `UserType`'s ID or `externalKey:<key>`; the user-type feature must be on */
  declare public readonly userTypeId: pulumi.Output<string | null>;
  /**
   * a (deprecated) `EmploymentType`'s ID or `externalKey:<key>`; the employment-type feature must
   * be on
   */
  declare public readonly employmentTypeId: pulumi.Output<string | null>;
  /** default `true`: shown in suggestions */
  declare public readonly searchable: pulumi.Output<boolean>;
  /**
   * one entry per domain, exactly one `primary: true`, no domain twice; the primary one's
   * `domainId` is the member's `domainId`. In each: `levelId`, and `orgUnits` (at most 30, exactly
   * one `primary: true` when any, no unit twice) each with `orgUnitId`, `positionId` (the title),
   * `isManager` (default false; LINE WORKS keeps one leader per unit, so a second replaces the
   * first), `visible` (default true), `useTeamFeature` (default true). Order means nothing; a
   * transfer to another team or title is an update
   */
  declare public readonly organizations: pulumi.Output<UserOrganization[]>;
  /**
   * values of custom properties (カスタム項目) by propertyName: a string (STRING), `YYYY-MM-DD` (DATE),
   * an integer of at least 0 (INTEGER), `{text?, link}` (LINK), or a list of at most 10 of them
   * (multiValued); a STRING with options takes an optionName. Only the properties declared here are
   * managed: others keep their values. `null` clears one
   */
  declare public readonly customProperties: pulumi.Output<Record<string, unknown>>;
  /**
   * `true` suspends (`POST /users/{id}/suspend`), `false` lifts it (`/unsuspend`); left out, not
   * managed. LINE WORKS suspends only members in use: not one who has never logged in, never the
   * super admin. The output is the live state (a suspension made in the admin console shows)
   */
  declare public readonly suspended: pulumi.Output<boolean>;
  /**
   * default `false`: destroy is LINE WORKS' soft delete (restorable for 7 days). `true`: permanent
   * (`/forcedelete`)
   */
  declare public readonly forceDeleteOnDestroy: pulumi.Output<boolean>;
  /** created without SSO and not logged in yet (LINE WORKS derives it) */
  declare public readonly isPending: pulumi.Output<boolean>;
  /** whether LINE WORKS has the member suspended */
  declare public readonly isSuspended: pulumi.Output<boolean>;
  /** `MASTER` (an administrator) or `LOGIN_FAIL` (failed logins), when suspended */
  declare public readonly suspendedReason: pulumi.Output<string | null>;
  /** soft-deleted: restorable for 7 days */
  declare public readonly isDeleted: pulumi.Output<boolean>;
  /**
   * an administrator, whom LINE WORKS does not delete; the role is only set in the Admin console
   */
  declare public readonly isAdministrator: pulumi.Output<boolean>;
  /** waiting for its `activationDate` to come (待機中; LINE WORKS derives it) */
  declare public readonly isAwaiting: pulumi.Output<boolean>;
  /**
   * `{startTime, endTime, isLeaveOfAbsence}` (times `YYYY-MM-DDThh:mm:ssTZD`) or null: the leave
   * set in LINE WORKS, shown and never sent
   */
  declare public readonly leaveOfAbsence: pulumi.Output<UserLeaveOfAbsence | null>;

  constructor(name: string, args: UserArgs, opts?: pulumi.CustomResourceOptions) {
    // The password is a secret from the moment it is declared, whether or not the program made it one.
    const secretArgs = args.passwordConfig === undefined ? args : { ...args, passwordConfig: pulumi.secret(args.passwordConfig) };
    super(providers.User, name, kindProps("User", secretArgs), opts, "lineworks", "User");
  }
}
