"""AST mutation of reference solutions, as a trusted tool (never runs the code it mutates).

Reads {"problems": [{"id", "reference", "entryPoint", "k", "seed", "correctShare",
"shareConcentration"?}]} on stdin and
prints {"results": [{"id", "error"?, "sites": {"mutant": n, "variant": n}, "candidates": [{"code",
"mutation", "correct"}]}]}.

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
combined (higher order). Deterministic: enumeration follows the AST, never a hash-ordered set.
"""
import ast
import builtins
import json
import random
import re
import sys

BUILTIN_NAMES = set(dir(builtins))
PURE_CALLS = {'len', 'abs', 'min', 'max', 'int', 'str', 'float', 'bool', 'tuple', 'sum', 'round', 'ord', 'chr'}

BINOP_SYMBOL = {ast.Add: '+', ast.Sub: '-', ast.Mult: '*', ast.Div: '/', ast.FloorDiv: '//', ast.Mod: '%',
                ast.Pow: '**', ast.LShift: '<<', ast.RShift: '>>', ast.BitOr: '|', ast.BitXor: '^',
                ast.BitAnd: '&', ast.MatMult: '@'}
BINOP_SWAPS = {'+': ['-'], '-': ['+'], '*': ['+', '//'], '/': ['*', '//'], '//': ['/', '%'], '%': ['//'],
               '**': ['*'], '<<': ['>>'], '>>': ['<<'], '|': ['&'], '&': ['|'], '^': ['|']}
CMP_SYMBOL = {ast.Lt: '<', ast.LtE: '<=', ast.Gt: '>', ast.GtE: '>=', ast.Eq: '==', ast.NotEq: '!=',
              ast.In: 'in', ast.NotIn: 'not in', ast.Is: 'is', ast.IsNot: 'is not'}
BOUNDARY = {'<': '<=', '<=': '<', '>': '>=', '>=': '>'}
CMP_SWAPS = {'<': ['>'], '<=': ['>='], '>': ['<'], '>=': ['<='], '==': ['!='], '!=': ['=='],
             'in': ['not in'], 'not in': ['in'], 'is': ['is not'], 'is not': ['is']}
MIRROR = {'<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!='}
CALL_SWAPS = {'min': 'max', 'max': 'min', 'any': 'all', 'all': 'any'}
RENAMES = {'result': 'res', 'res': 'result', 'ans': 'answer', 'answer': 'ans', 'count': 'cnt', 'cnt': 'count',
           'total': 'acc', 'acc': 'total', 'i': 'idx', 'j': 'jdx', 'k': 'kk', 'n': 'size', 'x': 'item',
           'seen': 'visited', 'out': 'output', 'output': 'out', 'stack': 'stk', 'left': 'lo', 'right': 'hi',
           'lo': 'low', 'hi': 'high', 'best': 'best_so_far', 'cur': 'current', 'current': 'cur',
           'word': 'w', 'words': 'tokens', 'parts': 'pieces', 'c': 'ch', 'ch': 'char', 's': 'text'}
COMMENTS = {ast.For: 'iterate over the input', ast.While: 'loop until the condition fails',
            ast.If: 'handle this case', ast.Return: 'return the answer', ast.Assign: 'keep track of state',
            ast.AugAssign: 'update the running value'}


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


