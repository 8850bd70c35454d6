import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

/**
 * Arguments of a {@link UserType}; field names are those of the LINE WORKS API.
 *
 * - `userTypeName` (required): 1-100 characters, unique in the domain; the only special
 *   characters allowed are `! @ & ( ) - _ + [ ] { } , . /`.
 * - `displayOrder` (required): sort key, ascending; negative and duplicate values are allowed.
 * - `userTypeExternalKey`: at most 100 characters, none of `\ % # / ?`, unique across the whole
 *   tenant. `null` clears it; leaving it out leaves it alone.
 * - `userTypeCode`: at most 50 of `A-Z a-z 0-9 _`, starting with a letter. `null` clears it.
 * - `i18nNames`: names per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`).
 * - `domainId`: defaults to `lineworks:domainId`. Changing it replaces the user type.
 */
export interface UserTypeArgs extends Args<kinds.KindInputs<typeof kinds.UserType>> {}

/**
 * A user type (利用権限タイプ), e.g. full-time, contractor, part-time. The domain's user-type
 * feature must be on (see {@link DirectoryFeature}).
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const contractor = new lineworks.UserType("contractor", {
 *     userTypeName: "Contractor",
 *     displayOrder: 20,
 *     userTypeExternalKey: "UT_CONTRACTOR",
 *     userTypeCode: "CONTRACTOR",
 * });
 * ```
 *
 * ## Adopting an existing user type
 * With `pulumi config set lineworks:adoptExisting true`, creating a user type whose
 * `userTypeExternalKey` (else `userTypeName`) already exists takes it over and updates it to
 * match the program. The `import` resource option also works with the user type ID,
 * `externalKey:<key>` or `name:<userTypeName>` as the ID.
 */
export class UserType extends pulumi.dynamic.Resource {
  /** The ID LINE WORKS generated; also this resource's ID. */
  declare public readonly userTypeId: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly userTypeName: pulumi.Output<string>;
  declare public readonly displayOrder: pulumi.Output<number>;
  declare public readonly userTypeExternalKey: pulumi.Output<string | null>;
  declare public readonly userTypeCode: pulumi.Output<string | null>;
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;

  constructor(name: string, args: UserTypeArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.UserType, name, kindProps("UserType", args), opts, "lineworks", "UserType");
  }
}
