/**
 * Sanitising a model's answer into the program to judge, as EvalPlus's `sanitize` does but in
 * TypeScript (no Python per sample): take the code out of a chat answer (the Python fenced blocks;
 * with no fence, the text without its prose lines and without a statement cut at the token limit),
 * then, when the entry point is known, keep only the top-level statements it needs: the
 * definitions (functions, classes, assignments, type aliases) it reaches through the names they
 * use, the imports of those names (and every `from x import *` / `__future__` import), and the
 * calls that set up what is kept (`sys.setrecursionlimit`, `memo.update(...)` on a kept global).
 * Tests, prints, asserts, `if __name__ == "__main__":` blocks and example usage are dropped.
 * With no entry point (stdin programs) the code is kept whole: only fences and prose go.
 *
 * Differences from EvalPlus (evalplus/sanitize.py, tree-sitter): decorated definitions, functions
 * without `return`, `type` aliases and `try: import ...` blocks are kept when reached (EvalPlus
 * drops them); a name defined twice keeps both definitions in order, so the last one wins as in
 * Python (EvalPlus keeps the first); imports nobody uses are dropped (EvalPlus keeps them all, so
 * an answer importing `pytest` or `unittest` stays importable here); names after `.` and a
 * function's own locals (parameters, names it assigns) are not dependencies (EvalPlus counts every
 * identifier, so a helper's parameter `n` pulls in an example's `n = int(input())`); with several
 * fenced blocks every Python block contributes definitions (EvalPlus keeps the longest parseable
 * stretch of lines). Names are matched without full scopes: a statement is sometimes kept that is
 * not needed; one is left out only when a single statement uses one name both as a function's local
 * and, elsewhere in it, as a global (rare).
 */
import { extractCodeBlocks, pythonBlocks, stripThinking } from '../llm/extract-code.js';
import { isKeyword, logicalLines, topLevelStatements, type LogicalLine, type Statement, type Token } from '../llm/python-source.js';

/** Options of `sanitize`. */
export interface SanitizeOptions {
  /** The function (or class) the tests call; null/undefined keeps all the code (stdin programs). */
  entryPoint?: string | null;
  /** Other names to keep with what they need: what the task's prompt defines (`definedNames(prompt)`), which its tests may call. */
  alsoKeep?: readonly string[];
  /**
   * Code that comes before the answer (a completion's prompt): an unfenced answer is read as its
   * continuation (prompt + completion), a fenced one as blocks that may use its definitions.
   */
  prefix?: string;
}

/** A sanitised answer. */
export interface SanitizeResult {
  /** The program (ends with a newline; empty when the answer held no code). */
  code: string;
  /** Python fenced blocks found in the answer. */
  fencedBlocks: number;
  /** The entry point is defined by the program. */
  definesEntryPoint: boolean;
  /** Top-level statements left out (prose, cut, unneeded or test code). */
  droppedStatements: number;
}

