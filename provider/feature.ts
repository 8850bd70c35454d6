// The domain feature switches (usePosition, useLevel, useUserType, useEmploymentType). Create
// enables; delete only forgets the switch unless `disableOnDelete: true` was declared, because
// LINE WORKS' disable deletes every object of that kind and every member's value of it.
// The API has no read for a switch: read infers it from whether a list call of that kind is
// refused with the feature's "is false" error, so a switch turned off in the admin console shows
// as drift and the next `pulumi up` turns it on again.
import { z } from "zod";
import { clientFor } from "./client";
import { FEATURES, isFeatureOff, type FeatureName } from "./kinds";
import { checkDeclaration, defaultDomainId, isUnknown, log, settings } from "./lifecycle";
import { domainId } from "./schemas";

type Props = Record<string, any>;

const schema = z.object({
  domainId: domainId(),
  feature: z.enum(Object.keys(FEATURES) as [FeatureName, ...FeatureName[]], { error: `must be one of ${Object.keys(FEATURES).join(", ")}` }),
  disableOnDelete: z.boolean({ error: "must be true or false" }).optional(),
});

export function check(_olds: Props, news: Props) {
  return checkDeclaration(schema, "DirectoryFeature", news, ["enabled", "flag"]);
}

export function diff(_id: string, olds: Props, news: Props) {
  const replaces = ["domainId", "feature"].filter((f) => isUnknown(news[f]) || olds[f] !== news[f]);
  const changes = replaces.length > 0 || !!olds.disableOnDelete !== !!news.disableOnDelete || olds.enabled === false;
  return { changes, replaces, deleteBeforeReplace: false };
}

function outputs(news: Props, enabled: boolean): Props {
  const feature = news.feature as FeatureName;
  return { domainId: news.domainId, feature, disableOnDelete: news.disableOnDelete === true, enabled, flag: FEATURES[feature].flag };
}

async function enable(news: Props): Promise<void> {
  const f = FEATURES[news.feature as FeatureName];
  await clientFor(settings()).request({ method: "POST", path: `${f.path}/enable`, searchParams: { domainId: news.domainId } });
}

export async function create(news: Props): Promise<{ id: string; outs: Props }> {
  const inputs: Props = { ...news, domainId: news.domainId ?? defaultDomainId() };
  // A switch already on (a tenant taken over) is adopted without a write; enabling is idempotent anyway.
  if (!(await probe(inputs.domainId, inputs.feature))) await enable(inputs);
  return { id: `${inputs.domainId}:${inputs.feature}`, outs: outputs(inputs, true) };
}

/** Whether the feature is on, inferred from a one-item list call. */
async function probe(domain: number, feature: FeatureName): Promise<boolean> {
  const f = FEATURES[feature];
  try {
    await clientFor(settings()).request({ method: "GET", path: f.path, searchParams: { domainId: domain, count: 1 } });
    return true;
  } catch (e) {
    if (isFeatureOff(e, feature)) return false;
    throw e;
  }
}

export async function read(id: string, props: Props) {
  const [domainPart, featurePart] = id.split(":");
  const state = { ...props, domainId: props.domainId ?? Number(domainPart), feature: props.feature ?? featurePart };
  if (!(state.feature in FEATURES)) throw new Error(`DirectoryFeature ID must be <domainId>:<feature>, e.g. 10000001:positions (got ${id})`);
  const enabled = await probe(state.domainId, state.feature);
  const outs = outputs(state, enabled);
  return { id, props: outs, inputs: { domainId: outs.domainId, feature: outs.feature, disableOnDelete: outs.disableOnDelete } };
}

export async function update(_id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  if (olds.enabled === false) await enable(news);
  return { outs: outputs(news, true) };
}

export async function remove(_id: string, props: Props): Promise<void> {
  const f = FEATURES[props.feature as FeatureName];
  if (props.disableOnDelete !== true) {
    log(`DirectoryFeature ${props.feature} in domain ${props.domainId}: left enabled (set disableOnDelete: true to turn ${f.flag} off on delete)`);
    return;
  }
  log(`disabling ${f.flag} in domain ${props.domainId}: LINE WORKS deletes every ${f.noun.replace(/s$/, "")} and members' values of it`);
  await clientFor(settings()).request({ method: "POST", path: `${f.path}/disable`, searchParams: { domainId: props.domainId } });
}
