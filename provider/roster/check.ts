// A roster's check and diff: each item through the kind's own check and diff, its problems and
// changes named by its key (`members["EMP_0001"].email: ...`).
import { stableKey } from "../kinds/rosters";
import { check, type CheckFailure } from "../lifecycle/check";
import { compare, diff, type DiffResult } from "../lifecycle/diff";
import { defaultDomainId } from "../lifecycle/settings";
import { declaredList, isUnknown, type Props } from "../lifecycle/values";
import { currentRun } from "../lifecycle/run";
import { bucketOf, noteDeclared } from "./sets";
import { BUCKET, compact, expand, ITEMS, itemLabel, itemText, itemValue, outputItem, rosterOf, SECRETS, secretsOf } from "./items";

const PROPERTIES = ["__provider", "domainId", ITEMS, SECRETS, BUCKET];
const isMap = (v: unknown): v is Props => !!v && typeof v === "object" && !Array.isArray(v);

export function checkRoster(type: string, olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] } {
  const r = rosterOf(type);
  const kind = r.item;
  const failures: CheckFailure[] = [];
  const fail = (property: string, message: string) => failures.push({ property, reason: `${type} ${property}${message}` });
  for (const k of Object.keys(news)) if (!PROPERTIES.includes(k) && news[k] !== undefined) fail(k, ` is not a property of ${type}; expected domainId, ${ITEMS}`);
  const domainId = news.domainId ?? defaultDomainId();
  if (domainId === undefined) failures.push({ property: "domainId", reason: "domainId is not set: give domainId, or set lineworks:domainId (LINEWORKS_DOMAIN_ID)" });
  else if (!isUnknown(domainId) && !(Number.isInteger(domainId) && domainId > 0)) fail("domainId", ": must be a positive whole number (a domain ID)");
  const inputs: Props = { ...news, domainId };
  const b = news[BUCKET];
  if (b !== undefined && !isUnknown(b) && !(Array.isArray(b) && b.length === 2 && b.every(Number.isInteger) && b[0] >= 0 && b[0] < b[1])) {
    fail(BUCKET, ": must be [index, count], 0 <= index < count (the roster's place among a Directory's rosters)");
  }
  const items = news[ITEMS];
  if (isUnknown(items) || domainId === undefined || isUnknown(domainId)) return { inputs, failures };
  if (!isMap(items)) {
    fail(ITEMS, `: must be a map of ${kind.noun}s by their ${kind.externalKeyField}, else their ${kind.nameField}`);
    return { inputs, failures };
  }
  const secrets: Props = isMap(news[SECRETS]) ? news[SECRETS] : {};
  const oldItems: Props = isMap(olds?.[ITEMS]) ? olds[ITEMS] : {};
  const oldDomain = typeof olds?.domainId === "number" ? olds.domainId : domainId;
  const keptItems: Props = {};
  const keptSecrets: Props = {};
  const names = new Map<string, string>();
  const nameOf = new Map<string, string>(); // each item's name by key
  for (const key of Object.keys(items).sort()) {
    const label = itemLabel(key);
    let item: unknown;
    try {
      item = itemValue(items[key]);
    } catch {
      item = undefined;
    }
    if (isUnknown(item)) {
      keptItems[key] = item;
      continue;
    }
    if (!isMap(item)) {
      fail(label, `: must be an object (a ${kind.noun}'s fields)`);
      continue;
    }
    const oldItem = oldItems[key] === undefined ? undefined : itemValue(oldItems[key]);
    const old = isMap(oldItem) ? expand(r, oldItem, oldDomain) : {};
    const checked = check(kind.type, old, { ...item, ...(isMap(secrets[key]) ? secrets[key] : {}), domainId: item.domainId ?? domainId });
    for (const f of checked.failures) {
      const own = `${kind.type} ${f.property}`;
      const reason = f.reason.startsWith(own) ? `${type} ${label}.${f.property}${f.reason.slice(own.length)}` : `${type} ${label}: ${f.reason}`;
      failures.push({ property: `${label}.${f.property}`, reason });
    }
    const declared = checked.inputs;
    const want = isUnknown(declared[kind.externalKeyField]) || isUnknown(declared[kind.nameField]) ? undefined : stableKey(kind, declared);
    const keyed = typeof declared[kind.externalKeyField] === "string" && declared[kind.externalKeyField];
    // A key field that breaks its own rule is reported once, by that rule.
    const badKey = checked.failures.some((f) => f.property === kind.nameField || f.property === kind.externalKeyField);
    if (want !== undefined && !badKey && (keyed ? key !== want : key.toLowerCase() !== want)) {
      fail(label, `: the key must be the ${kind.noun}'s ${kind.externalKeyField}, else its ${kind.nameField}: "${want}", so that the ${kind.noun} keeps its place whatever else changes`);
    }
    const name = declared[kind.nameField];
    if (typeof name === "string" && !isUnknown(name)) {
      const other = names.get(name.toLowerCase());
      if (other !== undefined) fail(`${label}.${kind.nameField}`, `: "${name}" is also ${itemLabel(other)}'s ${kind.nameField}; one ${kind.noun} cannot be declared twice`);
      else names.set(name.toLowerCase(), key);
      nameOf.set(key, name);
    }
    keptItems[key] = itemText(compact(r, declared, domainId, false));
    const hidden = secretsOf(r, declared);
    if (hidden) keptSecrets[key] = hidden;
  }
  inputs[ITEMS] = keptItems;
  // What this roster declares, for the others of its set deciding whether a member that left them is removed (sets.ts).
  const bucket = bucketOf(b);
  if (bucket) noteDeclared(currentRun(), type, domainId, bucket, Object.keys(keptItems).map((k) => [k, nameOf.get(k)]));
  if (Object.keys(keptSecrets).length) inputs[SECRETS] = keptSecrets;
  else delete inputs[SECRETS];
  return { inputs, failures };
}

