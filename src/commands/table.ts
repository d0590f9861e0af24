// The command table: every family's specs, looked up by name in any case.
import type { CommandSpec, CommandTable } from './types.js';

/** Lookup by name; exact lowercase or uppercase hits avoid a toLowerCase(). */
export class Commands implements CommandTable {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];

  constructor(families: CommandSpec[][]) {
    for (const family of families) for (const spec of family) this.add(spec);
  }

  private add(spec: CommandSpec): void {
    if (this.byName.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
    this.specs.push(spec);
    this.byName.set(spec.name, spec);
    this.byName.set(spec.name.toUpperCase(), spec);
  }

  /** The spec for a command name in any letter case. */
  get(name: string): CommandSpec | undefined {
    return this.byName.get(name) ?? (name.length <= 64 ? this.byName.get(name.toLowerCase()) : undefined);
  }

  all(): Iterable<CommandSpec> {
    return this.specs;
  }

  get size(): number {
    return this.specs.length;
  }
}

/** The spec a request runs: its subcommand's when argv[1] names one, else the command's; undefined if unknown. */
export function specFor(table: CommandTable, argv: string[]): CommandSpec | undefined {
  const spec = table.get(argv[0]);
  if (spec?.subcommands === undefined || argv.length < 2) return spec;
  return spec.subcommands.get(argv[1].toLowerCase()) ?? spec;
}

/** Every spec of `specs`, each followed by its subcommands (COMMAND LIST and INFO commandstats order). */
export function* withSubcommands(specs: Iterable<CommandSpec>): Generator<CommandSpec> {
  for (const spec of specs) {
    yield spec;
    if (spec.subcommands !== undefined) yield* withSubcommands(spec.subcommands.values());
  }
}
