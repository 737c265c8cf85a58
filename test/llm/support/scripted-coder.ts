/**
 * A scripted "model" for the fake LLM server: synthetic problems `add_<i>(x) -> x + i` whose
 * instructions start with `Task <id>:`, and the answers a test generator and a policy would give
 * for them, with per-task misbehaviour (no code, truncated answer, unfenced code, prose around
 * several blocks, a misnamed function). Deterministic: answers depend only on the request.
 */
import { makeProblem } from '../../../src/problems/make-problem.js';
import type { Problem } from '../../../src/records.js';
import type { FakeAnswer, FakeChatRequest } from '../../support/fake-llm-server.js';

/** How the scripted model misbehaves on a task. */
export type TaskMode = 'ok' | 'no-code' | 'truncated' | 'unfenced' | 'chatty' | 'misnamed';

export interface ScriptedTask {
  id: string;
  k: number;
  mode: TaskMode;
  /** The problem gives the signature (true) or leaves the entry point to the model (false). */
  withSignature: boolean;
}

export function taskProblem(task: ScriptedTask): Problem {
  const name = `add_${task.k}`;
  return makeProblem({
    id: task.id,
    source: 'instruct',
    instruction: `Task ${task.id}: write a Python function ${name} that takes an integer x and returns x plus ${task.k}.`,
    entryPoint: task.withSignature ? name : null,
    signature: task.withSignature ? `def ${name}(x: int) -> int:` : null,
    reference: null,
    provenance: { generator: 'test' },
  });
}

function testgenAnswer(task: ScriptedTask): FakeAnswer {
  const name = `add_${task.k}`;
  const tests = [0, 1, -5, 100].map((x) => `assert ${name}(${x}) == ${x + task.k}`);
  // One wrong test: the consistency filter must drop it (the reference fails it).
  tests.push(`assert ${name}(2) == ${2 + task.k + 1}`);
  const reference = `def ${name}(x: int) -> int:\n    """Add ${task.k}."""\n    return x + ${task.k}`;
  switch (task.mode) {
    case 'no-code':
      return `I am sorry, but I cannot write tests for this task without more details.`;
    case 'unfenced':
      return `${reference}\n\n${tests.join('\n')}\n`;
    case 'truncated': {
      const text = `## Analysis\nAdds ${task.k}.\n\n## Reference solution\n\`\`\`python\n${reference}\n\`\`\`\n\n## Tests\n\`\`\`python\n${tests.slice(0, 3).join('\n')}\nassert ${name}(7) == `;
      return { content: text, finishReason: 'length' };
    }
    case 'chatty':
      return [
        `Sure! Let's think about it. The function adds ${task.k} to its argument; edge cases are negatives and zero.`,
        `**Signature**\n\`\`\`python\ndef ${name}(x: int) -> int:\n\`\`\``,
        `Here is a reference implementation:\n\`\`\`py\nimport math\n\n${reference}\n\nprint(${name}(1))\n\`\`\``,
        `And the tests:\n\`\`\`python\nx = 3\nassert ${name}(x) == ${3 + task.k}\n${tests.join('\n')}\n\`\`\``,
        `These tests cover typical and edge cases. Let me know if you need more!`,
      ].join('\n\n');
    default:
      return [
        `## Analysis\nThe function returns its argument plus ${task.k}.`,
        `## Signature\n\`\`\`python\ndef ${name}(x: int) -> int:\n\`\`\``,
        `## Reference solution\n\`\`\`python\n${reference}\n\`\`\``,
        `## Tests\n\`\`\`python\n${tests.join('\n')}\n\`\`\``,
      ].join('\n\n');
  }
}

/** A policy whose model name ends in "-good" never writes the wrong variant (a better round). */
function policyAnswer(task: ScriptedTask, variant: number, good: boolean): FakeAnswer {
  const name = task.mode === 'misnamed' && variant % 2 === 0 ? `plus_${task.k}` : `add_${task.k}`;
  // The weaker policy gets a third of its answers wrong, and every answer to tasks with k % 5 == 0.
  const wrong = !good && (variant % 3 === 0 || task.k % 5 === 0);
  const body = wrong ? `return x - ${task.k}` : `return ${task.k} + x`;
  if (task.mode === 'no-code' && variant % 2 === 1) return 'I would rather not answer.';
  if (task.mode === 'truncated' && variant % 4 === 3) return { content: `\`\`\`python\ndef ${name}(x: int) -> int:\n    return (x +`, finishReason: 'length' };
  return `Here is my solution.\n\n\`\`\`python\ndef ${name}(x: int) -> int:\n    ${body}\n\`\`\`\n\nExample:\n\`\`\`python\nprint(${name}(1))\n\`\`\``;
}

/** The answer function for `startFakeLlmServer({ answer })`. */
export function scriptedCoder(tasks: ScriptedTask[]): (request: FakeChatRequest, index: number) => FakeAnswer {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return (request, index) => {
    const id = /Task (\S+):/.exec(request.prompt)?.[1];
    const task = id ? byId.get(id) : undefined;
    if (!task) return 'I do not know this task.';
    const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
    if (/tester/.test(system)) return testgenAnswer(task);
    // Policy: the variant depends on the seed (single requests) or the choice index (n requests).
    const variant = (request.seed ?? 0) + index;
    return policyAnswer(task, variant, request.model.endsWith('-good'));
  };
}

/** `count` tasks cycling through every mode, half of them with a signature. */
export function makeTasks(count: number, modes: TaskMode[] = ['ok', 'chatty', 'no-code', 'truncated', 'unfenced', 'ok', 'misnamed']): ScriptedTask[] {
  return Array.from({ length: count }, (_, i) => ({ id: `t${i}`, k: i + 1, mode: modes[i % modes.length], withSignature: i % 2 === 0 }));
}
