/**
 * A line diff of two programs (longest common subsequence of lines) and its HTML rendering, to
 * show what separates a chosen from a rejected solution. Pure, small inputs only (quadratic).
 */
import { escapeHtml } from '../viz/html.js';
import { showHtml } from './display.js';

/** One line of a diff: kept, only in the first text (removed), or only in the second (added). */
export interface DiffLine {
  op: 'same' | 'removed' | 'added';
  text: string;
}

/** Line diff turning `a` into `b`. */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) (out.push({ op: 'same', text: x[i] }), i++, j++);
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ op: 'removed', text: x[i++] });
    else out.push({ op: 'added', text: y[j++] });
  }
  while (i < n) out.push({ op: 'removed', text: x[i++] });
  while (j < m) out.push({ op: 'added', text: y[j++] });
  return out;
}

/** A unified diff as HTML: removed lines red with "-", added lines green with "+". */
export function diffHtml(a: string, b: string, labels: { a?: string; b?: string } = {}): string {
  const style = { same: '', removed: 'background:#fde0e0', added: 'background:#dff5df' } as const;
  const mark = { same: ' ', removed: '-', added: '+' } as const;
  const lines = diffLines(a, b)
    .map((d) => `<div style="${style[d.op]}">${mark[d.op]} ${escapeHtml(d.text) || '&nbsp;'}</div>`)
    .join('');
  const head = `<div style="color:#555;margin-bottom:4px"><span style="background:#fde0e0">- ${escapeHtml(labels.a ?? 'a')}</span> &nbsp; <span style="background:#dff5df">+ ${escapeHtml(labels.b ?? 'b')}</span></div>`;
  return `<div class="plum-diff" style="font-family:monospace;font-size:13px;white-space:pre">${head}${lines}</div>`;
}

/** Show the diff of two programs in the notebook. */
export function showDiff(a: string, b: string, labels: { a?: string; b?: string } = {}): void {
  showHtml(diffHtml(a, b, labels));
}
