"""Runs EvalPlus's own engine on MBPP+ samples: verdicts for the agreement check, seconds for `npm run bench:exec`.

usage: evalplus_mbpp_driver.py EVALPLUS_DIR SAMPLES DATASET GT_CACHE [PARALLEL]
EVALPLUS_DIR holds the `evalplus` package (not part of plum); DATASET is MbppPlus.jsonl(.gz). Samples are
read as EvalPlus reads them (`solution`, else prompt + `completion`); MBPP's integer task ids (11) are
taken as Mbpp/11, as `plum eval` does, and samples of tasks MBPP+ left out are skipped and counted.
Inputs go through EvalPlus's mbpp_deserialize_inputs; expected outputs through its get_groundtruth
(with MBPP_OUTPUT_NOT_NONE_TASKS), pickled to GT_CACHE and reused (not timed). The timed part submits
every sample's check_correctness('mbpp', ...) to a ProcessPoolExecutor as `evalplus.evaluate` does, with
its defaults: max(1, cpu_count // 2) workers, fast_check, min time limit and factor from evalplus.config.
Prints one JSON line: {"seconds", "workers", "skipped", "samples": [{"line", "task_id", "base_status",
"plus_status", "base_fail", "plus_fail"}]} in input order (fail = index of the failing input, or null).
"""
import gzip
import json
import multiprocessing
import os
import pickle
import sys
import time
import types
from concurrent.futures import ProcessPoolExecutor, as_completed

base, samples_path, dataset_path, gt_cache = sys.argv[1:5]
sys.path.insert(0, base)
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'shims'))  # only for modules not installed

# evalplus.evaluate imports codegen (model providers, tree-sitter) at the top; only its check_correctness is used here
_codegen = types.ModuleType('evalplus.codegen')
_codegen.run_codegen = None
sys.modules.setdefault('evalplus.codegen', _codegen)

from evalplus.config import DEFAULT_GT_TIME_LIMIT_FACTOR, DEFAULT_MIN_TIME_LIMIT  # noqa: E402
from evalplus.data.mbpp import mbpp_deserialize_inputs  # noqa: E402
from evalplus.eval._special_oracle import MBPP_OUTPUT_NOT_NONE_TASKS  # noqa: E402
from evalplus.evaluate import check_correctness  # noqa: E402
from evalplus.gen.util import trusted_exec  # noqa: E402


def ground_truth(problems):
    """EvalPlus's get_groundtruth, with the cache at GT_CACHE (its own puts it under ~/.cache)."""
    if os.path.exists(gt_cache):
        with open(gt_cache, 'rb') as f:
            return pickle.load(f)
    out = {}
    for task_id, p in problems.items():
        code = p['prompt'] + p['canonical_solution']
        nn = p['entry_point'] in MBPP_OUTPUT_NOT_NONE_TASKS
        oracle = {}
        oracle['base'], oracle['base_time'] = trusted_exec(code, p['base_input'], p['entry_point'], record_time=True, output_not_none=nn)
        oracle['plus'], oracle['plus_time'] = trusted_exec(code, p['plus_input'], p['entry_point'], record_time=True, output_not_none=nn)
        out[task_id] = oracle
    with open(gt_cache, 'wb') as f:
        pickle.dump(out, f)
    return out


if __name__ == '__main__':
    workers = int(sys.argv[5]) if len(sys.argv) > 5 else max(1, multiprocessing.cpu_count() // 2)
    opener = gzip.open if dataset_path.endswith('.gz') else open
    with opener(dataset_path, 'rt') as f:
        problems = {p['task_id']: p for p in (json.loads(line) for line in f if line.strip())}
    for task_id, p in problems.items():
        p['base_input'] = mbpp_deserialize_inputs(task_id, p['base_input'])
        p['plus_input'] = mbpp_deserialize_inputs(task_id, p['plus_input'])
    samples = []
    skipped = 0
    with open(samples_path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            s = json.loads(line)
            tid = s['task_id']
            tid = f'Mbpp/{tid}' if isinstance(tid, int) or str(tid).isdigit() else tid
            if tid not in problems:
                skipped += 1
                continue
            samples.append((n, tid, s))
    needed = {tid for _, tid, _ in samples}
    expected = ground_truth({t: p for t, p in problems.items() if t in needed} if not os.path.exists(gt_cache) else problems)
    t0 = time.perf_counter()
    results = [None] * len(samples)
    with ProcessPoolExecutor(max_workers=workers) as executor:
        futures = {}
        for i, (n, tid, s) in enumerate(samples):
            problem = problems[tid]
            solution = s['solution'] if 'solution' in s else problem['prompt'] + s['completion']
            args = ('mbpp', i, problem, solution, expected[tid], False, True, None, DEFAULT_MIN_TIME_LIMIT, DEFAULT_GT_TIME_LIMIT_FACTOR)
            futures[executor.submit(check_correctness, *args)] = i
        for future in as_completed(futures):
            results[futures[future]] = future.result()
    seconds = time.perf_counter() - t0

    def fail_index(status, details):
        return None if status == 'pass' or len(details) == 0 else len(details) - 1

    rows = []
    for (n, tid, _), r in zip(samples, results):
        (bs, bd), (ps, pd) = r['base'], r['plus']
        rows.append({'line': n, 'task_id': tid, 'base_status': bs, 'plus_status': ps, 'base_fail': fail_index(bs, bd), 'plus_fail': fail_index(ps, pd)})
    print(json.dumps({'seconds': seconds, 'workers': workers, 'skipped': skipped, 'samples': rows}))
