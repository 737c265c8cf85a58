"""Split test-generation answers into a reference solution, an entry point and one test per assert,
with Python's own parser (ast). A trusted helper of plum (run through runPythonTool): it parses, it
never executes anything.

stdin:  {"answers": [{"id": str, "blocks": [{"code": str, "terminated": bool}], "entryPoint": str|null}]}
stdout: {"results": [{"id", "entryPoint", "signature", "reference", "tests": [{"code", "raw", "callsEntryPoint"}],
                      "reason", "notes": [str]}]}
`reason` is null when the answer gave a reference and at least one test; otherwise one of
no_code, unparseable, no_entry_point, no_reference, no_tests (the other fields are filled as far
as they could be).
"""
import ast
import copy
import json
import sys
import textwrap

STUB_BODY = ("...", "pass")


def parse_block(code, notes, index):
    """Parse a block; when it does not parse (an answer cut at the token limit, prose after the
    code), drop trailing lines until it does. Returns (tree, source) or (None, None)."""
    source = textwrap.dedent(code)
    lines = source.split("\n")
    for end in range(len(lines), 0, -1):
        text = "\n".join(lines[:end])
        if not text.strip():
            break
        candidates = [text]
        if text.rstrip().endswith(":"):
            candidates.append(text.rstrip() + "\n    ...")  # a bare signature line
        for candidate in candidates:
            try:
                tree = ast.parse(candidate)
            except (SyntaxError, ValueError):
                continue
            if end < len(lines):
                notes.append("block %d: dropped %d trailing line(s) that did not parse" % (index, len(lines) - end))
            return tree, candidate
    notes.append("block %d: does not parse" % index)
    return None, None


def is_stub(fn):
    body = [s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str))]
    if not body:
        return True
    return all(
        isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and s.value.value is Ellipsis)
        for s in body
    )


class Rename(ast.NodeTransformer):
    def __init__(self, old, new):
        self.old, self.new = old, new

    def visit_Name(self, node):
        return ast.copy_location(ast.Name(id=self.new, ctx=node.ctx), node) if node.id == self.old else node


def segment(source, node):
    if source is None:
        return ast.unparse(node)
    text = ast.get_source_segment(source, node, padded=True)
    return textwrap.dedent(text) if text is not None else ast.unparse(node)


def bound_names(stmt):
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


