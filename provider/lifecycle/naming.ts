// How errors name the object they are about: its name, ID and external key, as far as they are
// known. An administrator reading `pulumi up` output needs the member's email or the group's name,
// not only LINE WORKS' answer to one call of many.
import type { Kind } from "../kinds";
import type { Props } from "./values";

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** `group "Sales" (groupId g-1, groupExternalKey "SALES")`: the parts that are known. */
export function labelOf(kind: Kind, props: Props | undefined, id?: string): string {
  const name = text(props?.[kind.nameField]);
  const key = text(props?.[kind.externalKeyField]);
  const theId = text(id) ?? text(props?.[kind.idField]);
  const parts = [theId && `${kind.idField} ${theId}`, key && `${kind.externalKeyField} "${key}"`].filter(Boolean);
  return `${kind.noun}${name ? ` "${name}"` : ""}${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

/**
 * Whether `message` names the object: its name when it has one (an ID means nothing in the admin
 * console), else its ID or external key.
 */
export function namesObject(kind: Kind, message: string, props: Props | undefined, id?: string): boolean {
  const lower = message.toLowerCase();
  const has = (v: string | undefined) => !!v && lower.includes(v.toLowerCase());
  const name = text(props?.[kind.nameField]);
  if (name) return has(name);
  return has(text(id) ?? text(props?.[kind.idField])) || has(text(props?.[kind.externalKeyField]));
}

/**
 * Runs one operation on one object. An error whose message does not name the object (LINE WORKS'
 * answer to a call in the middle of a write, say) is thrown again with the object's label in
 * front, as an error of the same class. `about` is read when the error arrives, so an ID found
 * meanwhile is in it.
 */
export async function naming<T>(kind: Kind, about: () => { props?: Props; id?: string }, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const { props, id } = about();
    if (namesObject(kind, e.message, props, id)) throw e;
    // A copy of the same class (an error may be shared by operations waiting on one another).
    const label = labelOf(kind, props, id);
    const message = `${label[0].toUpperCase()}${label.slice(1)}: ${e.message}`;
    const named: Error = Object.assign(Object.create(Object.getPrototypeOf(e)), e);
    Object.defineProperty(named, "message", { value: message, writable: true, configurable: true });
    Object.defineProperty(named, "stack", { value: e.stack?.replace(e.message, message) ?? message, writable: true, configurable: true });
    throw named;
  }
}
