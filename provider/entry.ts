// STATE CONTRACT — `require("pulumi-lineworks/provider")` (package.json `exports["./provider"]`).
//
// Every resource's `__provider` (stored in its inputs and outputs) is, apart from Pulumi's
// `exports.handler = () => __provider` wrapper, exactly:
//
//   var __provider = Object.create(require("pulumi-lineworks/provider"));
//   __provider.type = "Position";   // or UserType, Level, EmploymentType, OrgUnit, DirectoryFeature
//
// Where @pulumi/pulumi cannot resolve the installed pulumi-lineworks to read its `exports` (a
// linked @pulumi/pulumi, some nested workspace layouts) the serializer writes this file's path
// instead: `require("pulumi-lineworks/dist/provider/entry.js")`. `pulumi refresh` and
// `pulumi destroy` run that text against whatever version of this package is installed then,
// and state keeps the text until the resource is next updated, so every later version must keep:
//   - this module at `pulumi-lineworks/provider` AND at dist/provider/entry.js (`"./dist/*"`);
//   - these seven exports, with exactly these Pulumi ResourceProvider signatures, taking the
//     resource type from `this.type` (the host calls them as methods of the object above):
//       configure(req)  check(olds, news)  diff(id, olds, news)  create(inputs)
//       read(id, props)  update(id, olds, news)  delete(id, props)
//   - every type name ever written as `type`.
// Export nothing else from here (the host would see it as a provider member); behaviour belongs
// in lifecycle/ and feature.ts, which this module only dispatches to. Should a resource ever need
// more than its type in state, add an own property and read it with a default.
//
// State written by 0.1.0 requires `pulumi-lineworks/dist/provider/resource.js` (and, for
// DirectoryFeature, `.../feature.js`) directly and calls their exports configure/check/diff/
// create/read/update/remove: those files and signatures stay too (test/upgrade.test.ts).
import type * as pulumi from "@pulumi/pulumi";
import * as feature from "./feature";
import * as lifecycle from "./lifecycle";
import { rosterLifecycle, ROSTERS } from "./roster";

type Props = Record<string, any>;

/** What the host calls these functions on: an object made by Object.create(this module). */
interface Serialized {
  type?: unknown;
}

/** A lifecycle with lifecycle/'s signatures; DirectoryFeature's (feature.ts) takes no type. */
interface Lifecycle {
  check(type: string, olds: Props, news: Props): pulumi.dynamic.CheckResult;
  diff(type: string, id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult | Promise<pulumi.dynamic.DiffResult>;
  create(type: string, inputs: Props): Promise<pulumi.dynamic.CreateResult>;
  read(type: string, id: string, props: Props): Promise<unknown>;
  update(type: string, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
  remove(type: string, id: string, props: Props): Promise<void>;
}
const LIFECYCLES: Record<string, Lifecycle> = {
  DirectoryFeature: {
    check: (_t, olds, news) => feature.check(olds, news),
    diff: (_t, id, olds, news) => feature.diff(id, olds, news),
    create: (_t, inputs) => feature.create(inputs),
    read: (_t, id, props) => feature.read(id, props),
    update: (_t, id, olds, news) => feature.update(id, olds, news),
    remove: (_t, id, props) => feature.remove(id, props),
  },
  // Rosters (UserRoster): many objects of one kind in one resource, each through the kind's lifecycle.
  ...Object.fromEntries(Object.keys(ROSTERS).map((type) => [type, rosterLifecycle])),
};

/** The resource type of the provider object the host called, and the lifecycle that serves it. */
function lifecycleOf(self: Serialized | undefined): [string, Lifecycle] {
  const type = self?.type;
  if (typeof type !== "string") throw new Error("pulumi-lineworks/provider: called without its provider object (no `type`)");
  return [type, LIFECYCLES[type] ?? lifecycle];
}

export async function configure(this: Serialized, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  lifecycle.configure(req.config as any);
}

export async function check(this: Serialized, olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const [type, l] = lifecycleOf(this);
  return l.check(type, olds, news);
}

export async function diff(this: Serialized, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const [type, l] = lifecycleOf(this);
  return l.diff(type, id, olds, news);
}

export async function create(this: Serialized, inputs: Props): Promise<pulumi.dynamic.CreateResult> {
  const [type, l] = lifecycleOf(this);
  return l.create(type, inputs);
}

export async function read(this: Serialized, id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const [type, l] = lifecycleOf(this);
  return (await l.read(type, id, props)) as pulumi.dynamic.ReadResult;
}

export async function update(this: Serialized, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  const [type, l] = lifecycleOf(this);
  return l.update(type, id, olds, news);
}

async function remove(this: Serialized, id: string, props: Props): Promise<void> {
  const [type, l] = lifecycleOf(this);
  return l.remove(type, id, props);
}
export { remove as delete };
