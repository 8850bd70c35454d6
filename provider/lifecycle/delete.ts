// Delete, and LINE WORKS' soft delete: a deleted object that still holds its name or key.
import { clientFor, type ApiClient } from "../client";
import { SETTINGS, type Settings } from "../config";
import { answerText, ConflictError, InvalidError, LineWorksError, NotFoundError, sentence } from "../errors";
import { isFeatureOff, type Kind } from "../kinds";
import { getOne, itemQuery } from "./api";
import { describeFound, type Found } from "./lookup";
import { currentRun, remember, write, type Run } from "./run";
import { labelOf, naming } from "./naming";
import { log } from "./settings";
import { coordinated, uniqueMoves } from "./unique";
import { act } from "./update";
import { kindOf, type Props } from "./values";

export function softDeletedError(kind: Kind, inputs: Props, found: Found, e: LineWorksError): Error {
  return new Error(
    `Cannot create ${kind.noun} "${inputs[kind.nameField]}": ${kind.noun} ${describeFound(kind, found)} was deleted and still holds it ` +
      `(LINE WORKS ${answerText(e)}). ${sentence(kind.softDelete!.explain)}`,
  );
}

/** Brings a soft-deleted object back (a lost answer is read back before the restore is repeated). Call it inside a write. */
export async function restore(client: ApiClient, kind: Kind, obj: Props, domainId: number, s: Settings): Promise<Props> {
  const id = obj[kind.idField];
  log(`${kind.noun} ${id} (${obj[kind.nameField]}) was deleted and is restored to be adopted`);
  const sd = kind.softDelete!;
  // Runs inside the create's write (its per-domain rule applies); a nested write() could wait on itself.
  const now = await act(client, kind, id, sd.restore, "restore", undefined, (o) => o[sd.flag] !== true, domainId, s);
  return now?.[kind.idField] ? now : ((await getOne(client, kind, id, domainId)) ?? { ...obj, [sd.flag]: false });
}

/** A delete LINE WORKS refused for a reason the kind declares (an org unit with members): what it means and what to do. */
async function deleteRefused(client: ApiClient, kind: Kind, id: string, props: Props, e: LineWorksError): Promise<Error> {
  const refusal = kind.deleteRefusal!;
  let blockers = "";
  if (refusal.blockers) {
    const b = refusal.blockers;
    try {
      const page = await client.request<Props>({ method: "GET", path: b.path, params: { id }, searchParams: { count: 100 } });
      const items: Props[] = Array.isArray(page?.[b.listKey]) ? page[b.listKey] : [];
      const shown = items.slice(0, 5).map(b.label).join(", ");
      blockers = items.length ? ` Its ${b.noun}: ${shown}${items.length > 5 ? ` and ${items.length - 5}${page?.responseMetaData?.nextCursor ? "+" : ""} more` : ""}.` : ` It has no ${b.noun}: the members are in a unit under it.`;
    } catch {
      /* the explanation stands without the list */
    }
  }
  const explain = typeof refusal.explain === "function" ? refusal.explain(props) : refusal.explain;
  return new Error(`Cannot delete ${labelOf(kind, props, id)}: LINE WORKS answered ${answerText(e)}. ${sentence(explain)}${blockers}`);
}

/**
 * Counts the delete against the kind's cap for the run (`deleteCap`), or refuses it before any
 * call; returns whether it was counted (a failed delete gives its count back).
 */
function withinCap(run: Run, kind: Kind, id: string, props: Props): boolean {
  if (!kind.deleteCap) return false;
  const setting = kind.deleteCap;
  const cap = run.settings()[setting];
  const over = run.countDelete(kind, cap);
  if (!over) return true;
  const deleted = over.reached === 1 ? `1 ${kind.noun} was` : `${over.reached} ${kind.noun}s were`;
  throw new Error(
    `Not deleting ${labelOf(kind, props, id)}: ${deleted} deleted in this run, and lineworks:${setting} (${SETTINGS[setting].env}) allows ${cap}, ` +
      `so the cap is reached and nothing was sent for this one. The deletes before it have happened. If this many ${kind.noun}s are meant to go, ` +
      `raise the cap, e.g. \`pulumi config set lineworks:${setting} 300\`, then run \`pulumi up\` again: it deletes the rest.`,
  );
}

export async function remove(type: string, id: string, props: Props): Promise<void> {
  const kind = kindOf(type);
  const run = currentRun();
  const client = clientFor(run.settings());
  if (run.takenBy(kind, id) === "adopted") {
    // Another resource of this run took this object over (e.g. the program renamed the resource
    // without `aliases`): deleting it would delete what that resource now manages.
    log(`${kind.noun} ${id} was adopted by another resource in this run: not deleted, only forgotten by this resource`);
    return;
  }
  const counted = withinCap(run, kind, id, props);
  const [holds] = uniqueMoves(kind, props.domainId, props, Object.fromEntries(kind.uniqueFields.map((f) => [f, null])));
  try {
    await naming(kind, () => ({ props, id }), () => deleteOne(run, client, kind, id, props, holds));
  } catch (e) {
    if (counted) run.uncountDelete(kind);
    throw e;
  }
}

async function deleteOne(run: Run, client: ApiClient, kind: Kind, id: string, props: Props, holds: ReturnType<typeof uniqueMoves>[0]): Promise<void> {
  await coordinated(
    run,
    holds,
    [],
    () =>
      write(run, kind, props.domainId, `id:${id}`, async () => {
        try {
          // LINE WORKS' soft delete unless the program declared the permanent one.
          const force = kind.softDelete?.force && props[kind.softDelete.force.field] === true ? kind.softDelete.force.suffix : "";
          if (force) log(`${kind.noun} ${id}: deleted permanently (${kind.softDelete!.force!.field}: true); it cannot be restored`);
          await client.request({ method: "DELETE", path: `${kind.path}/{id}${force}`, params: { id }, searchParams: itemQuery(kind, props.domainId) });
          remember(run, kind, props.domainId, id, undefined);
        } catch (e) {
          // Already gone (a parent's delete takes member-less units under it along): the goal of a delete.
          if (e instanceof NotFoundError) return remember(run, kind, props.domainId, id, undefined);
          // A disabled feature has wiped every object of its kind, this one included.
          if (kind.feature && isFeatureOff(e, kind.feature)) return remember(run, kind, props.domainId, id, undefined);
          if (kind.deleteRefusal && (e instanceof InvalidError || e instanceof ConflictError)) throw await deleteRefused(client, kind, id, props, e);
          throw e;
        }
      }, "delete"),
    { onConflict: (e) => e },
  );
}
