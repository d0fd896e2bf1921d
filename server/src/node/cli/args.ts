// A small command-line parser: GNU-style long options (--name value, --name=value), a few short
// aliases, `--` to end options. Written here rather than node:util parseArgs so that every error
// is one short sentence a drafter can act on.

export interface OptionSpec {
  /** Long name without dashes: "format", "corpus", "no-bundled". */
  name: string;
  /** Single-letter alias without dash: "n". */
  short?: string;
  kind: 'string' | 'boolean' | 'integer';
  /** Repeatable: values accumulate in an array. */
  multiple?: boolean;
  /** Allowed values of a string option. */
  choices?: readonly string[];
  /** Shown in help: "--limit N". */
  valueName?: string;
  description: string;
}

export type OptionValue = string | boolean | number | string[];

export interface ParsedArgs {
  options: Map<string, OptionValue>;
  positionals: string[];
}

/** A mistake in how the command was called: shown with a pointer to the help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command?: string): ParsedArgs {
  const options = new Map<string, OptionValue>();
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    // "-" alone is a positional (conventionally stdin); a negative number is not an option either.
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let written: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      written = `--${name}`;
      spec = byName.get(name);
    } else {
      written = arg.slice(0, 2);
      spec = byShort.get(arg.slice(1, 2));
      if (arg.length > 2) inline = arg.slice(2).replace(/^=/, '');
    }
    if (!spec) throw new UsageError(`unknown option ${written}`, command);

    let value: OptionValue;
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option ${written} takes no value`, command);
      value = true;
    } else {
      let raw = inline;
      if (raw === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option ${written} needs a value${spec.valueName ? ` (${spec.valueName})` : ''}`, command);
        raw = argv[++i];
      }
      if (spec.kind === 'integer') {
        if (!/^\d+$/.test(raw)) throw new UsageError(`option ${written} needs a whole number, not "${raw}"`, command);
        value = Number(raw);
      } else {
        if (spec.choices && !spec.choices.includes(raw)) {
          throw new UsageError(`option ${written} must be one of ${spec.choices.join(', ')}, not "${raw}"`, command);
        }
        value = raw;
      }
    }
    if (spec.multiple) {
      const list = (options.get(spec.name) as string[] | undefined) ?? [];
      list.push(String(value));
      options.set(spec.name, list);
    } else {
      options.set(spec.name, value);
    }
  }
  return { options, positionals };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.options.get(name);
  return Array.isArray(value) ? value : [];
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}

export function integerOption(args: ParsedArgs, name: string): number | undefined {
  const value = args.options.get(name);
  return typeof value === 'number' ? value : undefined;
}

/** Help lines for options: "  --limit N        Show at most N places (default 20)". */
export function describeOptions(specs: readonly OptionSpec[]): string {
  const heads = specs.map((s) => {
    const long = `--${s.name}${s.kind === 'boolean' ? '' : ` ${s.valueName ?? s.choices?.join('|') ?? 'VALUE'}`}`;
    return s.short ? `-${s.short}, ${long}` : `    ${long}`;
  });
  const width = Math.max(...heads.map((h) => h.length));
  return specs.map((s, i) => `  ${heads[i].padEnd(width)}  ${s.description}`).join('\n');
}
