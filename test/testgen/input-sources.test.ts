/**
 * Where the offline generator's inputs come from, in real Python (python/mutate_inputs.py, no
 * engine): seeds from the problem's text (doc_examples.py), seeds from annotations when there are
 * none, boundary inputs of each argument's type (boundary_inputs.py), and inputs left out because
 * they break a contract inferred from the seeds and the text (contracts.py). Each switch off gives
 * the old behaviour.
 */
import { describe, expect, it } from 'vitest';
import { generateCandidateInputs, type CandidateInputs, type CandidateRequest, type InputFeatures } from '../../src/testgen/candidate-inputs.js';
import { makeProblem } from '../../src/problems/make-problem.js';

function problem(id: string, signature: string, instruction: string, examples: string[] = []) {
  const name = /def (\w+)/.exec(signature)![1];
  return makeProblem({
    id: `fixture/${id}`,
    source: 'fixture',
    instruction,
    entryPoint: name,
    signature,
    reference: `${signature}\n    return None\n`,
    examples: examples.map((args) => ({ args })),
    provenance: { generator: 'fixture' },
  });
}

const request = (p: CandidateRequest['problem'], features: Partial<InputFeatures> = {}, candidates = 60): CandidateRequest => ({
  problem: p,
  seed: 5,
  candidates,
  maxSteps: 3,
  maxSize: 16,
  relaxAfter: null,
  features,
});

const argsOf = (r: CandidateInputs) => r.inputs.map((i) => i.args);
const boundaryArgs = (r: CandidateInputs) => r.inputs.filter((i) => i.mutation.startsWith('boundary#') && !i.mutation.includes('>')).map((i) => i.args);

