// A roster's create, update, delete and refresh: the kind's own lifecycle for each item, so every
// rule of the kind holds inside a roster (pacing, one write per item at a time, lost answers,
// adoption, moves, soft delete, the delete cap). What is live in LINE WORKS decides, not state:
// an item's create takes over the object that already has its key (one a failed run created, or a
// member resource this run replaces), and an update compares with the live object first.
import { randomUUID } from "node:crypto";
import { clientFor } from "../client";
import { getOne } from "../lifecycle/api";
import { create } from "../lifecycle/create";
import { remove } from "../lifecycle/delete";
import { read } from "../lifecycle/read";
import { currentRun, snapshotOf } from "../lifecycle/run";
import { bucketOf, declaredInSet, setChecked } from "./sets";
import { update } from "../lifecycle/update";
import { ADOPT, DECLARED, declaredList, isSoftDeleted, type Props } from "../lifecycle/values";
import { itemDelta } from "./check";
import { log } from "../lifecycle/settings";
import { BUCKET, compact, eachItem, expand, ITEMS, itemLabel, itemValue, outputItem, outputItems, rosterOf, rosterOutputs, SECRETS } from "./items";

/** Items worked on at once: the kind's writers pace the writes (members: 10 per second per domain). */
const IN_FLIGHT = 16;
/**
 * How long a roster with members to delete waits for the other rosters of its set to be checked
 * (they register once the units and titles they refer to are written: at one unit a second, a
 * large reorganisation takes minutes).
 */
const SET_WAIT_MS = 10 * 60_000;
/** Failed items a message lists one by one. */
const SHOWN = 10;

/** A removed item left in place (not deleted, and kept in state). */
const KEPT = Symbol("kept");

type Outcome = Map<string, { ok: unknown } | { error: unknown }>;

/**
 * A roster step that failed for some items: the others are done, and `properties` say so. The
 * engine keeps those outputs as the roster's state (a partial failure), and the next run goes on
 * from what LINE WORKS holds.
 */
function partial(type: string, id: string | undefined, properties: Props, failed: [string, unknown][], done: number): Error {
  const noun = rosterOf(type).item.noun;
  const lines = failed.slice(0, SHOWN).map(([key, e]) => `  ${itemLabel(key)}: ${e instanceof Error ? e.message : String(e)}`);
  const more = failed.length > SHOWN ? [`  … and ${failed.length - SHOWN} more`] : [];
  const message =
    `${type}: ${failed.length} ${noun}(s) failed, ${done} succeeded. LINE WORKS holds what succeeded; run \`pulumi up\` again after fixing the cause: ` +
    `it finds the ${noun}s already written and does not write them twice.\n${[...lines, ...more].join("\n")}`;
  const e = new Error(message) as Error & { id?: string; properties?: Props; reasons?: string[] };
  if (id !== undefined && done > 0) Object.assign(e, { id, properties, reasons: [message] });
  return e;
}

const failures = (results: Outcome) => [...results].flatMap(([k, v]) => ("error" in v ? [[k, v.error] as [string, unknown]] : []));

/** One item created, or taken over where LINE WORKS already has it. */
async function createItem(type: string, news: Props, key: string): Promise<Props> {
  const r = rosterOf(type);
  const item = expand(r, itemValue(news[ITEMS][key]) as Props, news.domainId, news[SECRETS]?.[key]);
  const { outs } = await create(r.item.type, { ...item, [ADOPT]: true });
  return compact(r, outs, news.domainId, true);
}

/** One item updated from what LINE WORKS holds now (nothing is written where it already matches); recreated if it is gone. */
async function updateItem(type: string, olds: Props, news: Props, key: string): Promise<Props> {
  const r = rosterOf(type);
  const kind = r.item;
  const run = currentRun();
  const s = run.settings();
  const old = expand(r, outputItem(olds, key), olds.domainId);
  const id = old[kind.idField];
  const domainId = old.domainId;
  const live = (await snapshotOf(run, clientFor(s), kind, domainId, s))?.get(id) ?? (await getOne(clientFor(s), kind, id, domainId));
  if (!live || isSoftDeleted(kind, live)) return createItem(type, news, key);
  const next = expand(r, itemValue(news[ITEMS][key]) as Props, news.domainId);
  const { outs } = await update(kind.type, id, { ...live, [DECLARED]: declaredList(old) }, next);
  return compact(r, outs, news.domainId, true);
}

