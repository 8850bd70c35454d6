// Replacements that destroy more than the object (a custom property's delete drops every member's
// value of it): refused in check unless the program opts in, and warned about in the preview.
import type { Kind } from "../kinds";
import { isUnknown, same, type Props } from "./values";

/** The fields whose change replaces the object: the kind's `replaces` fields, and domainId. */
export function replacingChanges(kind: Kind, olds: Props, news: Props): string[] {
  // An old value left undeclared is the documented default (multiValued: false), which LINE WORKS holds.
  const old = (f: string) => olds[f] ?? kind.traits[f]?.default;
  return ["domainId", ...kind.replaceFields].filter((f) => old(f) !== undefined && news[f] !== undefined && !isUnknown(news[f]) && !same(kind, f, old(f), news[f]));
}

const named = (kind: Kind, olds: Props, news: Props) => `${kind.noun} "${olds[kind.nameField] ?? news[kind.nameField]}" (${kind.externalKeyField} ${olds[kind.externalKeyField]})`;

/**
 * Check's refusal of a replacement the program did not allow, one per changed field, before any
 * call. `olds` are the previous inputs (`{}` on a create).
 */
export function refuseReplacement(kind: Kind, olds: Props | undefined, news: Props): { property: string; reason: string }[] {
  const optIn = kind.replaceOptIn;
  // Checked inputs always hold domainId: without it there were none (a create, where olds are {}).
  if (!optIn || olds?.domainId === undefined || news[optIn.field] === true) return [];
  return replacingChanges(kind, olds, news).map((f) => ({
    property: f,
    reason:
      `${kind.type} ${f} cannot change from ${JSON.stringify(olds[f] ?? kind.traits[f]?.default)} to ${JSON.stringify(news[f])}: LINE WORKS cannot change it in place, so ` +
      `${named(kind, olds, news)} would be deleted and created again, and ${optIn.destroys(olds)}. Nothing was changed. ` +
      `To do it anyway, declare ${optIn.field}: true; otherwise declare ${f}: ${JSON.stringify(olds[f] ?? kind.traits[f]?.default)} again`,
  }));
}

/** The preview's warning of an allowed replacement (`replaces`: the fields that force it), or undefined. */
export function replacementWarning(kind: Kind, olds: Props, news: Props, replaces: string[]): string | undefined {
  const optIn = kind.replaceOptIn;
  if (!optIn || !replaces.length) return undefined;
  return `WARNING: ${named(kind, olds, news)} is REPLACED because ${replaces.join(", ")} changed: ${optIn.destroys(olds)}. ${optIn.after}.`;
}
