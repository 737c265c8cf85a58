"""Type-aware input mutation for the offline test generator (EvalPlus-style), as a trusted tool.

Reads one JSON document on stdin: {"problems": [{"id", "entryPoint", "signature", "seed", "examples":
[args expr], "texts": [instruction...], "benchmarkCode": [python source], "candidates", "maxSteps",
"maxSize", "docSeeds", "typedSeeds", "boundaries", "contracts"}]} and prints {"results": [{"id",
"seeds", "unparsable": [...], "inputs": [{"args", "mutation"}], "violations": [{"args", "mutation",
"contract"}]}]}.

Seed inputs come from the example calls (argument-list expressions), from literal calls written in
the problem's text (`>>> f(x)`, `f(x) == y`, `f(x) -> y`: doc_examples.py, with `docSeeds`) and from
calls to the entry point (or `candidate`) with literal arguments inside benchmark test code; with
`typedSeeds`, a problem with none gets two made from its annotations. Next come up to `boundaries`
edge inputs of the argument types (boundary_inputs.py), then candidates made by
stacking 1..maxSteps type-aware mutations (ints, floats, bools, strings, lists, tuples, dicts,
sets, nesting) on a seed or on an earlier candidate, with values seen in the seeds as ingredients.
A light domain profile inferred from the seeds (non-negative ints, the characters strings use,
minimum lengths, sorted or distinct lists, fixed tuple shapes) is kept by the mutations, standing
in for the hand-written input contracts of EvalPlus; with `contracts`, inputs breaking a contract
inferred from the seeds and the text (contracts.py) are reported as violations, not as inputs.
Candidates past `relaxAfter` (used only
for the mutation scorer's pool) may also shrink containers and strings below the seeds' lengths.

Never executes any code: argument expressions are read with a literal-only evaluator. Deterministic:
one random.Random(seed) per problem, no iteration over hash-ordered containers. Output i of a run
with N candidates is output i of a run with M > N candidates (prefix-stable), so a larger pool
contains the smaller one.
"""
import json
import random
import re
import sys

from arg_types import annotated_types, arg_types
from boundary_inputs import boundary_inputs

INTEGER_WORDS = re.compile(r'\b(odd|even|integers?|int|whole|primes?|digits?|divisible|divisors?|factors?|factorial|'
                           r'index|indices|bits?|binary|multiples?|gcd|lcm|modulo|remainder|n-?th|count|number of)\b')
from contracts import infer_contracts, violation
from literals import NotLiteral, render
from seed_profile import profile_of, seeds_of
from type_mutator import Mutator


def typed_seeds(signature):
    """Two seed argument lists made from the annotations, for a problem with no example at all (None
    when an argument has no usable type)."""
    types = arg_types(signature, [])
    made = [[typed_value(t, k) for t in types] for k in (0, 1)]
    return made if types and all(None not in _leaves(m) for m in made) else []


def typed_value(t, k):
    kind = t[0]
    simple = {'int': (3, 10), 'float': (1.5, -2.25), 'str': ('abc', 'hello world'), 'bool': (True, False)}
    if kind in simple:
        return simple[kind][k]
    if kind == 'opt':
        return typed_value(t[1], k)
    if kind == 'list':
        e = typed_value(t[1], k) if t[1] != ('any',) and t[1][0] != 'any' else (k + 1)
        return [e, e if e is None else typed_value(t[1], 1 - k) if t[1][0] != 'any' else 2]
    if kind == 'tuple':
        return tuple(typed_value(e, k) for e in t[1])
    return None


def _leaves(v):
    if isinstance(v, (list, tuple)):
        return [x for e in v for x in _leaves(e)]
    return [v]


class Collector:
    """The candidate list of one problem: distinct inputs, each checked against the contracts."""

    def __init__(self, contracts):
        self.contracts, self.inputs, self.seen, self.violations = contracts, [], set(), []

    def offer(self, value, mutation, check=True):
        key = render(value)
        if key in self.seen:
            return False
        self.seen.add(key)
        broken = violation(self.contracts, value) if check else None
        if broken:
            self.violations.append({'args': key, 'mutation': mutation, 'contract': broken})
            return False
        self.inputs.append({'args': key, 'mutation': mutation, 'value': value})
        return True


def generate(problem):
    seeds, unparsable = seeds_of(problem)
    seed_label = 'seed#%d'
    if not seeds and problem.get('typedSeeds'):
        seeds, seed_label = typed_seeds(problem.get('signature') or ''), 'typed-seed#%d'
    count = int(problem.get('candidates', 60))
    relax_after = int(problem.get('relaxAfter', count))
    max_steps = max(1, int(problem.get('maxSteps', 3)))
    rng = random.Random(int(problem.get('seed', 0)))
    text = '\n'.join(problem.get('texts', []))
    contracts = infer_contracts(seeds, text) if problem.get('contracts') else []
    mut = Mutator(rng, profile_of(seeds), int(problem.get('maxSize', 32)))
    out = Collector(contracts)
    for i, s in enumerate(seeds):
        out.offer(s, seed_label % i, check=False)  # a seed is valid by definition
    n_seeds = len(out.inputs)
    if seeds and problem.get('boundaries', 0) > 0:
        groups = [[int(p[1:]) for p in c.path.split(',')] for c in contracts if c.name == 'same-length']
        types = arg_types(problem.get('signature') or '', seeds)
        limit = min(count, n_seeds + int(problem['boundaries']))
        # Ints as floats only where nothing says the numbers are whole: no declared type (MBPP) and
        # no integer word in the text (odd, even, integer, prime, digit, index, divisible...).
        floats_ok = not any(t is not None for t in annotated_types(problem.get('signature') or '')) and not INTEGER_WORDS.search(text.lower())
        for desc, value in boundary_inputs(seeds, types, groups, untyped=floats_ok):
            if len(out.inputs) >= limit:
                break
            try:
                out.offer(value, desc)
            except (NotLiteral, RecursionError, ValueError, TypeError):
                continue
    attempts = 0
    while seeds and len(out.inputs) < count and attempts < count * 30:
        attempts += 1
        mut.relaxed = len(out.inputs) >= relax_after
        # Parents: seeds most of the time, earlier candidates otherwise (EvalPlus grows its pool).
        parent = rng.choice(out.inputs[:n_seeds]) if rng.random() < 0.6 else rng.choice(out.inputs)
        value = list(parent['value'])
        steps = []
        try:
            for _ in range(rng.randint(1, max_steps)):
                if not value:
                    break
                i = rng.randrange(len(value))
                value[i], desc = mut.mutate(value[i], 'a' + str(i))
                steps.append('a%d:%s' % (i, desc))
            out.offer(value, parent['mutation'] + ' > ' + ' > '.join(steps))
        except (NotLiteral, ArithmeticError, ValueError, TypeError, MemoryError, RecursionError):
            continue  # this attempt is lost; the random stream stays the same on every run
    inputs = out.inputs[:count] if seeds else []
    for item in inputs:
        del item['value']
    return {'id': problem['id'], 'seeds': n_seeds, 'unparsable': unparsable, 'inputs': inputs,
            'violations': out.violations}


def main():
    request = json.load(sys.stdin)
    sys.setrecursionlimit(10000)
    results = []
    for p in request['problems']:
        try:
            results.append(generate(p))
        except Exception as e:  # one odd problem must not cost the batch
            results.append({'id': p['id'], 'seeds': 0, 'inputs': [],
                            'unparsable': [{'args': '', 'reason': 'input mutation failed: %s: %s' % (type(e).__name__, e)}]})
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
