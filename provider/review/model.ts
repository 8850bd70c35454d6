// The change model diff produces and its readers (the summary, the chart) take: what changes
// between two directory specs, in names, keys and emails. compareSpecs (changes.ts) builds it.

/** A unit as the reviewer reads it: its label, name and place in the tree. */
export interface UnitRef {
  /** The unit's external key, else its name, as the spec refers to it (or the outside reference as written). */
  label: string;
  name: string;
  /** Names from the top of the tree down to the unit. */
  path: string[];
  /** Labels from the top of the tree down to the unit (the nodes of a chart). */
  labels: string[];
}

export type UnitChangeKind = "added" | "removed" | "renamed" | "moved" | "renamed+moved" | "changed";

export interface UnitChange {
  /** The unit's external key, else its name, as the spec refers to it (the head's; a removed unit's, the base's). */
  label: string;
  change: UnitChangeKind;
  name: string;
  oldName?: string;
  /** Names root -> unit on the head side (a removed unit: the base side). */
  path: string[];
  /** Names root -> unit on the base side, when it differs (renamed, moved, an ancestor renamed or moved). */
  oldPath?: string[];
  /** Labels root -> unit, head side (a removed unit: base side). */
  labels: string[];
  oldLabels?: string[];
  /** Other fields that changed (displayOrder, description, ...), by name. */
  fields?: string[];
}

/** One unit a member sits in: the unit, the title held there and whether the member leads it. */
export interface Seat {
  unit: UnitRef;
  /** The position's name (title, 役職). */
  position?: string;
  leader: boolean;
  primary: boolean;
}

/** Where a member sits and what it is, in names. */
export interface Placement {
  /** The primary seat first, then by path. */
  seats: Seat[];
  level?: string;
  userType?: string;
  employmentType?: string;
}

export type MemberAspect = "email" | "name" | "unit" | "title" | "leader" | "level" | "userType" | "employmentType" | "other";

export interface MemberChange {
  /** The member's email in lower case (the head's; a member who leaves, the base's). */
  label: string;
  change: "joined" | "left" | "changed";
  /** The display name (userName: last name, first name). */
  name: string;
  oldName?: string;
  oldEmail?: string;
  /** What changed (empty for joined and left). */
  aspects: MemberAspect[];
  before?: Placement;
  after?: Placement;
  /** Other non-private fields that changed, by name (values are not carried). */
  fields?: string[];
  /** The member's relations (上司, ...) before and after, when they changed. */
  relations?: { before: RelationRef[]; after: RelationRef[] };
}

/** A relation to another member as a reviewer reads it: its name, then the member by name and email. */
export interface RelationRef {
  relationName: string;
  /** The related member's display name, else the reference as written (a member outside the spec). */
  name: string;
  /** The related member's email in lower case, else the reference as written. */
  label: string;
}

export type CatalogSection = "positions" | "levels" | "userTypes" | "employmentTypes" | "customProperties";
export const CATALOG_SECTIONS: readonly CatalogSection[] = ["positions", "levels", "userTypes", "employmentTypes", "customProperties"];

/** A position, level, user type or employment type added, removed, renamed or otherwise changed. */
export interface CatalogChange {
  section: CatalogSection;
  label: string;
  change: "added" | "removed" | "renamed" | "changed";
  name: string;
  oldName?: string;
  fields?: string[];
  /** Changed fields LINE WORKS cannot change in place: the object is replaced (a custom property's values are deleted with it). */
  replaced?: string[];
}

/** A member of a group (a person, a unit, another group) in names. */
export interface GroupMemberRef {
  type: "USER" | "ORGUNIT" | "GROUP";
  label: string;
  /** A person's display name, a unit's path (›), a group's name. */
  name: string;
}

export interface GroupChange {
  label: string;
  change: "added" | "removed" | "renamed" | "changed";
  name: string;
  oldName?: string;
  membersAdded: GroupMemberRef[];
  membersRemoved: GroupMemberRef[];
  /** Group masters (グループマスター), by email. */
  administratorsAdded: GroupMemberRef[];
  administratorsRemoved: GroupMemberRef[];
  fields?: string[];
}

/** Entries per section of a spec. */
export type Sizes = Record<"units" | "members" | "groups" | CatalogSection, number>;

export interface Counts {
  base: Sizes;
  head: Sizes;
  units: Record<UnitChangeKind, number>;
  members: Record<"joined" | "left" | "changed", number> & Record<MemberAspect, number>;
  catalog: Record<CatalogSection, Record<CatalogChange["change"], number>>;
  groups: Record<GroupChange["change"], number> & { membersAdded: number; membersRemoved: number };
}

export interface Changes {
  counts: Counts;
  /** Changed units, by path (head side). */
  units: UnitChange[];
  /** Members who join, leave or change, by label. */
  members: MemberChange[];
  catalog: CatalogChange[];
  groups: GroupChange[];
}
