"""Mutant operators (likely-wrong edits) over a reference's AST: arithmetic, augmented-assignment,
comparison, boundary and boolean swaps, negated conditions, off-by-one on constants, range bounds,
indices and slice bounds, min/max and any/all swaps, True/False, break/continue, dropped unary minus,
dropped statements, wrong returns. A mixin of `Enumerator` (operators.py): each `visit_*` records
sites as character edits of the original text; a few also call variant operators at the same node.
"""
import ast

from source_text import find_op, loc, pure, wrap

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


class MutantOperators:
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
