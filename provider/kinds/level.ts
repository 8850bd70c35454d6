// Levels (職級): grades, some of them executive (役員).
import { z } from "zod";
import { displayOrder, externalKey, i18nNames, name } from "../schemas";
import { defineKind } from "./define";
import { I18N_NAMES } from "./shared";

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
  fields: {
    levelName: name(),
    displayOrder: displayOrder(),
    levelExternalKey: externalKey().optional(),
    executive: z.boolean({ error: "must be true or false" }),
    i18nNames: i18nNames().optional(),
  },
  traits: { i18nNames: I18N_NAMES },
});
