// Option parsing messages: a negative number reaches the command's own range check, and a missing or
// misplaced value is said plainly (parseArgs's own wording was "argument is ambiguous").
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../cli/args.ts';

const spec = { epochs: { type: 'string' as const }, json: { type: 'boolean' as const } };

describe('parseCommandArgs', () => {
  it('passes a negative number as the value of a string option', () => {
    const r = parseCommandArgs('train', ['g.json', '--epochs', '-1'], spec);
    expect(r).toMatchObject({ ok: true, values: { epochs: '-1' }, positionals: ['g.json'] });
    expect(parseCommandArgs('train', ['--epochs', '-0.5'], spec)).toMatchObject({
      values: { epochs: '-0.5' },
    });
  });

  it('says a value is missing, misplaced or not taken', () => {
    expect(parseCommandArgs('train', ['--epochs'], spec)).toEqual({
      ok: false,
      message: 'train: --epochs needs a value after it',
    });
    expect(parseCommandArgs('train', ['--epochs', '--json'], spec)).toEqual({
      ok: false,
      message:
        'train: --epochs needs a value, but the next argument looks like an option; write --epochs=VALUE',
    });
    expect(parseCommandArgs('train', ['--json=3'], spec)).toEqual({
      ok: false,
      message: 'train: --json takes no value',
    });
  });

  it('a flag followed by a negative number is not joined (flags take no value)', () => {
    const r = parseCommandArgs('train', ['--json', '-1'], spec);
    expect(r.ok).toBe(false);
  });
});
