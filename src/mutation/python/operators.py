"""All edit sites of a reference: the AST walk that applies every mutant and variant operator to
every node, in a fixed order (so enumeration is deterministic). Skips annotations and docstrings.
"""
import ast

from mutant_operators import MutantOperators
from source_text import Source
from variant_operators import VariantOperators


class Enumerator(MutantOperators, VariantOperators):
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
