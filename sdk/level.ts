import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type Args, type I18nName } from "./common";

/**
 * Arguments of a {@link Level}; field names are those of the LINE WORKS API.
 *
 * - `levelName` (required): 1-100 characters, unique in the domain; the only special characters
 *   allowed are `! @ & ( ) - _ + [ ] { } , . /`.
 * - `displayOrder` (required): sort key, ascending; negative and duplicate values are allowed.
 * - `executive` (required): whether this is an executive (officer) level (役員).
 * - `levelExternalKey`: at most 100 characters, none of `\ % # / ?`, unique in the domain.
 *   `null` clears it; leaving it out leaves it alone.
 * - `i18nNames`: names per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`, `zh_TW`).
 * - `domainId`: defaults to `lineworks:domainId`. Changing it replaces the level.
 */
export interface LevelArgs extends Args<kinds.KindInputs<typeof kinds.Level>> {}

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
  /** The ID LINE WORKS generated; also this resource's ID. */
  declare public readonly levelId: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly levelName: pulumi.Output<string>;
  declare public readonly displayOrder: pulumi.Output<number>;
  declare public readonly executive: pulumi.Output<boolean>;
  declare public readonly levelExternalKey: pulumi.Output<string | null>;
  declare public readonly i18nNames: pulumi.Output<I18nName[]>;

  constructor(name: string, args: LevelArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.Level, name, kindProps("Level", args), opts, "lineworks", "Level");
  }
}
