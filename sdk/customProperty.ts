import * as pulumi from "@pulumi/pulumi";
import type * as kinds from "../provider/kinds";
import { kindProps, providers, type DeepArgs, type I18nName } from "./common";

type CustomPropertyInputs = kinds.KindInputs<typeof kinds.CustomProperty>;

/** One choice of a STRING custom property with options. */
export interface CustomPropertyOption {
  optionName: string;
  displayName: string;
  i18nDisplayNames?: I18nName[] | null;
}

/**
 * Arguments of a {@link CustomProperty}; field names are those of the LINE WORKS API.
 *
 * Each field's TSDoc gives its rule, which `pulumi preview` checks (generated from the kind's
 * description by `npm run docs`).
 */
export interface CustomPropertyArgs extends DeepArgs<CustomPropertyInputs> {
  /**
   * the key of members' values (`customProperties.<propertyName>`): at most 120 of `A-Z a-z 0-9 _`,
   * starting with a letter or `_`, unique in the domain; cannot change in LINE WORKS: a change
   * replaces the definition, which deletes every member's value of it, and is refused unless
   * `allowReplaceDeletingValues: true`
   */
  propertyName: DeepArgs<CustomPropertyInputs>["propertyName"];
  /** 1-20 characters, unique in the domain: what the admin console and profiles show */
  displayName: DeepArgs<CustomPropertyInputs>["displayName"];
  /**
   * `STRING`, `LINK` (`{text, link}`), `INTEGER` (at least 0) or `DATE` (`YYYY-MM-DD`); cannot
   * change in LINE WORKS: a change replaces the definition, which deletes every member's value of
   * it, and is refused unless `allowReplaceDeletingValues: true`
   */
  propertyType: DeepArgs<CustomPropertyInputs>["propertyType"];
  /**
   * `[{language, name}]`: the display name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`,
   * `zh_TW`), one each, at most 20 characters; order means nothing
   */
  i18nDisplayNames?: DeepArgs<CustomPropertyInputs>["i18nDisplayNames"];
  /** at least 1; duplicates allowed; `null` puts it last */
  displayOrder?: DeepArgs<CustomPropertyInputs>["displayOrder"];
  /**
   * default `false`: `true` lets a member hold up to 10 values; cannot change in LINE WORKS: a
   * change replaces the definition, which deletes every member's value of it, and is refused unless
   * `allowReplaceDeletingValues: true`
   */
  multiValued?: DeepArgs<CustomPropertyInputs>["multiValued"];
  /**
   * STRING only: the values to choose from, at least 2, each
   * `{optionName (at most 100), displayName (1-20), i18nDisplayNames?}`; order means nothing
   */
  options?: DeepArgs<CustomPropertyInputs>["options"];
  /** default `false`: members must have a value */
  mandatory?: DeepArgs<CustomPropertyInputs>["mandatory"];
  /**
   * `ALL` (default): everyone sees the values; `ADMIN_AND_SELF`: administrators and the member
   */
  readAccessType?: DeepArgs<CustomPropertyInputs>["readAccessType"];
  /** `ADMIN` (default): administrators write the values; `ADMIN_AND_SELF`: the member too */
  writeAccessType?: DeepArgs<CustomPropertyInputs>["writeAccessType"];
  /**
   * default `false`: a change of propertyName, propertyType, multiValued or domainId replaces the
   * definition, and the delete drops every member's value of it. `true` allows that replacement
   * (the preview warns); remove it again afterwards. Never sent to LINE WORKS
   */
  allowReplaceDeletingValues?: DeepArgs<CustomPropertyInputs>["allowReplaceDeletingValues"];
  /**
   * defaults to `lineworks:domainId`; changing it replaces the definition (every member's value of
   * it is deleted; refused unless allowReplaceDeletingValues)
   */
  domainId?: DeepArgs<CustomPropertyInputs>["domainId"];
}

