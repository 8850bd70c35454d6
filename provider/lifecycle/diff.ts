// Diff: what changes and whether it replaces. A reference compares by the object it names: state
// written with IDs and a program that now declares the same objects in words (`externalKey:<key>`,
// `name:<name>`, an email) show no change, because LINE WORKS says they are the same objects.
import { clientFor } from "../client";
import type { Kind } from "../kinds";
import { hasForm, resolveRefs } from "./references";
import { currentRun } from "./run";
import { replacementWarning } from "./replace";
import { listed } from "./sets";
import { log } from "./settings";
import { canon, isUnknown, kindOf, pick, same, triggers, type Props } from "./values";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  stables: string[];
}

/**
 * The fields that differ as written (olds are the stored outputs), and the result they give.
 * A value not known yet (preview) is a change.
 */
export function compare(kind: Kind, olds: Props, news: Props): { changed: string[]; result: DiffResult } {
  news = listed(kind, news);
  const changed: string[] = [];
  if (isUnknown(news.domainId) || canon(kind, "domainId", olds.domainId) !== canon(kind, "domainId", news.domainId)) changed.push("domainId");
  // A write-only secret is never compared: LINE WORKS does not show it, and it is sent on create only.
  for (const f of kind.outputFields) {
    if (news[f] === undefined) continue;
    if (isUnknown(news[f]) || !same(kind, f, olds[f], news[f])) changed.push(f);
  }
  // A kind with an action for a domain change moves (a member keeps its data); others are replaced.
  const replaces = [...(changed.includes("domainId") && !movesDomain(kind) ? ["domainId"] : []), ...kind.replaceFields.filter((f) => changed.includes(f))];
  // Names and domain-scoped keys are unique per domain, so a copy in the new domain can be made
  // first. A tenant-wide external key would collide with the old object: delete that first.
  const key = news[kind.externalKeyField];
  const deleteBeforeReplace =
    replaces.length > 0 &&
    (!!kind.replaceDeletesFirst || (kind.keyScope === "tenant" && key != null && (isUnknown(key) || key === olds[kind.externalKeyField])));
  return { changed, result: { changes: changed.length > 0, replaces, deleteBeforeReplace, stables: kind.outputFields.filter((f) => !changed.includes(f)) } };
}

/**
 * The diff. Where a field differs only as written and holds a reference in words on either side,
 * both sides' references are resolved (the run's list snapshot of the kind, one call per kind and
 * domain) and compared again; a form that names no object yet (created later in this run) stays a
 * change. Never refused from stored state: a stale form is a change, not an error.
 */
export async function diff(type: string, _id: string, olds: Props, news: Props): Promise<DiffResult> {
  const kind = kindOf(type);
  news = listed(kind, news);
  const { changed, result } = compare(kind, olds, news);
  const warning = replacementWarning(kind, olds, news, result.replaces);
  if (warning) log(warning);
  // A domain change (or one not known yet) is a change whatever the references say.
  const worded = changed.includes("domainId") ? [] : changed.filter((f) => !isUnknown(news[f]) && (hasForm(kind, f, olds[f]) || hasForm(kind, f, news[f])));
  if (!worded.length) return result;
  const run = currentRun();
  const s = run.settings();
  const client = clientFor(s);
  const resolved = async (props: Props) => {
    const { resolved: r } = await resolveRefs(run, client, kind, { ...pick(props, worded), domainId: news.domainId }, s, true);
    return pick(r, worded);
  };
  const [o, n] = await Promise.all([resolved(olds), resolved(news)]);
  return compare(kind, { ...olds, ...o }, { ...news, ...n }).result;
}

const movesDomain = (kind: Kind) => kind.actions.some((a) => triggers(a).includes("domainId"));
