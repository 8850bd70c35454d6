// The traits a kind declares beyond its fields' schemas: how the lifecycle compares, writes and
// reads each field, and the actions, soft delete and cross-field rules of a kind.
/** How the lifecycle treats one field beyond its schema. */
export interface FieldTraits {
  /** A set: order means nothing (diff and drift compare sorted), absent means empty. */
  set?: boolean;
  /**
   * An object, or with `set` the items of a set of objects: the keys that make it, each compared by
   * its own traits (defaults, sets, references inside). Other keys LINE WORKS echoes (names of
   * referenced objects) are neither compared nor kept in outputs.
   */
  shape?: Record<string, FieldTraits>;
  /** Compared case-insensitively (email addresses). */
  caseInsensitive?: boolean;
  /**
   * The documented default: an absent live value equals it, and a program that stops declaring
   * the field sends it (instead of null, which LINE WORKS refuses for flags).
   */
  default?: unknown;
  /** Leaving the field out of the program declares `default` (parentOrgUnitId: top level). */
  omittedIsDefault?: boolean;
  /**
   * LINE WORKS assigns a value when none is declared (an org unit's email): a program that stops
   * declaring the field leaves the current value alone instead of clearing it.
   */
  assigned?: boolean;
  /**
   * Another kind's ID. `externalKey:<key>` of an object of that kind managed elsewhere is accepted,
   * and so is the name of a kind the name addresses (`nameRef`: a member's email): the provider
   * resolves it to the ID before writing, and keeps the declared form in outputs as long as it
   * still names the live value. `{ by, kinds }`: the kind is named by a sibling key of the same
   * item (a group member's `type`).
   */
  references?: string | { by: string; kinds: Record<string, string> };
  /**
   * The item keys that identify an item of a set (a group member's type and id): inputs show the
   * set as a map by them, so the preview lists exactly the items added and removed, in any order.
   */
  identity?: string[];
  /** A set LINE WORKS also edits item by item through its own endpoints (a group's members). */
  collection?: Collection;
  /**
   * A secret LINE WORKS only takes (a member's initial password): sent on create only, never
   * echoed in outputs, never compared, never sent by an update, and never shown in a message.
   */
  writeOnly?: boolean;
  /** The temporary value a rename swap parks a unique field at, where a bare tag is not valid (an address keeps its domain). */
  detour?: (tag: string, current: string) => string;
  /** A setting of the provider itself (how to delete), never sent to LINE WORKS: kept in outputs as declared. */
  local?: boolean;
  /**
   * Rules LINE WORKS does not document (a group's mailing list): a program that stops declaring
   * the field leaves the live value alone, as one that never declared it, instead of clearing it.
   */
  leftAlone?: boolean;
  /**
   * A reference that may name an object this run creates after the one holding it (a unit's
   * allowed members sit in units, so a Directory cannot create them first): an item naming no
   * object yet is left out of the write, with a warning, and the next run adds it.
   */
  createdLater?: boolean;
  /** A declared state changed only through action endpoints (suspension); the live state is another field. */
  toggle?: Toggle;
  /** Values LINE WORKS takes as one (a messenger's `TWITTER` is `X`): compared, sent and shown as the value each maps to. */
  synonyms?: Record<string, string>;
  /** LINE WORKS cannot change it (a custom property's type): a change replaces the object (see KindSpec.replaceOptIn). */
  replaces?: boolean;
  /**
   * A map the program declares key by key (a member's custom property values): only the declared
   * keys are compared and sent, and keys it leaves out stay as they are (null clears one).
   */
  openMap?: boolean;
  /** The map's keys are the external keys of objects of that kind (custom property names): a Directory creates those first. */
  keysName?: string;
}

/** A declared state a kind switches with two actions (POST `{path}/{id}{on|off}`), read from `live`. */
export interface Toggle {
  live: string;
  on: string;
  off: string;
  /**
   * Why the object cannot be switched on, if it cannot (a pending member cannot be suspended).
   * Asked of an answer LINE WORKS just gave (an update reads the object again first): never of
   * stored state, which is stale once the member has logged in.
   */
  refuseOn?: (live: Record<string, any>) => string | undefined;
  /** What a 400 answer to switching on means and what to do. */
  explain: string;
}

/**
 * A set with its own endpoints: GET `{path}/{id}{suffix}` lists the items (paged, under `listKey`),
 * POST adds one, DELETE `{path}/{id}{suffix}/{item[key]}` removes one, with the other `identity`
 * keys as its query. An update sends only the items added and removed (adds first, so a set that
 * must not be empty never is), unless more than `patchAbove` change: then one PATCH carries the set.
 */
export interface Collection {
  suffix: string;
  listKey: string;
  key: string;
  /** What one item is, in logs and errors ("member"). */
  noun: string;
  patchAbove?: number;
}

/** Fields changed only through an action endpoint, never by PATCH (org units: parent and order by `/move`). */
export interface Action {
  /** Appended to the object's path: POST `${path}/{id}${suffix}`. */
  suffix: string;
  /** Fields the action carries; a change of any sends all of them (those declared). Create sends them in its POST. */
  fields: string[];
  /**
   * Fields whose change alone calls the action (default: `fields`); the others are also PATCHed.
   * `domainId` here makes a domain change a move instead of a replacement.
   */
  when?: string[];
  /** Run before the PATCH (a move to another domain, after which the PATCH's references hold). */
  first?: boolean;
  /** Fixed fields the action always carries (a member's move keeps its group memberships). */
  with?: Record<string, unknown>;
  /** What the action does, for logs ("move"). */
  verb: string;
}

/** LINE WORKS' soft delete: a deleted object stays (flagged) for a while, holds its natural keys and can be restored. */
export interface SoftDelete {
  /** The flag a deleted object carries (it is gone for refresh). */
  flag: string;
  /** POST `{path}/{id}{restore}` brings it back (adoption restores instead of failing). */
  restore: string;
  /** Why a create fails on such an object, and the ways out. */
  explain: string;
  /** Opt-in permanent delete: DELETE `{path}/{id}{suffix}` when the resource declared `field: true`. */
  force?: { field: string; suffix: string };
}

/** A cross-field rule, checked in `check` after the field rules. */
export type CrossCheck = (value: Record<string, unknown>) => { property: string; message: string }[];

/**
 * A replacement that destroys data besides the object (a custom property's delete drops every
 * member's value of it): refused in check unless the program sets `field: true`, and warned about
 * in the preview with `warning`.
 */
export interface ReplaceOptIn {
  /** The local flag that allows it. */
  field: string;
  /** What the replacement destroys besides the object, from its previous inputs ("every member's value of x is deleted"). */
  destroys: (olds: Record<string, any>) => string;
  /** What to do after it (declare the values again). */
  after: string;
}
