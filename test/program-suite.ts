// The setup engine-path suites share (not a test file itself): one emulator, one program directory
// with the packed package installed, the program's registrations, and a host per run; all torn
// down after the suite.
import type { EmulatorOptions } from "../emulator";
import type { Host } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { providerText, runProgram, type Registered } from "../tools/program";
import { startFixture, type Fixture } from "../tools/fixture";
import { Runs } from "../tools/runs";

/** One resource's state as the engine keeps it between runs: its ID, outputs and checked inputs. */
export interface State {
  id: string;
  outs: Record<string, any>;
  inputs: Record<string, any>;
}

export interface ProgramSuite {
  /** The emulator and settings (set once the suite has started). */
  readonly f: Fixture;
  /** A new run: a fresh host configured with the fixture's settings plus `knobs`. */
  start(knobs?: Record<string, string>): Promise<Host>;
  /** The `__provider` text the program registered for a type. */
  provider(type: string): string;
  /** What the program registered, as the engine received it. */
  readonly registered: Registered[];
}

/** Registers beforeAll/afterAll for a suite whose program is `program` (see tools/program.ts). */
export function programSuite(label: string, program: string, opts: { emulator?: Partial<EmulatorOptions>; knobs?: Record<string, string> } = {}): ProgramSuite {
  let f: Fixture;
  let dir: string;
  let registered: Registered[];
  const runs = new Runs(() => dir, () => f);
  beforeAll(async () => {
    f = await startFixture(opts.emulator, opts.knobs);
    dir = makeProgramDir(label);
    registered = await runProgram(dir, program);
  });
  afterAll(async () => {
    await runs.stopAll();
    await f.emulator.stop();
    removeDir(dir);
  });
  return {
    get f() {
      return f;
    },
    start: (knobs) => runs.start(knobs),
    provider: (type) => providerText(registered, type),
    get registered() {
      return registered;
    },
  };
}

/** What `pulumi up` does for one resource through a host: check, then create, or diff and update (never a replacement). */
export async function upOne(h: Host, urn: string, news: Record<string, any>, prev?: State): Promise<State> {
  const c = await h.check(urn, prev?.inputs ?? {}, news);
  expect(c.failures).toEqual([]);
  if (!prev) {
    const r = await h.create(urn, c.inputs);
    return { id: r.id, outs: r.properties, inputs: c.inputs };
  }
  const d = await h.diff(prev.id, urn, prev.outs, c.inputs);
  expect(d.replaces).toEqual([]);
  if (d.changes === "none") return { ...prev, inputs: c.inputs };
  const r = await h.update(prev.id, urn, prev.outs, c.inputs);
  return { id: prev.id, outs: r.properties, inputs: c.inputs };
}
