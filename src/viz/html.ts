/**
 * Figures as HTML: the plotly.js bundle as one inline <script> (read from plotly.js-dist-min, so
 * pages work offline) and a figure as a <div> plus a small script that draws it once Plotly is
 * loaded. Used by the notebook display helpers and the run report; no IO besides reading the bundle.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import type { Figure } from './figure.js';

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe to embed inside a <script> element (no `</script>`, no HTML comment openers). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

let bundle: string | undefined;

/** The plotly.js-dist-min source (about 4.8 MB), read once. */
export function plotlyBundleSource(): string {
  if (bundle === undefined) {
    const require = createRequire(join(packageRoot(), 'package.json'));
    bundle = readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
  }
  return bundle;
}

/** The plotly bundle as an inline <script> element that defines `window.Plotly`. */
export function plotlyBundleScript(): string {
  // The bundle contains no "</script" sequence; guard anyway so a future version cannot break the page.
  return `<script type="text/javascript">${plotlyBundleSource().replace(/<\/script/gi, '<\\/script')}</script>`;
}

/** Options of `figureHtml`. */
export interface FigureHtmlOptions {
  /** The div id; defaults to `plum-fig-<key>-<random>`. */
  id?: string;
  /** Show the figure's note under the plot (default true). */
  showNote?: boolean;
}

/**
 * A figure as a <div class="plum-figure"> and a script calling Plotly.newPlot (waiting for the
 * bundle if it has not run yet). An empty figure renders its title and "no data" instead.
 */
export function figureHtml(figure: Figure, options: FigureHtmlOptions = {}): string {
  const id = options.id ?? `plum-fig-${figure.key}-${Math.random().toString(36).slice(2, 10)}`;
  const note = options.showNote !== false && figure.note ? `<p class="plum-note" style="margin:2px 0 14px;color:#555;font-size:13px">${escapeHtml(figure.note)}</p>` : '';
  if (figure.data.length === 0) {
    return `<div class="plum-figure-empty" data-key="${escapeHtml(figure.key)}"><h4>${escapeHtml(figure.title)}</h4><p>No data for this figure in this run.</p></div>`;
  }
  const draw =
    `(function(){var n=0;function draw(){var el=document.getElementById(${scriptJson(id)});` +
    `if(window.Plotly&&el){window.Plotly.newPlot(el,${scriptJson(figure.data)},${scriptJson(figure.layout)},{responsive:true,displaylogo:false});}` +
    `else if(n++<200){setTimeout(draw,50);}}draw();})();`;
  return `<div class="plum-figure" id="${escapeHtml(id)}" data-key="${escapeHtml(figure.key)}" style="width:100%;min-height:${Number(figure.layout.height ?? 360)}px"></div>${note}<script type="text/javascript">${draw}</script>`;
}
