import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

/**
 * Arguments of an {@link EmploymentType} (deprecated: use {@link UserType}).
 *
 * - `employmentTypeName` (required): 1-100 characters, unique in the domain.
 * - `displayOrder` (required): sort key, ascending.
 * - `employmentTypeExternalKey`: at most 100 characters, none of `\ % # / ?`, unique in the tenant.
 * - `userTypeCode`: at most 50 of `A-Z a-z 0-9 _`, starting with a letter.
 * - `i18nNames`, `domainId`: as on every directory resource.
 */
export interface EmploymentTypeArgs extends Args<kinds.KindInputs<typeof kinds.EmploymentType>> {}

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
  /** The ID LINE WORKS generated; also this resource's ID. */
  declare public readonly employmentTypeId: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly employmentTypeName: pulumi.Output<string>;
  declare public readonly displayOrder: pulumi.Output<number>;
  declare public readonly employmentTypeExternalKey: pulumi.Output<string | null>;
  declare public readonly userTypeCode: pulumi.Output<string | null>;
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
