// User types (利用権限タイプ): what a kind of member may use.
import { displayOrder, externalKey, i18nNames, name, userTypeCode } from "../schemas";
import { defineKind } from "./define";
import { I18N_NAMES } from "./shared";

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
  fields: {
    userTypeName: name(),
    displayOrder: displayOrder(),
    userTypeExternalKey: externalKey().optional(),
    userTypeCode: userTypeCode().optional(),
    i18nNames: i18nNames().optional(),
  },
  traits: { i18nNames: I18N_NAMES },
});
