// tools/checkpoint.ts: the bytes a DIY backend writes for a first `up`, summed from the engine
// stand-in's sequence of operations, against snapshots serialized whole at every save here.
import { checkpointOf, checkpointResources, checkpointText, diyWrites, resourceV3 } from "../tools/checkpoint";
import type { ComponentResource, EngineState, JournalEntry } from "../tools/engine";

const PROJECT = "bench";
const member = (i: number, pad = 0) => ({
  type: "pulumi-nodejs:dynamic/lineworks:User",
  name: `org-m${i}`,
  id: `user-${i}`,
  inputs: { __provider: "p", email: `m${i}@example.com`, note: "x".repeat(pad) },
  outputs: { __provider: "p", email: `m${i}@example.com`, userId: `user-${i}`, note: "x".repeat(pad) },
  parent: "urn:pulumi:test::bench::lineworks:index:Directory::org",
});
const urnOf = (i: number) => `urn:pulumi:test::bench::lineworks:index:Directory$pulumi-nodejs:dynamic/lineworks:User::org-m${i}`;
const component: ComponentResource = { urn: "urn:pulumi:test::bench::lineworks:index:Directory::org", type: "lineworks:index:Directory", name: "org", outputs: { userIds: { a: "user-0" } } };

function stateOf(n: number, pad = 0): EngineState {
  return { resources: Object.fromEntries(Array.from({ length: n }, (_, i) => [urnOf(i), member(i, pad)])) };
}
const sequential = (n: number): JournalEntry[] =>
  Array.from({ length: n }, (_, i) => [{ urn: urnOf(i), op: "create", event: "begin" }, { urn: urnOf(i), op: "create", event: "end" }] as JournalEntry[]).flat();

/** The reference: every save's snapshot built and serialized whole. */
function reference(state: EngineState, journal: JournalEntry[], components: ComponentResource[], exports: Record<string, unknown>) {
  const final = checkpointResources(PROJECT, { state, components, exports }) as any[];
  const done: object[] = [];
  const pending = new Map<string, object>();
  const sizes: number[] = [];
  const snap = () => sizes.push(Buffer.byteLength(checkpointText(PROJECT, [...done], [...pending.values()])));
  // Stack, provider and components first, their outputs registered at the end.
  const own = final.slice(0, 2 + components.length);
  const bare = own.map((r) => (r.custom ? r : { ...r, outputs: {} }));
  for (const r of bare) {
    pending.set(r.urn, { resource: r, type: "creating" });
    snap();
    pending.delete(r.urn);
    done.push(r);
    snap();
  }
  for (const e of journal) {
    if (e.event === "begin") pending.set(e.urn, { resource: resourceV3(PROJECT, e.urn, state.resources[e.urn], true), type: "creating" });
    else {
      pending.delete(e.urn);
      done.push(resourceV3(PROJECT, e.urn, state.resources[e.urn]));
    }
    snap();
  }
  if (exports && Object.keys(exports).length) {
    done.splice(0, own.length, ...own);
    snap();
  }
  return { sizes, full: checkpointOf(PROJECT, { state, components, exports }) };
}

test("a first up of N resources one at a time: two saves per step, each the whole snapshot", () => {
  const state = stateOf(5);
  const journal = sequential(5);
  const exports = { userIds: { a: "user-0" } };
  const got = diyWrites(PROJECT, { state, journal, components: [component], exports });
  const { sizes, full } = reference(state, journal, [component], exports);
  // Stack, provider, component and 5 members: 2 saves each, then one for the registered outputs.
  expect(got.saves).toBe(2 * 8 + 1);
  expect(sizes).toHaveLength(got.saves);
  expect(got.bytes).toBe(sizes.reduce((a, b) => a + b, 0));
  expect(got.finalBytes).toBe(full.bytes);
  expect(got.peakBytes).toBe(Math.max(...sizes));
  // .bak: every save but the first copies the file the save before left.
  expect(got.bakBytes).toBe(sizes.slice(0, -1).reduce((a, b) => a + b, 0));
});

test("operations in flight together are pending together in the saves between", () => {
  const state = stateOf(3);
  const journal: JournalEntry[] = [
    { urn: urnOf(0), op: "create", event: "begin" },
    { urn: urnOf(1), op: "create", event: "begin" },
    { urn: urnOf(2), op: "create", event: "begin" },
    { urn: urnOf(1), op: "create", event: "end" },
    { urn: urnOf(0), op: "create", event: "end" },
    { urn: urnOf(2), op: "create", event: "end" },
  ];
  const got = diyWrites(PROJECT, { state, journal });
  const { sizes } = reference(state, journal, [], {});
  expect(got.saves).toBe(sizes.length);
  expect(got.bytes).toBe(sizes.reduce((a, b) => a + b, 0));
});

test("the bytes written grow with the square of the resources", () => {
  const written = (n: number) => diyWrites(PROJECT, { state: stateOf(n, 2000), journal: sequential(n) }).bytes;
  const s = checkpointOf(PROJECT, { state: stateOf(1, 2000) }).bytes - checkpointOf(PROJECT, { state: stateOf(0) }).bytes;
  // About N² · S: 200 resources of ~2 KB write ~80 MB; twice as many, four times as much.
  expect(written(200) / (200 * 200 * s)).toBeGreaterThan(0.9);
  expect(written(200) / (200 * 200 * s)).toBeLessThan(1.1);
  expect(written(400) / written(200)).toBeGreaterThan(3.9);
  expect(written(400) / written(200)).toBeLessThan(4.1);
});