const ANSI_ESCAPE = /\x1B(?:[@-Z\\-_]|\[[0-?]*[ -/]*[@-~])/g;
/** Calls at top level that set up the interpreter for the code kept. */
const SETUP_CALLS = new Set(['sys.setrecursionlimit', 'sys.set_int_max_str_digits']);

/**
 * True when `text` is a chat-style answer rather than a Python program: it has a Markdown fence, a
 * prose line or another line Python rejects outside any string (see python-source.ts), a
 * `<think>` block or terminal escapes. Such text cannot run as given, so sanitising it by default
 * never turns a passing sample into a failing one. A program merely cut at the token limit (an
 * open bracket or string at the end) is not chat-style.
 */
export function isChatStyle(text: string): boolean {
  if (/<think>|\x1B/.test(text)) return true;
  return logicalLines(text).some((l) => l.invalid !== undefined);
}

/** Sanitise `text` (a model's answer); see the file comment. */
export function sanitize(text: string, options: SanitizeOptions = {}): SanitizeResult {
  const answer = stripThinking(text).replace(ANSI_ESCAPE, '').replace(/\r\n?/g, '\n');
  const found = extractCodeBlocks(answer);
  const fenced = pythonBlocks(found.filter((b) => b.fenced));
  const named = rootName(options.entryPoint);
  let pieces: string[];
  // Unfenced, the answer continues the prefix (a base model's completion: a body after its prompt);
  // fenced, the blocks are whole programs of their own that may use the prefix's definitions.
  if (fenced.length === 0) pieces = [(options.prefix ?? '') + answer];
  else if (named) pieces = fenced.map((b) => b.code);
  else pieces = [fenced.reduce((a, b) => (b.code.length > a.code.length ? b : a)).code];
  if (options.prefix !== undefined && fenced.length > 0) pieces.unshift(options.prefix);

  const units: Unit[] = [];
  let dropped = 0;
  pieces.map(dedent).forEach((piece, pieceIndex) => {
    const statements = topLevelStatements(logicalLines(piece));
    statements.forEach((statement, index) => {
      if (statement.lines.some((l) => l.invalid !== undefined || l.incomplete)) dropped++;
      else units.push({ source: piece, pieceIndex, index, statement, ...describeStatement(statement) });
    });
  });
  // A method name (LeetCode's `minimumPushes`) is reached through the class defining it (`Solution`).
  const entry = named && !units.some((u) => u.binds.includes(named)) ? (units.find((u) => u.methods?.includes(named))?.binds[0] ?? named) : named;
  const definesEntryPoint = entry !== undefined && units.some((u) => u.binds.includes(entry));
  const kept = entry && definesEntryPoint ? dependencyClosure(units, [entry, ...(options.alsoKeep ?? [])]) : units;
  dropped += units.length - kept.length;
  const code = joinUnits(kept);
  return { code: code ? code + '\n' : '', fencedBlocks: fenced.length, definesEntryPoint, droppedStatements: dropped };
}

/**
 * The names `code` defines at top level (functions, classes, assignments): for a task's prompt,
 * what its tests may use besides the entry point (HumanEval/50's check calls the prompt's
 * `encode_shift`), so a sanitised program keeps it.
 */
export function definedNames(code: string): string[] {
  const statements = topLevelStatements(logicalLines(code)).filter((s) => !s.lines.some((l) => l.invalid !== undefined || l.incomplete));
  return [...new Set(statements.map(describeStatement).filter((f) => f.kind === 'definition').flatMap((f) => f.binds))];
}

/** The first name of an entry point such as `Solution().twoSum` or `f`. */
function rootName(entryPoint: string | null | undefined): string | undefined {
  return entryPoint ? /[A-Za-z_]\w*/.exec(entryPoint)?.[0] : undefined;
}

/** Remove the indentation common to every non-blank line (a fenced block indented in a list item). */
function dedent(code: string): string {
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0]);
  if (indents.length === 0) return code;
  let common = indents[0];
  for (const ind of indents) while (!ind.startsWith(common)) common = common.slice(0, -1);
  return common ? lines.map((l) => l.slice(Math.min(common.length, /^[ \t]*/.exec(l)![0].length))).join('\n') : code;
}

/** What a top-level statement is, for the dependency closure. */
interface StatementFacts {
  kind: 'import' | 'definition' | 'main' | 'other';
  /** Names the statement binds at module level. */
  binds: string[];
  /** Names it reads (without attributes after `.` and the parameters of its functions). */
  uses: Set<string>;
  /** Kept whatever is reached: `from x import *`, `from __future__ import ...`, `sys.setrecursionlimit(...)`. */
  always: boolean;
  /** A method call on a module-level name (`memo.update(...)`): kept when that name is. */
  receiver?: string;
  /** A class: the methods its body defines. */
  methods?: string[];
}

interface Unit extends StatementFacts {
  source: string;
  /** Which piece of code (prefix, fenced block) and which of its statements. */
  pieceIndex: number;
  index: number;
  statement: Statement;
}

/**
 * The source of the units kept: statements that were next to each other keep the lines between
 * them (blank lines, comments), so a program with nothing to drop comes back unchanged; separate
 * runs are joined by a blank line.
 */
