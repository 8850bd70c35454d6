import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

type LevelInputs = kinds.KindInputs<typeof kinds.Level>;

/**
 * Arguments of a {@link Level}; field names are those of the LINE WORKS API.
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface LevelArgs extends Args<LevelInputs> {
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  levelName: Args<LevelInputs>["levelName"];
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  displayOrder: Args<LevelInputs>["displayOrder"];
  /** whether this is an executive (officer) level (役員); LINE WORKS requires it on every write */
  executive: Args<LevelInputs>["executive"];
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique in
   * the domain. `null` clears it; left out, it is left alone
   */
  levelExternalKey?: Args<LevelInputs>["levelExternalKey"];
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  i18nNames?: Args<LevelInputs>["i18nNames"];
  /** defaults to `lineworks:domainId`; changing it replaces the level */
  domainId?: Args<LevelInputs>["domainId"];
}

/**
 * A level (職級 / job grade) in a LINE WORKS domain. The domain's level feature must be on (see
 * {@link DirectoryFeature}).
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const director = new lineworks.Level("director", {
 *     levelName: "Director",
 *     displayOrder: 1,
 *     executive: true,
 *     levelExternalKey: "LV_DIRECTOR",
 * });
 * ```
 *
 * ## Adopting an existing level
 * With `pulumi config set lineworks:adoptExisting true`, creating a level whose
 * `levelExternalKey` (else `levelName`) already exists takes it over and updates it to match the
 * program. The `import` resource option also works with the level ID, `externalKey:<key>` or
 * `name:<levelName>` as the ID.
 */
export class Level extends pulumi.dynamic.Resource {
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly levelId: pulumi.Output<string>;
  /** defaults to `lineworks:domainId`; changing it replaces the level */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * 1-100 characters; of the half-width special characters only `! @ & ( ) - _ + [ ] { } , . /`;
   * unique in the domain
   */
  declare public readonly levelName: pulumi.Output<string>;
  /** sort key, ascending (an int32); negative and duplicate values are allowed */
  declare public readonly displayOrder: pulumi.Output<number>;
  /** whether this is an executive (officer) level (役員); LINE WORKS requires it on every write */
  declare public readonly executive: pulumi.Output<boolean>;
  /**
   * your own key (from the HR system, say): at most 100 characters, none of `\ % # / ?`, unique in
   * the domain. `null` clears it; left out, it is left alone
   */
  declare public readonly levelExternalKey: pulumi.Output<string | null>;
  /**
   * the name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`), one each, at most 100
   * characters; order means nothing
   */
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;

  constructor(name: string, args: LevelArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.Level, name, kindProps("Level", args), opts, "lineworks", "Level");
  }
}
