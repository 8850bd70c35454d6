// Levels (職級): grades, some of them executive (役員).
import { z } from "zod";
import { displayOrder, externalKey, i18nNames, name } from "../schemas";
import { defineKind } from "./define";
import { domainIdDescription, externalKeyDescription, I18N_NAMES, I18N_NAMES_DESCRIPTION, UNIQUE_NAME_DESCRIPTION, SORT_KEY_DESCRIPTION } from "./shared";

export const Level = defineKind({
  type: "Level",
  noun: "level",
  path: "/directory/levels",
  listKey: "levels",
  idField: "levelId",
  nameField: "levelName",
  externalKeyField: "levelExternalKey",
  keyScope: "domain",
  itemDomainQuery: true,
  feature: "levels",
  domainIdDescription: domainIdDescription("changing it replaces the level"),
  fields: {
    levelName: name().describe(UNIQUE_NAME_DESCRIPTION),
    displayOrder: displayOrder().describe(SORT_KEY_DESCRIPTION),
    levelExternalKey: externalKey().optional().describe(externalKeyDescription("domain")),
    executive: z.boolean({ error: "must be true or false" }).describe("whether this is an executive (officer) level (役員); LINE WORKS requires it on every write"),
    i18nNames: i18nNames().optional().describe(I18N_NAMES_DESCRIPTION),
  },
  traits: { i18nNames: I18N_NAMES },
});
