// Employment types (雇用形態): the older form of user types.
import { displayOrder, externalKey, i18nNames, name, userTypeCode } from "../schemas";
import { defineKind } from "./define";
import { I18N_NAMES } from "./shared";

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
  // The employment-types pages document no bulk external-key endpoint.
  bulkKeys: false,
  fields: {
    employmentTypeName: name(),
    displayOrder: displayOrder(),
    employmentTypeExternalKey: externalKey().optional(),
    userTypeCode: userTypeCode().optional(),
    i18nNames: i18nNames().optional(),
  },
  traits: { i18nNames: I18N_NAMES },
});
