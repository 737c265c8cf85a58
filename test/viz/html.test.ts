/** Figure and table HTML: escaping, script-safe JSON, the offline plotly bundle. */
import { describe, expect, it } from 'vitest';
import { figureHtml, plotlyBundleScript, scriptJson } from '../../src/viz/html.js';
import { tableHtml } from '../../src/viz/table.js';
import { barFigure } from '../../src/viz/figure.js';

describe('figure HTML', () => {
  it('embeds data that cannot close the script element', () => {
    const fig = barFigure({ key: 'k', title: '</script><b>', categories: ['</script>'], values: [1], xTitle: 'x', yTitle: 'y' });
    const html = figureHtml(fig, { id: 'fig-k' });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('id="fig-k"');
    expect(JSON.parse(scriptJson({ a: '</script>' }))).toEqual({ a: '</script>' });
  });
  it('renders an empty figure as a note', () => {
    const fig = { key: 'e', title: 'Empty', data: [], layout: {} };
    expect(figureHtml(fig)).toContain('No data');
  });
  it('inlines the plotly bundle (offline)', () => {
    const script = plotlyBundleScript();
    expect(script.length).toBeGreaterThan(1_000_000);
    expect(script).toContain('window.Plotly');
    expect(script).not.toMatch(/<script[^>]+src=/);
  });
});

describe('table HTML', () => {
  it('escapes cells, formats numbers and truncates', () => {
    const html = tableHtml({ key: 't', title: 'T', columns: ['a', 'b'], rows: [['<x>', 1234.5678], [null, 'y'.repeat(300)]] }, { maxCellChars: 20 });
    expect(html).toContain('&lt;x&gt;');
    expect(html).toContain('1,234.568');
    expect(html).toContain('null');
    expect(html).toContain('…');
  });
});
