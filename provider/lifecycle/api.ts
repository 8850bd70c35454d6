// The reads every phase makes: one object by ID (or external key), every object of a domain.
import type { ApiClient } from "../client";
import { NotFoundError } from "../errors";
import type { Kind } from "../kinds";
import type { Props } from "./values";

export function itemQuery(kind: Kind, domainId: number | undefined) {
  return kind.itemDomainQuery && domainId !== undefined ? { domainId } : undefined;
}

export async function getOne(client: ApiClient, kind: Kind, ref: string, domainId?: number): Promise<Props | undefined> {
  try {
    return await client.request<Props>({ method: "GET", path: `${kind.path}/{id}`, params: { id: ref }, searchParams: itemQuery(kind, domainId) });
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

export function listAll(client: ApiClient, kind: Kind, domainId: number): Promise<Props[]> {
  return client.list<Props>(kind.path, kind.listKey, { domainId });
}

