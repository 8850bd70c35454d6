#!/usr/bin/env node
// The `pulumi-lineworks` bin: `npx pulumi-lineworks <verb> [flags]`. Each verb is a module of
// its own (cli/<verb>.ts, built with defineVerb); adding one is that module and a line in VERBS.
import { parseArgs } from "node:util";
import { chartVerb } from "./chart";
import { diffVerb } from "./diff";
import { exportVerb } from "./export";
import { COMMAND, type Io, parseOptions, processIo, table, type Verb } from "./flags";
import { validateVerb } from "./validate";

export type { Io } from "./flags";

/** Every verb, in the order help lists them. */
export const VERBS: readonly Verb[] = [exportVerb, validateVerb, diffVerb, chartVerb];

const USAGE = `Usage: ${VERBS.map((v) => v.synopsis).join("\n       ")}
       ${COMMAND} <verb> --help

${table(VERBS.map((v) => [v.name, v.summary]))}`;

/**
 * Runs the CLI; returns the exit code (0 done, 1 failed, 2 usage or a write not confirmed, 3 a
 * change over a removal limit of diff).
 * Flags may come before the verb, as they could when export was the only one.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const { tokens } = parseArgs({ args: argv, options: parseOptions(VERBS.flatMap((v) => v.flags)), allowPositionals: true, strict: false, tokens: true });
  const first = tokens.find((t) => t.kind === "positional");
  const verb = VERBS.find((v) => v.name === first?.value);
  if (first && verb) return verb.main([...argv.slice(0, first.index), ...argv.slice(first.index + 1)], io);
  if (tokens.some((t) => t.kind === "option" && t.name === "help")) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  io.err(USAGE);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