def used_names(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def called_names(node):
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            out.append(n.func.id)
    return out


def signature_of(fn):
    stub = copy.copy(fn)
    stub.body = [ast.Pass()]
    stub.decorator_list = []
    return ast.unparse(ast.fix_missing_locations(stub)).split("\n")[0]


def is_check_function(stmt):
    return isinstance(stmt, ast.FunctionDef) and stmt.name == "check" and len(stmt.args.args) == 1


def is_main_guard(stmt):
    return isinstance(stmt, ast.If) and "__name__" in used_names(stmt.test)


COMPARE_METHODS = {
    "assertEqual": ast.Eq, "assertEquals": ast.Eq, "assertListEqual": ast.Eq, "assertTupleEqual": ast.Eq,
    "assertDictEqual": ast.Eq, "assertSetEqual": ast.Eq, "assertSequenceEqual": ast.Eq, "assertMultiLineEqual": ast.Eq,
    "assertNotEqual": ast.NotEq, "assertIn": ast.In, "assertNotIn": ast.NotIn, "assertIs": ast.Is, "assertIsNot": ast.IsNot,
    "assertLess": ast.Lt, "assertLessEqual": ast.LtE, "assertGreater": ast.Gt, "assertGreaterEqual": ast.GtE,
}


def unittest_assert(stmt):
    """`self.assertX(...)` (unittest) as an equivalent plain assert, or None."""
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    call = stmt.value
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self"):
        return None
    name, args = func.attr, call.args
    test = None
    if name in COMPARE_METHODS and len(args) >= 2:
        test = ast.Compare(left=args[0], ops=[COMPARE_METHODS[name]()], comparators=[args[1]])
    elif name in ("assertTrue", "assert_") and args:
        test = args[0]
    elif name == "assertFalse" and args:
        test = ast.UnaryOp(op=ast.Not(), operand=args[0])
    elif name == "assertIsNone" and args:
        test = ast.Compare(left=args[0], ops=[ast.Is()], comparators=[ast.Constant(None)])
    elif name == "assertIsNotNone" and args:
        test = ast.Compare(left=args[0], ops=[ast.IsNot()], comparators=[ast.Constant(None)])
    elif name == "assertIsInstance" and len(args) >= 2:
        test = ast.Call(func=ast.Name("isinstance", ast.Load()), args=args[:2], keywords=[])
    elif name == "assertAlmostEqual" and len(args) >= 2:
        places = next((k.value for k in call.keywords if k.arg == "places"), args[2] if len(args) > 2 else ast.Constant(7))
        diff = ast.BinOp(left=args[0], op=ast.Sub(), right=args[1])
        rounded = ast.Call(func=ast.Name("round", ast.Load()), args=[diff, places], keywords=[])
        test = ast.Compare(left=rounded, ops=[ast.Eq()], comparators=[ast.Constant(0)])
    if test is None:
        return None
    return ast.fix_missing_locations(ast.copy_location(ast.Assert(test=test, msg=None), stmt))


def raises_check(stmt):
    """`with self.assertRaises(E):` / `with pytest.raises(E):` as try/except/else, or None."""
    if not (isinstance(stmt, ast.With) and len(stmt.items) == 1):
        return None
    ctx = stmt.items[0].context_expr
    if not (isinstance(ctx, ast.Call) and isinstance(ctx.func, ast.Attribute) and ctx.args):
        return None
    owner = ctx.func.value
    if not (isinstance(owner, ast.Name) and ((owner.id == "self" and ctx.func.attr == "assertRaises") or (owner.id == "pytest" and ctx.func.attr == "raises"))):
        return None
    exc = ctx.args[0]
    fail = ast.Raise(exc=ast.Call(func=ast.Name("AssertionError", ast.Load()), args=[ast.Constant("%s not raised" % ast.unparse(exc))], keywords=[]), cause=None)
    handler = ast.ExceptHandler(type=exc, name=None, body=[ast.Pass()])
    return ast.fix_missing_locations(ast.copy_location(ast.Try(body=stmt.body, handlers=[handler], orelse=[fail], finalbody=[]), stmt))


def collect_tests(stmts, source, reference_names, entry_point, tests):
    """One test per assert; statements before it that bind names the assert uses (and that the
    reference does not define) are kept in front of it as setup. unittest `self.assertX` calls and
    `assertRaises` / `pytest.raises` blocks are turned into plain Python first."""
    setup = []

    def emit(node, text, raw):
        """Add one test: `text` (the statement's code) after the setup statements it needs."""
        needed = used_names(node)
        chosen = []
        # Walk setup backwards so a statement needed by a needed statement is included too.
        for prior in reversed(setup):
            if bound_names(prior) & needed:
                chosen.append(prior)
                needed |= used_names(prior)
        chosen.reverse()
        tests.append({"code": "\n".join([segment(source, s) for s in chosen] + [text]), "raw": raw,
                      "callsEntryPoint": entry_point in called_names(node) if entry_point else None})

    for stmt in stmts:
        converted = unittest_assert(stmt) or raises_check(stmt)
        if converted is not None:
            emit(converted, ast.unparse(converted), segment(source, stmt))
        elif isinstance(stmt, ast.Assert):
            text = segment(source, stmt)
            emit(stmt, text, text)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name.startswith("test"):
            collect_tests(stmt.body, source, reference_names, entry_point, tests)
        elif is_check_function(stmt) and entry_point:
            # HumanEval style `def check(candidate): assert candidate(...) == ...`: the parameter is
            # renamed to the entry point, so each assert calls it directly.
            renamed = Rename(stmt.args.args[0].arg, entry_point).visit(copy.deepcopy(stmt))
            inner = []
            collect_tests(renamed.body, None, reference_names, entry_point, inner)
            originals = [s for s in stmt.body if isinstance(s, ast.Assert)]
            if len(originals) == len(inner):  # plain asserts only: keep each one's text as written
                for t, original in zip(inner, originals):
                    t["raw"] = segment(source, original)
            tests.extend(inner)
        elif isinstance(stmt, ast.ClassDef) and stmt.name.startswith("Test"):
            for inner in stmt.body:
                if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)) and inner.name.startswith("test"):
                    collect_tests(inner.body, source, reference_names | {"self"}, entry_point, tests)
        elif is_main_guard(stmt):
            collect_tests(stmt.body, source, reference_names, entry_point, tests)
        elif isinstance(stmt, (ast.For, ast.With)) and any(isinstance(n, ast.Assert) for n in ast.walk(stmt)):
            # A loop of asserts is one test (it cannot be split without changing its meaning).
            text = segment(source, stmt)
            emit(stmt, text, text)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if not (bound_names(stmt) & reference_names):
                setup.append(stmt)


