// The checkpoint Pulumi would write for a run of the engine stand-in (tools/engine.ts), and what a
// DIY backend (file, S3, GCS, Azure, postgres) writes to keep it during the run. Read from
// pulumi/pulumi (see /work/shared/notes/pulumi-engine-at-scale.md §1):
// - the file is an apitype.VersionedCheckpoint, version 3, minified since v3.238.0: the stack
//   resource, the default provider, every component and custom resource (apitype.ResourceV3:
//   urn, custom, id, type, inputs, outputs, parent, provider, dependencies, created, modified);
// - pkg/backend/snapshot.go saves the whole snapshot after every mutation: a resource operation
//   saves once when it begins (with a pending operation holding the new inputs) and once when it
//   ends (with the result), so two saves per step; Same steps with nothing changed save nothing;
// - diy/state.go copies the file to `.bak` before each save (the first save has no file to copy).
// Sizes are computed, not written: a 30,000-member first `up` would write terabytes.
import type { ComponentResource, EngineState, JournalEntry, StateResource } from "./engine";

const STACK = "test";
const PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";
/** The engine's stamps, fixed here so a size does not depend on the day. */
const TIME = "2026-12-07T12:00:00.000000000Z";
const PROVIDER_ID = "2c5d9a8e-4f1b-4c3e-9a7d-6b0e1f2a3c4d";

