"""Seed inputs of a problem (example calls and literal calls in benchmark tests, read without
executing anything) and the light domain profile inferred from them (non-negative ints, int
magnitudes, characters used, minimum lengths, sorted or distinct lists, tuple shapes, values to
reuse as ingredients). Imported by mutate_inputs.py, never run directly.
"""
import ast

from doc_examples import doc_examples
from literals import NotLiteral, literal, parse_literal, render, sorted_elems


def seeds_of(problem):
    """Seed argument lists: the problem's examples, then (with `docSeeds`) the literal calls written in
    its text (docstring / instruction), then literal calls in its benchmark tests; distinct, in order."""
    seeds, unparsable = [], []
    for text in problem.get('examples', []):
        try:
            v = parse_literal(text)
            if isinstance(v, tuple):
                v = list(v)
            if not isinstance(v, list):
                raise NotLiteral('argument list is not a list')
            seeds.append(v)
        except (NotLiteral, SyntaxError, ValueError, TypeError, RecursionError) as e:
            unparsable.append({'args': text, 'reason': str(e) or type(e).__name__})
    if problem.get('docSeeds'):
        for text in problem.get('texts', []):
            seeds += [args for args, _ in doc_examples(text, problem.get('entryPoint'))]
    names = {problem.get('entryPoint') or '', 'candidate'}
    for code in problem.get('benchmarkCode', []):
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names and not node.keywords:
                try:
                    seeds.append([literal(a) for a in node.args])
                except (NotLiteral, ValueError, TypeError, RecursionError):
                    pass
    out, seen = [], set()
    for s in seeds:
        try:
            key = render(s)
        except NotLiteral:
            continue
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out, unparsable


# ----------------------------------------------------------------------------------------------
# Domain profile: light constraints inferred from the seeds, keyed by a structural path

class Profile:
    def __init__(self):
        self.ints = {}  # path -> min value
        self.int_max = {}  # path -> max value
        self.chars = {}  # path -> sorted string of characters seen
        self.min_len = {}  # path -> smallest length of a container/str seen
        self.sorted = {}  # path -> every seed (len >= 2) sorted ascending
        self.distinct = {}  # path -> every seed had distinct elements
        self.tuple_len = {}  # path -> set of tuple lengths
        self.ingredients = {}  # type name -> list of values (dedup, in seed order)
        self.ingredient_keys = {}
        self.kinds = {}  # path -> type names seen there

    def add_ingredient(self, v):
        kind = type(v).__name__
        try:
            key = render(v)
        except NotLiteral:
            return
        seen = self.ingredient_keys.setdefault(kind, set())
        if key not in seen and len(seen) < 200:
            seen.add(key)
            self.ingredients.setdefault(kind, []).append(v)

    def observe(self, v, path):
        self.add_ingredient(v)
        self.kinds.setdefault(path, set()).add(type(v).__name__)
        if isinstance(v, bool) or v is None:
            return
        if isinstance(v, int):
            self.ints[path] = min(self.ints.get(path, v), v)
            self.int_max[path] = max(self.int_max.get(path, v), v)
        elif isinstance(v, str):
            self.chars[path] = ''.join(sorted(set(self.chars.get(path, '')) | set(v)))
            self.min_len[path] = min(self.min_len.get(path, len(v)), len(v))
        elif isinstance(v, (list, tuple, set, frozenset)):
            items = sorted_elems(v) if isinstance(v, (set, frozenset)) else list(v)
            self.min_len[path] = min(self.min_len.get(path, len(items)), len(items))
            if isinstance(v, tuple):
                self.tuple_len.setdefault(path, set()).add(len(v))
                for i, e in enumerate(items):
                    self.observe(e, path + '.' + str(i))
                return
            if isinstance(v, list) and len(items) >= 2:
                try:
                    is_sorted = all(items[i] <= items[i + 1] for i in range(len(items) - 1))
                except TypeError:
                    is_sorted = False
                self.sorted[path] = self.sorted.get(path, True) and is_sorted
                try:
                    distinct = len({render(e) for e in items}) == len(items)
                except NotLiteral:
                    distinct = False
                self.distinct[path] = self.distinct.get(path, True) and distinct
            for e in items:
                self.observe(e, path + '[]')
        elif isinstance(v, dict):
            self.min_len[path] = min(self.min_len.get(path, len(v)), len(v))
            for k, x in v.items():
                self.observe(k, path + '{k}')
                self.observe(x, path + '{v}')


def profile_of(seeds):
    p = Profile()
    for s in seeds:
        for i, a in enumerate(s):
            p.observe(a, 'a' + str(i))
    return p