function joinUnits(kept: Unit[]): string {
  const runs: string[] = [];
  let previous: Unit | undefined;
  for (const unit of kept) {
    const lines = unit.source.split('\n');
    const adjacent = previous && previous.pieceIndex === unit.pieceIndex && previous.index === unit.index - 1;
    const from = adjacent ? previous!.statement.end + 1 : unit.statement.start;
    const text = lines.slice(from, unit.statement.end + 1).join('\n');
    if (adjacent) runs[runs.length - 1] += '\n' + text;
    else runs.push(text);
    previous = unit;
  }
  return runs.join('\n\n');
}

/** Facts of one top-level statement. */
export function describeStatement(statement: Statement): StatementFacts {
  const uses = namesUsed(statement.lines);
  const header = statement.lines.find((l) => !isOp(l.tokens[0], '@')) ?? statement.lines[0];
  const t = header.tokens;
  const first = t[0]?.kind === 'name' ? t[0].text : '';
  if (first === 'import' || first === 'from') {
    const { names, star, future } = importedNames(t);
    return { kind: 'import', binds: names, uses: new Set(), always: star || future };
  }
  if (first === 'def' || first === 'class' || (first === 'async' && t[1]?.text === 'def')) {
    const name = t.find((tok, k) => k > 0 && tok.kind === 'name' && !isKeyword(tok.text));
    const facts: StatementFacts = { kind: 'definition', binds: name ? [name.text] : [], uses, always: false };
    if (first === 'class') facts.methods = methodNames(statement.lines.slice(statement.lines.indexOf(header) + 1));
    return facts;
  }
  if (first === 'if' && t[1]?.text === '__name__' && t[2]?.text === '==' && t[3]?.kind === 'string' && /__main__/.test(t[3].text)) {
    return { kind: 'main', binds: [], uses, always: false };
  }
  if (first === 'type' && t[1]?.kind === 'name' && (isOp(t[2], '=') || isOp(t[2], '['))) {
    return { kind: 'definition', binds: [t[1].text], uses, always: false };
  }
  if (statement.lines.length === 1 && !isKeyword(first)) {
    const targets = assignmentTargets(t);
    if (targets.length > 0) return { kind: 'definition', binds: targets, uses, always: false };
    const dotted = t[0]?.kind === 'name' && isOp(t[1], '.') && t[2]?.kind === 'name' && isOp(t[3], '(');
    if (dotted && SETUP_CALLS.has(`${t[0].text}.${t[2].text}`)) return { kind: 'other', binds: [], uses, always: true };
    if (dotted) return { kind: 'other', binds: [], uses, always: false, receiver: t[0].text };
    return { kind: 'other', binds: [], uses, always: false };
  }
  // A compound statement (try/if/for/with/...): what it binds at module level.
  return { kind: 'definition', binds: namesBoundInside(statement.lines), uses, always: false };
}

/** Names of the functions defined at the first indentation of a class body. */
function methodNames(body: LogicalLine[]): string[] {
  const indent = body[0]?.indent;
  return body
    .filter((l) => l.indent === indent)
    .map((l) => l.tokens)
    .filter((t) => t[0]?.text === 'def' || (t[0]?.text === 'async' && t[1]?.text === 'def'))
    .map((t) => t.find((tok, k) => k > 0 && tok.kind === 'name' && !isKeyword(tok.text))?.text ?? '');
}

function isOp(token: Token | undefined, text: string): boolean {
  return token?.kind === 'op' && token.text === text;
}

/** Names an import statement binds. */
function importedNames(t: Token[]): { names: string[]; star: boolean; future: boolean } {
  const names: string[] = [];
  if (t[0].text === 'import') {
    for (const part of splitTopLevel(t.slice(1), ',')) {
      const as = part.findIndex((tok) => tok.text === 'as' && tok.kind === 'name');
      const name = as >= 0 ? part[as + 1] : part[0];
      if (name?.kind === 'name') names.push(name.text);
    }
    return { names, star: false, future: false };
  }
  const at = t.findIndex((tok) => tok.kind === 'name' && tok.text === 'import');
  const future = t[1]?.text === '__future__';
  const rest = t.slice(at + 1).filter((tok) => !isOp(tok, '(') && !isOp(tok, ')'));
  if (rest.some((tok) => isOp(tok, '*'))) return { names, star: true, future };
  for (const part of splitTopLevel(rest, ',')) {
    const as = part.findIndex((tok) => tok.text === 'as' && tok.kind === 'name');
    const name = as >= 0 ? part[as + 1] : part[0];
    if (name?.kind === 'name') names.push(name.text);
  }
  return { names, star: false, future };
}

