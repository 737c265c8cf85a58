"""Static analysis of test cases for the filter (plum's own trusted tool; never executes test code).

Reads {"entryPoint": str|null, "tests": [TestCase.spec + "id"]} as JSON on stdin and prints one
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
        result["normalForm"] = kind + ":" + dump(tree)
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
        parts = []
        for field, text in (("args", test.get("args", "")), ("expected", test.get("expected"))):
            if text is None:
                parts.append(field + "=<none>")
                continue
            try:
                parts.append(field + "=" + dump(ast.parse(text, mode="eval")))
            except (SyntaxError, ValueError):
                result["parses"] = False
                parts.append(field + "=unparsed:" + squash(text))
        extra = "atol=%r oracle=%r" % (test.get("atol"), test.get("oracle"))
        result["normalForm"] = "call:%s:%s:%s" % (test.get("entryPoint"), ";".join(parts), extra)
        return result
    if kind == "stdio":
        norm = lambda s: "\n".join(line.rstrip() for line in (s or "").strip().splitlines())
        result["normalForm"] = "stdio:" + json.dumps([norm(test.get("stdin")), norm(test.get("expectedStdout"))])
        return result
    result.update(parses=False, normalForm="unknown:" + json.dumps(test, sort_keys=True))
    return result


def main():
    request = json.load(sys.stdin)
    entry_point = request.get("entryPoint")
    out = [analyse(t, entry_point) for t in request.get("tests", [])]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
