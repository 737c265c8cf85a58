"""Grown inputs for efficiency tests, as a trusted tool (reads and writes literals, runs no code).

Reads {"problems": [{"id", "inputs": [args text], "rungs", "ratio", "maxChars", "maxLadders"}]} on
stdin and prints {"results": [{"id", "ladders": [[{"args", "scale"}]]}]}. Each ladder starts from
one usable input (an argument list) and grows it rung by rung, rung k at scale ratio**k: ints (|v| >= 2)
and floats are multiplied (one ladder also adds 1, so odd and prime-like values appear), strings
and lists are tiled to scale x their length (lists of distinct numbers are tiled with an offset,
so sortedness and distinctness survive), tuples, dicts, bools, None, 0 and +-1 are kept as they
are (they are often shapes, flags or indices). Caps (below) keep grown inputs near benchmark sizes. A ladder grows every argument, or one argument
alone when there are several. A rung whose text exceeds `maxChars` ends its ladder; rungs equal to
the previous one are left out. Which rung becomes a test is decided by the caller, from the
reference's time on each. Deterministic.
"""
import json
import sys

from literals import NotLiteral, parse_literal, render

INT_LIMIT = 10 ** 18
# Growth caps, so that a grown input stays within what benchmarks (EvalPlus's plus inputs) hold and a
# correct but simple program (quadratic on a list, recursive on n) is not failed for its style:
MAX_LENGTH = 1000  # longest grown list or string
INT_GROWTH = 100  # an int grows to at most max(INT_FLOOR, 100 x |seed value|)
INT_FLOOR = 500


def grow(v, scale, plus_one):
    """v grown at `scale`, or None when that passes a cap (the ladder ends there)."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        if -1 <= v <= 1:
            return v
        g = v * scale + (1 if plus_one else 0)
        return g if abs(g) <= min(INT_LIMIT, max(INT_FLOOR, INT_GROWTH * abs(v))) else None
    if isinstance(v, float):
        return v * scale if 1 <= abs(v) and scale <= INT_GROWTH else (v if abs(v) < 1 else None)
    if isinstance(v, str):
        return (v * scale if len(v) * scale <= MAX_LENGTH else None) if v else v
    if isinstance(v, list):
        return (tile(v, scale) if len(v) * scale <= MAX_LENGTH else None) if v else v
    return v


def tile(xs, scale):
    if not xs:
        return xs
    numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in xs)
    if numeric and len(set(xs)) == len(xs):
        span = max(xs) - min(xs) + 1
        step = span if span > 0 else 1
        if not all(x >= 0 for x in xs) or min(xs) >= 0:
            out = [x + j * step for j in range(scale) for x in xs]
            if max(abs(x) for x in out) <= INT_LIMIT:
                return out
    return list(xs) * scale


def ladders_of(args, rungs, ratio, max_chars):
    positions = [None] + (list(range(len(args))) if len(args) > 1 else [])
    out = []
    for pos in positions:
        for plus_one in (False, True):
            ladder = []
            previous = render(args)
            for k in range(1, rungs + 1):
                scale = ratio ** k
                grown = []
                ok = True
                for i, a in enumerate(args):
                    g = grow(a, scale, plus_one) if pos is None or pos == i else a
                    if g is None:
                        ok = False
                        break
                    grown.append(g)
                if not ok:
                    break
                text = render(grown)
                if len(text) > max_chars:
                    break
                if text != previous:
                    ladder.append({'args': text, 'scale': scale})
                previous = text
            if ladder and ladder not in out:
                out.append(ladder)
    return out


def problem_ladders(p):
    ladders = []
    seen = set()
    for text in p['inputs']:
        try:
            args = parse_literal(text)
        except (NotLiteral, SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
            continue
        if not isinstance(args, list):
            continue
        for ladder in ladders_of(args, p['rungs'], p['ratio'], p['maxChars']):
            key = ladder[0]['args']
            if key in seen:
                continue
            seen.add(key)
            ladders.append(ladder)
            if len(ladders) >= p['maxLadders']:
                return ladders
    return ladders


def main():
    sys.setrecursionlimit(10000)
    request = json.load(sys.stdin)
    results = [{'id': p['id'], 'ladders': problem_ladders(p)} for p in request['problems']]
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
