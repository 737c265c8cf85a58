"""Test helper: run each problem's reference on its example calls and compare with the expected
values (== and same type); arguments and expected values must be plain Python literals.
Reads {"problems": [{id, reference, entryPoint, examples}]} on stdin, prints {"results": [{id, ran, failures: [..]}]}. Trusted code only (plum's own references)."""
import ast
import contextlib
import io
import json
import signal
import sys


class Timeout(Exception):
    pass


def on_alarm(*_):
    raise Timeout()


def check(problem):
    failures = []
    ns = {"__name__": "reference"}
    try:
        exec(compile(problem["reference"], problem["id"], "exec"), ns)
        fn = ns[problem["entryPoint"]]
    except Exception as e:  # noqa: BLE001
        return {"id": problem["id"], "ran": 0, "failures": [f"reference does not load: {e!r}"]}
    ran = 0
    for ex in problem["examples"]:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        try:
            ast.literal_eval(ex["args"])  # plain literals, so that a generator can mutate them
            if ex.get("expected") is not None:
                ast.literal_eval(ex["expected"])
            args = eval(ex["args"], {})
            got = fn(*args)
            ran += 1
            if "expected" in ex and ex["expected"] is not None:
                want = eval(ex["expected"], {})
                if got != want or type(got) is not type(want):
                    failures.append(f"{ex['args']}: got {got!r}, expected {want!r}")
        except Exception as e:  # noqa: BLE001
            failures.append(f"{ex['args']}: raised {e!r}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"id": problem["id"], "ran": ran, "failures": failures}


signal.signal(signal.SIGALRM, on_alarm)
payload = json.load(sys.stdin)
with contextlib.redirect_stdout(io.StringIO()):
    results = [check(p) for p in payload["problems"]]
json.dump({"results": results}, sys.stdout)
