"""Input contracts inferred from a problem's seeds and its text, standing in for EvalPlus's
hand-written ones: a correct candidate may do anything on an input its problem rules out, so a test
on such an input rejects correct code. Each contract names itself (`non-negative a0[]`) so a
dropped input says which one it broke. Imported by mutate_inputs.py, never run directly.

Inferred (seeds are always valid, so a contract holds on every seed):
- non-negative / positive ints at a position: every seed >= 0 and the text hints at it (counts,
  sizes, indices, primes... see NON_NEGATIVE_WORDS; > 0 with "positive"), unless the text speaks
  of negative numbers;
- non-empty argument: every seed is non-empty and the text says "non-empty" (or "not empty"), or
  a seed shows another argument of the same kind empty;
- same length of two arguments: equal in every seed, and two or more seeds (or the text says
  "same length" / "equal length");
- alphabet of strings: the smallest of a few character classes (the seeds' own symbols when they
  use only punctuation such as brackets, binary digits, digits, letters, with spaces) holding every
  seed character; letter classes only when the text speaks of letters, words or sentences, and
  lowercase only when it says "lowercase";
- index in range: the text speaks of indices or positions and an int argument lies in
  0..len(a list / string argument) in every seed;
- sorted / distinct lists: the text says so ("sorted", "unique"...) and every seed is (sorted also
  when three or more seeds of length >= 3 are).
Not inferred: relations between values (x < y), ranges beyond the sign, formats (dates...).
"""
import math
import re
import string

from literals import NotLiteral, render

CLASSES = [
    ('binary digits', '01'),
    ('digits', string.digits),
    ('lowercase letters', string.ascii_lowercase),
    ('lowercase letters and spaces', string.ascii_lowercase + ' '),
    ('letters', string.ascii_letters),
    ('letters and spaces', string.ascii_letters + ' '),
    ('letters, digits and spaces', string.ascii_letters + string.digits + ' '),
]


def walk(v, path):
    """(path, value) for a value and everything inside it, with seed_profile's path names."""
    yield path, v
    if isinstance(v, tuple):
        for i, e in enumerate(v):
            yield from walk(e, path + '.' + str(i))
    elif isinstance(v, (list, set, frozenset)):
        for e in v:
            yield from walk(e, path + '[]')
    elif isinstance(v, dict):
        for k, x in v.items():
            yield from walk(k, path + '{k}')
            yield from walk(x, path + '{v}')


def values_by_path(seeds):
    out = {}
    for s in seeds:
        for i, a in enumerate(s):
            for path, v in walk(a, 'a' + str(i)):
                out.setdefault(path, []).append(v)
    return out


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def sized(v):
    return isinstance(v, (str, list, tuple, dict, set, frozenset))


def sequences(a, b):
    """Both strings, or both lists / tuples: the kinds whose lengths can be meant to match."""
    return (isinstance(a, str) and isinstance(b, str)) or (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)))


class Contract:
    def __init__(self, name, path, holds):
        self.name, self.path, self.holds = name, path, holds

    def describe(self):
        return '%s %s' % (self.name, self.path)


# Words saying a problem's ints are counts, sizes, positions or number-theoretic (where a negative
# input is outside the problem even when the text does not say "non-negative").
NON_NEGATIVE_WORDS = (r'non-?negative|natural number|\bn-?th\b|\bcount of\b|\bnumber of\b|\bindex\b|\bsize\b|'
                      r'\blength\b|\bprime|factorial|fibonacci|\bfib|divisor|\bfrom [01] to\b')


def sign_contracts(by_path, text):
    """positive: every seed > 0 and the text says "positive". non-negative: every seed >= 0, the text
    does not speak of negative numbers and does speak of counts, sizes, indices, "n-th", primes,
    divisors, natural or non-negative numbers (silence is not enough: EvalPlus's own contracts
    rule negatives out only where the problem does)."""
    negative_words = re.sub(r'non-?negative', '', text)
    speaks_negative = re.search(r'\bnegative\b', negative_words) is not None
    positive = re.search(r'(?<!non-)(?<!non)\bpositive\b', text) is not None
    hints_non_negative = re.search(NON_NEGATIVE_WORDS, text) is not None
    out = []
    for path, vals in by_path.items():
        ints = [v for v in vals if is_int(v)]
        if not ints or len(ints) != len([v for v in vals if v is not None]) or speaks_negative:
            continue
        if positive and min(ints) > 0:
            out.append(Contract('positive', path, lambda v: not is_int(v) or v > 0))
        elif min(ints) >= 0 and (hints_non_negative or positive):
            out.append(Contract('non-negative', path, lambda v: not is_int(v) or v >= 0))
    return out


def nonempty_contracts(seeds, text):
    """Non-empty arguments: the text says so, or the seeds show another argument of the same kind
    empty but never this one (the examples' author tried the empty case where it is meaningful)."""
    says = re.search(r'non-?\s?empty|not (be )?empty', text) is not None
    width = min(len(s) for s in seeds)
    columns = [[s[i] for s in seeds] for i in range(width)]
    shown_empty = {type(v) for col in columns for v in col if sized(v) and len(v) == 0}
    out = []
    for i, vals in enumerate(columns):
        if not all(sized(v) and len(v) > 0 for v in vals):
            continue
        if says or type(vals[0]) in shown_empty:
            out.append(Contract('non-empty', 'a%d' % i, lambda v: not sized(v) or len(v) > 0))
    return out


