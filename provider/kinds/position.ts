// Positions (役職): the job titles on members' profiles.
import { displayOrder, externalKey, i18nNames, name } from "../schemas";
import { defineKind } from "./define";
import { I18N_NAMES } from "./shared";

export const Position = defineKind({
  type: "Position",
  noun: "position",
  path: "/directory/positions",
  listKey: "positions",
  idField: "positionId",
  nameField: "positionName",
  externalKeyField: "positionExternalKey",
  keyScope: "domain",
  itemDomainQuery: true,
  feature: "positions",
  fields: {
    positionName: name(),
    displayOrder: displayOrder(),
    positionExternalKey: externalKey().optional(),
    i18nNames: i18nNames().optional(),
  },
  traits: { i18nNames: I18N_NAMES },
});
