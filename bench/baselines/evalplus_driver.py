"""Runs EvalPlus's own engine on HumanEval+ samples, for `npm run bench:exec` side by side.

usage: evalplus_driver.py EVALPLUS_DIR SAMPLES DATASET GT_CACHE [PARALLEL]
EVALPLUS_DIR holds the `evalplus` package (evaluate.check_correctness, eval.untrusted_check, ...); it
is not part of plum. Expected outputs come from EvalPlus's get_groundtruth, pickled to GT_CACHE and
reused (not timed: "expected outputs precomputed"). The timed part submits every sample's
check_correctness to a ProcessPoolExecutor as `evalplus.evaluate` does, with its defaults:
max(1, cpu_count // 2) workers, fast_check, min time limit and factor from evalplus.config.
Prints {"seconds", "workers", "base": [...], "plus": [...]} (verdicts in input order; plus = base and plus pass).
"""
import gzip
import json
import multiprocessing
import os
import sys
import time
import types
from concurrent.futures import ProcessPoolExecutor, as_completed

base, samples_path, dataset_path, gt_cache = sys.argv[1:5]
sys.path.insert(0, base)
for name in ('tqdm', 'psutil', 'termcolor', 'datasets', 'appdirs', 'tempdir', 'wget'):
    try:
        __import__(name)
    except ImportError:
        sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'shims'))
        break
# evalplus.evaluate imports its code generator (model providers, tree-sitter) at the top; only its
# checker is used here, so a stand-in module takes the generator's place.
_codegen = types.ModuleType('evalplus.codegen')
_codegen.run_codegen = None
sys.modules['evalplus.codegen'] = _codegen

from evalplus.config import DEFAULT_GT_TIME_LIMIT_FACTOR, DEFAULT_MIN_TIME_LIMIT  # noqa: E402
from evalplus.evaluate import check_correctness, get_groundtruth  # noqa: E402

if __name__ == '__main__':
    workers = int(sys.argv[5]) if len(sys.argv) > 5 else max(1, multiprocessing.cpu_count() // 2)
    opener = gzip.open if dataset_path.endswith('.gz') else open
    with opener(dataset_path, 'rt') as f:
        problems = {p['task_id']: p for p in (json.loads(line) for line in f if line.strip())}
    expected = get_groundtruth(problems, gt_cache, [])
    with open(samples_path) as f:
        samples = [json.loads(line) for line in f if line.strip()]
    t0 = time.perf_counter()
    results = [None] * len(samples)
    with ProcessPoolExecutor(max_workers=workers) as executor:
        futures = {}
        for i, s in enumerate(samples):
            problem = problems[s['task_id']]
            solution = s['solution'] if 'solution' in s else problem['prompt'] + s['completion']
            args = ('humaneval', i, problem, solution, expected[s['task_id']], False, True, None,
                    DEFAULT_MIN_TIME_LIMIT, DEFAULT_GT_TIME_LIMIT_FACTOR)
            futures[executor.submit(check_correctness, *args)] = i
        for future in as_completed(futures):
            results[futures[future]] = future.result()
    seconds = time.perf_counter() - t0
    base_ok = [r['base'][0] == 'pass' for r in results]
    plus_ok = [r['base'][0] == r['plus'][0] == 'pass' for r in results]
    print(json.dumps({'seconds': seconds, 'workers': workers, 'base': base_ok, 'plus': plus_ok}))
