"""Reading Python literals without executing anything, and rendering values back as canonical
source (sets sorted, so output never depends on PYTHONHASHSEED). Shared by the input mutator and the
output canonicaliser; imported, never run directly.
"""
import ast
import math

SAFE_CALLS = {'set', 'frozenset', 'tuple', 'list', 'dict', 'float', 'int', 'str', 'bool'}


class NotLiteral(Exception):
    pass


def literal(node):
    """Evaluate a literal expression (plus set()/frozenset()/float('inf') style calls)."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (int, float, str, bytes, bool, type(None), complex)):
            return node.value
        raise NotLiteral('constant')
    if isinstance(node, ast.List):
        return [literal(e) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(literal(e) for e in node.elts)
    if isinstance(node, ast.Set):
        return {literal(e) for e in node.elts}
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise NotLiteral('dict unpacking')
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = literal(node.operand)
        if not isinstance(v, (int, float, complex)) or isinstance(v, bool):
            raise NotLiteral('unary')
        return -v if isinstance(node.op, ast.USub) else +v
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        left, right = literal(node.left), literal(node.right)
        if isinstance(right, complex) and isinstance(left, (int, float)):
            return left + right if isinstance(node.op, ast.Add) else left - right
        raise NotLiteral('binop')
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SAFE_CALLS and not node.keywords:
        args = [literal(a) for a in node.args]
        if len(args) > 1:
            raise NotLiteral('call arity')
        if node.func.id == 'float' and args and isinstance(args[0], str):
            if args[0].strip().lower() not in ('inf', '-inf', '+inf', 'nan', 'infinity', '-infinity'):
                raise NotLiteral('float string')
        return {'set': set, 'frozenset': frozenset, 'tuple': tuple, 'list': list, 'dict': dict,
                'float': float, 'int': int, 'str': str, 'bool': bool}[node.func.id](*args)
    if isinstance(node, ast.Name) and node.id in ('inf', 'nan'):
        return float(node.id)  # the repr of float('inf') / float('nan')
    raise NotLiteral(type(node).__name__)


def parse_literal(text):
    return literal(ast.parse(text.strip(), mode='eval').body)


def render(v):
    """Canonical Python source for a value: sets sorted, floats finite or float('inf')."""
    if v is None or isinstance(v, (bool, int, str, bytes)):
        return repr(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "float('nan')"
        if math.isinf(v):
            return "float('inf')" if v > 0 else "float('-inf')"
        return repr(v)
    if isinstance(v, complex):
        return repr(v)
    if isinstance(v, list):
        return '[' + ', '.join(render(e) for e in v) + ']'
    if isinstance(v, tuple):
        if len(v) == 1:
            return '(' + render(v[0]) + ',)'
        return '(' + ', '.join(render(e) for e in v) + ')'
    if isinstance(v, (set, frozenset)):
        inner = ', '.join(sorted(render(e) for e in v))
        if isinstance(v, frozenset):
            return 'frozenset({' + inner + '})' if v else 'frozenset()'
        return '{' + inner + '}' if v else 'set()'
    if isinstance(v, dict):
        return '{' + ', '.join(render(k) + ': ' + render(x) for k, x in v.items()) + '}'
    raise NotLiteral(type(v).__name__)


def sorted_elems(s):
    return sorted(s, key=render)


