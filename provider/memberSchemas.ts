// Field rules of a member's record (doc: user-get) beyond the shared ones: its organizations and
// units, the messenger account, relations to other members, the activation date. schemas.ts
// holds the rules several kinds share.
import { z } from "zod";
import { domainId, flag, noTwice, reference } from "./schemas";

export const MESSENGER_PROTOCOLS = ["LINE", "FACEBOOK", "TWITTER", "X", "CUSTOM"] as const;

/**
 * `messenger`: `{protocol, customProtocol?, messengerId}`. `TWITTER` and `X` both mean X: LINE
 * WORKS retires `TWITTER` as an input, so the provider sends `X` (the kind's `synonyms` trait).
 * The docs say customProtocol is "for CUSTOM" and nothing more; the provider and the emulator
 * both take it to be needed with CUSTOM and meaningless (refused) with another protocol.
 */
export const messenger = () =>
  z
    .strictObject({
      protocol: z.enum(MESSENGER_PROTOCOLS, { error: `must be one of ${MESSENGER_PROTOCOLS.join(", ")}` }),
      customProtocol: z.string({ error: "must be a string" }).min(1, "must not be empty").max(100, "must be at most 100 characters").nullable().optional(),
      messengerId: z.string({ error: "must be a string" }).min(1, "must not be empty").max(100, "must be at most 100 characters"),
    })
    .superRefine((v, ctx) => {
      const custom = v.customProtocol !== undefined && v.customProtocol !== null;
      if (v.protocol === "CUSTOM" && !custom) {
        ctx.addIssue({ code: "custom", path: ["customProtocol"], message: "is required when protocol is CUSTOM: the name of the messenger (at most 100 characters)" });
      }
      if (v.protocol !== "CUSTOM" && custom) {
        ctx.addIssue({ code: "custom", path: ["customProtocol"], message: `belongs to protocol CUSTOM only; leave it out for ${v.protocol}` });
      }
    })
    .nullable();

export const CALENDAR_TYPES = ["SOLAR", "LUNAR"] as const;
/** `birthdayCalendarType`: the calendar the birthday is written in. */
export const calendarType = () => z.enum(CALENDAR_TYPES, { error: "must be SOLAR (Gregorian) or LUNAR" }).nullable();

/**
 * `relations`: at most 10 `{relationUserId, relationName}`; relationUserId a member's ID, email or
 * `externalKey:<key>` (resolved to the ID before writing). The same member with the same name
 * twice says nothing more, so it is refused (the emulator does the same; the docs are silent).
 */
export const relations = () =>
  z
    .array(
      z.strictObject({
        relationUserId: reference(),
        relationName: z.string({ error: "must be a string" }).min(1, "must not be empty").max(50, "must be at most 50 characters"),
      }),
    )
    .max(10, "must hold at most 10 relations")
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((r, i) => {
        if (typeof r?.relationUserId !== "string" || typeof r.relationName !== "string") return;
        const k = `${r.relationUserId.toLowerCase()}\0${r.relationName}`;
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: `lists ${r.relationUserId} as ${r.relationName} a second time` });
        seen.add(k);
      });
    });

/** `YYYY-MM-DDThh:mm:ssTZD` (an offset or Z), at most 25 characters, a moment that exists; `null` = now. */
export const dateTime = () =>
  z
    .string({ error: "must be a date and time written YYYY-MM-DDThh:mm:ss+09:00" })
    .max(25, "must be at most 25 characters")
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/, "must be a date and time written YYYY-MM-DDThh:mm:ss+09:00 (or Z for UTC)")
    .refine((v) => {
      const t = Date.parse(v);
      return !Number.isNaN(t) && new Date(`${v.slice(0, 10)}T00:00:00Z`).toISOString().startsWith(v.slice(0, 10)) && Number(v.slice(11, 13)) < 24;
    }, "must be a date and time that exists")
    .nullable();

/**
 * A member named as its own relation, by its email or `externalKey:<key>` (its ID is not known
 * before the create): LINE WORKS' answer to it is undocumented; the emulator refuses it too.
 */
export function selfRelations(v: Record<string, unknown>): { property: string; message: string }[] {
  const own = [typeof v.email === "string" ? v.email.toLowerCase() : undefined, typeof v.userExternalKey === "string" ? `externalKey:${v.userExternalKey}`.toLowerCase() : undefined];
  const list = Array.isArray(v.relations) ? (v.relations as { relationUserId?: unknown }[]) : [];
  return list.flatMap((r, i) =>
    typeof r?.relationUserId === "string" && own.includes(r.relationUserId.toLowerCase())
      ? [{ property: `relations[${i}].relationUserId`, message: `names the member itself (${r.relationUserId}): a relation is to another member` }]
      : [],
  );
}

/** Exactly one `primary: true` among `items` (items whose flag is not yet known pass). */
function onePrimary(items: { primary?: unknown }[], what: string, ctx: z.RefinementCtx): void {
  if (!items.length || items.some((o) => typeof o.primary !== "boolean")) return;
  const n = items.filter((o) => o.primary === true).length;
  if (n !== 1) ctx.addIssue({ code: "custom", message: `must mark exactly one ${what} primary: true, got ${n}` });
}

/**
 * `organizations` from the schema of its `primary` flags and of an organization's `domainId`: one
 * entry per domain the member belongs to (the primary one and concurrent posts), exactly one
 * primary; in each, up to 30 units (doc: user-get, UserOrgUnit) with exactly one primary when any.
 * Generic, so that each form's type says which keys may be left out.
 */
const organizationsOf = <P extends z.ZodType<boolean | undefined>, D extends z.ZodType<number | undefined>>(primary: () => P, domain: () => D) =>
  z
    .array(
      z.strictObject({
        domainId: domain(),
        primary: primary(),
        levelId: reference().nullable().optional(),
        orgUnits: z
          .array(
            z.strictObject({
              orgUnitId: reference(),
              primary: primary(),
              positionId: reference().nullable().optional(),
              isManager: flag().optional(),
              visible: flag().optional(),
              useTeamFeature: flag().optional(),
            }),
          )
          .max(30, "must hold at most 30 units")
          .superRefine((units, ctx) => {
            onePrimary(units as { primary?: unknown }[], "unit", ctx);
            noTwice(units, (u) => u.orgUnitId, "orgUnitId", ctx);
          }),
      }),
    )
    .min(1, "must hold at least the primary organization")
    .superRefine((orgs, ctx) => {
      onePrimary(orgs as { primary?: unknown }[], "organization", ctx);
      noTwice(orgs as { domainId?: unknown }[], (o) => o.domainId, "domainId", ctx);
    });

const fullOrganizations = () => organizationsOf(flag, domainId);
const impliedOrganizations = () => organizationsOf(() => flag().optional(), () => domainId().optional());

/**
 * `organizations` as LINE WORKS takes them. `implied`: the form a Directory spec may use, where an
 * organization's domainId and the `primary` of a single organization or unit are left out (the
 * spec fills them in before the check).
 */
export function organizations(): ReturnType<typeof fullOrganizations>;
export function organizations(implied: true): ReturnType<typeof impliedOrganizations>;
export function organizations(implied = false) {
  return implied ? impliedOrganizations() : fullOrganizations();
}
