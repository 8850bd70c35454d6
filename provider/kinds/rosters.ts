// Rosters: one resource holding many objects of one kind (a domain's members), for stacks where a
// resource per object makes the engine, not LINE WORKS, the limit. A roster is a container over a
// kind: each item keeps every rule of the kind (the lifecycle runs per item); what a roster adds is
// how items are keyed and bucketed.
import type { Kind } from "./define";
import { User } from "./user";

export interface RosterKind {
  /** Pulumi type name: `pulumi-nodejs:dynamic/lineworks:<type>`. */
  type: string;
  /** The kind of its items. */
  item: Kind;
}

export const ROSTERS: Record<string, RosterKind> = {
  UserRoster: { type: "UserRoster", item: User },
};

/**
 * An item's stable key: its external key, else its name (a member's email, lower-cased as LINE
 * WORKS compares it). It does not change when the item moves units, so neither does its roster.
 */
export function stableKey(kind: Kind, declared: Record<string, unknown>): string | undefined {
  const key = declared[kind.externalKeyField];
  if (typeof key === "string" && key) return key;
  const name = declared[kind.nameField];
  if (typeof name !== "string" || !name) return undefined;
  return kind.traits[kind.nameField]?.caseInsensitive ? name.toLowerCase() : name;
}

/** The roster (0..count-1) of a stable key: FNV-1a of its UTF-8 text, so the same on every machine and run. */
export function rosterIndex(key: string, count: number): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(key, "utf8")) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}
