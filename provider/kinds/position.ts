// Positions (役職): the job titles on members' profiles.
import { displayOrder, externalKey, i18nNames, name } from "../schemas";
import { defineKind } from "./define";
import { domainIdDescription, externalKeyDescription, I18N_NAMES, I18N_NAMES_DESCRIPTION, UNIQUE_NAME_DESCRIPTION, SORT_KEY_DESCRIPTION } from "./shared";

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
  domainIdDescription: domainIdDescription("changing it replaces the position"),
  fields: {
    positionName: name().describe(UNIQUE_NAME_DESCRIPTION),
    displayOrder: displayOrder().describe(SORT_KEY_DESCRIPTION),
    positionExternalKey: externalKey().optional().describe(externalKeyDescription("domain")),
    i18nNames: i18nNames().optional().describe(I18N_NAMES_DESCRIPTION),
  },
  traits: { i18nNames: I18N_NAMES },
});
