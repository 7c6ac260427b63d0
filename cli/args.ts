// Argument parsing for subcommands on top of node:util's parseArgs, with messages for people
// ("unknown option --jsn for validate; did you mean --json?") instead of thrown errors.
import { parseArgs } from 'node:util';

/** Option spec: name -> kind (string options take a value, booleans are flags). */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** Parsed options and positionals, or a usage problem. */
export type ParsedArgs =
  | { ok: true; values: Record<string, string | boolean | undefined>; positionals: string[]; help: boolean }
  | { ok: false; message: string };

/** Parses `args` against `spec` (plus -h/--help); never throws. */
export function parseCommandArgs(command: string, args: string[], spec: OptionSpec): ParsedArgs {
  const options = { ...spec, help: { type: 'boolean' as const, short: 'h' } };
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(args, spec),
      options,
      allowPositionals: true,
      strict: true,
    });
    const { help, ...rest } = values as Record<string, string | boolean | undefined>;
    return { ok: true, values: rest, positionals, help: help === true };
  } catch (e) {
    return { ok: false, message: explain(command, e as Error & { code?: string }, Object.keys(spec)) };
  }
}

/** `--epochs -1` as `--epochs=-1`: parseArgs reads a value starting with "-" as another option, so a
 *  negative number would be refused as "ambiguous" instead of reaching the command's own range check. */
function joinNegativeValues(args: string[], spec: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    const next = args[i + 1];
    if (name && spec[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

function explain(command: string, e: Error & { code?: string }, known: string[]): string {
  const m = /'([^']+)'/.exec(e.message);
  const opt = m ? m[1] : '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = closest(opt.replace(/^-+/, ''), known);
    const hint = guess
      ? `; did you mean --${guess}?`
      : known.length
        ? `; it knows ${known.map((k) => `--${k}`).join(', ')}`
        : '';
    return `unknown option ${opt} for ${command}${hint}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = opt.replace(/ <value>$/, '') || 'an option';
    if (/argument missing/.test(e.message)) return `${command}: ${name} needs a value after it`;
    if (/does not take an argument/.test(e.message)) return `${command}: ${name} takes no value`;
    return `${command}: ${name} needs a value, but the next argument looks like an option; write ${name}=VALUE`;
  }
  return `${command}: ${e.message.split('\n')[0]}`;
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 2 ? 0.5 : editDistance(word.toLowerCase(), c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

/** Usage/help handling shared by commands: the parsed args, or the exit code already reported. */
export function argsOrExit(
  cmd: { name: string; usage: string },
  args: string[],
  spec: OptionSpec,
  io: { out(line: string): void; err(line: string): void },
  positionals: number,
): Extract<ParsedArgs, { ok: true }> | number {
  const parsed = parseCommandArgs(cmd.name, args, spec);
  if (parsed.ok && parsed.help) {
    io.out(cmd.usage);
    return 0;
  }
  if (parsed.ok && parsed.positionals.length === positionals) return parsed;
  const what = positionals === 1 ? 'one FILE' : `${positionals} arguments`;
  io.err(parsed.ok ? `${cmd.name} needs exactly ${what}, got ${parsed.positionals.length}` : parsed.message);
  io.err(cmd.usage.split('\n')[0]);
  return 2;
}
