/**
 * A small, lenient Python tokenizer for sanitising model answers without a Python process: splits
 * source into logical lines (strings incl. triple-quoted, prefixed and f-strings with nested
 * quotes, comments, backslash continuations, open brackets) and the logical lines into top-level
 * statements (a line at the base indentation plus its indented body, decorators with their
 * def/class, `else`/`elif`/`except`/`finally` with their statement). It flags what Python would
 * reject in a way only prose or Markdown produces (a stray character such as a backtick, two names
 * in a row, an unterminated one-line string, a line ending in `:` that opens no block) and what a cut
 * answer leaves (an open bracket or string at the end). It is not a parser: it never rejects
 * valid Python, but it accepts some invalid Python, which then fails when run, as it would have.
 */

/** One token; strings, comments and whitespace carry no names except an f-string's fields. */
export interface Token {
  kind: 'name' | 'number' | 'string' | 'op';
  text: string;
  /** A name right after `.` (an attribute, never a variable of the module). */
  afterDot: boolean;
  /** Names used inside an f-string's replacement fields. */
  fieldNames?: string[];
}

/** One logical line (one simple statement, or the header of a compound one). */
export interface LogicalLine {
  /** First and last physical line (0-based, inclusive). */
  start: number;
  end: number;
  /** Column of the first token (tabs to multiples of 8). */
  indent: number;
  tokens: Token[];
  /** Something only prose or Markdown would write (see the file comment), with the reason. */
  invalid?: string;
  /** The text ended inside a bracket, a string or after a backslash (a cut answer). */
  incomplete?: boolean;
  /** Physical lines that lie inside a string spanning lines (after the line the string starts on). */
  stringLines?: number[];
}

