/** Notebook display: the plotly bundle goes out once per session, figures each time; outside tslab a clear error. */
import { afterEach, describe, expect, it } from 'vitest';
import { initPlots, setNotebookDisplay, showFigure, showHtml, showTable } from '../../src/notebook/display.js';
import { PlumError } from '../../src/errors.js';
import { barFigure } from '../../src/viz/figure.js';

afterEach(() => setNotebookDisplay(undefined));

describe('notebook display', () => {
  it('sends the plotly bundle once, then one output per figure', () => {
    const outputs: string[] = [];
    setNotebookDisplay({ html: (s) => outputs.push(s), markdown: (s) => outputs.push(s), text: (s) => outputs.push(s) });
    const fig = barFigure({ key: 'k', title: 'T', categories: ['a'], values: [1], xTitle: 'x', yTitle: 'y' });
    showFigure(fig, fig);
    showFigure(fig);
    showTable({ key: 't', title: 'T', columns: ['a'], rows: [[1]] });
    const bundles = outputs.filter((o) => o.includes('window.Plotly = Plotly'));
    expect(bundles).toHaveLength(1);
    expect(outputs[0]).toBe(bundles[0]);
    expect(outputs.filter((o) => o.includes('class="plum-figure"'))).toHaveLength(3);
    initPlots({ force: true });
    expect(outputs.filter((o) => o.includes('window.Plotly = Plotly'))).toHaveLength(2);
  });
  it('outside the tslab kernel, showing is a PlumError', () => {
    expect(() => showHtml('<b>x</b>')).toThrow(PlumError);
  });
});
