// Test harness: each `pulumi` command runs its own provider process, so a test models "one run"
// as one host started from the program directory; and a kind's names, for tests written once
// for every kind, come from the provider's and the emulator's own declarations.
import { KIND_DECLS, type DirectoryKind } from "../emulator/directory";
import type { Fixture } from "./fixture";
import { Host } from "./host";

export class Runs {
  private readonly hosts: Host[] = [];

  constructor(
    private readonly dir: () => string,
    private readonly fixture: () => Fixture,
  ) {}

  /** A new run: a fresh host configured with the fixture's stack config plus `knobs` (lineworks:<key>). */
  async start(knobs: Record<string, string> = {}): Promise<Host> {
    const host = await Host.start({ cwd: this.dir() });
    this.hosts.push(host);
    await host.configure({ ...this.fixture().config, ...Object.fromEntries(Object.entries(knobs).map(([k, v]) => [`lineworks:${k}`, v])) });
    return host;
  }

  async stopAll(): Promise<void> {
    for (const h of this.hosts.splice(0)) await h.stop();
  }
}

export interface KindNames {
  type: string;
  /** The emulator's collection. */
  coll: DirectoryKind;
  idField: string;
  nameField: string;
  keyField: string;
}

/** Names of a resource type (`Position`, ...), from the emulator's declaration of its collection. */
export function kindNames(type: string): KindNames {
  const decl = KIND_DECLS.find((d) => d.label.replace(/(^| )(\w)/g, (_, _s, c: string) => c.toUpperCase()) === type);
  if (!decl) throw new Error(`no emulator collection for ${type}`);
  return { type, coll: decl.kind, idField: decl.idField, nameField: decl.nameField, keyField: decl.externalKeyField };
}
