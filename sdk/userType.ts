import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

type UserTypeInputs = kinds.KindInputs<typeof kinds.UserType>;

/**
 * Arguments of a {@link UserType}; field names are those of the LINE WORKS API.
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface UserTypeArgs extends Args<UserTypeInputs> {
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  userTypeName: Args<UserTypeInputs>["userTypeName"];
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  displayOrder: Args<UserTypeInputs>["displayOrder"];
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  userTypeExternalKey?: Args<UserTypeInputs>["userTypeExternalKey"];
  /** at most 50 of `A-Z a-z 0-9 _`, starting with a letter; `null` clears it */
  userTypeCode?: Args<UserTypeInputs>["userTypeCode"];
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  i18nNames?: Args<UserTypeInputs>["i18nNames"];
  /** defaults to `lineworks:domainId`; changing it replaces the user type */
  domainId?: Args<UserTypeInputs>["domainId"];
}

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
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly userTypeId: pulumi.Output<string>;
  /** defaults to `lineworks:domainId`; changing it replaces the user type */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  declare public readonly userTypeName: pulumi.Output<string>;
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  declare public readonly displayOrder: pulumi.Output<number>;
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  declare public readonly userTypeExternalKey: pulumi.Output<string | null>;
  /** at most 50 of `A-Z a-z 0-9 _`, starting with a letter; `null` clears it */
  declare public readonly userTypeCode: pulumi.Output<string | null>;
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;

  constructor(name: string, args: UserTypeArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.UserType, name, kindProps("UserType", args), opts, "lineworks", "UserType");
  }
}