def length_contracts(seeds, text):
    says = re.search(r'(same|equal) (length|size)|length of .* (same|equal)', text) is not None
    if len(seeds) < 2 and not says:
        return []
    width = min(len(s) for s in seeds)
    out = []
    for i in range(width):
        for j in range(i + 1, width):
            pairs = [(s[i], s[j]) for s in seeds]
            if all(sequences(a, b) and len(a) == len(b) for a, b in pairs):
                if says or len({len(a) for a, _ in pairs}) > 1 or len(seeds) >= 3:
                    out.append(Contract('same-length', 'a%d,a%d' % (i, j), None))
    return out


def index_contracts(seeds, text):
    """index-in-range aJ<len(aI) (or <=, an end bound, when a seed has aJ == len): the text speaks of
    indices or positions and in every seed int argument J lies in 0..len(argument I)."""
    if not re.search(r'\bind(ex|ices|exes)\b|\bpositions?\b', text):
        return []
    width = min(len(s) for s in seeds)
    out = []
    for j in range(width):
        if not all(is_int(s[j]) for s in seeds):
            continue
        for i in range(width):
            if all(isinstance(s[i], (str, list, tuple)) and 0 <= s[j] <= len(s[i]) for s in seeds):
                # A position inside the sequence (< len) when every seed is one; else an end bound (<= len).
                op = '<' if all(s[j] < len(s[i]) for s in seeds) else '<='
                out.append(Contract('index-in-range', 'a%d%slen(a%d)' % (j, op, i), None))
    return out


def alphabet_contracts(by_path, text):
    says_lower = re.search(r'lower ?case|small letters', text) is not None
    says_letters = re.search(r'letter|alphabet|\bwords?\b|sentence|vowel|consonant', text) is not None
    classes = [c for c in CLASSES if (says_lower or not c[0].startswith('lowercase'))
               and (says_letters or 'letters' not in c[0])]
    out = []
    for path, vals in by_path.items():
        strs = [v for v in vals if isinstance(v, str)]
        if not strs or len(strs) != len(vals):
            continue
        chars = set(''.join(strs))
        if not chars:
            continue
        if all(not c.isalnum() and c != ' ' for c in chars) or chars <= set('()[]{}<> '):
            allowed = ''.join(sorted(chars))
            name = 'alphabet(%s)' % allowed
        else:
            found = next(((n, a) for n, a in classes if chars <= set(a)), None)
            if found is None:
                continue
            name, allowed = 'alphabet(%s)' % found[0], found[1]
        allowed_set = set(allowed)
        out.append(Contract(name, path, lambda v, s=allowed_set: not isinstance(v, str) or set(v) <= s))
    return out


def ordered(v):
    try:
        return all(v[k] <= v[k + 1] for k in range(len(v) - 1))
    except TypeError:
        return False


def distinct(v):
    try:
        return len({render(e) for e in v}) == len(v)
    except NotLiteral:
        return True


def list_contracts(by_path, text):
    out = []
    says_sorted = re.search(r'\bsorted\b|ascending|increasing order|non-?decreasing', text) is not None
    says_distinct = re.search(r'\bunique\b|\bdistinct\b|no duplicates', text) is not None
    for path, vals in by_path.items():
        lists = [v for v in vals if isinstance(v, list)]
        if not lists or len(lists) != len(vals) or all(len(v) < 2 for v in lists):
            continue
        # No accident: the chance that seeds drawn in any order all come out sorted is below 1/2000
        # (three sorted lists of 3 or 4 elements, like [1, 2, 3], are not enough).
        chance = 1.0
        for v in lists:
            chance /= math.factorial(min(len(v), 10))
        evidence = chance < 1 / 2000
        if (says_sorted or evidence) and all(ordered(v) for v in lists):
            out.append(Contract('sorted', path, lambda v: not isinstance(v, list) or ordered(v)))
        if says_distinct and all(distinct(v) for v in lists):
            out.append(Contract('distinct', path, lambda v: not isinstance(v, list) or distinct(v)))
    return out


def infer_contracts(seeds, text):
    """The contracts every seed satisfies and the problem's text supports."""
    if not seeds:
        return []
    text = (text or '').lower()
    by_path = values_by_path(seeds)
    return (sign_contracts(by_path, text) + nonempty_contracts(seeds, text) + length_contracts(seeds, text)
            + index_contracts(seeds, text) + alphabet_contracts(by_path, text) + list_contracts(by_path, text))


def violation(contracts, args):
    """The first contract `args` breaks (its description), or None."""
    found = {}
    for i, a in enumerate(args):
        for path, v in walk(a, 'a' + str(i)):
            found.setdefault(path, []).append(v)
    for c in contracts:
        if c.name == 'same-length':
            i, j = (int(p[1:]) for p in c.path.split(','))
            if i < len(args) and j < len(args) and sized(args[i]) and sized(args[j]) and len(args[i]) != len(args[j]):
                return c.describe()
            continue
        if c.name == 'index-in-range':
            j, i = (int(n) for n in re.findall(r'a(\d+)', c.path))
            end = len(args[i]) if i < len(args) and sized(args[i]) else 0
            limit = end - 1 if '<=' not in c.path else end
            if j < len(args) and isinstance(args[j], float):
                return c.describe()  # an index is an int
            if i < len(args) and j < len(args) and is_int(args[j]) and sized(args[i]) and not 0 <= args[j] <= limit:
                return c.describe()
            continue
        if any(not c.holds(v) for v in found.get(c.path, [])):
            return c.describe()
    return None