/** Split tokens at `sep` outside brackets. */
function splitTopLevel(tokens: Token[], sep: string): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const tok of tokens) {
    if (tok.kind === 'op' && '([{'.includes(tok.text)) depth++;
    if (tok.kind === 'op' && ')]}'.includes(tok.text)) depth--;
    if (depth === 0 && isOp(tok, sep)) parts.push([]);
    else parts[parts.length - 1].push(tok);
  }
  return parts.filter((p) => p.length > 0);
}

const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '@=', '&=', '|=', '^=', '>>=', '<<=', '**=']);

/** The module-level names an assignment line binds (`a = b = 1`, `x: int = 0`, `a, b = ...`, `d[k] = v`, `n += 1`); [] when it is none. */
export function assignmentTargets(t: Token[], plainOnly = false): string[] {
  const targets: Token[][] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < t.length; k++) {
    const tok = t[k];
    if (tok.kind !== 'op') continue;
    if ('([{'.includes(tok.text)) depth++;
    else if (')]}'.includes(tok.text)) depth--;
    else if (depth === 0 && (tok.text === '=' || AUGMENTED.has(tok.text))) {
      targets.push(t.slice(start, k));
      start = k + 1;
      if (tok.text !== '=') break;
    } else if (depth === 0 && tok.text === ':' && targets.length === 0) {
      // An annotation: `x: int` or `x: int = 0`; the target is what comes before.
      targets.push(t.slice(start, k));
      break;
    } else if (depth === 0 && tok.text === 'lambda') break;
  }
  return [...new Set(targets.flatMap((target) => targetNames(target, plainOnly)))];
}

/**
 * Names bound by one assignment target: `a`, `a, (b, *c)`, `d[k]` -> d, `obj.x` -> obj; with
 * `plainOnly`, only names bound themselves (not `d` of `d[k] = v`, which only changes d).
 */
function targetNames(target: Token[], plainOnly: boolean): string[] {
  const names: string[] = [];
  let skipDepth = 0;
  for (let k = 0; k < target.length; k++) {
    const tok = target[k];
    const prev = target[k - 1];
    if (skipDepth > 0) {
      if (tok.kind === 'op' && '([{'.includes(tok.text)) skipDepth++;
      if (tok.kind === 'op' && ')]}'.includes(tok.text)) skipDepth--;
      continue;
    }
    // A subscript or call after a name or a closing bracket: its contents bind nothing.
    if (tok.kind === 'op' && (tok.text === '[' || tok.text === '(') && prev && (prev.kind === 'name' || isOp(prev, ']') || isOp(prev, ')'))) {
      skipDepth = 1;
      continue;
    }
    const next = target[k + 1];
    const changedOnly = next !== undefined && (isOp(next, '[') || isOp(next, '.') || isOp(next, '('));
    if (tok.kind === 'name' && !tok.afterDot && !isKeyword(tok.text) && !(plainOnly && changedOnly)) names.push(tok.text);
  }
  return names;
}

/** Names a compound statement binds at module level (imports, defs, classes, assignments in its blocks, not in nested functions). */
function namesBoundInside(lines: LogicalLine[]): string[] {
  const names: string[] = [];
  let insideDefIndent: number | undefined;
  for (const line of lines) {
    if (insideDefIndent !== undefined && line.indent > insideDefIndent) continue;
    insideDefIndent = undefined;
    const t = line.tokens;
    const first = t[0]?.kind === 'name' ? t[0].text : '';
    if (first === 'import' || first === 'from') names.push(...importedNames(t).names);
    else if (first === 'def' || first === 'class' || first === 'async') {
      const name = t.find((tok, k) => k > 0 && tok.kind === 'name' && !isKeyword(tok.text));
      if (name) names.push(name.text);
      insideDefIndent = line.indent;
    } else if (!isKeyword(first) && first) names.push(...assignmentTargets(t));
  }
  return [...new Set(names)];
}

