// Update, and converging an existing object to a declaration (also adoption's): actions, one
// PATCH, set items, toggled states.
import { clientFor, type ApiClient } from "../client";
import type { Settings } from "../config";
import { answerText, InvalidError, LineWorksError, NetworkError, sentence, ServerError } from "../errors";
import type { Kind } from "../kinds";
import { clock } from "../../clock";
import { getOne } from "./api";
import { resolveRefs } from "./references";
import { currentRun, remember, write, type Run } from "./run";
import { addItem, complete, listed, removeItem, setDelta } from "./sets";
import { labelOf, naming } from "./naming";
import { log } from "./settings";
import { refuseCycle, refuseDepth } from "./tree";
import { coordinated, detourFor, uniqueMoves } from "./unique";
import { asFields, declaredFields, declaredList, differingFields, kindOf, outputs, same, triggers, type Props } from "./values";

/**
 * Brings an existing object from `live` to `wanted` (both with references resolved): the actions
 * that go first (a member's move to another domain), one PATCH for the fields PATCH carries, the
 * other actions (an org unit's move) whose trigger fields differ, then each toggled state
 * (suspension). `patchAll` sends every declared PATCH field once any differs (an update, whose
 * `live` is the stored state and may be stale); otherwise only the differing ones (adoption,
 * `live` read just now). Returns the object as LINE WORKS last answered, or undefined when nothing
 * was sent.
 */
export async function converge(run: Run, client: ApiClient, kind: Kind, id: string, live: Props, wanted: Props, s: Settings, patchAll: boolean): Promise<Props | undefined> {
  const declared = declaredFields(kind, wanted);
  const differing = differingFields(kind, live, declared);
  if (live.domainId !== undefined && live.domainId !== wanted.domainId) differing.push("domainId");
  await refuseToggles(client, kind, id, live, declared, patchAll, wanted.domainId);
  let obj: Props | undefined;
  const keep = (res: Props | undefined) => {
    obj = res ?? obj;
    if (obj?.[kind.idField]) remember(run, kind, wanted.domainId, id, obj);
  };
  const runActions = async (first: boolean) => {
    for (const action of kind.actions) {
      if (!!action.first !== first || !triggers(action).some((f) => differing.includes(f))) continue;
      if (action.fields.includes(kind.parentField ?? "")) {
        await refuseCycle(run, client, kind, id, declared[kind.parentField!], wanted.domainId, s);
        await refuseDepth(run, client, kind, { ...live, ...wanted }, id, declared[kind.parentField!], wanted.domainId, s);
      }
      // Fields the program leaves undeclared are not sent (a move must not clear a member's external key).
      const fields = Object.fromEntries(action.fields.filter((f) => declared[f] !== undefined).map((f) => [f, declared[f]]));
      log(`${kind.noun} ${id}: ${action.verb} (${Object.entries(fields).map(([f, v]) => `${f} ${JSON.stringify(v)}`).join(", ")})`);
      const holds = (now: Props) =>
        (!triggers(action).includes("domainId") || now.domainId === wanted.domainId) && Object.keys(fields).every((f) => same(kind, f, now[f], fields[f]));
      keep(await act(client, kind, id, action.suffix, action.verb, { ...fields, ...action.with }, holds, wanted.domainId, s));
    }
  };
  await runActions(true);
  // Sets with their own endpoints change item by item, unless so many items change that one PATCH carrying the set is less.
  const items = kind.collections
    .filter(([f]) => declared[f] !== undefined && differing.includes(f))
    .map(([f, c]) => ({ f, c, ...setDelta(kind, f, live[f], declared[f]) }));
  const patchedSets = items.filter((x) => x.added.length + x.removed.length > (x.c.patchAbove ?? Infinity)).map((x) => x.f);
  const itemWise = items.filter((x) => !patchedSets.includes(x.f));
  const patchFields = kind.patchFields.filter((f) => declared[f] !== undefined && (!kind.traits[f]?.collection || patchedSets.includes(f)));
  const patching = patchFields.filter((f) => differing.includes(f));
  if (patching.length) {
    const json = Object.fromEntries((patchAll ? patchFields : patching).map((f) => [f, declared[f]]));
    // PATCH leaves fields the program does not declare as they are; domainId never moves.
    keep(await client.request<Props>({ method: "PATCH", path: `${kind.path}/{id}`, params: { id }, json }));
    const ignored = patchedSets.filter((f) => Array.isArray(obj?.[f]) && !same(kind, f, obj![f], declared[f]));
    if (ignored.length) {
      throw new Error(`${kind.noun} ${id}: LINE WORKS accepted the PATCH but did not apply ${ignored.join(", ")}.${kind.uneditable ? ` ${sentence(kind.uneditable.explain)}` : ""}`);
    }
  }
  for (const { f, c, added, removed } of itemWise) log(`${kind.noun} ${id}: ${f}: adding ${added.length} ${c.noun}(s), removing ${removed.length}`);
  // Adds first, in field order, then removes in reverse order: a group never lacks a master, and masters join before members leave.
  for (const { f, added } of itemWise) for (const item of added) await addItem(client, kind, id, f, item, s);
  for (const { f, removed } of [...itemWise].reverse()) for (const item of removed) await removeItem(client, kind, id, f, item);
  await runActions(false);
  const switching = kind.toggles.filter(([f]) => declared[f] !== undefined && differing.includes(f));
  for (const [f] of switching) await switchTo(client, kind, id, f, declared[f] === true, wanted.domainId, s, labelOf(kind, { ...live, ...wanted }, id));
  if (switching.length || itemWise.length) keep(await getOne(client, kind, id, wanted.domainId));
  return obj;
}

