/**
 * Showing things in a notebook running on the tslab kernel: HTML, figures (the plotly bundle is
 * sent once per kernel session, not once per plot), tables and markdown. tslab's `display` is
 * looked up lazily, so importing plum outside a notebook (CLI, tests) never loads tslab; outside a
 * kernel every `show*` call throws a PlumError. The HTML itself comes from src/viz/ (pure).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PlumError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { Figure } from '../viz/figure.js';
import { figureHtml, plotlyBundleScript } from '../viz/html.js';
import { tableHtml, type Table } from '../viz/table.js';

/** The part of tslab's `display` that plum uses. */
export interface HtmlDisplay {
  html(s: string): void;
  markdown(s: string): void;
  text(s: string): void;
}

let sink: HtmlDisplay | undefined;
let plotlySent = false;

/**
 * Where notebook output goes: tslab's display in a tslab kernel. `setNotebookDisplay` replaces it
 * (other kernels, or capturing output); pass undefined to go back to tslab.
 */
export function setNotebookDisplay(display: HtmlDisplay | undefined): void {
  sink = display;
  plotlySent = false;
}

function notebookDisplay(): HtmlDisplay {
  if (sink) return sink;
  // tslab's executor defines globalThis.__tslab__ for the code it runs; outside a kernel it is absent.
  if (!('__tslab__' in globalThis)) {
    throw new PlumError('notebook display is only available inside the tslab kernel (kernels/plum-tslab); use the *Html functions elsewhere');
  }
  // In the kernel this resolves to the same tslab module the kernel runs (node_modules/tslab).
  const tslab = createRequire(join(packageRoot(), 'package.json'))('tslab') as { display: HtmlDisplay };
  return (sink = tslab.display);
}

/** Show raw HTML. */
export function showHtml(html: string): void {
  notebookDisplay().html(html);
}

/** Show markdown. */
export function showMarkdown(markdown: string): void {
  notebookDisplay().markdown(markdown);
}

/**
 * Send the plotly.js bundle (about 4.8 MB) to the notebook page. Called automatically by the
 * first `showFigure`; call it in the first cell (with `force`) to make a re-run notebook whose
 * outputs were cleared draw again without restarting the kernel.
 */
export function initPlots(options: { force?: boolean } = {}): void {
  if (plotlySent && !options.force) return;
  notebookDisplay().html(plotlyBundleScript());
  plotlySent = true;
}

/** Show one or more figures (the bundle is sent first if this session has not sent it). */
export function showFigure(...figures: Figure[]): void {
  initPlots();
  for (const figure of figures) notebookDisplay().html(figureHtml(figure));
}

/** Show a table. */
export function showTable(table: Table): void {
  notebookDisplay().html(tableHtml(table));
}
