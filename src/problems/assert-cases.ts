/**
 * Splitting a benchmark's assert line `assert CALL == EXPECTED` into its call and its expected
 * value, so each assert can run as its own test and a failure can show input, expected and actual
 * output. Only the plain form is split: CALL a call expression (`name(...)`, `a.b(...)`, `f(g(...))`),
 * one top-level `==`, nothing after EXPECTED (no message, no chained comparison); anything else
 * returns null and the caller keeps the benchmark's test whole. Scans Python text (strings and
 * brackets) without executing or fully parsing it.
 */

/** An assert split into what is computed and what it must equal, both as Python source. */
export interface AssertParts {
  call: string;
  expected: string;
}

/** Top-level positions (outside strings and brackets) where `==` starts, and of top-level commas. */
function topLevelMarks(text: string): { eq: number[]; comma: number[]; balanced: boolean } {
  const eq: number[] = [];
  const comma: number[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      while (i < text.length && !text.startsWith(close, i)) {
        if (text[i] === '\\') i++;
        else if (!triple && text[i] === '\n') return { eq, comma, balanced: false };
        i++;
      }
      if (i >= text.length) return { eq, comma, balanced: false };
      i += close.length;
      continue;
    }
    if (c === '#') return { eq, comma, balanced: false }; // a comment: not the plain form
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth < 0) return { eq, comma, balanced: false };
    } else if (depth === 0) {
      if (c === ',') comma.push(i);
      else if (c === '=' && text[i + 1] === '=' && !'=!<>'.includes(text[i - 1] ?? '') && text[i + 2] !== '=') {
        eq.push(i);
        i += 2;
        continue;
      } else if ((c === '<' || c === '>' || (c === '!' && text[i + 1] === '=')) && text[i + 1] !== c) {
        eq.push(-1); // another comparison at top level: not the plain form
      }
    }
    i++;
  }
  return { eq, comma, balanced: depth === 0 };
}

const CALL = /^[A-Za-z_][\w.]*\([\s\S]*\)$/;

/** Split one `assert CALL == EXPECTED` statement (a single logical line, leading space allowed); null when not that form. */
export function splitAssert(statement: string): AssertParts | null {
  const body = statement.trim();
  if (!body.startsWith('assert ')) return null;
  const expr = body.slice('assert '.length).trim();
  const marks = topLevelMarks(expr);
  if (!marks.balanced || marks.eq.length !== 1 || marks.eq[0] < 0 || marks.comma.length) return null;
  const call = expr.slice(0, marks.eq[0]).trim();
  const expected = expr.slice(marks.eq[0] + 2).trim();
  // Operators looser than `==` (not, and, or, if-else, lambda) would change what is compared once split.
  const loose = /\b(if|else|and|or|in|is|not|lambda)\b/;
  if (!CALL.test(call) || !expected || loose.test(withoutStrings(call)) || loose.test(withoutStrings(expected))) return null;
  return { call, expected };
}

/** The text with string literals blanked (for keyword checks). */
function withoutStrings(text: string): string {
  return text.replace(/("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/g, '""');
}

/** The name a case binds the computed value to, so the assert can report it. */
export const ACTUAL_NAME = '_plum_actual';

/**
 * The test code of one split assert: compute the call once, then the benchmark's own comparison
 * (`actual == expected`, same operands and order), its message the repr of the actual value.
 * `before` is code the benchmark runs first (DeepSeek's `test_input = {...}`).
 */
export function caseCode(parts: AssertParts, before = ''): string {
  return `${before ? `${before}\n` : ''}${ACTUAL_NAME} = ${parts.call}\nassert ${ACTUAL_NAME} == ${parts.expected}, repr(${ACTUAL_NAME})\n`;
}
