import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type DeepArgs, type I18nName } from "./common";

type OrgUnitInputs = kinds.KindInputs<typeof kinds.OrgUnit>;
/** A member allowed to use an address: `{userId}`. */
export type AllowedMember = NonNullable<OrgUnitInputs["membersAllowedToUseOrgUnitEmailAsRecipient"]>[number];

/**
 * Arguments of an {@link OrgUnit}; field names are those of the LINE WORKS API.
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface OrgUnitArgs extends DeepArgs<OrgUnitInputs> {
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`.
   * Not unique: LINE WORKS accepts two units with one name
   */
  orgUnitName: DeepArgs<OrgUnitInputs>["orgUnitName"];
  /**
   * integer >= 1: the order among the units under the same parent. A change reorders the unit in
   * place (`POST /orgunits/{id}/move`)
   */
  displayOrder: DeepArgs<OrgUnitInputs>["displayOrder"];
  /**
   * the parent unit: another `OrgUnit`'s `orgUnitId`, or `externalKey:<key>` of a unit managed
   * elsewhere. Left out or `null`: the top level (leaving it out declares the top level, unlike
   * every other optional field). A change moves the unit, with its members, team room and the units
   * under it, in place (`POST /orgunits/{id}/move`); it is never replaced
   */
  parentOrgUnitId?: DeepArgs<OrgUnitInputs>["parentOrgUnitId"];
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  orgUnitExternalKey?: DeepArgs<OrgUnitInputs>["orgUnitExternalKey"];
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  i18nNames?: DeepArgs<OrgUnitInputs>["i18nNames"];
  /**
   * the unit's address: at most 90 characters, the part before `@` 2-64 of `a-z 0-9 . - _ ! #`,
   * starting with `a-z 0-9 ! #`, no dot at its end and no two dots in a row; compared
   * case-insensitively. LINE WORKS assigns one when none is declared (the output holds it)
   */
  email?: DeepArgs<OrgUnitInputs>["email"];
  /** at most 160 characters */
  description?: DeepArgs<OrgUnitInputs>["description"];
  /**
   * default `true`: shown in the organisation chart. Under a hidden parent only `false` is allowed
   * (LINE WORKS' rule; `check` cannot see the parent, so it surfaces at `pulumi up`)
   */
  visible?: DeepArgs<OrgUnitInputs>["visible"];
  /** at most 20 addresses, none twice; order means nothing. Advanced plan only */
  aliasEmails?: DeepArgs<OrgUnitInputs>["aliasEmails"];
  /** default `false`: mail from outside the company reaches the unit's address */
  canReceiveExternalMail?: DeepArgs<OrgUnitInputs>["canReceiveExternalMail"];
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  useMessage?: DeepArgs<OrgUnitInputs>["useMessage"];
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  useNote?: DeepArgs<OrgUnitInputs>["useNote"];
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  useCalendar?: DeepArgs<OrgUnitInputs>["useCalendar"];
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  useTask?: DeepArgs<OrgUnitInputs>["useTask"];
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  useFolder?: DeepArgs<OrgUnitInputs>["useFolder"];
  /**
   * default `false` (unconfirmed for units: an answer without it reads as `false`): the unit
   * receives service notifications
   */
  useServiceNotification?: DeepArgs<OrgUnitInputs>["useServiceNotification"];
  /**
   * members allowed to send mail to the unit's address: `{userId}` items, each a member's ID, email
   * or `externalKey:<key>`; order means nothing. A member not created yet (one a Directory creates
   * after its unit) is left out with a warning, and the next `pulumi up` adds it
   */
  membersAllowedToUseOrgUnitEmailAsRecipient?: DeepArgs<OrgUnitInputs>["membersAllowedToUseOrgUnitEmailAsRecipient"];
  /**
   * members allowed to send mail from the unit's address: `{userId}` items, each a member's ID,
   * email or `externalKey:<key>`; order means nothing. A member not created yet (one a Directory
   * creates after its unit) is left out with a warning, and the next `pulumi up` adds it
   */
  membersAllowedToUseOrgUnitEmailAsSender?: DeepArgs<OrgUnitInputs>["membersAllowedToUseOrgUnitEmailAsSender"];
  /**
   * defaults to `lineworks:domainId`; a change replaces the unit, deleting the old one first (its
   * tenant-unique key and address would collide)
   */
  domainId?: DeepArgs<OrgUnitInputs>["domainId"];
}