/** Whether a kept item changes: its kind's diff, and a field declared now that was not before (state keeps no echo of it to compare). */
export async function itemChanges(type: string, id: string, old: Props, next: Props): Promise<boolean> {
  const kind = rosterOf(type).item;
  if (isUnknown(next)) return true;
  const before = declaredList(old) ?? [];
  if ((declaredList(next) ?? []).some((f) => kind.outputFields.includes(f) && !before.includes(f))) return true;
  if (!compare(kind, old, next).result.changes) return false;
  return (await diff(kind.type, id, old, next)).changes;
}

/** Keys added, removed and changed between a roster's outputs and its new inputs. */
export async function itemDelta(type: string, olds: Props, news: Props): Promise<{ added: string[]; removed: string[]; changed: string[] }> {
  const r = rosterOf(type);
  const oldItems: Props = isMap(olds[ITEMS]) ? olds[ITEMS] : {};
  const newItems: Props = isMap(news[ITEMS]) ? news[ITEMS] : {};
  const added = Object.keys(newItems).filter((k) => !(k in oldItems)).sort();
  const removed = Object.keys(oldItems).filter((k) => !(k in newItems)).sort();
  const both = Object.keys(newItems).filter((k) => k in oldItems).sort();
  const changed: string[] = [];
  await Promise.all(
    both.map(async (k) => {
      const old = expand(r, outputItem(olds, k), olds.domainId);
      const item = itemValue(newItems[k]);
      const next = isUnknown(item) ? item : expand(r, item as Props, news.domainId);
      if (await itemChanges(type, old[r.item.idField], old, next as Props)) changed.push(k);
    }),
  );
  return { added, removed, changed: changed.sort() };
}

/** A roster changes in place, never replaced: its items are created, updated and deleted one by one. */
export async function diffRoster(type: string, _id: string, olds: Props, news: Props): Promise<DiffResult> {
  const { added, removed, changed } = isUnknown(news[ITEMS]) ? { added: ["?"], removed: [], changed: [] } : await itemDelta(type, olds, news);
  const changes = added.length + removed.length + changed.length > 0 || olds.domainId !== news.domainId;
  return { changes, replaces: [], deleteBeforeReplace: false, stables: [] };
}
