"""A long-lived plum Python worker: reads jobs on stdin, forks one confined child per job, enforces
the limits itself, and writes one result line per job on stdout.

Design note. Started by the Node engine, it pre-imports common stdlib modules (numpy too, once a job
names it) and the harness, then reads its settings (first stdin line: pool slot, uid base, probe
limits, overrun, lanes; see `read_settings`), isolates itself once (network namespace), opens the
import-path fds, and then serves jobs in the order received, one at a time, except that a job
running longer than `overrun_ms` lets the next one start beside it, up to `lanes` jobs at once (each
job in its own thread of this process, with its own uid and progress page): a looping program costs
its own time limit and never holds up the jobs behind it. Forks are serialized, and lane threads
never call OpenSSL (a child must not inherit an OpenSSL lock held by another thread).
Protocol (one JSON object per line): in = `{"id", "program", "tests", "limits"}`; out =
`{"t":"hello", "protections":{...}}` once, then per job `{"t":"start","id"}` and
`{"t":"done","id","o":[outcome...],"out","err","ms"}` where an outcome is
`[verdict, ms, errorType?, message?, output?]` in test order.

Per job: a fresh temp dir (owned by the lane uid), three pipes (stdout, stderr, result channel),
a random HMAC key, and a forked child in its own PID namespace. The worker reads the child's
signed batches, drains stdout/stderr into capped buffers, and kills the child when the shared
progress page says the current test ran past its limit (plus a grace), when the job's wall clock
runs out, or when the result channel closes. Tests without a verdict after a kill or a crash are
continued in a new child (flushing every record), so each test gets its own verdict. A pass is
recorded only from a signed record of that test; a job without a signed end mark never passes.
It does NOT sandbox the worker itself (it is trusted and stays root).
"""
import os
import sys

os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('OMP_NUM_THREADS', '1')
os.environ.setdefault('MKL_NUM_THREADS', '1')

import gc  # noqa: E402
import importlib.util  # noqa: E402
from _operator import _compare_digest  # noqa: E402 - constant time, not OpenSSL's
import json  # noqa: E402
import mmap  # noqa: E402
import queue  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import select  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import stat as stat_module  # noqa: E402
import struct  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# Stdlib modules a worker imports before forking the first job whose program or test code imports
# them by name (`import x`, `from x import`), once: every later child has them for free. Imported on
# demand, not at start, as a worker with fewer modules starts sooner and forks faster (a child copies
# less); a module imported some other way is imported by the child itself, as it would be anywhere.
PRELOAD = frozenset((
    'abc argparse array ast base64 bisect builtins calendar cmath collections collections.abc '
    'contextlib copy csv dataclasses datetime decimal difflib enum fractions functools gc hashlib '
    'heapq inspect io itertools json keyword locale math numbers operator pickle pprint queue random '
    're string statistics struct sys textwrap time types typing unicodedata unittest uuid '
    'warnings weakref zlib threading traceback'
).split())
IMPORT_LINE = re.compile(r'^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([^\n#;]+))', re.M)
NUMPY_PRELOAD = ('numpy', 'numpy.linalg', 'numpy.random', 'numpy.fft', 'numpy.polynomial')
# A job whose program or test code names one of these gets numpy preloaded in its worker first
# (once per worker): importing numpy costs ~0.13 s, and a worker without it forks faster.
NUMPY_HINTS = ('numpy', 'scipy', 'pandas', 'sklearn', 'matplotlib', 'torch')

GRACE_SECONDS = 0.2
BATCH_RECORDS = 512


def preload(names, give_up=False):
    """Import `names`; returns those imported. A missing one is skipped, or with `give_up` ends the
    list (numpy's submodules are pointless without numpy)."""
    loaded = []
    for name in names:
        try:
            __import__(name)
            loaded.append(name)
        except Exception:
            if give_up:
                break
    return loaded


def job_code(job):
    """The program and test code of a job (call tests carry only arguments)."""
    texts = [job.get('program') or '']
    texts.extend(t.get('code') or '' for t in job['tests'] if t.get('kind') != 'call')
    return texts


def names_numpy(texts):
    """Whether the code mentions a module that imports numpy."""
    return any(hint in text for text in texts for hint in NUMPY_HINTS)


