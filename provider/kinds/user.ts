// Members (メンバー) and their place in the organisation.
import {
  emailAddress, emailList, externalKey, flag, isoDate, locale, mailAddress, MEMBER_LOCAL, passwordConfig, personName, phone, reference, text, timeZone, userI18nNames, userName,
} from "../schemas";
import { calendarType, dateTime, messenger, organizations, relations, selfRelations } from "../memberSchemas";
import { TEN_WRITES_PER_SECOND } from "../ordering";
import { customPropertyValues } from "./customValues";
import { defineKind } from "./define";
import { domainIdDescription, externalKeyDescription, off, on, optionalRef } from "./shared";

const PHONE_DESCRIPTION = "at most 100 of `0-9 + - * # P T ( )`, at least one digit";
const TEXT_DESCRIPTION = "at most 100 characters";

/**
 * A member (メンバー). Differs from the flat kinds in every way the lifecycle knows: the login
 * email is the natural key (case-insensitive, and the name the API addresses a member by), teams,
 * titles and levels are nested references, the initial password is a write-only secret, a change
 * of primary domain is a move (a replacement would delete the person's data), suspension is a
 * declared state switched by its own endpoints, and delete is LINE WORKS' soft delete unless the
 * program opts into a permanent one.
 */
export const User = defineKind({
  type: "User",
  noun: "member",
  path: "/users",
  listKey: "users",
  idField: "userId",
  nameField: "email",
  externalKeyField: "userExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  domainIdDescription: domainIdDescription(
    "must be the primary organization's. A change (with the organizations) moves the member to that domain (`POST /users/{id}/move`): " +
      "never a replacement, which would delete the person's data",
  ),
  fields: {
    email: emailAddress(MEMBER_LOCAL).describe(
      "the login ID: at most 90 characters; 2-40 of `a-z 0-9 . - _` before the `@`, starting with a letter or digit, no dot at either end and no two in a row. " +
        "Upper case is accepted and compared as lower case (LINE WORKS stores it so)",
    ),
    userName: userName().describe(
      "`{lastName, firstName, phoneticLastName?, phoneticFirstName?}`: one of lastName/firstName at least, each at most 80 and both together at most 80; " +
        "of the half-width specials only `` ! @ & ( ) - _ + [ ] { } , . / # ' ` ^ ~ ``; phonetic names at most 100, katakana only",
    ),
    userExternalKey: externalKey().optional().describe(externalKeyDescription("tenant")),
    i18nNames: userI18nNames()
      .optional()
      .describe("`[{language, firstName?, lastName?}]`, one per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), names at most 100; order means nothing"),
    nickName: personName(100).nullable().optional().describe("at most 100 characters, the half-width specials of `userName`"),
    privateEmail: mailAddress(256).optional().describe("a personal address outside LINE WORKS, at most 256 characters; the invitation goes there (`passwordConfig`)"),
    aliasEmails: emailList(10, MEMBER_LOCAL).optional().describe("at most 10 further login-style addresses, none twice; order means nothing. Advanced plan only"),
    locale: locale().nullable().optional().describe("`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`; `ja-JP` is refused with the right form"),
    timeZone: timeZone().nullable().optional().describe("an IANA zone such as `Asia/Tokyo`"),
    telephone: phone().optional().describe(PHONE_DESCRIPTION),
    cellPhone: phone().optional().describe(PHONE_DESCRIPTION),
    location: text(100).optional().describe(TEXT_DESCRIPTION),
    task: text(100).optional().describe(TEXT_DESCRIPTION),
    employeeNumber: text(20, 1).optional().describe("1-20 characters"),
    hiredDate: isoDate().optional().describe("`YYYY-MM-DD`, a date that exists"),
    birthday: isoDate().optional().describe("`YYYY-MM-DD`, a date that exists; `birthdayCalendarType` says in which calendar"),
    birthdayCalendarType: calendarType().optional().describe("`SOLAR` (Gregorian) or `LUNAR`: the calendar of `birthday`"),
    messenger: messenger()
      .optional()
      .describe(
        "`{protocol, customProtocol?, messengerId}`: protocol `LINE`, `FACEBOOK`, `X`, `TWITTER` or `CUSTOM`; customProtocol (at most 100) names a `CUSTOM` one and only that; " +
          "messengerId 1-100 characters. `TWITTER` is X: it is sent as `X`, and LINE WORKS' answer `TWITTER` equals a declared `X`. `null` clears it",
      ),
    relations: relations()
      .optional()
      .describe(
        "at most 10 `{relationUserId, relationName}` (relationName 1-50 characters, 上司 say): relationUserId is another member's ID, email or `externalKey:<key>`, " +
          "resolved to the ID before writing and kept as declared; not the member itself, and not the same member and name twice. Order means nothing",
      ),
    activationDate: dateTime()
      .optional()
      .describe("when the account becomes usable (利用開始日): `YYYY-MM-DDThh:mm:ss+09:00` (or `Z`), at most 25 characters; `null`: at once"),
    userTypeId: reference().nullable().optional().describe("a `UserType`'s ID or `externalKey:<key>`; the user-type feature must be on"),
    employmentTypeId: reference()
      .nullable()
      .optional()
      .describe("a (deprecated) `EmploymentType`'s ID or `externalKey:<key>`; the employment-type feature must be on"),
    searchable: flag().optional().describe("default `true`: shown in suggestions"),
    organizations: organizations().describe(
      "one entry per domain, exactly one `primary: true`, no domain twice; the primary one's `domainId` is the member's `domainId`. " +
        "In each: `levelId`, and `orgUnits` (at most 30, exactly one `primary: true` when any, no unit twice) each with `orgUnitId`, " +
        "`positionId` (the title), `isManager` (default false; LINE WORKS keeps one leader per unit, so a second replaces the first), " +
        "`visible` (default true), `useTeamFeature` (default true). Order means nothing; a transfer to another team or title is an update",
    ),
    passwordConfig: passwordConfig()
      .optional()
      .describe(
        '`{passwordCreationType?: "ADMIN" | "MEMBER", password?, changePasswordAtNextLogin?}`: `ADMIN` needs `password`; `MEMBER` (the default) ' +
          "needs `privateEmail` (the invitation goes there). A secret, sent on create only: never in outputs, logs or errors, " +
          "and a later change of it changes nothing (change a password in LINE WORKS)",
      ),
    customProperties: customPropertyValues()
      .optional()
      .describe(
        "values of custom properties (カスタム項目) by propertyName: a string (STRING), `YYYY-MM-DD` (DATE), an integer of at least 0 (INTEGER), `{text?, link}` (LINK), " +
          "or a list of at most 10 of them (multiValued); a STRING with options takes an optionName. Only the properties declared here are managed: others keep their values. `null` clears one",
      ),
    suspended: flag()
      .optional()
      .describe(
        "`true` suspends (`POST /users/{id}/suspend`), `false` lifts it (`/unsuspend`); left out, not managed. LINE WORKS suspends only members in use: " +
          "not one who has never logged in, never the super admin. The output is the live state (a suspension made in the admin console shows)",
      ),
    forceDeleteOnDestroy: flag()
      .optional()
      .describe("default `false`: destroy is LINE WORKS' soft delete (restorable for 7 days). `true`: permanent (`/forcedelete`)"),
  },
  traits: {
    email: { caseInsensitive: true, detour: (tag, current) => `${tag}@${current.slice(current.lastIndexOf("@") + 1)}` },
    userName: { shape: { lastName: {}, firstName: {}, phoneticLastName: {}, phoneticFirstName: {} } },
    i18nNames: { set: true, shape: { language: {}, firstName: {}, lastName: {} } },
    privateEmail: { caseInsensitive: true },
    aliasEmails: { set: true, caseInsensitive: true },
    userTypeId: optionalRef("UserType"),
    employmentTypeId: optionalRef("EmploymentType"),
    searchable: on,
    messenger: { shape: { protocol: { synonyms: { TWITTER: "X" } }, customProtocol: {}, messengerId: {} } },
    relations: { set: true, shape: { relationUserId: { references: "User" }, relationName: {} } },
    organizations: {
      set: true,
      shape: {
        domainId: {},
        primary: {},
        levelId: optionalRef("Level"),
        orgUnits: {
          set: true,
          shape: {
            orgUnitId: { references: "OrgUnit" },
            primary: {},
            positionId: optionalRef("Position"),
            isManager: off,
            visible: on,
            useTeamFeature: on,
          },
        },
      },
    },
    customProperties: { openMap: true, keysName: "CustomProperty" },
    passwordConfig: { writeOnly: true },
    suspended: {
      default: false,
      toggle: {
        live: "isSuspended",
        on: "/suspend",
        off: "/unsuspend",
        refuseOn: (live) =>
          live.isPending
            ? "has not logged in yet (isPending: true): LINE WORKS suspends only members in use. Declare suspended: false (or leave it out) until the member has logged in once, or delete the member"
            : undefined,
        explain: "LINE WORKS suspends only members in use: not one who has never logged in (isPending), and never the super admin",
      },
    },
    forceDeleteOnDestroy: { local: true, default: false },
  },
  readOnly: {
    isPending: "created without SSO and not logged in yet (LINE WORKS derives it)",
    isSuspended: "whether LINE WORKS has the member suspended",
    suspendedReason: "`MASTER` (an administrator) or `LOGIN_FAIL` (failed logins), when suspended",
    isDeleted: "soft-deleted: restorable for 7 days",
    isAdministrator: "an administrator, whom LINE WORKS does not delete; the role is only set in the Admin console",
    isAwaiting: "waiting for its `activationDate` to come (待機中; LINE WORKS derives it)",
    leaveOfAbsence: "`{startTime, endTime, isLeaveOfAbsence}` (times `YYYY-MM-DDThh:mm:ssTZD`) or null: the leave set in LINE WORKS, shown and never sent",
  },
  nameRef: true,
  // preserveGroup: the member stays in its groups (LINE WORKS drops them by default); the program declares memberships on the groups.
  actions: [{ suffix: "/move", when: ["domainId"], fields: ["organizations", "userExternalKey"], with: { preserveGroup: true }, first: true, verb: "move to another domain" }],
  crossChecks: (v) => {
    const failures: { property: string; message: string }[] = [...selfRelations(v)];
    const primary = Array.isArray(v.organizations) ? v.organizations.find((o: any) => o?.primary === true) : undefined;
    if (primary && typeof primary.domainId === "number" && typeof v.domainId === "number" && primary.domainId !== v.domainId) {
      failures.push({
        property: "domainId",
        message: `${v.domainId} is not the domain of the primary organization (${primary.domainId}): a member's domainId is its primary organization's; change both together (LINE WORKS moves the member)`,
      });
    }
    const pc = v.passwordConfig as { passwordCreationType?: unknown; password?: unknown } | undefined;
    if (pc && typeof pc === "object" && pc.passwordCreationType === "ADMIN" && pc.password === undefined) {
      failures.push({ property: "passwordConfig.password", message: "is required when passwordCreationType is ADMIN (the administrator sets the first password)" });
    }
    const member = pc && typeof pc === "object" && (pc.passwordCreationType ?? "MEMBER") === "MEMBER";
    if (member && (v.privateEmail === undefined || v.privateEmail === null)) {
      failures.push({ property: "privateEmail", message: "is required when passwordCreationType is MEMBER (the default): LINE WORKS mails the invitation to set a password there" });
    }
    return failures;
  },
  deleteRefusal: {
    explain: (props) =>
      props.isAdministrator
        ? "LINE WORKS does not delete administrators. Take the administrator role away in the Admin console (管理者権限) first, or stop managing the member without deleting it: remove the resource from the program after `pulumi state delete <urn>`"
        : "The member was not deleted; LINE WORKS' answer says why",
  },
  softDelete: {
    flag: "isDeleted",
    restore: "/undelete",
    explain:
      "LINE WORKS keeps a deleted member for 7 days (restorable), and its email and external key stay taken meanwhile (about 2 weeks before an address can be reused, say SSO vendors). " +
      "Ways out: run with `pulumi config set lineworks:adoptExisting true` to restore that member (undelete, within the 7 days) and take it over with this program; " +
      "or force-delete it in the Admin console to free the address now (its data is then gone for good); or choose another email",
    force: { field: "forceDeleteOnDestroy", suffix: "/forcedelete" },
  },
  // A member's delete takes it out of every chat room: a run deletes at most this many.
  deleteCap: "maxMemberDeletes",
  writeRule: TEN_WRITES_PER_SECOND,
});
