"""Isolation primitives of the plum Python worker (Linux only): namespaces, rlimits, privilege drop.

Design note. A worker process calls `enter_worker_isolation()` once at start (a network namespace
with no interfaces up, costs nothing afterwards because workers talk to Node over pipes), and
`prepare_import_paths()` so that a job child that dropped root can still import modules that live
under /root (mode 700): every sys.path directory is opened once as a directory fd and sys.path /
package __path__ point at `/proc/self/fd/N/...`. Each job is forked by `fork_job_child()` into its
own PID namespace (unshare + fork + setns back, about the cost of a plain fork), so that when the
job's first process (pid 1 in that namespace) is killed the kernel kills every process the job
started, detached or not. `confine_child()` then applies rlimits and, when root, drops to a
per-slot uid/gid. Nothing here decides verdicts. What it does NOT do: no seccomp, no mount
namespace (world-writable dirs such as /tmp and /dev/shm stay writable by the candidate), no CPU
quota, no read protection of world-readable files.
"""
import ctypes
import os
import resource
import socket
import sys

CLONE_NEWNET = 0x40000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWUSER = 0x10000000
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38

_libc = ctypes.CDLL(None, use_errno=True)


class Isolation:
    """What this worker managed to switch on (probed, never assumed)."""

    def __init__(self):
        self.is_root = os.geteuid() == 0
        self.network_namespace = False
        self.ipc_namespace = False
        self.pid_namespace = False
        self.dropped_privileges = False
        self.notes = []
        self.own_pid_ns_fd = None
        self.path_fds = []


def _errno_text():
    err = ctypes.get_errno()
    return '%s (errno %d)' % (os.strerror(err), err)


def _network_is_unreachable():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(0.5)
    try:
        s.connect(('127.0.0.1', 9))
        return False
    except OSError as e:
        return e.errno in (101, 99)  # ENETUNREACH, EADDRNOTAVAIL: no interface is up
    finally:
        s.close()


def enter_worker_isolation(iso):
    """Once per worker: own network namespace (no interface up) and IPC namespace (System V IPC and
    POSIX message queues of its jobs never reach the machine's); probe per-job PID namespaces."""
    if _libc.unshare(CLONE_NEWNET) == 0:
        iso.network_namespace = _network_is_unreachable()
        if _libc.unshare(CLONE_NEWIPC) == 0:
            iso.ipc_namespace = True
        else:
            iso.notes.append('no IPC namespace (unshare: %s)' % _errno_text())
    elif not iso.is_root:
        uid, gid = os.geteuid(), os.getegid()
        if _libc.unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC) == 0:
            iso.ipc_namespace = True
            try:
                with open('/proc/self/setgroups', 'w') as f:
                    f.write('deny')
                with open('/proc/self/uid_map', 'w') as f:
                    f.write('0 %d 1' % uid)
                with open('/proc/self/gid_map', 'w') as f:
                    f.write('0 %d 1' % gid)
            except OSError as e:
                iso.notes.append('user namespace maps failed: %s' % e)
            _become_pid_namespace_init()
            iso.network_namespace = _network_is_unreachable()
            iso.notes.append('not root: namespaces inside an unprivileged user namespace')
        else:
            iso.notes.append('no network namespace (unshare: %s); network is reachable' % _errno_text())
    else:
        iso.notes.append('no network namespace (unshare: %s); network is reachable' % _errno_text())
    try:
        iso.own_pid_ns_fd = os.open('/proc/self/ns/pid', os.O_RDONLY)
    except OSError as e:
        iso.notes.append('no PID namespace: %s' % e)
    if iso.own_pid_ns_fd is not None:
        # Probe in a throwaway process: a failed setns back would leave OUR next forks broken.
        prober = os.fork()
        if prober == 0:
            code = 5
            try:
                pid = fork_job_child(iso, probe=True)
                if pid == 0:
                    os._exit(0 if os.getpid() == 1 else 3)
                _, status = os.waitpid(pid, 0)
                again = os.fork()  # our own namespace must still take new children
                if again == 0:
                    os._exit(0)
                os.waitpid(again, 0)
                code = 0 if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else 4
            except BaseException:
                code = 6
            os._exit(code)
        _, status = os.waitpid(prober, 0)
        iso.pid_namespace = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    if not iso.pid_namespace:
        iso.notes.append('no PID namespace per job: only the job process group is killed, '
                         'detached (setsid) descendants can survive')