def imports_to_preload(texts):
    """The PRELOAD modules the code imports by name that this process has not imported yet."""
    found = set()
    for text in texts:
        if 'import' not in text:
            continue
        for m in IMPORT_LINE.finditer(text):
            names = [m.group(1)] if m.group(1) else [part.split()[0] for part in m.group(2).split(',') if part.split()]
            for name in names:
                while name:  # `import collections.abc`, `import os.path`: the longest listed prefix
                    if name in PRELOAD:
                        if name not in sys.modules:
                            found.add(name)
                        break
                    name = name.rpartition('.')[0]
    return sorted(found)


import sandbox  # noqa: E402
import harness  # noqa: E402


class Capture:
    """Keeps the first `cap` bytes read from a pipe, counts and discards the rest."""

    def __init__(self, cap):
        self.cap = cap
        self.parts = []
        self.size = 0
        self.dropped = 0

    def feed(self, data):
        room = self.cap - self.size
        if room > 0:
            self.parts.append(data[:room])
            self.size += min(room, len(data))
        if len(data) > room:
            self.dropped += len(data) - max(room, 0)

    def text(self):
        s = b''.join(self.parts).decode('utf-8', 'replace')
        if self.dropped:
            s += '\n[plum: %d more bytes discarded]' % self.dropped
        return s


class Lines:
    """Complete lines out of a byte stream read in chunks. Only each new chunk is searched for
    newlines, so a long line costs linear time; `pending` is the size of the unfinished line."""

    def __init__(self):
        self.parts = []
        self.pending = 0

    def feed(self, data):
        lines = []
        start = 0
        while True:
            nl = data.find(b'\n', start)
            if nl < 0:
                break
            self.parts.append(data[start:nl])
            lines.append(b''.join(self.parts))
            self.parts = []
            self.pending = 0
            start = nl + 1
        if start < len(data):
            self.parts.append(data[start:])
            self.pending += len(data) - start
        return lines


class Inbox:
    """Job lines from Node (one JSON object per line), read without blocking."""

    def __init__(self, fd):
        self.fd = fd
        self.lines = Lines()
        self.jobs = []
        self.eof = False
        os.set_blocking(fd, False)

    def read_available(self):
        while not self.eof:
            try:
                data = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return
            if not data:
                self.eof = True
                return
            self.jobs.extend(json.loads(line) for line in self.lines.feed(data) if line.strip())


class Lane:
    """One job running at a time in a worker: its uid (when root) and its progress page."""

    def __init__(self, index, uid, gid):
        self.index = index
        self.uid = uid
        self.gid = gid
        self.beacon = mmap.mmap(-1, mmap.PAGESIZE, flags=mmap.MAP_SHARED)


SHARED_DIR_CANDIDATES = ('/tmp', '/var/tmp', '/dev/shm', '/run/lock', '/run/shm')


def shared_dirs():
    """The world-writable directories a candidate may leave files in (real paths, no duplicates)."""
    found = []
    for d in SHARED_DIR_CANDIDATES:
        try:
            st = os.stat(d)
        except OSError:
            continue
        real = os.path.realpath(d)
        if stat_module.S_ISDIR(st.st_mode) and st.st_mode & 0o002 and real not in found:
            found.append(real)
    return found