/** Switches a toggled state through its action (a lost answer is read back); a refusal says what it means. */
export async function switchTo(client: ApiClient, kind: Kind, id: string, field: string, want: boolean, domainId: number, s: Settings, label = `${kind.noun} ${id}`): Promise<void> {
  const toggle = kind.traits[field]!.toggle!;
  log(`${label}: ${field} ${want}`);
  try {
    await act(client, kind, id, want ? toggle.on : toggle.off, `${field} ${want}`, undefined, (now) => now[toggle.live] === want, domainId, s);
  } catch (e) {
    throw want && e instanceof InvalidError ? new Error(`Cannot set ${field}: true on ${label}: LINE WORKS answered ${answerText(e)}. ${sentence(toggle.explain)}`) : e;
  }
}

/**
 * A toggled state the object cannot take (a pending member cannot be suspended): refused before
 * any write, from what LINE WORKS says now. `stale` (an update, whose `live` is the stored state):
 * the object is read again before it is refused, as it may have changed since (the member logged
 * in between runs); never refused from stored state.
 */
async function refuseToggles(client: ApiClient, kind: Kind, id: string, live: Props, declared: Props, stale: boolean, domainId: number): Promise<void> {
  for (const [f, toggle] of kind.toggles) {
    if (!toggle.refuseOn || declared[f] !== true || asFields(kind, live)[f] === true || !toggle.refuseOn(live)) continue;
    const now = stale ? ((await getOne(client, kind, id, domainId)) ?? live) : live;
    const why = asFields(kind, now)[f] === true ? undefined : toggle.refuseOn(now);
    if (why) throw new Error(`Cannot set ${f}: true on ${labelOf(kind, now, id)}: it ${why}.`);
  }
}

/**
 * One action call. The client does not repeat a POST whose answer is lost (it may have been
 * applied): read the object, and repeat the action only if the object does not `hold` its outcome yet.
 */
export async function act(
  client: ApiClient,
  kind: Kind,
  id: string,
  suffix: string,
  verb: string,
  json: Props | undefined,
  holds: (now: Props) => boolean,
  domainId: number,
  s: Settings,
): Promise<Props | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await client.request<Props>({ method: "POST", path: `${kind.path}/{id}${suffix}`, params: { id }, json })) || undefined;
    } catch (e) {
      if (!(e instanceof NetworkError || e instanceof ServerError)) throw e;
      const now = await getOne(client, kind, id, domainId);
      if (now && holds(now)) {
        log(`${kind.noun} ${id}: the ${verb} was applied although its answer was lost`);
        return now;
      }
      if (attempt > s.retryLimit) throw e;
      await clock.sleep(client.backoff(attempt));
    }
  }
}

export async function update(type: string, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const kind = kindOf(type);
  news = listed(kind, news);
  const run = currentRun();
  const s = run.settings();
  const client = clientFor(s);
  const [holds, wants] = uniqueMoves(kind, news.domainId, olds, news);
  return naming(kind, () => ({ props: { ...olds, ...news }, id }), () => coordinated(
    run,
    holds,
    wants,
    () =>
      write(run, kind, news.domainId, `id:${id}`, async () => {
        const { resolved, forms } = await resolveRefs(run, client, kind, news, s);
        // The stored state resolved in its own domain: a domain change is then seen (a member's move).
        // A stored form that names nothing now stays as written (PATCH sends every declared field anyway).
        const live = (await resolveRefs(run, client, kind, { ...olds, domainId: olds.domainId ?? news.domainId }, s, true).catch(() => ({ resolved: olds }))).resolved;
        const res = await converge(run, client, kind, id, live, resolved, s, true);
        const found = res?.[kind.idField] ? res : await getOne(client, kind, id, news.domainId);
        if (!found) throw new Error(`${kind.noun} ${id} disappeared during the update; run \`pulumi refresh\``);
        const obj = await complete(client, kind, found);
        remember(run, kind, news.domainId, id, obj);
        return { outs: outputs(kind, obj, news.domainId, declaredList(news), forms, news) };
      }, "update"),
    { detour: detourFor(run, kind, client, id, news.domainId, olds, news), onConflict: (e) => updateConflictError(kind, id, olds, news, e) },
  ));
}

/** A 409 on an update: another object holds the value, and no operation of this run moves it. */
function updateConflictError(kind: Kind, id: string, olds: Props, news: Props, e: LineWorksError): Error {
  const fields = kind.uniqueFields.filter((f) => news[f] != null && news[f] !== olds[f]);
  const values = fields.map((f) => `${f} "${news[f]}"`).join(" / ");
  return new Error(
    `Cannot change ${labelOf(kind, olds, id)} to ${values}: another ${kind.noun} already has it, and no operation of this run renames or deletes that one ` +
      `(LINE WORKS ${answerText(e)}). Choose another value, or rename or delete the other ${kind.noun} in the same program.`,
  );
}