export async function createRoster(type: string, news: Props): Promise<{ id: string; outs: Props }> {
  const keys = Object.keys(news[ITEMS] ?? {}).sort();
  const id = `${news.domainId}-${randomUUID()}`;
  const results = await eachItem(keys, IN_FLIGHT, (key) => createItem(type, news, key));
  const items: Record<string, Props> = {};
  for (const [key, v] of results) if ("ok" in v) items[key] = v.ok as Props;
  const outs = rosterOutputs(news.domainId, items);
  const failed = failures(results);
  if (failed.length) throw partial(type, id, outs, failed, keys.length - failed.length);
  return { id, outs };
}

export async function updateRoster(type: string, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const { added, removed, changed } = await itemDelta(type, olds, news);
  const r = rosterOf(type);
  const items = outputItems(olds);
  // Creates and updates first; deletes last, so a member another key or resource takes over in this run is not deleted.
  const adding = new Set(added);
  const written = await eachItem([...added, ...changed], IN_FLIGHT, (key) => (adding.has(key) ? createItem(type, news, key) : updateItem(type, olds, news, key)));
  for (const [key, v] of written) if ("ok" in v) items[key] = v.ok as Props;
  // Removed, or only moved to another roster of the set, or declared under a new key: the set says (sets.ts).
  const bucket = bucketOf(news[BUCKET]);
  const checked = bucket && removed.length ? await setChecked(currentRun(), type, news.domainId, bucket, SET_WAIT_MS) : true;
  const gone = await eachItem(removed, IN_FLIGHT, async (key) => {
    const old = expand(r, outputItem(olds, key), olds.domainId);
    if (bucket) {
      const name = old[r.item.nameField] as string | undefined;
      if (!checked) {
        log(`${type} ${itemLabel(key)}: not deleted: the other rosters of this Directory were not all checked in this run (a run with --target?), so it cannot tell whether the ${r.item.noun} moved to one of them. Run \`pulumi up\` without --target to delete it.`);
        return KEPT; // still in this roster's state, so the next run deletes it
      }
      const where = declaredInSet(currentRun(), type, news.domainId, bucket, key, name);
      if (where) {
        const how = where.by === "key" ? "the number of rosters changed" : `declared there as ${name}, under another key`;
        log(`${type} ${itemLabel(key)}: now kept in roster ${where.roster} of ${bucket[1]} (${how}): not deleted`);
        return;
      }
    }
    await remove(r.item.type, old[r.item.idField], old);
  });
  for (const [key, v] of gone) if ("ok" in v && v.ok !== KEPT) delete items[key];
  // Items the program keeps unchanged keep their state, now in the roster's domain terms.
  const outs = rosterOutputs(news.domainId, items);
  const failed = [...failures(written), ...failures(gone)];
  if (failed.length) throw partial(type, id, outs, failed, written.size + gone.size - failed.length);
  return { outs };
}

export async function removeRoster(type: string, _id: string, props: Props): Promise<void> {
  const r = rosterOf(type);
  const keys = Object.keys(props[ITEMS] ?? {}).sort();
  const results = await eachItem(keys, IN_FLIGHT, async (key) => {
    const old = expand(r, outputItem(props, key), props.domainId);
    await remove(r.item.type, old[r.item.idField], old);
  });
  const failed = failures(results);
  // A delete cannot report a part done: the roster stays in state whole, and the next destroy finds the deleted ones gone.
  if (failed.length) throw partial(type, undefined, {}, failed, keys.length - failed.length);
}

/**
 * Refresh: each item from the run's list snapshot of its domain (one paged list shared by every
 * roster of the run), only its declared fields kept. An item gone from LINE WORKS leaves the
 * roster, so the next `up` creates it again.
 */
export async function readRoster(type: string, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
  const r = rosterOf(type);
  const kind = r.item;
  const keys = Object.keys(props[ITEMS] ?? {}).sort();
  const results = await eachItem(keys, IN_FLIGHT, async (key) => {
    const old = expand(r, outputItem(props, key), props.domainId);
    return read(kind.type, old[kind.idField], old);
  });
  const outs: Props = {};
  const ins: Props = {};
  for (const key of keys) {
    const v = results.get(key)!;
    if ("error" in v) throw new Error(`${type} ${itemLabel(key)}: ${v.error instanceof Error ? v.error.message : String(v.error)}`);
    const got = v.ok as { id?: string; props?: Props; inputs?: Props };
    if (!got.id || !got.props) continue;
    outs[key] = compact(r, got.props, props.domainId, true);
    ins[key] = compact(r, got.inputs ?? got.props, props.domainId, false);
  }
  return { id, props: rosterOutputs(props.domainId, outs), inputs: { domainId: props.domainId, [ITEMS]: rosterOutputs(props.domainId, ins)[ITEMS] } };
}


