// Trees (org units, whose parent is a field): what a create or a move may not do, decided before
// any call from the objects LINE WORKS lists, each refusal naming the object and the parent.
import type { ApiClient } from "../client";
import type { Settings } from "../config";
import type { Kind } from "../kinds";
import { labelOf } from "./naming";
import { objectsOf, type Run } from "./run";
import type { Props } from "./values";

async function byIdOf(run: Run, client: ApiClient, kind: Kind, domainId: number, s: Settings): Promise<Map<string, Props>> {
  const byId = new Map<string, Props>();
  for (const o of await objectsOf(run, client, kind, domainId, s)) byId.set(o[kind.idField], o);
  return byId;
}

/**
 * Refuses a move under the object itself or one of its descendants, naming both, before any
 * call (LINE WORKS' own answer to it is not documented).
 */
export async function refuseCycle(run: Run, client: ApiClient, kind: Kind, id: string, parent: unknown, domainId: number, s: Settings): Promise<void> {
  if (!kind.parentField || typeof parent !== "string") return;
  const byId = await byIdOf(run, client, kind, domainId, s);
  const label = (x: string) => (byId.get(x) ? `"${byId.get(x)![kind.nameField]}" (${x})` : x);
  const seen = new Set<string>();
  for (let at: string | undefined = parent; at && !seen.has(at); at = byId.get(at)?.[kind.parentField] ?? undefined) {
    seen.add(at);
    if (at !== id) continue;
    const how = parent === id ? "under itself" : `under ${label(parent)}, which is inside it`;
    throw new Error(
      `Cannot move ${kind.noun} ${label(id)} ${how}: a ${kind.noun} cannot be moved under itself or one of its own descendants. ` +
        `Move ${label(parent)} out first (change its own ${kind.parentField}), or choose another ${kind.parentField}.`,
    );
  }
}

/** `id` and the objects above it, `id` first; undefined when a link is not listed (its level is not known). */
function chainOf(kind: Kind, byId: Map<string, Props>, id: string): Props[] | undefined {
  const out: Props[] = [];
  for (let at: string | undefined = id; at; at = byId.get(at)?.[kind.parentField!] ?? undefined) {
    const o = byId.get(at);
    if (!o || out.includes(o)) return undefined;
    out.push(o);
  }
  return out;
}

/** How many levels of objects are under `id` (0: none). */
function levelsUnder(kind: Kind, byId: Map<string, Props>, id: string): number {
  const children = new Map<string, string[]>();
  for (const o of byId.values()) {
    const p = o[kind.parentField!];
    if (typeof p === "string") children.set(p, [...(children.get(p) ?? []), o[kind.idField]]);
  }
  const seen = new Set([id]);
  let frontier = [id];
  for (let levels = 0; ; levels++) {
    frontier = frontier.flatMap((x) => children.get(x) ?? []).filter((c) => !seen.has(c));
    if (!frontier.length) return levels;
    for (const c of frontier) seen.add(c);
  }
}

/**
 * Refuses a create (`id` undefined) or a move of `id` under `parent` that would put the object,
 * or the deepest object under it, below the kind's `maxDepth` (org units: 15 levels), naming it
 * and the parent's path. Where the parent's chain is not listed, LINE WORKS' own answer decides.
 */
export async function refuseDepth(run: Run, client: ApiClient, kind: Kind, subject: Props, id: string | undefined, parent: unknown, domainId: number, s: Settings): Promise<void> {
  if (!kind.parentField || !kind.maxDepth || typeof parent !== "string") return;
  const byId = await byIdOf(run, client, kind, domainId, s);
  const chain = chainOf(kind, byId, parent);
  if (!chain) return;
  const under = id ? levelsUnder(kind, byId, id) : 0;
  const reach = chain.length + 1 + under;
  if (reach <= kind.maxDepth) return;
  const path = [...chain].reverse().map((o) => o[kind.nameField]).join(" > ");
  const what = `${labelOf(kind, subject, id)}${under ? ` with the ${under} level${under === 1 ? "" : "s"} of ${kind.noun}s under it` : ""}`;
  throw new Error(
    `Cannot ${id ? "move" : "create"} ${what} under ${labelOf(kind, chain[0])}: that ${kind.noun} is at level ${chain.length} (${path}), ` +
      `so this would reach level ${reach}, and LINE WORKS allows at most ${kind.maxDepth} levels of ${kind.noun}s. ` +
      `Choose a ${kind.parentField} higher up in the tree, or take a level out above it.`,
  );
}
