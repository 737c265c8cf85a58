"""Trusted helper of the problem loaders (plum's own code; it never runs the code it reads).

For each item it parses candidate code blocks with `ast`, picks the block and the entry-point
function, builds a clean reference (top-level imports, functions, classes and plain assignments;
demo calls, prints and `if __name__ == "__main__":` blocks are dropped), the entry point's `def`
line, and example calls found in asserts (`assert f(<literals>) == <literal>`) or plain calls with
literal arguments. It does not execute anything and does not decide whether the code is correct.

stdin:  {"items": [{"key", "blocks": [{"code", "lang"}], "entryPoint": str|null, "testCode": str|null,
          "callee": str|null, "instruction": str|null, "clean": bool, "maxExamples": int}]}
stdout: {"results": [{"key", "status", "detail"?, "reference"?, "entryPoint"?, "signature"?,
          "examples": [{"args", "expected"?}]}]}
status: ok | no-code | not-python | syntax-error | no-function
"""
import ast
import json
import re
import sys
import warnings

PY_TAGS = {"", "python", "py", "python3", "py3", "ipython", "pycon", "python2"}
MAX_EXPR_CHARS = 2000
FORBIDDEN_CALLS = {"input", "open", "print", "exit", "quit"}


def parse_block(code):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(code), None
        except SyntaxError as e:
            return None, f"line {e.lineno}: {e.msg}"
        except (ValueError, RecursionError, MemoryError) as e:
            return None, f"{type(e).__name__}: {e}"


def looks_like_python(block):
    if block["lang"] in ("python", "py", "python3", "py3", "ipython"):
        return True
    return any(line.startswith(("def ", "import ", "from ", "class ")) for line in block["code"].splitlines())


def top_functions(tree):
    return [n for n in tree.body if isinstance(n, ast.FunctionDef)]


def calls_in(node):
    return {c.func.id for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}


def choose_entry(funcs, called_by_tests, called_by_demo, instruction):
    candidates = [f for f in funcs if not f.name.startswith(("_", "test")) and f.name != "main"] or funcs
    called = set()
    for f in funcs:
        called |= calls_in(f) - {f.name}
    roots = [f for f in candidates if f.name not in called] or candidates
    for preferred in (called_by_tests, called_by_demo):
        for f in candidates:
            if f.name in preferred:
                return f.name
    if instruction:
        for f in roots:
            if re.search(r"\b" + re.escape(f.name) + r"\b", instruction):
                return f.name
    return roots[0].name


def node_start(node):
    decos = getattr(node, "decorator_list", [])
    return min([node.lineno] + [d.lineno for d in decos])


def is_main_guard(node):
    return isinstance(node, ast.If) and "__name__" in ast.unparse(node.test)


