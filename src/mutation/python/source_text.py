"""The reference's text as seen by the mutation operators: AST positions (byte columns) to string
offsets, statement spans and indentation, and small helpers on expressions (parenthesising, purity,
finding an operator token between two operands). No mutation logic; imported, never run directly.
"""
import ast
import re

PURE_CALLS = {'len', 'abs', 'min', 'max', 'int', 'str', 'float', 'bool', 'tuple', 'sum', 'round', 'ord', 'chr'}


class Source:
    """The reference text with conversions from AST positions (byte columns) to string offsets."""

    def __init__(self, text):
        self.text = text
        self.lines = re.split(r'(?<=\n)', text)
        self.starts = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line)
        self.starts.append(pos)

    def offset(self, lineno, byte_col):
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ''
        col = len(line.encode('utf-8')[:byte_col].decode('utf-8', errors='ignore'))
        return self.starts[lineno - 1] + col

    def span(self, node):
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def seg(self, node):
        a, b = self.span(node)
        return self.text[a:b]

    def line_start(self, lineno):
        return self.starts[lineno - 1] if lineno - 1 < len(self.starts) else len(self.text)

    def line_end(self, lineno):
        """Offset just past the newline of line `lineno`."""
        return self.starts[lineno] if lineno < len(self.starts) else len(self.text)

    def indent_of(self, node):
        start = self.line_start(node.lineno)
        return self.text[start:self.offset(node.lineno, node.col_offset)]

    def owns_lines(self, node):
        """The statement starts its first line and nothing but a comment follows it on its last."""
        if self.indent_of(node).strip():
            return False
        end = self.offset(node.end_lineno, node.end_col_offset)
        rest = self.text[end:self.line_end(node.end_lineno)].strip()
        return rest == '' or rest.startswith('#')


def loc(node):
    return '@L%d:%d' % (node.lineno, node.col_offset + 1)


def needs_parens(node):
    return not isinstance(node, (ast.Name, ast.Constant, ast.Call, ast.Attribute, ast.Subscript, ast.List,
                                 ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp,
                                 ast.GeneratorExp, ast.BinOp, ast.JoinedStr))


def wrap(src, node):
    return '(' + src.seg(node) + ')' if needs_parens(node) else src.seg(node)


def pure(node):
    """No calls (except a few pure builtins), no walrus, yield or await inside."""
    for sub in ast.walk(node):
        if isinstance(sub, (ast.NamedExpr, ast.Yield, ast.YieldFrom, ast.Await, ast.Lambda)):
            return False
        if isinstance(sub, ast.Call):
            if not (isinstance(sub.func, ast.Name) and sub.func.id in PURE_CALLS):
                return False
    return True


def find_op(src, left, right, symbols):
    """Offsets of the operator token between two operands (parentheses and spaces around it)."""
    a = src.offset(left.end_lineno, left.end_col_offset)
    b = src.offset(right.lineno, right.col_offset)
    gap = src.text[a:b]
    core = re.sub(r'[()\s\\]+', ' ', gap).strip()
    if core not in symbols:
        return None
    m = re.search(r'\bnot\s+in\b|\bis\s+not\b|\bin\b|\bis\b|\band\b|\bor\b|\*\*|//|<<|>>|<=|>=|==|!=|[-+*/%<>|^&@]', gap)
    if not m:
        return None
    return a + m.start(), a + m.end(), core