describe('seeds from the problem text', () => {
  const doc = problem(
    'doc',
    'def f(x, y=0):',
    [
      'def f(x, y=0):',
      '    """Add.',
      '    >>> f([1, 2])',
      '    3',
      '    >>> round(f(2.5, 1), 2)',
      '    3.5',
      '    f(3) == 4',
      '    f(5, 1) \u279e 6',
      '    f(7) -> 8',
      '    Example: f("a(b", 2) => 10',
      '    f(x, 2) == 3   (not literal: ignored)',
      '    """',
    ].join('\n'),
  );

  it('reads >>> calls (also wrapped), == / \u279e / -> / => forms; not the def line nor names', async () => {
    const [r] = await generateCandidateInputs([request(doc, { boundaryInputs: 0 })]);
    expect(r.seeds).toBe(6);
    expect(argsOf(r).slice(0, 6)).toEqual(['[[1, 2]]', '[2.5, 1]', '[3]', '[5, 1]', '[7]', "['a(b', 2]"]);
    expect(r.inputs.slice(0, 6).every((i) => /^seed#\d$/.test(i.mutation))).toBe(true);
  });

  it('with docstringSeeds off, a problem whose only examples are in its text has no seed', async () => {
    const [r] = await generateCandidateInputs([request(doc, { docstringSeeds: false, typedSeeds: false })]);
    expect(r.seeds).toBe(0);
    expect(r.inputs).toEqual([]);
  });

  it('gives a problem with no example two seeds made from its annotations (typedSeeds)', async () => {
    const bare = problem('bare', 'def decode(s: str, n: int, xs: List[int]) -> str:', 'Decode s.');
    const [on, off] = await generateCandidateInputs([request(bare), request(bare, { typedSeeds: false })]);
    expect(on.seeds).toBe(2);
    expect(on.inputs[0].mutation).toBe('typed-seed#0');
    expect(on.inputs[0].args).toMatch(/^\['\w+', -?\d+, \[/);
    expect(off.seeds).toBe(0);
  });
});

describe('boundary inputs from the argument types', () => {
  it('adds the edges of each annotated type right after the seeds', async () => {
    const p = problem(
      'typed',
      'def g(xs: List[int], s: str, k: Optional[int], pair: Tuple[int, str], d: Dict[str, int], x: float):',
      'Anything goes; values may be negative.',
      ["[[3, -1, 2], 'ab c', 4, (1, 'x'), {'a': 1}, 2.5]"],
    );
    const [r] = await generateCandidateInputs([request(p, { boundaryInputs: 60 }, 200)]);
    const b = boundaryArgs(r);
    expect(r.inputs[1].mutation).toMatch(/^boundary#0:a0=/); // first after the seed
    const has = (text: string) => expect(b, text).toContain(text);
    has("[[], 'ab c', 4, (1, 'x'), {'a': 1}, 2.5]"); // empty list
    has("[[-3, 1, -2], 'ab c', 4, (1, 'x'), {'a': 1}, 2.5]"); // negated
    has("[[3], 'ab c', 4, (1, 'x'), {'a': 1}, 2.5]"); // one element
    has("[[3, 3], 'ab c', 4, (1, 'x'), {'a': 1}, 2.5]"); // duplicates
    has("[[-1, 2, 3], 'ab c', 4, (1, 'x'), {'a': 1}, 2.5]"); // sorted
    has("[[3, 2, -1], 'ab c', 4, (1, 'x'), {'a': 1}, 2.5]"); // reversed
    has("[[3, -1, 2], '', 4, (1, 'x'), {'a': 1}, 2.5]"); // empty string
    has("[[3, -1, 2], 'ab c', None, (1, 'x'), {'a': 1}, 2.5]"); // None for Optional
    has("[[3, -1, 2], 'ab c', 0, (1, 'x'), {'a': 1}, 2.5]"); // 0
    has("[[3, -1, 2], 'ab c', -1, (1, 'x'), {'a': 1}, 2.5]"); // -1
    has("[[3, -1, 2], 'ab c', 10000, (1, 'x'), {'a': 1}, 2.5]"); // large
    has("[[3, -1, 2], 'ab c', 4, (0, 'x'), {'a': 1}, 2.5]"); // tuple element
    has("[[3, -1, 2], 'ab c', 4, (1, 'x'), {}, 2.5]"); // empty dict
    has("[[3, -1, 2], 'ab c', 4, (1, 'x'), {'a': 1}, 0.0]"); // float 0
    expect(b.some((a) => a.startsWith('[[3, -1, 2, 3, -1, 2, 3'))).toBe(true); // long list
    expect(b.some((a) => a.includes("'ab cab cab c"))).toBe(true); // long string
    // Declared ints never get bools; nothing here is Any.
    expect(b.some((a) => /True|False/.test(a))).toBe(false);
  });

  it('puts bools, None and mixed values in List[Any] (HumanEval/22 style), and only there', async () => {
    const p = problem('any', 'def keep_ints(values: List[Any]) -> List[int]:', 'Keep the integers.', ["[['a', 3.14, 5]]"]);
    const [r] = await generateCandidateInputs([request(p)]);
    const b = boundaryArgs(r);
    expect(b).toContain("[['a', 3.14, 5, True, False]]");
    expect(b).toContain("[['a', 3.14, 5, None]]");
  });

  it('ties two numeric arguments at the smaller and the larger; floats only for untyped problems whose text allows them', async () => {
    const untyped = problem('min3', 'def min_of_three(a, b, c):', 'Find the minimum of three numbers.', ['[19, 15, 18]']);
    const b = boundaryArgs((await generateCandidateInputs([request(untyped)]))[0]);
    expect(b).toContain('[15, 15, 18]'); // a == b < c: the tie at the minimum
    expect(b).toContain('[19, 19, 18]');
    expect(b).toContain('[19.5, 15, 18]');
    const whole = problem('odd', 'def count_odd(a, b, c):', 'Count the odd numbers among three values.', ['[19, 15, 18]']);
    expect(boundaryArgs((await generateCandidateInputs([request(whole)]))[0]).some((a) => a.includes('.5'))).toBe(false);
    const typed = problem('min3t', 'def min_of_three(a: int, b: int, c: int) -> int:', 'Find the minimum of three numbers.', ['[19, 15, 18]']);
    expect(boundaryArgs((await generateCandidateInputs([request(typed)]))[0]).some((a) => a.includes('.5'))).toBe(false);
  });

  it('three short sorted seeds are no sorted contract; long ones are', async () => {
    const short = problem('sum', 'def big_sum(xs):', 'Sum of the largest and smallest value.', ['[[1, 2, 3]]', '[[-1, 2, 3, 4]]', '[[2, 3, 6]]']);
    expect(argsOf((await generateCandidateInputs([request(short)]))[0])).toContain('[[-1, -2, -3]]');
    const long = problem('bs', 'def find(xs, t):', 'Find t.', ['[[1, 3, 5, 7, 9], 7]', '[[1, 3, 5, 7, 9], 4]', '[[10, 20, 30, 40], 10]']);
    const r = (await generateCandidateInputs([request(long)]))[0];
    for (const a of argsOf(r)) {
      const xs = JSON.parse(a)[0] as number[];
      expect([...xs].sort((x, y) => x - y), a).toEqual(xs);
    }
  });

  it('boundaryInputs caps them; 0 turns them off', async () => {
    const p = problem('cap', 'def h(n: int, xs: list):', 'Count.', ['[5, [1, 2]]', '[7, [4]]']);
    const [few, none] = await generateCandidateInputs([request(p, { boundaryInputs: 3 }), request(p, { boundaryInputs: 0 })]);
    expect(boundaryArgs(few)).toHaveLength(3);
    expect(new Set(few.inputs.slice(2, 5).map((i) => i.mutation.split('=')[0]))).toEqual(new Set(['boundary#0:a0', 'boundary#0:a1', 'boundary#1:a0']));
    expect(boundaryArgs(none)).toEqual([]);
  });
});

describe('contracts inferred from the seeds and the text', () => {
  const violations = (r: CandidateInputs, contract: string) => r.violations.filter((v) => v.contract === contract);

  it('"positive integer": no input with n <= 0, each left out with the contract named', async () => {
    const p = problem('pos', 'def digits(n: int) -> int:', 'Given a positive integer n, return the product of its digits.', ['[1]', '[235]']);
    const [r, off] = await generateCandidateInputs([request(p), request(p, { inferContracts: false })]);
    expect(argsOf(r).every((a) => Number(JSON.parse(a)[0]) > 0)).toBe(true);
    expect(violations(r, 'positive a0').map((v) => v.args)).toEqual(expect.arrayContaining(['[0]', '[-1]']));
    expect(r.violations.every((v) => v.mutation.length > 0)).toBe(true);
    expect(argsOf(off)).toContain('[0]');
    expect(off.violations).toEqual([]);
  });

  it('non-negative ints when every seed is >= 0 and the text hints at it; silence is not enough', async () => {
    const nth = problem('nn', 'def fib(n: int) -> int:', 'Return the n-th Fibonacci number.', ['[10]', '[1]', '[8]']);
    const silent = problem('silent', 'def power(a: int, b: int) -> int:', 'Compute a to the power b.', ['[3, 4]', '[2, 3]']);
    const neg = problem('neg', 'def sgn(n: int) -> int:', 'The n-th sign; n may be negative.', ['[10]', '[1]']);
    const [q, s, n] = await generateCandidateInputs([request(nth), request(silent), request(neg)]);
    expect(argsOf(q)).toContain('[0]');
    expect(argsOf(q).some((a) => a.startsWith('[-'))).toBe(false);
    expect(violations(q, 'non-negative a0').length).toBeGreaterThan(0);
    expect(argsOf(s)).toContain('[3, -1]');
    expect(argsOf(n)).toContain('[-1]');
  });

  it('same length of two arguments, changed together by the joint edges', async () => {
    const p = problem('xor', 'def xor(a: str, b: str) -> str:', 'Input are two strings a and b consisting only of 1s and 0s.', ["['010', '110']", "['1', '0']"]);
    const [r] = await generateCandidateInputs([request(p)]);
    for (const a of argsOf(r)) {
      const [x, y] = JSON.parse(a.replace(/'/g, '"')) as string[];
      expect(x.length, a).toBe(y.length);
      expect(/^[01]*$/.test(x + y), a).toBe(true); // alphabet(binary digits)
    }
    expect(argsOf(r)).toContain("['', '']");
    expect(violations(r, 'same-length a0,a1').length).toBeGreaterThan(0);
  });

  it('strings of brackets stay brackets; "non-empty" keeps lists non-empty', async () => {
    const parens = problem('parens', 'def depth(s: str) -> int:', 'The string has groups of nested parentheses.', ["['(()())']", "['()']"]);
    const nonEmpty = problem('ne', 'def biggest(xs: List[int]) -> int:', 'Given a non-empty list of integers, return the largest.', ['[[1, 5, 3]]']);
    const [p, n] = await generateCandidateInputs([request(parens), request(nonEmpty)]);
    expect(argsOf(p).every((a) => /^\['[()]*'\]$/.test(a))).toBe(true);
    expect(p.violations.some((v) => v.contract === 'alphabet(()) a0')).toBe(true);
    expect(argsOf(n)).not.toContain('[[]]');
    expect(violations(n, 'non-empty a0').map((v) => v.args)).toContain('[[]]');
  });

  it('indices stay within the list when the text speaks of indices', async () => {
    const p = problem('idx', 'def sum_range(xs, m, n):', 'Sum the numbers of a list between two indices m and n.', ['[[2, 1, 5, 6, 8], 1, 3]', '[[4, 4, 7], 0, 2]']);
    const [r] = await generateCandidateInputs([request(p)]);
    for (const a of argsOf(r)) {
      const [xs, m, n] = JSON.parse(a) as [number[], number, number];
      expect(m >= 0 && m <= xs.length && n >= 0 && n <= xs.length, a).toBe(true);
    }
    expect(r.violations.filter((v) => /^index-in-range a[12]<=?len\(a0\)$/.test(v.contract)).map((v) => v.args)).toContain('[[], 1, 3]');
  });

  it('sorted when the text says so', async () => {
    const p = problem('srt', 'def find(xs: List[int], t: int) -> int:', 'xs is sorted in ascending order.', ['[[1, 4, 9], 4]']);
    const [r] = await generateCandidateInputs([request(p)]);
    for (const a of argsOf(r)) {
      const xs = JSON.parse(a)[0] as number[];
      expect([...xs].sort((x, y) => x - y), a).toEqual(xs);
    }
    expect(violations(r, 'sorted a0').length).toBeGreaterThan(0);
  });
});