def assigned_names(node):
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def keep_statement(node, defined, used):
    """Definitions and the constants they use stay; demo code (calls, prints, I/O, demo data) goes."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        return bool(assigned_names(node) & used) and not (calls_in(node) & (FORBIDDEN_CALLS | defined))
    return False


def clean_reference(code, tree):
    lines = code.splitlines()
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    defined = {n.name for n in defs}
    used = {n.id for d in defs for n in ast.walk(d) if isinstance(n, ast.Name)}
    assigns = [n for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))]
    changed = True
    while changed:  # constants used by kept constants are kept too
        changed = False
        for node in assigns:
            if assigned_names(node) & used:
                more = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)} if node.value else set()
                if more - used:
                    used |= more
                    changed = True
    parts = []
    for node in tree.body:
        if keep_statement(node, defined, used):
            parts.append("\n".join(lines[node_start(node) - 1:node.end_lineno]))
    return "\n\n".join(parts).rstrip() + "\n"


def signature_of(func):
    sig = f"def {func.name}({ast.unparse(func.args)})"
    if func.returns is not None:
        sig += f" -> {ast.unparse(func.returns)}"
    return sig + ":"


def literal_source(node):
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    text = ast.unparse(node)
    return text if len(text) <= MAX_EXPR_CHARS else None


def literal_bindings(statements):
    """`name = <literal>` assignments of demo code, so `f(data)` after `data = [1, 2]` is an example."""
    env = {}
    for node in statements:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            src = literal_source(node.value)
            if src is None:
                env.pop(node.targets[0].id, None)
            else:
                env[node.targets[0].id] = src
    return env


def arg_source(node, env):
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    return literal_source(node)


def call_args(call, names, env):
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in names):
        return None
    if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    parts = [arg_source(a, env) for a in call.args]
    if any(p is None for p in parts):
        return None
    return "[" + ", ".join(parts) + "]"


def find_examples(trees, names, limit, env):
    found = []
    seen = set()

    def add(args, expected):
        if args in seen or len(found) >= limit:
            return
        seen.add(args)
        found.append({"args": args, **({"expected": expected} if expected is not None else {})})

    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
                t = node.test
                if len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq):
                    args = call_args(t.left, names, env)
                    if args is not None:
                        add(args, literal_source(t.comparators[0]))
    for tree in trees:
        for node in ast.walk(tree):
            args = call_args(node, names, env)
            if args is not None:
                add(args, None)
    return found


def analyze(item):
    key = item["key"]
    blocks = [b for b in item["blocks"] if b["lang"] in PY_TAGS and b["code"].strip()]
    if not item["blocks"]:
        return {"key": key, "status": "no-code", "detail": "no code found", "examples": []}
    if not blocks:
        langs = sorted({b["lang"] for b in item["blocks"]})
        return {"key": key, "status": "not-python", "detail": f"code blocks are {', '.join(langs)}", "examples": []}
    parsed = []
    errors = []
    for i, b in enumerate(blocks, start=1):
        tree, err = parse_block(b["code"])
        if tree is None:
            if looks_like_python(b):
                errors.append(f"block {i} {err}" if len(blocks) > 1 else err)
        else:
            parsed.append((b, tree))
    entry = item.get("entryPoint")
    with_funcs = [(b, t) for b, t in parsed if top_functions(t)]
    if entry:
        with_funcs = [(b, t) for b, t in with_funcs if any(f.name == entry for f in top_functions(t))]
    if not with_funcs:
        if errors:
            return {"key": key, "status": "syntax-error", "detail": "; ".join(errors), "examples": []}
        if not parsed:
            return {"key": key, "status": "not-python", "detail": "no block parses as Python", "examples": []}
        what = f"no top-level function {entry}()" if entry else "no top-level function (only scripts or classes)"
        return {"key": key, "status": "no-function", "detail": what, "examples": []}
    block, tree = with_funcs[0]
    funcs = top_functions(tree)
    test_tree = None
    if item.get("testCode"):
        test_tree, _ = parse_block(item["testCode"])
    demo = [n for _, t in parsed for n in t.body if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    if not entry:
        called_by_tests = calls_in(test_tree) if test_tree is not None else set()
        called_by_demo = calls_in(ast.Module(body=demo, type_ignores=[]))
        entry = choose_entry(funcs, called_by_tests, called_by_demo, item.get("instruction"))
    func = next(f for f in funcs if f.name == entry)
    reference = clean_reference(block["code"], tree) if item.get("clean") else block["code"]
    callee = {entry} | ({item["callee"]} if item.get("callee") else set())
    trees = ([test_tree] if test_tree is not None else []) + [ast.Module(body=demo, type_ignores=[])]
    examples = find_examples(trees, callee, item.get("maxExamples", 10), literal_bindings(demo))
    return {"key": key, "status": "ok", "reference": reference, "entryPoint": entry,
            "signature": signature_of(func), "examples": examples}


def main():
    sys.setrecursionlimit(10000)
    payload = json.load(sys.stdin)
    results = []
    for item in payload["items"]:
        try:
            results.append(analyze(item))
        except Exception as e:  # noqa: BLE001 - one odd item must not sink the batch
            results.append({"key": item.get("key"), "status": "syntax-error", "detail": f"analysis failed: {type(e).__name__}: {e}", "examples": []})
    json.dump({"results": results}, sys.stdout)


main()
