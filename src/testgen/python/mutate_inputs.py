"""Type-aware input mutation for the offline test generator (EvalPlus-style), as a trusted tool.

Reads one JSON document on stdin: {"problems": [{"id", "entryPoint", "seed", "examples": [args expr],
"benchmarkCode": [python source], "candidates", "maxSteps", "maxSize"}]} and prints
{"results": [{"id", "seeds", "unparsable": [...], "inputs": [{"args", "mutation"}]}]}.

Seed inputs come from the example calls (argument-list expressions) and from calls to the entry
point (or `candidate`) with literal arguments inside benchmark test code. Candidates are made by
stacking 1..maxSteps type-aware mutations (ints, floats, bools, strings, lists, tuples, dicts,
sets, nesting) on a seed or on an earlier candidate, with values seen in the seeds as ingredients.
A light domain profile inferred from the seeds (non-negative ints, the characters strings use,
minimum lengths, sorted or distinct lists, fixed tuple shapes) is kept by the mutations, standing
in for the hand-written input contracts of EvalPlus. Candidates past `relaxAfter` (used only
for the mutation scorer's pool) may also shrink containers and strings below the seeds' lengths.

Never executes any code: argument expressions are read with a literal-only evaluator. Deterministic:
one random.Random(seed) per problem, no iteration over hash-ordered containers. Output i of a run
with N candidates is output i of a run with M > N candidates (prefix-stable), so a larger pool
contains the smaller one.
"""
import json
import random
import sys

from literals import NotLiteral, render
from seed_profile import profile_of, seeds_of
from type_mutator import Mutator


def generate(problem):
    seeds, unparsable = seeds_of(problem)
    count = int(problem.get('candidates', 60))
    relax_after = int(problem.get('relaxAfter', count))
    max_steps = max(1, int(problem.get('maxSteps', 3)))
    rng = random.Random(int(problem.get('seed', 0)))
    mut = Mutator(rng, profile_of(seeds), int(problem.get('maxSize', 32)))
    inputs, seen = [], set()
    for i, s in enumerate(seeds):
        key = render(s)
        seen.add(key)
        inputs.append({'args': key, 'mutation': 'seed#%d' % i, 'value': s})
    if seeds:
        attempts = 0
        while len(inputs) < count and attempts < count * 30:
            attempts += 1
            mut.relaxed = len(inputs) >= relax_after
            # Parents: seeds most of the time, earlier candidates otherwise (EvalPlus grows its pool).
            parent = rng.choice(inputs[:len(seeds)]) if rng.random() < 0.6 else rng.choice(inputs)
            value = list(parent['value'])
            steps = []
            try:
                for _ in range(rng.randint(1, max_steps)):
                    if not value:
                        break
                    i = rng.randrange(len(value))
                    value[i], desc = mut.mutate(value[i], 'a' + str(i))
                    steps.append('a%d:%s' % (i, desc))
                key = render(value)
            except (NotLiteral, ArithmeticError, ValueError, TypeError, MemoryError, RecursionError):
                continue  # this attempt is lost; the random stream stays the same on every run
            if key in seen:
                continue
            seen.add(key)
            inputs.append({'args': key, 'mutation': parent['mutation'] + ' > ' + ' > '.join(steps), 'value': value})
    for item in inputs:
        del item['value']
    return {'id': problem['id'], 'seeds': len(seeds), 'unparsable': unparsable, 'inputs': inputs[:count] if seeds else []}


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
