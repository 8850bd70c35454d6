// User types (利用権限タイプ): what a kind of member may use.
import { displayOrder, externalKey, i18nNames, name, userTypeCode } from "../schemas";
import { defineKind } from "./define";
import { domainIdDescription, externalKeyDescription, I18N_NAMES, I18N_NAMES_DESCRIPTION, UNIQUE_NAME_DESCRIPTION, SORT_KEY_DESCRIPTION, USER_TYPE_CODE_DESCRIPTION } from "./shared";

export const UserType = defineKind({
  type: "UserType",
  noun: "user type",
  path: "/directory/user-types",
  listKey: "userTypes",
  idField: "userTypeId",
  nameField: "userTypeName",
  externalKeyField: "userTypeExternalKey",
  keyScope: "tenant",
  itemDomainQuery: false,
  feature: "userTypes",
  domainIdDescription: domainIdDescription("changing it replaces the user type"),
  fields: {
    userTypeName: name().describe(UNIQUE_NAME_DESCRIPTION),
    displayOrder: displayOrder().describe(SORT_KEY_DESCRIPTION),
    userTypeExternalKey: externalKey().optional().describe(externalKeyDescription("tenant")),
    userTypeCode: userTypeCode().optional().describe(USER_TYPE_CODE_DESCRIPTION),
    i18nNames: i18nNames().optional().describe(I18N_NAMES_DESCRIPTION),
  },
  traits: { i18nNames: I18N_NAMES },
});
