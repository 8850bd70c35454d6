// Members (メンバー) and their place in the organisation.
import {
  emailAddress, emailList, externalKey, flag, isoDate, locale, mailAddress, MEMBER_LOCAL, organizations, passwordConfig, personName, phone, reference, text, timeZone, userI18nNames, userName,
} from "../schemas";
import { TEN_WRITES_PER_SECOND } from "../ordering";
import { defineKind } from "./define";
import { off, on, optionalRef } from "./shared";

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
  fields: {
    email: emailAddress(MEMBER_LOCAL),
    userName: userName(),
    userExternalKey: externalKey().optional(),
    i18nNames: userI18nNames().optional(),
    nickName: personName(100).nullable().optional(),
    privateEmail: mailAddress(256).optional(),
    aliasEmails: emailList(10, MEMBER_LOCAL).optional(),
    locale: locale().nullable().optional(),
    timeZone: timeZone().nullable().optional(),
    telephone: phone().optional(),
    cellPhone: phone().optional(),
    location: text(100).optional(),
    task: text(100).optional(),
    employeeNumber: text(20, 1).optional(),
    hiredDate: isoDate().optional(),
    userTypeId: reference().nullable().optional(),
    employmentTypeId: reference().nullable().optional(),
    searchable: flag().optional(),
    organizations: organizations(),
    passwordConfig: passwordConfig().optional(),
    suspended: flag().optional(),
    forceDeleteOnDestroy: flag().optional(),
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
  readOnly: ["isPending", "isSuspended", "suspendedReason", "isDeleted", "isAdministrator"],
  nameRef: true,
  // preserveGroup: the member stays in its groups (LINE WORKS drops them by default); the program declares memberships on the groups.
  actions: [{ suffix: "/move", when: ["domainId"], fields: ["organizations", "userExternalKey"], with: { preserveGroup: true }, first: true, verb: "move to another domain" }],
  crossChecks: (v) => {
    const failures: { property: string; message: string }[] = [];
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
  writeRule: TEN_WRITES_PER_SECOND,
});
