"""Variant operators (semantics-preserving edits) over a reference's AST: renamed locals, comments,
docstring, inverted if/else, return value through a variable, swapped independent assignments (the
mirrored comparison sits with the comparison operators). A mixin of `Enumerator` (operators.py).
"""
import ast
import builtins
import re

from source_text import loc, pure

BUILTIN_NAMES = set(dir(builtins))
RENAMES = {'result': 'res', 'res': 'result', 'ans': 'answer', 'answer': 'ans', 'count': 'cnt', 'cnt': 'count',
           'total': 'acc', 'acc': 'total', 'i': 'idx', 'j': 'jdx', 'k': 'kk', 'n': 'size', 'x': 'item',
           'seen': 'visited', 'out': 'output', 'output': 'out', 'stack': 'stk', 'left': 'lo', 'right': 'hi',
           'lo': 'low', 'hi': 'high', 'best': 'best_so_far', 'cur': 'current', 'current': 'cur',
           'word': 'w', 'words': 'tokens', 'parts': 'pieces', 'c': 'ch', 'ch': 'char', 's': 'text'}
COMMENTS = {ast.For: 'iterate over the input', ast.While: 'loop until the condition fails',
            ast.If: 'handle this case', ast.Return: 'return the answer', ast.Assign: 'keep track of state',
            ast.AugAssign: 'update the running value'}


class VariantOperators:
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