class Worker:
    def __init__(self, slot, uid_base, lanes, preloaded):
        self.slot = slot
        self.iso = sandbox.Isolation()
        sandbox.enter_worker_isolation(self.iso)
        self.preloaded = list(preloaded)
        harness.ORACLES = harness.load_oracles()
        sandbox.prepare_import_paths(self.iso)
        ids = [sandbox.lane_ids(uid_base, slot, lanes, i) if self.iso.is_root else (None, None) for i in range(lanes)]
        self.lanes = [Lane(i, uid, gid) for i, (uid, gid) in enumerate(ids)]
        self.root_dir = tempfile.mkdtemp(prefix='plum-w%d-' % slot, dir='/tmp')
        os.chmod(self.root_dir, 0o711)
        # Forks happen one at a time (a job's pipes reach only its own child). Lane threads never
        # call OpenSSL (harness.mac), so no child inherits an OpenSSL lock held by another thread.
        self.fork_lock = threading.Lock()
        self.numpy_loaded = False
        self.shared_dirs = shared_dirs() if self.iso.is_root else []
        self.counter_lock = threading.Lock()
        self.keep_fds = set(self.iso.path_fds)
        self.job_counter = 0
        soft, _ = __import__('resource').getrlimit(__import__('resource').RLIMIT_NOFILE)
        self.high_fd_range = (200, max(201, min(soft, 1024) - 1))
        # The job child's sys.stdin/stdout/stderr, made once here on fds 0-2 (which each child points
        # at its own pipes before using them): making them in every child cost ~0.3 ms a job. The
        # worker never uses them, so every child starts with empty buffers.
        self.child_stdio = (open(0, 'r', encoding='utf-8', closefd=False),
                            open(1, 'w', encoding='utf-8', errors='replace', closefd=False),
                            open(2, 'w', encoding='utf-8', errors='replace', closefd=False))
        gc.collect()
        gc.freeze()  # forked children never scan (and so never copy) the worker's objects

    # ---------------------------------------------------------------- protections

    def protections(self, default_limits):
        workdir = self.make_workdir()
        try:
            probe = sandbox.probe_confinement(self.iso, default_limits, self.lanes[0].uid, self.lanes[0].gid, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        notes = list(self.iso.notes)
        if 'error' in probe:
            notes.append('probe failed: ' + probe['error'])
        if probe.get('importsAfterDrop') is False:
            notes.append('imports after dropping privileges fail: ' + probe.get('importError', ''))
        if not self.iso.is_root:
            notes.append('not running as root: the candidate runs as the same user as plum and can '
                         'write wherever that user can, and signal its processes')
        elif not probe.get('cannotWriteOutside'):
            notes.append('the candidate could write outside its directory')
        if self.shared_dirs:
            notes.append('world-writable directories (%s) are writable by the candidate during its job; '
                         'what its uid leaves at their top level is deleted when the job ends'
                         % ', '.join(self.shared_dirs))
        else:
            notes.append('world-writable directories (/tmp, /dev/shm) stay writable, and what a job '
                         'leaves there stays')
        notes.append('no seccomp filter; no CPU quota beyond the time limits')
        return {
            'freshTempDir': True,
            'memoryLimit': bool(probe.get('memoryLimit')),
            'fileSizeLimit': bool(probe.get('fileSizeLimit')),
            'noCoreDumps': bool(probe.get('noCoreDumps')),
            'outputCap': True,
            'networkNamespace': bool(self.iso.network_namespace and probe.get('networkUnreachable')),
            'ipcNamespace': bool(self.iso.ipc_namespace),
            'pidNamespace': bool(probe.get('pidNamespace')),
            'droppedPrivileges': bool(probe.get('droppedPrivileges')),
            'killsDetachedDescendants': bool(probe.get('pidNamespace')),
            'notes': notes,
            'details': {'uid': self.lanes[0].uid, 'preloaded': len(self.preloaded),
                        'numpy': importlib.util.find_spec('numpy') is not None,
                        'importsAfterDrop': probe.get('importsAfterDrop')},
        }

    # ---------------------------------------------------------------- one job

    def make_workdir(self, lane=None):
        lane = lane or self.lanes[0]
        with self.counter_lock:
            self.job_counter += 1
            n = self.job_counter
        path = os.path.join(self.root_dir, 'j%d-%s' % (n, os.urandom(4).hex()))
        os.mkdir(path, 0o700)
        if lane.uid is not None:
            os.chown(path, lane.uid, lane.gid)
        return path

    def run_job(self, job, lane):
        t_start = time.monotonic()
        tests = job['tests']
        limits = job['limits']
        n = len(tests)
        outcomes = [None] * n
        out_cap = Capture(int(limits['outputBytes']))
        err_cap = Capture(int(limits['outputBytes']))
        # the job's wall clock: its end moves when the job is owed time (harness.owed)
        clock = {'start': t_start, 'limit': limits['jobTimeoutMs'] / 1000.0, 'extra': 0.0, 'waited': 0.0}
        max_timeouts = int(limits.get('maxTimeouts') or n or 1)
        marks = self.mark_shared_dirs()
        workdir = self.make_workdir(lane)
        todo = list(range(n))
        flush_every = BATCH_RECORDS
        load_failure = None
        try:
            while True:
                job['timeoutBudget'] = max_timeouts - sum(1 for o in outcomes if o is not None and o[0] == 'timeout')
                status = self.run_child(job, todo, workdir, flush_every, out_cap, err_cap, clock, lane)
                for rec in status['records']:
                    idx = rec[0]
                    if 0 <= idx < n and outcomes[idx] is None and idx in status['todo_set']:
                        outcomes[idx] = rec[1:]
                load = status.get('load')
                if load is not None:  # the program did not load: the same verdict for every test left
                    load_failure = load
                    for i in todo:
                        if outcomes[i] is None:
                            outcomes[i] = [load[0], 0, load[1], load[2]]
                    break
                if status.get('all') is not None:  # e.g. a tampered channel: one verdict for all left
                    for i in todo:
                        if outcomes[i] is None:
                            outcomes[i] = status['all']
                    break
                if status['ended']:
                    break
                cur = status['current']
                if cur is None:
                    cur = -3
                if cur == -1:  # died or timed out while loading the program
                    load_failure = [status['verdict'], status['etype'], status['message']]
                    for i in todo:
                        if outcomes[i] is None:
                            outcomes[i] = [status['verdict'], 0, status['etype'], status['message']]
                    break
                if 0 <= cur < n and outcomes[cur] is None and cur in status['todo_set']:
                    outcomes[cur] = [status['verdict'], status['test_ms'], status['etype'], status['message']]
                if status['job_timeout']:
                    for i in todo:
                        if outcomes[i] is None:
                            outcomes[i] = ['timeout', 0, None, 'job wall-clock limit reached before this test ran']
                    break
                timeouts = sum(1 for o in outcomes if o is not None and o[0] == 'timeout')
                if timeouts >= max_timeouts:  # a looping program costs one limit, not one per test
                    for i in todo:
                        if outcomes[i] is None:
                            outcomes[i] = ['timeout', 0, None, 'not run: the job stopped at its timeout limit']
                    break
                left = [i for i in todo if outcomes[i] is None]
                if not left:
                    break
                if len(left) == len(todo):  # no progress: never loop
                    for i in left:
                        outcomes[i] = ['crash', 0, status['etype'], 'the harness lost track of this test']
                    break
                todo = left
                flush_every = 1
        finally:
            try:
                os.rmdir(workdir)  # the usual case: the job left nothing
            except OSError:
                shutil.rmtree(workdir, ignore_errors=True)
            self.remove_leftovers(lane, marks)
        for i in range(n):
            if outcomes[i] is None:
                outcomes[i] = ['crash', 0, None, 'no verdict was reported for this test']
        return {'o': outcomes, 'lv': load_failure, 'out': out_cap.text(), 'err': err_cap.text(),
                'ms': round((time.monotonic() - t_start) * 1000, 3)}

    def mark_shared_dirs(self):
        marks = []
        for d in self.shared_dirs:
            try:
                marks.append((d, os.stat(d).st_mtime_ns))
            except OSError:
                pass
        return marks

    def remove_leftovers(self, lane, marks):
        """Delete what the job's uid left at the top of /tmp, /dev/shm... and its System V IPC
        objects (its processes are all dead by now), so that no later job sees them. A directory
        that did not change is not listed."""
        if lane.uid is None:
            return
        sandbox.remove_sysv_ipc(lane.uid)
        for d, before in marks:
            try:
                if os.stat(d).st_mtime_ns == before:
                    continue
                with os.scandir(d) as entries:
                    listed = list(entries)
            except OSError:
                continue
            for e in listed:
                try:
                    if e.stat(follow_symlinks=False).st_uid != lane.uid:
                        continue
                    if e.is_dir(follow_symlinks=False):
                        shutil.rmtree(e.path, ignore_errors=True)  # fd-based: never follows links
                    else:
                        os.unlink(e.path)
                except OSError:
                    pass

    @staticmethod
    def read_beacon(beacon):
        """(current test index, its start time) from the shared page: two equal reads in a row."""
        for _ in range(1000):
            a = struct.unpack_from('<qd', beacon, 0)
            if a == struct.unpack_from('<qd', beacon, 0) and a[1] > 0:
                return a
        return (-3, 1e-9)  # scribbled over by the program: its deadline is now

    @staticmethod
    def comparing_index(cur):
        """The test index when the beacon says a call test is comparing its output (harness COMPARING), else None."""
        return harness.COMPARING - cur if cur <= harness.COMPARING else None

    def run_child(self, job, todo, workdir, flush_every, out_cap, err_cap, clock, lane):
        limits = job['limits']
        per_test = limits['testTimeoutMs'] / 1000.0
        key = os.urandom(32)
        beacon = lane.beacon
        chan_fd = random.randint(*self.high_fd_range)
        struct.pack_into('<qd', beacon, 0, -1, time.monotonic())
        code = job_code(job)  # read outside the lock
        wants_numpy = not self.numpy_loaded and names_numpy(code)
        wanted = imports_to_preload(code)
        with self.fork_lock:  # no other job's fork in between: pipes reach only this child
            # imports under the fork lock: no child is forked while an import holds the import lock
            if wanted:
                self.preloaded.extend(preload(wanted))
            if wants_numpy and not self.numpy_loaded:
                self.preloaded.extend(preload(NUMPY_PRELOAD, give_up=True))
                self.numpy_loaded = True
            if wanted or wants_numpy:
                gc.collect()
                gc.freeze()
            out_r, out_w = os.pipe()
            err_r, err_w = os.pipe()
            res_r, res_w = os.pipe()
            pid = sandbox.fork_job_child(self.iso)
            if pid == 0:  # ------------------------------------------------ the job child
                try:
                    for other in self.lanes:  # other jobs' progress pages are not this job's business
                        if other is not lane:
                            other.beacon.close()
                    os.setsid()
                    devnull = os.open(os.devnull, os.O_RDONLY)
                    os.dup2(devnull, 0)
                    os.dup2(out_w, 1)
                    os.dup2(err_w, 2)
                    os.dup2(res_w, chan_fd)
                    sandbox.close_fds_except(self.keep_fds | {0, 1, 2, chan_fd})
                    sys.stdin, sys.stdout, sys.stderr = self.child_stdio
                    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
                    sandbox.confine_child(self.iso, limits, lane.uid, lane.gid, workdir)
                    harness.run_job_child(job, todo, chan_fd, key, beacon, flush_every)
                except BaseException:
                    pass
                os._exit(70)
            for fd in (out_w, err_w, res_w):
                os.close(fd)
        # ---------------------------------------------------------------- the worker
        forked = time.monotonic()
        pidfd = os.pidfd_open(pid)
        for fd in (out_r, err_r, res_r):
            os.set_blocking(fd, False)
        records = []
        todo_set = set(todo)
        status = {'records': records, 'todo_set': todo_set, 'ended': False, 'load': None,
                  'current': None, 'verdict': 'crash', 'etype': None, 'message': None,
                  'test_ms': 0, 'job_timeout': False}
        channel = {'seq': 0, 'bad': None}
        channel_lines = Lines()

        def accept(line):
            mac, _, body = line.partition(b' ')
            good = _compare_digest(mac, harness.mac(key, body))  # OpenSSL-free: see harness.mac
            msg = json.loads(body) if good else None
            if not good or msg.get('q') != channel['seq'] or status['ended']:
                channel['bad'] = 'a forged or out-of-order record on the result channel'
                return
            channel['seq'] += 1
            records.extend(msg.get('r', ()))
            if 'L' in msg:
                status['load'] = msg['L']
            if msg.get('E'):
                status['ended'] = True

        def consume(data):
            for line in channel_lines.feed(data):
                if channel['bad'] is not None:
                    return
                accept(line)
            if channel_lines.pending > (256 << 20):
                channel['bad'] = 'an oversized record on the result channel'

        open_fds = {out_r: out_cap, err_r: err_cap, res_r: None}
        exited = False
        killed_for = None
        test_owed = ((-3, 0.0), 0.0)  # ((index, start) of the test owed time, seconds owed)
        waited = 0.0  # the child's run-queue wait, as last read
        while True:
            now = time.monotonic()
            cur, started = self.read_beacon(beacon)
            job_deadline = clock['start'] + clock['limit'] + clock['extra']
            limit = per_test
            comparing = self.comparing_index(cur)
            if comparing is not None:  # the call returned in time: the comparison has the job's wall clock
                cur, limit = comparing, None
            elif 0 <= cur < len(job['tests']):
                t_lim = job['tests'][cur].get('timeoutMs')
                if t_lim:
                    limit = t_lim / 1000.0
            elif cur == -2:
                limit = None
            extra = test_owed[1] if test_owed[0] == (cur, started) else 0.0
            if limit is None:
                deadline = min(now + 5.0, job_deadline) if cur == -2 else job_deadline  # -2: flushing the end record
            else:
                deadline = min(started + limit + extra + GRACE_SECONDS, job_deadline)
            wait = deadline - now
            if wait <= 0:
                again = self.read_beacon(beacon)
                if again != (cur, started) and job_deadline > now:
                    continue
                # Time the child waited for a core is owed to it (harness.OWED_SHARE): the test's
                # start is the program's word (the beacon), the job's is the worker's own.
                waited = harness.run_queue_wait(pid)
                clock['extra'] = max(clock['extra'], harness.owed(clock['waited'] + waited, 0.0, clock['limit']))
                job_deadline = clock['start'] + clock['limit'] + clock['extra']
                test_deadline = float('inf')
                if limit is not None:
                    test_owed = ((cur, started), max(extra, harness.owed(waited, started - forked, limit)))
                    test_deadline = started + limit + test_owed[1] + GRACE_SECONDS
                if min(test_deadline, job_deadline) > now + 0.001:
                    continue
                killed_for = 'job' if job_deadline <= now else 'test'
                status['current'] = cur
                status['test_ms'] = round((now - started) * 1000, 3)
                break
            ready, _, _ = select.select(list(open_fds) + [pidfd], [], [], wait)
            for fd in ready:
                if fd == pidfd:
                    exited = True
                    continue
                try:
                    data = os.read(fd, 1 << 20)
                except BlockingIOError:
                    continue
                if not data:
                    del open_fds[fd]
                    continue
                cap = open_fds[fd]
                if cap is not None:
                    cap.feed(data)
                else:
                    consume(data)
            if channel['bad'] is not None or exited or res_r not in open_fds:
                break
        # ------------------------------------------------------------ end of the child
        clock['waited'] += waited  # as last read (0 if never): a later child's job time counts it
        cur_after, started_after = self.read_beacon(beacon)
        if not exited and killed_for is None:  # the channel closed: give a dying child a moment
            exited = bool(select.select([pidfd], [], [], 0.1)[0])
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if not self.iso.pid_namespace:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        _, wstatus = os.waitpid(pid, 0)
        os.close(pidfd)
        for fd in list(open_fds):  # the job's processes are gone: drain what they left
            cap = open_fds[fd]
            try:
                while True:
                    data = os.read(fd, 1 << 20)
                    if not data:
                        break
                    if cap is not None:
                        cap.feed(data)
                    elif channel['bad'] is None:
                        consume(data)
            except BlockingIOError:
                pass
        bad_channel = channel['bad']
        for fd in (out_r, err_r, res_r):
            os.close(fd)
        if status['ended'] and bad_channel is None:
            return status
        status['ended'] = False
        status['load'] = None
        if status['current'] is None:
            status['current'] = cur_after if self.comparing_index(cur_after) is None else self.comparing_index(cur_after)
            status['test_ms'] = round((time.monotonic() - started_after) * 1000, 3)
        if bad_channel is not None:
            # nothing from a tampered channel is trusted, not even earlier batches
            records.clear()
            status['verdict'], status['etype'], status['message'] = 'crash', 'ResultChannel', bad_channel
        elif killed_for == 'test':
            status['verdict'], status['message'] = 'timeout', 'killed after the time limit'
        elif killed_for == 'job':
            status['verdict'], status['message'] = 'timeout', 'killed at the job wall-clock limit'
            status['job_timeout'] = True
        elif exited and os.WIFSIGNALED(wstatus):
            sig = os.WTERMSIG(wstatus)
            status['verdict'], status['etype'] = 'crash', signal.Signals(sig).name
            status['message'] = 'killed by %s' % signal.Signals(sig).name
        elif os.WIFEXITED(wstatus):
            status['verdict'], status['etype'] = 'crash', 'exit'
            status['message'] = 'the program exited (status %d) during the test' % os.WEXITSTATUS(wstatus)
        else:
            status['verdict'], status['etype'] = 'crash', 'channel'
            status['message'] = 'the result channel closed during the test'
        if bad_channel is not None:
            # nothing this child reported is trusted: every test it was given ends as a crash
            status['all'] = ['crash', 0, 'ResultChannel', bad_channel]
        return status


def write_line(fd, obj):
    data = (json.dumps(obj, separators=(',', ':')) + '\n').encode()
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


PART_BYTES = 8 << 20


def write_result(fd, job_id, result):
    """The result line; huge outcome lists (e.g. recorded outputs) go first as bounded 'part' lines."""
    outcomes = result.pop('o')
    start = 0
    size = 0
    for i, o in enumerate(outcomes):
        size += 64 + sum(len(x) for x in o if isinstance(x, str))
        if size > PART_BYTES and i + 1 < len(outcomes):
            write_line(fd, {'t': 'part', 'id': job_id, 'o': outcomes[start:i + 1]})
            start = i + 1
            size = 0
    result.update({'t': 'done', 'id': job_id, 'o': outcomes[start:]})
    write_line(fd, result)


def serve(worker, inbox, proto_out, overrun):
    """Run jobs as they come, one at a time, except that a job running longer than `overrun`
    seconds no longer holds up the next one: it goes on in its lane while the next job starts in
    another (up to one job per lane). So a looping program costs its own time limit and does not
    delay the jobs queued behind it. Lane threads live as long as the worker: no thread is created
    or ends while another one forks."""
    out_lock = threading.Lock()
    wake_r, wake_w = os.pipe()
    finished = []
    running = {}  # lane index -> start time (monotonic)
    free = list(reversed(worker.lanes))
    inboxes = {}

    def lane_loop(lane, jobs):
        while True:
            job = jobs.get()
            if job is None:
                return
            try:
                result = worker.run_job(job, lane)
            except Exception as e:  # a bug of ours: a crash verdict for this job, the worker goes on
                traceback.print_exc()
                message = 'internal error of the plum worker: %s: %s' % (type(e).__name__, str(e)[:200])
                result = {'o': [['crash', 0, 'HarnessError', message] for _ in job['tests']],
                          'lv': None, 'out': '', 'err': '', 'ms': 0, 'lost': True}
            try:
                with out_lock:
                    write_result(proto_out, job['id'], result)
            except OSError:  # Node is gone (broken pipe): nobody to report to
                os._exit(0)
            finished.append(lane)  # list.append is atomic; the main loop collects it
            os.write(wake_w, b'.')

    threads = []
    for lane in worker.lanes:
        inboxes[lane.index] = queue.SimpleQueue()
        t = threading.Thread(target=lane_loop, args=(lane, inboxes[lane.index]), daemon=True)
        t.start()
        threads.append(t)

    while True:
        while finished:
            lane = finished.pop()
            del running[lane.index]
            free.append(lane)
        now = time.monotonic()
        young = [t for t in running.values() if now - t < overrun]
        while inbox.jobs and not young and free:
            job = inbox.jobs.pop(0)
            lane = free.pop()
            running[lane.index] = now
            young.append(now)
            try:
                with out_lock:
                    write_line(proto_out, {'t': 'start', 'id': job['id']})
            except OSError:  # Node is gone
                os._exit(0)
            inboxes[lane.index].put(job)
        if inbox.eof and not inbox.jobs and not running:
            break
        timeout = None
        if inbox.jobs and young and free:
            timeout = max(0.0, min(young) + overrun - now)
        watch = [wake_r] if inbox.eof else [wake_r, inbox.fd]
        ready, _, _ = select.select(watch, [], [], timeout)
        if wake_r in ready:
            os.read(wake_r, 4096)
        if inbox.fd in ready:
            inbox.read_available()
    for lane in worker.lanes:
        inboxes[lane.index].put(None)
    for t in threads:
        t.join()


def read_settings(fd):
    """The first line on stdin: `{"slot", "uidBase", "defaults", "overrunMs", "lanes", "owedShare",
    "maxStretch"}` (WorkerSettings in languages/language.ts). Node sends it
    when it takes this process for a pool slot, which may be well after the process started (a
    standby worker, started while the CLI loads); EOF first means it was never taken: exit."""
    data = b''
    while b'\n' not in data:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            os._exit(0)
        data += chunk
    line, _, rest = data.partition(b'\n')
    return json.loads(line), rest


def main():
    # Private copies of the protocol pipes; fds 0/1 are pointed at /dev/null so that nothing
    # (including a child before it redirects) can write protocol lines by accident.
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    preloaded = [m for m in PRELOAD if m in sys.modules]  # what the worker itself imported
    settings, rest = read_settings(proto_in)
    harness.OWED_SHARE = float(settings['owedShare'])
    harness.MAX_STRETCH = float(settings['maxStretch'])
    worker = Worker(int(settings['slot']), int(settings['uidBase']), int(settings['lanes']), preloaded)
    write_line(proto_out, {'t': 'hello', 'pid': os.getpid(), 'protections': worker.protections(settings['defaults'])})
    inbox = Inbox(proto_in)
    inbox.jobs.extend(json.loads(line) for line in inbox.lines.feed(rest) if line.strip())
    serve(worker, inbox, proto_out, float(settings['overrunMs']) / 1000.0)
    shutil.rmtree(worker.root_dir, ignore_errors=True)


if __name__ == '__main__':
    main()