/**
 * Names read by the lines: not after `.`, not keywords, and not the local names of the functions
 * defined there (parameters, names assigned, loop and `as` targets in a function body, unless
 * declared `global`; lambda parameters; comprehension variables). A class body's own assignments
 * are not locals of its methods, so they stay dependencies.
 */
function namesUsed(lines: LogicalLine[]): Set<string> {
  const locals = new Set<string>();
  const globals = new Set<string>();
  const defIndents: number[] = [];
  for (const line of lines) {
    const t = line.tokens;
    while (defIndents.length > 0 && line.indent <= defIndents[defIndents.length - 1]) defIndents.pop();
    const inFunction = defIndents.length > 0;
    const at = t.findIndex((tok) => tok.kind === 'name' && tok.text === 'def');
    if (at >= 0) {
      defIndents.push(line.indent);
      for (const name of parameterNames(t, at + 2)) locals.add(name);
    }
    for (let k = 0; k < t.length; k++) {
      const tok = t[k];
      if (tok.kind !== 'name') continue;
      if (tok.text === 'lambda') for (let m = k + 1; m < t.length && !isOp(t[m], ':'); m++) if (t[m].kind === 'name') locals.add(t[m].text);
      // `for x in` in a comprehension (anywhere) or a loop inside a function binds local names.
      if (tok.text === 'for' && (k > 0 || inFunction)) for (let m = k + 1; m < t.length && t[m].text !== 'in'; m++) if (t[m].kind === 'name') locals.add(t[m].text);
      if (tok.text === 'as' && inFunction && t[k + 1]?.kind === 'name') locals.add(t[k + 1].text);
      if ((tok.text === 'global' || tok.text === 'nonlocal') && k === 0) for (const g of t.slice(1)) if (g.kind === 'name') globals.add(g.text);
    }
    if (inFunction && t[0]?.kind === 'name' && !isKeyword(t[0].text)) for (const name of assignmentTargets(t, true)) locals.add(name);
  }
  for (const name of globals) locals.delete(name);
  const uses = new Set<string>();
  for (const line of lines) {
    for (const tok of line.tokens) {
      if (tok.kind === 'name' && !tok.afterDot && !isKeyword(tok.text) && !locals.has(tok.text)) uses.add(tok.text);
      for (const name of tok.fieldNames ?? []) if (!locals.has(name)) uses.add(name);
    }
  }
  return uses;
}

/** The parameter names of a `def` whose name is followed by `(` at `from`. */
function parameterNames(t: Token[], from: number): string[] {
  const names: string[] = [];
  let depth = 0;
  for (let k = from; k < t.length; k++) {
    const tok = t[k];
    if (tok.kind === 'op' && '([{'.includes(tok.text)) depth++;
    else if (tok.kind === 'op' && ')]}'.includes(tok.text)) {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && tok.kind === 'name') {
      const prev = t[k - 1];
      if (isOp(prev, '(') || isOp(prev, ',') || isOp(prev, '*') || isOp(prev, '**')) names.push(tok.text);
    }
  }
  return names;
}

/** The units the entry point needs, in their order. */
function dependencyClosure(units: Unit[], roots: readonly string[]): Unit[] {
  const reached = new Set(roots);
  const assigned = new Set(units.filter((u) => u.kind === 'definition').flatMap((u) => u.binds));
  const kept = new Set<Unit>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const unit of units) {
      if (kept.has(unit) || unit.kind === 'main') continue;
      const needed =
        unit.always ||
        unit.binds.some((n) => reached.has(n)) ||
        (unit.receiver !== undefined && reached.has(unit.receiver) && assigned.has(unit.receiver));
      if (!needed) continue;
      kept.add(unit);
      for (const name of unit.uses) reached.add(name);
      changed = true;
    }
  }
  return units.filter((u) => kept.has(u));
}
