// Create, with adoption of an existing object and recovery of one whose create answer was lost.
import { clientFor, type ApiClient } from "../client";
import type { Settings } from "../config";
import { answerText, ConflictError, LineWorksError, NetworkError, redact, ServerError } from "../errors";
import type { Kind } from "../kinds";
import { clock } from "../../clock";
import { restore, softDeletedError } from "./delete";
import { adopt, describeFound, findByNaturalKey, findForAdoption, matchNatural, takenHere, type Found } from "./lookup";
import { resolveRefs } from "./references";
import { currentRun, objectsOf, remember, write } from "./run";
import { complete, listed } from "./sets";
import { defaultDomainId, log } from "./settings";
import { coordinated, uniqueKey, uniqueMoves } from "./unique";
import { switchTo } from "./update";
import { ADOPT, asFields, declaredFields, declaredList, differingFields, isSoftDeleted, kindOf, outputs, pick, same, type Forms, type Props } from "./values";

export async function create(type: string, news: Props): Promise<{ id: string; outs: Props }> {
  const kind = kindOf(type);
  const run = currentRun();
  const s = run.settings();
  const client = clientFor(s);
  const declaredInputs: Props = { ...listed(kind, news), domainId: news.domainId ?? defaultDomainId() };
  const list = declaredList(declaredInputs) ?? Object.keys(declaredFields(kind, declaredInputs));
  let forms: Forms = new Map();
  let inputs = declaredInputs; // references resolved to IDs once inside the writer
  const done = async (obj: Props, how: "created" | "adopted") => {
    const id = obj[kind.idField] as string;
    if (how === "created") {
      run.take(kind, id, "created");
      obj = await switchAfterCreate(client, kind, obj, inputs, s);
    }
    obj = await complete(client, kind, obj);
    remember(run, kind, inputs.domainId, id, obj);
    return { id, outs: outputs(kind, obj, inputs.domainId, list, forms, declaredInputs) };
  };
  /** Where names repeat: objects matching by name before the POST, which a lost create cannot have made. */
  let before: Set<string> | undefined;
  /** A lost create's object: exactly as declared, not there before, and not one this run already holds for another resource. */
  const recoverable = (found: Found | undefined): found is Found =>
    !!found &&
    !isSoftDeleted(kind, found.obj) &&
    differingFields(kind, found.obj, pick(declaredFields(kind, inputs), kind.createFields)).length === 0 &&
    !run.takenBy(kind, found.obj[kind.idField]) &&
    !before?.has(found.obj[kind.idField]);
  /** An object found by name or key that another operation of this run is moving away: not ours to take. */
  const beingMoved = (found: Found) => kind.uniqueFields.some((f) => found.obj[f] != null && run.uniques.isHeld(uniqueKey(kind, f, inputs.domainId, found.obj[f])));
  const findLost = () => findByNaturalKey(client, kind, inputs, (id) => !!before?.has(id) || !!run.takenBy(kind, id));

  const adoptExisting = s.adoptExisting || news[ADOPT] === true;
  const [, wants] = uniqueMoves(kind, declaredInputs.domainId, {}, declaredInputs);
  return withoutSecrets(kind, declaredInputs, () => coordinated(run, [], wants, () =>
    write(run, kind, declaredInputs.domainId, `${declaredInputs.domainId}|name:${declaredInputs[kind.nameField]}`, async () => {
      ({ resolved: inputs, forms } = await resolveRefs(run, client, kind, declaredInputs, s));
      if (adoptExisting) {
        const found = await findForAdoption(run, client, kind, inputs, s);
        if (found && !beingMoved(found)) return done(await adopt(run, client, kind, found, inputs, s), "adopted");
      }
      if (kind.uniqueNames === false) before = new Set(matchNatural(kind, inputs, await objectsOf(run, client, kind, inputs.domainId, s)).byName.map((o) => o[kind.idField]));
      let ambiguous = false; // a POST may have been applied although its response was lost
      for (let attempt = 1; ; attempt++) {
        try {
          const json = { domainId: inputs.domainId, ...pick(declaredFields(kind, inputs), kind.createFields) };
          const created = await client.request<Props>({ method: "POST", path: kind.path, json });
          if (created?.[kind.idField]) return done(created, "created");
          const found = await findLost();
          if (found) return done(found.obj, "created");
          throw new Error(`LINE WORKS accepted the ${kind.noun} but returned no ${kind.idField}, and it cannot be found by name`);
        } catch (e) {
          if (e instanceof NetworkError || e instanceof ServerError) {
            ambiguous = true;
            const found = await findLost();
            if (recoverable(found)) {
              log(`recovered ${kind.noun} "${inputs[kind.nameField]}" whose create response was lost (${found.obj[kind.idField]})`);
              return done(found.obj, "created");
            }
            if (attempt > s.retryLimit) throw e;
            await clock.sleep(client.backoff(attempt));
            continue;
          }
          if (e instanceof ConflictError) {
            const found = await findByNaturalKey(client, kind, inputs, kind.uniqueNames === false ? takenHere(run, kind) : undefined);
            if (found && isSoftDeleted(kind, found.obj)) {
              if (!s.adoptExisting) throw softDeletedError(kind, inputs, found, e);
              return done(await adopt(run, client, kind, { ...found, obj: await restore(client, kind, found.obj, inputs.domainId, s) }, inputs, s), "adopted");
            }
            if (found && !beingMoved(found)) {
              if (adoptExisting) return done(await adopt(run, client, kind, found, inputs, s), "adopted");
              if (ambiguous && recoverable(found)) return done(found.obj, "created");
            }
          }
          throw e;
        }
      }
    }),
    { onConflict: async (e) => conflictError(kind, inputs, await findByNaturalKey(client, kind, inputs).catch(() => undefined), e) },
  ));
}