def _become_pid_namespace_init():
    """After unshare(CLONE_NEWPID) without root: fork; the child (pid 1 of a namespace our user
    namespace owns, so per-job namespaces work in it) goes on as the worker, dying with its parent;
    the parent only waits for it."""
    pid = os.fork()
    if pid == 0:
        _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
        return
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except ChildProcessError:
            status = 0
            break
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _setns_back(iso):
    if _libc.setns(iso.own_pid_ns_fd, CLONE_NEWPID) != 0:
        raise OSError('setns back to own PID namespace: ' + _errno_text())


def fork_job_child(iso, probe=False):
    """Fork a job's first process, in a fresh PID namespace when available. Returns like os.fork()."""
    if iso.pid_namespace or probe:
        if _libc.unshare(CLONE_NEWPID) != 0:
            raise OSError('unshare(CLONE_NEWPID): ' + _errno_text())
        try:
            pid = os.fork()
        except OSError:
            _setns_back(iso)
            raise
        if pid != 0:  # the parent: its next children go back to its own namespace
            _setns_back(iso)
        return pid
    return os.fork()


def prepare_import_paths(iso):
    """Open every sys.path directory as an fd and import through /proc/self/fd/N (see module doc)."""
    if not iso.is_root:
        return
    mapping = []
    new_path = []
    for entry in sys.path:
        real = os.path.realpath(entry or os.getcwd())
        if not os.path.isdir(real):
            continue
        fd = os.open(real, os.O_RDONLY | os.O_DIRECTORY)
        os.set_inheritable(fd, False)
        iso.path_fds.append(fd)
        alias = '/proc/self/fd/%d' % fd
        mapping.append((real, alias))
        new_path.append(alias)
    mapping.sort(key=lambda m: -len(m[0]))
    sys.path[:] = new_path
    sys.path_importer_cache.clear()
    for mod in list(sys.modules.values()):
        paths = getattr(mod, '__path__', None)
        if not isinstance(paths, list):
            continue
        for i, p in enumerate(paths):
            rp = os.path.realpath(p)
            for real, alias in mapping:
                if rp == real or rp.startswith(real + os.sep):
                    paths[i] = alias + rp[len(real):]
                    break


_SYS_CLOSE_RANGE = 436  # x86_64 and aarch64


def close_fds_except(keep):
    """Close every fd except `keep` (close_range(2) when the kernel has it: os.closerange loops)."""
    lo = 0
    for fd in sorted(set(keep)) + [None]:
        hi = 0xFFFFFFFF if fd is None else fd - 1
        if hi >= lo:
            if _libc.syscall(_SYS_CLOSE_RANGE, ctypes.c_uint(lo), ctypes.c_uint(hi), ctypes.c_uint(0)) != 0:
                for name in os.listdir('/proc/self/fd'):
                    n = int(name)
                    if lo <= n <= hi:
                        try:
                            os.close(n)
                        except OSError:
                            pass
        if fd is not None:
            lo = fd + 1


_IPC_RMID = 0
_SYSV = (('shm', lambda i: _libc.shmctl(i, _IPC_RMID, None)),
         ('sem', lambda i: _libc.semctl(i, 0, _IPC_RMID)),
         ('msg', lambda i: _libc.msgctl(i, _IPC_RMID, None)))


