import { describe, expect, it } from 'vitest';
import { ProgressBar, renderBar } from '../../cli/progress.ts';

describe('progress bar', () => {
  it('renders the fraction as filled cells and a percentage', () => {
    expect(renderBar(0.5, 10, 'epoch 1/2')).toBe('[#####-----]  50% epoch 1/2');
    expect(renderBar(2, 4, '')).toBe('[####] 100% ');
  });

  it('writes nothing when the stream is not a terminal', () => {
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s), isTTY: false });
    bar.update(0.3, 'x', true);
    bar.done();
    expect(out).toEqual([]);
  });

  it('redraws in place on a terminal and ends the line', () => {
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s), isTTY: true, columns: 80 });
    bar.update(1, 'done', true);
    bar.done();
    expect(out[0].startsWith('\r[')).toBe(true);
    expect(out.at(-1)).toBe('\n');
  });
});