export interface CheckpointRun {
  state: EngineState;
  components?: ComponentResource[];
  exports?: Record<string, any>;
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/** The stack's own resources: the Stack (with the exports), the default provider, the components. */
function fixed(project: string, run: CheckpointRun): object[] {
  const stack = `urn:pulumi:${STACK}::${project}::pulumi:pulumi:Stack::${project}-${STACK}`;
  const provider = `urn:pulumi:${STACK}::${project}::${PROVIDER_TYPE}::default`;
  return [
    { urn: stack, custom: false, type: "pulumi:pulumi:Stack", outputs: run.exports ?? {}, created: TIME, modified: TIME },
    { urn: provider, custom: true, id: PROVIDER_ID, type: PROVIDER_TYPE, created: TIME, modified: TIME },
    ...(run.components ?? []).map((c) => ({
      urn: c.urn, custom: false, type: c.type, outputs: c.outputs ?? {}, parent: c.parent ?? stack, created: TIME, modified: TIME,
    })),
  ];
}

/** A dynamic resource as apitype.ResourceV3; `pending`: as a pending create holds it (inputs, no ID or outputs). */
export function resourceV3(project: string, urn: string, r: StateResource, pending = false): object {
  const stack = `urn:pulumi:${STACK}::${project}::pulumi:pulumi:Stack::${project}-${STACK}`;
  const provider = `urn:pulumi:${STACK}::${project}::${PROVIDER_TYPE}::default::${PROVIDER_ID}`;
  return {
    urn,
    custom: true,
    ...(pending ? {} : { id: r.id }),
    type: r.type,
    inputs: r.inputs,
    ...(pending ? {} : { outputs: r.outputs }),
    parent: r.parent ?? stack,
    provider,
    ...(r.dependencies?.length ? { dependencies: r.dependencies } : {}),
    created: TIME,
    modified: TIME,
  };
}

/** The checkpoint file (minified) holding `resources` and, when given, `pending` operations. */
export function checkpointText(project: string, resources: object[], pending?: object[]): string {
  return JSON.stringify({
    version: 3,
    checkpoint: {
      stack: `organization/${project}/${STACK}`,
      latest: {
        manifest: { time: TIME, magic: "0".repeat(64), version: "v3.259.0" },
        secrets_providers: { type: "passphrase", state: { salt: `v1:${"A".repeat(12)}:v1:${"A".repeat(16)}:${"A".repeat(32)}` } },
        resources,
        ...(pending?.length ? { pending_operations: pending } : {}),
      },
    },
  });
}

/** The resources of the checkpoint Pulumi would write at the end of `run`, in order. */
export function checkpointResources(project: string, run: CheckpointRun): object[] {
  return [...fixed(project, run), ...Object.entries(run.state.resources).map(([urn, r]) => resourceV3(project, urn, r))];
}

/** The checkpoint Pulumi would write at the end of `run`: its size in bytes and its resource count. */
export function checkpointOf(project: string, run: CheckpointRun): { bytes: number; resources: number } {
  const resources = checkpointResources(project, run);
  return { bytes: Buffer.byteLength(checkpointText(project, resources)), resources: resources.length };
}

export interface DiyWrites {
  /** Checkpoint saves during the run. */
  saves: number;
  /** Bytes written: the sum of the snapshot's size at every save. */
  bytes: number;
  /** Bytes copied to `.bak` before the saves (each copies the file as the save before left it). */
  bakBytes: number;
  /** The last save's size (the checkpoint the run leaves). */
  finalBytes: number;
  /** The largest snapshot saved. */
  peakBytes: number;
}

/**
 * What a DIY backend writes for a run from an empty stack (a first `up`): the stack's own
 * resources are created first (Stack, default provider, components; two saves each, as the engine
 * registers them before the custom resources they parent), then every operation of `journal` in
 * order, a save at its begin (pending operation: the new inputs) and at its end (the resource as
 * the run's state holds it); last, one save for the stack's and components' registered outputs.
 * Each resource's size is its ResourceV3 JSON; the snapshot is the envelope plus every resource
 * and pending operation present, comma-separated.
 */
export function diyWrites(project: string, run: CheckpointRun & { journal: JournalEntry[] }): DiyWrites {
  const head = Buffer.byteLength(checkpointText(project, []));
  const pendingHead = Buffer.byteLength(checkpointText(project, [], [{}])) - 2 - head; // `,"pending_operations":[]`
  let resources = 0; // bytes of the resources present, each with its comma
  let count = 0;
  const pendings = new Map<string, number>();
  let pendingBytes = 0;
  const out: DiyWrites = { saves: 0, bytes: 0, bakBytes: 0, finalBytes: 0, peakBytes: 0 };
  const save = () => {
    const commas = Math.max(0, count - 1) + Math.max(0, pendings.size - 1);
    const size = head + resources + (pendings.size ? pendingHead + pendingBytes : 0) + commas;
    out.bakBytes += out.saves ? out.finalBytes : 0;
    out.saves++;
    out.bytes += size;
    out.finalBytes = size;
    out.peakBytes = Math.max(out.peakBytes, size);
  };
  // A pending operation is {"resource":<ResourceV3>,"type":"creating"}.
  const pendingSize = (resource: object, op: JournalEntry["op"]) => bytes({ resource, type: op === "create" ? "creating" : op === "update" ? "updating" : "deleting" });
  const sizes = new Map<string, number>();
  const add = (urn: string, size: number) => {
    sizes.set(urn, size);
    resources += size;
    count++;
  };
  const own = fixed(project, { ...run, exports: {}, components: run.components?.map((c) => ({ ...c, outputs: undefined })) });
  for (const r of own) {
    const urn = (r as { urn: string }).urn;
    pendings.set(urn, pendingSize(r, "create"));
    pendingBytes += pendings.get(urn)!;
    save();
    pendingBytes -= pendings.get(urn)!;
    pendings.delete(urn);
    add(urn, bytes(r));
    save();
  }
  for (const e of run.journal) {
    const r = run.state.resources[e.urn];
    if (e.event === "begin") {
      const size = pendingSize(r ? resourceV3(project, e.urn, r, true) : { urn: e.urn }, e.op);
      pendings.set(e.urn, size);
      pendingBytes += size;
    } else {
      pendingBytes -= pendings.get(e.urn) ?? 0;
      pendings.delete(e.urn);
      if (sizes.has(e.urn)) {
        resources -= sizes.get(e.urn)!;
        count--;
        sizes.delete(e.urn);
      }
      if (e.op !== "delete" && r) add(e.urn, bytes(resourceV3(project, e.urn, r)));
    }
    save();
  }
  // RegisterResourceOutputs: the stack's exports and the components' outputs, one save.
  const withOutputs = fixed(project, run);
  const grown = withOutputs.reduce((n, r) => n + bytes(r), 0) - own.reduce((n, r) => n + bytes(r), 0);
  if (grown > 0) {
    resources += grown;
    save();
  }
  return out;
}
