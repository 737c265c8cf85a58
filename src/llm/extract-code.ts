import { linesInsideStrings } from './python-source.js';

/**
 * Finding code in a model's answer: fenced blocks (``` or ~~~, any language tag, indented or not, a
 * last block left open when the answer was cut at the token limit; a fence line inside a Python
 * string, such as a docstring showing Markdown, is text), or, with no fence at all, the stretch from the
 * first line that looks like Python to the end. Picks the block that defines the entry point when
 * there are several. Text-level only: whether the code parses is decided by Python elsewhere
 * (src/testgen/llm-parse-answer.py) or by running it (the sandbox).
 */

/** One piece of code found in an answer. */
export interface CodeBlock {
  code: string;
  /** Language tag of the fence, lower case ('' when none or unfenced). */
  lang: string;
  /** Came from a fence (false: the answer had no fence and this is the code-looking tail). */
  fenced: boolean;
  /** The closing fence was present (false: the answer was cut inside the block). */
  terminated: boolean;
}

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)[^\n]*$/;
const NON_PYTHON = new Set(['bash', 'sh', 'shell', 'console', 'text', 'txt', 'json', 'output', 'yaml', 'plaintext', 'javascript', 'js', 'ts', 'typescript', 'c', 'cpp', 'java']);
const CODE_START = /^(def |async def |class |import |from \S+ import |assert |@\w|[A-Za-z_]\w*\s*=|if __name__|for |while |print\()/;

/**
 * The answer without the reasoning of "thinking" models (`<think>...</think>`, as Qwen3 or
 * DeepSeek-R1 served by vLLM or Ollama write it): code drafted while thinking is not the answer.
 * A `<think>` never closed (cut at the token limit) removes everything after it.
 */
export function stripThinking(text: string): string {
  const closed = text.replace(/<think>[\s\S]*?<\/think>/g, '');
  const open = closed.indexOf('<think>');
  return open >= 0 ? closed.slice(0, open) : closed;
}

/** Every code block of `text` (reasoning stripped), in order. */
export function extractCodeBlocks(text: string): CodeBlock[] {
  const answer = stripThinking(text).replace(/\r\n?/g, '\n');
  const lines = answer.split('\n');
  const inString = answer.includes('```') || answer.includes('~~~') ? linesInsideStrings(answer) : new Set<number>();
  const blocks: CodeBlock[] = [];
  let open: { fence: string; lang: string; body: string[] } | undefined;
  for (const [index, line] of lines.entries()) {
    if (inString.has(index)) {
      open?.body.push(line);
      continue;
    }
    if (!open) {
      const m = FENCE.exec(line);
      if (m) open = { fence: m[1], lang: m[2].toLowerCase(), body: [] };
      continue;
    }
    const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      blocks.push({ code: open.body.join('\n'), lang: open.lang, fenced: true, terminated: true });
      open = undefined;
    } else {
      open.body.push(line);
    }
  }
  if (open && open.body.some((l) => l.trim())) blocks.push({ code: open.body.join('\n'), lang: open.lang, fenced: true, terminated: false });
  if (blocks.length > 0) return blocks.filter((b) => b.code.trim());
  const start = lines.findIndex((l) => CODE_START.test(l));
  if (start < 0) return [];
  return [{ code: trimTrailingProse(lines.slice(start)).join('\n'), lang: '', fenced: false, terminated: true }];
}

/** Drop trailing lines that read like prose (unindented sentences) after unfenced code. */
function trimTrailingProse(lines: string[]): string[] {
  let end = lines.length;
  while (end > 1) {
    const line = lines[end - 1];
    const prose = !line.trim() || (!/^\s/.test(line) && !CODE_START.test(line) && /^[A-Z][^=()]*[.:!?]$/.test(line.trim()));
    if (!prose) break;
    end -= 1;
  }
  return lines.slice(0, end);
}

/** Blocks that may be Python (untagged or tagged python/py/...). */
export function pythonBlocks(blocks: CodeBlock[]): CodeBlock[] {
  return blocks.filter((b) => !NON_PYTHON.has(b.lang));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `code` defines `name` at top level (def, async def, class, or an assignment). */
export function definesName(code: string, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(`^(?:async\\s+def|def|class)\\s+${n}\\s*[(:]|^${n}\\s*(?::[^=]*)?=[^=]`, 'm').test(code);
}

/** The program chosen from an answer. */
export interface ExtractedProgram {
  code: string;
  /** The chosen code defines the entry point (always true when no entry point is given and code exists). */
  definesEntryPoint: boolean;
  /** Number of code blocks found. */
  blockCount: number;
  /** The chosen block was cut by the token limit (no closing fence). */
  truncated: boolean;
}

/**
 * The program in an answer: among the Python blocks, the one defining `entryPoint` (the longest
 * when several do); else the longest block. Empty code when the answer has none.
 */
export function extractProgram(text: string, entryPoint: string | null): ExtractedProgram {
  const blocks = pythonBlocks(extractCodeBlocks(text));
  if (blocks.length === 0) return { code: '', definesEntryPoint: false, blockCount: 0, truncated: false };
  const longest = (list: CodeBlock[]) => list.reduce((a, b) => (b.code.length > a.code.length ? b : a));
  const defining = entryPoint ? blocks.filter((b) => definesName(b.code, entryPoint)) : blocks;
  const chosen = defining.length > 0 ? longest(defining) : longest(blocks);
  return {
    code: chosen.code.replace(/\s+$/, '') + '\n',
    definesEntryPoint: defining.length > 0,
    blockCount: blocks.length,
    truncated: !chosen.terminated,
  };
}
