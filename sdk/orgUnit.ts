import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

/**
 * Arguments of an {@link OrgUnit}; field names are those of the LINE WORKS API.
 *
 * - `orgUnitName` (required): 1-100 characters; of the half-width special characters only
 *   `! @ & ( ) - _ + [ ] { } , . /`. Need not be unique (LINE WORKS accepts duplicates).
 * - `displayOrder` (required): order among the unit's siblings, an integer >= 1. Changing it
 *   reorders the unit in place (`POST /orgunits/{id}/move`).
 * - `parentOrgUnitId`: the parent unit — another OrgUnit's `orgUnitId`, or `externalKey:<key>` of a
 *   unit managed elsewhere. Omitted or `null`: top level. Changing it moves the unit (with its
 *   members, team room and sub-units) in place; it is never replaced.
 * - `orgUnitExternalKey`: your own key, at most 100 characters, none of `\ % # / ?`, unique in the
 *   tenant. `null` clears it; leaving it out leaves it alone.
 * - `email`: the team's address (local part 2-64 of `a-z 0-9 . - _ ! #`). LINE WORKS assigns one
 *   when none is declared (see the `email` output).
 * - `description` (at most 160 characters), `visible` (default true; under a hidden parent only
 *   `false` is allowed), `aliasEmails` (at most 20), `canReceiveExternalMail` (default false),
 *   `i18nNames`.
 * - `useMessage`, `useNote`, `useCalendar`, `useTask`, `useFolder` (default false): the team's
 *   message room and its note, calendar, task and folder features. `useMessage: false` turns the
 *   others off, so declaring it with another one `true` fails in `pulumi preview`.
 * - `domainId`: defaults to `lineworks:domainId`. Changing it replaces the unit, deleting first.
 */
export interface OrgUnitArgs extends Args<kinds.KindInputs<typeof kinds.OrgUnit>> {}

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
  /** The ID LINE WORKS generated; also this resource's ID. */
  declare public readonly orgUnitId: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly orgUnitName: pulumi.Output<string>;
  declare public readonly displayOrder: pulumi.Output<number>;
  /** The parent's ID (or the `externalKey:<key>` form declared); null at the top level. */
  declare public readonly parentOrgUnitId: pulumi.Output<string | null>;
  declare public readonly orgUnitExternalKey: pulumi.Output<string | null>;
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;
  /** The declared address, or the one LINE WORKS assigned. */
  declare public readonly email: pulumi.Output<string>;
  declare public readonly description: pulumi.Output<string | null>;
  declare public readonly visible: pulumi.Output<boolean>;
  declare public readonly aliasEmails: pulumi.Output<string[]>;
  declare public readonly canReceiveExternalMail: pulumi.Output<boolean>;
  declare public readonly useMessage: pulumi.Output<boolean>;
  declare public readonly useNote: pulumi.Output<boolean>;
  declare public readonly useCalendar: pulumi.Output<boolean>;
  declare public readonly useTask: pulumi.Output<boolean>;
  declare public readonly useFolder: pulumi.Output<boolean>;
  /** Depth in the tree, from 1 at the top level (LINE WORKS derives it). */
  declare public readonly displayLevel: pulumi.Output<number>;
  /** The parent's external key, if it has one (LINE WORKS derives it). */
  declare public readonly parentExternalKey: pulumi.Output<string | null>;

  constructor(name: string, args: OrgUnitArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.OrgUnit, name, kindProps("OrgUnit", args), opts, "lineworks", "OrgUnit");
  }
}
