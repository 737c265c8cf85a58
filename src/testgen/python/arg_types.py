"""The type of each argument of a problem's entry point: from the signature's annotations
(`List[int]`, `Optional[str]`, `Tuple[int, ...]`, `Dict[str, int]`, `Any`...) and, where there is
none, from the seed values at that position. A type is a small tuple:
('int',) ('float',) ('str',) ('bool',) ('none',) ('any',) ('list', T) ('set', T) ('dict', K, V)
('tuple', [T...]) ('opt', T). Imported by boundary_inputs.py, never run directly.
"""
import ast

ANY = ('any',)  # nothing known
DECLARED_ANY = ('any', 'declared')  # the signature says Any / object: bools, None, mixed values are fair
SCALARS = {'int': ('int',), 'float': ('float',), 'str': ('str',), 'bool': ('bool',), 'None': ('none',),
           'Any': DECLARED_ANY, 'object': DECLARED_ANY}
LISTS = {'List', 'list', 'Sequence', 'Iterable', 'Collection', 'MutableSequence'}


def from_annotation(node):
    """Type of an annotation node, or None when it says nothing usable."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and node.value is None:
        return ('none',)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return from_annotation(ast.parse(node.value, mode='eval').body)
        except SyntaxError:
            return None
    if isinstance(node, ast.Attribute):
        node = ast.Name(id=node.attr)
    if isinstance(node, ast.Name):
        if node.id in SCALARS:
            return SCALARS[node.id]
        if node.id in LISTS:
            return ('list', ANY)
        if node.id in ('dict', 'Dict'):
            return ('dict', ANY, ANY)
        if node.id in ('tuple', 'Tuple'):
            return ('list', ANY)
        if node.id in ('set', 'Set', 'frozenset'):
            return ('set', ANY)
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # int | None
        return union([from_annotation(node.left), from_annotation(node.right)])
    if isinstance(node, ast.Subscript):
        base = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, 'id', '')
        params = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        inner = [from_annotation(p) or ANY for p in params]
        if base in LISTS:
            return ('list', inner[0])
        if base in ('Set', 'set', 'FrozenSet', 'frozenset'):
            return ('set', inner[0])
        if base in ('Dict', 'dict', 'Mapping'):
            return ('dict', inner[0], inner[1] if len(inner) > 1 else ANY)
        if base in ('Tuple', 'tuple'):
            if len(params) == 2 and isinstance(params[1], ast.Constant) and params[1].value is Ellipsis:
                return ('list', inner[0])
            return ('tuple', inner)
        if base == 'Optional':
            return ('opt', inner[0])
        if base == 'Union':
            return union(inner)
    return None


def union(types):
    types = [t for t in types if t is not None]
    rest = [t for t in types if t != ('none',)]
    if len(rest) == 1:
        return ('opt', rest[0]) if len(rest) < len(types) else rest[0]
    return ANY


def annotated_types(signature):
    """One type (or None) per positional parameter of a `def` line."""
    try:
        tree = ast.parse(signature.rstrip().rstrip(':') + ':\n    pass\n')
        func = tree.body[0]
    except (SyntaxError, IndexError, ValueError):
        return []
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    return [from_annotation(a.annotation) for a in func.args.posonlyargs + func.args.args]


def of_value(v):
    """Type of one literal value."""
    if isinstance(v, bool):
        return ('bool',)
    for t, name in ((int, 'int'), (float, 'float'), (str, 'str')):
        if isinstance(v, t):
            return (name,)
    if v is None:
        return ('none',)
    if isinstance(v, list):
        return ('list', merge([of_value(e) for e in v]))
    if isinstance(v, (set, frozenset)):
        return ('set', merge([of_value(e) for e in v]))
    if isinstance(v, tuple):
        return ('tuple', [of_value(e) for e in v])
    if isinstance(v, dict):
        return ('dict', merge([of_value(k) for k in v]), merge([of_value(x) for x in v.values()]))
    return ANY


def merge(types):
    """The one type covering all of `types` (ANY when they differ; None when there are none)."""
    types = [t for t in types if t is not None]
    if not types:
        return None
    first = types[0]
    if all(t == first for t in types):
        return first
    kinds = {t[0] for t in types}
    if kinds == {'int', 'float'}:
        return ('float',)
    if len(kinds) == 1 and first[0] in ('list', 'set'):
        return (first[0], merge([t[1] for t in types]) or ANY)
    if kinds == {'tuple'} and len({len(t[1]) for t in types}) == 1:
        return ('tuple', [merge(list(col)) or ANY for col in zip(*[t[1] for t in types])])
    if 'none' in kinds and len(kinds) == 2:
        return ('opt', merge([t for t in types if t[0] != 'none']))
    return ANY


def arg_types(signature, seeds):
    """Type of each argument: the annotation when it says something, else the seeds' values."""
    annotated = annotated_types(signature or '')
    width = max((len(s) for s in seeds), default=len(annotated))
    out = []
    for i in range(width):
        ann = annotated[i] if i < len(annotated) else None
        seen = merge([of_value(s[i]) for s in seeds if i < len(s)])
        out.append(refine(ann, seen))
    return out


def refine(ann, seen):
    """Annotation, with its unknown parts filled in from the seeds' values (`list` + [1, 2] = List[int])."""
    if ann is None or ann == ANY:
        return seen or ANY
    if seen is None:
        return ann
    if ann[0] in ('list', 'set') and seen[0] == ann[0]:
        return (ann[0], refine(ann[1], seen[1]))
    if ann[0] == 'dict' and seen[0] == 'dict':
        return ('dict', refine(ann[1], seen[1]), refine(ann[2], seen[2]))
    return ann
