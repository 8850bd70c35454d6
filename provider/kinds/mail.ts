// Who may use an org unit's or a group's address, and a group's mailing list (Advanced plan):
// fields whose rules LINE WORKS does not document, so only their shape is checked here.
import { z } from "zod";
import { flag, reference } from "../schemas";
import type { FieldTraits } from "./traits";

/** Members allowed to use an address: `{userId}` items, each a member's ID, email or `externalKey:<key>`. */
export const allowedMembers = () => z.array(z.strictObject({ userId: reference() }), { error: "must be a list of {userId}" });

/** A set of members, shown by userId in the preview, each a reference to a member. */
export const ALLOWED_MEMBERS: FieldTraits = { set: true, shape: { userId: { references: "User" } }, identity: ["userId"] };

/** The shape of an address: something@somewhere, nothing more (the mailing list's rules are undocumented). */
const address = () => z.string({ error: "must be an email address" }).regex(/^[^@\s]+@[^@\s]+$/, "must be an address like someone@example.com");

const allowed = (who: string, what: string) =>
  `members allowed to ${what}: \`{userId}\` items, each a member's ID, email or \`externalKey:<key>\`; order means nothing. ${who}`;
const LATER =
  "A member not created yet (one a Directory creates after its unit) is left out with a warning, and the next `pulumi up` adds it";
const UNDOCUMENTED = "Advanced plan only; LINE WORKS documents no rule for it, so it is sent as declared (the shape checked), and never sent or reset while left out";

/** A group's mailing-list fields: taken as declared, and left alone when the program leaves them out. */
export const groupMailFields = () => ({
  useMail: flag().optional().describe(`the group's mailing list on or off (default \`false\`). ${UNDOCUMENTED}`),
  groupEmail: address().nullable().optional().describe(`the mailing list's address. ${UNDOCUMENTED}`),
  aliasEmails: z.array(address()).optional().describe(`further addresses of the mailing list; order means nothing. ${UNDOCUMENTED}`),
  canReceiveExternalMail: flag().optional().describe(`mail from outside the company reaches the list (default \`false\`). ${UNDOCUMENTED}`),
  toExternalEmails: z.array(address()).optional().describe(`addresses outside LINE WORKS the list also delivers to; order means nothing. ${UNDOCUMENTED}`),
  membersAllowedToUseGroupEmailAsRecipient: allowedMembers().optional().describe(allowed(UNDOCUMENTED, "send mail to the list's address")),
  membersAllowedToUseGroupEmailAsSender: allowedMembers().optional().describe(allowed(UNDOCUMENTED, "send mail from the list's address")),
});

const kept: FieldTraits = { leftAlone: true };
const addresses: FieldTraits = { set: true, caseInsensitive: true, leftAlone: true };
export const GROUP_MAIL_TRAITS: Record<keyof ReturnType<typeof groupMailFields>, FieldTraits> = {
  useMail: { default: false, leftAlone: true },
  groupEmail: { caseInsensitive: true, leftAlone: true },
  aliasEmails: addresses,
  canReceiveExternalMail: { default: false, leftAlone: true },
  toExternalEmails: addresses,
  membersAllowedToUseGroupEmailAsRecipient: { ...ALLOWED_MEMBERS, ...kept },
  membersAllowedToUseGroupEmailAsSender: { ...ALLOWED_MEMBERS, ...kept },
};

/** An org unit's sets: its members sit in units, so a Directory creates them after the unit (createdLater). */
export const ORG_UNIT_ALLOWED: FieldTraits = { ...ALLOWED_MEMBERS, shape: { userId: { references: "User", createdLater: true } } };

/** An org unit's: who may send to and from its address (a set each). */
export const orgUnitMailFields = () => ({
  membersAllowedToUseOrgUnitEmailAsRecipient: allowedMembers().optional().describe(allowed(LATER, "send mail to the unit's address")),
  membersAllowedToUseOrgUnitEmailAsSender: allowedMembers().optional().describe(allowed(LATER, "send mail from the unit's address")),
});
