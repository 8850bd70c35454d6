import * as pulumi from "@pulumi/pulumi";
import { User as UserKind } from "../provider/kinds";
import { itemValue } from "../provider/roster/items";
import { configuredDomainId, providers } from "./common";
import type { UserArgs } from "./user";

/** One member of a {@link UserRoster}: the fields of a {@link User} (`domainId` defaults to the roster's). */
export type MemberArgs = UserArgs;

/** Arguments of a {@link UserRoster}. */
export interface UserRosterArgs {
  /** The domain of the roster's members (a member may declare its own, after a move); default `lineworks:domainId`. */
  domainId?: pulumi.Input<number>;
  /**
   * The members, by stable key: each member's `userExternalKey`, else its email. Being a map by
   * that key, `pulumi preview --diff` lists exactly the members that change, and their fields.
   */
  members: Record<string, MemberArgs>;
  /**
   * `[index, count]`: this roster's place among `count` rosters that share members by the hash of
   * their key (set by `Directory` with `rosters: count`). A member that leaves this roster because
   * the count changed is taken over by another, not deleted.
   */
  bucket?: [number, number];
}

/**
 * Many members of one domain in one resource: for stacks of thousands of members, where one
 * resource per member makes Pulumi's state and previews, not LINE WORKS, the limit (see
 * docs/rosters.md). Each member keeps every rule of a {@link User}: creates at most 10 per second,
 * one write per member at a time, soft delete unless `forceDeleteOnDestroy`, suspension, a
 * write-only password, a move to another domain as an update.
 *
 * A roster takes over a member LINE WORKS already has under its key (its `userExternalKey`, else
 * its email) instead of creating a second one: so a run that failed half-way, or a switch from
 * {@link User} resources, writes nothing that already matches. Its state keeps only the declared
 * fields and the IDs. `Directory` with `rosters: n` makes these for you.
 *
 * ## Example
 * ```ts
 * const roster = new lineworks.UserRoster("staff-0", {
 *     members: {
 *         "EMP-0042": { email: "hanako.sato@example.com", userExternalKey: "EMP-0042", userName: { lastName: "佐藤", firstName: "花子" }, organizations: [...] },
 *     },
 * });
 * export const hanakoId = roster.userIdOf("EMP-0042");
 * ```
 */
export class UserRoster extends pulumi.dynamic.Resource {
  /** The domain of the roster. */
  declare public readonly domainId: pulumi.Output<number>;
  /**
   * Each member's declared fields and `userId` as JSON text, by stable key (never a password).
   * Text, not objects: Pulumi converts nested values slowly on every call, and a JSON text crosses
   * about 13 times faster; `pulumi preview --diff` still shows a changed member field by field.
   */
  declare public readonly members: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: UserRosterArgs, opts?: pulumi.CustomResourceOptions) {
    // Write-only fields (passwords) travel apart, as one secret, so the members map stays readable in a preview.
    const members: Record<string, unknown> = {};
    const secrets: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(args.members)) {
      const open: Record<string, unknown> = { ...member };
      const hidden: Record<string, unknown> = {};
      for (const f of UserKind.secretFields) if (open[f] !== undefined) [hidden[f], open[f]] = [open[f], undefined];
      const fields = Object.fromEntries(Object.entries(open).filter(([, v]) => v !== undefined));
      // Each member crosses as one JSON text (see `members`); one with outputs in it once they are known.
      members[key] = hasOutputs(fields) ? pulumi.output(fields).apply((m) => JSON.stringify(m)) : JSON.stringify(fields);
      if (Object.keys(hidden).length) secrets[key] = hidden;
    }
    const props: Record<string, unknown> = { domainId: args.domainId ?? configuredDomainId(), members, ...(args.bucket ? { bucket: args.bucket } : {}) };
    if (Object.keys(secrets).length) props.secrets = pulumi.secret(secrets);
    super(providers.UserRoster, name, props, opts, "lineworks", "UserRoster");
  }

  /** The `userId` of the member with stable key `key` (undefined while it is not in the roster). */
  userIdOf(key: string): pulumi.Output<string | undefined> {
    return this.members.apply((m) => memberUserId(m?.[key]));
  }
}

/** A member's `userId` from a roster's `members` output (text; an object in state from before texts). */
export function memberUserId(m: unknown): string | undefined {
  const item = m === undefined ? undefined : itemValue(m);
  return item && typeof item === "object" ? item.userId : undefined;
}

/** Whether a value holds outputs or promises anywhere (then it is serialized once they resolve). */
function hasOutputs(v: unknown): boolean {
  if (!v || typeof v !== "object") return false;
  if (pulumi.Output.isInstance(v) || typeof (v as { then?: unknown }).then === "function" || pulumi.Resource.isInstance(v)) return true;
  return Object.values(v).some(hasOutputs);
}
