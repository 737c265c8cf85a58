"""Static analysis of test cases for the filter (plum's own trusted tool; never executes test code).

Reads {"entryPoint": str|null, "tests": [TestCase.spec + "id"]} (or {"batch": [such requests]}) as JSON on stdin and prints one
{"testId", "parses", "normalForm", "callsEntryPoint", "assertsConstant"} per test: an AST dump as the
normal form (so whitespace, comments and quoting style do not matter), whether the test calls the
entry point (or `candidate` in a check function), and whether its asserts are constant or tautologies.
"""
import ast
import json
import sys


def dump(node):
    return ast.dump(node, annotate_fields=False, include_attributes=False)


def squash(text):
    return " ".join((text or "").split())


def calls_name(tree, names):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in names:
                return True
            if isinstance(func, ast.Attribute) and func.attr in names:
                return True
    return False


def is_constant_condition(expr):
    """True when the condition cannot depend on the solution: no names, calls or attributes, or
    `x == x` with both sides the same expression."""
    if not any(isinstance(n, (ast.Name, ast.Call, ast.Attribute, ast.Subscript, ast.Starred)) for n in ast.walk(expr)):
        return True
    if isinstance(expr, ast.Compare) and len(expr.ops) == 1 and isinstance(expr.ops[0], (ast.Eq, ast.Is)):
        return dump(expr.left) == dump(expr.comparators[0])
    return False


def args_form(node):
    """The normal form of an argument list: a list of the argument expressions, or None."""
    if isinstance(node, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in node.elts):
        return dump(ast.List(elts=node.elts, ctx=ast.Load()))
    return None


def call_form(entry, args_dump, expected_dump, atol=None, oracle=None):
    return "call:%s:args=%s;expected=%s:atol=%r oracle=%r" % (entry, args_dump, expected_dump, atol, oracle)


def assert_as_call(tree, entry_point):
    """`assert f(a, b) == e` (or `f(*[a, b])`) in the call-test normal form, so an LLM assert and an
    offline call test that check the same thing are seen as duplicates. None for other shapes."""
    if not entry_point or len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert):
        return None
    test = tree.body[0].test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return None
    call, expected = test.left, test.comparators[0]
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == entry_point) or call.keywords:
        return None
    args = call.args
    if len(args) == 1 and isinstance(args[0], ast.Starred):
        form = args_form(args[0].value)
    elif any(isinstance(a, ast.Starred) for a in args):
        form = None
    else:
        form = args_form(ast.List(elts=args, ctx=ast.Load()))
    return call_form(entry_point, form, dump(expected)) if form else None


def analyse(test, entry_point):
    kind = test.get("kind")
    result = {"testId": test["id"], "parses": True, "normalForm": "", "callsEntryPoint": True, "assertsConstant": False}
    if kind in ("assert", "check"):
        code = test.get("code", "")
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError):
            result.update(parses=False, normalForm=kind + ":unparsed:" + squash(code), callsEntryPoint=False)
            return result
        result["normalForm"] = (kind == "assert" and assert_as_call(tree, entry_point)) or kind + ":" + dump(tree)
        if kind == "assert":
            names = {entry_point} if entry_point else set()
            result["callsEntryPoint"] = calls_name(tree, names)
            asserts = [n for n in ast.walk(tree) if isinstance(n, ast.Assert)]
            result["assertsConstant"] = bool(asserts) and all(is_constant_condition(a.test) for a in asserts)
        else:
            names = {"candidate"}
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef) and node.name == "check" and node.args.args:
                    names.add(node.args.args[0].arg)
            result["callsEntryPoint"] = calls_name(tree, names)
        return result
    if kind == "call":
        forms = {}
        for field, text in (("args", test.get("args", "")), ("expected", test.get("expected"))):
            if text is None:
                forms[field] = "<none>"
                continue
            try:
                node = ast.parse(text, mode="eval").body
                forms[field] = (field == "args" and args_form(node)) or dump(node)
            except (SyntaxError, ValueError):
                result["parses"] = False
                forms[field] = "unparsed:" + squash(text)
        result["normalForm"] = call_form(test.get("entryPoint"), forms["args"], forms["expected"], test.get("atol"), test.get("oracle"))
        return result
    if kind == "stdio":
        norm = lambda s: "\n".join(line.rstrip() for line in (s or "").strip().splitlines())
        result["normalForm"] = "stdio:" + json.dumps([norm(test.get("stdin")), norm(test.get("expectedStdout"))])
        return result
    result.update(parses=False, normalForm="unknown:" + json.dumps(test, sort_keys=True))
    return result


def analyse_request(request):
    entry_point = request.get("entryPoint")
    return [analyse(t, entry_point) for t in request.get("tests", [])]


def main():
    """One request {"entryPoint", "tests"} -> a list; {"batch": [requests]} -> a list of lists."""
    request = json.load(sys.stdin)
    if "batch" in request:
        json.dump([analyse_request(r) for r in request["batch"]], sys.stdout)
    else:
        json.dump(analyse_request(request), sys.stdout)


if __name__ == "__main__":
    main()
