/**
 * The figure type of plum's plots and the few helpers every chart shares: a plotly.js figure spec
 * (traces + layout) plus a stable key and a title, built by pure functions so it can be tested
 * without a browser. Rendering to HTML is ./html.ts; showing in a notebook is src/notebook/.
 */

/** A plotly.js trace: `type` plus the fields plotly reads (x, y, marker, ...). */
export type PlotlyTrace = { type: string } & Record<string, unknown>;

/** A plotly.js layout object. */
export type PlotlyLayout = Record<string, unknown>;

/** A figure: what `Plotly.newPlot(div, data, layout)` takes, with a key and a title. */
export interface Figure {
  /** Stable identifier (`pass-rate`, `pairs-per-problem`, ...), used as the HTML id in reports. */
  key: string;
  /** Human title, also set as the layout title. */
  title: string;
  /** The data traces; a figure with no trace is "empty" and reports show its note instead. */
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  /** One sentence telling the reader what to look for. */
  note?: string;
}

/** Shared colours: green for pass/chosen/kept, red for fail/rejected/dropped, grey for neutral. */
export const plotColors = {
  good: '#2ca02c',
  bad: '#d62728',
  neutral: '#7f7f7f',
  accent: '#1f77b4',
  warn: '#ff7f0e',
} as const;

/** The layout every plum figure starts from. */
export function baseLayout(title: string, xTitle: string, yTitle: string, extra: PlotlyLayout = {}): PlotlyLayout {
  return {
    title: { text: title },
    xaxis: { title: { text: xTitle }, automargin: true },
    yaxis: { title: { text: yTitle }, automargin: true, rangemode: 'tozero' },
    height: 360,
    margin: { l: 60, r: 20, t: 50, b: 60 },
    bargap: 0.15,
    showlegend: false,
    ...extra,
  };
}

/** Count values by a key, keeping first-seen order. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Map entries sorted by descending count (ties by key), optionally the top `limit`. */
export function sortedCounts(counts: Map<string, number>, limit = Infinity): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

/** A bar chart over categories, in the given order; `xTitle` names the categories, `yTitle` the values (also when horizontal). */
export function barFigure(args: {
  key: string;
  title: string;
  categories: string[];
  values: number[];
  xTitle: string;
  yTitle: string;
  colors?: string | string[];
  note?: string;
  horizontal?: boolean;
}): Figure {
  const { key, title, categories, values, xTitle, yTitle, note, horizontal } = args;
  const trace: PlotlyTrace = horizontal
    ? { type: 'bar', orientation: 'h', y: categories, x: values, marker: { color: args.colors ?? plotColors.accent }, text: values.map(String), textposition: 'auto' }
    : { type: 'bar', x: categories, y: values, marker: { color: args.colors ?? plotColors.accent }, text: values.map(String), textposition: 'auto' };
  const layout = horizontal
    ? baseLayout(title, yTitle, xTitle, {
        yaxis: { title: { text: xTitle }, automargin: true, autorange: 'reversed', type: 'category' },
        height: Math.max(300, 90 + 24 * categories.length),
      })
    : baseLayout(title, xTitle, yTitle, { xaxis: { title: { text: xTitle }, type: 'category', automargin: true } });
  return { key, title, data: categories.length ? [trace] : [], layout, note };
}

/**
 * Counts of values falling in `[edges[i], edges[i+1])` (the last bin includes its right edge).
 * Values outside the edges are ignored.
 */
export function binCounts(values: Iterable<number>, edges: number[]): number[] {
  const counts = new Array(Math.max(0, edges.length - 1)).fill(0);
  for (const v of values) {
    for (let i = 0; i < counts.length; i++) {
      const last = i === counts.length - 1;
      if (v >= edges[i] && (v < edges[i + 1] || (last && v === edges[i + 1]))) {
        counts[i] += 1;
        break;
      }
    }
  }
  return counts;
}

/** Whether a figure carries at least one trace with data points. */
export function figureHasData(figure: Figure): boolean {
  return figure.data.some((t) => {
    const xs = (t.x ?? t.values ?? t.z) as unknown[] | undefined;
    const ys = t.y as unknown[] | undefined;
    return (Array.isArray(xs) && xs.length > 0) || (Array.isArray(ys) && ys.length > 0);
  });
}
