"""AST mutation of reference solutions, as a trusted tool (never runs the code it mutates).

Reads {"problems": [{"id", "reference", "entryPoint", "k", "seed", "correctShare",
"shareConcentration"?, "brokenShare"?}]} on stdin and
prints {"results": [{"id", "error"?, "sites": {"mutant": n, "variant": n}, "candidates": [{"code",
"mutation", "correct", "broken"?}]}]}.

Two kinds of edits are enumerated over the reference's AST, each as character-range replacements
of the original text (so the rest of the program keeps its formatting and comments):
- mutants (likely wrong): arithmetic, augmented-assignment, comparison, boundary and boolean
  operator swaps, negated conditions, off-by-one on integer constants, range bounds, indices and
  slice bounds, min/max and any/all swaps, True/False swaps, break/continue swaps, dropped unary
  minus, dropped statements, wrong return values;
- variants (meant to be correct): renamed locals, added comments or docstring, mirrored
  comparisons, inverted if/else, a return value extracted to a variable, swapped independent
  assignments.
Every candidate must compile; a mutant must differ from the reference's AST. Per problem, k
candidates are drawn with random.Random(seed): round(k * share) variants, the rest mutants, where
share is correctShare or, with shareConcentration c, drawn from Beta(correctShare * c,
(1 - correctShare) * c) per problem (problems differ in difficulty);
operators chosen evenly before sites; when first-order sites run out, two compatible edits are
combined (higher order). With brokenShare p, each mutant is replaced with probability p by a broken
candidate (cut off mid-line, or the entry function renamed), as policies produce. Deterministic: enumeration follows the AST, never a hash-ordered set.
Files: operators.py (the walk) with mutant_operators.py and variant_operators.py (the edits) on
source_text.py (positions); this file applies edits and chooses candidates.
"""
import ast
import json
import random
import sys

from broken_outputs import break_candidate
from operators import Enumerator

# ----------------------------------------------------------------------------------------------
# Applying and choosing

def apply(text, edits):
    out = text
    for a, b, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:a] + new + out[b:]
    return out


def overlapping(e1, e2):
    for a1, b1, _ in e1:
        for a2, b2, _ in e2:
            if a1 < b2 and a2 < b1 or (a1 == a2 and (a1 == b1 or a2 == b2)):
                return True
    return False


class Chooser:
    def __init__(self, text, tree, sites, rng):
        self.text = text
        self.ref_dump = ast.dump(tree)
        self.rng = rng
        self.seen = {text}
        self.by_kind = {'mutant': [], 'variant': []}
        for site in sites:
            self.by_kind[site['kind']].append(site)

    def build(self, kind, parts):
        """Code from a set of sites if it compiles and fits its kind, else None."""
        edits = [e for p in parts for e in p['edits']]
        code = apply(self.text, edits)
        if code in self.seen:
            return None
        try:
            tree = ast.parse(code)
            compile(tree, '<candidate>', 'exec')
        except (SyntaxError, ValueError, RecursionError):
            return None
        if kind == 'mutant' and ast.dump(tree) == self.ref_dump:
            return None
        self.seen.add(code)
        ordered = sorted(parts, key=lambda p: p['kind'] != 'mutant')
        return {'code': code, 'mutation': ' + '.join('%s:%s' % (p['kind'], p['op']) for p in ordered),
                'correct': kind == 'variant'}

    def first_order(self, kind, n):
        """Up to n candidates, one site each, spreading picks evenly over operator names."""
        groups = {}
        for site in self.by_kind[kind]:
            groups.setdefault(site['op'].split('(')[0].split('@')[0], []).append(site)
        names = sorted(groups)
        for name in names:
            self.rng.shuffle(groups[name])
        out = []
        while len(out) < n and names:
            name = self.rng.choice(names)
            site = groups[name].pop()
            if not groups[name]:
                names.remove(name)
            cand = self.build(kind, [site])
            if cand:
                out.append(cand)
        return out

    def higher_order(self, kind, n):
        """Up to n candidates combining two sites (a mutant with any site; variants with variants)."""
        main = self.by_kind[kind]
        extra = self.by_kind['mutant'] + self.by_kind['variant'] if kind == 'mutant' else self.by_kind['variant']
        out = []
        attempts = 0
        while len(out) < n and main and attempts < 50 * n:
            attempts += 1
            s1, s2 = self.rng.choice(main), self.rng.choice(extra)
            if s1 is s2 or overlapping(s1['edits'], s2['edits']):
                continue
            cand = self.build(kind, [s1, s2])
            if cand:
                out.append(cand)
        return out

    def pick(self, kind, n):
        out = self.first_order(kind, n)
        if len(out) < n:
            out += self.higher_order(kind, n - len(out))
        return out


def sample(problem):
    text = problem['reference'] or ''
    k = int(problem.get('k', 8))
    rng = random.Random(int(problem.get('seed', 0)))
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as e:
        return {'id': problem['id'], 'error': 'reference does not parse: %s' % e, 'candidates': [], 'sites': {}}
    sites = Enumerator(text, tree, problem.get('entryPoint')).run()
    chooser = Chooser(text, tree, sites, rng)
    share = float(problem.get('correctShare', 0.25))
    concentration = problem.get('shareConcentration')
    if concentration and 0 < share < 1:
        # Problems differ in difficulty: draw this problem's share from Beta(mean = share).
        share = rng.betavariate(share * float(concentration), (1 - share) * float(concentration))
    want_correct = int(round(k * share))
    variants = chooser.pick('variant', want_correct)
    mutants = chooser.pick('mutant', k - len(variants))
    broken_share = float(problem.get('brokenShare') or 0)
    if broken_share > 0:
        for i, cand in enumerate(mutants):
            if rng.random() < broken_share:
                mutants[i] = break_candidate(cand, problem.get('entryPoint'), rng) or cand
    if len(variants) + len(mutants) < k:
        variants += chooser.pick('variant', k - len(variants) - len(mutants))
    candidates = variants + mutants
    # Last resort for tiny programs: repeat earlier candidates (a policy repeats itself too).
    base = list(candidates)
    i = 0
    while base and len(candidates) < k:
        again = dict(base[i % len(base)])
        again['mutation'] += ' (repeat)'
        candidates.append(again)
        i += 1
    rng.shuffle(candidates)
    counts = {'mutant': len(chooser.by_kind['mutant']), 'variant': len(chooser.by_kind['variant'])}
    return {'id': problem['id'], 'candidates': candidates[:k], 'sites': counts}


def main():
    sys.setrecursionlimit(10000)
    request = json.load(sys.stdin)
    results = []
    for p in request['problems']:
        try:
            results.append(sample(p))
        except RecursionError as e:  # a deeply nested reference must not cost the batch
            results.append({'id': p['id'], 'error': 'reference too deeply nested: %s' % e, 'candidates': [], 'sites': {}})
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