class Enumerator:
    def __init__(self, text, tree, entry):
        self.src = Source(text)
        self.tree = tree
        self.entry = entry
        self.sites = []  # dicts: kind, op, edits [(start, end, text)]
        self.skip = set()
        for node in ast.walk(tree):
            # Annotations and docstrings are not behaviour: never mutate inside them.
            for field in ('annotation', 'returns'):
                sub = getattr(node, field, None)
                if sub is not None:
                    self.skip.update(id(n) for n in ast.walk(sub))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                    self.skip.update(id(n) for n in ast.walk(body[0]))
        self.parents = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node

    def add(self, kind, op, edits):
        self.sites.append({'kind': kind, 'op': op, 'edits': edits})

    def mutant(self, op, edits):
        self.add('mutant', op, edits)

    def variant(self, op, edits):
        self.add('variant', op, edits)

    def run(self):
        for node in ast.walk(self.tree):
            if id(node) in self.skip:
                continue
            for name in ('binop', 'augassign', 'compare', 'boolop', 'condition', 'constant', 'call', 'subscript',
                         'statement', 'ret', 'misc'):
                getattr(self, 'visit_' + name)(node)
        self.visit_renames()
        self.visit_docstring()
        return self.sites

    # ------------------------------------------------------------------------- mutants

    def visit_binop(self, node):
        if not isinstance(node, ast.BinOp):
            return
        sym = BINOP_SYMBOL.get(type(node.op))
        found = find_op(self.src, node.left, node.right, {sym})
        if not found:
            return
        a, b, _ = found
        for new in BINOP_SWAPS.get(sym, []):
            self.mutant('arith(%s -> %s)%s' % (sym, new, loc(node)), [(a, b, new)])

    def visit_augassign(self, node):
        if not isinstance(node, ast.AugAssign):
            return
        sym = BINOP_SYMBOL.get(type(node.op))
        a = self.src.offset(node.target.end_lineno, node.target.end_col_offset)
        b = self.src.offset(node.value.lineno, node.value.col_offset)
        gap = self.src.text[a:b]
        i = gap.find(sym + '=')
        if i < 0:
            return
        for new in BINOP_SWAPS.get(sym, [])[:1]:
            self.mutant('augassign(%s= -> %s=)%s' % (sym, new, loc(node)), [(a + i, a + i + len(sym) + 1, new + '=')])

    def visit_compare(self, node):
        if not isinstance(node, ast.Compare):
            return
        prev = node.left
        for op, right in zip(node.ops, node.comparators):
            sym = CMP_SYMBOL[type(op)]
            found = find_op(self.src, prev, right, {sym})
            if found:
                a, b, _ = found
                if sym in BOUNDARY:
                    self.mutant('boundary(%s -> %s)%s' % (sym, BOUNDARY[sym], loc(node)), [(a, b, BOUNDARY[sym])])
                for new in CMP_SWAPS.get(sym, []):
                    self.mutant('compare(%s -> %s)%s' % (sym, new, loc(node)), [(a, b, new)])
            prev = right
        if len(node.ops) == 1 and CMP_SYMBOL[type(node.ops[0])] in MIRROR and pure(node):
            sym = CMP_SYMBOL[type(node.ops[0])]
            a, b = self.src.span(node)
            left, right = node.left, node.comparators[0]
            if not isinstance(left, (ast.Compare, ast.BoolOp, ast.IfExp)) and not isinstance(right, (ast.Compare, ast.BoolOp, ast.IfExp)):
                text = '%s %s %s' % (wrap(self.src, right), MIRROR[sym], wrap(self.src, left))
                self.variant('mirror-compare(%s)%s' % (sym, loc(node)), [(a, b, text)])

    def visit_boolop(self, node):
        if not isinstance(node, ast.BoolOp):
            return
        sym = 'and' if isinstance(node.op, ast.And) else 'or'
        new = 'or' if sym == 'and' else 'and'
        for left, right in zip(node.values, node.values[1:]):
            found = find_op(self.src, left, right, {sym})
            if found:
                a, b, _ = found
                self.mutant('boolop(%s -> %s)%s' % (sym, new, loc(node)), [(a, b, new)])

    def visit_condition(self, node):
        if not isinstance(node, (ast.If, ast.While, ast.IfExp)):
            return
        test = node.test
        a, b = self.src.span(test)
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            self.mutant('negate-condition(drop not)%s' % loc(test), [(a, b, self.src.seg(test.operand))])
        else:
            self.mutant('negate-condition%s' % loc(test), [(a, b, 'not (%s)' % self.src.seg(test))])
        if isinstance(node, ast.If):
            self.visit_invert_if(node)

    def visit_constant(self, node):
        if not (isinstance(node, ast.Constant) and type(node.value) is int):
            return
        parent = self.parents.get(id(node))
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == 'range':
            return  # covered by range-bound
        a, b = self.src.span(node)
        v = node.value
        for new in ([v + 1, v - 1] if v != 0 else [1]):
            self.mutant('constant(%d -> %d)%s' % (v, new, loc(node)), [(a, b, str(new) if new >= 0 else '(%d)' % new)])

    def visit_call(self, node):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            return
        name = node.func.id
        if name in CALL_SWAPS and name not in self.defined_names():
            a, b = self.src.span(node.func)
            self.mutant('call(%s -> %s)%s' % (name, CALL_SWAPS[name], loc(node)), [(a, b, CALL_SWAPS[name])])
        if name == 'range' and 1 <= len(node.args) <= 3 and not node.keywords:
            args = node.args
            stop = args[0] if len(args) == 1 else args[1]
            self.shift('range-bound(stop', stop, node)
            if len(args) >= 2:
                self.shift('range-bound(start', args[0], node)
            else:
                a = self.src.offset(stop.lineno, stop.col_offset)
                self.mutant('range-bound(start 0 -> 1)%s' % loc(node), [(a, a, '1, ')])

    def shift(self, label, expr, where):
        """Off-by-one on an integer-valued expression: +1 and -1."""
        a, b = self.src.span(expr)
        if isinstance(expr, ast.Constant) and type(expr.value) is int:
            for new in (expr.value + 1, expr.value - 1):
                self.mutant('%s %d -> %d)%s' % (label, expr.value, new, loc(where)), [(a, b, str(new) if new >= 0 else '(%d)' % new)])
            return
        text = wrap(self.src, expr) if not isinstance(expr, ast.BinOp) else self.src.seg(expr)
        if isinstance(expr, ast.BinOp) and not isinstance(expr.op, (ast.Add, ast.Sub)):
            text = '(' + text + ')'
        self.mutant('%s +1)%s' % (label, loc(where)), [(a, b, text + ' + 1')])
        self.mutant('%s -1)%s' % (label, loc(where)), [(a, b, text + ' - 1')])

    def visit_subscript(self, node):
        if not isinstance(node, ast.Subscript):
            return
        sl = node.slice
        if isinstance(sl, ast.Slice):
            for part, name in ((sl.lower, 'lower'), (sl.upper, 'upper')):
                if part is not None:
                    self.shift('slice-bound(%s' % name, part, node)
            return
        if isinstance(sl, ast.Name) or (isinstance(sl, ast.Constant) and type(sl.value) is int) or (
                isinstance(sl, ast.BinOp) and isinstance(sl.op, (ast.Add, ast.Sub))) or (
                isinstance(sl, ast.UnaryOp) and isinstance(sl.op, ast.USub)):
            if isinstance(sl, ast.Constant):
                return  # covered by constant
            self.shift('index(', sl, node)

    def visit_statement(self, node):
        body = getattr(node, 'body', None)
        for block in (body, getattr(node, 'orelse', None), getattr(node, 'finalbody', None)):
            if not isinstance(block, list) or not block or not isinstance(block[0], ast.stmt):
                continue
            for stmt in block:
                if id(stmt) in self.skip or isinstance(node, ast.Module) or not self.src.owns_lines(stmt):
                    continue
                self.visit_comment(stmt)
                if not isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.If, ast.For,
                                         ast.While, ast.Break, ast.Continue)):
                    continue
                a, b = self.src.line_start(stmt.lineno), self.src.line_end(stmt.end_lineno)
                others = [s for s in block if s is not stmt and id(s) not in self.skip]
                text = '' if others else self.src.indent_of(stmt) + 'pass\n'
                self.mutant('drop-statement(%s)%s' % (type(stmt).__name__.lower(), loc(stmt)), [(a, b, text)])
            self.visit_reorder(block)

    def visit_ret(self, node):
        if not (isinstance(node, ast.Return) and node.value is not None):
            return
        v = node.value
        a, b = self.src.span(v)
        if not (isinstance(v, ast.Constant) and v.value is None):
            self.mutant('wrong-return(None)%s' % loc(node), [(a, b, 'None')])
        if isinstance(v, (ast.Compare, ast.BoolOp)) or (isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.Not)):
            self.mutant('wrong-return(negated)%s' % loc(node), [(a, b, 'not (%s)' % self.src.seg(v))])
        if not isinstance(v, (ast.Name, ast.Constant)) and pure(v):
            self.visit_extract_return(node)

    def visit_misc(self, node):
        if isinstance(node, ast.Constant) and type(node.value) is bool:
            a, b = self.src.span(node)
            self.mutant('bool-constant(%s -> %s)%s' % (node.value, not node.value, loc(node)), [(a, b, str(not node.value))])
        elif isinstance(node, (ast.Break, ast.Continue)):
            a, b = self.src.span(node)
            new = 'continue' if isinstance(node, ast.Break) else 'break'
            self.mutant('loop-control(%s -> %s)%s' % (self.src.seg(node), new, loc(node)), [(a, b, new)])
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and not isinstance(node.operand, ast.Constant):
            a, b = self.src.span(node)
            self.mutant('drop-unary-minus%s' % loc(node), [(a, b, wrap(self.src, node.operand))])

    # ------------------------------------------------------------------------- variants

    def defined_names(self):
        if not hasattr(self, '_defined'):
            names = set()
            for node in ast.walk(self.tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(node.name)
                elif isinstance(node, ast.arg):
                    names.add(node.arg)
                elif isinstance(node, ast.alias):
                    names.add((node.asname or node.name).split('.')[0])
                elif isinstance(node, (ast.Global, ast.Nonlocal)):
                    names.update(node.names)
                elif isinstance(node, ast.keyword) and node.arg:
                    names.add(node.arg)
                elif isinstance(node, ast.Attribute):
                    names.add(node.attr)
                elif isinstance(node, (ast.ExceptHandler,)) and node.name:
                    names.add(node.name)
                elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
                    names.add(node.name)
            self._defined = names
        return self._defined

    def all_identifiers(self):
        if not hasattr(self, '_idents'):
            self._idents = set(re.findall(r'[A-Za-z_][A-Za-z0-9_]*', self.src.text))
        return self._idents

    def fresh(self, base):
        name = base
        n = 2
        while name in self.all_identifiers() or name in BUILTIN_NAMES:
            name = '%s_%d' % (base, n)
            n += 1
        return name

    def visit_renames(self):
        if self.all_identifiers() & {'eval', 'exec', 'locals', 'globals', 'vars'}:
            return
        stores, occurrences = [], {}
        in_fstring = {n.id for j in ast.walk(self.tree) if isinstance(j, ast.JoinedStr) for n in ast.walk(j) if isinstance(n, ast.Name)}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name):
                occurrences.setdefault(node.id, []).append(node)
                if isinstance(node.ctx, ast.Store) and node.id not in stores:
                    stores.append(node.id)
        module_level = {t.id for s in self.tree.body if isinstance(s, (ast.Assign, ast.AnnAssign, ast.For))
                        for t in ast.walk(s) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
        for name in stores:
            if name in self.defined_names() or name in BUILTIN_NAMES or name == self.entry or name in module_level or name in in_fstring:
                continue
            new = self.fresh(RENAMES.get(name, name + '_value' if len(name) > 1 else name + name))
            edits = [self.src.span(n) + (new,) for n in occurrences[name]]
            self.variant('rename-local(%s -> %s)' % (name, new), edits)

    def visit_comment(self, stmt):
        text = COMMENTS.get(type(stmt))
        if not text:
            return
        a = self.src.line_start(stmt.lineno)
        self.variant('add-comment%s' % loc(stmt), [(a, a, '%s# %s\n' % (self.src.indent_of(stmt), text))])

    def visit_docstring(self):
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.FunctionDef) or node.name != self.entry:
                continue
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                return
            if first.lineno == node.lineno or not self.src.owns_lines(first):
                return
            words = node.name.replace('_', ' ').strip()
            a = self.src.line_start(first.lineno)
            doc = '%s"""Solve the task: %s."""\n' % (self.src.indent_of(first), words)
            self.variant('add-docstring' + loc(node), [(a, a, doc)])
            return

    def visit_invert_if(self, node):
        if not node.orelse or not self.src.owns_lines(node):
            return
        body, orelse = node.body, node.orelse
        if body[0].lineno == node.lineno or not all(self.src.owns_lines(s) for s in body + orelse):
            return
        middle_lines = list(range(body[-1].end_lineno + 1, orelse[0].lineno))
        else_lines = [n for n in middle_lines if self.src.lines[n - 1].strip().startswith('else')]
        if len(else_lines) != 1 or self.src.lines[else_lines[0] - 1].strip() != 'else:':
            return
        if orelse[0].lineno == else_lines[0]:
            return
        src = self.src
        ta, tb = src.span(node.test)
        header = src.text[src.line_start(node.lineno):ta] + 'not (%s)' % src.seg(node.test) + src.text[tb:src.line_start(body[0].lineno)]
        if '\n' not in header:
            return
        a_text = src.text[src.line_start(body[0].lineno):src.line_end(body[-1].end_lineno)]
        middle = src.text[src.line_end(body[-1].end_lineno):src.line_start(orelse[0].lineno)]
        b_text = src.text[src.line_start(orelse[0].lineno):src.line_end(orelse[-1].end_lineno)]
        if not a_text.endswith('\n') or not b_text.endswith('\n'):
            return
        whole = (src.line_start(node.lineno), src.line_end(node.end_lineno))
        self.variant('invert-if' + loc(node), [whole + (header + b_text + middle + a_text,)])

    def visit_extract_return(self, node):
        if not self.src.owns_lines(node) or node.lineno != node.end_lineno:
            return
        parent = self.parents.get(id(node))
        if parent is None or getattr(parent, 'lineno', -1) == node.lineno:
            return
        name = self.fresh('result')
        indent = self.src.indent_of(node)
        a, b = self.src.line_start(node.lineno), self.src.line_end(node.end_lineno)
        text = '%s%s = %s\n%sreturn %s\n' % (indent, name, self.src.seg(node.value), indent, name)
        self.variant('extract-return' + loc(node), [(a, b, text)])

    def visit_reorder(self, block):
        for s1, s2 in zip(block, block[1:]):
            if not all(isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name) for s in (s1, s2)):
                continue
            if s1.lineno != s1.end_lineno or s2.lineno != s2.end_lineno or s2.lineno != s1.lineno + 1:
                continue
            if not (self.src.owns_lines(s1) and self.src.owns_lines(s2) and pure(s1.value) and pure(s2.value)):
                continue
            t1, t2 = s1.targets[0].id, s2.targets[0].id
            used1 = {n.id for n in ast.walk(s1.value) if isinstance(n, ast.Name)}
            used2 = {n.id for n in ast.walk(s2.value) if isinstance(n, ast.Name)}
            if t1 == t2 or t1 in used2 or t2 in used1:
                continue
            l1 = self.src.lines[s1.lineno - 1]
            l2 = self.src.lines[s2.lineno - 1]
            if not l1.endswith('\n') or not l2.endswith('\n'):
                continue
            a, b = self.src.line_start(s1.lineno), self.src.line_end(s2.lineno)
            self.variant('swap-independent' + loc(s1), [(a, b, l2 + l1)])


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
