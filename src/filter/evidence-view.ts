/**
 * Read-only helpers over FilterEvidence for heuristics: a test's outcomes across the repeated
 * reference runs, and its static analysis (with a text-only fallback when the Python analysis is
 * absent, e.g. in hand-built evidence). Does not gather anything (see gather-evidence.ts).
 */
import type { FilterEvidence, TestAnalysis, TestCase, TestOutcome } from '../records.js';

/** The outcome of `testId` in each reference run (`undefined` where a run has none). */
export function outcomesOf(evidence: FilterEvidence, testId: string): (TestOutcome | undefined)[] {
  return evidence.runs.map((run) => run.tests.find((t) => t.testId === testId));
}

/** Collapse whitespace outside string literals; a cheap normal form when no AST is available. */
export function normaliseWhitespace(code: string): string {
  let out = '';
  let quote: string | null = null;
  let pendingSpace = false;
  for (let i = 0; i < code.length; i += 1) {
    const ch = code[i];
    if (quote) {
      out += ch;
      if (ch === '\\' && i + 1 < code.length) out += code[++i];
      else if (ch === quote) quote = null;
      continue;
    }
    if (/\s/.test(ch)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace && /\w/.test(ch) && /\w$/.test(out)) out += ' ';
    pendingSpace = false;
    if (ch === '"' || ch === "'") quote = ch;
    out += ch;
  }
  return out;
}

/** The text a test consists of, per kind (used by the fallback analysis). */
function testText(test: TestCase): string {
  const spec = test.spec;
  switch (spec.kind) {
    case 'assert':
    case 'check':
      return spec.code;
    case 'call':
      return `${spec.entryPoint}(*${spec.args}) == ${spec.expected ?? '<no expected>'}`;
    case 'stdio':
      return `stdin=${JSON.stringify(spec.stdin)} stdout=${JSON.stringify(spec.expectedStdout)}`;
  }
}

/** A text-only analysis: whitespace normal form and a regex look for a call of the entry point. */
export function fallbackAnalysis(test: TestCase, entryPoint: string | null): TestAnalysis {
  const spec = test.spec;
  const text = testText(test);
  let callsEntryPoint = true;
  if (spec.kind === 'assert') callsEntryPoint = !!entryPoint && new RegExp(`\\b${escapeRegExp(entryPoint)}\\s*\\(`).test(spec.code);
  if (spec.kind === 'check') callsEntryPoint = /\bcandidate\s*\(/.test(spec.code);
  return { testId: test.id, parses: true, normalForm: `${spec.kind}:${normaliseWhitespace(text)}`, callsEntryPoint, assertsConstant: false };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The static analysis of `test`: from the evidence when present, else the text-only fallback. */
export function analysisOf(evidence: FilterEvidence, test: TestCase, entryPoint: string | null): TestAnalysis {
  return evidence.analysis.find((a) => a.testId === test.id) ?? fallbackAnalysis(test, entryPoint);
}
