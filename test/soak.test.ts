// Fault soak: 1,000 operations (create/update/delete/read over positions and user types) through
// the real host while the emulator injects ~10 % faults — 429, 503, dropped connections and
// writes whose response is lost after the server applied them. At the end the emulator holds
// exactly the declared state: nothing lost, duplicated or orphaned; every failure is explained.
import { Host, urn } from "../tools/host";
import { makeProgramDir, removeDir } from "../tools/install";
import { runProgram } from "../tools/program";
import { startFixture, DOMAIN, prng, type Fixture } from "../tools/fixture";

type Props = Record<string, any>;
interface Declared {
  name: string;
  type: "Position" | "UserType";
  id?: string;
  inputs: Props;
  outputs?: Props;
}

const OPS = 1000;
const PARALLEL = 8;


test("1,000 operations under ~10 % injected faults end in exactly the declared state", async () => {
  const f: Fixture = await startFixture(
    { rateLimitPerMinute: 1_000_000, latencyMs: 2 },
    { requestsPerMinute: "1000000", retryLimit: "8", retryBaseDelayMs: "5", retryMaxDelayMs: "100", snapshotMaxAgeMs: "0" },
  );
  const dir = makeProgramDir("soak");
  const host = await Host.start({ cwd: dir });
  try {
    const regs = await runProgram(dir, `new lineworks.Position("p", { positionName: "P", displayOrder: 1, domainId: ${DOMAIN} });\nnew lineworks.UserType("u", { userTypeName: "U", displayOrder: 1, domainId: ${DOMAIN} });`);
    const providerOf = { Position: regs.find((r) => r.name === "p")!.inputs.__provider, UserType: regs.find((r) => r.name === "u")!.inputs.__provider };
    await host.configure(f.config);
    f.emulator.randomFaults({ rate: 0.1, kinds: ["429", "503", "drop", "lose-response"], seed: 20261127 });

    const rnd = prng(7);
    const declared = new Map<string, Declared>();
    const counts = { create: 0, update: 0, delete: 0, read: 0, failed: 0 };
    const failures: string[] = [];
    let serial = 0;
    const busy = new Set<string>();

    const inputsFor = (type: Declared["type"], name: string, order: number, tag: number): Props =>
      type === "Position"
        ? { __provider: providerOf.Position, domainId: DOMAIN, positionName: `${name} v${tag}`, displayOrder: order, positionExternalKey: `K-${name}`, i18nNames: [{ language: "en_US", name: `${name} v${tag}` }] }
        : { __provider: providerOf.UserType, domainId: DOMAIN, userTypeName: `${name} v${tag}`, displayOrder: order, userTypeExternalKey: `K-${name}`, userTypeCode: `C${serial}` };

    async function one(): Promise<void> {
      const existing = [...declared.values()].filter((d) => d.id && !busy.has(d.name));
      const r = rnd();
      const kind = existing.length < 20 || (r < 0.35 && declared.size < 150) ? "create" : r < 0.6 ? "update" : r < 0.8 ? "read" : "delete";
      if (kind === "create") {
        const type = rnd() < 0.5 ? "Position" : "UserType";
        const name = `${type === "Position" ? "pos" : "ut"}-${++serial}`;
        const d: Declared = { name, type, inputs: inputsFor(type, name, serial, 0) };
        busy.add(name);
        counts.create++;
        try {
          const res = await host.create(urn(type, name), d.inputs);
          Object.assign(d, { id: res.id, outputs: res.properties });
          declared.set(name, d);
        } catch (e) {
          counts.failed++;
          failures.push(`create ${name}: ${(e as Error).message}`);
        } finally {
          busy.delete(name);
        }
        return;
      }
      const d = existing[Math.floor(rnd() * existing.length)];
      busy.add(d.name);
      try {
        counts[kind]++;
        if (kind === "update") {
          const news = inputsFor(d.type, d.name, Math.floor(rnd() * 1000), ++serial);
          const res = await host.update(d.id!, urn(d.type, d.name), d.outputs!, news);
          Object.assign(d, { inputs: news, outputs: res.properties });
        } else if (kind === "read") {
          const res = await host.read(d.id!, urn(d.type, d.name), d.outputs!);
          expect(res.id).toBe(d.id);
          d.outputs = res.properties;
        } else {
          await host.delete(d.id!, urn(d.type, d.name), d.outputs!);
          declared.delete(d.name);
        }
      } catch (e) {
        counts.failed++;
        failures.push(`${kind} ${d.name}: ${(e as Error).message}`);
      } finally {
        busy.delete(d.name);
      }
    }

    let started = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (started < OPS) {
          started++;
          await one();
        }
      }),
    );
    f.emulator.randomFaults(null);

    // Compare the emulator with the declared state.
    const live = [...f.emulator.objects("positions", DOMAIN).map((o) => ({ ...o, type: "Position", id: o.positionId })), ...f.emulator.objects("userTypes").map((o) => ({ ...o, type: "UserType", id: o.userTypeId }))];
    const liveById = new Map(live.map((o) => [o.id, o]));
    const declaredIds = new Set([...declared.values()].map((d) => d.id));
    const lost = [...declared.values()].filter((d) => !liveById.has(d.id!));
    const orphaned = live.filter((o) => !declaredIds.has(o.id));
    const names = live.map((o) => o.positionExternalKey ?? o.userTypeExternalKey);
    const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
    const drifted = [...declared.values()].filter((d) => {
      const o = liveById.get(d.id!);
      const nameField = d.type === "Position" ? "positionName" : "userTypeName";
      return o && (o[nameField] !== d.inputs[nameField] || o.displayOrder !== d.inputs.displayOrder);
    });
    const faults = f.emulator.log.filter((e) => e.fault).reduce<Record<string, number>>((a, e) => ({ ...a, [e.fault!]: (a[e.fault!] ?? 0) + 1 }), {});
    const apiRequests = f.emulator.log.filter((e) => e.path.startsWith("/v1.0")).length;
    const summary = { operations: counts, apiRequests, faultsInjected: faults, declared: declared.size, live: live.length, lost: lost.length, duplicated: duplicated.length, orphaned: orphaned.length, drifted: drifted.length, overlaps: f.emulator.violations.length };
    console.log(`fault soak: ${JSON.stringify(summary, null, 2)}${failures.length ? `\nreported failures:\n${failures.join("\n")}` : ""}`);

    expect(counts.create + counts.update + counts.delete + counts.read).toBe(OPS);
    const injected = Object.values(faults).reduce((a, b) => a + b, 0);
    expect(injected / apiRequests).toBeGreaterThan(0.05); // the faults really happened
    expect(faults["lose-response"]).toBeGreaterThan(0);
    expect({ lost: lost.length, duplicated: duplicated.length, orphaned: orphaned.length, drifted: drifted.length }).toEqual({ lost: 0, duplicated: 0, orphaned: 0, drifted: 0 });
    expect(f.emulator.violations).toEqual([]);
    // A failure that survived every retry must say what happened and what to do.
    for (const line of failures) expect(line).toMatch(/LINE WORKS .* failed: .*\. [A-Z]/);
  } finally {
    await host.stop();
    await f.emulator.stop();
    removeDir(dir);
  }
}, 240_000);