/** A top-level statement: its logical lines (the first at the base indentation). */
export interface Statement {
  lines: LogicalLine[];
  start: number;
  end: number;
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);
/** Soft keywords: a name that may be followed by another name at the start of a statement. */
const SOFT_KEYWORDS = new Set(['match', 'case', 'type', '_']);
/** First words of a line that may end in `:` (opening a block). */
const BLOCK_OPENERS = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class', 'async', 'match', 'case', 'lambda']);
const CLAUSES = new Set(['else', 'elif', 'except', 'finally']);

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER = /0[xXoObB][\da-fA-F_]+[lL]?|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJlL]?/y;
const OP = /\*\*=|\/\/=|>>=|<<=|\.\.\.|->|:=|==|!=|<=|>=|[-+*/%@&|^]=|\*\*|\/\/|<<|>>|[-+*/%@&|^~<>=.,:;()[\]{}]/y;
const STRING_START = /([rRbBuUfFtT]{0,2})('''|"""|'|")/y;

/** Where a string starting at `i` ends; `closed` false when it runs off its line (one-quote) or the text. */
function scanString(text: string, i: number, quote: string, fString: boolean, names: string[]): { end: number; closed: boolean } {
  const triple = quote.length === 3;
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (!triple && c === '\n') return { end: j, closed: false };
    if (text.startsWith(quote, j)) return { end: j + quote.length, closed: true };
    if (fString && c === '{') {
      if (text[j + 1] === '{') {
        j += 2;
        continue;
      }
      j = scanField(text, j + 1, names);
      continue;
    }
    j++;
  }
  return { end: j, closed: false };
}

/** Scan an f-string replacement field from `i` (after `{`) to after its `}`; collects the names used. */
function scanField(text: string, i: number, names: string[]): number {
  let depth = 1;
  let j = i;
  let afterDot = false;
  while (j < text.length && depth > 0) {
    const c = text[j];
    STRING_START.lastIndex = j;
    const s = STRING_START.exec(text);
    if (s && (s[1] === '' || !/\w/.test(text[j - 1] ?? ''))) {
      const r = scanString(text, j + s[0].length, s[2], /[ft]/i.test(s[1]), names);
      j = r.end;
      afterDot = false;
      continue;
    }
    NAME.lastIndex = j;
    const n = NAME.exec(text);
    if (n && !/\d/.test(c)) {
      if (!afterDot && !KEYWORDS.has(n[0])) names.push(n[0]);
      j += n[0].length;
      afterDot = false;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === '\n' && depth === 1) return j; // a one-line field never crosses a line in practice
    afterDot = c === '.';
    j++;
  }
  return j;
}

/** Split `code` into logical lines; see the file comment. */
export function logicalLines(code: string): LogicalLine[] {
  const text = code.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const out: LogicalLine[] = [];
  let i = 0;
  while (i < text.length) {
    // Start of a physical line: skip blank and comment-only lines.
    let col = 0;
    let j = i;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\f')) {
      col = text[j] === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
      j++;
    }
    if (j >= text.length) break;
    if (text[j] === '\n' || text[j] === '#') {
      const nl = text.indexOf('\n', j);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    const line: LogicalLine = { start: lineOf(j), end: lineOf(j), indent: col, tokens: [] };
    const brackets: string[] = [];
    const flag = (reason: string) => {
      line.invalid ??= reason;
    };
    let k = j;
    for (;;) {
      if (k >= text.length) {
        if (brackets.length > 0) line.incomplete = true;
        break;
      }
      const c = text[k];
      if (c === ' ' || c === '\t' || c === '\f') {
        k++;
        continue;
      }
      if (c === '#') {
        const nl = text.indexOf('\n', k);
        k = nl < 0 ? text.length : nl;
        continue;
      }
      if (c === '\\') {
        if (text[k + 1] === '\n') {
          k += 2;
          continue;
        }
        if (k + 1 >= text.length) {
          line.incomplete = true;
          k++;
          break;
        }
        flag('stray "\\"');
        k++;
        continue;
      }
      if (c === '\n') {
        if (brackets.length > 0) {
          k++;
          continue;
        }
        k++;
        break;
      }
      STRING_START.lastIndex = k;
      const s = STRING_START.exec(text);
      if (s) {
        const names: string[] = [];
        const r = scanString(text, k + s[0].length, s[2], /[ft]/i.test(s[1]), names);
        const token: Token = { kind: 'string', text: text.slice(k, r.end), afterDot: false };
        if (names.length) token.fieldNames = names;
        line.tokens.push(token);
        const [from, to] = [lineOf(k), lineOf(Math.max(k, r.end - 1))];
        for (let n = from + 1; n <= to; n++) (line.stringLines ??= []).push(n);
        if (!r.closed) {
          if (r.end >= text.length) line.incomplete = true;
          else flag('unterminated string');
        }
        k = r.end;
        continue;
      }
      const prev = line.tokens[line.tokens.length - 1];
      NAME.lastIndex = k;
      const n = /\d/.test(c) ? null : NAME.exec(text);
      if (n) {
        line.tokens.push({ kind: 'name', text: n[0], afterDot: prev?.kind === 'op' && prev.text === '.' });
        k += n[0].length;
        continue;
      }
      NUMBER.lastIndex = k;
      const num = NUMBER.exec(text);
      if (num && num[0] !== '.') {
        line.tokens.push({ kind: 'number', text: num[0], afterDot: false });
        k += num[0].length;
        continue;
      }
      OP.lastIndex = k;
      const op = OP.exec(text);
      if (op) {
        const t = op[0];
        if (t === '(' || t === '[' || t === '{') brackets.push(t);
        else if (t === ')' || t === ']' || t === '}') {
          const open = brackets.pop();
          if (open !== { ')': '(', ']': '[', '}': '{' }[t]) flag(`unmatched "${t}"`);
        }
        line.tokens.push({ kind: 'op', text: t, afterDot: false });
        k += t.length;
        continue;
      }
      flag(`stray "${c}"`);
      k++;
    }
    line.end = lineOf(Math.max(j, k - 1));
    checkAdjacency(line, flag);
    out.push(line);
    i = k;
  }
  return out;
}

/** Flag two names/numbers in a row (never valid Python outside soft keywords) and a stray block colon. */
function checkAdjacency(line: LogicalLine, flag: (reason: string) => void): void {
  const t = line.tokens;
  const word = (x: Token) => (x.kind === 'name' && !KEYWORDS.has(x.text)) || x.kind === 'number';
  for (let k = 1; k < t.length; k++) {
    const a = t[k - 1];
    const b = t[k];
    const bad = (word(a) && (word(b) || b.kind === 'string')) || (a.kind === 'string' && word(b));
    if (!bad) continue;
    if (k === 1 && a.kind === 'name' && SOFT_KEYWORDS.has(a.text)) continue;
    flag(`"${a.text} ${b.text}"`);
    return;
  }
  const last = t[t.length - 1];
  if (last?.kind === 'op' && last.text === ':' && t[0].kind === 'name' && !BLOCK_OPENERS.has(t[0].text) && !SOFT_KEYWORDS.has(t[0].text)) {
    flag('a line ending in ":" that opens no block');
  }
}

/** Group logical lines into top-level statements (base indentation = the first line's). */
export function topLevelStatements(lines: LogicalLine[]): Statement[] {
  const out: Statement[] = [];
  if (lines.length === 0) return out;
  const base = lines[0].indent;
  let current: Statement | undefined;
  let decorated = false;
  for (const line of lines) {
    const first = line.tokens[0];
    const top = line.indent <= base;
    const clause = top && first?.kind === 'name' && CLAUSES.has(first.text);
    if (current && (!top || clause || decorated)) {
      current.lines.push(line);
      current.end = line.end;
      if (top && decorated) decorated = first?.kind === 'op' && first.text === '@';
      continue;
    }
    current = { lines: [line], start: line.start, end: line.end };
    decorated = first?.kind === 'op' && first.text === '@';
    out.push(current);
  }
  return out;
}

/** Physical lines of `code` (0-based) that lie inside a multi-line string, where a Markdown fence is text. */
export function linesInsideStrings(code: string): Set<number> {
  return new Set(logicalLines(code).flatMap((l) => l.stringLines ?? []));
}

/** The source text of lines `start..end` (inclusive) of `code`. */
export function sourceLines(code: string, start: number, end: number): string {
  return code.replace(/\r\n?/g, '\n').split('\n').slice(start, end + 1).join('\n');
}
