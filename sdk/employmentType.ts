import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

type EmploymentTypeInputs = kinds.KindInputs<typeof kinds.EmploymentType>;

/**
 * Arguments of an {@link EmploymentType} (deprecated: use {@link UserType}).
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface EmploymentTypeArgs extends Args<EmploymentTypeInputs> {
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  employmentTypeName: Args<EmploymentTypeInputs>["employmentTypeName"];
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  displayOrder: Args<EmploymentTypeInputs>["displayOrder"];
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  employmentTypeExternalKey?: Args<EmploymentTypeInputs>["employmentTypeExternalKey"];
  /** at most 50 of `A-Z a-z 0-9 _`, starting with a letter; `null` clears it */
  userTypeCode?: Args<EmploymentTypeInputs>["userTypeCode"];
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  i18nNames?: Args<EmploymentTypeInputs>["i18nNames"];
  /** defaults to `lineworks:domainId`; changing it replaces the employment type */
  domainId?: Args<EmploymentTypeInputs>["domainId"];
}

/**
 * An employment type (雇用形態) — **deprecated**. LINE WORKS has announced that the employment-type
 * API will be discontinued and replaced by user types: declare a {@link UserType} instead. This
 * resource exists so tenants that still hold employment types can manage (and migrate) them.
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * // Deprecated: prefer new lineworks.UserType(...)
 * const legacy = new lineworks.EmploymentType("legacy-contract", {
 *     employmentTypeName: "Contract",
 *     displayOrder: 2,
 *     employmentTypeExternalKey: "ET_CONTRACT",
 * });
 * ```
 *
 * ## Adopting an existing employment type
 * With `lineworks:adoptExisting` set to true, creating one whose external key (else name) exists
 * takes it over. The `import` resource option accepts the ID, `externalKey:<key>` or `name:<name>`.
 *
 * @deprecated Use {@link UserType}: LINE WORKS is discontinuing the employment-type API.
 */
export class EmploymentType extends pulumi.dynamic.Resource {
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly employmentTypeId: pulumi.Output<string>;
  /** defaults to `lineworks:domainId`; changing it replaces the employment type */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  declare public readonly employmentTypeName: pulumi.Output<string>;
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  declare public readonly displayOrder: pulumi.Output<number>;
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique
   * across the tenant. `null` clears it; left out, it is left alone
   */
  declare public readonly employmentTypeExternalKey: pulumi.Output<string | null>;
  /** at most 50 of `A-Z a-z 0-9 _`, starting with a letter; `null` clears it */
  declare public readonly userTypeCode: pulumi.Output<string | null>;
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;

  constructor(name: string, args: EmploymentTypeArgs, opts?: pulumi.CustomResourceOptions) {
    pulumi.log.warn("EmploymentType is deprecated by LINE WORKS; declare a UserType instead.");
    super(
      providers.EmploymentType,
      name,
      kindProps("EmploymentType", args),
      opts,
      "lineworks",
      "EmploymentType",
    );
  }
}
