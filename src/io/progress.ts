/**
 * The one progress bar of plum, written to stderr so stdout stays clean for data. On a terminal
 * the line is redrawn in place (at most ten times a second); otherwise (CI, logs, notebooks) a
 * plain line is printed every few seconds or every 10 %, whichever comes first, and at the end.
 * It does not compute anything itself: callers report what is done. `PLUM_PROGRESS=0` silences it.
 */

/** Options of a progress bar; defaults in `createProgress`. */
export interface ProgressOptions {
  /** Where to draw (default process.stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Redraw in place (default: the stream is a TTY). */
  tty?: boolean;
  /** Non-TTY: most time between two lines (ms, default 5000). */
  intervalMs?: number;
  /** Draw at all (default: unless PLUM_PROGRESS=0). */
  enabled?: boolean;
}

/** A running progress bar. */
export interface ProgressBar {
  /** Items done so far. */
  readonly done: number;
  /** Items expected (can grow with `setTotal`). */
  readonly total: number;
  /** Count `n` more items done, with an optional short note shown after the counts. */
  tick(n?: number, note?: string): void;
  /** Change the expected total. */
  setTotal(total: number): void;
  /** Print the final line (with an optional note) and stop. */
  finish(note?: string): void;
}

const BAR_WIDTH = 24;

/** Start a progress bar labelled `label` over `total` items. */
export function createProgress(label: string, total: number, options: ProgressOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean((stream as { isTTY?: boolean }).isTTY);
  const intervalMs = options.intervalMs ?? 5000;
  const enabled = options.enabled ?? process.env.PLUM_PROGRESS !== '0';
  const started = Date.now();
  let done = 0;
  let expected = total;
  let note = '';
  let lastDraw = 0;
  let lastDecile = 0;
  let finished = false;

  const render = (final: boolean): string => {
    const fraction = expected > 0 ? Math.min(1, done / expected) : final ? 1 : 0;
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = tty ? ` [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]` : '';
    const eta = !final && rate > 0 && expected > done ? ` eta ${formatSeconds((expected - done) / rate)}` : '';
    const time = final ? ` in ${formatSeconds(elapsed)}` : eta;
    return `${label}${bar} ${done}/${expected} ${Math.round(fraction * 100)}%${time}${note ? `  ${note}` : ''}`;
  };

  const draw = (final: boolean) => {
    if (!enabled) return;
    const now = Date.now();
    if (tty) {
      if (!final && now - lastDraw < 100) return;
      const width = (stream as { columns?: number }).columns || 120;
      stream.write(`\r\x1b[K${render(final).slice(0, width - 1)}${final ? '\n' : ''}`);
    } else {
      const decile = expected > 0 ? Math.floor((done / expected) * 10) : 0;
      if (!final && decile <= lastDecile && now - lastDraw < intervalMs) return;
      lastDecile = decile;
      stream.write(`${render(final)}\n`);
    }
    lastDraw = now;
  };

  return {
    get done() {
      return done;
    },
    get total() {
      return expected;
    },
    tick(n = 1, text) {
      if (finished) return;
      done += n;
      if (text !== undefined) note = text;
      draw(false);
    },
    setTotal(t) {
      expected = t;
    },
    finish(text) {
      if (finished) return;
      finished = true;
      if (text !== undefined) note = text;
      draw(true);
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
