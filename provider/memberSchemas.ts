// Field rules of the rest of a member's record (doc: user-get): the messenger account, relations
// to other members, the activation date. schemas.ts holds the rules several kinds share.
import { z } from "zod";
import { reference } from "./schemas";

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
