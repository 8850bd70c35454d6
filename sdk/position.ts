import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

/**
 * Arguments of a {@link Position}; field names are those of the LINE WORKS API.
 *
 * - `positionName` (required): 1-100 characters, unique in the domain; the only special
 *   characters allowed are `! @ & ( ) - _ + [ ] { } , . /`.
 * - `displayOrder` (required): sort key, ascending; negative and duplicate values are allowed.
 * - `positionExternalKey`: your own key (e.g. from the HR system), at most 100 characters, none
 *   of `\ % # / ?`, unique in the domain. `null` clears it; leaving it out leaves it alone.
 * - `i18nNames`: names per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`); order does not matter.
 * - `domainId`: defaults to `lineworks:domainId`. Changing it replaces the position.
 */
export interface PositionArgs extends Args<kinds.KindInputs<typeof kinds.Position>> {}

/**
 * A position (役職 / job title) in a LINE WORKS domain. The domain's position feature must be on
 * (see {@link DirectoryFeature}).
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const manager = new lineworks.Position("manager", {
 *     positionName: "Manager",
 *     displayOrder: 10,
 *     positionExternalKey: "POS_MANAGER",
 *     i18nNames: [{ language: "ja_JP", name: "マネージャー" }],
 * });
 * export const managerId = manager.positionId;
 * ```
 *
 * ## Adopting an existing position
 * With `pulumi config set lineworks:adoptExisting true`, creating a position whose
 * `positionExternalKey` (else `positionName`) already exists takes that position over and updates
 * it to match the program, instead of failing. The `import` resource option also works with the
 * position ID, `externalKey:<key>` or `name:<positionName>` as the ID.
 */
export class Position extends pulumi.dynamic.Resource {
  /** The ID LINE WORKS generated; also this resource's ID. */
  declare public readonly positionId: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly positionName: pulumi.Output<string>;
  declare public readonly displayOrder: pulumi.Output<number>;
  declare public readonly positionExternalKey: pulumi.Output<string | null>;
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;

  constructor(name: string, args: PositionArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.Position, name, kindProps("Position", args), opts, "lineworks", "Position");
  }
}
