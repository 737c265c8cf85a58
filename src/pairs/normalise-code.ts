/**
 * A normal form of Python source for de-duplicating candidates: comments, blank lines and trailing
 * whitespace removed, runs of spaces inside a line collapsed, indentation kept (it is syntax).
 * String literals are left untouched. Not an AST normal form: `x+1` and `x + 1` match, `(x)` and
 * `x` do not.
 */

function stripLine(line: string, state: { quote: string | null }): string {
  let out = '';
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (state.quote) {
      out += ch;
      if (ch === '\\' && i + 1 < line.length) out += line[++i];
      else if (line.startsWith(state.quote, i)) {
        out += state.quote.slice(1);
        i += state.quote.length - 1;
        state.quote = null;
      }
      continue;
    }
    if (ch === '#') break;
    if (ch === '"' || ch === "'") {
      const triple = line.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      state.quote = triple;
      out += triple;
      i += triple.length - 1;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (out.trim() === '') out += ch === '\t' ? '    ' : ' ';
      else if (!out.endsWith(' ')) out += ' ';
      continue;
    }
    out += ch;
  }
  // a single-quoted string cannot span lines
  if (state.quote && state.quote.length === 1) state.quote = null;
  return out;
}

/** Normal form of `code` (see the file comment). */
export function normaliseCode(code: string): string {
  const state = { quote: null as string | null };
  const lines: string[] = [];
  for (const raw of code.replace(/\r\n?/g, '\n').split('\n')) {
    const inString = state.quote !== null;
    const line = inString ? raw : stripLine(raw, state).trimEnd();
    if (inString) {
      // inside a triple-quoted string: keep the text, look for the closing quote
      const close = raw.indexOf(state.quote!);
      if (close >= 0) {
        const rest = stripLine(raw.slice(close + state.quote!.length), { quote: null });
        state.quote = null;
        lines.push((raw.slice(0, close + 3) + rest).trimEnd());
      } else lines.push(raw);
      continue;
    }
    if (line.trim() !== '') lines.push(line);
  }
  return lines.join('\n');
}