/**
 * An org unit (組織 / team) of a LINE WORKS domain: one box of the organisation chart.
 *
 * Every org-unit write of a domain goes through one sequential writer, at least a second apart,
 * as LINE WORKS requires; parents are created before children (a child's `parentOrgUnitId` is the
 * parent's output) and deleted after them. Deleting a unit deletes its team message room, notes,
 * calendar events and folders, and LINE WORKS refuses it while the unit or one under it has
 * members: give units that matter `protect: true`.
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const headOffice = new lineworks.OrgUnit("head-office", {
 *     orgUnitName: "Head Office",
 *     displayOrder: 1,
 *     orgUnitExternalKey: "HQ",
 *     i18nNames: [{ language: "ja_JP", name: "本社" }],
 * }, { protect: true });
 * const sales = new lineworks.OrgUnit("sales", {
 *     orgUnitName: "Sales",
 *     displayOrder: 1,
 *     parentOrgUnitId: headOffice.orgUnitId,
 *     orgUnitExternalKey: "SALES",
 *     useMessage: true,
 *     useCalendar: true,
 * });
 * export const salesEmail = sales.email;
 * ```
 *
 * ## Adopting an existing unit
 * With `pulumi config set lineworks:adoptExisting true`, a unit whose `orgUnitExternalKey` exists
 * already — else the one unit with the same `orgUnitName` under the same parent — is taken over
 * and updated to match the program. When several units have that name under that parent, nothing
 * is adopted and the error lists them: declare the key of the one you mean, or use the `import`
 * resource option with its `orgUnitId` (also `externalKey:<key>`, or `name:<orgUnitName>` when the
 * name is unique in the domain).
 */
export class OrgUnit extends pulumi.dynamic.Resource {
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly orgUnitId: pulumi.Output<string>;
  /**
   * defaults to `lineworks:domainId`; a change replaces the unit, deleting the old one first (its
   * tenant-unique key and address would collide)
   */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`.
   * Not unique: LINE WORKS accepts two units with one name
   */
  declare public readonly orgUnitName: pulumi.Output<string>;
  /**
   * integer >= 1: the order among the units under the same parent. A change reorders the unit in
   * place (`POST /orgunits/{id}/move`)
   */
  declare public readonly displayOrder: pulumi.Output<number>;
  /**
   * the parent unit: another `OrgUnit`'s `orgUnitId`, or `externalKey:<key>` of a unit managed
   * elsewhere. Left out or `null`: the top level (leaving it out declares the top level, unlike
   * every other optional field). A change moves the unit, with its members, team room and the units
   * under it, in place (`POST /orgunits/{id}/move`); it is never replaced
   */
  declare public readonly parentOrgUnitId: pulumi.Output<string | null>;
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  declare public readonly orgUnitExternalKey: pulumi.Output<string | null>;
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;
  /**
   * the unit's address: at most 90 characters, the part before `@` 2-64 of `a-z 0-9 . - _ ! #`,
   * starting with `a-z 0-9 ! #`, no dot at its end and no two dots in a row; compared
   * case-insensitively. LINE WORKS assigns one when none is declared (the output holds it)
   */
  declare public readonly email: pulumi.Output<string>;
  /** at most 160 characters */
  declare public readonly description: pulumi.Output<string | null>;
  /**
   * default `true`: shown in the organisation chart. Under a hidden parent only `false` is allowed
   * (LINE WORKS' rule; `check` cannot see the parent, so it surfaces at `pulumi up`)
   */
  declare public readonly visible: pulumi.Output<boolean>;
  /** at most 20 addresses, none twice; order means nothing. Advanced plan only */
  declare public readonly aliasEmails: pulumi.Output<string[]>;
  /** default `false`: mail from outside the company reaches the unit's address */
  declare public readonly canReceiveExternalMail: pulumi.Output<boolean>;
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  declare public readonly useMessage: pulumi.Output<boolean>;
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  declare public readonly useNote: pulumi.Output<boolean>;
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  declare public readonly useCalendar: pulumi.Output<boolean>;
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  declare public readonly useTask: pulumi.Output<boolean>;
  /**
   * default `false`: the unit's message room (`useMessage`) and its note, calendar, task and folder
   * features. `useMessage: false` together with another of them `true` fails in the preview: LINE
   * WORKS would silently turn the others off
   */
  declare public readonly useFolder: pulumi.Output<boolean>;
  /**
   * default `false` (unconfirmed for units: an answer without it reads as `false`): the unit
   * receives service notifications
   */
  declare public readonly useServiceNotification: pulumi.Output<boolean>;
  /**
   * members allowed to send mail to the unit's address: `{userId}` items, each a member's ID, email
   * or `externalKey:<key>`; order means nothing. A member not created yet (one a Directory creates
   * after its unit) is left out with a warning, and the next `pulumi up` adds it
   */
  declare public readonly membersAllowedToUseOrgUnitEmailAsRecipient: pulumi.Output<AllowedMember[]>;
  /**
   * members allowed to send mail from the unit's address: `{userId}` items, each a member's ID,
   * email or `externalKey:<key>`; order means nothing. A member not created yet (one a Directory
   * creates after its unit) is left out with a warning, and the next `pulumi up` adds it
   */
  declare public readonly membersAllowedToUseOrgUnitEmailAsSender: pulumi.Output<AllowedMember[]>;
  /** depth in the tree, from 1 at the top level (LINE WORKS derives it) */
  declare public readonly displayLevel: pulumi.Output<number>;
  /** the parent's external key, if it has one (LINE WORKS derives it) */
  declare public readonly parentExternalKey: pulumi.Output<string | null>;

  constructor(name: string, args: OrgUnitArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.OrgUnit, name, kindProps("OrgUnit", args), opts, "lineworks", "OrgUnit");
  }
}
