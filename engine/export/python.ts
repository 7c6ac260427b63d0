// Small helpers for writing Python source: literals and identifiers. Node ids are free-form
// ("in", "lstm-1", "train"), so every id is mapped once to a Python name that is not a keyword,
// not an nn.Module attribute it would shadow, and unique.
import { PYTHON_BUILTINS } from './python-builtins.ts';

/** A Python string literal (JSON escapes are valid Python escapes). */
export function pyStr(s: string): string {
  return JSON.stringify(s);
}

/** A Python number literal; callers pass finite numbers (the schema refuses others). */
export function pyNum(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} as a Python number`);
  return String(n);
}

/** A Python bool literal. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** A Python list/tuple of numbers, e.g. `[2, 3]` or `(2,)`. */
export function pyInts(ns: readonly number[], tuple = false): string {
  if (!tuple) return `[${ns.join(', ')}]`;
  return ns.length === 1 ? `(${ns[0]},)` : `(${ns.join(', ')})`;
}

const PYTHON_KEYWORDS = `False None True and as assert async await break class continue def del elif else
  except finally for from global if import in is lambda nonlocal not or pass raise return try while
  with yield match case`.split(/\s+/);

// nn.Module methods/attributes: a submodule stored under one of these names would be hidden by the
// class attribute (attribute lookup finds the method first), so such ids get a suffix.
const MODULE_ATTRIBUTES = `T_destination add_module apply bfloat16 buffers children compile cpu cuda double
  dump_patches eval extra_repr float forward half ipu modules mtia parameters requires_grad_
  share_memory state_dict to to_empty train training type xpu zero_grad`.split(/\s+/);
const MODULE_PREFIXES = /^(register_|named_|get_|set_|load_|to_)/;

/** Names the generated code uses itself (modules, helpers, the forward's arguments). */
const GENERATED_NAMES = `x self torch nn json sys argparse np tf keras layers logits model F
  Model build_model load_weights save_weights recurrent_output main next super`.split(/\s+/);

/** True when `name` must not be used as is: a keyword, a builtin, an nn.Module attribute (any name
 *  starting with `_` is one of Module's internals or could become one), or a name the code uses. */
export function isReservedPythonName(name: string): boolean {
  return isExactlyReserved(name) || MODULE_PREFIXES.test(name);
}

function isExactlyReserved(name: string): boolean {
  return (
    name.startsWith('_') ||
    PYTHON_KEYWORDS.includes(name) ||
    PYTHON_BUILTINS.has(name) ||
    MODULE_ATTRIBUTES.includes(name) ||
    GENERATED_NAMES.includes(name)
  );
}

/**
 * Maps node ids to distinct Python identifiers: characters other than letters, digits and `_` become
 * `_`; a leading digit or `_` gets an `n` in front (`_modules` -> `n_modules`: Module's internals all
 * start with `_`); keywords, builtins, Module attributes and names of the generated code get a
 * trailing `_` (then `_2`, `_3`...).
 */
export function pythonNames(ids: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const names = new Map<string, string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (/^[0-9]/.test(base)) base = `n_${base}`;
    if (base.startsWith('_')) base = `n${base}`;
    if (base === '') base = 'n';
    let name = isReservedPythonName(base) ? `${base}_` : base;
    // candidates are checked against the exact lists (the prefix rule only judges the id itself)
    const free = (n: string) => !taken.has(n) && !isExactlyReserved(n);
    for (let k = 2; !free(name); k++) name = `${base}_${k}`; // "x_<k>" is no reserved name: this ends
    taken.add(name);
    names.set(id, name);
  }
  return names;
}

/** Python source shared by every exported file: `fail` (one-line error, exit 1, never a traceback) and
 *  `read_json` (a file's JSON, or an error naming the file). Ends with the blank lines before the next def. */
export const PY_FILE_IO = `def fail(message):
    """Prints an error for a person and exits with status 1."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def read_json(path, what):
    """The parsed JSON of a file, or a clear error naming the file."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        fail(f"cannot read {what} {path}: {e.strerror}")
    except json.JSONDecodeError as e:
        fail(f"{what} {path} is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}")


`;