def analyse(answer):
    notes = []
    blocks = answer.get("blocks") or []
    given_entry = answer.get("entryPoint")
    result = {"id": answer.get("id"), "entryPoint": given_entry, "signature": None, "reference": None, "tests": [], "reason": None, "notes": notes}
    if not blocks:
        result["reason"] = "no_code"
        return result
    parsed = []
    for i, block in enumerate(blocks):
        tree, source = parse_block(block.get("code", ""), notes, i)
        if tree is not None:
            parsed.append((i, tree, source))
    if not parsed:
        result["reason"] = "unparseable"
        return result

    # Function definitions per block: real ones (with a body) and stubs (a signature block).
    real_defs, stub_defs = [], []
    for i, tree, source in parsed:
        for stmt in tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and not stmt.name.startswith("test"):
                (stub_defs if is_stub(stmt) else real_defs).append((i, stmt, source))

    # Entry point: given, else the signature block's function, else the real function the asserts call most.
    entry = given_entry
    if not entry and stub_defs:
        entry = stub_defs[0][1].name
    if not entry and real_defs:
        calls = {}
        for _i, tree, _s in parsed:
            for stmt in ast.walk(tree):
                if isinstance(stmt, ast.Assert):
                    for name in called_names(stmt):
                        calls[name] = calls.get(name, 0) + 1
        names = [d[1].name for d in real_defs]
        called = [n for n in names if calls.get(n)]
        entry = max(called, key=lambda n: calls[n]) if called else names[-1]
        notes.append("entry point inferred: %s" % entry)
    result["entryPoint"] = entry
    if not entry:
        result["reason"] = "no_entry_point"
        return result

    # Reference: the block with a real definition of the entry point (the longest such block).
    ref_block = None
    for i, stmt, source in real_defs:
        if stmt.name == entry and (ref_block is None or len(source) > len(ref_block[2])):
            ref_block = next(p for p in parsed if p[0] == i)
    reference_names = set()
    if ref_block is not None:
        _i, tree, source = ref_block
        keep = [s for s in tree.body
                if isinstance(s, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and not (isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and (s.name.startswith("test") or is_check_function(s)))
                and not (isinstance(s, ast.ClassDef) and s.name.startswith("Test"))]
        # Module-level assignments belong to the reference only when its code uses them (constants
        # such as MOD = 10**9 + 7); the others are test data and stay with the tests that use them.
        needed = set()
        for s in keep:
            if not isinstance(s, (ast.Import, ast.ImportFrom)):
                needed |= used_names(s)
        assigns = [s for s in tree.body if isinstance(s, (ast.Assign, ast.AnnAssign))]
        chosen_assigns = []
        changed = True
        while changed:
            changed = False
            for s in assigns:
                if s not in chosen_assigns and bound_names(s) & needed:
                    chosen_assigns.append(s)
                    needed |= used_names(s)
                    changed = True
        keep = [s for s in tree.body if s in keep or s in chosen_assigns]
        for s in keep:
            reference_names |= bound_names(s)
        result["reference"] = "\n\n".join(segment(source, s) for s in keep).rstrip() + "\n"
        fn = next(s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == entry)
        result["signature"] = signature_of(fn)
    elif stub_defs:
        fn = next((d[1] for d in stub_defs if d[1].name == entry), None)
        if fn is not None:
            result["signature"] = signature_of(fn)
    reference_names.add(entry)

    tests = []
    for _i, tree, source in parsed:
        collect_tests(tree.body, source, reference_names, entry, tests)
    result["tests"] = tests
    if result["reference"] is None:
        result["reason"] = "no_reference"
    elif not tests:
        result["reason"] = "no_tests"
    return result


def main():
    request = json.load(sys.stdin)
    results = []
    for answer in request.get("answers", []):
        try:
            results.append(analyse(answer))
        except Exception as exc:  # a bug here must not lose the batch: report it per answer
            results.append({"id": answer.get("id"), "entryPoint": answer.get("entryPoint"), "signature": None, "reference": None,
                            "tests": [], "reason": "unparseable", "notes": ["parser error: %s: %s" % (type(exc).__name__, exc)]})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
