// Employment types (雇用形態): the older form of user types.
import { displayOrder, externalKey, i18nNames, name, userTypeCode } from "../schemas";
import { defineKind } from "./define";
import { domainIdDescription, externalKeyDescription, I18N_NAMES, I18N_NAMES_DESCRIPTION, UNIQUE_NAME_DESCRIPTION, SORT_KEY_DESCRIPTION, USER_TYPE_CODE_DESCRIPTION } from "./shared";

/** Deprecated by LINE WORKS in favour of user types; kept for tenants that still use it. */
export const EmploymentType = defineKind({
  type: "EmploymentType",
  noun: "employment type",
  path: "/directory/employment-types",
  listKey: "employmentTypes",
  idField: "employmentTypeId",
  nameField: "employmentTypeName",
  externalKeyField: "employmentTypeExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  feature: "employmentTypes",
  domainIdDescription: domainIdDescription("changing it replaces the employment type"),
  fields: {
    employmentTypeName: name().describe(UNIQUE_NAME_DESCRIPTION),
    displayOrder: displayOrder().describe(SORT_KEY_DESCRIPTION),
    employmentTypeExternalKey: externalKey().optional().describe(externalKeyDescription("tenant")),
    userTypeCode: userTypeCode().optional().describe(USER_TYPE_CODE_DESCRIPTION),
    i18nNames: i18nNames().optional().describe(I18N_NAMES_DESCRIPTION),
  },
  traits: { i18nNames: I18N_NAMES },
});
