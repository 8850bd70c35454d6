import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

type PositionInputs = kinds.KindInputs<typeof kinds.Position>;

/**
 * Arguments of a {@link Position}; field names are those of the LINE WORKS API.
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface PositionArgs extends Args<PositionInputs> {
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  positionName: Args<PositionInputs>["positionName"];
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  displayOrder: Args<PositionInputs>["displayOrder"];
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique in
   * the domain. `null` clears it; left out, it is left alone
   */
  positionExternalKey?: Args<PositionInputs>["positionExternalKey"];
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  i18nNames?: Args<PositionInputs>["i18nNames"];
  /** defaults to `lineworks:domainId`; changing it replaces the position */
  domainId?: Args<PositionInputs>["domainId"];
}

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
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly positionId: pulumi.Output<string>;
  /** defaults to `lineworks:domainId`; changing it replaces the position */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  declare public readonly positionName: pulumi.Output<string>;
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  declare public readonly displayOrder: pulumi.Output<number>;
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique in
   * the domain. `null` clears it; left out, it is left alone
   */
  declare public readonly positionExternalKey: pulumi.Output<string | null>;
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;

  constructor(name: string, args: PositionArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.Position, name, kindProps("Position", args), opts, "lineworks", "Position");
  }
}