/** Shorter strings inside a secret field are not masked (they would mask ordinary words of a message). */
const SECRET_MIN_LENGTH = 4;

/** Every string inside the write-only fields of a declaration (a member's password). */
function secretsOf(kind: Kind, inputs: Props): string[] {
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === "string" && v.length >= SECRET_MIN_LENGTH) out.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  for (const f of kind.secretFields) collect(inputs[f]);
  return out;
}

/** Runs `fn`; an error that would repeat a write-only secret (an API answer echoing it) has it masked. */
async function withoutSecrets<T>(kind: Kind, inputs: Props, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const secrets = secretsOf(kind, inputs);
    const message = e instanceof Error ? e.message : String(e);
    if (!secrets.some((x) => message.includes(x))) throw e;
    throw new Error(redact(message, secrets, SECRET_MIN_LENGTH));
  }
}

/**
 * After a create: the toggled states the program declares (a member created suspended). A state
 * the new object cannot take yet (a pending member cannot be suspended) is not an error of the
 * create, which succeeded: it is logged, the outputs show the live state, and the next preview
 * shows the difference.
 */
async function switchAfterCreate(client: ApiClient, kind: Kind, obj: Props, inputs: Props, s: Settings): Promise<Props> {
  for (const [f, toggle] of kind.toggles) {
    if (inputs[f] === undefined || same(kind, f, asFields(kind, obj)[f], inputs[f])) continue;
    const id = obj[kind.idField];
    const refused = inputs[f] === true ? toggle.refuseOn?.(obj) : undefined;
    if (refused) {
      log(`${kind.noun} "${obj[kind.nameField]}" (${id}) was created, but ${f}: true is not applied: it ${refused}`);
      continue;
    }
    const want = inputs[f] === true;
    try {
      await switchTo(client, kind, id, f, want, inputs.domainId, s);
      obj = { ...obj, [toggle.live]: want };
    } catch (e) {
      // Failing now would lose the created object from the state: report, and let the next run converge.
      log(`${kind.noun} "${obj[kind.nameField]}" (${id}) was created, but setting ${f}: ${want} failed: ${(e as Error).message}`);
    }
  }
  return obj;
}

function conflictError(kind: Kind, inputs: Props, found: Found | undefined, e: LineWorksError): Error {
  const what = found
    ? `${kind.noun} ${describeFound(kind, found)} already exists`
    : `a ${kind.noun} with ${kind.nameField} "${inputs[kind.nameField]}"` +
      (inputs[kind.externalKeyField] ? ` or ${kind.externalKeyField} "${inputs[kind.externalKeyField]}"` : "") +
      " already exists";
  return new Error(
    `Cannot create ${kind.noun} "${inputs[kind.nameField]}": ${what} (LINE WORKS ${answerText(e)}). ` +
      `If you renamed this resource in your program, keep managing the same object with the resource option ` +
      `\`aliases: [{ name: "<old resource name>" }]\` instead. ` +
      `To take the existing object over with this program, run \`pulumi config set lineworks:adoptExisting true\` ` +
      `(or set LINEWORKS_ADOPT_EXISTING=true) and run again: it is updated to match the program. ` +
      `Otherwise choose another ${kind.nameField}` +
      (inputs[kind.externalKeyField] ? ` / ${kind.externalKeyField}.` : "."),
  );
}
