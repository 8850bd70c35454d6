// The reads every phase makes: one object by ID (or external key), every object of a domain.
import type { ApiClient } from "../client";
import { NotFoundError } from "../errors";
import type { Kind } from "../kinds";
import { EXTERNAL_KEY_REF } from "../schemas";
import type { Props } from "./values";

export function itemQuery(kind: Kind, domainId: number | undefined) {
  return kind.itemDomainQuery && domainId !== undefined ? { domainId } : undefined;
}

export async function getOne(client: ApiClient, kind: Kind, ref: string, domainId?: number): Promise<Props | undefined> {
  if (kind.listOnly) return fromList(client, kind, ref, domainId);
  try {
    return await client.request<Props>({ method: "GET", path: `${kind.path}/{id}`, params: { id: ref }, searchParams: itemQuery(kind, domainId) });
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

/** A kind without a GET of one object: the one the list holds by ID, or by key (`externalKey:<key>`). */
async function fromList(client: ApiClient, kind: Kind, ref: string, domainId?: number): Promise<Props | undefined> {
  if (domainId === undefined) throw new Error(`reading ${kind.noun} ${ref} needs its domainId (LINE WORKS lists ${kind.noun} definitions per domain)`);
  const key = ref.startsWith(EXTERNAL_KEY_REF) ? ref.slice(EXTERNAL_KEY_REF.length) : undefined;
  return (await listAll(client, kind, domainId)).find((o) => (key === undefined ? o[kind.idField] === ref : o[kind.externalKeyField] === key));
}

export function listAll(client: ApiClient, kind: Kind, domainId: number): Promise<Props[]> {
  return client.list<Props>(kind.path, kind.listKey, { domainId });
}

