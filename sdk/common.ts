// What every LINE WORKS resource class shares: its provider instance (one per type, so the
// serialized provider text is written once per type) and the way program arguments become
// the dynamic resource's properties.
import * as pulumi from "@pulumi/pulumi";
import { makeFeatureProvider, makeProvider } from "../provider/dynamic";
import { KINDS, type KindName } from "../provider/kinds";
import type { I18nName } from "../provider/schemas";

export type { I18nName };

/** The ResourceProvider objects the resource classes use (exported for tests and advanced use). */
export const providers = {
  Position: makeProvider("Position"),
  UserType: makeProvider("UserType"),
  Level: makeProvider("Level"),
  EmploymentType: makeProvider("EmploymentType"),
  OrgUnit: makeProvider("OrgUnit"),
  User: makeProvider("User"),
  Group: makeProvider("Group"),
  UserRoster: makeProvider("UserRoster"),
  DirectoryFeature: makeFeatureProvider(),
};

/** Each field of a declaration may be a plain value or a Pulumi Input. */
export type Args<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** A value whose parts may each be Pulumi Inputs too (a unit's ID output inside a member's organizations). */
export type DeepInput<T> = T extends (infer U)[]
  ? pulumi.Input<DeepInput<U>[]>
  : T extends object
    ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
    : pulumi.Input<T>;
/** Each field of a declaration, and each part of it, may be a plain value or a Pulumi Input. */
export type DeepArgs<T> = { [K in keyof T]: DeepInput<T[K]> };

/**
 * Resource properties: the declared fields, `domainId` from `lineworks:domainId` (or
 * LINEWORKS_DOMAIN_ID) when omitted, and `undefined` for each output so Pulumi exposes it.
 */
export function resourceProps(args: object, outputNames: string[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const name of outputNames) props[name] = undefined;
  Object.assign(props, args);
  if (props.domainId === undefined) props.domainId = configuredDomainId();
  return props;
}

/** The program's default domain: `lineworks:domainId`, else LINEWORKS_DOMAIN_ID. */
export function configuredDomainId(): number | undefined {
  const fromConfig = new pulumi.Config("lineworks").getNumber("domainId");
  const fromEnv = Number(process.env.LINEWORKS_DOMAIN_ID);
  return fromConfig ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined);
}

/** Properties of a directory object resource: every declared field and the ID are outputs. */
export function kindProps(type: KindName, args: object): Record<string, unknown> {
  const kind = KINDS[type];
  return resourceProps(args, [kind.idField, ...kind.outputFields, ...kind.readOnly]);
}
