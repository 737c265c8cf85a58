"""Example calls written in a problem's text (docstring or instruction), read without executing
anything: `>>> f(x)` (the next line is the output), `f(x) == y`, `f(x) ➞ y`, `f(x) -> y`,
`f(x) => y`, and calls wrapped in other expressions (`>>> round(f([1, 2]), 2)`: the inner call's
arguments). Only calls of the entry point whose arguments are all literals count; `def f(...)`
lines are not calls. Imported by seed_profile.py, never run directly.

What it does not do: prose examples ("for n = 5 the answer is 3"), keyword arguments, or calls
whose arguments name variables.
"""
import ast
import re

from literals import NotLiteral, literal, parse_literal

ARROWS = ('==', '\u279e', '->', '=>', '\u2192')
MAX_CALL_CHARS = 4000


def call_end(text, start):
    """Index just past the ')' closing the '(' at `start`, skipping string literals; -1 if none."""
    depth, i, quote = 0, start, None
    while i < len(text) and i - start < MAX_CALL_CHARS:
        c = text[i]
        if quote:
            if c == '\\':
                i += 1
            elif c == quote:
                quote = None
        elif c in '\'"':
            quote = c
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
            if depth == 0:
                return i + 1
        elif c == '\n' and depth > 0 and text[i + 1:i + 5].strip().startswith('>>>'):
            return -1
        i += 1
    return -1


def literal_args(call_text, name):
    try:
        node = ast.parse(call_text.strip(), mode='eval').body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name):
        return None
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        return None
    try:
        return [literal(a) for a in node.args]
    except (NotLiteral, ValueError, TypeError, RecursionError, MemoryError):
        return None


def expected_after(text, end, doctest):
    """The output written after a call: the next line of a `>>>` example, else after an arrow."""
    rest = text[end:]
    line_end = rest.find('\n')
    same_line = (rest if line_end < 0 else rest[:line_end]).strip()
    if doctest:
        if same_line and not same_line.startswith('#'):
            return None
        following = rest[line_end + 1:].split('\n', 1)[0].strip() if line_end >= 0 else ''
        return following if following and not following.startswith('>>>') else None
    for arrow in ARROWS:
        if same_line.startswith(arrow):
            return same_line[len(arrow):].strip() or None
    return None


def readable_expected(text):
    """Longest prefix of `text` (cut at a separator) that is a literal, or None."""
    if text is None:
        return None
    cuts = [len(text)] + [m.start() for m in re.finditer(r'[\s,;.]', text)][::-1]
    for cut in cuts:
        part = text[:cut].strip().rstrip('.,;')
        if not part:
            continue
        try:
            parse_literal(part)
            return part
        except (NotLiteral, SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
            continue
    return None


def doc_examples(text, name):
    """[(args list, expected text or None)] for each literal call of `name` in `text`, in order."""
    if not text or not name:
        return []
    found = []
    for m in re.finditer(r'(?<![\w.])' + re.escape(name) + r'\s*\(', text):
        before = text[max(0, m.start() - 4):m.start()]
        if before.endswith('def '):
            continue
        end = call_end(text, m.end() - 1)
        if end < 0:
            continue
        args = literal_args(text[m.start():end], name)
        if args is None:
            continue
        line_start = text.rfind('\n', 0, m.start()) + 1
        prefix = text[line_start:m.start()].strip()
        doctest = prefix.startswith('>>>')
        wrapped = prefix.endswith(('(', '[', ',', '+', '*', 'not'))  # `>>> round(f(x), 2)`: not f's output
        expected = None if wrapped else readable_expected(expected_after(text, end, doctest))
        found.append((args, expected))
    return found
