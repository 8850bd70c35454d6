// Flags as data: a verb declares each flag once (name, type, short, value name, description) and
// both node:util parseArgs' options and the help text are built from that one declaration, so
// the two cannot drift apart. defineVerb wraps a verb's work in the parsing every verb shares.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../provider/words";

export interface Flag {
  readonly name: string;
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** The placeholder of a string flag's value in help: `--out FILE`. */
  readonly value?: string;
  readonly description: string;
}

/** An operand: a value on the command line that is no flag (`validate <spec>`), each one required. */
export interface Operand {
  readonly name: string;
  readonly description: string;
}

/** The parsed values of a list of flags, typed by their declarations. */
export type ValuesOf<F extends readonly Flag[]> = { [K in F[number] as K["name"]]?: K["type"] extends "string" ? string : boolean };

/** Where a verb writes and what it runs in; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo = (): Io => ({ out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`), env: process.env, cwd: process.cwd() });

/** What the dispatcher needs of a verb. */
export interface Verb {
  readonly name: string;
  /** One line for the list of verbs. */
  readonly summary: string;
  /** `npx pulumi-lineworks <name> ...`: the usage line. */
  readonly synopsis: string;
  readonly flags: readonly Flag[];
  /** Runs the verb on its arguments (the verb itself removed); returns the exit code. */
  main(argv: string[], io: Io): Promise<number>;
}

export interface VerbDefinition<F extends readonly Flag[], O extends readonly Operand[] = []> {
  name: string;
  summary: string;
  /** What follows the verb on the usage line. */
  synopsis: string;
  /** The paragraph between the usage line and the flags. */
  about: string;
  /** The operands, in the order they are given; none when left out. */
  operands?: O;
  flags: F;
  /** The paragraph after the flags. */
  notes?: string;
  /** The verb's work, once its flags and operands parsed; returns the exit code. */
  run(values: ValuesOf<F>, io: Io, operands: Record<O[number]["name"], string>): Promise<number>;
}

const HELP = { name: "help", type: "boolean", short: "h", description: "this help" } as const satisfies Flag;
const WIDTH = 100;
export const COMMAND = "npx pulumi-lineworks";

/** parseArgs' options for these flags. */
export function parseOptions(flags: readonly Flag[]): NonNullable<ParseArgsConfig["options"]> {
  return Object.fromEntries(flags.map((f) => [f.name, f.short ? { type: f.type, short: f.short } : { type: f.type }]));
}

/** Two columns, the second word-wrapped to WIDTH and aligned under itself. */
export function table(rows: Array<[string, string]>): string {
  const indent = Math.max(...rows.map(([left]) => left.length)) + 4;
  return rows
    .map(([left, text]) => {
      const lines = [`  ${left.padEnd(indent - 2)}`];
      for (const word of text.split(" ")) {
        const last = lines[lines.length - 1];
        if (last.length > indent && last.length + 1 + word.length > WIDTH) lines.push(`${" ".repeat(indent)}${word}`);
        else lines[lines.length - 1] = last.length > indent ? `${last} ${word}` : `${last}${word}`;
      }
      return lines.join("\n");
    })
    .join("\n");
}

/** A verb's help: usage line, what it does, its operands and flags, notes. */
function helpText(def: VerbDefinition<readonly Flag[], readonly Operand[]>, flags: readonly Flag[]): string {
  const label = (f: Flag) => `${f.short ? `-${f.short}, ` : ""}--${f.name}${f.value ? ` ${f.value}` : ""}`;
  const rows: Array<[string, string]> = [...(def.operands ?? []).map((o): [string, string] => [`<${o.name}>`, o.description]), ...flags.map((f): [string, string] => [label(f), f.description])];
  const parts = [`Usage: ${COMMAND} ${def.name} ${def.synopsis}`, def.about, table(rows)];
  return [...parts, ...(def.notes ? [def.notes] : [])].join("\n\n");
}

/** parseArgs' complaint as one line in the CLI's words: the flag named, and the known one it is nearest. */
function usageLine(e: Error & { code?: string }, flags: readonly Flag[]): string {
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const given = /'([^']*)'/.exec(e.message)?.[1] ?? "";
    const near = closest(given.replace(/^-+/, ""), flags.map((f) => f.name));
    return `Unknown flag ${given}${near ? `: did you mean --${near}?` : ""}`;
  }
  const name = /--([\w-]+)/.exec(e.message)?.[1];
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && name) return / argument missing$/.test(e.message) ? `--${name} needs a value` : `--${name} takes no value`;
  return e.message;
}

/** A verb: its flags (and -h/--help) parsed strictly, exactly its operands; usage errors exit 2. */
export function defineVerb<const F extends readonly Flag[], const O extends readonly Operand[] = []>(def: VerbDefinition<F, O>): Verb {
  const flags = [...def.flags, HELP];
  const usage = helpText(def, flags);
  return {
    name: def.name,
    summary: def.summary,
    synopsis: `${COMMAND} ${def.name} ${def.synopsis}`,
    flags,
    async main(argv, io) {
      let parsed;
      try {
        parsed = parseArgs({ args: argv, options: parseOptions(flags), allowPositionals: true, strict: true });
      } catch (e) {
        io.err(`${usageLine(e as Error & { code?: string }, flags)}\n\n${usage}`);
        return 2;
      }
      const { values, positionals } = parsed as { values: ValuesOf<F> & { help?: boolean }; positionals: string[] };
      if (values.help) {
        io.out(`${usage}\n`);
        return 0;
      }
      const operands = def.operands ?? [];
      if (positionals.length !== operands.length) {
        // A verb without operands says only its usage, as it always has.
        const what = positionals.length < operands.length ? `missing <${operands[positionals.length].name}>` : `unexpected operand ${positionals[operands.length]}`;
        io.err(operands.length ? `${what}\n\n${usage}` : usage);
        return 2;
      }
      return def.run(values, io, Object.fromEntries(operands.map((o, i) => [o.name, positionals[i]])) as Record<O[number]["name"], string>);
    },
  };
}
