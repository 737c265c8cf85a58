import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/io/progress.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => chunks.join(''), chunks };
}

describe('progress bar', () => {
  it('non-TTY: a line per 10 % step (not per item) and a final line', () => {
    const out = sink(false);
    const bar = createProgress('work', 100, { stream: out.stream, intervalMs: 1e9, enabled: true });
    for (let i = 0; i < 100; i += 1) bar.tick();
    bar.finish('done');
    const lines = out.text().trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeLessThanOrEqual(13);
    expect(lines.at(-1)).toMatch(/^work 100\/100 100% in .*done$/);
    expect(out.text()).not.toContain('\r');
  });

  it('TTY: redraws one line in place and ends with a newline', () => {
    const out = sink(true);
    const bar = createProgress('exec', 3, { stream: out.stream, enabled: true });
    bar.tick();
    bar.tick(2, '2 passed');
    bar.finish();
    expect(out.chunks[0].startsWith('\r')).toBe(true);
    expect(out.text().endsWith('\n')).toBe(true);
    expect(out.text()).toContain('3/3 100%');
    expect(out.text()).toContain('[########################]');
  });

  it('disabled: writes nothing', () => {
    const out = sink(false);
    const bar = createProgress('quiet', 2, { stream: out.stream, enabled: false });
    bar.tick(2);
    bar.finish();
    expect(out.text()).toBe('');
  });
});
