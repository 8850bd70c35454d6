// The rest of a member's record (users.md, User object): messenger, birthday calendar, relations
// to other members, and what activationDate and leaveOfAbsence show. Written by hand like the
// rest of the emulator; choices the docs leave open are marked "unconfirmed".
import { isPlainObject } from "./api";
import { checkString, invalid, missing } from "./directory";

type Obj = Record<string, unknown>;

const PROTOCOLS = ["LINE", "FACEBOOK", "TWITTER", "X", "CUSTOM"];

/**
 * The documented change of X's name: `TWITTER` and `X` both mean X; responses switch from
 * `TWITTER` to `X` (≈ late July 2026) and the input `TWITTER` is retired (≈ mid-November 2026).
 * Both moments are options, so a test can stand inside the transition.
 */
export interface MessengerTransition {
  /** Until then (ms since the epoch), answers say TWITTER for X. */
  twitterAnsweredUntil: number;
  /** Until then, TWITTER is accepted as input (stored as X); after it, refused. */
  twitterAcceptedUntil: number;
}

export const DEFAULT_TRANSITION: MessengerTransition = {
  twitterAnsweredUntil: Date.parse("2026-08-01T00:00:00+09:00"),
  twitterAcceptedUntil: Date.parse("2026-11-16T00:00:00+09:00"),
};

/**
 * `{protocol, customProtocol?, messengerId}`: messengerId 1..100, customProtocol ≤ 100. That
 * customProtocol is needed with CUSTOM and refused with another protocol is unconfirmed (the docs
 * say "for CUSTOM"). X is stored as X whichever name it was given.
 */
export function checkMessenger(v: unknown, field: string, t: MessengerTransition, now: number): Obj {
  if (!isPlainObject(v)) throw invalid(`${field}: must be an object`);
  if (v.protocol === undefined || v.protocol === null) throw missing(`${field}.protocol`);
  if (typeof v.protocol !== "string" || !PROTOCOLS.includes(v.protocol)) throw invalid(`${field}.protocol: must be one of ${PROTOCOLS.join(", ")}`);
  if (v.protocol === "TWITTER" && now >= t.twitterAcceptedUntil) throw invalid(`${field}.protocol: TWITTER is no longer accepted; use X`);
  if (v.messengerId === undefined || v.messengerId === null) throw missing(`${field}.messengerId`);
  const messengerId = checkString(v.messengerId, `${field}.messengerId`, 100);
  const custom = v.customProtocol === undefined || v.customProtocol === null ? null : checkString(v.customProtocol, `${field}.customProtocol`, 100);
  if (v.protocol === "CUSTOM" && custom === null) throw missing(`${field}.customProtocol`);
  if (v.protocol !== "CUSTOM" && custom !== null) throw invalid(`${field}.customProtocol: only for protocol CUSTOM`);
  return { protocol: v.protocol === "TWITTER" ? "X" : v.protocol, customProtocol: custom, messengerId };
}

/** A stored messenger as answered: X is still called TWITTER during the transition. */
export function presentMessenger(stored: unknown, t: MessengerTransition, now: number): Obj | null {
  if (!isPlainObject(stored)) return null;
  return { ...stored, protocol: stored.protocol === "X" && now < t.twitterAnsweredUntil ? "TWITTER" : stored.protocol };
}

export function checkCalendarType(v: unknown, field: string): string {
  if (v !== "SOLAR" && v !== "LUNAR") throw invalid(`${field}: must be SOLAR or LUNAR`);
  return v;
}

/**
 * 0..10 `{relationUserId, relationName}`: relationName 1..50; relationUserId the ID of an existing,
 * not deleted member (only the ID: the docs name no other form, unconfirmed). The same member
 * with the same name twice is refused (unconfirmed). `user(id)` finds a member by ID.
 */
export function checkRelations(v: unknown, field: string, user: (id: string) => Obj | undefined): Obj[] {
  if (!Array.isArray(v)) throw invalid(`${field}: must be an array`);
  if (v.length > 10) throw invalid(`${field}: must have at most 10 entries`);
  const seen = new Set<string>();
  return v.map((r, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(r)) throw invalid(`${at}: must be an object`);
    if (r.relationUserId === undefined || r.relationUserId === null) throw missing(`${at}.relationUserId`);
    if (r.relationName === undefined || r.relationName === null) throw missing(`${at}.relationName`);
    const id = checkString(r.relationUserId, `${at}.relationUserId`, 100);
    const name = checkString(r.relationName, `${at}.relationName`, 50);
    const target = user(id);
    if (!target || target.isDeleted === true) throw invalid(`${at}.relationUserId: user ${id} does not exist`);
    if (seen.has(`${id}\0${name}`)) throw invalid(`${at}: user ${id} is already a relation named ${name}`);
    seen.add(`${id}\0${name}`);
    return { relationUserId: id, relationName: name };
  });
}

/** A member is no relation of its own (unconfirmed: LINE WORKS' answer is not documented). */
export function refuseSelfRelation(relations: unknown, userId: unknown): void {
  const i = Array.isArray(relations) ? relations.findIndex((r) => isPlainObject(r) && r.relationUserId === userId) : -1;
  if (i >= 0) throw invalid(`relations[${i}].relationUserId: a user cannot be its own relation`);
}

/** Stored relations as answered, with the related member's external key; a relation to a member now gone is gone too. */
export function presentRelations(stored: unknown, user: (id: string) => Obj | undefined): Obj[] {
  return (Array.isArray(stored) ? stored : []).flatMap((r: Obj) => {
    const target = user(String(r.relationUserId));
    return target ? [{ relationUserId: r.relationUserId, relationName: r.relationName, externalKey: target.userExternalKey ?? null }] : [];
  });
}

/** isAwaiting (待機中): set by a test, or activationDate still to come (inferred, unconfirmed). */
export function awaiting(data: Obj, now: number): boolean {
  return data.isAwaiting === true || (typeof data.activationDate === "string" && Date.parse(data.activationDate) > now);
}