/**
 * A custom property (カスタム項目) of a LINE WORKS domain: the definition of an extra field every
 * member can carry (entry year, office, cost centre). Members hold the values, in
 * {@link User}'s `customProperties` by `propertyName`. At most 50 per domain.
 *
 * `propertyName` is the definition's key: LINE WORKS has no external key for custom properties.
 * `propertyName`, `propertyType` and `multiValued` cannot change in LINE WORKS: changing one
 * replaces the definition, and the delete drops every member's value of it. `pulumi preview`
 * refuses that unless the program declares `allowReplaceDeletingValues: true`, and then warns.
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const office = new lineworks.CustomProperty("office", {
 *     propertyName: "office",
 *     displayName: "勤務地",
 *     propertyType: "STRING",
 *     options: [
 *         { optionName: "tokyo", displayName: "東京" },
 *         { optionName: "osaka", displayName: "大阪" },
 *     ],
 * });
 * const unit = new lineworks.OrgUnit("sales", { orgUnitName: "営業部", displayOrder: 1 });
 * new lineworks.User("hanako", {
 *     email: "hanako@example.com",
 *     userName: { lastName: "佐藤", firstName: "花子" },
 *     privateEmail: "hanako@mail.example",
 *     organizations: [{ domainId: 10000001, primary: true, orgUnits: [{ orgUnitId: unit.orgUnitId, primary: true }] }],
 *     customProperties: { office: "tokyo" }, // an optionName of the definition
 * }, { dependsOn: [office] });
 * ```
 *
 * ## Adopting an existing custom property
 * With `pulumi config set lineworks:adoptExisting true`, creating a custom property whose
 * `propertyName` already exists takes it over and updates it to match the program (its
 * propertyType and multiValued must match: they cannot change). The `import` resource option also
 * works with the customPropertyId, `externalKey:<propertyName>` or `name:<displayName>` as the ID.
 */
export class CustomProperty extends pulumi.dynamic.Resource {
  /** the ID LINE WORKS generated; also this resource's ID */
  declare public readonly customPropertyId: pulumi.Output<string>;
  /**
   * defaults to `lineworks:domainId`; changing it replaces the definition (every member's value of
   * it is deleted; refused unless allowReplaceDeletingValues)
   */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * the key of members' values (`customProperties.<propertyName>`): at most 120 of `A-Z a-z 0-9 _`,
   * starting with a letter or `_`, unique in the domain; cannot change in LINE WORKS: a change
   * replaces the definition, which deletes every member's value of it, and is refused unless
   * `allowReplaceDeletingValues: true`
   */
  declare public readonly propertyName: pulumi.Output<string>;
  /** 1-20 characters, unique in the domain: what the admin console and profiles show */
  declare public readonly displayName: pulumi.Output<string>;
  /**
   * `[{language, name}]`: the display name per language (`ja_JP`, `ko_KR`, `en_US`, `zh_CN`,
   * `zh_TW`), one each, at most 20 characters; order means nothing
   */
  declare public readonly i18nDisplayNames: pulumi.Output<I18nName[]>;
  /**
   * `STRING`, `LINK` (`{text, link}`), `INTEGER` (at least 0) or `DATE` (`YYYY-MM-DD`); cannot
   * change in LINE WORKS: a change replaces the definition, which deletes every member's value of
   * it, and is refused unless `allowReplaceDeletingValues: true`
   */
  declare public readonly propertyType: pulumi.Output<"STRING" | "LINK" | "INTEGER" | "DATE">;
  /** at least 1; duplicates allowed; `null` puts it last */
  declare public readonly displayOrder: pulumi.Output<number | null>;
  /**
   * default `false`: `true` lets a member hold up to 10 values; cannot change in LINE WORKS: a
   * change replaces the definition, which deletes every member's value of it, and is refused unless
   * `allowReplaceDeletingValues: true`
   */
  declare public readonly multiValued: pulumi.Output<boolean>;
  /**
   * STRING only: the values to choose from, at least 2, each
   * `{optionName (at most 100), displayName (1-20), i18nDisplayNames?}`; order means nothing
   */
  declare public readonly options: pulumi.Output<CustomPropertyOption[]>;
  /** default `false`: members must have a value */
  declare public readonly mandatory: pulumi.Output<boolean>;
  /**
   * `ALL` (default): everyone sees the values; `ADMIN_AND_SELF`: administrators and the member
   */
  declare public readonly readAccessType: pulumi.Output<"ALL" | "ADMIN_AND_SELF">;
  /** `ADMIN` (default): administrators write the values; `ADMIN_AND_SELF`: the member too */
  declare public readonly writeAccessType: pulumi.Output<"ADMIN" | "ADMIN_AND_SELF">;
  /**
   * default `false`: a change of propertyName, propertyType, multiValued or domainId replaces the
   * definition, and the delete drops every member's value of it. `true` allows that replacement
   * (the preview warns); remove it again afterwards. Never sent to LINE WORKS
   */
  declare public readonly allowReplaceDeletingValues: pulumi.Output<boolean>;

  constructor(name: string, args: CustomPropertyArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.CustomProperty, name, kindProps("CustomProperty", args), opts, "lineworks", "CustomProperty");
  }
}
