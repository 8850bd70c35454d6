// Read (refresh and import), from the run's list snapshot where it can.
import { clientFor } from "../client";
import { FEATURES, isFeatureOff, type Kind } from "../kinds";
import { getOne } from "./api";
import { ambiguousName } from "./lookup";
import { naming } from "./naming";
import { storedForms } from "./references";
import { currentRun, objectsOf, snapshotOf } from "./run";
import { complete, explainUneditable, keyed, refuseUneditable } from "./sets";
import { defaultDomainId, log } from "./settings";
import { DECLARED, declaredList, isSoftDeleted, kindOf, outputs, same, type Props } from "./values";

/**
 * Refresh: served from the run's list snapshot of the type (one paged list for all objects of a
 * domain), confirmed with a GET before an object is reported gone. Returns as inputs only the
 * fields the program declared. A feature switched off in the admin console has wiped every
 * object of its kind: they are reported gone, so `pulumi up --refresh` recreates them.
 */
export function read(type: string, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
  const kind = kindOf(type);
  // An import by name (`name:<name>`) names the object by that name.
  const about = () => (id.startsWith("name:") ? { props: { ...props, [kind.nameField]: id.slice(5) } } : { props, id });
  return naming(kind, about, () => readOne(kind, id, props));
}

async function readOne(kind: Kind, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
  const run = currentRun();
  const s = run.settings();
  const client = clientFor(s);
  const domainId = typeof props.domainId === "number" ? props.domainId : defaultDomainId();
  let obj: Props | undefined;
  try {
    if (id.startsWith("name:")) {
      // Adoption by name through `pulumi import`: IDs are not shown in the admin console.
      if (domainId === undefined) throw new Error("importing by name needs domainId or lineworks:domainId");
      const wanted = { [kind.nameField]: id.slice(5), domainId };
      const named = [...(await objectsOf(run, client, kind, domainId, s))].filter((o) => same(kind, kind.nameField, o[kind.nameField], wanted[kind.nameField]));
      if (named.length > 1 && kind.uniqueNames === false) throw ambiguousName({ ...kind, nameScope: [] }, wanted, named);
      obj = named[0];
    } else {
      if (domainId !== undefined && !id.includes(":")) obj = (await snapshotOf(run, client, kind, domainId, s))?.get(id);
      obj ??= await run.locks.run(`${kind.type}|id:${id}`, () => getOne(client, kind, id, domainId));
    }
    // A soft-deleted object is gone for the program (restorable in LINE WORKS for a while; `up` then says how).
    if (!obj || isSoftDeleted(kind, obj)) return {};
    refuseUneditable(kind, obj);
    obj = await complete(client, kind, obj);
  } catch (e) {
    explainUneditable(kind, e);
    if (!kind.feature || !isFeatureOff(e, kind.feature)) throw e;
    log(`${kind.noun} ${id}: the ${FEATURES[kind.feature].flag} feature is off in domain ${domainId}, which deleted every ${kind.noun}; reporting it gone`);
    return {};
  }
  const declared = declaredList(props);
  const outs = outputs(kind, obj, domainId!, declared, await storedForms(run, client, kind, props, domainId!, s), props);
  if (!declared && props[kind.idField] !== undefined) {
    // State written before the declared-field list existed: keep the stored inputs as they are.
    return { id: obj[kind.idField], props: outs };
  }
  // An import declares only the required fields; the others stay unmanaged until the program declares them.
  const fields = declared ?? kind.requiredFields;
  const inputs: Props = { domainId: outs.domainId, [DECLARED]: fields };
  // A write-only secret is not read back: refreshed inputs no longer hold it (nor does the state).
  for (const f of fields) if (kind.outputFields.includes(f)) inputs[f] = outs[f];
  return { id: obj[kind.idField], props: { ...outs, [DECLARED]: fields }, inputs: keyed(kind, inputs) };
}