def _read_small(path):
    """A /proc file's text, read with plain fds (no file object: this runs after every job)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while True:
            b = os.read(fd, 65536)
            if not b:
                return b''.join(chunks).decode('ascii', 'replace')
            chunks.append(b)
    finally:
        os.close(fd)


def remove_sysv_ipc(uid):
    """Remove the System V shared memory segments, semaphore sets and message queues owned by `uid`
    (in this process's IPC namespace). Returns how many were removed."""
    removed = 0
    for kind, rm in _SYSV:
        try:
            text = _read_small('/proc/sysvipc/' + kind)
        except OSError:
            continue
        header, _, rows = text.partition('\n')
        if not rows.strip():  # the usual case: no object at all
            continue
        header = header.split()
        if 'uid' not in header or len(header) < 2:
            continue
        col = header.index('uid')
        for row in rows.split('\n'):
            cells = row.split()
            if len(cells) > col and cells[col] == str(uid):
                if rm(int(cells[1])) == 0:
                    removed += 1
    return removed


def lane_ids(uid_base, slot, lanes, lane):
    """The uid/gid of one lane of one worker: every job running at the same time has its own."""
    uid = uid_base + slot * lanes + lane
    return uid, uid


def confine_child(iso, limits, uid, gid, workdir):
    """In the job child, before running any candidate code: rlimits, cwd, then drop root."""
    mem = int(limits['memoryMb']) * 1024 * 1024
    fsize = int(limits['fileSizeMb']) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if hasattr(resource, 'RLIMIT_MSGQUEUE'):  # no POSIX message queues: they would outlive the job
        resource.setrlimit(resource.RLIMIT_MSGQUEUE, (0, 0))
    try:  # if the machine runs out of memory, the kernel kills a job (the biggest), not plum
        fd = os.open('/proc/self/oom_score_adj', os.O_WRONLY)
        try:
            os.write(fd, b'1000')
        finally:
            os.close(fd)
    except OSError:
        pass
    if mem > 0:
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    os.chdir(workdir)
    os.environ['HOME'] = workdir
    os.environ['TMPDIR'] = workdir
    if iso.is_root and uid is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (int(limits.get('maxProcesses', 256)),) * 2)
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
        # /proc/self/fd must stay readable by ourselves for the import paths (see module doc).
        _libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
    # If the worker dies (even kill -9), the job dies with it (set after the uid change, which
    # clears it); RLIMIT_CPU is a backstop should the program clear it.
    _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    cpu = int(limits.get('jobTimeoutMs', 60000) / 1000) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def probe_confinement(iso, limits, uid, gid, workdir):
    """Fork a child, confine it like a job, and check what really holds. Returns a dict."""
    r, w = os.pipe()
    pid = fork_job_child(iso)
    if pid == 0:
        os.close(r)
        report = {}
        try:
            os.setsid()
            confine_child(iso, limits, uid, gid, workdir)
            report['memoryLimit'] = resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
            report['fileSizeLimit'] = resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY
            report['noCoreDumps'] = resource.getrlimit(resource.RLIMIT_CORE)[0] == 0
            report['pidNamespace'] = os.getpid() == 1
            report['droppedPrivileges'] = os.getuid() != 0 and os.geteuid() != 0
            try:
                with open('/etc/plum-probe-%d' % os.getpid(), 'w'):
                    pass
                report['cannotWriteOutside'] = False
            except OSError:
                report['cannotWriteOutside'] = True
            try:
                import xml.dom.minidom  # noqa: F401  (a pure-Python stdlib module not preloaded)
                import lzma  # noqa: F401  (loads the _lzma extension from lib-dynload)
                report['importsAfterDrop'] = True
            except Exception as e:  # pragma: no cover - reported
                report['importsAfterDrop'] = False
                report['importError'] = repr(e)[:200]
            report['networkUnreachable'] = _network_is_unreachable()
        except BaseException as e:  # pragma: no cover - reported
            report['error'] = repr(e)[:300]
        os.write(w, repr(report).encode())
        os._exit(0)
    os.close(w)
    chunks = []
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(r)
    os.waitpid(pid, 0)
    import ast
    try:
        return ast.literal_eval(b''.join(chunks).decode() or '{}')
    except (ValueError, SyntaxError):
        return {'error': 'probe child returned nothing'}
